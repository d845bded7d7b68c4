import { setTimeout as sleep } from 'node:timers/promises';
import type { Task, Workspace } from '@coder-tasks/types';
import { checkObject, checkPositiveMs, checkString } from './argument-checks';
import type { CallOptions } from './client-options';
import {
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  CoderResponseFormatError,
  CoderTimeoutError,
} from './errors';
import { ReadPacer } from './read-pacer';
import { readUnlessStalled } from './read-unless-stalled';
import { StreamWaker, type WorkspaceWatcher } from './stream-waker';
import { describeWaitUntil, isWaitSatisfied, taskChangeKey, type WaitUntil } from './task-conditions';
import { TaskFailedError, TaskPausedError, TaskWaitTimeoutError } from './task-errors';
import { waitLifetime } from './wait-lifetime';
import { WakeUp } from './wake-up';

/** Options of `CoderClient.waitForTask`. */
export interface WaitForTaskOptions {
  /** What to wait for (see {@link WaitUntil}). */
  until: WaitUntil;
  /**
   * How long to wait in all, in ms, before a {@link TaskWaitTimeoutError}; `Infinity` for no limit.
   * Default 3_600_000 (1 hour).
   */
  timeout?: number;
  /** Ends the wait with a {@link CoderAbortError}. */
  signal?: AbortSignal;
  /**
   * Called with the task each time it really changes (status, workspace or agent state, agent report),
   * including the first read when it differs from the task passed in. Default none.
   */
  onChange?: (task: Task) => void;
  /**
   * The polling interval when the watch stream is unavailable (no workspace yet, not served, or
   * reconnecting), in ms; it grows by half each time nothing changed, up to six times this value, and
   * starts again on a change. Whatever the stream does, the task is read at most once per this interval or
   * 2 s (whichever is shorter) on average, after a burst of three. Default 5_000.
   */
  pollInterval?: number;
  /** Wake on the workspace watch stream instead of only polling. Default true. */
  watch?: boolean;
}

/** What a wait needs of the client (an interface, so that the client and the wait import no cycle). */
export interface TaskWaitHost extends WorkspaceWatcher {
  getTask(id: string, options?: CallOptions): Promise<Task>;
  getTaskByIdentifier(identifier: string, options?: CallOptions): Promise<Task>;
  getWorkspace(id: string, options?: CallOptions): Promise<Workspace>;
}

/** Default total time of a wait, in ms. */
export const DEFAULT_WAIT_TIMEOUT = 3_600_000;

// Statuses worth another read later rather than ending the wait: the server or a proxy is briefly unwell.
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);
// Reads average at most one per this many ms (or per pollInterval when shorter), after a small burst:
// the first read, the one a new stream's first event brings, and a change that follows at once. 2 s
// keeps even a stream that floods events within 30 requests a minute.
const MAX_READ_GAP = 2_000;
const READ_BURST = 3;

/**
 * Waits until `until` holds for the task. Wakes on the workspace watch stream and re-reads the task on
 * each event; while there is no stream (no workspace yet, not served, dropped) it polls with backoff and
 * reconnects. Ends with {@link TaskFailedError} on status `error`, {@link TaskPausedError} on `paused`
 * (unless `until` accepts it), {@link TaskWaitTimeoutError} after `timeout`.
 */
export async function waitForTask(
  client: TaskWaitHost,
  target: Task | string,
  options: WaitForTaskOptions,
): Promise<Task> {
  checkObject('waitForTask', 'options', options);
  if (typeof target !== 'string')
    checkString('waitForTask', 'task.id', checkObject('waitForTask', 'task', target).id);
  const { until } = options;
  if (typeof until !== 'function' && until !== 'active' && until !== 'complete' && until !== 'idle') {
    throw new TypeError(
      `waitForTask: \`until\` must be 'active', 'complete', 'idle' or a function, got ${String(until)}`,
    );
  }
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
  const pollBase = options.pollInterval ?? 5_000;
  checkPositiveMs('waitForTask', 'timeout', timeout);
  checkPositiveMs('waitForTask', 'pollInterval', pollBase);
  const lifetime = waitLifetime(timeout, options.signal);
  const signal = lifetime.signal;
  const wake = new WakeUp();
  let last = typeof target === 'string' ? undefined : target;
  let lastKey = last ? taskChangeKey(last) : undefined;
  const stream = new StreamWaker(client, wake, signal, options.watch ?? true);
  // However the stream behaves (absent, flapping, flooding), reads average at most one per this gap.
  const readGap = Math.min(pollBase, MAX_READ_GAP);
  const pacer = new ReadPacer(readGap, READ_BURST, performance.now());
  // How long a read may hang after the stream announced a change; it doubles for each read given up in a
  // row, so a server that is merely slow to answer still gets to finish one.
  let patience = readGap;
  let pollDelay = pollBase;
  let transientError: unknown;
  // The task passed in already names its workspace: watch it from the start, so that a first read that
  // hangs can be given up on the stream's first event instead of holding the wait for the client's timeout.
  if (last) stream.ensure(last.workspace_id);
  try {
    for (;;) {
      const hold = pacer.take(performance.now());
      if (hold > 0) await sleep(hold, undefined, { signal });
      // Whatever an event announced before this read is in its answer.
      wake.clear();
      const readAt = performance.now();
      const attempt = await readUnlessStalled(
        (readSignal) => readTask(client, last ?? (target as string), readSignal),
        wake,
        patience,
        signal,
      );
      // A read given up on: the event it hung through is still pending, so the loop asks again at once.
      patience = 'stalled' in attempt ? patience * 2 : readGap;
      const read = 'value' in attempt ? attempt.value : undefined;
      const fresh = read && 'task' in read ? read.task : undefined;
      if (read && 'error' in read) transientError = read.error;
      if (fresh) {
        const key = taskChangeKey(fresh);
        if (key !== lastKey) {
          lastKey = key;
          pollDelay = pollBase;
          options.onChange?.(fresh);
        }
        last = fresh;
        if (isWaitSatisfied(fresh, until)) return fresh;
        if (fresh.status === 'error')
          throw new TaskFailedError(fresh, await buildError(client, fresh, signal));
        if (fresh.status === 'paused') throw new TaskPausedError(fresh);
        stream.ensure(fresh.workspace_id);
      }
      for (;;) {
        // With a live stream, a slow safety read only guards against an event the server never sent;
        // without one (no workspace yet, not served, reconnecting) the wait polls at its interval.
        const interval = stream.live ? Math.max(30_000, pollBase * 6) : pollDelay;
        const woke = await wake.wait(readAt + interval - performance.now(), signal);
        if (woke === 'timeout') {
          if (!stream.live) pollDelay = Math.min(pollDelay * 1.5, pollBase * 6);
          break;
        }
        if (woke === 'event') break;
        // 'recheck': the stream ended, so the next read is due on the polling schedule.
      }
    }
  } catch (error) {
    if (lifetime.timedOut()) {
      if (last) throw new TaskWaitTimeoutError(last, timeout, describeWaitUntil(until));
      // Never read the task at all: the last failure says more than "timed out".
      throw (
        transientError ?? new CoderTimeoutError({ method: 'GET', url: String(target), timeoutMs: timeout })
      );
    }
    if (options.signal?.aborted && !(error instanceof CoderAbortError)) {
      throw new CoderAbortError({ reason: options.signal.reason });
    }
    throw error;
  } finally {
    lifetime.end();
  }
}

/** Reads the task; a transient failure is returned (the wait goes on), any other error thrown. */
async function readTask(
  client: TaskWaitHost,
  target: Task | string,
  signal: AbortSignal,
): Promise<{ task: Task } | { error: unknown }> {
  try {
    const task =
      typeof target === 'string'
        ? await client.getTaskByIdentifier(target, { signal })
        : await client.getTask(target.id, { signal });
    return { task };
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof CoderConnectionError || error instanceof CoderTimeoutError) return { error };
    if (error instanceof CoderApiError && TRANSIENT_STATUSES.has(error.status)) return { error };
    // Unreadable bodies outlasted the call's own retries; one that does not match the schema is for real.
    if (error instanceof CoderResponseFormatError && error.reason !== 'schema') return { error };
    throw error;
  }
}

/** The failing build's job error, from the task's workspace; undefined when it cannot be read. */
async function buildError(
  client: TaskWaitHost,
  task: Task,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (!task.workspace_id) return undefined;
  try {
    const workspace = await client.getWorkspace(task.workspace_id, { signal, retries: 1 });
    return workspace.latest_build?.job?.error || undefined;
  } catch {
    return undefined;
  }
}
