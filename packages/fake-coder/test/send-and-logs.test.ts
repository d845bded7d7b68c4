import { parseWire, TaskLogsResponseSchema } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { activeTask, call, createTask, pausedTask, send } from './helpers';

// Send and logs: each error path of `POST …/send` and `GET …/logs`, AgentAPI failures included.

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder({ clock: 'manual' });
});
afterAll(() => fake.close());

describe('send', () => {
  it('delivers {content, type:user} to the agent and answers 204 with no body', async () => {
    const t = await activeTask(fake);
    const res = await send(fake, t.id, 'Hello, Agent!');
    expect([res.status, res.text]).toEqual([204, '']);
    const messages = fake.control.task(t.id)?.messages ?? [];
    expect(messages.find((m) => m.role === 'user' && m.content === 'Hello, Agent!')).toBeDefined();
  });

  it('answers 400 for empty input (not trimmed: a space is accepted) and 404 for an unknown task', async () => {
    const t = await activeTask(fake);
    expect([(await send(fake, t.id, '')).status, (await send(fake, t.id, '')).json]).toEqual([
      400,
      { message: 'Task input is required.' },
    ]);
    expect((await send(fake, t.id, ' ')).status).toBe(204);
    expect((await send(fake, '8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11', 'x')).status).toBe(404);
    // Over 4 MiB: 413 once the task resolved, 404 for an unknown task (the lookup runs first).
    const huge = 'x'.repeat(4 * 1024 * 1024);
    expect([(await send(fake, t.id, huge)).status, (await send(fake, t.id, huge)).json]).toEqual([
      413,
      { message: 'Request body too large.' },
    ]);
    expect((await send(fake, '8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11', huge)).status).toBe(404);
  });

  it('answers 409 while pending or initializing, 409 when paused, 400 when in error', async () => {
    const t = await createTask(fake);
    const pending = await send(fake, t.id, 'x');
    expect([pending.status, pending.json]).toEqual([
      409,
      {
        message: 'Task is pending.',
        detail: 'The task is resuming. Wait for the task to become active before sending messages.',
      },
    ]);
    fake.control.clock.advance(0);
    const init = await send(fake, t.id, 'x');
    expect([init.status, (init.json as { message: string }).message]).toEqual([409, 'Task is initializing.']);
    expect((init.json as { detail: string }).detail).toContain('resuming');

    const p = await pausedTask(fake);
    expect((await send(fake, p.id, 'x')).json).toEqual({
      message: 'Task is paused.',
      detail: 'Resume the task to send messages.',
    });

    fake.control.failNextBuild({ error: 'boom' });
    const e = await createTask(fake);
    await fake.control.waitForTask(e.id, 'error');
    const err = await send(fake, e.id, 'x');
    expect([err.status, err.json]).toEqual([
      400,
      {
        message: 'Task must be active.',
        detail: 'Task status is "error", it must be "active" to interact with the task.',
      },
    ]);
  });

  it('answers as coderd does when AgentAPI misbehaves', async () => {
    const t = await activeTask(fake);
    fake.control.setAgentApi(t.id, { status: 'bad' });
    expect((await send(fake, t.id, 'x')).json).toEqual({
      message: 'Task app is not ready to accept input.',
      detail: 'Status: bad',
    });
    fake.control.setAgentApi(t.id, { status: undefined, unreachable: true });
    const unreachable = await send(fake, t.id, 'x');
    expect([unreachable.status, (unreachable.json as { message: string }).message]).toEqual([
      502,
      'Failed to reach task app endpoint.',
    ]);
    fake.control.setAgentApi(t.id, { unreachable: false, statusError: true });
    expect((await send(fake, t.id, 'x')).status).toBe(502);
    fake.control.setAgentApi(t.id, { statusError: false, rejectMessage: true });
    const rejected = await send(fake, t.id, 'x');
    expect([rejected.status, (rejected.json as { message: string }).message]).toEqual([
      502,
      'Task app rejected the message.',
    ]);
    fake.control.setAgentApi(t.id, { rejectMessage: false, appUrlScheme: 'https' });
    expect((await send(fake, t.id, 'x')).json).toEqual({
      message: 'Only http scheme is supported for direct agent-dial.',
    });
    fake.control.setAgentApi(t.id, { appUrlScheme: 'http' });
    expect((await send(fake, t.id, 'x')).status).toBe(204);
  });

  it('answers 404 to a member sending to a task they do not own', async () => {
    const t = await activeTask(fake);
    expect((await send(fake, t.id, 'x', fake.tokens.member)).status).toBe(404);
  });
});

describe('logs', () => {
  it('maps AgentAPI roles, and answers 502 when AgentAPI fails', async () => {
    fake.control.scriptAgent('logs-roles', [{ say: 'first' }]);
    const t = await activeTask(fake, { name: 'logs-roles' });
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

  it('maps agent, user, agent to output, input, output with AgentAPI ids 0 to 2', async () => {
    fake.control.scriptAgent('logs-three', { answerInitialPrompt: false });
    const t = await createTask(fake, { name: 'logs-three' });
    await fake.control.waitForTask(t.id, 'active');
    // An agent that does not take the prompt starts with an empty conversation; then coderd's test one.
    const res = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`);
    expect((res.json as { logs: unknown[] }).logs).toEqual([]);
    fake.control.addAgentMessage(t.id, { role: 'agent', content: 'Hello' });
    fake.control.addAgentMessage(t.id, { role: 'user', content: 'Hi' });
    fake.control.addAgentMessage(t.id, { role: 'agent', content: 'How can I help?' });
    const logs = parseWire(
      TaskLogsResponseSchema,
      (await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`)).json,
      'TaskLogsResponse',
    ).logs;
    expect(logs.map((l) => [l.id, l.type, l.content])).toEqual([
      [0, 'output', 'Hello'],
      [1, 'input', 'Hi'],
      [2, 'output', 'How can I help?'],
    ]);
  });

  it('answers 404 to a reader without ApplicationConnect for live logs, not for a snapshot', async () => {
    const { token } = fake.control.addUser({ username: 'log-auditor', role: 'auditor' });
    const t = await activeTask(fake);
    expect((await call(fake, 'GET', `/api/v2/tasks/admin/${t.id}`, { token })).status).toBe(200);
    const live = await call(fake, 'GET', `/api/v2/tasks/admin/${t.id}/logs`, { token });
    expect([live.status, live.json]).toEqual([
      404,
      { message: 'Resource not found or you do not have access to this resource' },
    ]);
    expect((await send(fake, t.id, 'x', token)).status).toBe(404);
    expect((await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`)).status).toBe(202);
    await fake.control.waitForTask(t.id, 'paused');
    // The snapshot is read from the database: no app connection, so reading the task is enough.
    expect((await call(fake, 'GET', `/api/v2/tasks/admin/${t.id}/logs`, { token })).json).toMatchObject({
      snapshot: true,
    });
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
    const t = await pausedTask(fake);
    fake.control.corruptSnapshot(t.id, 'format');
    const format = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`);
    expect(format.status).toBe(500);
    expect((format.json as { message: string }).message).toContain('Unsupported task snapshot format');
    fake.control.corruptSnapshot(t.id, 'data');
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${t.id}/logs`)).status).toBe(500);
  });
});
