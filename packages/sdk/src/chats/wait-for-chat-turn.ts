import { setTimeout as sleep } from 'node:timers/promises';
import type { Chat, ChatMessage, ChatStreamEvent, CreateChatMessageResponse } from '@coder-tasks/types';
import { checkPositiveMs, checkSignal } from '../argument-checks';
import { CoderAbortError } from '../errors';
import { ReadPacer } from '../read-pacer';
import { waitLifetime } from '../wait-lifetime';
import { WakeUp } from '../wake-up';
import { ChatActionRequiredError, ChatTurnFailedError, ChatTurnTimeoutError } from './chat-errors';
import { chatMessages } from './chat-messages';
import { StreamRider } from './chat-stream-rider';
import type { ChatStreams } from './chat-streams';
import { type ChatTurnUntil, type TurnAnchor, turnVerdict } from './chat-turn';
import { pollOnce, TurnTracker } from './chat-turn-tracker';
import type { ChatsApi } from './chats-api';

/** Options of `CoderClient.waitForChatTurn`. */
export interface WaitForChatTurnOptions {
  /**
   * The message that started the turn: the answer of `sendChatMessage` (queued or not), or a message
   * id. Default: the chat's newest user message, as right after `createChat`.
   */
  after?: CreateChatMessageResponse | number;
  /** `'turn'` (default): until the agent finished the turn; `'running'`: until it works on it. */
  until?: ChatTurnUntil;
  /** How long to wait in all, in ms, before a {@link ChatTurnTimeoutError}; `Infinity` for no limit. Default 3_600_000. */
  timeout?: number;
  /** Ends the wait with a `CoderAbortError`. */
  signal?: AbortSignal;
  /** Called with every event of the chat's stream (and, while polling, a `status` or `message` event for each change seen). */
  onEvent?: (event: ChatStreamEvent) => void;
  /** The polling interval while the stream is unavailable, in ms. Default 5_000. */
  pollInterval?: number;
  /** Ride the chat's WebSocket stream; false polls only. Default true. */
  stream?: boolean;
}

/** How a turn ended: the chat as read then, its status, and the turn's messages (ours first, ascending). */
export interface ChatTurn {
  chat: Chat;
  status: 'waiting' | 'running';
  messages: ChatMessage[];
}

// The shortest average gap between two reads of one wait, and how many may come at once.
const MAX_READ_GAP = 1_000;
const READ_BURST = 3;

/**
 * Waits for the turn started by a create or a send: rides the chat's stream, reconnecting with
 * `after_id` when it drops, and polls `GET /chats/{chat}` and its newest messages while there is no
 * stream (and rarely as a safety net while there is one). The turn-done rule is {@link turnVerdict}.
 */
export async function waitForChatTurn(
  api: ChatsApi,
  streams: ChatStreams,
  target: Chat | string,
  options: WaitForChatTurnOptions = {},
): Promise<ChatTurn> {
  const id = typeof target === 'string' ? target : target?.id;
  if (typeof id !== 'string' || id === '')
    throw new TypeError('waitForChatTurn: `chat` must be a Chat or a chat id');
  const until = options.until ?? 'turn';
  if (until !== 'turn' && until !== 'running')
    throw new TypeError(`waitForChatTurn: \`until\` must be 'turn' or 'running', got ${String(until)}`);
  const timeout = options.timeout ?? 3_600_000;
  const pollBase = options.pollInterval ?? 5_000;
  checkPositiveMs('waitForChatTurn', 'timeout', timeout);
  checkPositiveMs('waitForChatTurn', 'pollInterval', pollBase);
  checkSignal('waitForChatTurn', options.signal);
  const anchor = anchorOf(options.after);
  const lifetime = waitLifetime(timeout, options.signal);
  const signal = lifetime.signal;
  const turn = new TurnTracker(id, anchor, options.onEvent);
  const wake = new WakeUp();
  const rider = new StreamRider(streams, id, turn, wake, signal, options.stream ?? true, anchor);
  let transient: unknown;
  try {
    rider.start();
    // However the stream behaves (absent, flapping, flooding), reads average at most one per this gap.
    const pacer = new ReadPacer(Math.min(pollBase, MAX_READ_GAP), READ_BURST, performance.now());
    // With a stream, its opening snapshot says everything a read would; without one, read now.
    let read = !rider.enabled;
    let readAt = performance.now();
    for (;;) {
      if (read) {
        const hold = pacer.take(performance.now());
        if (hold > 0) await sleep(hold, undefined, { signal });
        // The stream may have ended the turn meanwhile: then the read is not needed.
        if (!turnVerdict(turn.state, until).done) {
          const failure = await pollOnce(api, turn, signal);
          if (failure) transient = failure;
          else turn.gap = true;
        }
        readAt = performance.now();
      }
      const verdict = turnVerdict(turn.state, until);
      if (verdict.done) return await finish(api, turn, verdict.status, signal);
      // With a live stream, a slow read only guards against a change that never reached it (coderd's
      // pubsub is a hint; across replicas a status can come ~10 s late). A stream that is late to open,
      // was refused or dropped leaves the wait polling until it is back.
      const interval = rider.live ? Math.max(30_000, pollBase * 6) : pollBase;
      const woke = await wake.wait(readAt + interval - performance.now(), signal);
      // An event was applied to the turn already: decide on it. A timeout or a dropped stream: read.
      read = woke !== 'event';
    }
  } catch (error) {
    if (lifetime.timedOut()) {
      const status = turn.state.status;
      // Never read the chat at all: the last failure says more than "timed out".
      if (!status && transient) throw transient;
      throw new ChatTurnTimeoutError({
        method: 'GET',
        url: api.chatUrl(id),
        timeoutMs: timeout,
        chatId: id,
        ...(status ? { lastStatus: status } : {}),
      });
    }
    if (options.signal?.aborted && !(error instanceof CoderAbortError)) {
      throw new CoderAbortError({ reason: options.signal.reason });
    }
    throw error;
  } finally {
    lifetime.end();
  }
}

function anchorOf(after: WaitForChatTurnOptions['after']): TurnAnchor {
  if (after === undefined) return { kind: 'latest' };
  if (typeof after === 'number') {
    if (!Number.isSafeInteger(after) || after < 1)
      throw new RangeError(`waitForChatTurn: \`after\` must be a message id >= 1, got ${after}`);
    return { kind: 'message', id: after };
  }
  if (after.queued && after.queued_message) return { kind: 'queued', queuedId: after.queued_message.id };
  const ids = [after.message?.id, ...(after.messages ?? []).map((m) => m.id)].filter(
    (x): x is number => x !== undefined,
  );
  if (ids.length === 0)
    throw new TypeError('waitForChatTurn: `after` holds neither a message nor a queued message');
  return { kind: 'message', id: Math.max(...ids) };
}

/** Reads the chat once more and turns the end of the turn into a result or its error. */
async function finish(
  api: ChatsApi,
  turn: TurnTracker,
  status: string,
  signal: AbortSignal,
): Promise<ChatTurn> {
  const chat = await api.get(turn.id, { signal });
  const first = turn.firstId();
  if (turn.gap && first > 0) {
    for await (const message of chatMessages(api, turn.id, { afterId: first - 1 }, { signal }))
      turn.messages.set(message.id, message);
  }
  const messages = [...turn.messages.values()].filter((m) => m.id >= first).sort((a, b) => a.id - b.id);
  if (status === 'error') {
    const error = turn.state.lastError ??
      chat.last_error ?? {
        message: 'The chat request failed unexpectedly.',
        kind: 'generic',
        retryable: false,
      };
    throw new ChatTurnFailedError(chat, error, messages);
  }
  if (status === 'requires_action') throw new ChatActionRequiredError(chat, messages);
  return { chat, status: status === 'running' ? 'running' : 'waiting', messages };
}
