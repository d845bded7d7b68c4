import { parseWire, WorkspaceSchema } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { createTask } from './helpers';
import { openWatch } from './sse-reader';

// Breaking the workspace watch stream the ways a client must survive: the network dropping it, coderd
// sending `event: error` on it, and a reset after the reply has begun.

const WATCH_ROUTE = '/api/v2/workspaces/{workspace}/watch';

let fake: FakeCoder;
beforeAll(async () => {
  // The manual clock keeps heartbeats and phases out of the byte-exact reads below.
  fake = await startFakeCoder({ clock: 'manual' });
});
afterAll(() => fake.close());

async function newWorkspace(): Promise<string> {
  const task = await createTask(fake);
  const id = fake.control.task(task.id)?.workspaceId;
  if (!id) throw new Error('the new task has no workspace');
  return id;
}

function workspaceIdOf(data: string): string {
  return parseWire(WorkspaceSchema, JSON.parse(data), 'Workspace').id;
}

describe('control.dropWatchStreams', () => {
  it("cuts one workspace's streams mid-stream, then every stream, leaving the others running", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const a1 = await openWatch(fake, a);
    const a2 = await openWatch(fake, a);
    const b1 = await openWatch(fake, b);
    for (const s of [a1, a2, b1]) expect((await s.events(2)).map((e) => e.event)).toEqual(['ping', 'data']);

    expect(fake.control.dropWatchStreams(a)).toBe(2);
    for (const s of [a1, a2]) {
      // The body breaks: no clean end of the chunked reply.
      const end = await s.end();
      expect(end).toBeInstanceOf(TypeError);
      expect((end as Error).message).toBe('terminated');
    }
    expect(fake.control.dropWatchStreams(a)).toBe(0);

    // b's stream still carries changes.
    fake.control.clock.advance(0);
    const events = await b1.events(3);
    expect(events[2]?.event).toBe('data');
    expect(workspaceIdOf(events[2]?.data ?? '')).toBe(b);

    expect(fake.control.dropWatchStreams()).toBe(1);
    expect(await b1.end()).toBeInstanceOf(TypeError);
    expect(fake.control.dropWatchStreams()).toBe(0);

    // A new watch after a drop works as before.
    const again = await openWatch(fake, a);
    expect(workspaceIdOf((await again.events(2))[1]?.data ?? '')).toBe(a);
    await again.cancel();
  });

  it('throws for a workspace it does not know', () => {
    expect(() => fake.control.dropWatchStreams('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77')).toThrow(
      'no workspace with id "8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77"',
    );
  });
});

describe('control.sendWatchError', () => {
  it("writes coderd's error event with the exact body and keeps the stream open", async () => {
    const a = await newWorkspace();
    const stream = await openWatch(fake, a);
    await stream.events(2);
    const before = stream.text.length;

    expect(
      fake.control.sendWatchError(a, {
        message: 'Internal error fetching workspace.',
        detail: 'sql: <conn> closed & gone',
      }),
    ).toBe(1);
    await stream.events(3);
    expect(stream.text.slice(before)).toBe(
      'event: error\ndata: {"message":"Internal error fetching workspace.","detail":"sql: \\u003cconn\\u003e closed \\u0026 gone"}\n\n',
    );

    // No detail (or an empty one) is left out, as Go's omitempty does.
    const second = stream.text.length;
    expect(fake.control.sendWatchError(a, { message: 'Internal error fetching workspace data.' })).toBe(1);
    expect(fake.control.sendWatchError(a, { message: 'No template found.', detail: '' })).toBe(1);
    await stream.events(5);
    expect(stream.text.slice(second)).toBe(
      'event: error\ndata: {"message":"Internal error fetching workspace data."}\n\n' +
        'event: error\ndata: {"message":"No template found."}\n\n',
    );

    // coderd goes on after an error event: the next change still arrives on the same stream.
    fake.control.clock.advance(0);
    const events = await stream.events(6);
    expect(events[5]?.event).toBe('data');
    expect(workspaceIdOf(events[5]?.data ?? '')).toBe(a);
    await stream.cancel();
  });

  it('writes only to the streams of that workspace, and says how many', async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    expect(fake.control.sendWatchError(a, { message: 'nobody listens' })).toBe(0);
    const onA = await openWatch(fake, a);
    const onB = await openWatch(fake, b);
    await onA.events(2);
    await onB.events(2);
    expect(fake.control.sendWatchError(b, { message: 'only b' })).toBe(1);
    expect((await onB.events(3))[2]).toEqual({ event: 'error', data: '{"message":"only b"}' });
    // a's stream got nothing: its next event is the change below, not an error.
    fake.control.clock.advance(0);
    expect((await onA.events(3))[2]?.event).toBe('data');
    await onA.cancel();
    await onB.cancel();
  });

  it('rejects an unknown workspace and a response without a message', async () => {
    const a = await newWorkspace();
    expect(() =>
      fake.control.sendWatchError('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77', { message: 'x' }),
    ).toThrow('no workspace with id');
    expect(() => fake.control.sendWatchError(a, { message: '' })).toThrow(
      'sendWatchError: `response.message` must be a non-empty string',
    );
    expect(() => fake.control.sendWatchError(a, { message: 'x', detail: 42 as never })).toThrow(
      'sendWatchError: `response.detail` must be a string when given',
    );
  });
});

describe('faults on the watch stream', () => {
  it('resetMidResponse sends the headers, the ping and the workspace, then resets', async () => {
    const a = await newWorkspace();
    const fault = fake.control.faults.inject({ kind: 'resetMidResponse', route: WATCH_ROUTE, times: 1 });
    const broken = await openWatch(fake, a);
    expect(broken.status).toBe(200);
    expect(broken.contentType).toBe('text/event-stream');
    const end = await broken.end();
    expect(end).toBeInstanceOf(TypeError);
    expect((end as Error).message).toBe('terminated');
    expect(broken.text).toBe(
      `event: ping\n\nevent: data\ndata: ${JSON.stringify(fake.control.workspace(a))}\n\n`,
    );
    expect(fault.hits).toBe(1);
    // Nothing is left registered for the broken stream.
    expect(fake.control.dropWatchStreams(a)).toBe(0);

    // The fault was used up: the next watch is a normal, open stream.
    const fine = await openWatch(fake, a);
    await fine.events(2);
    fake.control.clock.advance(0);
    expect((await fine.events(3))[2]?.event).toBe('data');
    await fine.cancel();
  });

  it('resetBeforeResponse with afterHandler drops the watch before any byte', async () => {
    const a = await newWorkspace();
    fake.control.faults.inject({
      kind: 'resetBeforeResponse',
      afterHandler: true,
      route: WATCH_ROUTE,
      times: 1,
    });
    const error = await openWatch(fake, a).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    const recorded = fake.requests.filter((r) => r.path === `/api/v2/workspaces/${a}/watch`);
    expect(recorded.map((r) => r.status)).toEqual([0]);
  });
});
