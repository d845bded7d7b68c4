import { describe, expect, it } from 'vitest';
import { CoderApiError, TasksUnavailableError } from '../src/index';
import { idleTask, startHarness, templateVersionId } from './harness';

const silent = { answerInitialPrompt: false };

describe('createTask', () => {
  it('creates a task with the body Go sends and validates the 201 answer', async () => {
    const h = await startHarness();
    const preset = h.fake.control.seed?.largePresetId;
    const task = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      template_version_preset_id: preset,
      input: 'Fix the flaky test',
      name: 'fix-flaky',
      display_name: 'Fix flaky',
    });
    expect(task).toMatchObject({ name: 'fix-flaky', display_name: 'Fix flaky', owner_name: 'admin' });
    expect(task.initial_prompt).toBe('Fix the flaky test');
    const [post] = h.requestsTo('/api/v2/tasks/me', 'POST');
    expect(post?.body).toEqual({
      template_version_id: templateVersionId(h),
      template_version_preset_id: preset,
      input: 'Fix the flaky test',
      name: 'fix-flaky',
      display_name: 'Fix flaky',
    });
    expect(post?.status).toBe(201);
    expect(h.fake.control.task('fix-flaky')?.presetId).toBe(preset);
  });

  it('lets the server generate a name when none is given', async () => {
    const h = await startHarness();
    const task = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'Write docs',
    });
    expect(task.name).toMatch(/^[a-z0-9-]+-[0-9a-f]{4}$/);
    expect(h.requestsTo('/api/v2/tasks/me', 'POST')[0]?.body).toEqual({
      template_version_id: templateVersionId(h),
      input: 'Write docs',
    });
  });

  it.each([
    ['an invalid name', { name: 'not valid!' }, 400, 'Unable to create a Task with the provided name.'],
    [
      'a display name over 64 bytes',
      { display_name: 'x'.repeat(65) },
      400,
      'Display name must be 64 characters or less.',
    ],
  ])('rejects %s with 400', async (_name, extra, status, message) => {
    const h = await startHarness();
    const error = await h.client
      .createTask('me', { template_version_id: templateVersionId(h), input: 'x', ...extra })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status, kind: 'bad_request', method: 'POST', response: { message } });
  });

  it('rejects a template without coder_ai_task', async () => {
    const h = await startHarness();
    const plain = h.fake.control.seed?.plainTemplateVersionId ?? '';
    await expect(h.client.createTask('me', { template_version_id: plain, input: 'x' })).rejects.toMatchObject(
      {
        status: 400,
        response: { message: 'Template does not have a valid "coder_ai_task" resource.' },
      },
    );
  });

  it('throws 409 on a first attempt whose name is taken, and makes no second task', async () => {
    const h = await startHarness();
    const request = { template_version_id: templateVersionId(h), input: 'x', name: 'taken' };
    await h.client.createTask('me', request);
    const error = await h.client.createTask('me', request).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, kind: 'conflict' });
    expect((error as CoderApiError).response.validations?.[0]?.field).toBe('name');
    expect((error as Error).message).toContain(
      'unexpected status code 409: Workspace "taken" already exists.',
    );
    expect(h.fake.control.tasks()).toHaveLength(1);
  });
});

describe('reading tasks', () => {
  it('lists with the Go query and reads by id, owner/name and identifier alike', async () => {
    const h = await startHarness({ defaultAgentScript: silent });
    const created = await idleTask(h, 'one', 'a');
    const listed = await h.client.listTasks({ owner: 'me', status: 'active' });
    expect(listed.map((t) => t.id)).toEqual([created.id]);
    expect(h.requestsTo('/api/v2/tasks', 'GET')[0]?.query).toEqual({ q: 'owner:"me" status:"active"' });
    const byId = await h.client.getTask(created.id);
    expect(h.requestsTo(`/api/v2/tasks/me/${created.id}`)).toHaveLength(1);
    expect(await h.client.getTaskByOwnerAndName('admin', 'one')).toEqual(byId);
    expect(await h.client.getTaskByIdentifier(` ${created.id} `)).toEqual(byId);
    expect(await h.client.getTaskByIdentifier('one')).toEqual(byId);
    expect(await h.client.getTaskByIdentifier('admin/one')).toEqual(byId);
    expect(byId.status).toBe('active');
  });

  it('lists every visible task without a filter, sending an empty q as Go does', async () => {
    const h = await startHarness();
    await h.client.createTask('me', { template_version_id: templateVersionId(h), input: 'a', name: 'a1' });
    await h.client.createTask('me', { template_version_id: templateVersionId(h), input: 'b', name: 'b1' });
    expect((await h.client.listTasks()).map((t) => t.name)).toEqual(['b1', 'a1']);
    expect(h.requestsTo('/api/v2/tasks', 'GET')[0]?.query).toEqual({ q: '' });
  });

  it('rejects an invalid filter with the server validations', async () => {
    const h = await startHarness();
    const error = await h.client.listTasks({ filter_query: 'foo:bar' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, response: { message: 'Invalid task search query.' } });
    expect((error as Error).message).toContain('"foo" is not a valid query param');
  });

  it('says "not found" for a missing task, as a CoderApiError and not TasksUnavailableError', async () => {
    const h = await startHarness();
    for (const call of [
      () => h.client.getTask('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77'),
      () => h.client.getTaskByOwnerAndName('admin', 'nope'),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CoderApiError);
      expect(error).not.toBeInstanceOf(TasksUnavailableError);
      expect(error).toMatchObject({
        kind: 'not_found',
        response: { message: 'Resource not found or you do not have access to this resource' },
      });
    }
  });

  it('rejects a malformed identifier and empty ids before sending anything', async () => {
    const h = await startHarness();
    await expect(h.client.getTaskByIdentifier('a/b/c')).rejects.toThrow('invalid task identifier: "a/b/c"');
    await expect(h.client.getTask('')).rejects.toThrow('`id` must be a non-empty string, got ""');
    expect(h.fake.requests).toHaveLength(0);
  });

  it('does not show another member a task (404)', async () => {
    const h = await startHarness();
    const task = await h.client.createTask('me', { template_version_id: templateVersionId(h), input: 'a' });
    const member = h.clientWith({ token: h.fake.tokens.member ?? '' });
    await expect(member.getTask(task.id)).rejects.toMatchObject({ status: 404, kind: 'not_found' });
  });
});

describe('acting on tasks', () => {
  it('sends input to an idle agent, and 409s while it is not ready', async () => {
    const h = await startHarness({ defaultAgentScript: silent });
    const task = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'a',
      name: 's',
    });
    await expect(h.client.sendTaskInput('me', task.id, 'too early')).rejects.toMatchObject({
      status: 409,
      kind: 'conflict',
    });
    await h.fake.control.waitForIdle();
    await h.client.sendTaskInput('me', task.id, 'Hello, Agent!');
    expect(h.requestsTo(`/api/v2/tasks/me/${task.id}/send`).at(-1)).toMatchObject({
      body: { input: 'Hello, Agent!' },
      status: 204,
    });
    expect(h.fake.control.task(task.id)?.messages.map((m) => m.content)).toContain('Hello, Agent!');
    await expect(h.client.sendTaskInput('me', task.id, '')).rejects.toMatchObject({
      status: 400,
      response: { message: 'Task input is required.' },
    });
  });

  it('pauses, updates the input of the paused task, resumes (experimental routes)', async () => {
    const h = await startHarness({ defaultAgentScript: silent });
    const task = await idleTask(h, 'p', 'first');
    await expect(h.client.updateTaskInput('me', task.id, 'second')).rejects.toMatchObject({
      status: 409,
      response: { message: 'Unable to update task input, task must be paused.' },
    });
    const paused = await h.client.pauseTask('me', task.id);
    expect(paused.workspace_build).toMatchObject({ transition: 'stop', reason: 'task_manual_pause' });
    expect(h.requestsTo(`/api/experimental/tasks/me/${task.id}/pause`, 'POST')[0]?.status).toBe(202);
    await h.fake.control.waitForTask(task.id, 'paused');
    await h.client.updateTaskInput('me', task.id, 'second');
    expect((await h.client.getTask(task.id)).initial_prompt).toBe('second');
    const patched = h.requestsTo(`/api/v2/tasks/me/${task.id}/input`, 'PATCH');
    expect(patched.map((r) => [r.body, r.status])).toEqual([
      [{ input: 'second' }, 409],
      [{ input: 'second' }, 204],
    ]);
    const resumed = await h.client.resumeTask('me', task.id);
    // As Go, pause and resume send no body at all (and so no Content-Type).
    for (const action of ['pause', 'resume']) {
      const [sent] = h.requestsTo(`/api/experimental/tasks/me/${task.id}/${action}`, 'POST');
      expect(sent?.body).toBeUndefined();
      expect(sent?.headers['content-type']).toBeUndefined();
      expect(sent?.status).toBe(202);
    }
    expect(resumed.workspace_build).toMatchObject({ transition: 'start', reason: 'task_resume' });
    await h.fake.control.waitForTask(task.id, 'active');
    await expect(h.client.resumeTask('me', task.id)).rejects.toMatchObject({ status: 409 });
  });

  it('reads live logs and the snapshot of a paused task', async () => {
    const h = await startHarness();
    const task = await idleTask(h, 'l', 'Say hi');
    const live = await h.client.getTaskLogs('me', task.id);
    expect(live.snapshot).toBeUndefined();
    expect(live.logs.map((l) => [l.type, l.content])).toEqual([
      ['input', 'Say hi'],
      ['output', 'On it: Say hi'],
      ['output', 'Done.'],
    ]);
    await h.client.pauseTask('me', task.id);
    await h.fake.control.waitForTask(task.id, 'paused');
    const snap = await h.client.getTaskLogs('me', task.id);
    expect(snap.snapshot).toBe(true);
    expect(snap.snapshot_at).toBeTypeOf('string');
    expect(snap.logs).toEqual(live.logs);
  });

  it('deletes a task: 202, then reads 404', async () => {
    const h = await startHarness();
    const task = await idleTask(h, 'd', 'a');
    await expect(h.client.deleteTask('me', task.id)).resolves.toBeUndefined();
    expect(h.requestsTo(`/api/v2/tasks/me/${task.id}`, 'DELETE')[0]?.status).toBe(202);
    await expect(h.client.getTask(task.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(h.client.deleteTask('me', task.id)).rejects.toMatchObject({
      status: 404,
      kind: 'not_found',
    });
  });
});

describe('documented error paths of acting on tasks', () => {
  it('logs: 502 when AgentAPI fails, retried as a read and then thrown', async () => {
    const h = await startHarness({ defaultAgentScript: silent });
    const task = await idleTask(h, 'e1');
    h.fake.control.setAgentApi(task.id, { messagesError: true });
    await expect(h.client.getTaskLogs('me', task.id)).rejects.toMatchObject({ status: 502, kind: 'server' });
    expect(h.requestsTo(`/api/v2/tasks/me/${task.id}/logs`)).toHaveLength(4);
  });

  it('send: 502 when the agent rejects the message, not repeated; 409 with a hint when paused', async () => {
    const h = await startHarness({ defaultAgentScript: silent });
    const task = await idleTask(h, 'e2');
    h.fake.control.setAgentApi(task.id, { rejectMessage: true });
    await expect(h.client.sendTaskInput('me', task.id, 'hi')).rejects.toMatchObject({
      status: 502,
      response: { message: 'Task app rejected the message.' },
    });
    expect(h.requestsTo(`/api/v2/tasks/me/${task.id}/send`)).toHaveLength(1);
    await h.client.pauseTask('me', task.id);
    await h.fake.control.waitForTask(task.id, 'paused');
    const error = await h.client.sendTaskInput('me', task.id, 'hi').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, response: { message: 'Task is paused.' } });
    expect((error as Error).message).toContain('Resume the task to send messages.');
  });

  it('pause and resume: 404 for an unknown task, 409 while a build runs', async () => {
    const h = await startHarness({
      defaultAgentScript: silent,
      durations: { stopBuild: 60_000 },
      clock: 'manual',
    });
    await expect(h.client.pauseTask('me', 'no-such-task')).rejects.toMatchObject({ status: 404 });
    await expect(h.client.resumeTask('me', 'no-such-task')).rejects.toMatchObject({ status: 404 });
    const task = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'e3',
    });
    await h.fake.control.waitForTask(task.id, 'active');
    await h.client.pauseTask('me', task.id);
    // The stop build is still running (the manual clock does not move): a second pause conflicts.
    await expect(h.client.pauseTask('me', task.id)).rejects.toMatchObject({ status: 409, kind: 'conflict' });
    expect(h.requestsTo(`/api/experimental/tasks/me/${task.id}/pause`)).toHaveLength(2);
  });
});
