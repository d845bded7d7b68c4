import { setTimeout as sleep } from 'node:timers/promises';
import type { Octokit } from '@octokit/core';
import { decideRetry, notifiesPeople } from './github-retry';

// The GitHub client's retries and spacing, as a hook around each request. It used to be octokit's retry
// and throttling plugins: both schedule every request through Bottleneck, which every run compiled
// (43 KB) before its first request and which put several timer turns in front of each one; together
// they held the permission check back by about 17 ms (`pnpm bench`, start-up). The rules are the same,
// in `github-retry.ts`.

/** How {@link addResilience} waits and reports. */
export interface ResilienceOptions {
  /** The length of one second of the waits (1_000; tests shorten it). */
  unitMs: number;
  /** Told when GitHub limits the rate, with the wait. */
  onLimited: (message: string) => void;
  /** Waits `ms` (tests replace it). Default: a timer. */
  sleep?: (ms: number) => Promise<unknown>;
}

/** How many server-error tries a request has when it names none (as octokit's retry plugin). */
const DEFAULT_SERVER_RETRIES = 3;
/** Units between the starts of two writes that notify people (as octokit's throttling plugin). */
const NOTIFICATION_SPACING_UNITS = 3;

interface RequestShape {
  method?: string;
  url?: string;
  request?: { retries?: number; signal?: AbortSignal | null };
}

interface RequestFailure {
  status?: unknown;
  message?: unknown;
  request?: unknown;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * Wraps every request of `octokit`: a request that fails is tried again as {@link decideRetry} says,
 * after its wait; a new comment starts at least three units after the previous one. A request whose
 * own signal was aborted, or an error that is not GitHub's answer (or a failed connection), is not
 * tried again.
 */
export function addResilience(octokit: Pick<Octokit, 'hook'>, options: ResilienceOptions): void {
  const wait = options.sleep ?? sleep;
  let nextNotificationAt = 0;
  octokit.hook.wrap('request', async (request, shape: RequestShape) => {
    const method = (shape.method ?? 'GET').toUpperCase();
    const route = shape.url ?? '';
    if (notifiesPeople(method, route)) {
      const now = Date.now();
      const startAt = Math.max(now, nextNotificationAt);
      nextNotificationAt = startAt + NOTIFICATION_SPACING_UNITS * options.unitMs;
      if (startAt > now) await wait(startAt - now);
    }
    let serverRetries = 0;
    let limitRetries = 0;
    for (;;) {
      try {
        return await request(shape as Parameters<typeof request>[0]);
      } catch (error) {
        const failure = (error ?? {}) as RequestFailure;
        if (failure.request === undefined || typeof failure.status !== 'number') throw error;
        if (shape.request?.signal?.aborted) throw error;
        const decision = decideRetry({
          method,
          route,
          status: failure.status,
          message: typeof failure.message === 'string' ? failure.message : '',
          headers: failure.response?.headers ?? {},
          serverRetries,
          serverRetriesAllowed: shape.request?.retries ?? DEFAULT_SERVER_RETRIES,
          limitRetries,
          nowMs: Date.now(),
        });
        if (decision.notice) options.onLimited(decision.notice);
        if (!decision.retry) throw error;
        if (decision.kind === 'server') serverRetries++;
        else limitRetries++;
        await wait(decision.waitUnits * options.unitMs);
      }
    }
  });
}
