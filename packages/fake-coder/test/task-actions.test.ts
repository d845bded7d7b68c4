import { parseWire, TaskLogsResponseSchema } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask } from './helpers';

// Send, logs, update input, pause, resume and delete: each error path of reference 1.3 and section 8.

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder({ clock: 'manual' });
});
afterAll(() => fake.close());

async function activeTask(body: Record<string, unknown> = {}) {
  const t = await createTask(fake, body);
  await fake.control.waitForTask(t.id, 'active');
  await fake.control.waitForIdle();
  return t;
}

async function pausedTask() {
  const t = await activeTask();
  expect((await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`)).status).toBe(202);
  await fake.control.waitForTask(t.id, 'paused');
  return t;
}

const send = (id: string, input: unknown, token?: string) =>
  call(fake, 'POST', `/api/v2/tasks/me/${id}/send`, { body: { input }, token });

describe('send', () => {
  it('delivers {content, type:user} to the agent and answers 204 with no body', async () => {
    const t = await activeTask();
    const res = await send(t.id, 'Hello, Agent!');
    expect([res.status, res.text]).toEqual([204, '']);
    const messages = fake.control.task(t.id)?.messages ?? [];
    expect(messages.find((m) => m.role === 'user' && m.content === 'Hello, Agent!')).toBeDefined();
  });

  it('answers 400 for empty input (not trimmed: a space is accepted) and 404 for an unknown task', async () => {
    const t = await activeTask();
    expect([(await send(t.id, '')).status, (await send(t.id, '')).json]).toEqual([
      400,
      { message: 'Task input is required.' },
    ]);
    expect((await send(t.id, ' ')).status).toBe(204);
    expect((await send('8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11', 'x')).status).toBe(404);
  });

  it('answers 409 while pending or initializing, 409 when paused, 400 when in error', async () => {
    const t = await createTask(fake);
    const pending = await send(t.id, 'x');
    expect([pending.status, pending.json]).toEqual([
      409,
      {
        message: 'Task is pending.',
        detail: 'The task is resuming. Wait for the task to become active before sending messages.',
      },
    ]);
    fake.control.clock.advance(0);
    const init = await send(t.id, 'x');
    expect([init.status, (init.json as { message: string }).message]).toEqual([409, 'Task is initializing.']);
    expect((init.json as { detail: string }).detail).toContain('resuming');

    const p = await pausedTask();
    expect((await send(p.id, 'x')).json).toEqual({
      message: 'Task is paused.',
      detail: 'Resume the task to send messages.',
    });

    fake.control.failNextBuild({ error: 'boom' });
    const e = await createTask(fake);
    await fake.control.waitForTask(e.id, 'error');
    const err = await send(e.id, 'x');
    expect([err.status, err.json]).toEqual([
      400,
      {
        message: 'Task must be active.',
        detail: 'Task status is "error", it must be "active" to interact with the task.',
      },
    ]);
  });

  it('answers as coderd does when AgentAPI misbehaves', async () => {
    const t = await activeTask();
    fake.control.setAgentApi(t.id, { status: 'bad' });
    expect((await send(t.id, 'x')).json).toEqual({
      message: 'Task app is not ready to accept input.',
      detail: 'Status: bad',
    });
    fake.control.setAgentApi(t.id, { status: undefined, unreachable: true });
    const unreachable = await send(t.id, 'x');
    expect([unreachable.status, (unreachable.json as { message: string }).message]).toEqual([
      502,
      'Failed to reach task app endpoint.',
    ]);
    fake.control.setAgentApi(t.id, { unreachable: false, statusError: true });
    expect((await send(t.id, 'x')).status).toBe(502);
    fake.control.setAgentApi(t.id, { statusError: false, rejectMessage: true });
    const rejected = await send(t.id, 'x');
    expect([rejected.status, (rejected.json as { message: string }).message]).toEqual([
      502,
      'Task app rejected the message.',
    ]);
    fake.control.setAgentApi(t.id, { rejectMessage: false, appUrlScheme: 'https' });
    expect((await send(t.id, 'x')).json).toEqual({
      message: 'Only http scheme is supported for direct agent-dial.',
    });
    fake.control.setAgentApi(t.id, { appUrlScheme: 'http' });
    expect((await send(t.id, 'x')).status).toBe(204);
  });

  it('answers 404 to a member sending to a task they do not own', async () => {
    const t = await activeTask();
    expect((await send(t.id, 'x', fake.tokens.member)).status).toBe(404);
  });
});

describe('logs', () => {
  it('maps AgentAPI roles, and answers 502 when AgentAPI fails', async () => {
    fake.control.scriptAgent('logs-roles', [{ say: 'first' }]);
    const t = await activeTask({ name: 'logs-roles' });
    const ok = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`);
    const logs = parseWire(TaskLogsResponseSchema, ok.json, 'TaskLogsResponse');
    expect(logs.logs.map((l) => [l.id, l.type])).toEqual([
      [0, 'input'],
      [1, 'output'],
    ]);
    expect('snapshot' in (ok.json as object)).toBe(false);
    fake.control.addAgentMessage(t.id, { role: 'system', content: 'odd' });
    const odd = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`);
    expect([odd.status, odd.json]).toEqual([
      502,
      { message: 'Invalid task app response.', detail: 'invalid agentapi message role "system"' },
    ]);
    fake.control.setAgentApi(t.id, { messagesError: true });
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`)).status).toBe(502);
  });

  it('answers {logs:[], snapshot:true} with no snapshot while starting, and 409 in error', async () => {
    const t = await createTask(fake);
    const res = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`);
    expect([res.status, res.json]).toEqual([200, { logs: [], snapshot: true }]);
    fake.control.failNextBuild({ error: 'boom' });
    const e = await createTask(fake);
    await fake.control.waitForTask(e.id, 'error');
    const err = await call(fake, 'GET', `/api/v2/tasks/me/${e.id}/logs`);
    expect([err.status, err.json]).toEqual([
      409,
      { message: 'Cannot fetch logs for task in current state.', detail: 'Task status is "error".' },
    ]);
  });

  it('answers 500 for a snapshot it cannot read', async () => {
    const t = await pausedTask();
    fake.control.corruptSnapshot(t.id, 'format');
    const format = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`);
    expect(format.status).toBe(500);
    expect((format.json as { message: string }).message).toContain('Unsupported task snapshot format');
    fake.control.corruptSnapshot(t.id, 'data');
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`)).status).toBe(500);
  });
});

describe('update input', () => {
  const patch = (id: string, input: unknown, token?: string) =>
    call(fake, 'PATCH', `/api/v2/tasks/me/${id}/input`, { body: { input }, token });

  it('answers 409 unless paused, 204 (no body) and a new prompt when paused', async () => {
    const t = await createTask(fake);
    const pending = await patch(t.id, 'new prompt');
    expect([pending.status, pending.json]).toEqual([
      409,
      {
        message: 'Unable to update task input, task must be paused.',
        detail: "Please stop the task's workspace before updating the input.",
      },
    ]);
    const p = await pausedTask();
    expect((await patch(p.id, '   ')).json).toEqual({ message: 'Task input is required.' });
    expect((await patch(p.id, 'new prompt', fake.tokens.member)).status).toBe(404);
    const ok = await patch(p.id, 'new prompt');
    expect([ok.status, ok.text]).toEqual([204, '']);
    const after = (await call(fake, 'GET', `/api/v2/tasks/me/${p.id}`)).json as { initial_prompt: string };
    expect(after.initial_prompt).toBe('new prompt');
    // On resume the agent answers the new prompt.
    await call(fake, 'POST', `/api/v2/tasks/me/${p.id}/resume`);
    await fake.control.waitForIdle();
    expect(
      fake.control
        .task(p.id)
        ?.messages.filter((m) => m.role === 'user')
        .map((m) => m.content),
    ).toEqual(['Fix the flaky login test', 'new prompt']);
  });

  it('answers 409 in error and 404 once deleted', async () => {
    fake.control.failNextBuild({ error: 'boom' });
    const e = await createTask(fake);
    await fake.control.waitForTask(e.id, 'error');
    expect((await patch(e.id, 'x')).status).toBe(409);
    const p = await pausedTask();
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${p.id}`)).status).toBe(202);
    expect((await patch(p.id, 'x')).status).toBe(404);
  });
});

describe('pause and resume', () => {
  it('lets the owner and an org admin pause, hides the task from a plain member, forbids an auditor', async () => {
    fake.control.addUser({ username: 'orgadmin', role: 'org-admin' });
    fake.control.addUser({ username: 'auditor', role: 'auditor' });
    const t = await activeTask();
    const member = await call(fake, 'POST', `/api/v2/tasks/admin/${t.id}/pause`, {
      token: fake.tokens.member,
    });
    expect(member.status).toBe(404);
    const auditor = await call(fake, 'POST', `/api/v2/tasks/admin/${t.id}/pause`, {
      token: fake.tokens.auditor,
    });
    expect([auditor.status, (auditor.json as { message: string }).message]).toEqual([
      403,
      'You do not have permission to update this workspace.',
    ]);
    const admin = await call(fake, 'POST', `/api/v2/tasks/admin/${t.id}/pause`, {
      token: fake.tokens.orgadmin,
    });
    expect(admin.status).toBe(202);
  });

  it('answers 409 while a build is in progress, and resume 409 while running', async () => {
    const t = await activeTask();
    const running = await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/resume`);
    expect([running.status, running.json]).toEqual([
      409,
      { message: 'Task workspace is already running.', detail: 'Workspace status is "running".' },
    ]);
    expect((await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`)).status).toBe(202);
    const again = await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`);
    expect([again.status, again.json]).toEqual([
      409,
      { message: 'A workspace build is already active.', detail: 'A workspace build is already active.' },
    ]);
    expect((await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/resume`)).status).toBe(409);
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${t.id}`)).status).toBe(409);
    await fake.control.waitForTask(t.id, 'paused');
    // No server-side "already paused" check: a second pause queues another stop build.
    const second = await call(fake, 'POST', `/api/experimental/tasks/me/${t.id}/pause`);
    expect(second.status).toBe(202);
    expect((second.json as { workspace_build: { build_number: number } }).workspace_build.build_number).toBe(
      3,
    );
  });
});

describe('delete', () => {
  it('answers 404 for a random id, a workspace id and another user; 403 for an auditor', async () => {
    const t = await activeTask();
    const ws = fake.control.task(t.id)?.workspaceId as string;
    expect((await call(fake, 'DELETE', '/api/v2/tasks/me/8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11')).status).toBe(
      404,
    );
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${ws}`)).status).toBe(404);
    expect(
      (await call(fake, 'DELETE', `/api/v2/tasks/admin/${t.id}`, { token: fake.tokens.member })).status,
    ).toBe(404);
    expect(
      (await call(fake, 'DELETE', `/api/v2/tasks/admin/${t.id}`, { token: fake.tokens.auditor })).status,
    ).toBe(403);
    const res = await call(fake, 'DELETE', `/api/v2/tasks/admin/${t.id}`);
    expect([res.status, res.text]).toEqual([202, '']);
  });

  it('removes only this task’s snapshot, and a direct workspace delete removes the task', async () => {
    const a = await pausedTask();
    const b = await pausedTask();
    await call(fake, 'DELETE', `/api/v2/tasks/me/${a.id}`);
    expect(fake.control.tasks({ includeDeleted: true }).find((x) => x.id === a.id)?.snapshot).toBeNull();
    expect(fake.control.task(b.id)?.snapshot).not.toBeNull();

    const c = await activeTask();
    fake.control.deleteWorkspace(c.id);
    await fake.control.waitForIdle();
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${c.id}`)).status).toBe(404);
  });

  it('answers 409 while the workspace is being deleted, and still works once the workspace is gone', async () => {
    const t = await activeTask();
    const ws = fake.control.task(t.id)?.workspaceId as string;
    fake.control.deleteWorkspace(t.id);
    fake.control.clock.advance(0);
    expect(fake.control.workspace(ws)).toMatchObject({ latest_build: { status: 'deleting' } });
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${t.id}`)).status).toBe(409);

    const orphan = await activeTask();
    fake.control.detachWorkspace(orphan.id);
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${orphan.id}`)).status).toBe(202);
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${orphan.id}`)).status).toBe(404);
  });
});
