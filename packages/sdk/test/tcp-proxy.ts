import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * A loopback TCP proxy in front of a server, so a test can cut live connections (a watch stream) the
 * way a load balancer or a network blip would. Each connection remembers the first request line it
 * carried.
 */
export interface TcpProxy {
  url: string;
  /** How many connections clients opened so far. */
  readonly connections: number;
  /** Destroys every open connection whose first request line matches. Returns how many. */
  cut(firstLine: RegExp): number;
}

interface Pipe {
  client: Socket;
  upstream: Socket;
  firstLine: string;
}

/** Starts a proxy to `target` (an http://127.0.0.1:port URL); it closes when the test ends. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Pipe>();
  let connections = 0;
  const destroy = (pipe: Pipe) => {
    open.delete(pipe);
    pipe.client.destroy();
    pipe.upstream.destroy();
  };
  const server = createServer((client) => {
    connections++;
    const pipe: Pipe = { client, upstream: connect(Number(port), hostname), firstLine: '' };
    open.add(pipe);
    client.once('data', (chunk: Buffer) => {
      pipe.firstLine = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
    });
    client.pipe(pipe.upstream);
    pipe.upstream.pipe(client);
    client.on('error', () => destroy(pipe)).on('close', () => destroy(pipe));
    pipe.upstream.on('error', () => destroy(pipe)).on('close', () => destroy(pipe));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const pipe of [...open]) destroy(pipe);
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return connections;
    },
    cut(firstLine) {
      const hit = [...open].filter((pipe) => firstLine.test(pipe.firstLine));
      for (const pipe of hit) destroy(pipe);
      return hit.length;
    },
  };
}
