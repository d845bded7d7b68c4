import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServedApis } from '../world/served-apis';
import type { Reply } from './reply';
import type { Handler, RequestContext } from './request-context';

/**
 * Takes over a WebSocket upgrade once the request passed routing, faults, authentication and the rate
 * limit (so `ctx.user` is set). It either returns a plain HTTP reply, sent instead of the upgrade (a
 * refusal such as a 400 on a bad query), or takes the socket (for instance with the `ws` package's
 * `handleUpgrade(req, socket, head, …)`) and returns undefined.
 */
export type UpgradeHandler = (
  ctx: RequestContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
) => Reply | undefined;

/** One registered route. `pattern` uses `{name}` for a path segment, as chi does. */
export interface Route {
  method: string;
  pattern: string;
  /** Answers plain HTTP requests (for a WebSocket route: those sent without `Upgrade: websocket`). */
  handler: Handler;
  /** Answers `Upgrade: websocket` requests; a route without it answers them as plain requests. */
  upgrade?: UpgradeHandler;
  /** Needs a user's session token (everything but buildinfo and the agent routes). */
  auth: boolean;
  /** Needs a workspace agent's token instead (the `/workspaceagents/me/…` routes). */
  agentAuth?: boolean;
  /** Whether the route exists on this server now (default: always); if not, 404 "Route not found.". */
  served?: (apis: ServedApis) => boolean;
}

/** The outcome of matching a request against the routes. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

/** A small chi-like router: exact segment counts, `{param}` matches one segment (possibly empty). */
export class Router {
  private readonly routes: { route: Route; segments: string[] }[] = [];

  add(route: Route): void {
    this.routes.push({ route, segments: route.pattern.split('/') });
  }

  match(method: string, path: string, apis: ServedApis): RouteMatch {
    const segments = path.split('/');
    const allowed: string[] = [];
    for (const { route, segments: pattern } of this.routes) {
      if (route.served && !route.served(apis)) continue;
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { kind: 'found', route, params };
      }
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method', allowed } : { kind: 'none' };
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p.startsWith('{') && p.endsWith('}')) {
      let value: string;
      try {
        value = decodeURIComponent(s);
      } catch {
        return undefined;
      }
      params[p.slice(1, -1)] = value;
    } else if (p !== s) {
      return undefined;
    }
  }
  return params;
}
