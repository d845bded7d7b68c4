import type { ChatMessage, ChatStreamEvent } from '@coder-tasks/types';
import { CoderApiError, CoderConnectionError, CoderTimeoutError } from '../errors';
import { type ChatTurnState, observeTurn, startTurn, type TurnAnchor } from './chat-turn';
import type { ChatsApi } from './chats-api';

/** Statuses worth another read later rather than ending the wait: the server or a proxy is briefly unwell. */
export const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

/** The turn's state and the messages seen, fed by the stream and by polls. */
export class TurnTracker {
  state: ChatTurnState;
  readonly messages = new Map<number, ChatMessage>();
  /** True once a poll was used: some messages of the turn may not have been seen. */
  gap = false;

  constructor(
    readonly id: string,
    readonly anchor: TurnAnchor,
    private readonly onEvent: ((event: ChatStreamEvent) => void) | undefined,
  ) {
    this.state = startTurn(anchor);
  }

  apply(e: ChatStreamEvent, fromStream: boolean): void {
    switch (String(e.type)) {
      case 'message':
        if (e.message) {
          this.messages.set(e.message.id, e.message);
          this.state = observeTurn(this.state, {
            kind: 'message',
            id: e.message.id,
            role: String(e.message.role),
          });
        }
        break;
      case 'status':
        if (e.status)
          this.state = observeTurn(this.state, { kind: 'status', status: String(e.status.status) });
        break;
      case 'queue_update':
        this.state = observeTurn(this.state, {
          kind: 'queue',
          ids: (e.queued_messages ?? []).map((q) => q.id),
        });
        break;
      case 'error':
        if (e.error) this.state = observeTurn(this.state, { kind: 'error', error: e.error });
        break;
      case 'history_reset':
        this.messages.clear();
        this.state = observeTurn(this.state, { kind: 'history_reset' });
        break;
    }
    // A poll restates the queue every time, changed or not: the caller hears of the queue from the stream.
    if (fromStream || String(e.type) !== 'queue_update') this.onEvent?.(e);
  }

  /** The lowest id of the turn: ours, or the newest user message. */
  firstId(): number {
    return this.anchor.kind === 'message' ? this.anchor.id : this.state.maxUserId;
  }
}

/** One read of the chat and its newest messages; returns a transient failure instead of throwing it. */
export async function pollOnce(api: ChatsApi, turn: TurnTracker, signal: AbortSignal): Promise<unknown> {
  try {
    const chat = await api.get(turn.id, { signal });
    const page = await api.messages(turn.id, {}, { signal });
    const event = (fields: Record<string, unknown>) =>
      ({ chat_id: turn.id, ...fields }) as unknown as ChatStreamEvent;
    for (const message of [...page.messages].sort((a, b) => a.id - b.id)) {
      if (!turn.messages.has(message.id)) turn.apply(event({ type: 'message', message }), false);
    }
    turn.apply(event({ type: 'queue_update', queued_messages: page.queued_messages }), false);
    if (chat.last_error && chat.status === 'error')
      turn.apply(event({ type: 'error', error: chat.last_error }), false);
    if (turn.state.status !== chat.status)
      turn.apply(event({ type: 'status', status: { status: chat.status } }), false);
    return undefined;
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof CoderConnectionError || error instanceof CoderTimeoutError) return error;
    if (error instanceof CoderApiError && TRANSIENT_STATUSES.has(error.status)) return error;
    throw error;
  }
}
