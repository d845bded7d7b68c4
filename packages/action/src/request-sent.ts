import { subscribe, unsubscribe } from 'node:diagnostics_channel';

// When a request has left: undici (Node's fetch, and the undici that carries requests through a proxy)
// reports each request's headers as they are written to the socket on the `undici:client:sendHeaders`
// diagnostics channel, on Node 20 and 24 alike.

const CHANNEL = 'undici:client:sendHeaders';

/**
 * Resolves when undici has written the headers of a request whose path contains `pathPart`, or when
 * `settled` settles (the request failed before it was written, or went by other means), whichever
 * comes first. It stops listening then.
 */
export function requestSent(pathPart: string, settled: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const onMessage = (message: unknown) => {
      const path = (message as { request?: { path?: unknown } } | undefined)?.request?.path;
      if (typeof path === 'string' && path.includes(pathPart)) done();
    };
    const done = () => {
      unsubscribe(CHANNEL, onMessage);
      resolve();
    };
    subscribe(CHANNEL, onMessage);
    settled.then(done, done);
  });
}
