import { parseWire, WorkspaceSchema } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask } from './helpers';

// The SSE workspace watch (`GET /api/v2/workspaces/{workspace}/watch`): ping, then the Workspace at once and on every change.

interface SseEvent {
  event: string;
  data: string;
}

/** Reads SSE events from a fetch body, handing each to `onEvent` until it returns true. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SseEvent) => boolean,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { event: 'message', data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) event.data += line.slice(6);
      }
      if (onEvent(event)) {
        await reader.cancel();
        return;
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder({ clock: 'manual' });
});
afterAll(() => fake.close());

describe('workspace watch', () => {
  it('sends ping, the workspace at once, one data event per change, and a heartbeat', async () => {
    const t = await createTask(fake);
    const wsId = fake.control.task(t.id)?.workspaceId as string;
    const res = await fetch(`${fake.url}/api/v2/workspaces/${wsId}/watch`, {
      headers: { 'Coder-Session-Token': fake.token },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events: SseEvent[] = [];
    const statuses: string[] = [];
    let stage = 0;
    await readEvents(res.body as ReadableStream<Uint8Array>, (e) => {
      events.push(e);
      if (e.event === 'data') {
        const ws = parseWire(WorkspaceSchema, JSON.parse(e.data), 'Workspace');
        statuses.push(`${ws.latest_build?.status}/${ws.latest_app_status?.state ?? '-'}`);
      }
      // Each event drives the next change, so the test never sleeps.
      if (e.event === 'data' && stage < 5) {
        stage++;
        fake.control.clock.advance(0);
      } else if (e.event === 'data' && stage === 5) {
        stage++;
        // The agent answered the prompt: working, then complete. Now a heartbeat.
        fake.control.clock.advance(15_000);
      } else if (e.event === 'ping' && stage === 6) {
        return true;
      }
      return false;
    });
    expect(events[0]).toEqual({ event: 'ping', data: '' });
    expect(statuses).toEqual([
      'pending/-', // at once
      'starting/-', // job running
      'running/-', // agent created
      'running/-', // agent starting
      'running/-', // agent ready, app initializing
      'running/-', // app healthy
      'running/working', // agent reports working
      'running/complete', // agent reports complete
    ]);
    expect(events.at(-1)).toEqual({ event: 'ping', data: '' });
  });

  it('answers 404 for a workspace the caller cannot read and 401 without a token', async () => {
    const t = await createTask(fake);
    const wsId = fake.control.task(t.id)?.workspaceId as string;
    expect(
      (await call(fake, 'GET', `/api/v2/workspaces/${wsId}/watch`, { token: fake.tokens.member })).status,
    ).toBe(404);
    expect((await call(fake, 'GET', `/api/v2/workspaces/${wsId}/watch`, { token: null })).status).toBe(401);
  });
});
