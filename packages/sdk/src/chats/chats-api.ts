import {
  type Chat,
  type ChatMessagesResponse,
  type ChatsPrefix,
  type CreateChatMessageRequest,
  type CreateChatMessageResponse,
  chatLabelFilters,
  type UpdateChatRequest,
  type User,
} from '@coder-tasks/types';
import { seg } from '../api-paths';
import { checkObject, checkOptionalString, checkString } from '../argument-checks';
import type { CallOptions, RequestSpec } from '../client-options';
import { CoderApiError, CoderConnectionError, CoderTimeoutError } from '../errors';
import { failedBeforeSending } from '../http-transport';
import { decodeChat, decodeChatMessages, decodeChats, decodeSendResponse } from './chat-decoders';
import { ChatSendUncertainError, ChatsUnavailableError } from './chat-errors';
import { type ChatsHost, ChatsPrefixes } from './chats-prefix';
import { chatsUnavailableReason } from './chats-unavailable';

/** Filter of `CoderClient.listChats`. */
export interface ListChatsFilter {
  /** Only chats carrying every one of these labels (sent as `label=key:value`, checked here too). */
  labels?: Record<string, string>;
  /** Archived chats only (`true`), unarchived only (`false`). Default: coderd's, unarchived only. */
  archived?: boolean;
  /** More of coderd's search terms, such as `title:fix has_unread:true`. Default none. */
  query?: string;
  /** Page size. Default: coderd's, 50. */
  limit?: number;
}

/** Cursor and size of one `GET /chats/{chat}/messages` page. */
export interface ChatMessagesPageOptions {
  /** Messages with an id below this one, newest first. */
  beforeId?: number;
  /** Messages with an id above this one, oldest first (when `beforeId` is not set). */
  afterId?: number;
  /** 1–200. Default: coderd's, 50. */
  limit?: number;
}

/** What the Chats routes need from the client besides `request`. */
export interface ChatsClientHost extends ChatsHost {
  me(options?: CallOptions): Promise<User>;
}

/**
 * The REST routes of the Chats API (coderd/chat_routes.go, codersdk/chats.go), over the client's one
 * request path: each route says whether a repeat can do harm and how a repeat recovers; errors that
 * mean "this server cannot run chats" become a {@link ChatsUnavailableError}.
 */
export class ChatsApi {
  readonly prefixes: ChatsPrefixes;
  private organization: Promise<string> | undefined;

  // A private field, so that logging or serializing the client does not walk back into it.
  readonly #host: ChatsClientHost;

  constructor(host: ChatsClientHost, forced: ChatsPrefix | undefined) {
    this.#host = host;
    this.prefixes = new ChatsPrefixes(host, forced);
  }

  /** One call on a Chats route (`spec.path` starts at `/chats`), under the server's prefix. */
  async call<T>(spec: RequestSpec<T>, options?: CallOptions): Promise<T> {
    for (;;) {
      const { prefix, prefixes, version } = await this.prefixes.choose(spec, options);
      try {
        return await this.#host.request({ ...spec, path: `${prefix}${spec.path}` }, options);
      } catch (error) {
        if (!(error instanceof CoderApiError)) throw error;
        const reason = chatsUnavailableReason(error);
        if (!reason) throw error;
        // The route is not registered there, so no handler ran: trying the other prefix is safe.
        if (reason === 'not-served' && this.prefixes.fallBack(prefix, prefixes)) continue;
        throw new ChatsUnavailableError({
          reason,
          method: error.method,
          url: error.url,
          status: error.status,
          response: error.response,
          serverVersion: version ?? (await this.prefixes.version(options)),
        });
      }
    }
  }

  /** The chat's page in the Coder dashboard: `<url>/agents/<chat id>`. */
  chatUrl(id: string): string {
    return new URL(`agents/${seg('id', id)}`, this.#host.url).toString();
  }

  /** The organization a create goes to when the caller names none: the caller's first. */
  defaultOrganization(options?: CallOptions): Promise<string> {
    this.organization ??= this.#host.me(options).then(
      (user) => {
        const first = user.organization_ids[0];
        if (!first)
          throw new TypeError('createChat: the user belongs to no organization; pass organization_id');
        return first;
      },
      (error: unknown) => {
        this.organization = undefined;
        throw error;
      },
    );
    return this.organization;
  }

  async list(filter: ListChatsFilter = {}, options?: CallOptions): Promise<Chat[]> {
    checkListFilter(filter);
    const terms = [filter.query?.trim(), filter.archived === undefined ? '' : `archived:${filter.archived}`];
    const q = terms.filter(Boolean).join(' ');
    const query: Record<string, string | string[]> = {};
    if (q) query.q = q;
    if (filter.labels && Object.keys(filter.labels).length) query.label = chatLabelFilters(filter.labels);
    if (filter.limit !== undefined) query.limit = String(positiveInt('limit', filter.limit));
    const chats = await this.call(
      { method: 'GET', path: '/chats', query, decode: decodeChats, repeatable: true },
      options,
    );
    // Servers from before labels ignore the filter: check it here too.
    const labels = Object.entries(filter.labels ?? {});
    return chats.filter((chat) => labels.every(([k, v]) => chat.labels[k] === v));
  }

  get(id: string, options?: CallOptions): Promise<Chat> {
    return this.call({ method: 'GET', path: chatPath(id), decode: decodeChat, repeatable: true }, options);
  }

  /**
   * PATCH: a full replacement of what it names, so a repeat does the same; a repeat that meets "already
   * (not) archived" after an attempt that may have landed means that attempt did it.
   */
  update(id: string, patch: UpdateChatRequest, options?: CallOptions): Promise<void> {
    if (typeof patch !== 'object' || patch === null)
      throw new TypeError('updateChat: `patch` must be an object');
    const recover = async (e: CoderApiError) =>
      e.status === 400 && ALREADY.has(e.response.message) && patch.archived !== undefined
        ? { value: undefined }
        : undefined;
    const spec = {
      method: 'PATCH',
      path: chatPath(id),
      body: patch,
      expect: 204,
      repeatable: true,
      recover,
    } as const;
    return this.call<void>(spec, options);
  }

  /**
   * POST a message. Never repeated once it may have reached coderd (a second one would be posted); a
   * failure that leaves this open is a {@link ChatSendUncertainError}.
   */
  async send(
    id: string,
    request: CreateChatMessageRequest,
    options?: CallOptions,
  ): Promise<CreateChatMessageResponse> {
    checkContent('sendChatMessage', request);
    const spec = {
      method: 'POST',
      path: `${chatPath(id)}/messages`,
      body: request,
      decode: decodeSendResponse,
      repeatable: false,
    } as const;
    try {
      return await this.call(spec, options);
    } catch (error) {
      if (!mayHaveLanded(error)) throw error;
      const { method, url } = error as CoderApiError;
      throw new ChatSendUncertainError({ chatId: id, method, url, cause: error as Error });
    }
  }

  messages(
    id: string,
    page: ChatMessagesPageOptions = {},
    options?: CallOptions,
  ): Promise<ChatMessagesResponse> {
    const query: Record<string, string> = {};
    if (page.beforeId !== undefined) query.before_id = String(positiveInt('beforeId', page.beforeId));
    if (page.afterId !== undefined) query.after_id = String(nonNegativeInt('afterId', page.afterId));
    if (page.limit !== undefined) query.limit = String(positiveInt('limit', page.limit));
    const path = `${chatPath(id)}/messages`;
    return this.call({ method: 'GET', path, query, decode: decodeChatMessages, repeatable: true }, options);
  }

  /**
   * POST interrupt. A repeat after an attempt that may have landed meets 409 "not in an interruptible
   * state" when that attempt worked: then the chat, read again, is the answer if it is interrupting or
   * waiting.
   */
  interrupt(id: string, options?: CallOptions): Promise<Chat> {
    const recover = async (e: CoderApiError) => {
      if (e.status !== 409) return undefined;
      const chat = await this.get(id, options).catch(() => undefined);
      return chat && (chat.status === 'interrupting' || chat.status === 'waiting')
        ? { value: chat }
        : undefined;
    };
    const spec = {
      method: 'POST',
      path: `${chatPath(id)}/interrupt`,
      decode: decodeChat,
      repeatable: true,
      recover,
    } as const;
    return this.call(spec, options);
  }
}

/** A request whose `content` is an array of input parts, as coderd reads it. */
export function checkContent(where: string, request: unknown): void {
  const fields = checkObject(where, 'request', request);
  if (!Array.isArray(fields.content))
    throw new TypeError(`${where}: \`request.content\` must be an array of input parts`);
}

/** Refuses what a JavaScript caller can get wrong before anything is sent (a number would go out as text). */
function checkListFilter(filter: ListChatsFilter): void {
  const fields = checkObject('listChats', 'filter', filter);
  checkOptionalString('listChats', 'filter.query', fields.query);
  if (fields.archived !== undefined && typeof fields.archived !== 'boolean') {
    throw new TypeError(`listChats: \`filter.archived\` must be a boolean, got ${typeof fields.archived}`);
  }
  if (fields.labels !== undefined) {
    const labels = checkObject('listChats', 'filter.labels', fields.labels);
    for (const [key, value] of Object.entries(labels))
      checkString('listChats', `filter.labels.${key}`, value);
  }
}

const ALREADY = new Set(['Chat is already archived.', 'Chat is already not archived.']);

/**
 * Whether a failed POST may have done its work on the server: the connection dropped after sending, no
 * answer came in time, or any 5xx (a proxy answers 502/503/504 after an upstream reset, and coderd
 * answers 500 when something failed after the work was done), as the request path's attempt verdict
 * reads an attempt. A 429 and coderd's "cannot run chats" answers came before any handler ran. coderd's
 * own 502 for a lifecycle hook it could not dispatch (`kind:"hook_dispatch_failed"`, a body no proxy
 * writes) comes from the chat daemon's create or send failing, so nothing was stored.
 */
export function mayHaveLanded(error: unknown): boolean {
  if (error instanceof CoderConnectionError) return !failedBeforeSending(error);
  if (error instanceof CoderTimeoutError) return true;
  return (
    error instanceof CoderApiError &&
    error.status >= 500 &&
    !(error.bodyKind === 'json' && error.responseKind === 'hook_dispatch_failed')
  );
}

/** `/chats/<id>`, the id checked and escaped. */
export function chatPath(id: string): string {
  return `/chats/${seg('id', id)}`;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`\`${name}\` must be a whole number >= 1, got ${value}`);
  return value;
}

function nonNegativeInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`\`${name}\` must be a whole number >= 0, got ${value}`);
  return value;
}
