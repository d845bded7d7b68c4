import type { ChatMessage } from '@coder-tasks/types';
import type { CallOptions } from '../client-options';
import type { ChatsApi } from './chats-api';

/** Options of `CoderClient.chatMessages`. */
export interface ChatMessagesOptions {
  /** Start after this message id. Default: from the first message. */
  afterId?: number;
}

const PAGE = 200;

/**
 * Every message of a chat after `afterId`, in ascending id order, a page of 200 at a time. With a cursor
 * coderd pages forward (`after_id`, oldest first). From the start there is no forward cursor (coderd
 * reads `after_id=0` as "none", newest first), and exp-era servers ignore `after_id`: then the pages are
 * read backwards with `before_id` and given out oldest first.
 */
export async function* chatMessages(
  api: ChatsApi,
  id: string,
  options: ChatMessagesOptions = {},
  call?: CallOptions,
): AsyncGenerator<ChatMessage, void, undefined> {
  let afterId = options.afterId ?? 0;
  if (!Number.isSafeInteger(afterId) || afterId < 0) {
    throw new RangeError(`chatMessages: \`afterId\` must be a whole number >= 0, got ${options.afterId}`);
  }
  while (afterId > 0) {
    const page = await api.messages(id, { afterId, limit: PAGE }, call);
    // A server without after_id answers the newest page instead: read backwards below.
    if (page.messages.some((m) => m.id <= afterId) || !ascending(page.messages)) break;
    yield* page.messages;
    const last = page.messages.at(-1);
    if (!page.has_more || !last) return;
    afterId = last.id;
  }
  yield* await backwards(api, id, afterId, call);
}

async function backwards(
  api: ChatsApi,
  id: string,
  afterId: number,
  call?: CallOptions,
): Promise<ChatMessage[]> {
  const collected = new Map<number, ChatMessage>();
  let beforeId: number | undefined;
  for (;;) {
    const page = await api.messages(id, { limit: PAGE, ...(beforeId ? { beforeId } : {}) }, call);
    let oldest = beforeId;
    for (const message of page.messages) {
      if (message.id > afterId) collected.set(message.id, message);
      if (oldest === undefined || message.id < oldest) oldest = message.id;
    }
    if (!page.has_more || oldest === undefined || oldest <= afterId || oldest === beforeId) break;
    beforeId = oldest;
  }
  return [...collected.values()].sort((a, b) => a.id - b.id);
}

function ascending(messages: readonly ChatMessage[]): boolean {
  return messages.every((m, i) => i === 0 || (messages[i - 1]?.id ?? 0) < m.id);
}
