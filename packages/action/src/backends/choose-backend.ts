import type { CoderClient } from '@coder-tasks/sdk';
import type { Backend } from './backend';
import { createTasksBackend, type TasksBackendOptions } from './tasks/tasks-backend';

/** Picks the backend that does the work: the one place that knows there is more than one. */
export async function chooseBackend(coder: CoderClient, options: TasksBackendOptions): Promise<Backend> {
  return createTasksBackend(coder, options);
}
