import { formatTimestamp } from '@coder-tasks/types';
import { lastErrorIsObject } from './chat-generation';
import type { ChatMessageRecord, ChatRecord, QueuedMessageRecord } from './chat-record';
import type { FakeChatDiffStatus, FakeChatError } from './chat-script';
import type { ChatsModel } from './chats-model';

// Chats rows to JSON as codersdk writes them: Go field order, omitempty fields left out, and the fields
// without omitempty present on every value whatever its type (a tool-call part still has `"text":""`).

/** Formats a record time (integer microseconds) as Go writes a time.Time. */
export function chatTime(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return formatTimestamp(new Date(ms), (micros - ms * 1000) * 1000);
}

/**
 * `ChatMessagePart` fields in Go order, with whether they are always written: `true` for fields without
 * omitempty, `null` for uuid.NullUUID fields (omitempty never drops a struct, so an unset one is `null`).
 */
const PART_FIELDS: [string, boolean | null][] = [
  ['type', true],
  ['text', true],
  ['tool_call_id', false],
  ['tool_name', false],
  ['mcp_server_config_id', null],
  ['args', false],
  ['args_delta', false],
  ['parsed_commands', false],
  ['result', false],
  ['result_delta', false],
  ['result_reset', false],
  ['is_error', false],
  ['is_media', false],
  ['source_id', false],
  ['url', true],
  ['title', false],
  ['media_type', true],
  ['name', false],
  ['data', false],
  ['file_id', null],
  ['file_name', true],
  ['start_line', true],
  ['end_line', true],
  ['content', true],
  ['provider_executed', false],
  ['hook_rewritten', false],
  ['created_at', false],
  ['completed_at', false],
  ['context_file_path', true],
  ['context_file_truncated', false],
  ['context_file_agent_id', null],
  ['skill_name', true],
  ['skill_description', false],
];
const NUMERIC_ALWAYS = new Set(['start_line', 'end_line']);
const KNOWN_PART_FIELDS = new Set(PART_FIELDS.map(([f]) => f));

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    value === 0 ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A part in Go's field order; unknown fields of a part (a newer server's) are kept at the end. */
export function partJson(part: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, always] of PART_FIELDS) {
    const value = part[field];
    if (always === null) out[field] = value ?? null;
    else if (always) out[field] = value ?? (NUMERIC_ALWAYS.has(field) ? 0 : '');
    else if (!isEmpty(value)) out[field] = value;
  }
  for (const [field, value] of Object.entries(part)) {
    if (!KNOWN_PART_FIELDS.has(field) && value !== undefined) out[field] = value;
  }
  return out;
}

/** The text of a message's `text` parts, joined. */
export function textOf(parts: Record<string, unknown>[]): string {
  return parts
    .filter((p) => p.type === 'text')
    .map((p) => String(p.text ?? ''))
    .join('');
}

/** A `ChatMessage`. */
export function messageJson(m: ChatMessageRecord): Record<string, unknown> {
  return {
    id: m.id,
    chat_id: m.chatId,
    ...(m.createdBy ? { created_by: m.createdBy } : {}),
    ...(m.modelConfigId ? { model_config_id: m.modelConfigId } : {}),
    created_at: chatTime(m.createdAt),
    role: m.role,
    ...(m.parts.length > 0 ? { content: m.parts.map(partJson) } : {}),
  };
}

/** A `ChatQueuedMessage`. */
export function queuedJson(q: QueuedMessageRecord): Record<string, unknown> {
  return { id: q.id, chat_id: q.chatId, content: q.parts.map(partJson), created_at: chatTime(q.createdAt) };
}

/** A `ChatError`. */
export function chatErrorJson(e: FakeChatError): Record<string, unknown> {
  return {
    message: e.message,
    ...(e.detail ? { detail: e.detail } : {}),
    kind: e.kind || 'generic',
    ...(e.provider ? { provider: e.provider } : {}),
    retryable: e.retryable ?? false,
    ...(e.statusCode ? { status_code: e.statusCode } : {}),
  };
}

/** `last_error` as the generation writes it: a `ChatError`, or before coderd #24919 its message only. */
export function lastErrorJson(model: ChatsModel, e: FakeChatError): unknown {
  const format = model.settings.lastErrorFormat;
  const asObject = format === 'auto' ? lastErrorIsObject(model.world.version) : format === 'object';
  return asObject ? chatErrorJson(e) : e.message;
}

/** A `ChatDiffStatus`, in codersdk's field order. */
export function diffStatusJson(chatId: string, d: FakeChatDiffStatus): Record<string, unknown> {
  const optional = (entries: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(entries).filter(([, v]) => !isEmpty(v)));
  return {
    chat_id: chatId,
    ...optional({ url: d.url, pull_request_state: d.pullRequestState }),
    pull_request_title: d.pullRequestTitle ?? '',
    pull_request_draft: d.pullRequestDraft ?? false,
    changes_requested: d.changesRequested ?? false,
    additions: d.additions ?? 0,
    deletions: d.deletions ?? 0,
    changed_files: d.changedFiles ?? 0,
    ...optional({
      author_login: d.authorLogin,
      base_branch: d.baseBranch,
      head_branch: d.headBranch,
      pr_number: d.prNumber,
      commits: d.commits,
      approved: d.approved,
      reviewer_count: d.reviewerCount,
    }),
  };
}

/**
 * A `Chat`. `single` is a one-chat read (get, interrupt), which adds the derived `queued_for_capacity`
 * (never true here: the fake has no concurrency limit, so it is left out as omitempty does).
 */
export function chatJson(model: ChatsModel, chat: ChatRecord): Record<string, unknown> {
  const owner = model.ownerOf(chat);
  return {
    id: chat.id,
    organization_id: chat.organizationId,
    owner_id: chat.ownerId,
    ...(owner?.username ? { owner_username: owner.username } : {}),
    ...(owner?.name ? { owner_name: owner.name } : {}),
    ...(chat.workspaceId ? { workspace_id: chat.workspaceId } : {}),
    ...(chat.parentId ? { parent_chat_id: chat.parentId, root_chat_id: chat.parentId } : {}),
    last_model_config_id: chat.modelConfigId,
    title: chat.title,
    status: chat.status,
    ...(chat.planMode ? { plan_mode: chat.planMode } : {}),
    ...(chat.lastError ? { last_error: lastErrorJson(model, chat.lastError) } : {}),
    last_turn_summary: null,
    summary: null,
    ...(chat.diffStatus ? { diff_status: diffStatusJson(chat.id, chat.diffStatus) } : {}),
    created_at: chatTime(chat.createdAt),
    updated_at: chatTime(chat.updatedAt),
    archived: chat.archived,
    shared: false,
    pin_order: chat.pinOrder,
    // postChats stores an empty list rather than NULL when the request names no MCP server.
    mcp_server_ids: [...chat.mcpServerIds],
    labels: { ...chat.labels },
    has_unread: chat.hasUnread,
    client_type: chat.clientType,
    children: chat.parentId
      ? []
      : [...model.chats.values()].filter((c) => c.parentId === chat.id).map((c) => chatJson(model, c)),
  };
}

/** The visible messages of a chat: coderd never returns model-only system context. */
export function visibleMessages(chat: ChatRecord): ChatMessageRecord[] {
  return chat.messages.filter((m) => m.role !== 'system');
}
