import { type ResolvedRetryPolicy, retryDelay } from './retry-policy';

/** How one attempt of a request failed, as far as deciding what comes next needs to know. */
export type AttemptFailure =
  /** No HTTP answer: the connection failed or the attempt timed out. */
  | {
      kind: 'no-answer';
      /** The attempt ran out of time (it may have been handled meanwhile). */
      timedOut: boolean;
      /** Bytes of the request may have left this machine (false only for refused, unresolvable, …). */
      sent: boolean;
    }
  /** An answer with a status other than the route's success status. */
  | { kind: 'status'; status: number; retryAfterMs?: number | undefined }
  /**
   * The success status, but a body that cannot be read: cut short, not JSON, or an HTML page (a proxy
   * that stumbled). A body that parses but does not match the wire type is not this: it is thrown.
   */
  | { kind: 'unreadable' };

/** What the request path knows about the request and its attempts so far. */
export interface AttemptState {
  /** The number of this attempt, 0 for the first. */
  attempt: number;
  /** How many retries the call may make in all. */
  retries: number;
  /** The request is safe to send again after it may have reached the server. */
  repeatable: boolean;
  /** The request can turn an API error back into a result once an attempt may have landed unseen. */
  canRecover: boolean;
  /** An earlier attempt may have done its work on the server without us hearing the answer. */
  mayHaveLanded: boolean;
}

/**
 * What a failed attempt means: `retry` after `delayMs`, or `throw` its error; with `recoverFirst`, the
 * caller first asks the route's recovery whether an earlier attempt already did the work (a create that
 * now meets "already exists"). `mayHaveLanded` is the state to carry to the next attempt.
 */
export type AttemptVerdict = {
  action: 'retry' | 'throw';
  delayMs: number;
  recoverFirst: boolean;
  mayHaveLanded: boolean;
};

/**
 * Decides what a failed attempt means; pure, so that every rule of the request path sits in one table.
 * `random` is a number in [0, 1) for the backoff's jitter.
 */
export function attemptVerdict(
  failure: AttemptFailure,
  state: AttemptState,
  policy: ResolvedRetryPolicy,
  random: number,
): AttemptVerdict {
  const canRetry = state.attempt < state.retries;
  const recoverFirst = failure.kind === 'status' && state.mayHaveLanded && state.canRecover;
  const landed = state.mayHaveLanded || mayHaveLanded(failure);
  const stop = { action: 'throw', delayMs: 0, recoverFirst, mayHaveLanded: landed } as const;
  if (!canRetry) return stop;
  if (failure.kind === 'no-answer') {
    // A request that never left this machine may be sent again, even one that is not safe to repeat.
    const retryable = failure.timedOut ? state.repeatable : state.repeatable || !failure.sent;
    return retryable ? retry(stop, state, policy, random) : stop;
  }
  // The server handled the request; only a request safe to repeat may ask again for a readable answer.
  if (failure.kind === 'unreadable') return state.repeatable ? retry(stop, state, policy, random) : stop;
  // Coder's rate limiter answers 429 before any handler runs, so even a create may be sent again.
  const retryable = policy.statuses.includes(failure.status) && (state.repeatable || failure.status === 429);
  if (!retryable) return stop;
  const delay = retryDelay(state.attempt, policy, failure.retryAfterMs, random);
  // The server asked for a longer pause than the policy allows: its error says so (retryAfterMs).
  if (delay === undefined) return stop;
  return { ...stop, action: 'retry', delayMs: delay };
}

function retry(
  stop: AttemptVerdict,
  state: AttemptState,
  policy: ResolvedRetryPolicy,
  random: number,
): AttemptVerdict {
  return { ...stop, action: 'retry', delayMs: retryDelay(state.attempt, policy, undefined, random) ?? 0 };
}

/** Whether this failure may hide work the server did. */
function mayHaveLanded(failure: AttemptFailure): boolean {
  if (failure.kind === 'unreadable') return true;
  if (failure.kind === 'no-answer') return failure.timedOut || failure.sent;
  // Any 5xx may come after the request reached coderd: a proxy answers 502/503/504 after an upstream
  // reset (Envoy answers 503), and coderd answers 500 when something failed after the work was done.
  // Only a 429 is known to come before any handler ran.
  return failure.status >= 500;
}
