import type { Task } from '@coder-tasks/types';
import { CoderError } from './errors';

/** The task's status became `error`: its build failed or its app is unhealthy. */
export class TaskFailedError extends CoderError {
  override name = 'TaskFailedError';
  /** The task as last read. */
  readonly task: Task;
  /** The error of the latest build's provisioner job, when the workspace could be read and has one. */
  readonly buildError: string | undefined;

  constructor(task: Task, buildError: string | undefined) {
    const why = buildError
      ? `: the build failed: ${buildError}`
      : task.workspace_agent_health?.reason
        ? `: ${task.workspace_agent_health.reason}`
        : '';
    super(`task ${task.owner_name}/${task.name} (${task.id}) is in status "error"${why}`);
    this.task = task;
    this.buildError = buildError;
  }
}

/** The task became `paused` (its workspace was stopped) while waiting for something else. */
export class TaskPausedError extends CoderError {
  override name = 'TaskPausedError';
  readonly task: Task;

  constructor(task: Task) {
    super(`task ${task.owner_name}/${task.name} (${task.id}) was paused; resume it with resumeTask()`);
    this.task = task;
  }
}

/** `waitForTask` ran out of time; carries the last task it saw. */
export class TaskWaitTimeoutError extends CoderError {
  override name = 'TaskWaitTimeoutError';
  readonly lastTask: Task;
  readonly timeoutMs: number;

  constructor(lastTask: Task, timeoutMs: number, what: string) {
    const state = lastTask.current_state ? `, agent ${lastTask.current_state.state}` : '';
    super(
      `task ${lastTask.owner_name}/${lastTask.name} (${lastTask.id}) did not become ${what} within ${timeoutMs} ms ` +
        `(last seen: status ${lastTask.status}${state})`,
    );
    this.lastTask = lastTask;
    this.timeoutMs = timeoutMs;
  }
}
