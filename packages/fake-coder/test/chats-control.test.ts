import { ChatSchema, parseWire } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat, openChatStream, openChatWatch, statuses } from './chats-helpers';

describe('control.chats', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('promotes the queue head on demand, the chat staying running', async () => {
    fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await createChat(fake, 'first');
    await call(fake, 'POST', `/api/v2/chats/${chat.id}/messages`, {
      body: { content: [{ type: 'text', text: 'next' }] },
    });
    const stream = await openChatStream(fake, chat.id);
    await stream.waitFor((e) => statuses(e).includes('running'), 'the snapshot');
    fake.control.chats.promoteQueued(chat.id);
    const view = fake.control.chats.chat(chat.id);
    expect([view?.status, view?.queue, view?.messages.map((m) => m.text)]).toEqual([
      'running',
      [],
      ['first', 'next'],
    ]);
    await stream.waitFor((e) => e.filter((x) => x.type === 'message').length === 2, 'the promoted message');
    expect(statuses(stream.events)).toEqual(['running']);
    expect(() => fake.control.chats.promoteQueued(chat.id)).toThrow(/no queued message/);
    fake.control.chats.finishTurn(chat.id);
    expect(() => fake.control.chats.finishTurn(chat.id)).toThrow(/no turn in progress/);
    await stream.close();
    fake.control.chats.scriptChat('*', [{ say: 'ok' }]);
  });

  it('sets and clears the diff status with its pull request', async () => {
    const chat = await createChat(fake);
    fake.control.chats.setDiffStatus(chat.id, {
      url: 'https://github.com/o/r/pull/9',
      prNumber: 9,
      pullRequestTitle: 'Fix the flake',
      pullRequestState: 'open',
      headBranch: 'fix/flake',
      additions: 3,
    });
    const got = parseWire(ChatSchema, (await call(fake, 'GET', `/api/v2/chats/${chat.id}`)).json, 'Chat');
    expect(got.diff_status).toMatchObject({
      chat_id: chat.id,
      url: 'https://github.com/o/r/pull/9',
      pr_number: 9,
      pull_request_title: 'Fix the flake',
      pull_request_state: 'open',
      head_branch: 'fix/flake',
      additions: 3,
      deletions: 0,
    });
    fake.control.chats.setDiffStatus(chat.id, undefined);
    const cleared = (await call(fake, 'GET', `/api/v2/chats/${chat.id}`)).json as Record<string, unknown>;
    expect('diff_status' in cleared).toBe(false);
  });

  it('cuts open streams and watches', async () => {
    const chat = await createChat(fake);
    const stream = await openChatStream(fake, chat.id);
    const watch = await openChatWatch(fake);
    await stream.waitFor((e) => statuses(e).length > 0, 'the snapshot');
    expect(fake.control.chats.dropStreams(chat.id)).toBe(1);
    expect(await stream.closed).toBe(1006);
    expect(fake.control.chats.dropStreams()).toBe(1);
    expect(await watch.closed).toBe(1006);
    expect(fake.control.chats.dropStreams()).toBe(0);
  });

  it('refuses malformed scripts and settings with clear errors', () => {
    expect(() => fake.control.chats.scriptChat('*', [{ after: -1, say: 'x' }])).toThrow(/"after"/);
    expect(() =>
      fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'later' as never } }),
    ).toThrow(/"end"/);
    expect(() => fake.control.chats.scriptChat('4b0c6d2e-0000-4000-8000-000000000000', [])).toThrow(
      /no chat/,
    );
    expect(() => fake.control.chats.setQueueLimit(-1)).toThrow(RangeError);
    expect(() => fake.control.chats.setStreamDelay(Number.NaN)).toThrow(RangeError);
    expect(() => fake.control.chats.removeFromOrganization('nobody', 'coder')).toThrow(/no user/);
  });
});
