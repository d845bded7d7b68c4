import { MAX_TIMER_MS } from './timer-limit';

/**
 * Why a {@link WakeUp.wait} ended: `event` (something may have changed: read again), `recheck` (nothing
 * changed, but the sleeper's schedule did, such as a stream going down) or `timeout`.
 */
export type WakeReason = 'event' | 'recheck' | 'timeout';

/**
 * A one-slot wake-up call between an event source and a loop that otherwise sleeps: `notify()` wakes a
 * pending `wait()`, or the next one when nobody waits yet, so an event arriving mid-read is never lost and
 * a burst of events costs one wake-up. An `event` outranks a `recheck` pending beside it.
 */
export class WakeUp {
  private pending: 'event' | 'recheck' | undefined;
  private waiter: (() => void) | undefined;

  /** Wakes the current or next `wait()` with `reason` (default `event`). */
  notify(reason: 'event' | 'recheck' = 'event'): void {
    if (this.pending !== 'event') this.pending = reason;
    this.waiter?.();
  }

  /** Forgets a pending notification: what it announced is about to be read anyway. */
  clear(): void {
    this.pending = undefined;
  }

  /**
   * Resolves with why it woke: a notification, or `timeout` after `ms`; rejects with the signal's reason
   * on abort. `ms` may be Infinity (wait for a notification only); 0 or less times out at once.
   */
  wait(ms: number, signal: AbortSignal): Promise<WakeReason> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const ready = this.pending;
    if (ready) {
      this.pending = undefined;
      return Promise.resolve(ready);
    }
    return new Promise<WakeReason>((resolve, reject) => {
      // Node fires a timer above 2^31-1 ms at once: anything that long waits for a notification only.
      const timer = ms <= MAX_TIMER_MS ? setTimeout(() => finish('timeout'), Math.max(0, ms)) : undefined;
      const onAbort = () => {
        cleanup();
        reject(signal.reason);
      };
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiter = undefined;
      };
      const finish = (reason: WakeReason) => {
        cleanup();
        resolve(reason);
      };
      this.waiter = () => {
        const reason = this.pending ?? 'event';
        this.pending = undefined;
        finish(reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
