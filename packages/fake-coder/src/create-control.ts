import type { FakeChatsControl } from './chats/fake-chats-control';
import type { FakeCoderControl } from './fake-coder-control';
import type { FaultRegistry } from './http/faults';
import type { RateLimiter } from './http/rate-limit';
import { appendMessage, reportAppStatus, stopAgent } from './tasks/agent-runner';
import { hasActiveJob, queueBuild } from './tasks/lifecycle';
import { waitUntil } from './tasks/settle';
import { workspaceJson } from './tasks/task-json';
import { type FakeTaskView, taskView } from './tasks/task-view';
import type { WatchStreams } from './tasks/watch-streams';
import type { AgentScript, AgentStep } from './world/agent-script';
import { normalizeAgentScript } from './world/agent-script';
import { ManualClock } from './world/clock';
import { type PhaseDurations, resolveDurations } from './world/phase-durations';
import type { SeedInfo } from './world/seed';
import type { World } from './world/world';
import { organizationView, templateView, userView, versionView } from './world/world-views';

/** Builds the control object of a fake server. */
export function createControl(
  world: World,
  server: { faults: FaultRegistry; rateLimiter: RateLimiter; watchStreams: WatchStreams },
  tokens: Record<string, string>,
  seed: SeedInfo | undefined,
  hooks: {
    setDefaultScript(script: AgentScript | AgentStep[] | undefined): void;
    defaultScript(): AgentScript | undefined;
  },
  chats: FakeChatsControl,
): FakeCoderControl {
  const clock = world.clock;
  const { faults } = server;
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
  const requireWorkspace = (id: string): void => {
    if (!world.workspaces.has(id.toLowerCase()))
      throw new Error(`no workspace with id "${id}"; use a task's workspaceId (control.task(…).workspaceId)`);
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
      const version = world.newVersion(template.id, template.organizationId, input);
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
    setRateLimit(perMinute) {
      if (!(perMinute >= 0) || !Number.isInteger(perMinute)) {
        throw new RangeError(
          `rate limit must be a whole number of requests per minute >= 0, got ${perMinute}`,
        );
      }
      server.rateLimiter.reset(perMinute);
    },
    setVersion(version) {
      world.version = version;
    },
    served() {
      return world.servedApis();
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
    addAgentMessage(taskIdOrName, message) {
      appendMessage(world, world.requireTask(taskIdOrName), message.role, message.content);
    },
    agentToken(taskIdOrName) {
      const task = world.requireTask(taskIdOrName);
      const ws = world.workspaceOf(task);
      const agent = world.currentAgent(ws);
      if (!agent)
        throw new Error(`task "${taskIdOrName}" has no agent yet; wait until its start build has finished`);
      return agent.token;
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
    dropWatchStreams(workspaceId) {
      if (workspaceId !== undefined) requireWorkspace(workspaceId);
      return server.watchStreams.drop(workspaceId?.toLowerCase());
    },
    sendWatchError(workspaceId, response) {
      requireWorkspace(workspaceId);
      if (typeof response?.message !== 'string' || response.message === '') {
        throw new TypeError('sendWatchError: `response.message` must be a non-empty string');
      }
      if (response.detail !== undefined && typeof response.detail !== 'string') {
        throw new TypeError('sendWatchError: `response.detail` must be a string when given');
      }
      return server.watchStreams.sendError(workspaceId.toLowerCase(), response);
    },
    chats,
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
