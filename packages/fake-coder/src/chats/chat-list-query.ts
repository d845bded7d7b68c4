import { invalidChatLabelFilterMessage, parseChatLabelFilter } from '@coder-tasks/types';
import { errorReply, type Reply } from '../http/reply';
import { positiveInt, type QueryValidation } from './chat-query-params';
import type { ChatRecord } from './chat-record';

// `GET /chats` query parameters: `q` search terms, repeated AND-ed `label=key:value`, and paging.

/** The filters and paging of a list request. */
export interface ChatListQuery {
  archived: boolean;
  title: string | undefined;
  search: string | undefined;
  hasUnread: boolean | undefined;
  labels: { key: string; value: string }[];
  limit: number;
  offset: number;
  afterId: string | undefined;
}

/** Terms coderd's chat search accepts; the fake filters on the first four and accepts the rest. */
const KEYS = new Set([
  'archived',
  'title',
  'search',
  'has_unread',
  'pr_status',
  'source',
  'diff_url',
  'pr',
  'repo',
  'pr_title',
]);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses the query, or answers coderd's 400s. */
export function parseChatListQuery(query: URLSearchParams): { query: ChatListQuery } | { reply: Reply } {
  const out: ChatListQuery = {
    archived: false,
    title: undefined,
    search: undefined,
    hasUnread: undefined,
    labels: [],
    limit: 50,
    offset: 0,
    afterId: undefined,
  };
  const invalid: { field: string; detail: string }[] = [];
  for (const term of (query.get('q') ?? '').split(/\s+/).filter(Boolean)) {
    const colon = term.indexOf(':');
    const key = colon > 0 ? term.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? term.slice(colon + 1) : '';
    if (!key || !value) {
      invalid.push({
        field: 'q',
        detail: `Query element ${JSON.stringify(term)} must be of the form key:value`,
      });
    } else if (!KEYS.has(key)) {
      invalid.push({ field: key, detail: `Query param ${JSON.stringify(key)} is not a valid query param` });
    } else if (key === 'archived' || key === 'has_unread') {
      if (value !== 'true' && value !== 'false') {
        invalid.push({ field: key, detail: `Query param ${JSON.stringify(key)} must be a valid boolean` });
      } else if (key === 'archived') out.archived = value === 'true';
      else out.hasUnread = value === 'true';
    } else if (key === 'title') out.title = value.toLowerCase();
    else if (key === 'search') out.search = value.toLowerCase();
  }
  if (invalid.length > 0) return { reply: errorReply(400, 'Invalid chat search query.', undefined, invalid) };
  for (const raw of query.getAll('label')) {
    const label = parseChatLabelFilter(raw);
    if (!label) return { reply: errorReply(400, invalidChatLabelFilterMessage(raw)) };
    out.labels.push(label);
  }
  const paging: QueryValidation[] = [];
  const after = query.get('after_id');
  if (after) {
    if (UUID_RE.test(after)) out.afterId = after.toLowerCase();
    else paging.push({ field: 'after_id', detail: 'Query param "after_id" must be a valid uuid' });
  }
  const limit = positiveInt(query, 'limit', 0, 32, paging);
  out.limit = limit === 0 ? 50 : limit;
  out.offset = positiveInt(query, 'offset', 0, 32, paging);
  if (paging.length > 0)
    return { reply: errorReply(400, 'Query parameters have invalid values.', undefined, paging) };
  return { query: out };
}

/** Whether a chat passes the filters (ownership is checked by the caller). */
export function matchesChatQuery(chat: ChatRecord, q: ChatListQuery): boolean {
  if (chat.archived !== q.archived) return false;
  if (q.title !== undefined && !chat.title.toLowerCase().includes(q.title)) return false;
  if (q.search !== undefined && !chat.title.toLowerCase().includes(q.search)) return false;
  if (q.hasUnread !== undefined && chat.hasUnread !== q.hasUnread) return false;
  return q.labels.every((l) => chat.labels[l.key] === l.value);
}

/** coderd's list order: pinned chats first by `pin_order`, then `updated_at` and `id`, newest first. */
export function compareChats(a: ChatRecord, b: ChatRecord): number {
  const pa = a.pinOrder > 0 ? a.pinOrder : Number.POSITIVE_INFINITY;
  const pb = b.pinOrder > 0 ? b.pinOrder : Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
