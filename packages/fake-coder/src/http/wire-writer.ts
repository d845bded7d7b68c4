import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FaultSpec } from './faults';
import type { Reply } from './reply';

// Bytes on the socket: a reply's status, headers and body as they leave, and the faults that bend them.

/** A reply turned into what is written: final headers and body bytes. */
export interface Wire {
  status: number;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

const LOGIN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form method="post" action="/login">' +
  '<input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';

/** Waits real time (faults are about the transport, not the fake clock). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The reply of a fault that answers before any handler runs (`status`, `rateLimit`, `invalidJson`,
 * `html`), or undefined for the kinds that bend a real reply.
 */
export function preHandlerReply(fault: FaultSpec): Reply | undefined {
  switch (fault.kind) {
    case 'status': {
      const body = fault.body === undefined ? { message: 'Injected fault.' } : fault.body;
      return {
        status: fault.status ?? 500,
        headers: fault.headers,
        ...(typeof body === 'string'
          ? { raw: { contentType: 'text/plain; charset=utf-8', data: body } }
          : { body }),
      };
    }
    case 'rateLimit': {
      const retryAfter = fault.retryAfter ?? 1;
      return {
        status: 429,
        headers: {
          'Retry-After': String(retryAfter),
          'X-Ratelimit-Limit': '512',
          'X-Ratelimit-Remaining': '0',
          'X-Ratelimit-Reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
          ...fault.headers,
        },
        body: { message: "You've been rate limited for sending more than 512 requests in 1m0s." },
      };
    }
    case 'invalidJson':
      return {
        status: fault.status ?? 200,
        raw: { contentType: 'application/json; charset=utf-8', data: '{"message": "half an object",\n' },
      };
    case 'html':
      return {
        status: fault.status ?? 200,
        raw: { contentType: 'text/html; charset=utf-8', data: LOGIN_PAGE },
      };
    default:
      return undefined;
  }
}

/** Writes a whole reply. */
export function writeWire(res: ServerResponse, wire: Wire): void {
  const headers = { ...wire.headers, 'Content-Length': String(wire.body?.length ?? 0) };
  res.writeHead(wire.status, headers);
  res.end(wire.body);
}

/**
 * Answers a WebSocket upgrade request with a plain HTTP reply instead of switching protocols, and closes
 * the socket (no keep-alive after a refused upgrade, as Go's net/http does after hijack-less errors).
 */
export function writeWireToSocket(socket: Duplex, wire: Wire): void {
  const headers = {
    ...wire.headers,
    'Content-Length': String(wire.body?.length ?? 0),
    Connection: 'close',
  };
  const head = [`HTTP/1.1 ${wire.status} ${STATUS_CODES[wire.status] ?? ''}`]
    .concat(Object.entries(headers).map(([k, v]) => `${k}: ${v}`))
    .join('\r\n');
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), wire.body ?? Buffer.alloc(0)]));
}

/** Writes a real reply, bent by a post-handler fault. */
export async function writeFaulty(
  req: IncomingMessage,
  res: ServerResponse,
  wire: Wire,
  fault: FaultSpec,
): Promise<void> {
  const body = wire.body ?? Buffer.alloc(0);
  switch (fault.kind) {
    case 'truncatedJson': {
      writeWire(res, { ...wire, body: body.subarray(0, Math.max(1, Math.floor(body.length / 2))) });
      return;
    }
    case 'resetMidResponse': {
      res.writeHead(wire.status, { ...wire.headers, 'Content-Length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      // Give the first half a chance to leave before the reset, so the client sees a partial body.
      await sleep(20);
      req.socket.destroy();
      return;
    }
    case 'trickle': {
      const chunk = Math.max(1, fault.chunkBytes ?? 16);
      const interval = fault.intervalMs ?? 50;
      res.writeHead(wire.status, { ...wire.headers, 'Content-Length': String(body.length) });
      for (let i = 0; i < body.length; i += chunk) {
        if (res.destroyed) return;
        res.write(body.subarray(i, i + chunk));
        if (i + chunk < body.length) await sleep(interval);
      }
      res.end();
      return;
    }
    default:
      writeWire(res, wire);
  }
}
