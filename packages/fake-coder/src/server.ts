import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateAgent } from './agent-auth';
import type { AgentScript } from './agent-script';
import { authenticate, wwwAuthenticate } from './auth';
import type { FaultRegistry, FaultSpec } from './faults';
import type { RecordedRequest } from './recorder';
import { recordedBody, recordRequest } from './recorder';
import { coderHeaders, errorReply, goJson, type Reply, type RequestContext } from './reply';
import { MAX_BODY_BYTES } from './request-body';
import type { Router } from './router';
import type { World } from './world';

// The HTTP front: read the body, record the request, apply faults, authenticate, route, and write the
// reply with coderd's headers. Handlers never touch the socket (except the watch stream), so faults can
// bend any reply.

const LOGIN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form method="post" action="/login">' +
  '<input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';

interface Wire {
  status: number;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

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

/** The request handler of a fake server. */
export function createDispatcher(
  world: World,
  router: Router,
  faults: FaultRegistry,
  requests: RecordedRequest[],
  options: { record: boolean; defaultAgentScript: () => AgentScript | undefined },
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        const body = goJson({ message: 'Internal error in the fake Coder server.', detail: String(error) });
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end(body);
      } else {
        res.destroy();
      }
    });
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake');
    const record = recordRequest(method, url, req.headers);
    if (options.record) requests.push(record);
    const { raw, tooLarge } = await readBody(req);
    record.body = recordedBody(raw);
    const path = url.pathname;
    const match = router.match(method, path, world.tasksEnabled);
    if (match.kind === 'found') record.route = match.route.pattern;
    const { latency, fault } = faults.take(
      method,
      path,
      match.kind === 'found' ? match.route.pattern : undefined,
    );
    if (latency > 0) await sleep(latency);

    if (fault?.kind === 'resetBeforeResponse' && !fault.afterHandler) {
      req.socket.destroy();
      return;
    }
    // A status fault with afterHandler lets the handler do its work, then answers with the fault instead.
    const late = fault?.kind === 'status' && fault.afterHandler === true;
    const early = fault && !late ? preHandlerReply(fault) : undefined;
    if (early) {
      record.status = early.status;
      writeWire(res, early);
      return;
    }

    let reply: Reply;
    if (match.kind === 'none') {
      reply = errorReply(404, 'Route not found.');
    } else if (match.kind === 'method') {
      reply = {
        status: 405,
        headers: { Allow: match.allowed.join(', ') },
        body: { message: 'Method not allowed.' },
      };
    } else {
      const { route, params } = match;
      let user = undefined as RequestContext['user'] | undefined;
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
        : world.rateLimiter.check(`${user ? user.id : (req.socket.remoteAddress ?? '')} ${path}`);
      if (limited) {
        reply = limited;
      } else if (authReply) {
        reply = authReply;
      } else {
        const ctx: RequestContext = {
          world,
          method,
          path,
          params,
          query: url.searchParams,
          rawBody: raw,
          bodyTooLarge: tooLarge,
          user: user as RequestContext['user'],
          agentWorkspace,
          defaultAgentScript: options.defaultAgentScript(),
        };
        reply = await route.handler(ctx);
      }
    }

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
    const wire = (late && fault ? preHandlerReply(fault) : undefined) ?? toWire(reply);
    if (fault?.kind === 'resetBeforeResponse') {
      req.socket.destroy();
      return;
    }
    record.status = wire.status;
    if (fault && !late) {
      await writeFaulty(req, res, wire, fault);
      return;
    }
    writeWire(res, wire);
  }

  function toWire(reply: Reply): Wire {
    const headers: Record<string, string> = { ...coderHeaders(world), ...reply.headers };
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

  function preHandlerReply(fault: FaultSpec): Wire | undefined {
    switch (fault.kind) {
      case 'status': {
        const body = fault.body === undefined ? { message: 'Injected fault.' } : fault.body;
        return toWire({
          status: fault.status ?? 500,
          headers: fault.headers,
          ...(typeof body === 'string'
            ? { raw: { contentType: 'text/plain; charset=utf-8', data: body } }
            : { body }),
        });
      }
      case 'rateLimit': {
        const retryAfter = fault.retryAfter ?? 1;
        return toWire({
          status: 429,
          headers: {
            'Retry-After': String(retryAfter),
            'X-Ratelimit-Limit': '512',
            'X-Ratelimit-Remaining': '0',
            'X-Ratelimit-Reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
            ...fault.headers,
          },
          body: { message: "You've been rate limited for sending more than 512 requests in 1m0s." },
        });
      }
      case 'invalidJson':
        return toWire({
          status: fault.status ?? 200,
          raw: { contentType: 'application/json; charset=utf-8', data: '{"message": "half an object",\n' },
        });
      case 'html':
        return toWire({
          status: fault.status ?? 200,
          raw: { contentType: 'text/html; charset=utf-8', data: LOGIN_PAGE },
        });
      default:
        return undefined;
    }
  }
}

function writeWire(res: ServerResponse, wire: Wire): void {
  const headers = { ...wire.headers, 'Content-Length': String(wire.body?.length ?? 0) };
  res.writeHead(wire.status, headers);
  res.end(wire.body);
}

/** Writes a real reply, bent by a post-handler fault. */
async function writeFaulty(
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
