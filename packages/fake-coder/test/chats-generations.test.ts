import { afterEach, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import {
  call,
  connect,
  createChat,
  openChatStream,
  openChatWatch,
  statuses,
  UpgradeRefused,
} from './chats-helpers';

// Which chats routes answer on each server generation, and the exp-era behaviour that differs.

let fake: FakeCoder | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const served = async (f: FakeCoder, prefix: string) => {
  const list = await call(f, 'GET', `${prefix}/chats`);
  const stream = connect(f, `${prefix}/chats/watch`);
  const upgraded = await stream.opened.then(
    () => 101,
    (e: unknown) => (e instanceof UpgradeRefused ? e.status : -1),
  );
  stream.ws.close();
  return { list: list.status, body: list.status === 404 ? list.json : 'array', watch: upgraded };
};
const gone = { list: 404, body: { message: 'Route not found.' }, watch: 404 };
const live = { list: 200, body: 'array', watch: 101 };

describe.each([
  ['v2.35.2+abc1234', { '/api/experimental': live, '/api/v2': gone }],
  ['v2.37.0+abc1234', { '/api/experimental': live, '/api/v2': live }],
  ['v2.38.0-rc.1+abc1234', { '/api/experimental': gone, '/api/v2': live }],
  ['v0.0.0-devel+abc1234', { '/api/experimental': gone, '/api/v2': live }],
  ['v2.31.0', { '/api/experimental': gone, '/api/v2': gone }],
])('a %s fake', (version, expected) => {
  it('serves the chats routes only under the generation’s prefixes', async () => {
    fake = await startFakeCoder({ version });
    const f = fake;
    expect({
      '/api/experimental': await served(f, '/api/experimental'),
      '/api/v2': await served(f, '/api/v2'),
    }).toEqual(expected);
    const info = await call(f, 'GET', '/api/v2/buildinfo', { token: null });
    expect((info.json as { version: string }).version).toBe(version);
  });
});

describe.each([
  ['v2.35.2', false, 200],
  ['v2.37.0', false, 404],
  ['v2.37.0', true, 200],
  ['v2.38.0', true, 404],
])('a %s fake with aiTasks %s', (version, aiTasks, tasks) => {
  it(`answers the task list with ${tasks} beside the chats routes`, async () => {
    fake = await startFakeCoder({ version, aiTasks });
    const chatsPrefix = fake.control.served().chatsPrefixes[0] ?? '';
    expect((await call(fake, 'GET', `${chatsPrefix}/chats`)).status).toBe(200);
    expect((await call(fake, 'GET', '/api/v2/tasks')).status).toBe(tasks);
    expect((await call(fake, 'GET', '/api/experimental/tasks')).status).toBe(tasks);
  });
});

describe('exp-era behaviour', () => {
  it('answers 500 Chat processor is unavailable when the gateway is off before v2.38', async () => {
    fake = await startFakeCoder({ version: 'v2.35.0' });
    fake.control.chats.setAiGateway(false);
    const res = await call(fake, 'POST', '/api/experimental/chats', {
      body: { organization_id: fake.control.seed?.organizationId, content: [{ type: 'text', text: 'x' }] },
    });
    expect([res.status, res.json]).toEqual([
      500,
      { message: 'Chat processor is unavailable.', detail: 'Chat processor is not configured.' },
    ]);
    const chat = fake.control.chats.chats()[0];
    expect(chat).toBeUndefined();
    fake.control.chats.setAiGateway(true);
    const created = await createChat(fake, 'x', { prefix: '/api/experimental' });
    fake.control.chats.setAiGateway(false);
    const stream = await connect(fake, `/api/experimental/chats/${created.id}/stream`).opened.catch(
      (e: unknown) => e,
    );
    expect(stream).toBeInstanceOf(UpgradeRefused);
    expect(JSON.parse((stream as UpgradeRefused).body)).toEqual({
      message: 'Chat streaming is not available.',
      detail: 'Chat processor is not configured.',
    });
  });

  it('creates a pending chat before v2.36 while the processor has not picked it up', async () => {
    fake = await startFakeCoder({ version: 'v2.35.0', clock: 'manual' });
    fake.control.chats.setPickupDelay(2_000);
    const chat = await createChat(fake, 'slow pickup', { prefix: '/api/experimental' });
    expect(chat.status).toBe('pending');
    const stream = await openChatStream(fake, chat.id, { prefix: '/api/experimental' });
    await stream.waitFor((e) => statuses(e).length > 0, 'the snapshot');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    await stream.waitFor((e) => statuses(e).includes('waiting'), 'waiting');
    expect(statuses(stream.events)).toEqual(['pending', 'running', 'waiting']);
    await stream.close();
  });

  it('interrupts straight to waiting, and answers 200 on an idle chat, before v2.35', async () => {
    fake = await startFakeCoder({ version: 'v2.34.1' });
    fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await createChat(fake, 'long', { prefix: '/api/experimental' });
    const first = await call(fake, 'POST', `/api/experimental/chats/${chat.id}/interrupt`);
    expect([first.status, (first.json as { status: string }).status]).toEqual([200, 'waiting']);
    const idle = await call(fake, 'POST', `/api/experimental/chats/${chat.id}/interrupt`);
    expect([idle.status, (idle.json as { status: string }).status]).toEqual([200, 'waiting']);
  });

  it('writes last_error as a string before v2.34', async () => {
    fake = await startFakeCoder({ version: 'v2.33.0' });
    fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: { error: { message: 'Boom.' } } } });
    const chat = await createChat(fake, 'x', { prefix: '/api/experimental' });
    await fake.control.chats.waitForChat(chat.id, 'error');
    const res = await call(fake, 'GET', `/api/experimental/chats/${chat.id}`);
    expect((res.json as { last_error: unknown }).last_error).toBe('Boom.');
  });

  it('writes the pre-#24148 envelope frames with ping frames when told to', async () => {
    fake = await startFakeCoder({ version: 'v2.32.0', clock: 'manual' });
    fake.control.chats.setFrameFormat('envelope');
    fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const watch = await openChatWatch(fake, { prefix: '/api/experimental', envelope: true });
    const chat = await createChat(fake, 'old server', { prefix: '/api/experimental' });
    const stream = await openChatStream(fake, chat.id, { prefix: '/api/experimental', envelope: true });
    await stream.waitFor((e) => statuses(e).includes('running'), 'the snapshot');
    fake.control.clock.advance(15_000);
    await stream.waitFor(() => stream.frames.some((f) => f === '{"type":"ping"}\n'), 'a ping frame');
    fake.control.chats.finishTurn(chat.id);
    await stream.waitFor((e) => statuses(e).includes('waiting'), 'waiting');
    await watch.waitFor((e) => e.some((x) => x.kind === 'status_change'), 'the status change');
    expect(watch.frames[0]).toBe('{"type":"ping"}\n');
    expect(JSON.parse(stream.frames[0] ?? '')).toMatchObject({
      type: 'data',
      data: [{ type: 'message' }, { type: 'status' }],
    });
    await Promise.all([stream.close(), watch.close()]);
  });
});
