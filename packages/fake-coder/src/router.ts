import type { Handler } from './reply';

/** One registered route. `pattern` uses `{name}` for a path segment, as chi does. */
export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
  /** Needs a user's session token (everything but buildinfo and the agent routes). */
  auth: boolean;
  /** Needs a workspace agent's token instead (the `/workspaceagents/me/…` routes). */
  agentAuth?: boolean;
  /** A task route: gone when tasks are disabled. */
  tasks: boolean;
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

  match(method: string, path: string, tasksEnabled: boolean): RouteMatch {
    const segments = path.split('/');
    const allowed: string[] = [];
    for (const { route, segments: pattern } of this.routes) {
      if (route.tasks && !tasksEnabled) continue;
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
