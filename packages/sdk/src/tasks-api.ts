import {
  type CreateTaskRequest,
  type PauseTaskResponse,
  parseTaskIdentifier,
  type ResumeTaskResponse,
  serializeCreateTaskRequest,
  type Task,
  type TaskLogsResponse,
  type TasksFilter,
  tasksFilterToQuery,
} from '@coder-tasks/types';
import { seg, taskPath } from './api-paths';
import { checkCreateTaskRequest, checkObject, checkString, checkTasksFilter } from './argument-checks';
import type { AttemptHistory, CallOptions } from './client-options';
import { findCreatedTask } from './created-task';
import type { CoderApiError } from './errors';
import { getJson, type RequestHost } from './request-loop';
import { decodePause, decodeResume, decodeTask, decodeTaskLogs, decodeTasksList } from './wire-decoders';

/**
 * The routes of the Tasks API (codersdk/aitasks.go) over the client's one request path, each saying
 * whether a repeat can do harm and how a repeat recovers. `CoderClient` documents them for callers.
 */
export class TasksApi {
  // A private field, so that logging or serializing the client does not walk back into it.
  readonly #host: RequestHost;

  constructor(host: RequestHost) {
    this.#host = host;
  }

  create(user: string, request: CreateTaskRequest, options?: CallOptions): Promise<Task> {
    const body = serializeCreateTaskRequest(checkCreateTaskRequest(request));
    const path = `/api/v2/tasks/${seg('user', user)}`;
    // Only a named create can be recognised again: its name is unique per owner.
    const recover = body.name
      ? (e: CoderApiError, history: AttemptHistory) => findCreatedTask(this, user, body, e, history, options)
      : undefined;
    return this.#host.request(
      { method: 'POST', path, body, decode: decodeTask, expect: 201, repeatable: !!body.name, recover },
      options,
    );
  }

  async list(filter?: TasksFilter, options?: CallOptions): Promise<Task[]> {
    const query = { q: tasksFilterToQuery(checkTasksFilter(filter)) };
    const spec = {
      method: 'GET',
      path: '/api/v2/tasks',
      query,
      decode: decodeTasksList,
      repeatable: true,
    } as const;
    return (await this.#host.request(spec, options)).tasks;
  }

  get(id: string, options?: CallOptions): Promise<Task> {
    return getJson(this.#host, taskPath('v2', 'me', id), decodeTask, options);
  }

  getTaskByOwnerAndName(owner: string, name: string, options?: CallOptions): Promise<Task> {
    const path = `/api/v2/tasks/${seg('owner', owner || 'me')}/${seg('name', name)}`;
    return getJson(this.#host, path, decodeTask, options);
  }

  byIdentifier(identifier: string, options?: CallOptions): Promise<Task> {
    const parsed = parseTaskIdentifier(checkString('getTaskByIdentifier', 'identifier', identifier));
    return parsed.kind === 'id'
      ? this.get(parsed.id, options)
      : this.getTaskByOwnerAndName(parsed.owner, parsed.name, options);
  }

  delete(user: string, id: string, options?: CallOptions): Promise<void> {
    // A repeat that finds the task gone means an earlier attempt deleted it.
    const recover = async (e: CoderApiError) => (e.status === 404 ? { value: undefined } : undefined);
    return this.#host.request<void>(
      { method: 'DELETE', path: taskPath('v2', user, id), expect: 202, repeatable: true, recover },
      options,
    );
  }

  send(user: string, id: string, input: string, options?: CallOptions): Promise<void> {
    const path = taskPath('v2', user, id, '/send');
    checkString('sendTaskInput', 'input', input);
    const spec = { method: 'POST', path, body: { input }, expect: 204, repeatable: false } as const;
    return this.#host.request<void>(spec, options);
  }

  updateInput(user: string, id: string, input: string, options?: CallOptions): Promise<void> {
    const path = taskPath('v2', user, id, '/input');
    checkString('updateTaskInput', 'input', input);
    const recover = async (e: CoderApiError) => {
      if (e.status !== 409) return undefined;
      const task = await this.getTaskByOwnerAndName(user, id, options).catch(() => undefined);
      return task?.initial_prompt === input ? { value: undefined } : undefined;
    };
    const spec = { method: 'PATCH', path, body: { input }, expect: 204, repeatable: true, recover } as const;
    return this.#host.request<void>(spec, options);
  }

  pause(user: string, id: string, options?: CallOptions): Promise<PauseTaskResponse> {
    const path = taskPath('experimental', user, id, '/pause');
    const spec = { method: 'POST', path, decode: decodePause, expect: 202, repeatable: false } as const;
    return this.#host.request(spec, options);
  }

  resume(user: string, id: string, options?: CallOptions): Promise<ResumeTaskResponse> {
    const path = taskPath('experimental', user, id, '/resume');
    const spec = { method: 'POST', path, decode: decodeResume, expect: 202, repeatable: false } as const;
    return this.#host.request(spec, options);
  }

  logs(user: string, id: string, options?: CallOptions): Promise<TaskLogsResponse> {
    return getJson(this.#host, taskPath('v2', user, id, '/logs'), decodeTaskLogs, options);
  }
}

/** The task's page in the Coder dashboard: `<base>/tasks/<owner>/<task id>`. */
export function taskUrl(base: URL, task: Pick<Task, 'owner_name' | 'id'>): string {
  const fields = checkObject('taskUrl', 'task', task);
  checkString('taskUrl', 'task.owner_name', fields.owner_name);
  checkString('taskUrl', 'task.id', fields.id);
  return new URL(
    `tasks/${seg('task.owner_name', task.owner_name)}/${seg('task.id', task.id)}`,
    base,
  ).toString();
}
