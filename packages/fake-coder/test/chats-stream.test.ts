import type { ChatStreamEvent } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import {
  call,
  connect,
  createChat,
  openChatStream,
  StreamClient,
  statuses,
  UpgradeRefused,
} from './chats-helpers';

const types = (events: ChatStreamEvent[]) =>
  events.filter((e) => e.type !== 'message_part').map((e) => e.type);
const hasStatus = (status: string) => (events: ChatStreamEvent[]) => statuses(events).includes(status);

describe('the per-chat stream on a real clock', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('gives a client that connects after the turn ended the messages and waiting in its snapshot', async () => {
    const chat = await createChat(fake, 'Fix the flaky login test');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const stream = await openChatStream(fake, chat.id);
    const events = await stream.waitFor(hasStatus('waiting'), 'the snapshot status');
    expect(types(events)).toEqual(['message', 'message', 'message', 'status']);
    expect(events[0]?.message?.role).toBe('user');
    expect(events[1]?.message?.content?.map((p) => p.type)).toEqual(['reasoning', 'text']);
    expect(events[1]?.message?.content?.[1]?.text).toBe('On it: Fix the flaky login test');
    await stream.close();
  });

  it('writes each frame as a bare JSON array of events followed by a newline', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor(hasStatus('waiting'), 'the snapshot');
    for (const frame of stream.frames) {
      expect(frame.startsWith('[')).toBe(true);
      expect(frame.endsWith(']\n')).toBe(true);
      for (const event of JSON.parse(frame) as { chat_id: string }[]) expect(event.chat_id).toBe(chat.id);
    }
    expect(stream.ws.protocol).toBe('');
    await stream.close();
  });

  it('sends only the messages after after_id in the snapshot', async () => {
    const chat = await createChat(fake);
    const done = await fake.control.chats.waitForChat(chat.id, 'waiting');
    const firstId = done.messages[0]?.id ?? 0;
    const stream = await openChatStream(fake, chat.id, { afterId: firstId });
    const events = await stream.waitFor(hasStatus('waiting'), 'the snapshot');
    const ids = events.filter((e) => e.type === 'message').map((e) => e.message?.id);
    expect(ids).toEqual(done.messages.slice(1).map((m) => m.id));
    await stream.close();
  });

  it('answers a malformed after_id with 400 before the upgrade', async () => {
    const chat = await createChat(fake);
    const { opened } = connect(fake, `/api/v2/chats/${chat.id}/stream?after_id=abc`);
    const refused = await opened.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(UpgradeRefused);
    expect((refused as UpgradeRefused).status).toBe(400);
    expect(JSON.parse((refused as UpgradeRefused).body)).toEqual({
      message: 'Invalid after_id parameter.',
      detail: 'strconv.ParseInt: parsing "abc": invalid syntax',
    });
  });

  it('takes the token from the coder_session_token query parameter and refuses a missing one with 401', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const stream = await openChatStream(fake, chat.id, { tokenIn: 'query' });
    await stream.waitFor(hasStatus('waiting'), 'the snapshot');
    await stream.close();
    const { opened } = connect(fake, `/api/v2/chats/${chat.id}/stream`, { token: null });
    const refused = (await opened.catch((e: unknown) => e)) as UpgradeRefused;
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).message).toBe(
      'You are signed out or your session has expired. Please sign in again to continue.',
    );
  });

  it('negotiates no subprotocol, so a client that insists on one gives up', async () => {
    const chat = await createChat(fake);
    const { opened } = connect(fake, `/api/v2/chats/${chat.id}/stream`, { protocols: ['coder'] });
    await expect(opened).rejects.toThrow(/subprotocol/);
  });

  it('answers a plain HTTP request to the stream with 426 and no upgrade', async () => {
    const chat = await createChat(fake);
    const res = await call(fake, 'GET', `/api/v2/chats/${chat.id}/stream`);
    expect(res.status).toBe(426);
    expect(res.text).toMatch(/^WebSocket protocol violation: Connection header/);
  });

  it('sends status error with an error event in the snapshot of a failed chat', async () => {
    const chat = await createChat(fake, 'please fail');
    fake.control.chats.scriptChat(chat.id, {
      turns: [
        {
          match: 'again',
          steps: [],
          end: { error: { message: 'Upstream overloaded.', kind: 'overloaded' } },
        },
      ],
    });
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const send = await call(fake, 'POST', `/api/v2/chats/${chat.id}/messages`, {
      body: { content: [{ type: 'text', text: 'again' }] },
    });
    expect(send.status).toBe(200);
    await fake.control.chats.waitForChat(chat.id, 'error');
    const stream = await openChatStream(fake, chat.id);
    const events = await stream.waitFor((e) => e.some((x) => x.type === 'error'), 'the error event');
    expect(types(events).slice(-2)).toEqual(['status', 'error']);
    expect(statuses(events)).toEqual(['error']);
    expect(events.at(-1)?.error).toEqual({
      message: 'Upstream overloaded.',
      kind: 'overloaded',
      retryable: false,
    });
    await stream.close();
  });
});

describe('the per-chat stream on the manual clock', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0', clock: 'manual' });
  });
  afterAll(() => fake.close());

  it('shows a client connected during a turn running, the messages, then waiting', async () => {
    fake.control.chats.scriptChat('*', [
      { after: 1_000, say: 'Looking.' },
      {
        after: 1_000,
        toolCall: { name: 'execute', args: { command: 'pnpm test' }, result: { exit_code: 0 } },
      },
      { after: 1_000, say: 'Fixed.' },
    ]);
    const chat = await createChat(fake, 'Fix it');
    expect(chat.status).toBe('running');
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor(hasStatus('running'), 'the snapshot');
    expect(types(stream.events)).toEqual(['message', 'status']);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const events = await stream.waitFor(hasStatus('waiting'), 'waiting');
    expect(types(events)).toEqual([
      'message',
      'status',
      'message',
      'message',
      'message',
      'message',
      'status',
    ]);
    expect(statuses(events)).toEqual(['running', 'waiting']);
    const roles = events.filter((e) => e.type === 'message').map((e) => e.message?.role);
    expect(roles).toEqual(['user', 'assistant', 'assistant', 'tool', 'assistant']);
    await stream.close();
  });

  it('promotes a queued message at turn end and answers it with no status change in between', async () => {
    fake.control.chats.scriptChat('*', [{ after: 1_000, say: 'Answered.' }]);
    const chat = await createChat(fake, 'first');
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor(hasStatus('running'), 'the snapshot');
    const send = await call(fake, 'POST', `/api/v2/chats/${chat.id}/messages`, {
      body: { content: [{ type: 'text', text: 'second' }] },
    });
    expect(send.status).toBe(200);
    expect(send.json).toMatchObject({ queued: true, queued_message: { chat_id: chat.id } });
    await stream.waitFor((e) => e.some((x) => x.type === 'queue_update'), 'the queue update');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const events = await stream.waitFor(hasStatus('waiting'), 'waiting');
    expect(statuses(events)).toEqual(['running', 'waiting']);
    const story = events
      .filter((e) => e.type !== 'message_part')
      .map((e) =>
        e.type === 'message'
          ? `${e.message?.role}:${e.message?.content?.map((p) => p.text).join('')}`
          : e.type === 'queue_update'
            ? `queue:${e.queued_messages?.length ?? 0}`
            : `${e.type}:${e.status?.status ?? ''}`,
      );
    expect(story).toEqual([
      'user:first',
      'status:running',
      'queue:1',
      'assistant:Answered.',
      'user:second',
      'queue:0',
      'assistant:Answered.',
      'status:waiting',
    ]);
    await stream.close();
  });

  it('pings every 15 s of the fake clock', async () => {
    fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await createChat(fake);
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor(hasStatus('running'), 'the snapshot');
    fake.control.clock.advance(14_999);
    fake.control.clock.advance(1);
    await stream.waitFor(() => stream.pings === 1, 'one ping');
    fake.control.clock.advance(15_000);
    await stream.waitFor(() => stream.pings === 2, 'a second ping');
    fake.control.chats.finishTurn(chat.id);
    await stream.waitFor(hasStatus('waiting'), 'waiting');
    await stream.close();
  });
});

it('keeps frames a StreamClient can read even when many events arrive in one frame', async () => {
  const fake = await startFakeCoder({ version: 'v2.38.0' });
  try {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    for (let i = 0; i < 300; i++) {
      fake.control.chats.addMessage(chat.id, { role: 'assistant', parts: [{ type: 'text', text: `m${i}` }] });
    }
    const stream = await openChatStream(fake, chat.id);
    const events = await stream.waitFor(hasStatus('waiting'), 'the snapshot');
    expect(events.filter((e) => e.type === 'message')).toHaveLength(303);
    // coderd writes at most 256 events per frame.
    expect(stream.frames.map((f) => (JSON.parse(f) as unknown[]).length)).toEqual([256, 48]);
    expect(stream).toBeInstanceOf(StreamClient);
    await stream.close();
  } finally {
    await fake.close();
  }
});

describe('the WebSocket handshake', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('carries coderd’s version headers on the 101', async () => {
    const chat = await createChat(fake);
    const { ws, opened } = connect(fake, `/api/v2/chats/${chat.id}/stream`);
    const headers = new Promise<Record<string, string | string[] | undefined>>((resolve) =>
      ws.once('upgrade', (res) => resolve(res.headers)),
    );
    await opened;
    expect(await headers).toMatchObject({
      'x-coder-build-version': 'v2.38.0',
      'x-content-type-options': 'nosniff',
    });
    ws.close();
  });

  it('refuses a cross-origin handshake with 403 and accepts the server’s own origin', async () => {
    const chat = await createChat(fake);
    const path = `/api/v2/chats/${chat.id}/stream`;
    const foreign = connect(fake, path, { headers: { Origin: 'https://evil.example' } });
    const refused = (await foreign.opened.catch((e: unknown) => e)) as UpgradeRefused;
    expect(refused).toBeInstanceOf(UpgradeRefused);
    expect(refused.status).toBe(403);
    expect(refused.body).toBe(
      `request Origin "evil.example" is not authorized for Host "${new URL(fake.url).host}"\n`,
    );
    const own = connect(fake, path, { headers: { Origin: fake.url } });
    await own.opened;
    own.ws.close();
  });
});
