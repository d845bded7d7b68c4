/** A scheduled callback that can be cancelled. */
export interface TimerHandle {
  cancel(): void;
}

/** Where simulated time comes from. Every phase, agent step and heartbeat of the fake runs on it. */
export interface Clock {
  /** `'real'` follows the wall clock; `'manual'` only moves when {@link ManualClock.advance} is called. */
  readonly kind: 'real' | 'manual';
  /** The current simulated time, in milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once `ms` of simulated time has passed. */
  schedule(ms: number, fn: () => void): TimerHandle;
  /** How many scheduled callbacks have not run yet (heartbeats included). */
  pending(): number;
  /** Cancels every scheduled callback (used by `close()`). */
  cancelAll(): void;
}

/** A clock on the wall clock and Node's timers. */
export class RealClock implements Clock {
  readonly kind = 'real' as const;
  private readonly timers = new Set<NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  schedule(ms: number, fn: () => void): TimerHandle {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
    return {
      cancel: () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      },
    };
  }

  pending(): number {
    return this.timers.size;
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

interface ManualTimer {
  due: number;
  seq: number;
  fn: () => void;
  /** The advance() call during which this timer was scheduled, if any. */
  createdInAdvance: number;
  zeroDelay: boolean;
}

/**
 * A clock that stands still until a test moves it. `advance(ms)` runs, in order, every callback due within
 * the window, including ones scheduled on the way; but a callback scheduled with a zero delay during an
 * `advance` waits for the next `advance`. That rule makes zero-duration phases observable: with all
 * durations 0, each `advance(0)` moves a task exactly one phase.
 */
export class ManualClock implements Clock {
  readonly kind = 'manual' as const;
  private current: number;
  private seq = 0;
  private advancing = 0;
  private advanceCount = 0;
  private queue: ManualTimer[] = [];

  /** @param start - the initial time, ms since the epoch (default 2026-08-26T12:00:00Z) */
  constructor(start = Date.UTC(2026, 7, 26, 12, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(ms: number, fn: () => void): TimerHandle {
    const delay = Math.max(0, ms);
    const timer: ManualTimer = {
      due: this.current + delay,
      seq: this.seq++,
      fn,
      createdInAdvance: this.advancing > 0 ? this.advanceCount : 0,
      zeroDelay: delay === 0,
    };
    this.queue.push(timer);
    return {
      cancel: () => {
        this.queue = this.queue.filter((t) => t !== timer);
      },
    };
  }

  pending(): number {
    return this.queue.length;
  }

  cancelAll(): void {
    this.queue = [];
  }

  /**
   * Moves time forward by `ms` (default 0) and runs what falls due. Returns how many callbacks ran.
   * @param ms - milliseconds of simulated time, at least 0
   */
  advance(ms = 0): number {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      throw new RangeError(`clock.advance(ms) needs a finite number of milliseconds >= 0, got ${ms}`);
    }
    const target = this.current + ms;
    this.advanceCount++;
    const thisAdvance = this.advanceCount;
    this.advancing++;
    let ran = 0;
    try {
      for (;;) {
        const next = this.nextRunnable(target, thisAdvance);
        if (!next) break;
        this.queue = this.queue.filter((t) => t !== next);
        if (next.due > this.current) this.current = next.due;
        next.fn();
        ran++;
      }
      this.current = target;
    } finally {
      this.advancing--;
    }
    return ran;
  }

  /** When the earliest scheduled callback is due (ms since the epoch), or undefined when none is. */
  nextDue(): number | undefined {
    let due: number | undefined;
    for (const t of this.queue) if (due === undefined || t.due < due) due = t.due;
    return due;
  }

  private nextRunnable(target: number, thisAdvance: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.queue) {
      if (t.due > target) continue;
      if (t.zeroDelay && t.createdInAdvance === thisAdvance) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
