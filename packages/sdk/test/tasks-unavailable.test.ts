import { describe, expect, it } from 'vitest';
import { CoderApiError, TasksUnavailableError } from '../src/index';
import { startHarness, templateVersionId } from './harness';

const ID = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';

describe('a server without the Tasks API', () => {
  it('throws TasksUnavailableError on every task route, naming the version and the setting', async () => {
    const h = await startHarness({ tasksEnabled: false, version: 'v2.36.1' });
    const calls = [
      () => h.client.listTasks(),
      () => h.client.getTask(ID),
      () => h.client.getTaskByOwnerAndName('me', 'n'),
      () => h.client.createTask('me', { template_version_id: templateVersionId(h), input: 'x', name: 'n' }),
      () => h.client.sendTaskInput('me', ID, 'x'),
      () => h.client.getTaskLogs('me', ID),
      () => h.client.updateTaskInput('me', ID, 'x'),
      () => h.client.pauseTask('me', ID),
      () => h.client.resumeTask('me', ID),
      () => h.client.deleteTask('me', ID),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TasksUnavailableError);
      expect(error).not.toBeInstanceOf(CoderApiError);
      expect(error).toMatchObject({
        status: 404,
        serverVersion: 'v2.36.1',
        response: { message: 'Route not found.' },
      });
      expect((error as Error).message).toContain('CODER_ENABLE_AI_TASKS=true');
      expect((error as Error).message).toContain('v2.36.1');
    }
    // Not retried: one request per call, plus the buildinfo that names the version.
    expect(h.fake.requests.filter((r) => r.path.includes('/tasks'))).toHaveLength(calls.length);
    expect(h.requestsTo('/api/v2/buildinfo')).toHaveLength(calls.length);
  });

  it.each(['v2.38.0', 'v0.0.0-devel+abc1234'])(
    'tells a %s server that Tasks are gone for good and that it serves Chats instead',
    async (version) => {
      const h = await startHarness({ version });
      const error = await h.client.listTasks().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TasksUnavailableError);
      expect(error).toMatchObject({ serverVersion: version, generation: { tasks: 'removed' } });
      expect((error as Error).message).toContain('no setting brings them back');
      expect((error as Error).message).toContain('serves the Chats API instead (/api/v2/chats)');
      expect((error as Error).message).not.toContain('CODER_ENABLE_AI_TASKS');
    },
  );

  it('says an old server is older than v2.29', async () => {
    const h = await startHarness({ tasksEnabled: false, version: 'v2.28.4' });
    const error = await h.client.listTasks().catch((e: unknown) => e);
    expect((error as Error).message).toContain('The server runs Coder v2.28.4, older than v2.29');
  });

  it('still explains itself when buildinfo does not answer', async () => {
    const h = await startHarness({ tasksEnabled: false });
    h.fake.control.faults.inject({ kind: 'status', status: 500, route: '/api/v2/buildinfo' });
    const error = await h.client.listTasks().catch((e: unknown) => e);
    expect(error).toMatchObject({ serverVersion: undefined });
    expect((error as Error).message).toContain(
      'Either Tasks is disabled on this server (start Coder with CODER_ENABLE_AI_TASKS=true (--enable-ai-tasks)) or the server is older than v2.29.',
    );
  });

  it('works again once Tasks is enabled, and keeps "task not found" a CoderApiError', async () => {
    const h = await startHarness({ tasksEnabled: false });
    await expect(h.client.listTasks()).rejects.toBeInstanceOf(TasksUnavailableError);
    h.fake.control.setTasksEnabled(true);
    await expect(h.client.listTasks()).resolves.toEqual([]);
    const missing = await h.client.getTask(ID).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CoderApiError);
    expect(missing).toMatchObject({ kind: 'not_found' });
  });

  it('says a v2.30 server lacks only pause and resume, not Tasks', async () => {
    const h = await startHarness({ version: 'v2.30.2' });
    for (const action of ['pause', 'resume'] as const) {
      h.fake.control.faults.inject({
        kind: 'status',
        status: 404,
        body: { message: 'Route not found.' },
        route: `/api/experimental/tasks/{user}/{task}/${action}`,
        times: 1,
      });
      const call = action === 'pause' ? h.client.pauseTask('me', ID) : h.client.resumeTask('me', ID);
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TasksUnavailableError);
      expect((error as Error).message).toContain(
        'this server serves the Coder Tasks API but not task pause and resume (404 "Route not found."). The server runs Coder v2.30.2; pause and resume need v2.31 or newer',
      );
      expect((error as Error).message).not.toContain('CODER_ENABLE_AI_TASKS');
    }
    // The rest of the API is there on that server.
    await expect(h.client.listTasks()).resolves.toEqual([]);
  });

  it('leaves "Route not found." on other routes a plain 404', async () => {
    const h = await startHarness();
    const error = await h.client
      .request({ method: 'GET', path: '/api/v2/not-a-route', repeatable: true, decode: (d) => d })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 404, response: { message: 'Route not found.' } });
  });
});
