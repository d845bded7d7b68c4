import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DeadlineExceeded, dispatchOnce } from '../src/dispatch-once';

// The one-attempt exchange under the client, against a plain loopback server.

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent();
  onTestFinished(async () => {
    await agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { agent, options: { origin, path: '/x?q=1', method: 'GET' as const } };
}

describe('dispatchOnce', () => {
  it('reads the whole body as text, headers lower-cased with repeated ones as arrays', async () => {
    const { agent, options } = await serve((req, res) => {
      res.setHeader('X-Seen', req.url ?? '');
      res.setHeader('X-Twice', ['a', 'b']);
      res.write('{"half":');
      setTimeout(() => res.end('"whole"}'), 20);
    });
    const res = await dispatchOnce(agent, options, 5_000, undefined);
    expect(res).toMatchObject({ status: 200, body: '{"half":"whole"}' });
    expect(res.headers).toMatchObject({ 'x-seen': '/x?q=1', 'x-twice': ['a', 'b'] });
  });

  it('drops a UTF-8 byte order mark, as body.text() does', async () => {
    const { agent, options } = await serve((_req, res) => res.end('\uFEFF{"a":"é"}'));
    expect((await dispatchOnce(agent, options, 5_000, undefined)).body).toBe('{"a":"é"}');
  });

  it('ends a body that does not finish within the deadline with DeadlineExceeded', async () => {
    const { agent, options } = await serve((_req, res) => res.write('{"never":'));
    await expect(dispatchOnce(agent, options, 100, undefined)).rejects.toBeInstanceOf(DeadlineExceeded);
  });

  it("ends with the caller's abort reason while the answer is coming", async () => {
    const { agent, options } = await serve((_req, res) => res.write('{'));
    const controller = new AbortController();
    const reason = new Error('stop');
    const pending = dispatchOnce(agent, options, 5_000, controller.signal);
    setTimeout(() => controller.abort(reason), 30);
    await expect(pending).rejects.toBe(reason);
  });
});
