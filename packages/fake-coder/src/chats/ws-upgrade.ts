import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Reply } from '../http/reply';

// No subprotocol is ever negotiated (coderd accepts with default options) and frames are not compressed.
const wss = new WebSocketServer({
  noServer: true,
  clientTracking: false,
  perMessageDeflate: false,
  handleProtocols: () => false,
});

const extraHeaders = new WeakMap<IncomingMessage, Record<string, string>>();
wss.on('headers', (headers, req) => {
  for (const [name, value] of Object.entries(extraHeaders.get(req) ?? {})) headers.push(`${name}: ${value}`);
});

/**
 * Completes a WebSocket handshake on a socket the dispatcher handed over; the 101 carries `headers`
 * (coderd's build-version headers are set before the connection is hijacked).
 */
export function acceptUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  headers: Record<string, string>,
  onOpen: (ws: WebSocket) => void,
): void {
  extraHeaders.set(req, headers);
  wss.handleUpgrade(req, socket, head, onOpen);
}

/**
 * coder/websocket's Accept refuses a cross-origin handshake (an `Origin` whose host is not the request's
 * `Host`) with 403 and a plain-text reason, unless the server lists allowed origins, which coderd's chat
 * routes do not.
 */
export function crossOriginRefusal(req: IncomingMessage): Reply | undefined {
  const origin = req.headers.origin;
  if (!origin) return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== '' && host.toLowerCase() === (req.headers.host ?? '').toLowerCase()) return undefined;
  const reason =
    host === ''
      ? `request Origin ${JSON.stringify(origin)} is not a valid URL with a host`
      : `request Origin ${JSON.stringify(host)} is not authorized for Host ${JSON.stringify(req.headers.host ?? '')}`;
  return { status: 403, raw: { contentType: 'text/plain; charset=utf-8', data: `${reason}\n` } };
}

/**
 * What coder/websocket's Accept answers a plain HTTP request on a WebSocket route, once the handler's
 * own checks passed: 426 with a protocol-violation text.
 */
export function notAnUpgrade(): Reply {
  return {
    status: 426,
    headers: { Connection: 'Upgrade', Upgrade: 'websocket' },
    raw: {
      contentType: 'text/plain; charset=utf-8',
      data: 'WebSocket protocol violation: Connection header "keep-alive" does not contain Upgrade\n',
    },
  };
}
