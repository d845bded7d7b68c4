import type { ServedApis } from '../world/served-apis';
import type { Handler } from './request-context';
import type { Router, UpgradeHandler } from './router';

/** One route of an API, its path relative to the API's prefix. */
export interface ApiRoute {
  method: string;
  /** The path after the prefix, `{name}` for a path segment: `/tasks/{user}/{task}`. */
  path: string;
  /** Answers plain HTTP requests. */
  handler: Handler;
  /** Answers `Upgrade: websocket` requests on the same path (see {@link UpgradeHandler}). */
  upgrade?: UpgradeHandler;
  /**
   * Who may call it: a user's session token (default `user`), a workspace agent's token (`agent`, for the
   * `/workspaceagents/me/…` routes), or anyone (`none`, buildinfo).
   */
  auth?: 'user' | 'agent' | 'none';
}

/**
 * A group of routes that coderd registers together under one or more prefixes, depending on the server
 * generation (the Tasks API under `/api/v2` and `/api/experimental` until its removal; the Chats API
 * under `/api/experimental`, then both, then `/api/v2`).
 */
export interface FakeApi {
  /** Every prefix the API lives under on some generation, such as `/api/v2`. */
  prefixes: readonly string[];
  /**
   * The prefixes it is served under on this server right now (asked per request); under any other prefix
   * its routes answer 404 "Route not found." as an unregistered route does.
   */
  servedPrefixes: (apis: ServedApis) => readonly string[];
  routes: readonly ApiRoute[];
  /**
   * Called when the fake stops, after the HTTP server stopped accepting and before the fake destroys
   * the sockets upgrade handlers still hold: a chance to close them properly (a WebSocket close frame)
   * and to drop the API's own state.
   */
  close?: () => void;
}

/** Adds an API's routes under each of its prefixes, each gated by {@link FakeApi.servedPrefixes}. */
export function registerApi(router: Router, api: FakeApi): void {
  for (const prefix of api.prefixes) {
    for (const route of api.routes) {
      const auth = route.auth ?? 'user';
      router.add({
        method: route.method,
        pattern: `${prefix}${route.path}`,
        handler: route.handler,
        ...(route.upgrade ? { upgrade: route.upgrade } : {}),
        auth: auth === 'user',
        agentAuth: auth === 'agent',
        served: (apis) => api.servedPrefixes(apis).includes(prefix),
      });
    }
  }
}
