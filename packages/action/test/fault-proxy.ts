import { createServer, request, type Server } from 'node:http';

/** What the proxy does to the traffic it passes on. */
export interface ProxyFaults {
  /**
   * Requests of this method whose path matches are passed on (the server does the work) and then
   * answered with `status` instead of the server's answer, `times` times.
   */
  landThenAnswer?: { method: string; path: RegExp; status: number; times: number };
  /** Workspace watch streams end cleanly right after their first `data` event. */
  endWatchAfterEvent?: boolean;
  /**
   * For this many ms after the first task create passes, task reads answer `workspace_id: null`, as a
   * server does while the task has no workspace yet.
   */
  hideWorkspaceMs?: number;
}

/** A loopback HTTP proxy in front of fake-coder, for faults the fake cannot make on its own. */
export interface FaultProxy {
  url: string;
  faults: ProxyFaults;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (an `http://127.0.0.1:port` URL). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: ProxyFaults = {};
  let createdAt: number | undefined;
  const server: Server = createServer((req, res) => {
    const land = faults.landThenAnswer;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const hijack = land && land.times > 0 && req.method === land.method && land.path.test(path);
    if (hijack && land) land.times--;
    const watch = faults.endWatchAfterEvent === true && /\/watch$/.test(path);
    if (req.method === 'POST' && /^\/api\/v2\/tasks\/[^/]+$/.test(path)) createdAt ??= Date.now();
    const hide =
      req.method === 'GET' &&
      /^\/api\/v2\/tasks\/[^/]+\/[^/]+$/.test(path) &&
      createdAt !== undefined &&
      Date.now() - createdAt < (faults.hideWorkspaceMs ?? 0);
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (hijack && land) {
          answer.resume();
          answer.on('end', () => {
            res.writeHead(land.status, { 'content-type': 'text/html' });
            res.end(`<html><body>${land.status} Bad Gateway</body></html>`);
          });
          return;
        }
        if (hide && answer.statusCode === 200) {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat(chunks)
              .toString('utf8')
              .replace(/"workspace_id":"[^"]*"/g, '"workspace_id":null');
            res.writeHead(200, { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) });
            res.end(body);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        // An upstream answer cut short (a reset mid-body) is cut short for the client too, rather than
        // left open and silent, so the scenarios test a reset and not a hung connection.
        answer.on('close', () => {
          if (!answer.complete && !res.writableEnded) res.destroy();
        });
        if (!watch || answer.statusCode !== 200) {
          answer.pipe(res);
          return;
        }
        let seen = '';
        answer.on('data', (chunk: Buffer) => {
          // A chunk already read may still arrive after the destroy below: the stream has ended for it.
          if (res.writableEnded) return;
          res.write(chunk);
          seen += chunk.toString('utf8');
          // An event ends with a blank line; end the stream after the first one that carries data.
          if (/event: data\ndata: [^\n]*\n\n/.test(seen)) {
            answer.destroy();
            res.end();
          }
        });
        answer.on('end', () => res.end());
      },
    );
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
