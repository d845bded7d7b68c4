import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * A loopback TCP proxy in front of a server that counts the connections clients open through it: the
 * fake records requests, not sockets, so this is how a test sees whether a client keeps them alive.
 */
export interface TcpProxy {
  url: string;
  /** How many connections clients opened so far. */
  readonly connections: number;
}

/** Starts a proxy to `target` (an http://127.0.0.1:port URL); it closes when the test ends. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const upstream = connect(Number(port), hostname);
    const destroy = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    open.add(client).add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', destroy).on('close', destroy);
    upstream.on('error', destroy).on('close', destroy);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of [...open]) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return connections;
    },
  };
}
