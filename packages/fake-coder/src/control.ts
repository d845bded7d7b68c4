import { reportAppStatus, stopAgent } from './agent-runner';
import type { AgentScript, AgentStep } from './agent-script';
import { normalizeAgentScript } from './agent-script';
import { ManualClock } from './clock';
import type { FaultHandle, FaultRegistry, FaultSpec } from './faults';
import { hasActiveJob, queueBuild } from './lifecycle';
import type { AgentApiBehaviour, AppHealth, AppStatusState, FakeRole } from './model';
import type { SeedInfo } from './seed';
import { waitUntil } from './settle';
import {
  type FakeOrganization,
  type FakeTaskView,
  type FakeTemplate,
  type FakeTemplateVersion,
  type FakeUser,
  organizationView,
  taskView,
  templateView,
  userView,
  versionView,
} from './views';
import { workspaceJson } from './wire';
import { type PhaseDurations, resolveDurations, type World } from './world';

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
  addTemplate(input: {
    name: string;
    /** Organization name or id (default: the default organization). */
    organization?: string;
    displayName?: string;
    icon?: string;
    aiTask?: boolean;
    /** false: the template links no app, so tasks end `unknown` once the agent is ready (default true). */
    taskApp?: boolean;
    versionName?: string;
    presets?: { name: string; parameters?: { name: string; value: string }[]; default?: boolean }[];
    /** External auth providers the owner must have linked, such as `github`. */
    requiredExternalAuth?: string[];
  }): { template: FakeTemplate; version: FakeTemplateVersion };
  /** Adds a version to a template (by name or id); `activate` makes it the active one (default false). */
  addTemplateVersion(
    template: string,
    input: {
      name: string;
      aiTask?: boolean;
      taskApp?: boolean;
      presets?: { name: string; parameters?: { name: string; value: string }[]; default?: boolean }[];
      activate?: boolean;
    },
  ): FakeTemplateVersion;
  /** Records that `username` linked an external auth provider (such as `github`). */
  linkExternalAuth(username: string, provider: string): void;
  /** Makes a user's token expired (401 "API key expired at …"). */
  expireToken(username: string): void;
  /** Turns the task routes on or off (off: 404 "Route not found."). */
  setTasksEnabled(enabled: boolean): void;
  /** Changes the version buildinfo reports. */
  setVersion(version: string): void;
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
  /** The next build's job fails with `error` (optionally only a build of that transition). */
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

/** Builds the control object of a fake server. */
export function createControl(
  world: World,
  faults: FaultRegistry,
  tokens: Record<string, string>,
  seed: SeedInfo | undefined,
  hooks: {
    setDefaultScript(script: AgentScript | AgentStep[] | undefined): void;
    defaultScript(): AgentScript | undefined;
  },
): FakeCoderControl {
  const clock = world.clock;
  const orgId = (value: string | undefined): string => {
    if (value === undefined) {
      const def = [...world.organizations.values()].find((o) => o.isDefault);
      if (!def) throw new Error('there is no default organization; pass an organization name or id');
      return def.id;
    }
    const org = world.organizations.get(value) ?? world.organizationByName(value);
    if (!org)
      throw new Error(`no organization named or with id "${value}"; add it with control.addOrganization`);
    return org.id;
  };
  const userOf = (username: string) => {
    const u = world.userByName(username);
    if (!u) throw new Error(`no user named "${username}"; add it with control.addUser`);
    return u;
  };
  const latestOf = (idOrName: string) => {
    const task = world.requireTask(idOrName);
    const ws = world.workspaceOf(task);
    const build = world.latestBuild(ws);
    if (!ws || !build) throw new Error(`task "${idOrName}" has no workspace build`);
    return { task, ws, build };
  };
  const settled = (): boolean => {
    for (const ws of world.workspaces.values()) {
      const b = ws.builds.at(-1);
      if (!b) continue;
      if (hasActiveJob(ws)) return false;
      if (b.transition === 'start' && b.job.status === 'succeeded' && !ws.deleted) {
        const lifecycle = b.agent?.lifecycle;
        if (lifecycle === 'created' || lifecycle === 'starting') return false;
        if (b.app?.health === 'initializing') return false;
      }
    }
    for (const t of world.tasks.values()) if (t.deletedAt === null && t.agent.busy) return false;
    return true;
  };
  return {
    clock: {
      kind: clock.kind,
      now: () => clock.now(),
      advance(ms = 0) {
        if (!(clock instanceof ManualClock)) {
          throw new Error('clock.advance() needs the manual clock: start the fake with { clock: "manual" }');
        }
        return clock.advance(ms);
      },
    },
    seed,
    addUser(input) {
      const orgs = (input.organizations ?? [undefined]).map((o) => orgId(o));
      const { user, token } = world.addUser({
        username: input.username,
        role: input.role,
        githubUserId: input.githubUserId,
        organizationIds: orgs,
        email: input.email,
      });
      tokens[user.username] = token;
      return { user: userView(user), token };
    },
    addOrganization(input) {
      if (world.organizationByName(input.name))
        throw new Error(`organization "${input.name}" already exists`);
      return organizationView(world.addOrganization(input));
    },
    addTemplate(input) {
      const { template, version } = world.addTemplate({
        ...input,
        organizationId: orgId(input.organization),
      });
      return { template: templateView(template), version: versionView(version) };
    },
    addTemplateVersion(templateRef, input) {
      const lower = templateRef.toLowerCase();
      const template = [...world.templates.values()].find(
        (t) => t.id === lower || t.name.toLowerCase() === lower,
      );
      if (!template) throw new Error(`no template named or with id "${templateRef}"`);
      const version = world.newVersion(template.id, template.organizationId, {
        name: input.name,
        aiTask: input.aiTask ?? true,
        taskApp: input.taskApp ?? true,
        presets: input.presets ?? [],
      });
      if (input.activate) template.activeVersionId = version.id;
      return versionView(version);
    },
    linkExternalAuth(username, provider) {
      userOf(username).externalAuth.add(provider);
    },
    expireToken(username) {
      userOf(username).tokenExpiresAt = clock.now() - 1000;
    },
    setTasksEnabled(enabled) {
      world.tasksEnabled = enabled;
    },
    setVersion(version) {
      world.version = version;
    },
    setDurations(durations) {
      resolveDurations(durations);
      world.durations = { ...world.durations, ...pickDefined(durations) };
    },
    setDefaultAgentScript(script) {
      hooks.setDefaultScript(script);
    },
    scriptAgent(taskIdOrName, script) {
      const normalized = normalizeAgentScript(script);
      const task = taskIdOrName === '*' ? undefined : world.findTask(taskIdOrName);
      if (task) task.agent.script = normalized;
      else world.scripts.set(taskIdOrName === '*' ? '*' : taskIdOrName.toLowerCase(), normalized);
    },
    setAgentApi(taskIdOrName, behaviour) {
      const task = world.requireTask(taskIdOrName);
      task.agent.behaviour = { ...task.agent.behaviour, ...behaviour };
    },
    failNextBuild(input) {
      world.buildFailures.push({ error: input.error, transition: input.transition });
    },
    setAppStatus(taskIdOrName, state, message, uri = '') {
      const { ws } = latestOf(taskIdOrName);
      reportAppStatus(world, ws, state, message, uri);
    },
    setAppHealth(taskIdOrName, health) {
      const { ws, build } = latestOf(taskIdOrName);
      if (!build.app) throw new Error(`task "${taskIdOrName}" has no app on its latest build yet`);
      build.app.health = health;
      world.changed(ws);
    },
    setAgentLifecycle(taskIdOrName, lifecycle) {
      const { ws, build } = latestOf(taskIdOrName);
      if (!build.agent) throw new Error(`task "${taskIdOrName}" has no agent on its latest build yet`);
      build.agent.lifecycle = lifecycle;
      world.changed(ws);
    },
    corruptSnapshot(taskIdOrName, kind) {
      const task = world.requireTask(taskIdOrName);
      task.snapshot = { ...(task.snapshot ?? { at: world.stamp(), messages: [] }), corrupt: kind };
    },
    deleteWorkspace(taskIdOrName) {
      const { task, ws } = latestOf(taskIdOrName);
      if (hasActiveJob(ws))
        throw new Error(`task "${taskIdOrName}" has a build in progress; wait for it first`);
      queueBuild(world, ws, 'delete', 'initiator', task.ownerId, hooks.defaultScript());
    },
    detachWorkspace(taskIdOrName) {
      const task = world.requireTask(taskIdOrName);
      stopAgent(task);
      task.workspaceId = null;
      world.notifyAny();
    },
    tasks(options = {}) {
      return [...world.tasks.values()]
        .filter((t) => options.includeDeleted || t.deletedAt === null)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((t) => taskView(world, t));
    },
    task(idOrName) {
      const task = world.findTask(idOrName);
      return task ? taskView(world, task) : undefined;
    },
    workspace(id) {
      const ws = world.workspaces.get(id);
      return ws ? workspaceJson(world, ws) : undefined;
    },
    users() {
      return [...world.users.values()].map(userView);
    },
    faults: {
      inject: (spec) => faults.inject(spec),
      clear: () => faults.clear(),
    },
    waitForIdle(options = {}) {
      return waitUntil(world, settled, 'the simulation to become idle', options.timeoutMs);
    },
    async waitForTask(taskIdOrName, until, options = {}) {
      const check = (): FakeTaskView | undefined => {
        const task = world.findTask(taskIdOrName);
        if (!task) return undefined;
        const view = taskView(world, task);
        return (typeof until === 'string' ? view.status === until : until(view)) ? view : undefined;
      };
      const what = `task "${taskIdOrName}" to ${typeof until === 'string' ? `reach status "${until}"` : 'match'}`;
      await waitUntil(world, () => check() !== undefined, what, options.timeoutMs);
      return check() as FakeTaskView;
    },
  };
}

function pickDefined(durations: PhaseDurations): PhaseDurations {
  return Object.fromEntries(Object.entries(durations).filter(([, v]) => v !== undefined));
}
