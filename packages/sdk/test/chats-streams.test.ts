import type { ChatStreamEvent } from '@coder-tasks/types';
import { describe, expect, it, vi } from 'vitest';
import { CoderConnectionError, CoderTimeoutError } from '../src/index';
import { text } from './chat-test-helpers';
import { startHarness } from './harness';

async function collect(events: AsyncIterable<ChatStreamEvent>, until: (e: ChatStreamEvent) => boolean) {
  const seen: ChatStreamEvent[] = [];
  for await (const event of events) {
    seen.push(event);
    if (until(event)) break;
  }
  return seen;
}

describe('streamChat', () => {
  it('replays only the history after afterId in its snapshot, then the status', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await h.client.createChat({ content: text('hello') });
    await h.fake.control.chats.waitForChat(chat.id, 'waiting');
    const all = h.fake.control.chats.chat(chat.id)?.messages ?? [];
    const afterId = all[1]?.id ?? 0;
    const seen = await collect(h.client.streamChat(chat.id, { afterId }), (e) => e.type === 'status');
    expect(seen.filter((e) => e.type === 'message').map((e) => e.message?.id)).toEqual(
      all.slice(2).map((m) => m.id),
    );
    expect(seen.at(-1)?.status?.status).toBe('waiting');
    expect(h.requestsTo(`/api/v2/chats/${chat.id}/stream`)[0]?.query).toEqual({ after_id: String(afterId) });
  });

  it('counts a stream silent for idleTimeout (no frame, no ping) as dead', async () => {
    // On the manual clock the fake never pings: after the snapshot the socket stays silent.
    const h = await startHarness({ version: 'v2.38.0', clock: 'manual' });
    h.fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await h.client.createChat({ content: text('quiet') });
    const error = await collect(h.client.streamChat(chat.id, { idleTimeout: 200 }), () => false).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, method: 'GET' });
  });

  it('reports a dropped connection as a CoderConnectionError with the close code', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await h.client.createChat({ content: text('drop') });
    h.fake.control.chats.dropStreamsAfterSnapshot({ chatId: chat.id, times: 1 });
    const error = await collect(h.client.streamChat(chat.id), () => false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderConnectionError);
    expect(error).toMatchObject({ code: 'WS_CLOSE_1006' });
  });

  it('is ended by client.close()', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const chat = await h.client.createChat({ content: text('close') });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of h.client.streamChat(chat.id)) {
        seen.push(String(event.type));
        if (event.type === 'status') void h.client.close();
      }
    })();
    await expect(reading).resolves.toBeUndefined();
    expect(seen).toContain('status');
  });
});

describe('a server that writes frames in the older {type, data} envelope (before coderd #24148)', () => {
  it('streams, watches and waits the same', async () => {
    const h = await startHarness({ version: 'v2.33.0' });
    h.fake.control.chats.setFrameFormat('envelope');
    const controller = new AbortController();
    const kinds: string[] = [];
    const watching = (async () => {
      for await (const event of h.client.watchChats({ signal: controller.signal })) {
        kinds.push(String(event.kind));
        if (event.kind === 'status_change' && event.chat.status === 'waiting') controller.abort();
      }
    })().catch((e: unknown) => e);
    await vi.waitFor(() =>
      expect(h.requestsTo('/api/experimental/chats/watch').some((r) => r.status === 101)).toBe(true),
    );
    const chat = await h.client.createChat({ content: text('old frames') });
    const turn = await h.client.waitForChatTurn(chat, { timeout: 10_000 });
    expect(turn.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant']);
    expect(((await watching) as Error).name).toBe('CoderAbortError');
    expect(kinds).toContain('status_change');
    const seen = await collect(h.client.streamChat(chat.id), (e) => e.type === 'status');
    expect(seen.at(-1)?.status?.status).toBe('waiting');
  });
});
