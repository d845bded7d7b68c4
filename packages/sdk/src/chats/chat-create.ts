import { setTimeout as sleep } from 'node:timers/promises';
import type { Chat, ChatMessage, CreateChatRequest } from '@coder-tasks/types';
import type { CallOptions } from '../client-options';
import { attemptHistory } from '../created-task';
import { CoderAbortError } from '../errors';
import type { HttpTransport } from '../http-transport';
import { decodeBody } from '../response-body';
import { type ResolvedRetryPolicy, retryDelay } from '../retry-policy';
import { decodeChat, decodeChats } from './chat-decoders';
import { type ChatsApi, checkContent, mayHaveLanded } from './chats-api';
import { type IdempotencyLabel, isChatFromThisCreate } from './created-chat';

/** The body of `createChat`: a `CreateChatRequest` whose `organization_id` defaults to the caller's first organization. */
export type CreateChatInput = Omit<CreateChatRequest, 'organization_id'> & { organization_id?: string };

/** Options of `CoderClient.createChat`. */
export interface CreateChatOptions extends CallOptions {
  /**
   * A label (key and value) that only this create carries, added to the chat's labels. With it, a create
   * whose answer was lost (connection dropped after sending, no answer in time, a 5xx a proxy may have
   * sent after coderd took it) looks for the chat it may have made before trying again, and returns it
   * when it is the one this call made. Without it (the default), such a create is never repeated, since
   * coderd would make a second chat. One case stays open: an attempt that timed out may still be running
   * on the server when the lookup finds nothing.
   */
  idempotencyLabel?: IdempotencyLabel;
}

/** What the create needs beyond the routes. */
export interface CreateInternals {
  transport: HttpTransport;
  retry: ResolvedRetryPolicy;
  timeout: number;
}

/** POST `/chats` (201 `Chat`); see {@link CreateChatOptions} for when it is repeated. */
export async function createChat(
  api: ChatsApi,
  internals: CreateInternals,
  input: CreateChatInput,
  options: CreateChatOptions = {},
): Promise<Chat> {
  checkContent('createChat', input);
  const { idempotencyLabel: label, ...callOptions } = options;
  if (
    label !== undefined &&
    (typeof label?.key !== 'string' || typeof label.value !== 'string' || !label.key || !label.value)
  ) {
    throw new TypeError('createChat: `idempotencyLabel` must be { key, value } with non-empty strings');
  }
  const organization_id = input.organization_id ?? (await api.defaultOrganization(callOptions));
  const labels = label ? { ...input.labels, [label.key]: label.value } : input.labels;
  const body = { ...input, organization_id, ...(labels ? { labels } : {}) };
  const spec = {
    method: 'POST',
    path: '/chats',
    body,
    decode: decodeChat,
    expect: 201,
    repeatable: false,
  } as const;
  const retries = callOptions.retries ?? internals.retry.maxRetries;
  const firstSent = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.call(spec, callOptions);
    } catch (error) {
      if (!label || !mayHaveLanded(error)) throw error;
      const found = await findCreated(api, internals, body.content, label, firstSent, callOptions).catch(
        (lookup: unknown) => {
          if (callOptions.signal?.aborted) throw lookup;
          throw error; // without knowing, a repeat could make a second chat
        },
      );
      if (found) return found;
      if (attempt >= retries) throw error;
      const delay = retryDelay(attempt, internals.retry, undefined, Math.random()) ?? 0;
      await sleep(delay, undefined, { signal: callOptions.signal }).catch((reason: unknown) => {
        throw new CoderAbortError({ reason });
      });
    }
  }
}

/** The chat an earlier attempt made, found by its label, or undefined when none did. */
async function findCreated(
  api: ChatsApi,
  internals: CreateInternals,
  content: CreateChatRequest['content'],
  label: IdempotencyLabel,
  firstSent: number,
  options: CallOptions,
): Promise<Chat | undefined> {
  // Read the list with the transport itself: its Date header puts the first attempt on the server's clock.
  const prefix = await api.prefixes.prefix({ method: 'GET', path: '/chats' }, options);
  const exchange = {
    method: 'GET',
    path: `${prefix}/chats`,
    query: { label: [`${label.key}:${label.value}`] },
  } as const;
  const raw = await internals.transport.send(exchange, options.timeout ?? internals.timeout, options.signal);
  if (raw.status !== 200) throw new Error(`the lookup answered ${raw.status}`);
  const chats = decodeBody(decodeChats, raw, internals.transport.context(exchange));
  const { firstSentServerTime } = attemptHistory(raw, firstSent);
  for (const chat of chats) {
    const first = await firstMessage(api, chat.id, options);
    if (isChatFromThisCreate(chat, first, { content, label }, firstSentServerTime)) return chat;
  }
  return undefined;
}

/** The chat's oldest message: the newest-first pages, followed back to the start. */
async function firstMessage(
  api: ChatsApi,
  id: string,
  options: CallOptions,
): Promise<ChatMessage | undefined> {
  let beforeId: number | undefined;
  let oldest: ChatMessage | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await api.messages(id, { limit: 200, ...(beforeId ? { beforeId } : {}) }, options);
    for (const message of res.messages) if (!oldest || message.id < oldest.id) oldest = message;
    if (!res.has_more || !oldest) return oldest;
    beforeId = oldest.id;
  }
  return undefined;
}
