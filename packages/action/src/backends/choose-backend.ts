import type { CoderClient } from '@coder-tasks/sdk';
import { InputError } from '../input-error';
import { CHATS_OWNER } from '../parse-inputs';
import * as core from '../runner-commands';
import type { Backend } from './backend';
import { createChatsBackend } from './chats/chats-backend';
import { decideBackend } from './decide-backend';
import { createTasksBackend, type TasksBackendOptions } from './tasks/tasks-backend';

/** What the chosen backend is built with. */
export type BackendOptions = TasksBackendOptions;

/**
 * Picks the backend that does the work, once, from the inputs and what the server serves (its version,
 * and on the releases where a flag decides, whether the Tasks routes answer), and says in the log which
 * and why.
 * The one place that knows there is more than one.
 */
export async function chooseBackend(coder: CoderClient, options: BackendOptions): Promise<Backend> {
  const { inputs, signal } = options;
  const support = await coder.apiSupport({ signal });
  const decision = decideBackend({
    choice: inputs.backend,
    hasTemplate: inputs.template !== undefined || inputs.templateVersionId !== undefined,
    support: { version: support.version, tasks: support.tasks, chats: support.chats !== undefined },
  });
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
  return createChatsBackend(coder, options);
}
