/**
 * Paces the reads of a wait: on average at most one per `gap` ms, whatever wakes it, with a small burst
 * so that the read a stream's first event brings and a change right after it are not held back. A
 * token bucket: `burst` reads may happen at once, then one more per `gap`.
 */
export class ReadPacer {
  private tokens: number;
  private at: number;

  constructor(
    private readonly gap: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes a read at `now`: returns how long to wait before making it (0 when it may go at once). */
  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.at) / this.gap);
    this.at = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : -this.tokens * this.gap;
  }
}
