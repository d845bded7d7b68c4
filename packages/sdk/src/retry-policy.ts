/**
 * When and how often a request is repeated. Only requests that are safe to repeat are retried (GET,
 * DELETE, PATCH of the input, and `createTask` with a name the caller chose); a request that may have
 * reached the server is never repeated otherwise. A 429 is retried for every method: Coder's rate limiter
 * answers before any handler runs.
 */
export interface RetryPolicy {
  /** How many times a request is repeated after its first attempt. Default 3. */
  maxRetries?: number;
  /** The delay before the first retry, in ms. Default 500. */
  initialDelay?: number;
  /** The growth factor of the delay per retry. Default 2. */
  multiplier?: number;
  /** The longest backoff delay, in ms. Default 8_000. */
  maxDelay?: number;
  /**
   * How much of each delay is random, from 0 (none) to 1 (anywhere between 0 and the delay). Default 0.5:
   * the delay is between half and all of the exponential value, so many clients do not retry in step.
   */
  jitter?: number;
  /**
   * The longest `Retry-After` the client waits for, in ms. A server asking for longer gets its error
   * thrown instead (with `retryAfterMs` set). Default 60_000.
   */
  maxRetryAfter?: number;
  /**
   * The statuses that are retried. Default `[429, 500, 502, 503, 504]`: coderd answers 500 for a
   * transient database error, and a request not safe to repeat is only ever repeated after a 429.
   */
  statuses?: readonly number[];
}

/** A {@link RetryPolicy} with every field filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: Readonly<ResolvedRetryPolicy> = Object.freeze({
  maxRetries: 3,
  initialDelay: 500,
  multiplier: 2,
  maxDelay: 8_000,
  jitter: 0.5,
  maxRetryAfter: 60_000,
  statuses: Object.freeze([429, 500, 502, 503, 504]),
});

/** Fills in the defaults; `false` means no retries at all. Throws a RangeError on a nonsensical value. */
export function resolveRetryPolicy(policy: RetryPolicy | false | undefined): ResolvedRetryPolicy {
  if (policy === false) return { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };
  const resolved = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(policy ?? {}) };
  for (const key of ['maxRetries', 'initialDelay', 'multiplier', 'maxDelay', 'maxRetryAfter'] as const) {
    const value = resolved[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry.${key} must be a finite number >= 0, got ${value}`);
    }
  }
  if (!(resolved.jitter >= 0 && resolved.jitter <= 1)) {
    throw new RangeError(`retry.jitter must be between 0 and 1, got ${resolved.jitter}`);
  }
  return resolved;
}

/**
 * The backoff before retry number `retry` (0 for the first retry): `initialDelay * multiplier^retry`,
 * capped at `maxDelay`, of which the `jitter` fraction is scaled by `random` (a number in [0, 1)).
 */
export function computeBackoff(retry: number, policy: ResolvedRetryPolicy, random: number): number {
  const exponential = Math.min(policy.maxDelay, policy.initialDelay * policy.multiplier ** retry);
  return Math.round(exponential * (1 - policy.jitter * random));
}

/**
 * Reads a `Retry-After` header: a number of seconds (fractions allowed) or an HTTP date, relative to
 * `now` (ms since the epoch). Returns ms to wait, 0 for a date in the past, undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only an HTTP date (it names a day and a month) counts: Date.parse would read "-1" as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The delay before retry number `retry`: the server's `Retry-After` when it sent one (the server knows
 * best when it will take requests again), else the backoff. `undefined` means "do not retry": the
 * server asked for longer than `maxRetryAfter`.
 */
export function retryDelay(
  retry: number,
  policy: ResolvedRetryPolicy,
  retryAfterMs: number | undefined,
  random: number,
): number | undefined {
  if (retryAfterMs !== undefined) {
    return retryAfterMs > policy.maxRetryAfter ? undefined : retryAfterMs;
  }
  return computeBackoff(retry, policy, random);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
