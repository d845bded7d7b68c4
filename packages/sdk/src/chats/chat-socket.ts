import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { type Dispatcher, WebSocket } from 'undici';
import { CoderAbortError, CoderConnectionError, CoderTimeoutError } from '../errors';
import type { RequestContext } from '../response-body';

/** How to open one WebSocket. */
export interface ChatSocketOptions {
  /** The http(s) URL of the route; the scheme is swapped here. It never carries the token. */
  url: string;
  /** The token and User-Agent headers; no Origin, which coderd refuses when it is not its own. */
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  /** Time allowed for the handshake, in ms. */
  timeoutMs: number;
  /** Longest silence (no frame, no ping) before the connection counts as dead, in ms. */
  idleTimeoutMs: number;
  signal: AbortSignal;
  ctx: RequestContext;
}

/** The handshake failed without saying why (undici's WebSocket does not expose a refused answer). */
export class HandshakeRefused extends Error {
  override name = 'HandshakeRefused';
}

/** Close codes coderd uses for a normal end (Go's SDK treats both as one): the stream is over. */
const NORMAL_CLOSE = new Set([1000, 1001]);

/** An open WebSocket read as text frames. */
export interface ChatSocket {
  /** Text frames until the server ends the stream normally; throws on a drop, a silence or an abort. */
  frames(): AsyncGenerator<string, void, undefined>;
  /** Closes with 1000 (what coderd expects from a client). Safe to call twice. */
  close(): void;
}

/**
 * Opens a WebSocket with undici's own client and resolves once it is open. Rejects with
 * {@link HandshakeRefused} when the server refused the upgrade, `CoderTimeoutError` when the handshake
 * took longer than `timeoutMs`, `CoderAbortError` when `signal` fired.
 */
export function openChatSocket(options: ChatSocketOptions): Promise<ChatSocket> {
  const { ctx, signal } = options;
  if (signal.aborted) return Promise.reject(new CoderAbortError({ ...ctx, reason: signal.reason }));
  const wsUrl = options.url.replace(/^http/, 'ws');
  const ws = new WebSocket(wsUrl, { headers: options.headers, dispatcher: options.dispatcher });
  const inbox: string[] = [];
  let ended: { error?: Error } | undefined;
  let wake: (() => void) | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const finish = (error?: Error) => {
    if (ended) return;
    ended = error ? { error } : {};
    clearTimeout(idleTimer);
    unsubscribe('undici:websocket:ping', onPing);
    signal.removeEventListener('abort', onAbort);
    wake?.();
  };
  const close = () => {
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
  };
  const alive = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      finish(new CoderTimeoutError({ ...ctx, timeoutMs: options.idleTimeoutMs }));
      close();
    }, options.idleTimeoutMs);
  };
  // coderd sends a WebSocket ping every 15 s and undici answers it by itself; the ping is the only sign
  // of life on a quiet chat, and undici reports it only on this diagnostics channel.
  const onPing = (message: unknown) => {
    if ((message as { websocket?: unknown }).websocket === ws) alive();
  };
  const onAbort = () => {
    finish(new CoderAbortError({ ...ctx, reason: signal.reason }));
    close();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  subscribe('undici:websocket:ping', onPing);
  ws.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return; // coderd sends text frames only
    inbox.push(event.data);
    alive();
    wake?.();
  });

  const opened = new Promise<void>((resolve, reject) => {
    const handshake = setTimeout(() => {
      const error = new CoderTimeoutError({ ...ctx, timeoutMs: options.timeoutMs });
      finish(error);
      close();
      reject(error);
    }, options.timeoutMs);
    let open = false;
    ws.addEventListener('open', () => {
      open = true;
      clearTimeout(handshake);
      alive();
      resolve();
    });
    ws.addEventListener('close', (event) => {
      clearTimeout(handshake);
      if (!open) {
        const error =
          ended?.error ?? new HandshakeRefused(`${ctx.method} ${ctx.url}: the WebSocket upgrade failed`);
        finish(error);
        reject(error);
        return;
      }
      finish(
        NORMAL_CLOSE.has(event.code)
          ? undefined
          : new CoderConnectionError({
              ...ctx,
              code: `WS_CLOSE_${event.code}`,
              cause: new Error(event.reason || `the WebSocket closed with code ${event.code}`),
            }),
      );
    });
  });

  async function* frames(): AsyncGenerator<string, void, undefined> {
    try {
      for (;;) {
        const next = inbox.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (ended) {
          if (ended.error) throw ended.error;
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      close();
    }
  }

  return opened.then(() => ({ frames, close }));
}
