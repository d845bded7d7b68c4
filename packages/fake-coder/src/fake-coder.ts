import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRouter } from './build-router';
import { chatsApi } from './chats/chats-api';
import { ChatsModel } from './chats/chats-model';
import { createChatsControl } from './chats/create-chats-control';
import { createControl } from './create-control';
import type { FakeCoderControl } from './fake-coder-control';
import { createDispatcher } from './http/create-dispatcher';
import { FaultRegistry } from './http/faults';
import { RateLimiter } from './http/rate-limit';
import type { RecordedRequest } from './http/recorder';
import type { FakeApi } from './http/register-api';
import { WatchStreams } from './tasks/watch-streams';
import { type AgentScript, type AgentStep, normalizeAgentScript } from './world/agent-script';
import { type Clock, ManualClock, RealClock } from './world/clock';
import { type PhaseDurations, resolveDurations } from './world/phase-durations';
import { seedDefaults } from './world/seed';
import { World } from './world/world';

/** The version a fake reports unless told otherwise: the last release that serves Tasks without a flag. */
export const DEFAULT_FAKE_CODER_VERSION = 'v2.36.1';

/** Options of {@link startFakeCoder}. */
export interface FakeCoderOptions {
  /** TCP port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** Host to listen on (default `127.0.0.1`). */
  host?: string;
  /**
   * The version buildinfo and `X-Coder-Build-Version` report (default {@link DEFAULT_FAKE_CODER_VERSION},
   * a generation that serves Tasks). Its generation (`coderApiGeneration` of @coder-tasks/types) decides
   * which routes exist: the task routes from v2.29 to v2.36, on v2.37 only with `aiTasks`, and from v2.38
   * on every task route answers 404 "Route not found." (coder/coder#28789); the Chats API under
   * `/api/experimental` from v2.32, under both prefixes in v2.37, under `/api/v2` from v2.38. A
   * development build (`v0.0.0-devel+…`) or an unparsable string is the newest known generation.
   */
  version?: string;
  /**
   * The deployment sets `CODER_ENABLE_AI_TASKS` (coder/coder#28008), which v2.37 needs to serve the task
   * routes (default false). Other generations ignore it: earlier ones serve Tasks anyway, later ones never.
   */
  aiTasks?: boolean;
  /**
   * Serve the task routes where the generation serves them (default true). false answers 404 "Route not
   * found." on each whatever the version, as a server without Tasks does; buildinfo still answers.
   */
  tasksEnabled?: boolean;
  /** How long each simulated phase lasts in ms of the fake clock (every default 0). */
  durations?: PhaseDurations;
  /** `real` (default) follows the wall clock; `manual` moves only with `control.clock.advance(ms)`. */
  clock?: 'real' | 'manual';
  /** With the manual clock: where time starts, ms since the epoch (default 2026-08-26T12:00:00Z). */
  startTime?: number;
  /** The agent script of every task that has no script of its own (default {@link DEFAULT_AGENT_SCRIPT}). */
  defaultAgentScript?: AgentScript | AgentStep[];
  /** Seed organization "coder", users "admin"/"member", templates "tasks"/"plain" (default true). */
  seed?: boolean;
  /**
   * Requests per minute per user and endpoint before a 429, as coderd's `--api-rate-limit` (default 0:
   * off, so that busy tests are not throttled; coderd's own default is 512). Owners can bypass it with
   * `X-Coder-Bypass-Ratelimit: true`. Minutes are on the fake clock.
   */
  rateLimit?: number;
  /** Record every request in `requests` (default true; turn off for long benchmarks). */
  recordRequests?: boolean;
}

/** A running fake Coder server. */
export interface FakeCoder {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Session token of the seeded owner "admin". */
  token: string;
  /** Username → token, for every seeded and added user (kept up to date by `control.addUser`). */
  tokens: Record<string, string>;
  /** Seeding, scripting, faults, clock and direct state access. */
  control: FakeCoderControl;
  /** Every request received, in arrival order, without credentials. */
  requests: RecordedRequest[];
  /** Stops the server: closes every connection (watch streams included) and cancels all timers. */
  close(): Promise<void>;
}

/** Starts an in-memory Coder server on loopback and resolves once it listens. */
export function startFakeCoder(options: FakeCoderOptions = {}): Promise<FakeCoder> {
  return launchFakeCoder(options, []);
}

/** Makes the routes, WebSocket upgrades and state of one more API for a new server's world. */
export type ApiFactory = (world: World) => FakeApi;

/**
 * {@link startFakeCoder} with more APIs: the seam another API (such as Chats) plugs into. Each factory
 * runs once per server; its API's routes and WebSocket upgrades are served under the prefixes its
 * `servedPrefixes(world.servedApis())` names for the current generation, behind the same recording,
 * faults, authentication and rate limit as the built-in routes, and its `close` runs when the fake stops.
 */
export async function launchFakeCoder(
  options: FakeCoderOptions,
  apiFactories: readonly ApiFactory[],
): Promise<FakeCoder> {
  const clock: Clock = options.clock === 'manual' ? new ManualClock(options.startTime) : new RealClock();
  const world = new World(clock, {
    durations: resolveDurations(options.durations),
    tasksEnabled: options.tasksEnabled ?? true,
    aiTasks: options.aiTasks ?? false,
    version: options.version ?? DEFAULT_FAKE_CODER_VERSION,
  });
  const rateLimiter = new RateLimiter(options.rateLimit ?? 0, () => clock.now());
  const watchStreams = new WatchStreams();
  let defaultScript = options.defaultAgentScript
    ? normalizeAgentScript(options.defaultAgentScript)
    : undefined;
  const seeded = options.seed === false ? undefined : seedDefaults(world);
  const tokens: Record<string, string> = { ...seeded?.tokens };
  const chats = new ChatsModel(world);
  const faults = new FaultRegistry();
  const requests: RecordedRequest[] = [];
  // Chats is built in like Tasks; `apiFactories` plug in further APIs through the same seam.
  const extraApis: FakeApi[] = [chatsApi(chats), ...apiFactories.map((make) => make(world))];
  const dispatcher = createDispatcher(world, buildRouter(watchStreams, extraApis), faults, requests, {
    record: options.recordRequests ?? true,
    defaultAgentScript: () => defaultScript,
    rateLimiter,
  });
  const server = createServer({ keepAlive: true }, dispatcher.request);
  server.on('upgrade', dispatcher.upgrade);
  // Many clients on one loopback: keep idle sockets around longer than undici's default keep-alive.
  server.keepAliveTimeout = 30_000;
  server.maxRequestsPerSocket = 0;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  world.baseUrl = url;
  const control = createControl(
    world,
    { faults, rateLimiter, watchStreams },
    tokens,
    seeded?.info,
    {
      setDefaultScript: (script) => {
        defaultScript = script ? normalizeAgentScript(script) : undefined;
      },
      defaultScript: () => defaultScript,
    },
    createChatsControl(chats),
  );
  let closed: Promise<void> | undefined;
  return {
    url,
    token: tokens.admin ?? '',
    tokens,
    control,
    requests,
    close() {
      closed ??= new Promise<void>((resolve) => {
        clock.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const api of extraApis) api.close?.();
        dispatcher.destroyUpgraded();
      });
      return closed;
    },
  };
}
