import { type CoderClient, TaskFailedError, TaskPausedError, TaskWaitTimeoutError } from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import type { Clock } from '../../clock';
import type { WaitFor } from '../../parse-inputs';
import { CompletionTracker } from './completion';
import type { StartedTask } from './start-task';

/** The calls {@link waitForOutcome} makes: all a test has to stand in for. */
export type WaitClient = Pick<CoderClient, 'waitForTask' | 'getTask' | 'getTaskLogs'>;

/** True when the task's last log message is the agent's: it answered the latest input. */
async function answered(coder: WaitClient, task: Task, signal?: AbortSignal): Promise<boolean> {
  try {
    const { logs } = await coder.getTaskLogs(task.owner_name, task.id, { signal });
    return logs.at(-1)?.type === 'output';
  } catch {
    return false;
  }
}

/** How the wait ended. `failed` carries the reason; the others are read from the task. */
export type Outcome =
  | { kind: 'submitted' | 'active' | 'complete' | 'paused' | 'timed-out'; task: Task }
  | { kind: 'failed'; task: Task; reason: string };

/** Options of {@link waitForOutcome}. */
export interface WaitOptions {
  waitFor: WaitFor;
  clock: Clock;
  /** When to stop waiting (epoch ms). */
  deadline: number;
  pollIntervalMs: number;
  /** How long `idle` must hold before an agent that never reports completion counts as done, in ms. */
  settleMs: number;
  signal?: AbortSignal | undefined;
  onChange?: ((task: Task) => void) | undefined;
}

/**
 * Waits per `wait-for` and turns how the wait ended into an {@link Outcome}: the SDK's failure, pause and
 * timeout errors become outcomes; anything else (Coder unreachable, 401) is thrown for the caller to report.
 */
export async function waitForOutcome(
  coder: WaitClient,
  started: StartedTask,
  options: WaitOptions,
): Promise<Outcome> {
  if (options.waitFor === 'none') return { kind: 'submitted', task: started.task };
  const remaining = () => Math.max(1, options.deadline - options.clock.now());
  const common = { pollInterval: options.pollIntervalMs, signal: options.signal, onChange: options.onChange };
  try {
    if (options.waitFor === 'active') {
      const task = await coder.waitForTask(started.task, {
        ...common,
        until: 'active',
        timeout: remaining(),
      });
      return { kind: 'active', task };
    }
    const tracker = new CompletionTracker(started.baseline);
    let task = started.task;
    for (;;) {
      let ended: ReturnType<CompletionTracker['observe']>;
      task = await coder.waitForTask(task, {
        ...common,
        timeout: remaining(),
        until: (t) => {
          ended = tracker.observe(t);
          return ended !== undefined;
        },
      });
      if (ended === 'complete') return { kind: 'complete', task };
      if (ended === 'failed') {
        return {
          kind: 'failed',
          task,
          reason: `The agent reported failure: ${task.current_state?.message ?? ''}`,
        };
      }
      // Idle again without a `working` seen in between: done only if the agent answered this request,
      // which the logs tell (their last message is the agent's, not the request).
      if (ended === 'idle-unconfirmed' && !(await answered(coder, task, options.signal))) {
        await options.clock.sleep(Math.min(options.pollIntervalMs, remaining()), options.signal);
        if (options.clock.now() >= options.deadline) return { kind: 'timed-out', task };
        continue;
      }
      // Idle after work: done only if it stays idle, since agents pause between steps.
      const idleSince = task.current_state?.timestamp;
      await options.clock.sleep(Math.min(options.settleMs, remaining()), options.signal);
      const again = await coder.getTask(task.id, { signal: options.signal });
      options.onChange?.(again);
      const still = tracker.observe(again);
      if (
        (still === 'idle' || still === 'idle-unconfirmed') &&
        again.current_state?.timestamp === idleSince
      ) {
        return { kind: 'complete', task: again };
      }
      if (options.clock.now() >= options.deadline) return { kind: 'timed-out', task: again };
      task = again;
    }
  } catch (error) {
    if (error instanceof TaskWaitTimeoutError) return { kind: 'timed-out', task: error.lastTask };
    if (error instanceof TaskPausedError) return { kind: 'paused', task: error.task };
    if (error instanceof TaskFailedError) {
      const build = error.buildError ? `: ${error.buildError}` : '.';
      return {
        kind: 'failed',
        task: error.task,
        reason: `The task's workspace failed (status ${error.task.status})${build}`,
      };
    }
    throw error;
  }
}
