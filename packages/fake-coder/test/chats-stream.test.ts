import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { createChat, openChatStream, statuses } from './chats-helpers';

describe('the per-chat stream', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('gives a client that connects after the turn ended the messages and waiting in its snapshot', async () => {
    const chat = await createChat(fake, 'Fix the flaky login test');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const stream = await openChatStream(fake, chat.id);
    const events = await stream.waitFor((e) => e.some((x) => x.type === 'status'), 'the snapshot status');
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'message', 'status']);
    expect(statuses(events)).toEqual(['waiting']);
    expect(events[1]?.message?.content?.map((p) => p.type)).toEqual(['reasoning', 'text']);
    await stream.close();
  });
});
