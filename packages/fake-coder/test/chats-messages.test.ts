import {
  ChatMessagesResponseSchema,
  ChatSchema,
  CreateChatMessageResponseSchema,
  parseWire,
} from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat, openChatStream, statuses } from './chats-helpers';

const text = (t: string) => ({ content: [{ type: 'text', text: t }] });

describe('chat messages: history pages, send, queue, interrupt', () => {
  let fake: FakeCoder;
  const page = async (chatId: string, query = '') => {
    const res = await call(fake, 'GET', `/api/v2/chats/${chatId}/messages${query}`);
    expect(res.status).toBe(200);
    return parseWire(ChatMessagesResponseSchema, res.json, 'ChatMessagesResponse');
  };
  const send = (chatId: string, body: Record<string, unknown>, token?: string) =>
    call(fake, 'POST', `/api/v2/chats/${chatId}/messages`, { body, token });
  /** A waiting chat whose next turn never ends until `finishTurn`. */
  const idleChat = async () => {
    const chat = await createChat(fake, 'hello');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    fake.control.chats.scriptChat(chat.id, { otherwise: { steps: [], end: 'never' } });
    return chat;
  };
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('pages newest first, oldest first with only after_id, and reports has_more', async () => {
    const chat = await createChat(fake);
    const done = await fake.control.chats.waitForChat(chat.id, 'waiting');
    const ids = done.messages.map((m) => m.id);
    expect(ids).toHaveLength(3);
    const [a, b, c] = ids as [number, number, number];
    expect((await page(chat.id)).messages.map((m) => m.id)).toEqual([c, b, a]);
    const two = await page(chat.id, '?limit=2');
    expect([two.messages.map((m) => m.id), two.has_more]).toEqual([[c, b], true]);
    const after = await page(chat.id, `?after_id=${a}&limit=1`);
    expect([after.messages.map((m) => m.id), after.has_more]).toEqual([[b], true]);
    expect((await page(chat.id, `?after_id=${a}`)).messages.map((m) => m.id)).toEqual([b, c]);
    expect((await page(chat.id, `?before_id=${c}`)).messages.map((m) => m.id)).toEqual([b, a]);
    const range = await page(chat.id, `?after_id=${a}&before_id=${c}`);
    expect([range.messages.map((m) => m.id), range.has_more]).toEqual([[b], false]);
  });

  it.each(['0', '201', '-1'])('refuses limit=%s with 400 Invalid limit parameter', async (limit) => {
    const chat = await createChat(fake);
    const res = await call(fake, 'GET', `/api/v2/chats/${chat.id}/messages?limit=${limit}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ message: 'Invalid limit parameter (1-200).' });
  });

  it('refuses a limit or cursor that is not an integer as coderd’s query parser does', async () => {
    const chat = await createChat(fake);
    const res = await call(fake, 'GET', `/api/v2/chats/${chat.id}/messages?limit=ten&after_id=-3`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      message: 'Query parameters have invalid values.',
      validations: [
        {
          field: 'after_id',
          detail: 'Query param "after_id" must be a valid 64-bit positive integer: value is negative',
        },
        {
          field: 'limit',
          detail:
            'Query param "limit" must be a valid 32-bit positive integer: strconv.ParseInt: parsing "ten": invalid syntax',
        },
      ],
    });
  });

  it('refuses after_id not below before_id', async () => {
    const chat = await createChat(fake);
    const res = await call(fake, 'GET', `/api/v2/chats/${chat.id}/messages?after_id=5&before_id=5`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ message: 'after_id must be less than before_id.' });
  });

  it('sends to an idle chat directly and queues on a busy one, the queue listed only without a cursor', async () => {
    const chat = await idleChat();
    const direct = await send(chat.id, text('one'));
    expect(direct.status).toBe(200);
    const d = parseWire(CreateChatMessageResponseSchema, direct.json, 'CreateChatMessageResponse');
    expect(d.queued).toBe(false);
    expect(d.message?.role).toBe('user');
    expect(d.messages.map((m) => m.id)).toEqual([d.message?.id]);
    expect(fake.control.chats.chat(chat.id)?.status).toBe('running');
    const queued = parseWire(
      CreateChatMessageResponseSchema,
      (await send(chat.id, text('two'))).json,
      'CreateChatMessageResponse',
    );
    expect(queued.queued).toBe(true);
    expect(queued.message).toBeUndefined();
    expect(queued.queued_message?.content.map((p) => p.text)).toEqual(['two']);
    expect((await page(chat.id)).queued_messages.map((q) => q.id)).toEqual([queued.queued_message?.id]);
    expect((await page(chat.id, '?after_id=1')).queued_messages).toEqual([]);
    fake.control.chats.finishTurn(chat.id);
    const promoted = fake.control.chats.chat(chat.id);
    expect(promoted?.status).toBe('running');
    expect(promoted?.queue).toEqual([]);
    expect(promoted?.messages.at(-1)?.text).toBe('two');
    fake.control.chats.finishTurn(chat.id);
  });

  it('queues 20 messages on a busy chat and answers the 21st with 429', async () => {
    const chat = await idleChat();
    await send(chat.id, text('start'));
    for (let i = 0; i < 20; i++) expect((await send(chat.id, text(`q${i}`))).status).toBe(200);
    const full = await send(chat.id, text('one too many'));
    expect(full.status).toBe(429);
    expect(full.json).toEqual({
      message: 'Message queue is full.',
      detail: 'Maximum 20 messages can be queued.',
    });
    fake.control.chats.setQueueLimit(21);
    expect((await send(chat.id, text('fits now'))).status).toBe(200);
    fake.control.chats.setQueueLimit(20);
  });

  it('refuses a bad busy_behavior, an archived chat, and a sender who is not the owner', async () => {
    const chat = await createChat(fake);
    const bad = await send(chat.id, { ...text('x'), busy_behavior: 'shove' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      message: 'Invalid busy_behavior value.',
      detail: 'Must be "queue" or "interrupt".',
    });
    const { token } = fake.control.addUser({ username: 'chatter' });
    const theirs = await createChat(fake, 'mine', { token });
    const admin = await send(theirs.id, text('from the admin'));
    expect(admin.status).toBe(403);
    expect(admin.json).toEqual({ message: 'Only the chat owner may send messages.' });
    expect((await send(chat.id, text('x'), token)).status).toBe(404);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, { body: { archived: true } });
    const archived = await send(chat.id, text('x'));
    expect(archived.status).toBe(400);
    expect(archived.json).toEqual({ message: 'Cannot send messages to an archived chat.' });
  });

  it('interrupts a running chat: interrupting at once, then waiting; 409 when idle', async () => {
    const chat = await idleChat();
    const idle = await call(fake, 'POST', `/api/v2/chats/${chat.id}/interrupt`);
    expect(idle.status).toBe(409);
    expect(idle.json).toEqual({ message: 'Chat is not in an interruptible state.' });
    await send(chat.id, text('long job'));
    const res = await call(fake, 'POST', `/api/v2/chats/${chat.id}/interrupt`);
    expect(res.status).toBe(200);
    expect(parseWire(ChatSchema, res.json, 'Chat').status).toBe('interrupting');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
  });

  it('queues and interrupts with busy_behavior interrupt, then answers the queued message', async () => {
    const chat = await idleChat();
    await send(chat.id, text('long job'));
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor((e) => statuses(e).includes('running'), 'the snapshot');
    fake.control.chats.scriptChat(chat.id, [{ say: 'Switched.' }]);
    const res = parseWire(
      CreateChatMessageResponseSchema,
      (await send(chat.id, { ...text('stop and do this'), busy_behavior: 'interrupt' })).json,
      'CreateChatMessageResponse',
    );
    expect(res.queued).toBe(true);
    const done = await fake.control.chats.waitForChat(chat.id, 'waiting');
    expect(done.messages.slice(-2).map((m) => m.text)).toEqual(['stop and do this', 'Switched.']);
    await stream.waitFor((e) => statuses(e).includes('waiting'), 'waiting');
    expect(statuses(stream.events)).toEqual(['running', 'interrupting', 'running', 'waiting']);
    await stream.close();
  });

  it('promotes the earlier queue head when a message is sent to an errored chat', async () => {
    const chat = await idleChat();
    await send(chat.id, text('will fail'));
    await send(chat.id, text('queued before the failure'));
    fake.control.chats.finishTurn(chat.id, { error: { message: 'Boom.' } });
    expect(fake.control.chats.chat(chat.id)?.status).toBe('error');
    const res = parseWire(
      CreateChatMessageResponseSchema,
      (await send(chat.id, text('after'))).json,
      'CreateChatMessageResponse',
    );
    expect(res.queued).toBe(true);
    expect(res.messages.map((m) => m.content?.[0]?.text)).toEqual(['queued before the failure']);
    const view = fake.control.chats.chat(chat.id);
    expect([view?.status, view?.queue.map((q) => q.text), view?.lastError]).toEqual([
      'running',
      ['after'],
      undefined,
    ]);
    fake.control.chats.finishTurn(chat.id);
    fake.control.chats.finishTurn(chat.id);
  });

  it('ends a turn in requires_action with the pending tool calls, and interrupt leaves it waiting', async () => {
    const chat = await createChat(fake, 'needs a tool');
    fake.control.chats.scriptChat(chat.id, {
      otherwise: { steps: [], end: { requiresAction: [{ toolName: 'open_pr', args: { title: 'Fix' } }] } },
    });
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    await send(chat.id, text('go'));
    await fake.control.chats.waitForChat(chat.id, 'requires_action');
    const res = await call(fake, 'POST', `/api/v2/chats/${chat.id}/interrupt`);
    expect(parseWire(ChatSchema, res.json, 'Chat').status).toBe('waiting');
  });
});
