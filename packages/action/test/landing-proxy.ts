import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A proxy in front of a server, as a gateway that answers 503 after the upstream did the work. */
export interface LandingProxy {
  /** `http://127.0.0.1:<port>`, to use as `coder-url`. */
  url: string;
  /** How many requests were answered 503 after they landed. */
  readonly landed: number;
  close(): Promise<void>;
}

/**
 * Forwards every request to `target` over loopback. The first `times` requests that `lands` picks are
 * forwarded too, but their answer is dropped and the client gets 503, as an Envoy-style proxy sends after
 * an upstream reset: the work is done, the client cannot know. WebSocket upgrades are refused (the
 * client falls back to polling), so only plain HTTP goes through.
 */
export async function startLandingProxy(
  target: string,
  lands: (method: string, path: string) => boolean,
  times = 1,
): Promise<LandingProxy> {
  let landed = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', target);
      const drop = landed < times && lands(req.method ?? 'GET', url.pathname);
      const upstream = request(url, { method: req.method, headers: req.headers }, (answer) => {
        if (drop) {
          landed++;
          answer.resume();
          answer.on('end', () => {
            res.writeHead(503, { 'Content-Type': 'text/plain' });
            res.end('upstream connect error or disconnect/reset before headers');
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get landed() {
      return landed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
