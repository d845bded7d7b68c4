import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AgentScript, type AgentStep, normalizeAgentScript } from './agent-script';
import { addChatRoutes } from './chats/chat-route-table';
import { closeChatSockets } from './chats/chat-streams';
import { ChatsModel } from './chats/chats-model';
import { createChatsControl } from './chats/create-chats-control';
import { upgradeListener } from './chats/ws-upgrade';
import { type Clock, ManualClock, RealClock } from './clock';
import { createControl } from './create-control';
import type { FakeCoderControl } from './fake-coder-control';
import { FaultRegistry } from './faults';
import { type PhaseDurations, resolveDurations } from './phase-durations';
import type { RecordedRequest } from './recorder';
import { buildRouter } from './routes';
import { seedDefaults } from './seed';
import { createDispatcher } from './server';
import { World } from './world';

/** Options of {@link startFakeCoder}. */
export interface FakeCoderOptions {
  /** TCP port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** Host to listen on (default `127.0.0.1`). */
  host?: string;
  /** Serve the task routes (default true). false answers 404 "Route not found." on each, as a server
   * without `CODER_ENABLE_AI_TASKS` or older than v2.29 does; buildinfo still answers. */
  tasksEnabled?: boolean;
  /** The version buildinfo and `X-Coder-Build-Version` report (default `v2.36.1`). */
  version?: string;
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
export async function startFakeCoder(options: FakeCoderOptions = {}): Promise<FakeCoder> {
  const clock: Clock = options.clock === 'manual' ? new ManualClock(options.startTime) : new RealClock();
  const world = new World(clock, {
    durations: resolveDurations(options.durations),
    tasksEnabled: options.tasksEnabled ?? true,
    version: options.version ?? 'v2.36.1',
    rateLimit: options.rateLimit ?? 0,
  });
  let defaultScript = options.defaultAgentScript
    ? normalizeAgentScript(options.defaultAgentScript)
    : undefined;
  const seeded = options.seed === false ? undefined : seedDefaults(world);
  const tokens: Record<string, string> = { ...seeded?.tokens };
  const chats = new ChatsModel(world);
  const faults = new FaultRegistry();
  const requests: RecordedRequest[] = [];
  const router = buildRouter();
  addChatRoutes(router, chats);
  const dispatch = createDispatcher(world, router, faults, requests, {
    record: options.recordRequests ?? true,
    defaultAgentScript: () => defaultScript,
  });
  const server = createServer({ keepAlive: true }, dispatch);
  server.on('upgrade', upgradeListener(dispatch));
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
    faults,
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
        closeChatSockets(chats);
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
