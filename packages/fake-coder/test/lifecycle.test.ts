import {
  PauseTaskResponseSchema,
  parseWire,
  ResumeTaskResponseSchema,
  TaskLogsResponseSchema,
  TaskSchema,
  WorkspaceSchema,
} from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask } from './helpers';

// A task's whole life on the manual clock, every phase observed through the API (its `status` and `current_state`).

describe('a task through its whole life', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ clock: 'manual' });
    fake.control.scriptAgent('*', {
      otherwise: [
        { report: 'working', message: 'Looking' },
        { after: 1000, say: 'Found the race.' },
        { report: 'idle', message: 'Waiting for review' },
      ],
      replies: [
        {
          match: 'ship it',
          steps: [
            { after: 500, say: 'Shipped.' },
            { report: 'complete', message: 'all done' },
          ],
        },
      ],
    });
  });
  afterAll(() => fake.close());

  async function get(id: string) {
    const res = await call(fake, 'GET', `/api/v2/tasks/me/${id}`);
    expect(res.status).toBe(200);
    return parseWire(TaskSchema, res.json, 'Task');
  }

  it('moves create → initializing → active → working → idle → complete → pause → resume → delete', async () => {
    const created = await createTask(fake, { name: 'life' });
    const id = created.id;
    expect(parseWire(TaskSchema, created, 'Task').status).toBe('pending');
    expect(created.current_state).toBeNull();
    expect(created.workspace_status).toBe('pending');

    const seen: [string, string | null, string | null][] = [];
    const step = async () => {
      fake.control.clock.advance(0);
      const t = await get(id);
      seen.push([t.status, t.current_state?.state ?? null, t.current_state?.message ?? null]);
      return t;
    };
    await step(); // job running
    await step(); // job done, agent created
    await step(); // agent starting
    await step(); // agent ready, app initializing
    const active = await step(); // app healthy: agent answers the prompt
    expect(seen).toEqual([
      ['initializing', 'working', 'Workspace is starting'],
      ['initializing', 'working', 'Agent is connecting'],
      ['initializing', 'working', 'Agent is starting'],
      ['initializing', 'working', 'App is initializing'],
      ['active', 'working', 'Looking'],
    ]);
    expect(active.workspace_status).toBe('running');
    expect(active.workspace_agent_lifecycle).toBe('ready');
    expect(active.workspace_agent_health).toEqual({ healthy: true });

    // While the agent works, AgentAPI is not stable: send is refused.
    const busy = await call(fake, 'POST', `/api/v2/tasks/me/${id}/send`, { body: { input: 'hello' } });
    expect(busy.status).toBe(409);
    expect(busy.json).toEqual({
      message: 'Task app is not ready to accept input.',
      detail: 'Status: running',
    });

    fake.control.clock.advance(1000);
    const idle = await get(id);
    expect([idle.status, idle.current_state?.state]).toEqual(['active', 'idle']);
    const live = parseWire(
      TaskLogsResponseSchema,
      (await call(fake, 'GET', `/api/v2/tasks/me/${id}/logs`)).json,
      'TaskLogsResponse',
    );
    expect(live.snapshot).toBeUndefined();
    expect(live.logs.map((l) => [l.id, l.type, l.content])).toEqual([
      [0, 'input', 'Fix the flaky login test'],
      [1, 'output', 'Found the race.'],
    ]);

    expect(
      (await call(fake, 'POST', `/api/v2/tasks/me/${id}/send`, { body: { input: 'ship it' } })).status,
    ).toBe(204);
    fake.control.clock.advance(500);
    const done = await get(id);
    expect([done.status, done.current_state?.state, done.current_state?.message]).toEqual([
      'active',
      'complete',
      'all done',
    ]);

    const pause = await call(fake, 'POST', `/api/v2/tasks/me/${id}/pause`);
    expect(pause.status).toBe(202);
    const stop = parseWire(PauseTaskResponseSchema, pause.json, 'PauseTaskResponse').workspace_build;
    expect([stop?.transition, stop?.build_number, stop?.reason, stop?.status]).toEqual([
      'stop',
      2,
      'task_manual_pause',
      'pending',
    ]);
    expect((await get(id)).status).toBe('unknown');
    fake.control.clock.advance(0); // stop job running: the agent shuts down and uploads its snapshot
    expect((await get(id)).status).toBe('unknown');
    fake.control.clock.advance(0);
    const paused = await get(id);
    expect([paused.status, paused.workspace_status]).toEqual(['paused', 'stopped']);
    // The last app status survives the stop.
    expect([paused.current_state?.state, paused.current_state?.message]).toEqual(['complete', 'all done']);
    const snapJson = (await call(fake, 'GET', `/api/v2/tasks/me/${id}/logs`)).json;
    const snap = parseWire(TaskLogsResponseSchema, snapJson, 'TaskLogsResponse');
    expect(snap.snapshot).toBe(true);
    expect(snap.snapshot_at).toBe(fake.control.task(id)?.snapshot?.at);
    expect(snap.logs.map((l) => l.content)).toEqual([
      'Fix the flaky login test',
      'Found the race.',
      'ship it',
      'Shipped.',
    ]);

    const resume = await call(fake, 'POST', `/api/v2/tasks/me/${id}/resume`);
    expect(resume.status).toBe(202);
    const start = parseWire(ResumeTaskResponseSchema, resume.json, 'ResumeTaskResponse').workspace_build;
    expect([start?.transition, start?.build_number, start?.reason]).toEqual(['start', 3, 'task_resume']);
    const pending = await get(id);
    expect(pending.status).toBe('pending');
    // While pending and initializing, logs are the same snapshot, with the exact snapshot_at.
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${id}/logs`)).json).toEqual(snapJson);
    fake.control.clock.advance(0);
    const restarting = await get(id);
    // The old app status is older than the start build: stale, so the server synthesizes `working`.
    expect([restarting.status, restarting.current_state?.state, restarting.current_state?.message]).toEqual([
      'initializing',
      'working',
      'Workspace is starting',
    ]);
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${id}/logs`)).json).toEqual(snapJson);
    const back = await fake.control.waitForTask(id, 'active');
    expect(back.buildNumber).toBe(3);
    expect((await get(id)).current_state).toBeNull();

    const workspaceId = back.workspaceId as string;
    expect((await call(fake, 'DELETE', `/api/v2/tasks/me/${id}`)).status).toBe(202);
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${id}`)).status).toBe(404);
    expect((await call(fake, 'GET', `/api/v2/workspaces/${workspaceId}`)).status).toBe(200);
    await fake.control.waitForIdle();
    expect((await call(fake, 'GET', `/api/v2/workspaces/${workspaceId}`)).status).toBe(410);
    const gone = await call(fake, 'GET', `/api/v2/workspaces/${workspaceId}?include_deleted=true`);
    const ws = parseWire(WorkspaceSchema, gone.json, 'Workspace');
    expect([ws.latest_build?.transition, ws.latest_build?.status, ws.task_id]).toEqual([
      'delete',
      'deleted',
      id,
    ]);
  });

  it('reaches active promptly on the real clock with zero durations', async () => {
    const real = await startFakeCoder();
    try {
      const t = await createTask(real);
      const active = await real.control.waitForTask(t.id, (v) => v.currentState?.state === 'complete');
      expect(active.status).toBe('active');
      expect(active.messages.map((m) => m.role)).toEqual(['user', 'agent', 'agent']);
    } finally {
      await real.close();
    }
  });

  it('ends in error when a build fails, with the job error on the workspace', async () => {
    fake.control.failNextBuild({ error: 'terraform apply failed: quota exceeded' });
    const t = await createTask(fake);
    const failed = await fake.control.waitForTask(t.id, 'error');
    expect(failed.workspaceStatus).toBe('failed');
    const ws = parseWire(
      WorkspaceSchema,
      (await call(fake, 'GET', `/api/v2/workspaces/${failed.workspaceId}`)).json,
      'Workspace',
    );
    expect(ws.latest_build?.job?.error).toBe('terraform apply failed: quota exceeded');
    expect(ws.latest_build?.job?.status).toBe('failed');
  });

  it('is unknown once the agent is ready when the template links no app', async () => {
    fake.control.addTemplate({ name: 'no-app', taskApp: false });
    const version = fake.control.addTemplateVersion('no-app', { name: 'v2', taskApp: false, activate: true });
    const res = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { template_version_id: version.id, input: 'x' },
    });
    expect(res.status).toBe(201);
    const t = res.json as { id: string };
    await fake.control.waitForIdle();
    expect((await get(t.id)).status).toBe('unknown');
  });

  it('follows app health and agent lifecycle changes, row by row of the status table', async () => {
    const t = await createTask(fake, { input: 'health' });
    await fake.control.waitForTask(t.id, 'active');
    fake.control.setAppHealth(t.id, 'unhealthy');
    expect((await get(t.id)).status).toBe('error');
    // An unhealthy app makes send refuse the task as not active.
    const refused = await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/send`, { body: { input: 'x' } });
    expect([refused.status, (refused.json as { detail: string }).detail]).toEqual([
      400,
      'Task status is "error", it must be "active" to interact with the task.',
    ]);
    fake.control.setAppHealth(t.id, 'disabled');
    expect((await get(t.id)).status).toBe('active');
    fake.control.setAppHealth(t.id, 'healthy');
    for (const lifecycle of ['start_error', 'start_timeout']) {
      fake.control.setAgentLifecycle(t.id, lifecycle);
      expect([lifecycle, (await get(t.id)).status]).toEqual([lifecycle, 'active']);
    }
    fake.control.setAgentLifecycle(t.id, 'shutting_down');
    expect((await get(t.id)).status).toBe('unknown');
    fake.control.setAgentLifecycle(t.id, 'off');
    expect((await get(t.id)).status).toBe('unknown');
  });

  it('shows an app status newer than the start build even while initializing', async () => {
    fake.control.scriptAgent('early-report', { answerInitialPrompt: false });
    const t = await createTask(fake, { name: 'early-report' });
    fake.control.clock.advance(0);
    expect((await get(t.id)).current_state?.message).toBe('Workspace is starting');
    fake.control.setAppStatus(t.id, 'working', 'Cloning the repository');
    const early = await get(t.id);
    expect([early.status, early.current_state?.state, early.current_state?.message]).toEqual([
      'initializing',
      'working',
      'Cloning the repository',
    ]);
  });
});
