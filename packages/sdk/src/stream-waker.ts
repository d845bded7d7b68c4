import { CoderApiError } from './errors';
import type { WakeUp } from './wake-up';

/**
 * The first reconnect delay of a watch stream that dropped after delivering events, in ms; it doubles
 * per failure up to {@link STREAM_MAX_BACKOFF}. Events may have been missed, so it comes back quickly.
 */
export const STREAM_INITIAL_BACKOFF = 250;
/**
 * The first retry delay of a watch stream that was refused or failed before its first event, in ms;
 * it doubles the same way. Nothing was being watched, and a server that refuses once (503, a proxy
 * without streaming) usually refuses again: asking four times a second would cost more than polling.
 */
export const STREAM_REFUSED_BACKOFF = 1_000;
/** The longest reconnect delay of a watch stream, in ms. */
export const STREAM_MAX_BACKOFF = 30_000;
/**
 * How long a stream must stay open to count as healthy, in ms. Only a stream that lasted this long
 * resets the failure count: one that ends soon after each event (a proxy that closes idle or streamed
 * answers) keeps backing off instead of reconnecting every 250 ms for the whole wait. Equal to the
 * longest backoff, so even a stream that keeps dying is reconnected at most about once per this time.
 */
export const HEALTHY_STREAM_MS = STREAM_MAX_BACKOFF;

// Watch answers that will not change by reconnecting: stop trying the stream for this wait.
const PERMANENT_STREAM_STATUSES = new Set([400, 401, 403, 404, 405, 410]);

/**
 * The reconnect delay after the `failures`-th failure in a row (1 for the first): 250 ms doubling to
 * 30 s for a stream that had delivered events, 1 s doubling to 30 s for one that never did.
 */
export function streamBackoff(failures: number, delivered: boolean): number {
  const first = delivered ? STREAM_INITIAL_BACKOFF : STREAM_REFUSED_BACKOFF;
  return Math.min(STREAM_MAX_BACKOFF, first * 2 ** Math.max(0, failures - 1));
}

/** Whether a stream that was open for `openMs` proved healthy, so that failures count from zero again. */
export function provedHealthy(openMs: number): boolean {
  return openMs >= HEALTHY_STREAM_MS;
}

/** What the waker needs of the client: its watch stream (an interface, so no import cycle). */
export interface WorkspaceWatcher {
  watchWorkspace(id: string, options: { signal: AbortSignal }): AsyncIterable<unknown>;
}

/**
 * Keeps one watch stream on a task's workspace open for a wait: every event wakes the wait with `event`;
 * when the stream ends it wakes it with `recheck` (the wait then polls) and reconnects on its own after
 * {@link streamBackoff}. It never reads the task itself, so a failing stream costs no extra reads.
 */
export class StreamWaker {
  /** True once the current stream delivered an event, until it ends. */
  live = false;
  private workspaceId: string | undefined;
  private running = false;
  private disabled: boolean;
  private failures = 0;
  private reconnect: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: WorkspaceWatcher,
    private readonly wake: WakeUp,
    private readonly signal: AbortSignal,
    enabled: boolean,
  ) {
    this.disabled = !enabled;
    signal.addEventListener('abort', () => clearTimeout(this.reconnect), { once: true });
  }

  /** Opens the stream on `workspaceId` unless one is open or a reconnect is already scheduled. */
  ensure(workspaceId: string | null): void {
    if (this.disabled || !workspaceId || this.signal.aborted) return;
    this.workspaceId = workspaceId;
    if (this.running || this.reconnect) return;
    this.start();
  }

  private start(): void {
    const id = this.workspaceId;
    if (this.disabled || !id || this.signal.aborted) return;
    this.running = true;
    void this.run(id);
  }

  private async run(workspaceId: string): Promise<void> {
    const opened = performance.now();
    try {
      for await (const _workspace of this.client.watchWorkspace(workspaceId, { signal: this.signal })) {
        this.live = true;
        this.wake.notify('event');
      }
    } catch (error) {
      if (error instanceof CoderApiError && PERMANENT_STREAM_STATUSES.has(error.status)) this.disabled = true;
    } finally {
      const wasLive = this.live;
      this.live = false;
      this.running = false;
      if (!this.signal.aborted) {
        this.failures = provedHealthy(performance.now() - opened) ? 1 : this.failures + 1;
        if (!this.disabled) {
          this.reconnect = setTimeout(
            () => {
              this.reconnect = undefined;
              this.start();
            },
            streamBackoff(this.failures, wasLive),
          );
        }
        // The wait slept on the stream's long safety interval: it must poll now that the stream is gone.
        if (wasLive) this.wake.notify('recheck');
      }
    }
  }
}
