import type { WakeReason, WakeUp } from './wake-up';

const STALLED = Symbol('stalled');

/**
 * Runs `read` (with its own signal) while listening to `wake`. When an `event` arrives and the read has
 * been under way for `patience` ms, the read is abandoned and `stalled` returned, so that the caller asks
 * again: a read whose answer stopped halfway (a proxy that keeps the connection open after its upstream
 * was reset) would otherwise hold the wait until the client's per-attempt timeout (30 s by default)
 * while the stream already announced the change. Only a repeatable read may be given, since an abandoned
 * one may have reached the server. Notifications seen meanwhile are posted again, so the caller's next
 * `wake.wait()` sees them. `signal` aborts the read as usual (its error is thrown).
 */
export async function readUnlessStalled<T>(
  read: (signal: AbortSignal) => Promise<T>,
  wake: WakeUp,
  patience: number,
  signal: AbortSignal,
): Promise<{ value: T } | { stalled: true }> {
  const attempt = new AbortController();
  const onAbort = () => attempt.abort(signal.reason);
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  const settled = new AbortController();
  const reading = read(attempt.signal).finally(() => settled.abort());
  // Keep the rejection handled while the loop below still listens; it is awaited after.
  reading.catch(() => {});
  let seen: 'event' | 'recheck' | undefined;
  try {
    for (;;) {
      // Without an event the read may take as long as the client allows: nothing says it is stale.
      const left = seen === 'event' ? started + patience - performance.now() : Number.POSITIVE_INFINITY;
      let woke: WakeReason;
      try {
        woke = await wake.wait(left, settled.signal);
      } catch {
        break; // the read settled
      }
      if (woke === 'timeout') {
        attempt.abort(STALLED);
        break;
      }
      if (seen !== 'event') seen = woke;
    }
    try {
      return { value: await reading };
    } catch (error) {
      if (attempt.signal.reason === STALLED && !signal.aborted) return { stalled: true };
      throw error;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (seen) wake.notify(seen);
  }
}
