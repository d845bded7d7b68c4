import { MAX_TIMER_MS } from './timer-limit';

/**
 * A one-slot wake-up call between an event source and a loop that otherwise sleeps: `notify()` wakes a
 * pending `wait()`, or the next one when nobody waits yet, so an event arriving mid-read is never lost and
 * a burst of events costs one wake-up.
 */
export class WakeUp {
  private pending = false;
  private waiter: (() => void) | undefined;

  /** Wakes the current or next `wait()`. */
  notify(): void {
    this.pending = true;
    this.waiter?.();
  }

  /**
   * Resolves `true` on a notification, `false` after `ms`; rejects with the signal's reason on abort.
   * `ms` may be Infinity (wait for an event only).
   */
  wait(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.pending) {
      this.pending = false;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve, reject) => {
      // Node fires a timer above 2^31-1 ms at once: anything that long waits for an event only.
      const timer = ms <= MAX_TIMER_MS ? setTimeout(() => finish(false), ms) : undefined;
      const onAbort = () => {
        cleanup();
        reject(signal.reason);
      };
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiter = undefined;
      };
      const finish = (byEvent: boolean) => {
        cleanup();
        if (byEvent) this.pending = false;
        resolve(byEvent);
      };
      this.waiter = () => finish(true);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
