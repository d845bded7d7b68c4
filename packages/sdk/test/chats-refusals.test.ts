import { describe, expect, it } from 'vitest';
import { CoderApiError } from '../src/index';
import { failure, idleChat, text } from './chat-test-helpers';
import { type Harness, startHarness } from './harness';

describe('refusals of a create or a send', () => {
  const BIG = 'x'.repeat(256 * 1024);
  it.each<[string, (h: Harness) => Promise<unknown>, number, string, string | undefined]>([
    [
      'a create over 256 KiB',
      (h) => h.client.createChat({ content: text(BIG) }),
      413,
      'Request body exceeds 256 KiB',
      undefined,
    ],
    [
      'a send over 256 KiB',
      async (h) => h.client.sendChatMessage((await idleChat(h)).id, { content: text(BIG) }),
      413,
      'Request body exceeds 256 KiB',
      undefined,
    ],
    [
      'a send by a user the chat is shared with, who is not its owner',
      async (h) => {
        const chat = await idleChat(h);
        const { token } = h.fake.control.addUser({ username: 'sharer' });
        h.fake.control.chats.shareChat(chat.id, 'sharer', { update: true });
        return h.clientWith({ token }).sendChatMessage(chat.id, { content: text('x') });
      },
      403,
      'Only the chat owner may send messages.',
      undefined,
    ],
    [
      'a create the lifecycle hook denies without a reason',
      (h) => {
        h.fake.control.chats.setLifecycleHook({ action: 'deny' });
        return h.client.createChat({ content: text('x') });
      },
      403,
      'Chat creation denied by lifecycle hook.',
      'hook_denied',
    ],
    [
      'a send the lifecycle hook denies without a reason',
      async (h) => {
        const chat = await idleChat(h);
        h.fake.control.chats.setLifecycleHook({ action: 'deny' });
        return h.client.sendChatMessage(chat.id, { content: text('x') });
      },
      403,
      'Chat message denied by lifecycle hook.',
      'hook_denied',
    ],
    [
      'a send the lifecycle hook denies with its reason',
      async (h) => {
        const chat = await idleChat(h);
        h.fake.control.chats.setLifecycleHook({ action: 'deny', message: 'Not on main.' });
        return h.client.sendChatMessage(chat.id, { content: text('x') });
      },
      403,
      'Not on main.',
      'hook_denied',
    ],
    [
      'a create whose lifecycle hook cannot be dispatched',
      (h) => {
        h.fake.control.chats.setLifecycleHook({ action: 'fail' });
        return h.client.createChat({ content: text('x') });
      },
      502,
      'Chat lifecycle hook dispatch failed.',
      'hook_dispatch_failed',
    ],
    [
      'a send whose lifecycle hook cannot be dispatched (coderd stored nothing, so not uncertain)',
      async (h) => {
        const chat = await idleChat(h);
        h.fake.control.chats.setLifecycleHook({ action: 'fail' });
        return h.client.sendChatMessage(chat.id, { content: text('x') });
      },
      502,
      'Chat lifecycle hook dispatch failed.',
      'hook_dispatch_failed',
    ],
  ])('%s', async (_name, call, status, message, responseKind) => {
    const h = await startHarness({ version: 'v2.38.0' });
    const error = await failure(call(h));
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status, response: { message }, responseKind });
    expect((error as Error).message).toContain(message);
  });

  it('a create with an idempotency label whose hook cannot be dispatched is not looked for nor repeated', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.chats.setLifecycleHook({ action: 'fail', on: 'create' });
    const idempotencyLabel = { key: 'run', value: 'r1' };
    const error = await failure(h.client.createChat({ content: text('x') }, { idempotencyLabel }));
    expect(error).toMatchObject({ status: 502, responseKind: 'hook_dispatch_failed' });
    expect(h.requestsTo('/api/v2/chats', 'POST')).toHaveLength(1);
    expect(h.requestsTo('/api/v2/chats', 'GET')).toHaveLength(0);
  });
});
