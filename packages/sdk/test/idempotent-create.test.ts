import { describe, expect, it, vi } from 'vitest';
import { CoderApiError, CoderConnectionError } from '../src/index';
import { idleTask, startHarness, templateVersionId } from './harness';

const CREATE = '/api/v2/tasks/me';

describe('createTask is safe to repeat when the caller names the task', () => {
  it.each([
    [
      'the connection is reset after the server created the task',
      { kind: 'resetBeforeResponse' as const, afterHandler: true },
    ],
    ['the answer is cut off halfway', { kind: 'resetMidResponse' as const }],
  ])('returns the one task when %s', async (_name, fault) => {
    const h = await startHarness();
    h.fake.control.faults.inject({ ...fault, route: CREATE, method: 'POST', times: 1 });
    const task = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'Do it',
      name: 'only-one',
    });
    expect(task).toMatchObject({ name: 'only-one', initial_prompt: 'Do it' });
    expect(h.fake.control.tasks()).toHaveLength(1);
    expect(h.fake.control.tasks()[0]?.id).toBe(task.id);
    expect(h.requestsTo(CREATE, 'POST')).toHaveLength(2);
    expect(h.requestsTo(CREATE, 'POST').at(-1)?.status).toBe(409);
    expect(h.requestsTo('/api/v2/tasks/me/only-one', 'GET')).toHaveLength(1);
  });

  it.each([503, 500, 502, 504])(
    'returns the one task when the create landed and a proxy answered %i',
    async (status) => {
      const h = await startHarness();
      h.fake.control.faults.inject({
        kind: 'status',
        status,
        afterHandler: true,
        route: CREATE,
        method: 'POST',
        times: 1,
      });
      const task = await h.client.createTask('me', {
        template_version_id: templateVersionId(h),
        input: 'Behind a proxy',
        name: 'behind-proxy',
      });
      expect(h.fake.control.tasks().map((t) => t.id)).toEqual([task.id]);
      expect(h.requestsTo(CREATE, 'POST').map((r) => r.status)).toEqual([status, 409]);
    },
  );

  it('makes exactly one task under a burst of failures (502, reset, timeout)', async () => {
    const h = await startHarness();
    const faults = h.fake.control.faults;
    faults.inject({ kind: 'status', status: 502, route: CREATE, method: 'POST', times: 1 });
    faults.inject({ kind: 'latency', ms: 1_000, route: CREATE, method: 'POST', skip: 1, times: 1 });
    // Counted only on requests no earlier fault took: this hits the third attempt.
    faults.inject({
      kind: 'resetBeforeResponse',
      afterHandler: true,
      route: CREATE,
      method: 'POST',
      skip: 1,
      times: 1,
    });
    const task = await h.client.createTask(
      'me',
      { template_version_id: templateVersionId(h), input: 'Flaky network', name: 'burst' },
      { timeout: 300, retries: 5 },
    );
    // The slow attempt reaches the handler after the client gave up on it: wait until it answered.
    const answered = () => h.requestsTo(CREATE, 'POST').filter((r) => r.status === 201 || r.status === 409);
    await vi.waitFor(() => expect(answered()).toHaveLength(2), {
      timeout: 10_000,
    });
    expect(h.fake.control.tasks().map((t) => t.id)).toEqual([task.id]);
    // 502, slow (timed out, created later or earlier), reset after creating, 409 → adopted.
    expect(h.requestsTo(CREATE, 'POST')).toHaveLength(4);
  });

  it('does not adopt another task that already had the name', async () => {
    const h = await startHarness();
    await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'theirs',
      name: 'shared',
    });
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: CREATE, method: 'POST', times: 1 });
    const error = await h.client
      .createTask('me', { template_version_id: templateVersionId(h), input: 'mine', name: 'shared' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 409 });
    expect(h.fake.control.tasks()).toHaveLength(1);
  });

  it('does not adopt an identical task when no earlier attempt could have made it (429 first)', async () => {
    const h = await startHarness();
    const request = { template_version_id: templateVersionId(h), input: 'same', name: 'twin' };
    await h.client.createTask('me', request);
    h.fake.control.faults.inject({
      kind: 'rateLimit',
      retryAfter: 0,
      route: CREATE,
      method: 'POST',
      times: 1,
    });
    await expect(h.client.createTask('me', request)).rejects.toMatchObject({ status: 409 });
    expect(h.requestsTo(CREATE, 'POST').map((r) => r.status)).toEqual([201, 429, 409]);
  });

  it('does not adopt an identical task that existed before the first attempt was sent', async () => {
    // The fake stamps created_at from its manual clock, 10 minutes behind the Date header it sends: to
    // the client, the twin is a task made 10 minutes before this call, by someone else.
    const h = await startHarness({ clock: 'manual', startTime: Date.now() - 10 * 60_000 });
    const request = { template_version_id: templateVersionId(h), input: 'same', name: 'old-twin' };
    await h.client.createTask('me', request);
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: CREATE, method: 'POST', times: 1 });
    await expect(h.client.createTask('me', request)).rejects.toMatchObject({ status: 409 });
    expect(h.requestsTo(CREATE, 'POST').map((r) => r.status)).toEqual([201, 0, 409]);
    expect(h.fake.control.tasks()).toHaveLength(1);
  });

  it('does not adopt a task with the same name and prompt but another display name', async () => {
    const h = await startHarness();
    const request = { template_version_id: templateVersionId(h), input: 'same', name: 'named' };
    await h.client.createTask('me', { ...request, display_name: 'Theirs' });
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: CREATE, method: 'POST', times: 1 });
    const error = await h.client
      .createTask('me', { ...request, display_name: 'Mine' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 409 });
    expect(h.fake.control.tasks()).toHaveLength(1);
  });

  it('never repeats a create without a name (the server would make a second task)', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({
      kind: 'resetBeforeResponse',
      afterHandler: true,
      route: CREATE,
      method: 'POST',
      times: 1,
    });
    const error = await h.client
      .createTask('me', { template_version_id: templateVersionId(h), input: 'no name' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderConnectionError);
    expect(h.requestsTo(CREATE, 'POST')).toHaveLength(1);
    expect(h.fake.control.tasks()).toHaveLength(1);
  });

  it('treats a delete that meets 404 after a 503 as done: the 503 may hide a delete that landed', async () => {
    const h = await startHarness();
    const task = await idleTask(h, 'behind-503');
    const path = `/api/v2/tasks/me/${task.id}`;
    h.fake.control.faults.inject({
      kind: 'status',
      status: 503,
      afterHandler: true,
      route: path,
      method: 'DELETE',
      times: 1,
    });
    await expect(h.client.deleteTask('me', task.id)).resolves.toBeUndefined();
    expect(h.requestsTo(path, 'DELETE').map((r) => r.status)).toEqual([503, 404]);
  });

  it('still reports a missing task on delete when no attempt could have deleted it (429 first)', async () => {
    const h = await startHarness();
    const path = '/api/v2/tasks/me/8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';
    h.fake.control.faults.inject({
      kind: 'rateLimit',
      retryAfter: 0,
      route: path,
      method: 'DELETE',
      times: 1,
    });
    await expect(h.client.deleteTask('me', '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('treats a repeated delete that finds the task gone as done', async () => {
    const h = await startHarness();
    const task = await idleTask(h, 'gone');
    const path = `/api/v2/tasks/me/${task.id}`;
    h.fake.control.faults.inject({
      kind: 'resetBeforeResponse',
      afterHandler: true,
      route: path,
      method: 'DELETE',
      times: 1,
    });
    await expect(h.client.deleteTask('me', task.id)).resolves.toBeUndefined();
    expect(h.requestsTo(path, 'DELETE').at(-1)?.status).toBe(404);
    expect(h.fake.control.tasks()).toHaveLength(0);
  });

  it.each([
    ['already holds the prompt: done', 'new prompt', undefined],
    ['holds another prompt: the 409 is thrown', 'other prompt', 409],
  ])('updateTaskInput whose repeat meets 409 when the task %s', async (_name, stored, status) => {
    const h = await startHarness();
    const task = await idleTask(h, 'patched');
    await h.client.pauseTask('me', task.id);
    await h.fake.control.waitForTask(task.id, 'paused');
    const path = `/api/v2/tasks/me/${task.id}/input`;
    // The first PATCH lands unheard; the repeat finds the task resumed meanwhile (409, must be paused).
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', afterHandler: true, route: path, times: 1 });
    h.fake.control.faults.inject({
      kind: 'status',
      status: 409,
      body: { message: 'Unable to update task input, task must be paused.' },
      route: path,
      times: 1,
    });
    if (stored !== 'new prompt') {
      // Someone else changed the prompt after our attempt: our change is not what the task holds.
      h.fake.control.faults.inject({
        kind: 'status',
        status: 200,
        body: { ...(await h.client.getTask(task.id)), initial_prompt: stored },
        route: `/api/v2/tasks/me/${task.id}`,
        method: 'GET',
        times: 1,
      });
    }
    const result = h.client.updateTaskInput('me', task.id, 'new prompt');
    if (status === undefined) await expect(result).resolves.toBeUndefined();
    else await expect(result).rejects.toMatchObject({ status });
    expect(h.requestsTo(path).map((r) => r.status)).toEqual([0, 409]);
  });
});
