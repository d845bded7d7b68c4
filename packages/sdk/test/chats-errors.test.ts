import { describe, expect, it } from 'vitest';
import { CoderApiError } from '../src/index';
import { drain, failure, idleChat, text } from './chat-test-helpers';
import { type Harness, startHarness } from './harness';

const MISSING = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';

describe('every Chats error path surfaces as a typed error with coderd’s message', () => {
  it.each<[string, (h: Harness) => Promise<unknown>, number, string]>([
    [
      'a chat id that is not a UUID',
      (h) => h.client.getChat('not-a-uuid'),
      400,
      'Invalid UUID "not-a-uuid".',
    ],
    [
      'a chat that does not exist',
      (h) => h.client.getChat(MISSING),
      404,
      'Resource not found or you do not have access to this resource',
    ],
    ['an empty create', (h) => h.client.createChat({ content: [] }), 400, 'Content is required.'],
    ['an empty text part', (h) => h.client.createChat({ content: text('') }), 400, 'Invalid input part.'],
    [
      'invalid labels',
      (h) => h.client.createChat({ content: text('x'), labels: { '-bad': 'v' } }),
      400,
      'Invalid labels.',
    ],
    [
      'an organization the caller is not in',
      (h) => h.client.createChat({ content: text('x'), organization_id: MISSING }),
      403,
      'You are not a member of the specified organization.',
    ],
    [
      'the nil UUID as the organization',
      (h) =>
        h.client.createChat({ content: text('x'), organization_id: '00000000-0000-0000-0000-000000000000' }),
      400,
      'organization_id is required.',
    ],
    [
      'the global API rate limit',
      async (h) => {
        await h.client.listChats();
        h.fake.control.setRateLimit(1);
        await h.client.listChats({}, { retries: 0 });
        return h.client.listChats({}, { retries: 0 });
      },
      429,
      "You've been rate limited for sending more than 1 requests in 1m0s.",
    ],
    [
      'a title over 200 characters',
      async (h) => h.client.updateChat((await idleChat(h)).id, { title: 'x'.repeat(201) }),
      400,
      'Title must be at most 200 characters.',
    ],
    [
      'a negative pin order',
      async (h) => h.client.updateChat((await idleChat(h)).id, { pin_order: -1 }),
      400,
      'Pin order must be non-negative.',
    ],
    [
      'an unknown model config',
      (h) => h.client.createChat({ content: text('x'), model_config_id: MISSING }),
      400,
      'Invalid model config ID.',
    ],
    [
      'an unknown plan_mode',
      (h) => h.client.createChat({ content: text('x'), plan_mode: 'later' as 'plan' }),
      400,
      'Invalid plan_mode value.',
    ],
    [
      'an unknown client_type',
      (h) => h.client.createChat({ content: text('x'), client_type: 'cli' as 'api' }),
      400,
      'Invalid client_type.',
    ],
    [
      'a workspace the caller cannot see',
      (h) => h.client.createChat({ content: text('x'), workspace_id: MISSING }),
      400,
      'Workspace not found or you do not have access to this resource',
    ],
    [
      'interrupting an archived chat',
      async (h) => {
        const chat = await idleChat(h);
        await h.client.archiveChat(chat.id);
        return h.client.interruptChat(chat.id);
      },
      400,
      'Cannot interrupt an archived chat.',
    ],
    [
      'a watch coderd cannot open',
      async (h) => {
        h.fake.control.chats.refuseStreams();
        return drain(h.client.watchChats());
      },
      500,
      'Failed to open chat watch stream.',
    ],
    [
      'a bare word in the list query',
      (h) => h.client.listChats({ query: 'bare' }),
      400,
      'Invalid chat search query.',
    ],
    [
      'an empty title',
      async (h) => h.client.updateChat((await idleChat(h)).id, { title: '' }),
      400,
      'Title cannot be empty.',
    ],
    [
      'archiving twice',
      async (h) => {
        const chat = await idleChat(h);
        await h.client.archiveChat(chat.id);
        return h.client.archiveChat(chat.id);
      },
      400,
      'Chat is already archived.',
    ],
    [
      'sending to an archived chat',
      async (h) => {
        const chat = await idleChat(h);
        await h.client.archiveChat(chat.id);
        return h.client.sendChatMessage(chat.id, { content: text('x') });
      },
      400,
      'Cannot send messages to an archived chat.',
    ],
    [
      'an unknown busy_behavior',
      async (h) =>
        h.client.sendChatMessage((await idleChat(h)).id, {
          content: text('x'),
          busy_behavior: 'later' as 'queue',
        }),
      400,
      'Invalid busy_behavior value.',
    ],
    [
      'a page over 200',
      async (h) => h.client.getChatMessages((await idleChat(h)).id, { limit: 201 }),
      400,
      'Invalid limit parameter (1-200).',
    ],
    [
      'crossed cursors',
      async (h) => h.client.getChatMessages((await idleChat(h)).id, { afterId: 5, beforeId: 3 }),
      400,
      'after_id must be less than before_id.',
    ],
    [
      'interrupting an idle chat',
      async (h) => h.client.interruptChat((await idleChat(h)).id),
      409,
      'Chat is not in an interruptible state.',
    ],
    [
      'archiving an active chat',
      async (h) => {
        h.fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
        const chat = await h.client.createChat({ content: text('busy') });
        return h.client.archiveChat(chat.id);
      },
      409,
      'Cannot archive an active chat. Interrupt or wait for the chat to finish first.',
    ],
    [
      'a full queue',
      async (h) => {
        h.fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
        h.fake.control.chats.setQueueLimit(1);
        const chat = await h.client.createChat({ content: text('busy') });
        await h.client.sendChatMessage(chat.id, { content: text('one') });
        return h.client.sendChatMessage(chat.id, { content: text('two') }, { retries: 0 });
      },
      429,
      'Message queue is full.',
    ],
    [
      'the stream of a chat that does not exist',
      (h) => drain(h.client.streamChat(MISSING)),
      404,
      'Resource not found or you do not have access to this resource',
    ],
    [
      'a stream coderd cannot open',
      async (h) => {
        const chat = await idleChat(h);
        h.fake.control.chats.refuseStreams({ chatId: chat.id });
        return drain(h.client.streamChat(chat.id));
      },
      500,
      'Failed to open chat stream.',
    ],
  ])('%s', async (_name, call, status, message) => {
    const h = await startHarness({ version: 'v2.38.0' });
    const error = await failure(call(h));
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status, response: { message } });
    expect((error as Error).message).toContain(message);
  });

  it('keeps coderd’s label validations', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const error = await failure(h.client.createChat({ content: text('x'), labels: { k: '' } }));
    expect(error).toMatchObject({
      response: { validations: [{ field: 'labels', detail: 'label value for key "k" must not be empty' }] },
    });
  });

  it('says the session expired with Go’s login hint on a bad token', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const bad = h.clientWith({ token: 'aaaaaaaaaa-bbbbbbbbbbbbbbbbbbbbbb' });
    const error = await failure(bad.listChats());
    expect(error).toMatchObject({ status: 401, kind: 'unauthorized' });
    expect((error as Error).message).toContain("Try logging in using 'coder login'.");
  });
});
