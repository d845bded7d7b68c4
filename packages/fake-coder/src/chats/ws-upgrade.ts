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

/** Completes a WebSocket handshake on a socket the dispatcher handed over. */
export function acceptUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  onOpen: (ws: WebSocket) => void,
): void {
  wss.handleUpgrade(req, socket, head, onOpen);
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
