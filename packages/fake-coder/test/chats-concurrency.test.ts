import { ChatMessagesResponseSchema, parseWire } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat, openChatStream, openChatWatch, statuses } from './chats-helpers';

// 200 clients at once on loopback, each with its own chat, stream and HTTP calls: nothing may fail.

const CLIENTS = 200;

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder({ version: 'v2.38.0', recordRequests: false });
});
afterAll(() => fake.close());

describe('load on the chats surface', () => {
  it(`serves ${CLIENTS} concurrent chat clients with their streams`, { timeout: 60_000 }, async () => {
    const watch = await openChatWatch(fake);
    const client = async (i: number): Promise<string> => {
      const chat = await createChat(fake, `client ${i}`);
      const stream = await openChatStream(fake, chat.id);
      await stream.waitFor((e) => statuses(e).includes('waiting'), `client ${i} waiting`);
      const send = await call(fake, 'POST', `/api/v2/chats/${chat.id}/messages`, {
        body: { content: [{ type: 'text', text: `follow-up ${i}` }] },
      });
      if (send.status !== 200) throw new Error(`client ${i}: send answered ${send.status}`);
      await stream.waitFor(
        (e) => statuses(e).filter((s) => s === 'waiting').length === 2,
        `client ${i} second turn`,
      );
      const page = await call(fake, 'GET', `/api/v2/chats/${chat.id}/messages?limit=200`);
      const messages = parseWire(ChatMessagesResponseSchema, page.json, 'ChatMessagesResponse').messages;
      await stream.close();
      return messages
        .filter((m) => m.role === 'assistant')
        .map((m) => m.content?.find((p) => p.type === 'text')?.text)
        .reverse()
        .join('|');
    };
    const results = await Promise.allSettled(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    expect(failures).toEqual([]);
    const answers = results.map((r) => (r.status === 'fulfilled' ? r.value : ''));
    expect(answers[7]).toBe('On it: client 7|Done.|On it: follow-up 7|Done.');
    expect(new Set(answers).size).toBe(CLIENTS);
    await watch.waitFor(
      (e) => e.filter((x) => x.kind === 'created').length === CLIENTS,
      'every created event',
    );
    await watch.close();
  });
});
