import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerResponse as NodeServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

// WebSocket upgrades go through the same dispatcher as every request (recording, faults, auth, rate
// limit, routing), on a ServerResponse bound to the upgrading socket: an error before the upgrade is a
// normal HTTP answer, as coderd sends one before websocket.Accept.

const heads = new WeakMap<IncomingMessage, Buffer>();

// No subprotocol is ever negotiated (coderd accepts with default options) and frames are not compressed.
const wss = new WebSocketServer({
  noServer: true,
  clientTracking: false,
  perMessageDeflate: false,
  handleProtocols: () => false,
});

/** The `upgrade` listener of the HTTP server: hands the request to `dispatch` with a response on its socket. */
export function upgradeListener(
  dispatch: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    heads.set(req, head);
    const res = new NodeServerResponse(req);
    res.assignSocket(socket as Parameters<ServerResponse['assignSocket']>[0]);
    // An answer instead of the upgrade ends the connection: the client asked for no other request on it.
    res.on('finish', () => socket.end());
    dispatch(req, res);
  };
}

/**
 * Completes the upgrade of a request that reached a WebSocket route. A plain HTTP request gets what
 * coder/websocket's Accept answers: 426 with a protocol-violation text.
 */
export function acceptWebSocket(
  req: IncomingMessage,
  res: ServerResponse,
  onOpen: (ws: WebSocket) => void,
): void {
  const head = heads.get(req);
  const socket = res.socket;
  if (!head || !socket) {
    const connection = req.headers.connection ?? '';
    const text = `WebSocket protocol violation: Connection header ${JSON.stringify(connection)} does not contain Upgrade\n`;
    res.writeHead(426, {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': String(Buffer.byteLength(text)),
    });
    res.end(text);
    return;
  }
  res.detachSocket(socket);
  wss.handleUpgrade(req, socket, head, onOpen);
}
