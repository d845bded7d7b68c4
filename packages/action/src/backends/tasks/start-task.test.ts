import { CoderApiError, TaskPausedError } from '@coder-tasks/sdk';
import { describe, expect, it } from 'vitest';
import { apiError, reporting, scriptedTaskClient, task } from '../../../test/scripted-task-client';
import { steppingClock } from '../../../test/stepping-clock';
import { startTask } from './start-task';

const target = { owner: 'me', templateVersionId: task().template_version_id, presetId: undefined };
const request = { name: task().name, displayName: '#1 Spelling', input: 'the second request' };
const notFound = () => apiError(404, 'Resource not found', 'GET');
const exists = () => apiError(409, `Workspace "${request.name}" already exists.`);

function setup(deadlineIn = 60_000) {
  const coder = scriptedTaskClient();
  const time = steppingClock();
  const options = { clock: time.clock, deadline: time.clock.now() + deadlineIn, pollIntervalMs: 5_000 };
  return { coder, time, start: () => startTask(coder.client, target, request, options) };
}

describe('startTask', () => {
  it('creates the thread’s task when there is none', async () => {
    const { coder, start } = setup();
    const created = task({ initial_prompt: request.input, status: 'pending' });
    coder.on('lookup', notFound());
    coder.on('create', created);
    expect(await start()).toEqual({ task: created, created: true, baseline: null });
    expect(coder.calls).toEqual([`lookup me/${request.name}`, `create me/${request.name}`]);
  });

  it('sends the request as a follow-up when a concurrent run created the thread’s task first', async () => {
    const { coder, start } = setup();
    // Even with the same prompt (the same comment delivered to two runs): each run's request is sent.
    const theirs = { ...reporting('working', 5), initial_prompt: request.input };
    const stable = reporting('idle', 9);
    coder.on('lookup', notFound(), theirs);
    coder.on('create', exists());
    coder.on('wait', [stable]);
    coder.on('send', undefined);
    expect(await start()).toEqual({
      task: stable,
      created: false,
      baseline: stable.current_state?.timestamp,
    });
    expect(coder.calls.slice(2)).toEqual([`lookup me/${request.name}`, 'wait', 'send the second request']);
  });

  it('keeps the 409 when the task it names cannot be found after all', async () => {
    const { coder, start } = setup();
    coder.on('lookup', notFound(), notFound());
    coder.on('create', exists());
    const error = await start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderApiError);
    expect((error as CoderApiError).status).toBe(409);
  });

  it('fails on any other create error without looking again', async () => {
    const { coder, start } = setup();
    coder.on('lookup', notFound());
    coder.on('create', apiError(400, 'Validation failed.'));
    await expect(start()).rejects.toThrow('Validation failed.');
    expect(coder.calls).toHaveLength(2);
  });

  it('retries a send answered 409 (agent busy) every 2 s at most, reading the task between tries', async () => {
    const { coder, time, start } = setup();
    coder.on('lookup', reporting('working', 1));
    coder.on('wait', [reporting('working', 2)], [reporting('working', 3)], [reporting('idle', 4)]);
    coder.on('send', apiError(409, 'Task app is not ready to accept input.'), exists(), undefined);
    coder.on('get', reporting('working', 3), reporting('idle', 4));
    const started = await start();
    expect(started).toMatchObject({ created: false, baseline: '2026-11-29T10:00:04Z' });
    expect(time.sleeps).toEqual([2_000, 2_000]);
    expect(coder.calls.filter((c) => c.startsWith('send'))).toHaveLength(3);
  });

  it('gives up with the 409 once the deadline has passed', async () => {
    const { coder, time, start } = setup(1_500);
    coder.on('lookup', reporting('working', 1));
    coder.on('wait', [reporting('working', 2)], [reporting('working', 3)]);
    coder.on('send', apiError(409, 'busy'), apiError(409, 'still busy'));
    coder.on('get', reporting('working', 3));
    await expect(start()).rejects.toThrow('still busy');
    expect(time.sleeps).toEqual([2_000]);
  });

  it('resumes a paused task, at most twice when it is paused again while starting', async () => {
    const { coder, start } = setup();
    const paused = task({ status: 'paused' });
    coder.on('lookup', paused);
    coder.on('resume', {}, {});
    coder.on('wait', new TaskPausedError(paused), new TaskPausedError(paused));
    const error = await start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskPausedError);
    expect(coder.calls.filter((c) => c.startsWith('resume'))).toHaveLength(2);
  });

  it('refuses a task in error: it cannot take input', async () => {
    const { coder, start } = setup();
    coder.on('lookup', task({ status: 'error' }));
    await expect(start()).rejects.toThrow(/is in error and cannot take input; delete it in Coder/);
    expect(coder.calls).toEqual([`lookup me/${request.name}`]);
  });
});
