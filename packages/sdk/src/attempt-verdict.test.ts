import { describe, expect, it } from 'vitest';
import { type AttemptFailure, type AttemptState, attemptVerdict } from './attempt-verdict';
import { resolveRetryPolicy } from './retry-policy';

const policy = resolveRetryPolicy({ jitter: 0 });
const first: AttemptState = {
  attempt: 0,
  retries: 3,
  repeatable: true,
  canRecover: false,
  mayHaveLanded: false,
};
const read = first;
const send = { ...first, repeatable: false };
const namedCreate = { ...first, canRecover: true };

const reset: AttemptFailure = { kind: 'no-answer', timedOut: false, sent: true };
const refused: AttemptFailure = { kind: 'no-answer', timedOut: false, sent: false };
const timedOut: AttemptFailure = { kind: 'no-answer', timedOut: true, sent: true };
const status = (code: number, retryAfterMs?: number): AttemptFailure => ({
  kind: 'status',
  status: code,
  retryAfterMs,
});

describe('attemptVerdict', () => {
  const unreadable: AttemptFailure = { kind: 'unreadable' };
  const landedCreate = { ...namedCreate, attempt: 1, mayHaveLanded: true };
  // biome-ignore format: one row per rule reads best
  const rules = [
    // name, failure, state, action, delay, recoverFirst, mayHaveLanded
    ['a read reset mid-answer is repeated', reset, read, 'retry', 500, false, true],
    ['a read that timed out is repeated', timedOut, read, 'retry', 500, false, true],
    ['a send reset after it left is never repeated', reset, send, 'throw', 0, false, true],
    ['a send that timed out is never repeated', timedOut, send, 'throw', 0, false, true],
    ['a send refused before it left is repeated', refused, send, 'retry', 500, false, false],
    ['a read after 502 is repeated; the attempt may have landed', status(502), read, 'retry', 500, false, true],
    ['a read after 503 is repeated; a proxy may have answered it after coderd acted', status(503), read, 'retry', 500, false, true],
    ['a read after 504 is repeated; the attempt may have landed', status(504), read, 'retry', 500, false, true],
    ['a send after 502 is not repeated', status(502), send, 'throw', 0, false, true],
    ['a send after 429 is repeated: the limiter answers first', status(429), send, 'retry', 500, false, false],
    ['429 waits for Retry-After', status(429, 2_000), read, 'retry', 2_000, false, false],
    ['429 asking for more than maxRetryAfter is thrown', status(429, 3_600_000), read, 'throw', 0, false, false],
    ['a 4xx is thrown', status(404), read, 'throw', 0, false, false],
    ['a 409 of a create that may have landed asks recovery first', status(409), landedCreate, 'throw', 0, true, true],
    ['a named create after 503 is repeated, and may have landed', status(503), namedCreate, 'retry', 500, false, true],
    ['a named create after 429 is repeated, and did not land', status(429), namedCreate, 'retry', 500, false, false],
    ['a 409 of a create that cannot have landed is thrown as is', status(409), { ...namedCreate, attempt: 1 }, 'throw', 0, false, false],
    ['a route without recovery is not asked', status(409), { ...read, mayHaveLanded: true }, 'throw', 0, false, true],
    ['a read whose 200 body is cut short is repeated', unreadable, read, 'retry', 500, false, true],
    ['a named create whose 201 body is unreadable is repeated, to be recovered', unreadable, namedCreate, 'retry', 500, false, true],
    ['a send whose body is unreadable is never repeated', unreadable, send, 'throw', 0, false, true],
  ] as const;
  it.each(rules)('%s', (_name, failure, state, action, delayMs, recoverFirst, mayHaveLanded) => {
    expect(attemptVerdict(failure, state, policy, 0)).toEqual({
      action,
      delayMs,
      recoverFirst,
      mayHaveLanded,
    });
  });

  it('backs off exponentially with the attempt number', () => {
    const delays = [0, 1, 2].map((attempt) => attemptVerdict(reset, { ...read, attempt }, policy, 0).delayMs);
    expect(delays).toEqual([500, 1_000, 2_000]);
  });

  it('throws once the retries are spent, whatever the failure', () => {
    for (const failure of [reset, refused, timedOut, status(429), status(503)]) {
      expect(attemptVerdict(failure, { ...read, attempt: 3 }, policy, 0).action).toBe('throw');
    }
  });
});
