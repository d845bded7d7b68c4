import { describe, expect, it, vi } from 'vitest';
import {
  ChatActionRequiredError,
  ChatTurnFailedError,
  ChatTurnTimeoutError,
  CoderAbortError,
  CoderTimeoutError,
  chatTranscript,
} from '../src/index';
import { text } from './chat-test-helpers';
import { type Harness, startHarness } from './harness';

const STREAM = /^\/api\/(v2|experimental)\/chats\/[^/]+\/stream$/;
/** Only an event can wake a wait with this interval: a test that passes with it proves the stream worked. */
const NO_POLLING = 600_000;

const saidIn = (messages: Parameters<typeof chatTranscript>[0]) =>
  chatTranscript(messages).map((e) => ('text' in e ? e.text : e.kind));

async function streamsOpened(h: Harness, n: number): Promise<void> {
  await vi.waitFor(
    () => expect(h.requestsTo(STREAM).filter((r) => r.status === 101).length).toBeGreaterThanOrEqual(n),
    { timeout: 10_000 },
  );
}

/** A chat whose agent works until the test finishes the turn. */
async function busyChat(h: Harness, prompt = 'work') {
  h.fake.control.chats.scriptChat('*', {
    turns: [{ match: prompt, steps: [{ say: 'Working…' }], end: 'never' }],
    otherwise: { steps: [{ say: 'Answered.' }] },
  });
  return h.client.createChat({ content: text(prompt) });
}

describe('waitForChatTurn', () => {
  it('rides the stream: two requests in all, and the turn ends when the stream says so', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    const first = h.fake.requests.length;
    const waiting = h.client.waitForChatTurn(chat, { pollInterval: NO_POLLING });
    await streamsOpened(h, 1);
    h.fake.control.chats.finishTurn(chat.id);
    const turn = await waiting;
    expect(turn.status).toBe('waiting');
    expect(saidIn(turn.messages)).toEqual(['work', 'Working…']);
    const made = h.fake.requests.slice(first).map((r) => `${r.method} ${r.path}`);
    expect(made).toEqual([`GET /api/v2/chats/${chat.id}/stream`, `GET /api/v2/chats/${chat.id}`]);
  });

  it('does not take a stale waiting before the processor picked the send up for the end', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await h.client.createChat({ content: text('first') });
    await h.fake.control.chats.waitForChat(chat.id, 'waiting');
    h.fake.control.chats.setPickupDelay(300);
    const sent = await h.client.sendChatMessage(chat.id, { content: text('second') });
    expect(h.fake.control.chats.chat(chat.id)?.status).toBe('waiting');
    const turn = await h.client.waitForChatTurn(chat, { after: sent, timeout: 10_000 });
    expect(saidIn(turn.messages)).toEqual(['second', 'Reading the request.', 'On it: second', 'Done.']);
  });

  it.each(['v2.35.0', 'v2.38.0'])(
    'does not take the stale status of a new chat (%s) for the end',
    async (version) => {
      const h = await startHarness({ version });
      h.fake.control.chats.setPickupDelay(300);
      const chat = await h.client.createChat({ content: text('hello') });
      expect(chat.status).toBe(version === 'v2.35.0' ? 'pending' : 'waiting');
      const turn = await h.client.waitForChatTurn(chat, { timeout: 10_000 });
      expect(saidIn(turn.messages)).toEqual(['hello', 'Reading the request.', 'On it: hello', 'Done.']);
    },
  );

  it('follows a queued message through its promotion, when the status stays running without an event', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    const sent = await h.client.sendChatMessage(chat.id, { content: text('queued one') });
    expect(sent.queued).toBe(true);
    const waiting = h.client.waitForChatTurn(chat, { after: sent, pollInterval: NO_POLLING });
    await streamsOpened(h, 1);
    h.fake.control.chats.finishTurn(chat.id);
    const turn = await waiting;
    expect(saidIn(turn.messages)).toEqual(['queued one', 'Answered.']);
    expect(h.fake.control.chats.chat(chat.id)?.status).toBe('waiting');
  });

  it('ends at once on a snapshot that already shows the end', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await h.client.createChat({ content: text('quick') });
    await h.fake.control.chats.waitForChat(chat.id, 'waiting');
    const first = h.fake.requests.length;
    const turn = await h.client.waitForChatTurn(chat, { pollInterval: NO_POLLING });
    expect(saidIn(turn.messages)).toEqual(['quick', 'Reading the request.', 'On it: quick', 'Done.']);
    expect(h.fake.requests.length - first).toBe(2);
  });

  it('reconnects with after_id when the stream drops after its snapshot, and still sees the end', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    await h.fake.control.chats.waitForChat(chat.id, (c) => c.messages.length === 2);
    h.fake.control.chats.dropStreamsAfterSnapshot({ chatId: chat.id, times: 1 });
    const waiting = h.client.waitForChatTurn(chat, { pollInterval: NO_POLLING });
    await streamsOpened(h, 2);
    h.fake.control.chats.finishTurn(chat.id);
    const turn = await waiting;
    expect(saidIn(turn.messages)).toEqual(['work', 'Working…']);
    const streams = h.requestsTo(STREAM);
    const maxId = Math.max(...turn.messages.map((m) => m.id));
    expect(streams[1]?.query).toEqual({ after_id: String(maxId) });
  });

  it('still ends when live events reach the stream late (a multi-replica coderd)', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    h.fake.control.chats.setStreamDelay(300);
    const waiting = h.client.waitForChatTurn(chat, { pollInterval: NO_POLLING });
    await streamsOpened(h, 1);
    h.fake.control.chats.finishTurn(chat.id);
    await expect(waiting).resolves.toMatchObject({ status: 'waiting' });
  });

  it('polls while the stream is slow to open, and ends by polling', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    h.fake.control.faults.inject({ kind: 'latency', ms: 5_000, route: STREAM });
    const waiting = h.client.waitForChatTurn(chat, { pollInterval: 50, timeout: 10_000 });
    await vi.waitFor(() => expect(h.requestsTo(`/api/v2/chats/${chat.id}`, 'GET').length).toBeGreaterThan(0));
    h.fake.control.chats.finishTurn(chat.id);
    const turn = await waiting;
    expect(saidIn(turn.messages)).toEqual(['work', 'Working…']);
  });

  it('falls back to polling when the stream is refused', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    h.fake.control.chats.refuseStreams({ chatId: chat.id });
    const waiting = h.client.waitForChatTurn(chat, { pollInterval: 50, timeout: 10_000 });
    await vi.waitFor(() => expect(h.requestsTo(STREAM).length).toBeGreaterThan(0));
    h.fake.control.chats.finishTurn(chat.id);
    const turn = await waiting;
    expect(saidIn(turn.messages)).toEqual(['work', 'Working…']);
    expect(h.requestsTo(STREAM).every((r) => r.status === 500)).toBe(true);
  });

  it('stops trying the stream for this wait when something in front of coderd does not pass WebSockets', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    const body = 'WebSocket protocol violation: Connection header "" does not contain Upgrade';
    h.fake.control.faults.inject({ kind: 'status', status: 426, body, route: STREAM });
    const waiting = h.client.waitForChatTurn(chat, { pollInterval: 50, timeout: 10_000 });
    await vi.waitFor(() => expect(h.requestsTo(STREAM)).toHaveLength(2));
    await vi.waitFor(() =>
      expect(h.requestsTo(`/api/v2/chats/${chat.id}`, 'GET').length).toBeGreaterThan(12),
    );
    h.fake.control.chats.finishTurn(chat.id);
    await expect(waiting).resolves.toMatchObject({ status: 'waiting' });
    // The upgrade and the GET that asked why; no reconnects after that.
    expect(h.requestsTo(STREAM)).toHaveLength(2);
  });

  it('does not storm a stream that drops after every snapshot: reconnects back off and reads stay paced', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    h.fake.control.chats.dropStreamsAfterSnapshot({ chatId: chat.id });
    const waiting = h.client.waitForChatTurn(chat, { pollInterval: 500, timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    h.fake.control.chats.finishTurn(chat.id);
    await expect(waiting).resolves.toMatchObject({ status: 'waiting' });
    // Reconnects after 250, 500 and 1000 ms; a reconnect every 250 ms would make eight.
    expect(h.requestsTo(STREAM).length).toBeLessThanOrEqual(5);
    // No faster than the poll interval after a burst of three (and the final read), not one per drop.
    expect(h.requestsTo(`/api/v2/chats/${chat.id}`, 'GET').length).toBeLessThanOrEqual(2_000 / 500 + 3 + 1);
  });

  it('polls only, with stream: false', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await h.client.createChat({ content: text('poll') });
    const turn = await h.client.waitForChatTurn(chat, { stream: false, pollInterval: 50, timeout: 10_000 });
    expect(saidIn(turn.messages)).toEqual(['poll', 'Reading the request.', 'On it: poll', 'Done.']);
    expect(h.requestsTo(STREAM)).toHaveLength(0);
  });

  it('throws ChatTurnFailedError with the ChatError when the turn fails', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.chats.scriptChat('*', {
      otherwise: {
        steps: [],
        end: {
          error: {
            message: 'Upstream overloaded.',
            kind: 'overloaded',
            retryable: true,
            provider: 'anthropic',
          },
        },
      },
    });
    const chat = await h.client.createChat({ content: text('fail') });
    const error = await h.client.waitForChatTurn(chat, { timeout: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatTurnFailedError);
    expect(error).toMatchObject({
      chat: { id: chat.id, status: 'error' },
      chatError: {
        message: 'Upstream overloaded.',
        kind: 'overloaded',
        retryable: true,
        provider: 'anthropic',
      },
    });
    expect((error as Error).message).toContain('Upstream overloaded.');
  });

  it('throws ChatActionRequiredError when the chat waits for a client tool', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.chats.scriptChat('*', {
      otherwise: { steps: [], end: { requiresAction: [{ toolName: 'open_pr' }] } },
    });
    const chat = await h.client.createChat({ content: text('tool') });
    const error = await h.client.waitForChatTurn(chat, { timeout: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatActionRequiredError);
    expect(error).toMatchObject({ chat: { status: 'requires_action' } });
  });

  it('times out with a ChatTurnTimeoutError (a CoderTimeoutError) naming the last status', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    const error = await h.client.waitForChatTurn(chat, { timeout: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatTurnTimeoutError);
    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ chatId: chat.id, lastStatus: 'running', timeoutMs: 300 });
  });

  it('ends with a CoderAbortError when the caller aborts', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await busyChat(h);
    const controller = new AbortController();
    const waiting = h.client.waitForChatTurn(chat, { signal: controller.signal });
    await streamsOpened(h, 1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CoderAbortError);
  });

  it('reports every stream event to onEvent', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const types: string[] = [];
    const chat = await h.client.createChat({ content: text('events') });
    await h.client.waitForChatTurn(chat, { onEvent: (e) => types.push(String(e.type)), timeout: 10_000 });
    expect(types).toContain('message');
    expect(types).toContain('status');
  });
});
