import { CoderApiError, type CoderClient, TaskPausedError } from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import type { Clock } from '../../clock';
import type { TaskRequest } from '../../task-request';
import type { TaskTarget } from './resolve-target';

/** The calls {@link startTask} makes: all a test has to stand in for. */
export type StartTaskClient = Pick<
  CoderClient,
  'getTaskByOwnerAndName' | 'createTask' | 'resumeTask' | 'waitForTask' | 'sendTaskInput' | 'getTask'
>;

/** The task the run works with, and what the completion check needs to know about it. */
export interface StartedTask {
  task: Task;
  /** True when this run created it; false when the request went to the thread's existing task. */
  created: boolean;
  /** `current_state.timestamp` when the request was sent to an existing task; null for a new one. */
  baseline: string | null;
}

/** Options of {@link startTask}. */
export interface StartOptions {
  clock: Clock;
  /** When to give up getting the request to an existing task (epoch ms). */
  deadline: number;
  pollIntervalMs: number;
  signal?: AbortSignal | undefined;
  onChange?: ((task: Task) => void) | undefined;
}

/**
 * Creates the thread's task, or, when it exists, sends the request to it: resumed first if paused, then
 * sent once the agent accepts input (the send route answers 409 until the task is active and its agent
 * stable, so a 409 means "try again shortly", until the deadline).
 *
 * A create that meets 409 "already exists" for the thread's own name adopts the task it names and sends
 * the request to it, as a follow-up would: another run on the same thread missed the lookup at the same
 * moment and created it first. (A create of this run whose answer was lost is the SDK's to recover: it
 * returns the task that attempt made instead of a 409.)
 */
export async function startTask(
  coder: StartTaskClient,
  target: TaskTarget,
  request: Pick<TaskRequest, 'name' | 'displayName' | 'input'>,
  options: StartOptions,
): Promise<StartedTask> {
  let existing = await findTask(coder, target.owner, request.name, options.signal);
  if (existing === undefined) {
    try {
      const task = await coder.createTask(
        target.owner,
        {
          template_version_id: target.templateVersionId,
          template_version_preset_id: target.presetId,
          input: request.input,
          name: request.name,
          display_name: request.displayName,
        },
        { signal: options.signal },
      );
      return { task, created: true, baseline: null };
    } catch (error) {
      // coderd answers 409 when a workspace of that name exists for the owner (POST /api/v2/tasks/{user}).
      if (!(error instanceof CoderApiError && error.status === 409)) throw error;
      existing = await findTask(coder, target.owner, request.name, options.signal);
      if (existing === undefined) throw error;
    }
  }
  return sendToExisting(coder, existing, request.input, options);
}

async function sendToExisting(
  coder: StartTaskClient,
  existing: Task,
  input: string,
  options: StartOptions,
): Promise<StartedTask> {
  let task = existing;
  options.onChange?.(task);
  if (task.status === 'error') {
    throw new Error(
      `The task ${task.name} for this thread is in error and cannot take input; delete it in Coder and ask again to start a new one.`,
    );
  }
  for (let resumes = 0; ; ) {
    if (task.status === 'paused' && resumes++ < 2) {
      await coder.resumeTask(task.owner_name, task.id, { signal: options.signal });
    }
    try {
      task = await coder.waitForTask(task.status === 'paused' ? task.id : task, {
        until: (t) => t.status === 'active',
        timeout: Math.max(1, options.deadline - options.clock.now()),
        pollInterval: options.pollIntervalMs,
        signal: options.signal,
        onChange: options.onChange,
      });
    } catch (error) {
      if (error instanceof TaskPausedError && resumes < 2) {
        task = error.task;
        continue;
      }
      throw error;
    }
    const baseline = task.current_state?.timestamp ?? null;
    try {
      await coder.sendTaskInput(task.owner_name, task.id, input, { signal: options.signal });
      return { task, created: false, baseline };
    } catch (error) {
      if (
        !(error instanceof CoderApiError && error.status === 409) ||
        options.clock.now() >= options.deadline
      )
        throw error;
    }
    await options.clock.sleep(Math.min(options.pollIntervalMs, 2_000), options.signal);
    task = await coder.getTask(task.id, { signal: options.signal });
  }
}

async function findTask(
  coder: StartTaskClient,
  owner: string,
  name: string,
  signal?: AbortSignal,
): Promise<Task | undefined> {
  try {
    return await coder.getTaskByOwnerAndName(owner, name, { signal });
  } catch (error) {
    if (error instanceof CoderApiError && error.status === 404) return undefined;
    throw error;
  }
}
