import * as core from '@actions/core';
import { type CoderClient, TasksUnavailableError } from '@coder-tasks/sdk';
import { coderApiGeneration } from '@coder-tasks/types';
import { InputError } from '../input-error';
import { CHATS_OWNER } from '../parse-inputs';
import type { Backend } from './backend';
import { decideBackend, needsTasksProbe } from './decide-backend';
import { createTasksBackend, type TasksBackendOptions } from './tasks/tasks-backend';

/** What the chosen backend is built with. */
export type BackendOptions = TasksBackendOptions;

/**
 * Picks the backend that does the work, once, from the inputs and the server's version (and, on the one
 * release where a flag decides, whether the Tasks routes answer), and says in the log which and why.
 * The one place that knows there is more than one.
 */
export async function chooseBackend(coder: CoderClient, options: BackendOptions): Promise<Backend> {
  const { inputs, signal } = options;
  const generation = coderApiGeneration((await coder.buildInfo({ signal })).version);
  const question = {
    choice: inputs.backend,
    hasTemplate: inputs.template !== undefined || inputs.templateVersionId !== undefined,
    generation,
  };
  const tasksServed = needsTasksProbe(question) ? await tasksAnswer(coder, signal) : undefined;
  const decision = decideBackend({ ...question, tasksServed });
  if (decision.backend === undefined) throw new Error(decision.error);
  core.info(`Using the ${decision.backend === 'tasks' ? 'Tasks' : 'Chats'} backend: ${decision.why}.`);
  if (decision.notice) core.notice(decision.notice);
  if (decision.backend === 'tasks') {
    if (inputs.model !== undefined)
      core.notice('The model input is not used: a task uses its template’s model.');
    return createTasksBackend(coder, options);
  }
  // `auto` chose Chats only now; with `backend: chats` the inputs were refused before any request.
  if (inputs.coderUser !== 'me') throw new InputError('coder-user', CHATS_OWNER);
  if (inputs.mapGithubUser) throw new InputError('map-github-user', CHATS_OWNER);
  throw new Error('The Chats backend is not available in this build of the action.');
}

/** Whether the Tasks routes answer: a cheap read of the token user's tasks. */
async function tasksAnswer(coder: CoderClient, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await coder.listTasks({ owner: 'me' }, { signal });
    return true;
  } catch (error) {
    if (error instanceof TasksUnavailableError) return false;
    throw error;
  }
}
