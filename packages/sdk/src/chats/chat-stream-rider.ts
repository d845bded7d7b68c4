import { setTimeout as sleep } from 'node:timers/promises';
import { CoderApiError, CoderConnectionError, CoderResponseFormatError } from '../errors';
import { provedHealthy, streamBackoff } from '../stream-waker';
import type { WakeUp } from '../wake-up';
import { ChatsUnavailableError } from './chat-errors';
import { type ChatStreams, WS_UPGRADE_REFUSED } from './chat-streams';
import type { TurnAnchor } from './chat-turn';
import { TRANSIENT_STATUSES, type TurnTracker } from './chat-turn-tracker';

/** Keeps the chat's stream open for the wait, reconnecting with `after_id` after a drop. */
export class StreamRider {
  /** True from the first frame of a connection until it ends. */
  live = false;
  enabled: boolean;
  private failures = 0;

  constructor(
    private readonly streams: ChatStreams,
    private readonly id: string,
    private readonly turn: TurnTracker,
    private readonly wake: WakeUp,
    private readonly signal: AbortSignal,
    enabled: boolean,
    private readonly anchor: TurnAnchor,
  ) {
    this.enabled = enabled;
  }

  start(): void {
    if (this.enabled) void this.run();
  }

  private async run(): Promise<void> {
    // Our own message too, so the turn's messages are complete; after a drop, only what came since.
    let cursor = this.anchor.kind === 'message' ? this.anchor.id - 1 : undefined;
    while (this.enabled && !this.signal.aborted) {
      const opened = performance.now();
      try {
        const options = { signal: this.signal, ...(cursor !== undefined ? { afterId: cursor } : {}) };
        for await (const event of this.streams.stream(this.id, options)) {
          this.live = true;
          this.turn.apply(event, true);
          if (this.turn.state.maxId > 0) cursor = this.turn.state.maxId;
          this.wake.notify('event');
        }
      } catch (error) {
        if (permanent(error)) this.enabled = false;
      }
      const wasLive = this.live;
      this.live = false;
      if (this.signal.aborted) return;
      // Only a stream that stayed up resets the count: one that dies after each snapshot backs off.
      this.failures = provedHealthy(performance.now() - opened) ? 1 : this.failures + 1;
      // The wait slept on the stream's long safety interval: it must read now that the stream is gone.
      if (wasLive) this.wake.notify('recheck');
      await sleep(streamBackoff(this.failures, wasLive), undefined, { signal: this.signal }).catch(() => {});
    }
  }
}

/** A stream failure that reconnecting will not fix: stop trying the stream for this wait. */
function permanent(error: unknown): boolean {
  if (error instanceof ChatsUnavailableError || error instanceof CoderResponseFormatError) return true;
  // coderd's checks passed but the upgrade did not: something in between does not pass WebSockets.
  if (error instanceof CoderConnectionError && error.code === WS_UPGRADE_REFUSED) return true;
  return error instanceof CoderApiError && !TRANSIENT_STATUSES.has(error.status);
}
