import {
  BuildInfoSchema,
  PauseTaskResponseSchema,
  parseWire,
  ResponseSchema,
  ResumeTaskResponseSchema,
  TaskLogsResponseSchema,
  TaskSchema,
  TasksListResponseSchema,
  UserSchema,
} from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import type { FakeCoder, FakeCoderOptions } from '../src/index';
import { call, seedOf, withFake } from './helpers';

// Which task routes a fake of each server generation answers, over real HTTP and read with the types
// schemas: v2.29 to v2.36 serve Tasks, v2.37 only with CODER_ENABLE_AI_TASKS (coder/coder#28008), and
// from v2.38 every task route is gone (coder/coder#28789).

const PREFIXES = ['/api/v2', '/api/experimental'] as const;
const SOME_UUID = '0b8c3c8e-5d4f-4b7e-9a51-3c2d1e0f9a8b';

/** Every task route with concrete parameters, as a client would call it. */
function taskRoutes(prefix: string): [string, string][] {
  return [
    ['GET', `${prefix}/tasks`],
    ['POST', `${prefix}/tasks/me`],
    ['GET', `${prefix}/tasks/me/${SOME_UUID}`],
    ['DELETE', `${prefix}/tasks/me/${SOME_UUID}`],
    ['PATCH', `${prefix}/tasks/me/${SOME_UUID}/input`],
    ['POST', `${prefix}/tasks/me/${SOME_UUID}/send`],
    ['GET', `${prefix}/tasks/me/${SOME_UUID}/logs`],
    ['POST', `${prefix}/tasks/me/${SOME_UUID}/pause`],
    ['POST', `${prefix}/tasks/me/${SOME_UUID}/resume`],
  ];
}

const LOG_SNAPSHOT = (taskId: string) =>
  `/api/v2/workspaceagents/me/tasks/${taskId}/log-snapshot?format=agentapi`;

/** buildinfo reports the version, and the resource routes answer on every generation. */
async function expectBuildInfoAndResources(fake: FakeCoder, version: string): Promise<void> {
  const info = await call(fake, 'GET', '/api/v2/buildinfo', { token: null });
  expect(info.status).toBe(200);
  expect(info.headers.get('x-coder-build-version')).toBe(version);
  expect(parseWire(BuildInfoSchema, info.json, 'BuildInfo').version).toBe(version);
  const me = await call(fake, 'GET', '/api/v2/users/me');
  expect(parseWire(UserSchema, me.json, 'User').username).toBe('admin');
}

/** Drives one task through every task route under `prefix`, checking each answer with its schema. */
async function expectTaskRoutesServed(fake: FakeCoder, prefix: string): Promise<void> {
  const created = await call(fake, 'POST', `${prefix}/tasks/me`, {
    body: { template_version_id: seedOf(fake).templateVersionId, input: `Fix it via ${prefix}` },
  });
  expect(created.status).toBe(201);
  const task = parseWire(TaskSchema, created.json, 'Task');
  const list = await call(fake, 'GET', `${prefix}/tasks`);
  expect(list.status).toBe(200);
  expect(parseWire(TasksListResponseSchema, list.json, 'TasksListResponse').tasks.map((t) => t.id)).toContain(
    task.id,
  );
  await fake.control.waitForTask(task.id, 'active');
  await fake.control.waitForIdle();
  const got = await call(fake, 'GET', `${prefix}/tasks/me/${task.id}`);
  expect(parseWire(TaskSchema, got.json, 'Task').status).toBe('active');
  const sent = await call(fake, 'POST', `${prefix}/tasks/me/${task.id}/send`, {
    body: { input: 'And test it' },
  });
  expect([sent.status, sent.text]).toEqual([204, '']);
  await fake.control.waitForIdle();
  const logs = await call(fake, 'GET', `${prefix}/tasks/me/${task.id}/logs`);
  expect(
    parseWire(TaskLogsResponseSchema, logs.json, 'TaskLogsResponse').logs.map((l) => l.content),
  ).toContain('And test it');
  const snapshot = await call(fake, 'POST', LOG_SNAPSHOT(task.id), {
    token: fake.control.agentToken(task.id),
    body: { messages: [{ id: 0, role: 'user', content: 'And test it', time: '2026-08-26T12:00:00Z' }] },
  });
  expect([snapshot.status, snapshot.text]).toEqual([204, '']);
  const paused = await call(fake, 'POST', `${prefix}/tasks/me/${task.id}/pause`);
  expect(paused.status).toBe(202);
  expect(parseWire(PauseTaskResponseSchema, paused.json, 'PauseTaskResponse').workspace_build).not.toBeNull();
  await fake.control.waitForTask(task.id, 'paused');
  const input = await call(fake, 'PATCH', `${prefix}/tasks/me/${task.id}/input`, {
    body: { input: 'Again' },
  });
  expect([input.status, input.text]).toEqual([204, '']);
  const resumed = await call(fake, 'POST', `${prefix}/tasks/me/${task.id}/resume`);
  expect(resumed.status).toBe(202);
  expect(
    parseWire(ResumeTaskResponseSchema, resumed.json, 'ResumeTaskResponse').workspace_build,
  ).not.toBeNull();
  await fake.control.waitForIdle();
  const deleted = await call(fake, 'DELETE', `${prefix}/tasks/me/${task.id}`);
  expect(deleted.status).toBe(202);
  expect((await call(fake, 'GET', `${prefix}/tasks/me/${task.id}`)).status).toBe(404);
}

/** Every task route, under both prefixes, and the log-snapshot upload answer 404 "Route not found.". */
async function expectTaskRoutesGone(fake: FakeCoder): Promise<void> {
  for (const prefix of PREFIXES) {
    for (const [method, path] of taskRoutes(prefix)) {
      const res = await call(fake, method, path, method === 'GET' ? {} : { body: {} });
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(parseWire(ResponseSchema, res.json, 'Response')).toEqual({ message: 'Route not found.' });
    }
  }
  // Gone before authentication: not even the agent's token is looked at.
  const snapshot = await call(fake, 'POST', LOG_SNAPSHOT(SOME_UUID), { token: null, body: { messages: [] } });
  expect([snapshot.status, snapshot.json]).toEqual([404, { message: 'Route not found.' }]);
}

const CASES: { name: string; options: FakeCoderOptions; tasks: boolean }[] = [
  { name: 'v2.35 serves Tasks', options: { version: 'v2.35.3+1a2b3c4' }, tasks: true },
  { name: 'v2.36 serves Tasks', options: { version: 'v2.36.1+5d6e7f8' }, tasks: true },
  { name: 'v2.37 without aiTasks serves no Tasks', options: { version: 'v2.37.0+9a8b7c6' }, tasks: false },
  {
    name: 'v2.37 with aiTasks (CODER_ENABLE_AI_TASKS) serves Tasks',
    options: { version: 'v2.37.0+9a8b7c6', aiTasks: true },
    tasks: true,
  },
  { name: 'v2.38 serves no Tasks', options: { version: 'v2.38.0+0f1e2d3' }, tasks: false },
  {
    name: 'v2.38 serves no Tasks even with aiTasks',
    options: { version: 'v2.38.1', aiTasks: true },
    tasks: false,
  },
  {
    name: 'a development build is the newest generation',
    options: { version: 'v0.0.0-devel+abc1234' },
    tasks: false,
  },
];

describe('server generations', () => {
  it.each(CASES)('$name', async ({ options, tasks }) => {
    await withFake(options, async (fake) => {
      await expectBuildInfoAndResources(fake, options.version ?? '');
      expect(fake.control.served().tasks).toBe(tasks);
      if (tasks) {
        for (const prefix of PREFIXES) await expectTaskRoutesServed(fake, prefix);
      } else {
        await expectTaskRoutesGone(fake);
      }
    });
  });

  it('defaults to a generation with Tasks (v2.36.1), where tasksEnabled: false still turns them off', async () => {
    await withFake({}, async (fake) => {
      await expectBuildInfoAndResources(fake, 'v2.36.1');
      expect((await call(fake, 'GET', '/api/v2/tasks')).status).toBe(200);
    });
    await withFake({ tasksEnabled: false }, async (fake) => {
      await expectTaskRoutesGone(fake);
    });
  });

  it('follows control.setVersion from the next request on', async () => {
    await withFake({ version: 'v2.36.1' }, async (fake) => {
      expect((await call(fake, 'GET', '/api/experimental/tasks')).status).toBe(200);
      fake.control.setVersion('v2.38.0');
      await expectBuildInfoAndResources(fake, 'v2.38.0');
      await expectTaskRoutesGone(fake);
      expect(fake.control.served()).toMatchObject({ tasks: false, chatsPrefixes: ['/api/v2'] });
      fake.control.setVersion('v2.35.0');
      expect((await call(fake, 'GET', '/api/experimental/tasks')).status).toBe(200);
      expect(fake.control.served()).toMatchObject({ tasks: true, chatsPrefixes: ['/api/experimental'] });
    });
  });
});
