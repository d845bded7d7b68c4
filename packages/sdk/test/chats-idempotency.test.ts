import { describe, expect, it } from 'vitest';
import { ChatSendUncertainError, CoderConnectionError } from '../src/index';
import { text } from './chat-test-helpers';
import { startHarness } from './harness';

const CREATE = '/api/v2/chats';
const label = { key: 'github.com/run', value: 'o-r-42-1' };

describe('createChat with an idempotencyLabel', () => {
  it('returns the one chat when the connection drops after the server created it', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.faults.inject({
      kind: 'resetBeforeResponse',
      afterHandler: true,
      route: CREATE,
      method: 'POST',
      times: 1,
    });
    const chat = await h.client.createChat({ content: text('Do it') }, { idempotencyLabel: label });
    expect(h.fake.control.chats.chats().map((c) => c.id)).toEqual([chat.id]);
    expect(chat.labels).toMatchObject({ [label.key]: label.value });
    expect(h.requestsTo(CREATE, 'POST')).toHaveLength(1);
    expect(h.requestsTo(CREATE, 'GET').at(-1)?.query).toEqual({ label: `${label.key}:${label.value}` });
  });

  it.each([502, 503, 504, 500])(
    'returns the one chat when the create landed and a proxy answered %i',
    async (status) => {
      const h = await startHarness({ version: 'v2.38.0' });
      const fault = { kind: 'status', status, body: 'upstream reset', afterHandler: true } as const;
      h.fake.control.faults.inject({ ...fault, route: CREATE, method: 'POST', times: 1 });
      const chat = await h.client.createChat({ content: text('Do it') }, { idempotencyLabel: label });
      expect(h.fake.control.chats.chats().map((c) => c.id)).toEqual([chat.id]);
      expect(h.requestsTo(CREATE, 'POST').map((r) => r.status)).toEqual([status]);
    },
  );

  it('sends it again when the lookup finds nothing (the attempt never reached the handler)', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: CREATE, method: 'POST', times: 1 });
    const chat = await h.client.createChat({ content: text('Do it') }, { idempotencyLabel: label });
    expect(h.fake.control.chats.chats().map((c) => c.id)).toEqual([chat.id]);
    expect(h.requestsTo(CREATE, 'POST').map((r) => r.status)).toEqual([0, 201]);
  });

  it('does not adopt a chat with the label whose first message differs', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    await h.client.createChat({ content: text('theirs') }, { idempotencyLabel: label });
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: CREATE, method: 'POST', times: 1 });
    const chat = await h.client.createChat({ content: text('mine') }, { idempotencyLabel: label });
    expect(h.fake.control.chats.chat(chat.id)?.messages[0]?.text).toBe('mine');
    expect(h.fake.control.chats.chats()).toHaveLength(2);
  });

  it('does not adopt an identical chat that existed before the first attempt was sent', async () => {
    // The fake stamps created_at from its manual clock, 10 minutes behind the Date header it sends.
    const h = await startHarness({
      version: 'v2.38.0',
      clock: 'manual',
      startTime: Date.now() - 10 * 60_000,
    });
    await h.client.createChat({ content: text('same') }, { idempotencyLabel: label });
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: CREATE, method: 'POST', times: 1 });
    await h.client.createChat({ content: text('same') }, { idempotencyLabel: label });
    expect(h.fake.control.chats.chats()).toHaveLength(2);
  });
});

describe('createChat without an idempotencyLabel', () => {
  it('is never repeated once it may have landed: the server would make a second chat', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.faults.inject({
      kind: 'resetBeforeResponse',
      afterHandler: true,
      route: CREATE,
      method: 'POST',
      times: 1,
    });
    const error = await h.client.createChat({ content: text('once') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderConnectionError);
    expect(h.requestsTo(CREATE, 'POST')).toHaveLength(1);
    expect(h.fake.control.chats.chats()).toHaveLength(1);
  });

  it('is repeated after a 429, which coderd answers before any handler runs', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.faults.inject({
      kind: 'rateLimit',
      retryAfter: 0,
      route: CREATE,
      method: 'POST',
      times: 1,
    });
    await h.client.createChat({ content: text('once') });
    expect(h.requestsTo(CREATE, 'POST').map((r) => r.status)).toEqual([429, 201]);
    expect(h.fake.control.chats.chats()).toHaveLength(1);
  });
});

describe('sendChatMessage', () => {
  async function idle(h: Awaited<ReturnType<typeof startHarness>>) {
    const chat = await h.client.createChat({ content: text('first') });
    await h.fake.control.chats.waitForChat(chat.id, 'waiting');
    return chat;
  }

  it.each([
    [
      'the connection drops after the server took it',
      { kind: 'resetBeforeResponse' as const, afterHandler: true },
      2,
    ],
    ['a proxy answers 502', { kind: 'status' as const, status: 502, body: 'Bad Gateway' }, 1],
    ['the answer is cut off halfway', { kind: 'resetMidResponse' as const }, 2],
    [
      'a proxy answers 503 after coderd took it',
      { kind: 'status' as const, status: 503, body: 'upstream reset', afterHandler: true },
      2,
    ],
  ])('is not repeated and says it may have landed when %s', async (_name, fault, userMessages) => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await idle(h);
    const path = `/api/v2/chats/${chat.id}/messages`;
    h.fake.control.faults.inject({ ...fault, route: path, method: 'POST', times: 1 });
    const error = await h.client
      .sendChatMessage(chat.id, { content: text('second') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatSendUncertainError);
    expect(error).toMatchObject({ chatId: chat.id });
    expect((error as Error).message).toContain('may or may not have been posted');
    expect(h.requestsTo(path, 'POST')).toHaveLength(1);
    const users = h.fake.control.chats.chat(chat.id)?.messages.filter((m) => m.role === 'user') ?? [];
    expect(users).toHaveLength(userMessages);
  });

  it('says a 500 of coderd’s own may have landed too: coderd answers 500 when a step after the insert failed', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await idle(h);
    const path = `/api/v2/chats/${chat.id}/messages`;
    h.fake.control.faults.inject({
      kind: 'status',
      status: 500,
      body: { message: 'Failed to create chat message.', detail: 'db down' },
      route: path,
      method: 'POST',
      times: 1,
    });
    const error = await h.client.sendChatMessage(chat.id, { content: text('x') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatSendUncertainError);
    expect((error as Error).cause).toMatchObject({
      status: 500,
      response: { message: 'Failed to create chat message.' },
    });
    expect(h.requestsTo(path, 'POST')).toHaveLength(1);
  });

  it('is sent again after a 429, which coderd answers before any handler runs', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await idle(h);
    const path = `/api/v2/chats/${chat.id}/messages`;
    h.fake.control.faults.inject({ kind: 'rateLimit', retryAfter: 0, route: path, method: 'POST', times: 1 });
    await expect(h.client.sendChatMessage(chat.id, { content: text('again') })).resolves.toMatchObject({
      queued: false,
    });
    expect(h.requestsTo(path, 'POST').map((r) => r.status)).toEqual([429, 200]);
  });
});
