import { isSynthesizedState } from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import type { Phase, StatusView } from './render-comment';

/** The task as the status comment shows it. */
export function taskView(task: Task, url: string): NonNullable<StatusView['task']> {
  return {
    name: task.name,
    url,
    status: task.status,
    // While the workspace starts Coder makes up a `working` state; showing it would claim work not begun.
    state: isSynthesizedState(task) ? undefined : task.current_state?.state,
    message: task.current_state?.message || undefined,
  };
}

/** The progress headline for a task being waited on. */
export function progressPhase(task: Task): Phase {
  if (task.status !== 'active' || isSynthesizedState(task)) return 'starting';
  return task.current_state?.state === 'idle' ? 'idle' : 'working';
}
