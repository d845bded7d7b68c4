import { ChatSchema, parseWire } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, connect, createChat, openChatStream, statuses, UpgradeRefused } from './chats-helpers';

const refusal = async (opened: Promise<void>): Promise<UpgradeRefused> => {
  const error = await opened.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UpgradeRefused)) throw new Error(`expected a refused upgrade, got ${String(error)}`);
  return error;
};

describe('chat stream faults', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('drops a stream right after its snapshot, once', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const fault = fake.control.chats.dropStreamsAfterSnapshot({ chatId: chat.id, times: 1 });
    const dropped = await openChatStream(fake, chat.id);
    expect(await dropped.closed).toBe(1006);
    expect(statuses(dropped.events)).toEqual(['waiting']);
    expect(fault.hits).toBe(1);
    const next = await openChatStream(fake, chat.id);
    await next.waitFor((e) => statuses(e).includes('waiting'), 'the snapshot');
    expect(next.ws.readyState).toBe(next.ws.OPEN);
    await next.close();
  });

  it('refuses the stream and the watch with 500 before the upgrade', async () => {
    const chat = await createChat(fake);
    const fault = fake.control.chats.refuseStreams();
    const stream = await refusal(connect(fake, `/api/v2/chats/${chat.id}/stream`).opened);
    const watch = await refusal(connect(fake, '/api/v2/chats/watch').opened);
    fault.remove();
    expect([stream.status, JSON.parse(stream.body)]).toEqual([
      500,
      { message: 'Failed to open chat stream.' },
    ]);
    expect([watch.status, JSON.parse(watch.body)]).toEqual([
      500,
      { message: 'Failed to open chat watch stream.' },
    ]);
    expect(fault.hits).toBe(2);
  });

  it('applies the existing fault kinds to the chats routes and streams', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const status = fake.control.faults.inject({
      route: '/api/v2/chats',
      method: 'POST',
      kind: 'status',
      status: 502,
      times: 1,
    });
    const res = await call(fake, 'POST', '/api/v2/chats', { body: {} });
    expect([res.status, res.json]).toEqual([502, { message: 'Injected fault.' }]);
    expect(status.hits).toBe(1);
    fake.control.faults.inject({ route: '/api/v2/chats/{chat}/stream', kind: 'html', status: 200, times: 1 });
    const html = await refusal(connect(fake, `/api/v2/chats/${chat.id}/stream`).opened);
    expect(html.status).toBe(200);
    expect(html.body).toContain('<form');
    fake.control.faults.inject({ route: '/api/v2/chats/{chat}/stream', kind: 'rateLimit', times: 1 });
    const limited = await refusal(connect(fake, `/api/v2/chats/${chat.id}/stream`).opened);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    fake.control.faults.inject({
      route: '/api/v2/chats/{chat}/stream',
      kind: 'resetBeforeResponse',
      times: 1,
    });
    await expect(connect(fake, `/api/v2/chats/${chat.id}/stream`).opened).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
  });

  it('never records the token of a stream, whether sent as header or query', async () => {
    const chat = await createChat(fake);
    fake.requests.length = 0;
    const viaQuery = await openChatStream(fake, chat.id, { tokenIn: 'query' });
    const viaHeader = await openChatStream(fake, chat.id);
    await Promise.all([viaQuery.close(), viaHeader.close()]);
    expect(fake.requests.map((r) => [r.route, r.status, r.user, r.query])).toEqual([
      ['/api/v2/chats/{chat}/stream', 101, 'admin', {}],
      ['/api/v2/chats/{chat}/stream', 101, 'admin', {}],
    ]);
    expect(JSON.stringify(fake.requests)).not.toContain(fake.token);
  });

  it('writes last_error as a plain string when told to, as servers before v2.34 did', async () => {
    const chat = await createChat(fake, 'fail');
    fake.control.chats.scriptChat(chat.id, {
      otherwise: { steps: [], end: { error: { message: 'Quota exceeded.', kind: 'usage_limit' } } },
    });
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    await call(fake, 'POST', `/api/v2/chats/${chat.id}/messages`, {
      body: { content: [{ type: 'text', text: 'again' }] },
    });
    await fake.control.chats.waitForChat(chat.id, 'error');
    const object = await call(fake, 'GET', `/api/v2/chats/${chat.id}`);
    expect((object.json as { last_error: unknown }).last_error).toEqual({
      message: 'Quota exceeded.',
      kind: 'usage_limit',
      retryable: false,
    });
    fake.control.chats.setLastErrorFormat('string');
    const string = await call(fake, 'GET', `/api/v2/chats/${chat.id}`);
    fake.control.chats.setLastErrorFormat('auto');
    expect((string.json as { last_error: unknown }).last_error).toBe('Quota exceeded.');
    expect(parseWire(ChatSchema, string.json, 'Chat').last_error).toMatchObject({
      message: 'Quota exceeded.',
      kind: 'generic',
    });
  });
});

describe('late and stale stream delivery on the manual clock', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0', clock: 'manual' });
  });
  afterAll(() => fake.close());

  it('delivers live events later by the stream delay, the snapshot at once', async () => {
    fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await createChat(fake);
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor((e) => statuses(e).includes('running'), 'the snapshot');
    fake.control.chats.setStreamDelay(20_000);
    fake.control.chats.finishTurn(chat.id);
    expect(fake.control.chats.chat(chat.id)?.status).toBe('waiting');
    // The ping at 15 s is not delayed, so once it arrived the status would have too without the delay.
    fake.control.clock.advance(15_000);
    await stream.waitFor(() => stream.pings === 1, 'the ping');
    expect(statuses(stream.events)).toEqual(['running']);
    fake.control.clock.advance(5_000);
    await stream.waitFor((e) => statuses(e).includes('waiting'), 'the late status');
    fake.control.chats.setStreamDelay(0);
    await stream.close();
  });

  it('lets a stream see a stale waiting after a send until the processor picks the chat up', async () => {
    fake.control.chats.scriptChat('*', [{ after: 1_000, say: 'Done.' }]);
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    fake.control.chats.setPickupDelay(3_000);
    const send = await call(fake, 'POST', `/api/v2/chats/${chat.id}/messages`, {
      body: { content: [{ type: 'text', text: 'next' }] },
    });
    expect(send.status).toBe(200);
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor((e) => statuses(e).length > 0, 'the snapshot');
    expect(statuses(stream.events)).toEqual(['waiting']);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    await stream.waitFor((e) => statuses(e).length === 3, 'running and waiting');
    expect(statuses(stream.events)).toEqual(['waiting', 'running', 'waiting']);
    fake.control.chats.setPickupDelay(0);
    await stream.close();
  });
});
