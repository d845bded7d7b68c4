import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { activeTask, call, createTask, pausedTask, send } from './helpers';

// Update input, pause, resume and delete: each error path of their routes.

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder({ clock: 'manual' });
});
afterAll(() => fake.close());

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
    const p = await pausedTask(fake);
    for (const blank of ['', '   ']) {
      const res = await patch(p.id, blank);
      expect([res.status, res.json]).toEqual([400, { message: 'Task input is required.' }]);
    }
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
    const p = await pausedTask(fake);
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${p.id}`)).status).toBe(202);
    expect((await patch(p.id, 'x')).status).toBe(404);
  });
});

describe('pause and resume', () => {
  it('lets the owner and an org admin pause, hides the task from a plain member, forbids an auditor', async () => {
    fake.control.addUser({ username: 'orgadmin', role: 'org-admin' });
    fake.control.addUser({ username: 'auditor', role: 'auditor' });
    const t = await activeTask(fake);
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
    const t = await activeTask(fake);
    const running = await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/resume`);
    expect([running.status, running.json]).toEqual([
      409,
      { message: 'Task workspace is already running.', detail: 'Workspace status is "running".' },
    ]);
    expect((await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`)).status).toBe(202);
    // While the stop build is queued the task is `unknown`: send is a 400, logs a 409.
    const unknownSend = await send(fake, t.id, 'x');
    expect([unknownSend.status, unknownSend.json]).toEqual([
      400,
      {
        message: 'Task must be active.',
        detail: 'Task status is "unknown", it must be "active" to interact with the task.',
      },
    ]);
    const unknownLogs = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`);
    expect([unknownLogs.status, unknownLogs.json]).toEqual([
      409,
      { message: 'Cannot fetch logs for task in current state.', detail: 'Task status is "unknown".' },
    ]);
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
    const t = await activeTask(fake);
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
    const a = await pausedTask(fake);
    const b = await pausedTask(fake);
    await call(fake, 'DELETE', `/api/v2/tasks/me/${a.id}`);
    expect(fake.control.tasks({ includeDeleted: true }).find((x) => x.id === a.id)?.snapshot).toBeNull();
    expect(fake.control.task(b.id)?.snapshot).not.toBeNull();

    const c = await activeTask(fake);
    fake.control.deleteWorkspace(c.id);
    await fake.control.waitForIdle();
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${c.id}`)).status).toBe(404);
  });

  it('answers 409 while the workspace is being deleted, and still works once the workspace is gone', async () => {
    const t = await activeTask(fake);
    const ws = fake.control.task(t.id)?.workspaceId as string;
    fake.control.deleteWorkspace(t.id);
    fake.control.clock.advance(0);
    expect(fake.control.workspace(ws)).toMatchObject({ latest_build: { status: 'deleting' } });
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${t.id}`)).status).toBe(409);

    const orphan = await activeTask(fake);
    fake.control.detachWorkspace(orphan.id);
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${orphan.id}`)).status).toBe(202);
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${orphan.id}`)).status).toBe(404);
  });
});
