import type { WaitForChatTurnOptions } from '@coder-tasks/sdk';
import type { Chat, ChatMessage, ChatStreamEvent } from '@coder-tasks/types';
import type { StartChatClient } from '../src/backends/chats/start-chat';
import type { ChatWaitClient } from '../src/backends/chats/wait-chat';

/** A chat as the server would send it, with `patch` applied. */
export function chat(patch: Partial<Chat> = {}): Chat {
  return {
    id: '66666666-6666-4666-8666-666666666666',
    owner_id: '33333333-3333-4333-8333-333333333333',
    title: 'Fix the spelling',
    status: 'running',
    last_turn_summary: null,
    summary: null,
    created_at: '2026-11-29T10:00:00Z',
    updated_at: '2026-11-29T10:00:00Z',
    archived: false,
    shared: false,
    pin_order: 0,
    mcp_server_ids: [],
    labels: {},
    has_unread: false,
    children: [],
    ...patch,
  } as Chat;
}

/** A saved message of `role` with one text part. */
export function message(id: number, role: string, text: string): ChatMessage {
  return {
    id,
    chat_id: chat().id,
    created_at: '2026-11-29T10:00:00Z',
    role,
    content: [{ type: 'text', text }],
  } as ChatMessage;
}

/**
 * A stand-in for the client methods the Chats backend's start and wait call. `waitForChatTurn` replays
 * `events` to `onEvent`, then answers from its queue (a turn, or an error to throw).
 */
export function scriptedChatClient() {
  const calls: string[] = [];
  const queues: Record<string, unknown[]> = {};
  const waits: WaitForChatTurnOptions[] = [];
  let events: ChatStreamEvent[] = [];
  const answer = async <T>(name: string): Promise<T> => {
    const queue = queues[name];
    if (!queue?.length) throw new Error(`unexpected call: ${name}`);
    const next = queue.shift();
    if (next instanceof Error) throw next;
    return next as T;
  };
  const client: StartChatClient & ChatWaitClient = {
    listChats: async (filter) => {
      calls.push(`list ${JSON.stringify(filter)}`);
      return answer('list');
    },
    createChat: async (request, options) => {
      calls.push(`create ${JSON.stringify({ ...request, idempotencyLabel: options?.idempotencyLabel })}`);
      return answer('create');
    },
    sendChatMessage: async (id, request) => {
      calls.push(`send ${id} ${JSON.stringify(request)}`);
      return answer('send');
    },
    getChat: async (id) => {
      calls.push(`get ${id}`);
      return answer('get');
    },
    waitForChatTurn: async (_chat, options = {}) => {
      calls.push('wait');
      waits.push(options);
      for (const event of events) options.onEvent?.(event);
      return answer('wait');
    },
  };
  return {
    client,
    calls,
    /** The options of every `waitForChatTurn` call. */
    waits,
    on(method: 'list' | 'create' | 'send' | 'get' | 'wait', ...answers: unknown[]) {
      queues[method] = [...(queues[method] ?? []), ...answers];
    },
    /** Events every wait replays to `onEvent` before it answers. */
    streams(...replayed: ChatStreamEvent[]) {
      events = replayed;
    },
  };
}

/** A `status` stream event. */
export const statusEvent = (status: string): ChatStreamEvent =>
  ({ type: 'status', chat_id: chat().id, status: { status } }) as ChatStreamEvent;
