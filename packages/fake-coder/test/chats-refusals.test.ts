import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat } from './chats-helpers';

const text = (t: string) => ({ content: [{ type: 'text', text: t }] });

describe('chat refusals: lifecycle hooks, the 256 KiB body limit, shared chats', () => {
  let fake: FakeCoder;
  const create = (body: Record<string, unknown>) =>
    call(fake, 'POST', '/api/v2/chats', {
      body: { organization_id: fake.control.seed?.organizationId, ...body },
    });
  const send = (chatId: string, body: Record<string, unknown>, token?: string) =>
    call(fake, 'POST', `/api/v2/chats/${chatId}/messages`, { body, token });
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());
  afterEach(() => fake.control.chats.setLifecycleHook(undefined));

  it('a denying hook answers 403 hook_denied with its reason, or coderd’s fallback, and stores nothing', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const before = fake.control.chats.chats().length;
    const messages = fake.control.chats.chat(chat.id)?.messages.length;
    fake.control.chats.setLifecycleHook({ action: 'deny' });
    expect((await create(text('x'))).json).toEqual({
      message: 'Chat creation denied by lifecycle hook.',
      kind: 'hook_denied',
    });
    const denied = await send(chat.id, text('x'));
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ message: 'Chat message denied by lifecycle hook.', kind: 'hook_denied' });
    fake.control.chats.setLifecycleHook({ action: 'deny', message: 'No prompts on Fridays.', on: 'send' });
    expect((await send(chat.id, text('x'))).json).toEqual({
      message: 'No prompts on Fridays.',
      kind: 'hook_denied',
    });
    expect(fake.control.chats.chats()).toHaveLength(before);
    expect(fake.control.chats.chat(chat.id)?.messages).toHaveLength(messages ?? -1);
    expect((await create(text('creates still pass'))).status).toBe(201);
  });

  it('a hook that cannot be dispatched answers 502 hook_dispatch_failed without its error', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    fake.control.chats.setLifecycleHook({ action: 'fail' });
    for (const res of [await create(text('x')), await send(chat.id, text('x'))]) {
      expect(res.status).toBe(502);
      expect(res.json).toMatchObject({
        message: 'Chat lifecycle hook dispatch failed.',
        kind: 'hook_dispatch_failed',
      });
      expect((res.json as { detail: string }).detail).toMatch(
        /^Lifecycle hook dispatch [0-9a-f-]{36} failed \(http_error\)\.$/,
      );
    }
  });

  it('runs the hook only after the request’s own checks', async () => {
    fake.control.chats.setLifecycleHook({ action: 'deny' });
    expect((await create({ content: [] })).json).toEqual({ message: 'Content is required.' });
  });

  it('answers 413 "Request body exceeds 256 KiB" to a create or send over 256 KiB', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const big = text('x'.repeat(256 * 1024));
    for (const res of [await create(big), await send(chat.id, big)]) {
      expect(res.status).toBe(413);
      expect(res.json).toEqual({ message: 'Request body exceeds 256 KiB' });
    }
    expect((await send(chat.id, text('x'.repeat(200 * 1024)))).status).toBe(200);
  });

  it('a chat shared for reading can be read but not written; shared for update, a send meets the owner check', async () => {
    const chat = await createChat(fake, 'ours');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const { token } = fake.control.addUser({ username: 'reader' });
    const get = () => call(fake, 'GET', `/api/v2/chats/${chat.id}`, { token });
    expect((await get()).status).toBe(404);
    fake.control.chats.shareChat(chat.id, 'reader');
    expect((await get()).status).toBe(200);
    expect((await call(fake, 'GET', `/api/v2/chats/${chat.id}/messages`, { token })).status).toBe(200);
    expect((await send(chat.id, text('x'), token)).status).toBe(404);
    fake.control.chats.shareChat(chat.id, 'reader', { update: true });
    const res = await send(chat.id, text('x'), token);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ message: 'Only the chat owner may send messages.' });
    expect(() => fake.control.chats.shareChat(chat.id, 'nobody')).toThrow('no user named "nobody"');
  });
});
