/**
 * When the GitHub client tries a failed request again, and how long it waits first: pure, so that every
 * case is a row of a table test. The rules are those of octokit's retry and throttling plugins, which
 * the client used before (see `github-resilience.ts` for why it no longer does).
 */

/** A failed attempt, as far as the decision needs it. */
export interface FailedAttempt {
  /** `GET`, `POST`, … */
  method: string;
  /** The route, as octokit names it (`/repos/{owner}/{repo}/…`): for the notice, never with a token. */
  route: string;
  /** GitHub's status; 500 when the connection failed (as octokit reports it). */
  status: number;
  /** GitHub's message (a secondary rate limit says so there). */
  message: string;
  /** The answer's headers, lower-case names. */
  headers: Readonly<Record<string, string | number | undefined>>;
  /** Tries after server errors so far, for this request. */
  serverRetries: number;
  /** Server-error tries allowed for this request (`request.retries`; 0 for a POST that must not repeat). */
  serverRetriesAllowed: number;
  /** Tries after rate limits so far, for this request. */
  limitRetries: number;
  /** The wall clock, in ms. */
  nowMs: number;
}

/** What to do after a failed attempt: wait `waitUnits` and try again, or give up. `notice` is logged. */
export type RetryDecision =
  | { retry: true; kind: 'server' | 'rate-limit'; waitUnits: number; notice?: string }
  | { retry: false; notice?: string };

/** Statuses that another try cannot change (octokit's retry plugin's list). */
const FINAL_STATUSES = new Set([400, 401, 403, 404, 410, 422, 451]);
/** How many times a request refused by a rate limit is tried again. */
export const RATE_LIMIT_RETRIES = 3;
/** A primary rate limit resets within the hour; only a short wait is worth it inside a workflow step. */
export const LONGEST_RATE_LIMIT_WAIT_S = 60;
/** A secondary rate limit that names no `retry-after` is waited out this long (as the plugin does). */
const SECONDARY_LIMIT_DEFAULT_WAIT_S = 60;

/**
 * Decides after a failed attempt:
 * - a secondary rate limit (403/429 whose message says so): wait its `retry-after` (else 60 s), up to
 *   three times. GitHub refused the request, so even a POST may go again.
 * - the primary rate limit (403/429 with `x-ratelimit-remaining: 0`): wait until one second after its
 *   reset, when that is at most 60 s away, up to three times.
 * - a server error, a dropped connection, or any other status not in octokit's final list: wait 1, 4,
 *   9 units, as often as the request allows (three times, or never for a POST that may have landed).
 */
export function decideRetry(attempt: FailedAttempt): RetryDecision {
  const what = `${attempt.method} ${attempt.route}`;
  if (attempt.status === 403 || attempt.status === 429) {
    if (/\bsecondary rate\b/i.test(attempt.message)) {
      const wait = Number(attempt.headers['retry-after']) || SECONDARY_LIMIT_DEFAULT_WAIT_S;
      if (attempt.limitRetries >= RATE_LIMIT_RETRIES) {
        return {
          retry: false,
          notice: `GitHub's secondary rate limit on ${what}; giving up after ${RATE_LIMIT_RETRIES} waits.`,
        };
      }
      return {
        retry: true,
        kind: 'rate-limit',
        waitUnits: wait,
        notice: `GitHub's secondary rate limit on ${what}; waiting ${wait}s.`,
      };
    }
    if (String(attempt.headers['x-ratelimit-remaining']) === '0') {
      const resetMs = Math.trunc(Number(attempt.headers['x-ratelimit-reset']) || 0) * 1_000;
      const wait = Math.max(Math.ceil((resetMs - attempt.nowMs) / 1_000) + 1, 0);
      const notice = `GitHub's rate limit on ${what}; it resets in ${wait}s.`;
      const retry = attempt.limitRetries < RATE_LIMIT_RETRIES && wait <= LONGEST_RATE_LIMIT_WAIT_S;
      return retry ? { retry, kind: 'rate-limit', waitUnits: wait, notice } : { retry, notice };
    }
  }
  if (FINAL_STATUSES.has(attempt.status) || attempt.serverRetries >= attempt.serverRetriesAllowed) {
    return { retry: false };
  }
  return { retry: true, kind: 'server', waitUnits: (attempt.serverRetries + 1) ** 2 };
}

/**
 * Whether a write notifies people (a new comment on an issue or pull request): GitHub's guidance is to
 * space those, so the client starts them at least three units apart.
 */
export function notifiesPeople(method: string, route: string): boolean {
  return (
    method === 'POST' &&
    /^\/repos\/[^/]+\/[^/]+\/(issues\/[^/]+\/comments|pulls\/[^/]+\/comments(\/[^/]+\/replies)?)$/.test(route)
  );
}
