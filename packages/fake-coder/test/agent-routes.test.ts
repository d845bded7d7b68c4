import { parseWire, TaskLogsResponseSchema, TaskSchema } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask } from './helpers';

// The agent-token routes: app status reports and the log snapshot upload (#21771).

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder({ clock: 'manual' });
  fake.control.scriptAgent('*', { otherwise: [], answerInitialPrompt: false });
});
afterAll(() => fake.close());

async function activeTask() {
  const t = await createTask(fake);
  await fake.control.waitForTask(t.id, 'active');
  return { ...t, agentToken: fake.control.agentToken(t.id) };
}

const patchStatus = (token: string | null, body: unknown) =>
  call(fake, 'PATCH', '/api/v2/workspaceagents/me/app-status', { token, body });

describe('PATCH /api/v2/workspaceagents/me/app-status', () => {
  it('sets current_state (failure is read as failed) and answers 200', async () => {
    const t = await activeTask();
    const res = await patchStatus(t.agentToken, {
      app_slug: 'ai',
      state: 'working',
      message: 'Reading',
      uri: '',
    });
    expect([res.status, res.text]).toEqual([200, 'null\n']);
    const task = parseWire(TaskSchema, (await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`)).json, 'Task');
    expect([task.current_state?.state, task.current_state?.message]).toEqual(['working', 'Reading']);
    await patchStatus(t.agentToken, {
      app_slug: 'ai',
      state: 'failure',
      message: 'Gave up',
      uri: 'https://x',
    });
    const failed = (await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`)).json as { current_state: unknown };
    expect(failed.current_state).toMatchObject({ state: 'failed', message: 'Gave up', uri: 'https://x' });
    // coderd upper-cases the state onto its proto enum, so the letter case does not matter.
    const upper = await patchStatus(t.agentToken, { app_slug: 'ai', state: 'IDLE', message: 'Waiting' });
    expect(upper.status).toBe(200);
    const idle = (await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`)).json as { current_state: unknown };
    expect(idle.current_state).toMatchObject({ state: 'idle', message: 'Waiting' });
  });

  it('refuses a bad state, a long message and an unknown slug as coderd does', async () => {
    const t = await activeTask();
    expect(
      (await patchStatus(t.agentToken, { app_slug: 'ai', state: 'failed', message: '' })).json,
    ).toMatchObject({
      message: 'Failed to parse request.',
    });
    const long = await patchStatus(t.agentToken, { app_slug: 'ai', state: 'idle', message: 'x'.repeat(161) });
    expect([long.status, long.json]).toEqual([
      400,
      {
        message: 'Message is too long.',
        detail: 'Message must be less than 160 characters.',
        validations: [{ field: 'message', detail: 'Message must be less than 160 characters.' }],
      },
    ]);
    const slug = await patchStatus(t.agentToken, { app_slug: 'nope', state: 'idle', message: '' });
    expect([slug.status, slug.json]).toEqual([
      400,
      { message: 'Failed to get workspace app.', detail: 'No app found with slug "nope"' },
    ]);
  });

  it.each([
    [null, 'Cookie "coder_session_token" must be provided.'],
    ['not-a-uuid', 'Workspace agent token invalid.'],
    ['8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11', 'Workspace agent not authorized.'],
  ])('answers 401 for the agent token %j', async (token, message) => {
    const res = await patchStatus(token, { app_slug: 'ai', state: 'idle', message: '' });
    expect([res.status, (res.json as { message: string }).message]).toEqual([401, message]);
  });

  it('does not take a user session token', async () => {
    expect((await patchStatus(fake.token, { app_slug: 'ai', state: 'idle', message: '' })).status).toBe(401);
  });
});

describe('POST /api/v2/workspaceagents/me/tasks/{task}/log-snapshot', () => {
  const upload = (token: string, taskId: string, body: unknown, query = '?format=agentapi') =>
    call(fake, 'POST', `/api/v2/workspaceagents/me/tasks/${taskId}/log-snapshot${query}`, {
      token,
      rawBody: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stores what the agent uploads as it shuts down; the paused task serves it', async () => {
    const t = await activeTask();
    await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`);
    fake.control.clock.advance(0); // the stop job runs; the agent is shutting down but may still upload
    const messages = [
      { id: 0, role: 'user', content: 'Fix it', time: '2026-08-26T12:00:00.123456Z' },
      { id: 1, role: 'agent', content: 'Fixed', time: '2026-08-26T12:00:05Z' },
    ];
    const res = await upload(t.agentToken, t.id, { messages });
    expect([res.status, res.text]).toEqual([204, '']);
    await fake.control.waitForTask(t.id, 'paused');
    const logs = parseWire(
      TaskLogsResponseSchema,
      (await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`)).json,
      'TaskLogsResponse',
    );
    expect(logs.logs).toEqual([
      { id: 0, content: 'Fix it', type: 'input', time: '2026-08-26T12:00:00.123456Z' },
      { id: 1, content: 'Fixed', type: 'output', time: '2026-08-26T12:00:05Z' },
    ]);
    expect(logs.snapshot).toBe(true);
    // Once the agent is off its token no longer authenticates.
    expect((await upload(t.agentToken, t.id, { messages })).status).toBe(401);
  });

  it('answers each error as coderd does', async () => {
    const t = await activeTask();
    const other = await activeTask();
    const bad = await upload(t.agentToken, 'not-a-uuid', { messages: [] });
    expect([bad.status, (bad.json as { message: string }).message]).toEqual([400, 'Invalid task ID format.']);
    const noFormat = await upload(t.agentToken, t.id, { messages: [] }, '');
    expect(noFormat.json).toEqual({
      message: 'Invalid query parameters.',
      validations: [{ field: 'format', detail: 'Query param "format" is required and cannot be empty' }],
    });
    const wrongFormat = await upload(t.agentToken, t.id, { messages: [] }, '?format=raw');
    expect(wrongFormat.json).toEqual({
      message: 'Invalid format parameter.',
      detail: 'Only "agentapi" format is currently supported, got "raw".',
    });
    expect((await upload(t.agentToken, other.id, { messages: [] })).status).toBe(404);
    expect((await upload(t.agentToken, t.id, { messages: [{ content: 'x'.repeat(70_000) }] })).status).toBe(
      413,
    );
    expect((await upload(t.agentToken, t.id, '{')).json).toMatchObject({
      message: 'Failed to decode request payload.',
    });
    expect((await upload(t.agentToken, t.id, {})).json).toEqual({
      message: 'Invalid agentapi payload structure.',
      detail: 'Missing required "messages" field.',
    });
  });

  it('is gone with the task routes when tasks are disabled', async () => {
    const t = await activeTask();
    fake.control.setTasksEnabled(false);
    try {
      const res = await upload(t.agentToken, t.id, { messages: [] });
      expect([res.status, res.json]).toEqual([404, { message: 'Route not found.' }]);
      // The app-status route is not a task route and still answers.
      expect((await patchStatus(t.agentToken, { app_slug: 'ai', state: 'idle', message: '' })).status).toBe(
        200,
      );
    } finally {
      fake.control.setTasksEnabled(true);
    }
  });
});
