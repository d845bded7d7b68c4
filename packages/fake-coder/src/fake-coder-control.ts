import type { FakeChatsControl } from './chats/fake-chats-control';
import type { FaultHandle, FaultSpec } from './http/faults';
import type { FakeTaskView } from './tasks/task-view';
import type { WatchErrorResponse } from './tasks/watch-streams';
import type { AgentScript, AgentStep } from './world/agent-script';
import type { AppStatusState } from './world/app-status-state';
import type { AgentApiBehaviour, AppHealth, FakeRole } from './world/model';
import type { PhaseDurations } from './world/phase-durations';
import type { SeedInfo } from './world/seed';
import type { ServedApis } from './world/served-apis';
import type { TemplateSpec, TemplateVersionSpec } from './world/template-spec';
import type { FakeOrganization, FakeTemplate, FakeTemplateVersion, FakeUser } from './world/world-views';

/** The simulated clock as tests drive it. */
export interface FakeClockControl {
  readonly kind: 'real' | 'manual';
  /** Current fake time, ms since the epoch. */
  now(): number;
  /**
   * Manual clock only: moves time by `ms` (default 0) and runs what falls due; a zero-delay phase
   * scheduled during this call waits for the next call, so each `advance(0)` moves zero-duration phases
   * one step. Returns how many callbacks ran. Throws with the real clock.
   */
  advance(ms?: number): number;
}

/** Options of `waitFor…` methods. */
export interface WaitOptions {
  /** Give up after this many ms of real time (default 10_000); with the manual clock, after 10_000 clock steps. */
  timeoutMs?: number;
}

/** Control surface of a running fake: seeding, scripting, state changes, faults, clock, inspection. */
export interface FakeCoderControl {
  readonly clock: FakeClockControl;
  /** Ids of the default seed (undefined with `seed: false`). */
  readonly seed: SeedInfo | undefined;
  /** Adds a user with its own token (also stored in `fake.tokens`). Default role `member`, organization "coder". */
  addUser(input: {
    username: string;
    role?: FakeRole;
    githubUserId?: number;
    /** Organization names or ids (default: the default organization). */
    organizations?: string[];
    email?: string;
  }): { user: FakeUser; token: string };
  addOrganization(input: { name: string; displayName?: string }): FakeOrganization;
  /** Adds a template with one active version (default: AI task with a task app, no presets, version "v1"). */
  addTemplate(
    input: TemplateSpec & {
      /** Organization name or id (default: the default organization). */
      organization?: string;
    },
  ): { template: FakeTemplate; version: FakeTemplateVersion };
  /** Adds a version to a template (by name or id); `activate` makes it the active one (default false). */
  addTemplateVersion(
    template: string,
    input: TemplateVersionSpec & {
      /** Makes the new version the template's active one (default false). */
      activate?: boolean;
    },
  ): FakeTemplateVersion;
  /** Records that `username` linked an external auth provider (such as `github`). */
  linkExternalAuth(username: string, provider: string): void;
  /** Makes a user's token expired (401 "API key expired at …"). */
  expireToken(username: string): void;
  /**
   * Turns the task routes off (404 "Route not found.") or back on where the generation serves them (the
   * `tasksEnabled` option).
   */
  setTasksEnabled(enabled: boolean): void;
  /** Turns coderd's rate limiter on with `perMinute` requests per user and endpoint, or off with 0. */
  setRateLimit(perMinute: number): void;
  /**
   * Changes the version buildinfo reports, and with it the generation: the routes served change from the
   * next request on (the `version` option).
   */
  setVersion(version: string): void;
  /** What this server serves right now: its version's generation, whether Tasks answer, where Chats live. */
  served(): ServedApis;
  /** Changes phase durations for builds queued from now on. */
  setDurations(durations: PhaseDurations): void;
  /** Changes the script of tasks without one of their own (undefined: the built-in script). */
  setDefaultAgentScript(script: AgentScript | AgentStep[] | undefined): void;
  /**
   * Gives a task's agent a script: by task id or name, or `*` for every task without a script of its own.
   * A name or `*` may be scripted before the task exists. A script set on a running task applies to its
   * next input.
   */
  scriptAgent(taskIdOrName: string, script: AgentScript | AgentStep[]): void;
  /** Makes a task's AgentAPI misbehave (unreachable, failing status or messages, a status other than stable). */
  setAgentApi(taskIdOrName: string, behaviour: AgentApiBehaviour): void;
  /**
   * Appends a message to the task's AgentAPI conversation as if the agent (role `agent`) or the user
   * (role `user`) had written it; any other role makes the logs route answer 502 (500 once in a snapshot).
   */
  addAgentMessage(taskIdOrName: string, message: { role: string; content: string }): void;
  /**
   * The session token of the task's current agent (a UUID), for `PATCH /api/v2/workspaceagents/me/app-status`
   * and the log-snapshot upload. Throws while the task has no agent yet.
   */
  agentToken(taskIdOrName: string): string;
  /** The next build queued (optionally: of that transition) fails: its job ends `failed` with `error`. */
  failNextBuild(input: { error: string; transition?: 'start' | 'stop' | 'delete' }): void;
  /** Reports an app status for the task's workspace, as the agent would (state is the app-level one). */
  setAppStatus(taskIdOrName: string, state: AppStatusState, message: string, uri?: string): void;
  /** Sets the task app's health on the latest build (`unhealthy` makes the task `error`). */
  setAppHealth(taskIdOrName: string, health: AppHealth): void;
  /** Sets the agent's lifecycle on the latest build (for example `start_error` or `off`). */
  setAgentLifecycle(taskIdOrName: string, lifecycle: string): void;
  /** Makes the task's stored snapshot unreadable: `format` (unknown format) or `data` (corrupt). */
  corruptSnapshot(taskIdOrName: string, kind: 'format' | 'data'): void;
  /** Deletes the task's workspace directly (not through the tasks API): the task goes with it. */
  deleteWorkspace(taskIdOrName: string): void;
  /** Unlinks the task's workspace (`workspace_id` null), a state coderd answers with 500s. */
  detachWorkspace(taskIdOrName: string): void;
  /** Every task (live ones; with `includeDeleted`, deleted ones too), newest first. */
  tasks(options?: { includeDeleted?: boolean }): FakeTaskView[];
  /** One live task by id or name, or undefined. */
  task(idOrName: string): FakeTaskView | undefined;
  /** The Workspace JSON of a workspace by id (deleted ones included), or undefined. */
  workspace(id: string): Record<string, unknown> | undefined;
  users(): FakeUser[];
  /**
   * Abruptly destroys the sockets of the open workspace watch streams (`GET /api/v2/workspaces/{id}/watch`):
   * of one workspace, or every one when `workspaceId` is omitted. Clients see the stream break without
   * an end, as when a proxy or the network fails mid-stream. Returns how many streams it cut (0 when
   * none is open). Throws for a workspace id the fake does not know.
   */
  dropWatchStreams(workspaceId?: string): number;
  /**
   * Writes `event: error` with `data: {"message":…,"detail":…}` on every open watch stream of the
   * workspace, as coderd does when it cannot read the workspace for an update (`detail` is left out
   * when undefined or empty). The streams stay open and keep sending changes, as coderd's do. Returns how
   * many streams it wrote to (0 when none is open). Throws for a workspace id the fake does not know.
   */
  sendWatchError(workspaceId: string, response: WatchErrorResponse): number;
  /** The Chats surface: scripted chat agents, stream faults, chat prerequisites, inspection. */
  readonly chats: FakeChatsControl;
  /** Fault injection; see FaultSpec. */
  readonly faults: { inject(spec: FaultSpec): FaultHandle; clear(): void };
  /**
   * Resolves once nothing is in progress: no build job pending or running, every started agent ready and
   * its app past initializing, and no agent reply running. With the manual clock it drives the clock there.
   */
  waitForIdle(options?: WaitOptions): Promise<void>;
  /** Resolves with the task once `until` holds (a status such as `active`, or a predicate). */
  waitForTask(
    taskIdOrName: string,
    until: string | ((task: FakeTaskView) => boolean),
    options?: WaitOptions,
  ): Promise<FakeTaskView>;
}
