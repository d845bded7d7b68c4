import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  ChatSendUncertainError,
  ChatsUnavailableError,
  ChatTurnTimeoutError,
  CoderApiError,
  CoderConnectionError,
} from '../src/index';
import { text } from './chat-test-helpers';
import { startHarness } from './harness';

function renderings(error: unknown): string[] {
  const out = [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error) ?? '', String(error)];
  for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(e.message, e.stack ?? '');
  return out;
}

/** A loopback proxy that keeps the head of every request (request line and headers) it passes on. */
async function headCapturingProxy(target: string): Promise<{ url: string; heads: string[] }> {
  const { hostname, port } = new URL(target);
  const heads: string[] = [];
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    open.add(client).add(upstream);
    let buffered = '';
    client.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end = buffered.indexOf('\r\n\r\n');
      while (end >= 0 && /^[A-Z]+ \S+ HTTP\/1\.1\r\n/.test(buffered)) {
        heads.push(buffered.slice(0, end));
        buffered = '';
        end = -1;
      }
      if (buffered.length > 65_536) buffered = '';
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroy).on('close', destroy);
    upstream.on('error', destroy).on('close', destroy);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, heads };
}

describe('Chats never show the token', () => {
  it('sends it in the Coder-Session-Token header of every request and upgrade, never in a URL', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const proxy = await headCapturingProxy(h.fake.url);
    const client = h.clientWith({ url: proxy.url });
    const chat = await client.createChat({ content: text('hello') });
    await client.waitForChatTurn(chat, { timeout: 10_000 });
    const upgrades = proxy.heads.filter((head) => /^GET \S+\/stream/.test(head));
    expect(upgrades.length).toBeGreaterThan(0);
    for (const head of proxy.heads) {
      const [requestLine, ...headers] = head.split('\r\n');
      expect(requestLine).not.toContain(h.fake.token);
      expect(headers.filter((line) => line.includes(h.fake.token))).toEqual([
        `coder-session-token: ${h.fake.token}`,
      ]);
      expect(head.toLowerCase()).not.toContain('\r\norigin:');
    }
  });

  it('in any rendering of the Chats errors, the stream’s and the wait’s included', async () => {
    const h = await startHarness({ version: 'v2.38.0' }, { retry: false });
    const token = h.fake.token;
    const chats = h.fake.control.chats;
    const errors: unknown[] = [];
    const capture = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => void errors.push(e),
      );
    const chat = await h.client.createChat({ content: text('x') });
    await chats.waitForChat(chat.id, 'waiting');
    const send = `/api/v2/chats/${chat.id}/messages`;
    h.fake.control.faults.inject({
      kind: 'status',
      status: 400,
      route: send,
      body: { message: token, detail: token },
      times: 1,
    });
    await capture(h.client.sendChatMessage(chat.id, { content: text('x') }));
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', afterHandler: true, route: send, times: 1 });
    await capture(h.client.sendChatMessage(chat.id, { content: text('x') }));
    h.fake.control.faults.inject({
      kind: 'status',
      status: 426,
      route: `/api/v2/chats/${chat.id}/stream`,
      body: token,
      times: 2,
    });
    await capture(
      (async () => {
        for await (const _ of h.client.streamChat(chat.id)) break;
      })(),
    );
    chats.scriptChat('*', { otherwise: { steps: [], end: 'never' } });
    const busy = await h.client.createChat({ content: text('busy') });
    await capture(h.client.waitForChatTurn(busy, { timeout: 200 }));
    chats.setAiGateway(false);
    await capture(h.client.createChat({ content: text('x') }));
    expect(errors.map((e) => (e as Error).constructor)).toEqual([
      CoderApiError,
      ChatSendUncertainError,
      CoderConnectionError,
      ChatTurnTimeoutError,
      ChatsUnavailableError,
    ]);
    for (const error of errors)
      for (const rendering of renderings(error)) expect(rendering).not.toContain(token);
  });
});
