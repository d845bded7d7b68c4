import type { Clock } from '../src/clock';

/** A clock for waiting loops: every sleep returns at once and moves time on by its length. */
export function steppingClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
  return {
    clock,
    /** The length of every sleep so far, in order. */
    sleeps,
    /** Moves time on without a sleep (as a slow request would). */
    advance: (ms: number) => {
      now += ms;
    },
  };
}
