import type { Task } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { CoderApiError, type CoderClient } from '../src/index';
import { idleTask, startHarness, templateVersionId } from './harness';

const TASK = '/api/v2/tasks/{user}/{task}';

// Each route with the status it must NOT accept: another 2xx, with a body the method could read, so
// only the status check (Go's `res.StatusCode != http.StatusX`) can tell it apart from a success.
const cases: [string, string, string, number, (c: CoderClient, t: Task, tv: string) => Promise<unknown>][] = [
  [
    'createTask',
    'POST',
    '/api/v2/tasks/me',
    200,
    (c, _t, tv) => c.createTask('me', { template_version_id: tv, input: 'y' }),
  ],
  ['listTasks', 'GET', '/api/v2/tasks', 201, (c) => c.listTasks()],
  ['getTask', 'GET', TASK, 201, (c, t) => c.getTask(t.id)],
  ['getTaskByOwnerAndName', 'GET', TASK, 201, (c, t) => c.getTaskByOwnerAndName('me', t.name)],
  ['deleteTask', 'DELETE', TASK, 200, (c, t) => c.deleteTask('me', t.id)],
  ['sendTaskInput', 'POST', `${TASK}/send`, 200, (c, t) => c.sendTaskInput('me', t.id, 'hi')],
  ['updateTaskInput', 'PATCH', `${TASK}/input`, 200, (c, t) => c.updateTaskInput('me', t.id, 'hi')],
  [
    'pauseTask',
    'POST',
    '/api/experimental/tasks/{user}/{task}/pause',
    200,
    (c, t) => c.pauseTask('me', t.id),
  ],
  [
    'resumeTask',
    'POST',
    '/api/experimental/tasks/{user}/{task}/resume',
    200,
    (c, t) => c.resumeTask('me', t.id),
  ],
  ['getTaskLogs', 'GET', `${TASK}/logs`, 201, (c, t) => c.getTaskLogs('me', t.id)],
];

describe('only the success status Go expects counts as success', () => {
  it.each(cases)('%s refuses %s %s answered %i', async (_name, method, route, status, call) => {
    const h = await startHarness();
    const task = await idleTask(h, 'codes');
    // A body that parses as what the route returns (a Task, or a list), so the status alone must fail it.
    const body = route === '/api/v2/tasks' ? { tasks: [], count: 0 } : task;
    h.fake.control.faults.inject({ kind: 'status', status, body, route, method, times: 1 });
    const error = await call(h.client, task, templateVersionId(h)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status, method });
    expect((error as Error).message).toContain(`: unexpected status code ${status}: `);
  });
});
