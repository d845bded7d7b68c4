import { describe, expect, it, vi } from 'vitest';
import { chatTranscript } from '../src/index';
import { text } from './chat-test-helpers';
import { startHarness } from './harness';

describe('on a v2.37 server, which serves Chats under both prefixes', () => {
  it('moves to /api/experimental for good when /api/v2 answers 404 "Route not found." (a proxy passing only one)', async () => {
    const h = await startHarness({ version: 'v2.37.0' });
    h.fake.control.faults.inject({
      kind: 'status',
      status: 404,
      body: { message: 'Route not found.' },
      route: /^\/api\/v2\/chats/,
    });
    const chat = await h.client.createChat({ content: text('hello') });
    await expect(h.client.getChat(chat.id)).resolves.toMatchObject({ id: chat.id });
    const chatsPaths = h.fake.requests
      .filter((r) => r.path.includes('/chats'))
      .map((r) => `${r.method} ${r.path}`);
    expect(chatsPaths).toEqual([
      'POST /api/v2/chats',
      'POST /api/experimental/chats',
      `GET /api/experimental/chats/${chat.id}`,
    ]);
  });
});

describe.each([
  ['v2.35.2', '/api/experimental'],
  ['v2.37.0', '/api/v2'],
  ['v2.38.1', '/api/v2'],
])('on a %s server the Chats client', (version, prefix) => {
  const chatsRequests = (h: Awaited<ReturnType<typeof startHarness>>) =>
    h.fake.requests.filter((r) => /\/chats(\/|$)/.test(r.path));

  it(`creates a chat, waits for its turn and reads the transcript, all under ${prefix}`, async () => {
    const h = await startHarness({ version });
    const chat = await h.client.createChat({ content: text('Fix the flaky test') });
    expect(chat.organization_id).toBe(h.fake.control.chats.chat(chat.id)?.organizationId);
    const turn = await h.client.waitForChatTurn(chat, { timeout: 10_000 });
    expect(turn.status).toBe('waiting');
    expect(turn.chat).toMatchObject({ id: chat.id, status: 'waiting' });
    expect(chatTranscript(turn.messages)).toEqual([
      { kind: 'user', messageId: expect.any(Number), text: 'Fix the flaky test' },
      { kind: 'reasoning', messageId: expect.any(Number), text: 'Reading the request.' },
      { kind: 'assistant', messageId: expect.any(Number), text: 'On it: Fix the flaky test' },
      { kind: 'assistant', messageId: expect.any(Number), text: 'Done.' },
    ]);
    const paths = chatsRequests(h).map((r) => r.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path.startsWith(`${prefix}/chats`)).toBe(true);
    // buildinfo once for the prefix, users/me once for the organization.
    expect(h.requestsTo('/api/v2/buildinfo')).toHaveLength(1);
    expect(h.requestsTo('/api/v2/users/me')).toHaveLength(1);
  });

  it('sends a message and waits for the turn it started, with its own message first', async () => {
    const h = await startHarness({ version });
    const chat = await h.client.createChat({ content: text('first') });
    await h.client.waitForChatTurn(chat, { timeout: 10_000 });
    const sent = await h.client.sendChatMessage(chat.id, { content: text('second') });
    expect(sent.queued).toBe(false);
    expect(sent.message?.role).toBe('user');
    const turn = await h.client.waitForChatTurn(chat, { after: sent, timeout: 10_000 });
    expect(turn.messages[0]?.id).toBe(sent.message?.id);
    expect(chatTranscript(turn.messages).map((e) => ('text' in e ? e.text : e.kind))).toEqual([
      'second',
      'Reading the request.',
      'On it: second',
      'Done.',
    ]);
    const posts = h.requestsTo(`${prefix}/chats/${chat.id}/messages`, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ content: text('second') });
  });

  it('gets, lists by label and archive state, updates and archives a chat', async () => {
    const h = await startHarness({ version });
    const mine = await h.client.createChat({ content: text('a'), labels: { source: 'sdk-test', n: '1' } });
    await h.client.createChat({ content: text('b'), labels: { source: 'other' } });
    await h.fake.control.chats.waitForChat(mine.id, 'waiting');
    await expect(h.client.getChat(mine.id)).resolves.toMatchObject({ id: mine.id, status: 'waiting' });
    const listed = await h.client.listChats({ labels: { source: 'sdk-test' } });
    expect(listed.map((c) => c.id)).toEqual([mine.id]);
    expect(h.requestsTo(`${prefix}/chats`, 'GET').at(-1)?.query).toMatchObject({ label: 'source:sdk-test' });
    expect(await h.client.listChats({ limit: 1 })).toHaveLength(1);
    await h.client.updateChat(mine.id, { title: 'Renamed' });
    expect(h.fake.control.chats.chat(mine.id)?.title).toBe('Renamed');
    await h.client.archiveChat(mine.id);
    expect(h.fake.control.chats.chat(mine.id)?.archived).toBe(true);
    expect((await h.client.listChats()).map((c) => c.id)).not.toContain(mine.id);
    expect((await h.client.listChats({ archived: true })).map((c) => c.id)).toEqual([mine.id]);
    expect(h.requestsTo(`${prefix}/chats`, 'GET').at(-1)?.query).toMatchObject({ q: 'archived:true' });
  });

  it('pages messages both ways and iterates over all of them in ascending order', async () => {
    const h = await startHarness({ version });
    h.fake.control.chats.scriptChat('*', [{ say: 'one' }, { say: 'two' }, { say: 'three' }]);
    const chat = await h.client.createChat({ content: text('count') });
    await h.fake.control.chats.waitForChat(chat.id, 'waiting');
    const newest = await h.client.getChatMessages(chat.id, { limit: 2 });
    expect(newest.has_more).toBe(true);
    expect(newest.messages.map((m) => m.id)).toEqual(
      [...newest.messages.map((m) => m.id)].sort((a, b) => b - a),
    );
    const all = [];
    for await (const message of h.client.chatMessages(chat.id)) all.push(message);
    expect(all.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant', 'assistant']);
    const first = all[0]?.id ?? 0;
    const after = await h.client.getChatMessages(chat.id, { afterId: first, limit: 2 });
    expect(after.messages.map((m) => m.id)).toEqual(all.slice(1, 3).map((m) => m.id));
    const rest = [];
    for await (const message of h.client.chatMessages(chat.id, { afterId: first })) rest.push(message.id);
    expect(rest).toEqual(all.slice(1).map((m) => m.id));
  });

  it('interrupts a running turn and waits until it is running first', async () => {
    const h = await startHarness({ version });
    h.fake.control.chats.scriptChat('*', { otherwise: { steps: [{ say: 'Working…' }], end: 'never' } });
    const chat = await h.client.createChat({ content: text('forever') });
    const running = await h.client.waitForChatTurn(chat, { until: 'running', timeout: 10_000 });
    expect(running.status).toBe('running');
    const interrupted = await h.client.interruptChat(chat.id);
    expect(['interrupting', 'waiting']).toContain(interrupted.status);
    await expect(h.client.waitForChatTurn(chat, { timeout: 10_000 })).resolves.toMatchObject({
      status: 'waiting',
    });
  });

  it('streams a chat: the snapshot, then live events, as validated events', async () => {
    const h = await startHarness({ version });
    h.fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await h.client.createChat({ content: text('hello') });
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of h.client.streamChat(chat.id, { signal: controller.signal })) {
        seen.push(event.type === 'status' ? `status:${event.status?.status}` : String(event.type));
        if (event.type === 'status' && event.status?.status === 'waiting') controller.abort();
      }
    })().catch((e: unknown) => e);
    await h.fake.control.chats.waitForChat(chat.id, (c) => c.status === 'running');
    await vitestWaitForStream(h, `${prefix}/chats/${chat.id}/stream`);
    h.fake.control.chats.finishTurn(chat.id);
    expect(((await reading) as Error).name).toBe('CoderAbortError');
    expect(seen[0]).toBe('message');
    expect(seen).toContain('status:running');
    expect(seen.at(-1)).toBe('status:waiting');
    const upgrade = h.requestsTo(`${prefix}/chats/${chat.id}/stream`)[0];
    expect(upgrade?.status).toBe(101);
    expect(upgrade?.query).toEqual({});
    expect(upgrade?.headers.origin).toBeUndefined();
    expect(upgrade?.headers['sec-websocket-protocol']).toBeUndefined();
  });

  it('watches the caller’s chats', async () => {
    const h = await startHarness({ version });
    const controller = new AbortController();
    const kinds: string[] = [];
    const watching = (async () => {
      for await (const event of h.client.watchChats({ signal: controller.signal })) {
        kinds.push(String(event.kind));
        if (event.kind === 'status_change' && event.chat.status === 'waiting') controller.abort();
      }
    })().catch((e: unknown) => e);
    await vitestWaitForStream(h, `${prefix}/chats/watch`);
    await h.client.createChat({ content: text('watch me') });
    expect(((await watching) as Error).name).toBe('CoderAbortError');
    expect(kinds).toContain('status_change');
  });

  it('links to the chat in the dashboard and reports which APIs the server serves', async () => {
    const h = await startHarness({ version });
    expect(h.client.chatUrl({ id: 'c1' })).toBe(`${h.fake.url}/agents/c1`);
    const support = await h.client.apiSupport();
    expect(support).toMatchObject({ version, chats: prefix });
  });
});

async function vitestWaitForStream(h: Awaited<ReturnType<typeof startHarness>>, path: string) {
  await vi.waitFor(() => expect(h.requestsTo(path).some((r) => r.status === 101)).toBe(true), {
    timeout: 10_000,
  });
}

describe('chatMessages on a server without the after_id cursor (older exp-era)', () => {
  it('reads the pages backwards instead and still yields every message after afterId, oldest first', async () => {
    const h = await startHarness({ version: 'v2.35.0' });
    h.fake.control.chats.scriptChat('*', [{ say: 'one' }, { say: 'two' }]);
    const chat = await h.client.createChat({ content: text('old') });
    await h.fake.control.chats.waitForChat(chat.id, 'waiting');
    const newestFirst = await h.client.getChatMessages(chat.id);
    const ids = newestFirst.messages.map((m) => m.id).sort((a, b) => a - b);
    // Such a server ignores after_id and answers the newest page, newest first.
    h.fake.control.faults.inject({
      kind: 'status',
      status: 200,
      body: newestFirst,
      route: `/api/experimental/chats/${chat.id}/messages`,
      method: 'GET',
      times: 1,
    });
    const seen: number[] = [];
    for await (const message of h.client.chatMessages(chat.id, { afterId: ids[0] ?? 0 }))
      seen.push(message.id);
    expect(seen).toEqual(ids.slice(1));
  });
});
