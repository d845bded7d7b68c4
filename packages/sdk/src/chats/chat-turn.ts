import type { ChatError } from '@coder-tasks/types';

/**
 * Which user message starts the turn being waited for: a message id (a send that was inserted directly),
 * a queued message id (a send that was queued behind a running turn), or `latest` (the newest user
 * message in the history, as after a create).
 */
export type TurnAnchor =
  | { kind: 'message'; id: number }
  | { kind: 'queued'; queuedId: number }
  | { kind: 'latest' };

/** One thing seen about the chat, from its stream or from polling. */
export type TurnObservation =
  | { kind: 'message'; id: number; role: string }
  | { kind: 'status'; status: string }
  | { kind: 'queue'; ids: readonly number[] }
  | { kind: 'error'; error: ChatError }
  | { kind: 'history_reset' };

/** What has been seen of the turn so far. Build it with {@link startTurn}, feed it with {@link observeTurn}. */
export interface ChatTurnState {
  readonly anchor: TurnAnchor;
  /** Our message is in the history (not, or no longer, queued). */
  readonly landed: boolean;
  /** The chat was seen `running` once our message was in the history. */
  readonly sawRunning: boolean;
  /** The newest status seen, if any. */
  readonly status: string | undefined;
  /** The queue as last seen; unseen counts as empty (the stream leaves an empty queue out). */
  readonly queue: readonly number[];
  /** The largest message id seen, of a user message, and of any other message. */
  readonly maxId: number;
  readonly maxUserId: number;
  readonly maxOtherId: number;
  /** The latest `error` event or `last_error`, for a turn that ends in `error`. */
  readonly lastError: ChatError | undefined;
}

/** What the wait should do now: keep waiting, or end with how the turn stands. */
export type TurnVerdict =
  | { done: false }
  | { done: true; status: 'waiting' | 'error' | 'requires_action' | 'running' };

/** `turn`: the agent finished (or needs the client); `running`: the agent is working on our message. */
export type ChatTurnUntil = 'turn' | 'running';

const ENDED = new Set(['waiting', 'error', 'requires_action']);

/** The state before anything was seen. */
export function startTurn(anchor: TurnAnchor): ChatTurnState {
  return {
    anchor,
    landed: anchor.kind !== 'queued',
    sawRunning: false,
    status: undefined,
    queue: anchor.kind === 'queued' ? [anchor.queuedId] : [],
    maxId: 0,
    maxUserId: 0,
    maxOtherId: 0,
    lastError: undefined,
  };
}

/** The state after one more observation (the input is not changed). */
export function observeTurn(state: ChatTurnState, seen: TurnObservation): ChatTurnState {
  switch (seen.kind) {
    case 'message': {
      const user = seen.role === 'user';
      return {
        ...state,
        maxId: Math.max(state.maxId, seen.id),
        maxUserId: user ? Math.max(state.maxUserId, seen.id) : state.maxUserId,
        maxOtherId: user ? state.maxOtherId : Math.max(state.maxOtherId, seen.id),
      };
    }
    case 'status':
      return {
        ...state,
        status: seen.status,
        sawRunning: state.sawRunning || (state.landed && seen.status === 'running'),
      };
    case 'queue': {
      // A queued message leaves the queue when it is promoted into the history at a turn's end; the
      // status then stays `running` and no status event comes (coderd sends status only on change).
      const landed =
        state.landed || (state.anchor.kind === 'queued' && !seen.ids.includes(state.anchor.queuedId));
      const promoted = landed && !state.landed;
      return {
        ...state,
        queue: seen.ids,
        landed,
        sawRunning: state.sawRunning || (promoted && state.status === 'running'),
      };
    }
    case 'error':
      return { ...state, lastError: seen.error };
    case 'history_reset':
      // A full resend of the history follows; keep what proved progress, forget the ids.
      return { ...state, maxId: 0, maxUserId: 0, maxOtherId: 0 };
  }
}

/**
 * Whether the turn is over: the chat is `waiting`, `error` or `requires_action`, its queue is empty and
 * our message is in the history. A `waiting` also needs proof that it is not the status from before our
 * message (on exp-era servers a stream can show the previous `waiting`, or `pending`, until the processor
 * picks the chat up): `running` was seen after our message landed, or a later message exists. `error`
 * and `requires_action` need none: a failed turn may save no message at all, and by the time the stream
 * connects its `running` may be long gone. With `until: 'running'` it is also over as soon as the agent
 * works on our message.
 */
export function turnVerdict(state: ChatTurnState, until: ChatTurnUntil): TurnVerdict {
  if (!state.landed) return { done: false };
  const status = state.status;
  if (status && ENDED.has(status) && state.queue.length === 0) {
    if (status !== 'waiting' || state.sawRunning || laterMessage(state)) {
      return { done: true, status: status as 'waiting' | 'error' | 'requires_action' };
    }
  }
  if (until === 'running' && status === 'running') return { done: true, status: 'running' };
  return { done: false };
}

/** A message after ours exists: after its id, or (anchor `latest`, or promoted) after the newest user message. */
function laterMessage(state: ChatTurnState): boolean {
  if (state.anchor.kind === 'message') return state.maxId > state.anchor.id;
  // A page of the newest messages may hold none of the user's: then all it shows came after it.
  return state.maxOtherId > state.maxUserId;
}
