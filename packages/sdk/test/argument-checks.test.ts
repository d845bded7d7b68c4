import { describe, expect, it } from 'vitest';
import type { CoderClient } from '../src/index';
import { startHarness } from './harness';

// What a JavaScript caller can get wrong that TypeScript would have caught: refused with a TypeError
// naming the method and the argument, before any request is sent.

const ID = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the client as untyped JavaScript does
type Untyped = any;

const calls: [string, (c: Untyped) => Promise<unknown>, string][] = [
  [
    'a number as the input of sendTaskInput',
    (c) => c.sendTaskInput('me', ID, 1234),
    'sendTaskInput: `input` must be a string, got number 1234',
  ],
  [
    'an object as the input of sendTaskInput',
    (c) => c.sendTaskInput('me', ID, { text: 'hi' }),
    'sendTaskInput: `input` must be a string, got an object',
  ],
  [
    'a missing input of updateTaskInput',
    (c) => c.updateTaskInput('me', ID),
    'updateTaskInput: `input` must be a string, got undefined',
  ],
  [
    'no request for createTask',
    (c) => c.createTask('me'),
    'createTask: `request` must be an object, got undefined',
  ],
  [
    'a number as the prompt of createTask',
    (c) => c.createTask('me', { template_version_id: ID, input: 42 }),
    'createTask: `request.input` must be a string, got number 42',
  ],
  [
    'no template version for createTask',
    (c) => c.createTask('me', { input: 'x' }),
    'createTask: `request.template_version_id` must be a string, got undefined',
  ],
  [
    'a string as the filter of listTasks',
    (c) => c.listTasks('owner:me'),
    'listTasks: `filter` must be an object, got a string',
  ],
  [
    'an array as the owner of a filter',
    (c) => c.listTasks({ owner: ['me'] }),
    'listTasks: `filter.owner` must be a string, got an array',
  ],
  [
    'a number as a task identifier',
    (c) => c.getTaskByIdentifier(7),
    'getTaskByIdentifier: `identifier` must be a string, got number 7',
  ],
  [
    'a number as a preset name',
    (c) => c.resolvePreset(ID, 3),
    'resolvePreset: `name` must be a string, got number 3',
  ],
  [
    'something that is not a signal',
    (c) => c.getTask(ID, { signal: { aborted: false } }),
    'CoderClient: `signal` must be an AbortSignal, got an object',
  ],
  [
    'a task without an id to wait for',
    (c) => c.waitForTask({ name: 'x' }, { until: 'idle' }),
    'waitForTask: `task.id` must be a string, got undefined',
  ],
  [
    'no options for waitForTask',
    (c) => c.waitForTask(ID),
    'waitForTask: `options` must be an object, got undefined',
  ],
];

describe('arguments a JavaScript caller can get wrong', () => {
  it.each(calls)('refuses %s before sending anything', async (_name, call, message) => {
    const h = await startHarness();
    const error = await call(h.client as CoderClient).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(message);
    expect(h.fake.requests).toHaveLength(0);
  });

  it('refuses a task without an owner for taskUrl', async () => {
    const h = await startHarness();
    expect(() => (h.client as Untyped).taskUrl({ id: ID })).toThrow(
      new TypeError('taskUrl: `task.owner_name` must be a string, got undefined'),
    );
  });
});
