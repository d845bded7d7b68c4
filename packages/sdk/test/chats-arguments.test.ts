import { describe, expect, it } from 'vitest';
import type { CoderClient } from '../src/index';
import { startHarness } from './harness';

const ID = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';
// What a JavaScript caller can pass that TypeScript would refuse.
const loose = (value: unknown) => value as never;

describe('Chats methods refuse arguments a JavaScript caller can get wrong, before sending anything', () => {
  it.each<[string, (c: CoderClient) => unknown, ErrorConstructor]>([
    ['createChat without content', (c) => c.createChat(loose({ text: 'hi' })), TypeError],
    [
      'createChat with an empty idempotency label',
      (c) => c.createChat({ content: [] }, { idempotencyLabel: { key: '', value: 'v' } }),
      TypeError,
    ],
    ['getChat with a number', (c) => c.getChat(loose(42)), TypeError],
    ['getChat with an empty id', (c) => c.getChat(' '), TypeError],
    ['listChats with archived as a string', (c) => c.listChats({ archived: loose('true') }), TypeError],
    [
      'listChats with a label that is not a string',
      (c) => c.listChats({ labels: loose({ n: 1 }) }),
      TypeError,
    ],
    ['listChats with a query that is not a string', (c) => c.listChats({ query: loose(7) }), TypeError],
    ['listChats with limit 0', (c) => c.listChats({ limit: 0 }), RangeError],
    ['updateChat without a patch', (c) => c.updateChat(ID, loose(null)), TypeError],
    ['sendChatMessage with a string', (c) => c.sendChatMessage(ID, loose('hi')), TypeError],
    ['getChatMessages with a fractional cursor', (c) => c.getChatMessages(ID, { afterId: 1.5 }), RangeError],
    ['getChatMessages with a negative limit', (c) => c.getChatMessages(ID, { limit: -1 }), RangeError],
    ['waitForChatTurn with until "idle"', (c) => c.waitForChatTurn(ID, { until: loose('idle') }), TypeError],
    ['waitForChatTurn after message 0', (c) => c.waitForChatTurn(ID, { after: 0 }), RangeError],
    ['waitForChatTurn without a chat', (c) => c.waitForChatTurn(loose(undefined)), TypeError],
  ])('%s', async (_name, call, type) => {
    const h = await startHarness({ version: 'v2.38.0' });
    const before = h.fake.requests.filter((r) => r.path.includes('/chats')).length;
    await expect((async () => call(h.client))()).rejects.toBeInstanceOf(type);
    expect(h.fake.requests.filter((r) => r.path.includes('/chats'))).toHaveLength(before);
  });

  it('streamChat with a negative afterId', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const stream = h.client.streamChat(ID, { afterId: -1 });
    await expect(stream.next()).rejects.toBeInstanceOf(RangeError);
    expect(h.fake.requests.filter((r) => r.path.includes('/chats'))).toHaveLength(0);
  });
});
