import { MAX_TIMER_MS } from './timer-limit';

/** The signal a whole wait runs under: aborted at its deadline or when the caller aborts. */
export interface WaitLifetime {
  readonly signal: AbortSignal;
  /** True once the deadline, not the caller, ended the wait. */
  timedOut(): boolean;
  /** Stops the timer, lets go of the caller's signal, and aborts whatever still runs under this one. */
  end(): void;
}

const TIMED_OUT = Symbol('timed out');

/**
 * One deadline over everything a wait does (stream, reads, pauses), tied to the caller's signal.
 * `Infinity` waits without a limit; setTimeout would fire at once for anything above 2^31-1 ms.
 */
export function waitLifetime(timeoutMs: number, callerSignal: AbortSignal | undefined): WaitLifetime {
  const lifetime = new AbortController();
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => lifetime.abort(TIMED_OUT), Math.min(timeoutMs, MAX_TIMER_MS))
    : undefined;
  const onAbort = () => lifetime.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onAbort();
  callerSignal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: lifetime.signal,
    timedOut: () => lifetime.signal.aborted && lifetime.signal.reason === TIMED_OUT,
    end() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
      lifetime.abort();
    },
  };
}
