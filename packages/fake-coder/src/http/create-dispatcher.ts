import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AgentScript } from '../world/agent-script';
import type { World } from '../world/world';
import { authenticateAgent } from './agent-auth';
import { authenticate, wwwAuthenticate } from './auth';
import type { FaultRegistry, FaultSpec } from './faults';
import type { RateLimiter } from './rate-limit';
import type { RecordedRequest } from './recorder';
import { recordedBody, recordRequest } from './recorder';
import { coderHeaders, errorReply, goJson, type Reply } from './reply';
import { MAX_BODY_BYTES } from './request-body';
import type { RequestContext } from './request-context';
import type { Route, Router } from './router';
import { preHandlerReply, sleep, type Wire, writeFaulty, writeWire, writeWireToSocket } from './wire-writer';

// The HTTP front: read the body, record the request, apply faults, authenticate, route, and write the
// reply with coderd's headers. Handlers never touch the socket (except streams and WebSocket upgrades), so
// faults can bend any reply.

async function readBody(req: IncomingMessage): Promise<{ raw: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep reading past the limit so the client can finish sending, but stop keeping it.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return { raw: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES };
}

/** What the front decided before any handler ran. */
type Front =
  | { kind: 'reset' }
  | { kind: 'reply'; reply: Reply; fault: FaultSpec | undefined }
  | { kind: 'route'; route: Route; ctx: RequestContext; fault: FaultSpec | undefined };

/** The two entry points of a fake server: plain requests and WebSocket upgrades. */
export interface Dispatcher {
  request(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Destroys every socket an upgrade handler took and still holds open: `server.closeAllConnections()`
   * no longer tracks them, and one left open would keep `server.close()` waiting.
   */
  destroyUpgraded(): void;
}

/** The request and upgrade handlers of a fake server. */
export function createDispatcher(
  world: World,
  router: Router,
  faults: FaultRegistry,
  requests: RecordedRequest[],
  options: {
    record: boolean;
    defaultAgentScript: () => AgentScript | undefined;
    rateLimiter: RateLimiter;
  },
): Dispatcher {
  const upgraded = new Set<Duplex>();
  return {
    destroyUpgraded() {
      for (const socket of upgraded) socket.destroy();
      upgraded.clear();
    },
    request(req, res) {
      dispatch(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          const body = goJson({ message: 'Internal error in the fake Coder server.', detail: String(error) });
          res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end(body);
        } else {
          res.destroy();
        }
      });
    },
    upgrade(req, socket, head) {
      dispatchUpgrade(req, socket, head).catch((error: unknown) => {
        // A 500 only while nothing has been written; after that, bytes would land inside another answer.
        if (socket.writable && (socket as Socket).bytesWritten === 0) {
          const body = goJson({ message: 'Internal error in the fake Coder server.', detail: String(error) });
          writeWireToSocket(socket, {
            status: 500,
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
            body: Buffer.from(body),
          });
        } else {
          socket.destroy();
        }
      });
    },
  };

  /** Records the request, applies pre-handler faults, matches, authenticates and rate-limits. */
  async function front(
    req: IncomingMessage,
    record: RecordedRequest,
    url: URL,
    body: { raw: Buffer; tooLarge: boolean },
  ): Promise<Front> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const match = router.match(method, path, world.servedApis());
    if (match.kind === 'found') record.route = match.route.pattern;
    const { latency, fault } = faults.take(
      method,
      path,
      match.kind === 'found' ? match.route.pattern : undefined,
    );
    if (latency > 0) await sleep(latency);
    if (fault?.kind === 'resetBeforeResponse' && !fault.afterHandler) return { kind: 'reset' };
    // A status fault with afterHandler lets the handler do its work; send() then answers with the fault.
    const early = fault && !answersAfterHandler(fault) ? preHandlerReply(fault) : undefined;
    if (early) return { kind: 'reply', reply: early, fault: undefined };
    if (match.kind === 'none') return { kind: 'reply', reply: errorReply(404, 'Route not found.'), fault };
    if (match.kind === 'method') {
      const reply = {
        status: 405,
        headers: { Allow: match.allowed.join(', ') },
        body: { message: 'Method not allowed.' },
      };
      return { kind: 'reply', reply, fault };
    }
    const { route, params } = match;
    let user: RequestContext['user'] | undefined;
    let authReply: Reply | undefined;
    let agentWorkspace: RequestContext['agentWorkspace'];
    if (route.auth) {
      const auth = authenticate(world, req.headers, url.searchParams);
      if ('reply' in auth) authReply = auth.reply;
      else user = auth.user;
    } else if (route.agentAuth) {
      const auth = authenticateAgent(world, req.headers, url.searchParams);
      if ('reply' in auth) authReply = auth.reply;
      else ({ user, workspace: agentWorkspace } = auth);
    }
    if (user) record.user = user.username;
    const bypass = user?.role === 'owner' && req.headers['x-coder-bypass-ratelimit'] === 'true';
    const limited = bypass
      ? undefined
      : options.rateLimiter.check(`${user ? user.id : (req.socket.remoteAddress ?? '')} ${path}`);
    if (limited) return { kind: 'reply', reply: limited, fault };
    if (authReply) return { kind: 'reply', reply: authReply, fault };
    const ctx: RequestContext = {
      world,
      method,
      path,
      params,
      query: url.searchParams,
      rawBody: body.raw,
      bodyTooLarge: body.tooLarge,
      user: user as RequestContext['user'],
      agentWorkspace,
      defaultAgentScript: options.defaultAgentScript(),
    };
    return { kind: 'route', route, ctx, fault };
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record = recordRequest(req.method ?? 'GET', url, req.headers);
    if (options.record) requests.push(record);
    const body = await readBody(req);
    record.body = recordedBody(body.raw);
    const decided = await front(req, record, url, body);
    if (decided.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const reply = decided.kind === 'reply' ? decided.reply : await decided.route.handler(decided.ctx);
    await send(req, res, record, reply, decided.fault);
  }

  /**
   * A WebSocket upgrade goes through the same front (recording, faults, routing, authentication); a route
   * with an `upgrade` handler then takes the socket or refuses with a reply. Any other route answers as
   * it would without the `Upgrade` header (Go's net/http ignores it unless a handler accepts it), on a
   * response bound to the socket, which closes once that answer is sent.
   */
  async function dispatchUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record = recordRequest(req.method ?? 'GET', url, req.headers);
    if (options.record) requests.push(record);
    const decided = await front(req, record, url, { raw: Buffer.alloc(0), tooLarge: false });
    if (decided.kind === 'reset') {
      socket.destroy();
      return;
    }
    let reply: Reply | undefined;
    if (decided.kind === 'reply') {
      reply = decided.reply;
    } else if (decided.route.upgrade) {
      // The connection cannot be lost after the switch and before an answer: a reset comes first.
      if (decided.fault?.kind === 'resetBeforeResponse') {
        socket.destroy();
        return;
      }
      reply = decided.route.upgrade(decided.ctx, req, socket, head);
      if (reply === undefined) {
        record.status = 101;
        if (!socket.destroyed) {
          upgraded.add(socket);
          socket.once('close', () => upgraded.delete(socket));
        }
        return;
      }
    } else {
      reply = await decided.route.handler(decided.ctx);
    }
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    res.once('finish', () => socket.end());
    await send(req, res, record, reply, decided.fault);
  }

  /** Writes a reply (a stream, or bytes bent by a post-handler fault) and records its status. */
  async function send(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    reply: Reply,
    fault: FaultSpec | undefined,
  ): Promise<void> {
    if (reply.stream) {
      if (fault?.kind === 'resetBeforeResponse') {
        req.socket.destroy();
        return;
      }
      record.status = reply.status;
      // A stream has no whole body to halve, truncate or trickle; only a reset mid-stream applies.
      reply.stream(req, res, { resetAfterFirstData: fault?.kind === 'resetMidResponse' });
      return;
    }
    const wire = toWire((fault && answersAfterHandler(fault) && preHandlerReply(fault)) || reply);
    if (fault?.kind === 'resetBeforeResponse') {
      req.socket.destroy();
      return;
    }
    record.status = wire.status;
    if (fault) {
      await writeFaulty(req, res, wire, fault);
      return;
    }
    writeWire(res, wire);
  }

  function toWire(reply: Reply): Wire {
    const headers: Record<string, string> = { ...coderHeaders(world.version), ...reply.headers };
    let body: Buffer | undefined;
    if (reply.raw) {
      headers['Content-Type'] = reply.raw.contentType;
      body = Buffer.from(reply.raw.data);
    } else if (reply.body !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      body = Buffer.from(goJson(reply.body));
    }
    if ((reply.status === 401 || reply.status === 403) && !headers['WWW-Authenticate']) {
      const response = (reply.body ?? {}) as { message?: string; detail?: string };
      headers['WWW-Authenticate'] = wwwAuthenticate(reply.status, response, world.baseUrl);
    }
    return { status: reply.status, headers, body };
  }
}

/** A `status` fault with `afterHandler`: the handler runs, then the fault's answer replaces its reply. */
function answersAfterHandler(fault: FaultSpec): boolean {
  return fault.kind === 'status' && fault.afterHandler === true;
}
