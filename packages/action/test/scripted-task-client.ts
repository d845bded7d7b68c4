import { CoderApiError, TaskWaitTimeoutError, type WaitForTaskOptions } from '@coder-tasks/sdk';
import type { Task, TaskLogEntry } from '@coder-tasks/types';
import type { StartTaskClient } from '../src/backends/tasks/start-task';
import type { WaitClient } from '../src/backends/tasks/wait-outcome';

/** A task as the server would send it, with `patch` applied. */
export function task(patch: Partial<Task> = {}): Task {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    organization_id: '22222222-2222-4222-8222-222222222222',
    owner_id: '33333333-3333-4333-8333-333333333333',
    owner_name: 'admin',
    name: 'gh-hello-world-1-a5f9f0',
    display_name: '#1 Spelling',
    template_id: '44444444-4444-4444-8444-444444444444',
    template_version_id: '55555555-5555-4555-8555-555555555555',
    template_name: 'tasks',
    template_display_name: 'Tasks',
    template_icon: '',
    workspace_id: null,
    workspace_name: 'gh-hello-world-1-a5f9f0',
    workspace_agent_id: null,
    workspace_agent_lifecycle: null,
    workspace_agent_health: null,
    workspace_app_id: null,
    initial_prompt: 'the first request',
    status: 'active',
    current_state: null,
    created_at: '2026-11-29T10:00:00Z',
    updated_at: '2026-11-29T10:00:00Z',
    ...patch,
  } as Task;
}

/** A task whose agent reports `state` at second `second`. */
export function reporting(state: string, second: number, message = ''): Task {
  const timestamp = `2026-11-29T10:00:${String(second).padStart(2, '0')}Z`;
  return task({ current_state: { state, message, timestamp, uri: '' } } as Partial<Task>);
}

/** A Coder answer with `status`, as the SDK throws it. */
export function apiError(status: number, message: string, method = 'POST'): CoderApiError {
  return new CoderApiError({
    status,
    method,
    url: 'http://coder.test/api/v2/tasks/me',
    response: { message },
    bodyKind: 'json',
  });
}

/**
 * A stand-in for the few client methods the Tasks backend's loops call. Each method answers from its own
 * queue (a value, or an error to throw); `waitForTask` walks a queue of task sequences the way the SDK's
 * wait does: `onChange` for each, the first one `until` accepts is returned, none is a timeout.
 */
export function scriptedTaskClient() {
  const calls: string[] = [];
  const queues: Record<string, unknown[]> = {};
  const answer = async <T>(name: string): Promise<T> => {
    const queue = queues[name];
    if (!queue?.length) throw new Error(`unexpected call: ${name}`);
    const next = queue.shift();
    if (next instanceof Error) throw next;
    return next as T;
  };
  const untilOf = (until: WaitForTaskOptions['until']) =>
    typeof until === 'function' ? until : (t: Task) => t.status === until || t.current_state?.state === until;
  const client: StartTaskClient & WaitClient = {
    getTaskByOwnerAndName: async (owner, name) => {
      calls.push(`lookup ${owner}/${name}`);
      return answer('lookup');
    },
    createTask: async (owner, request) => {
      calls.push(`create ${owner}/${request.name}`);
      return answer('create');
    },
    resumeTask: async (_owner, id) => {
      calls.push(`resume ${id}`);
      return answer('resume');
    },
    sendTaskInput: async (_owner, _id, input) => {
      calls.push(`send ${input}`);
      return answer('send');
    },
    getTask: async (id) => {
      calls.push(`get ${id}`);
      return answer('get');
    },
    getTaskLogs: async () => {
      calls.push('logs');
      return answer('logs');
    },
    waitForTask: async (_target, options) => {
      calls.push('wait');
      const sequence = await answer<Task[]>('wait');
      const until = untilOf(options.until);
      for (const t of sequence) {
        options.onChange?.(t);
        if (until(t)) return t;
      }
      throw new TaskWaitTimeoutError(sequence.at(-1) ?? task(), options.timeout ?? 0, 'the condition');
    },
  };
  return {
    client,
    calls,
    /** Queues what the next calls of `method` answer, in order. */
    on(method: 'lookup' | 'create' | 'resume' | 'send' | 'get' | 'logs' | 'wait', ...answers: unknown[]) {
      queues[method] = [...(queues[method] ?? []), ...answers];
    },
  };
}

/** A logs answer whose last message has `type`. */
export function logsEndingWith(type: 'input' | 'output'): { logs: TaskLogEntry[]; count: number } {
  const logs = [{ id: 1, type, content: 'x', time: '2026-11-29T10:00:00Z' }] as unknown as TaskLogEntry[];
  return { logs, count: logs.length };
}
