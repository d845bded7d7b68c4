import type { AgentScript } from './agent-script';
import type { Clock } from './clock';
import { newId, newToken } from './ids';
import type {
  AgentRecord,
  BuildRecord,
  FakeRole,
  OrganizationRecord,
  PresetRecord,
  TaskRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
  WorkspaceRecord,
} from './model';
import type { PhaseDurations } from './phase-durations';
import { type ServedApis, servedApis } from './served-apis';
import type { TemplateSpec, TemplateVersionSpec } from './template-spec';

/** A build failure queued with `control.failNextBuild`. */
export interface QueuedBuildFailure {
  error: string;
  transition: 'start' | 'stop' | 'delete' | undefined;
}

type Listener = () => void;

/** The whole state of one fake server: rows, clock, settings, and the change bus the watch stream uses. */
export class World {
  readonly users = new Map<string, UserRecord>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly versions = new Map<string, TemplateVersionRecord>();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly buildFailures: QueuedBuildFailure[] = [];
  /** Scripts by task id, task name (lower-case) or `*`. */
  readonly scripts = new Map<string, AgentScript>();
  durations: Required<PhaseDurations>;
  /** The `tasksEnabled` switch: false turns the task routes off whatever the generation. */
  tasksEnabled: boolean;
  /** The `CODER_ENABLE_AI_TASKS` flag, which only v2.37 consults. */
  aiTasks: boolean;
  /** The version buildinfo reports; its generation decides which APIs are served. */
  version: string;
  baseUrl = '';
  private lastStamp = 0;
  private served: { version: string; aiTasks: boolean; tasksEnabled: boolean; apis: ServedApis } | undefined;
  private readonly workspaceListeners = new Map<string, Set<Listener>>();
  private readonly anyListeners = new Set<Listener>();

  constructor(
    readonly clock: Clock,
    options: {
      durations: Required<PhaseDurations>;
      tasksEnabled: boolean;
      aiTasks: boolean;
      version: string;
    },
  ) {
    this.durations = options.durations;
    this.tasksEnabled = options.tasksEnabled;
    this.aiTasks = options.aiTasks;
    this.version = options.version;
  }

  /** Which APIs the emulated server serves now (routes ask on every request). */
  servedApis(): ServedApis {
    const { version, aiTasks, tasksEnabled } = this;
    const cached = this.served;
    if (cached?.version === version && cached.aiTasks === aiTasks && cached.tasksEnabled === tasksEnabled) {
      return cached.apis;
    }
    const apis = servedApis(version, { aiTasks, tasksEnabled });
    this.served = { version, aiTasks, tasksEnabled, apis };
    return apis;
  }

  /** A fresh record time in microseconds: the clock's time, but always after the previous one. */
  stamp(): number {
    const now = Math.floor(this.clock.now()) * 1000;
    this.lastStamp = Math.max(now, this.lastStamp + 1);
    return this.lastStamp;
  }

  /**
   * Publishes a workspace event: wakes its watchers and `waitFor` callers. It leaves `updated_at` alone:
   * in coderd that column moves with edits of the workspace row, not with builds or app statuses.
   */
  changed(ws: WorkspaceRecord): void {
    for (const fn of [...(this.workspaceListeners.get(ws.id) ?? [])]) fn();
    this.notifyAny();
  }

  /** Wakes `waitFor` callers after a change that is not a workspace event (such as a new message). */
  notifyAny(): void {
    for (const fn of [...this.anyListeners]) fn();
  }

  onWorkspaceChange(workspaceId: string, fn: Listener): () => void {
    let set = this.workspaceListeners.get(workspaceId);
    if (!set) {
      set = new Set();
      this.workspaceListeners.set(workspaceId, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  onAnyChange(fn: Listener): () => void {
    this.anyListeners.add(fn);
    return () => this.anyListeners.delete(fn);
  }

  addOrganization(input: { name: string; displayName?: string; isDefault?: boolean }): OrganizationRecord {
    const org: OrganizationRecord = {
      id: newId(),
      name: input.name,
      displayName: input.displayName ?? input.name,
      isDefault: input.isDefault ?? false,
      createdAt: this.stamp(),
    };
    this.organizations.set(org.id, org);
    return org;
  }

  addUser(input: {
    username: string;
    role?: FakeRole;
    githubUserId?: number;
    organizationIds: string[];
    email?: string;
    name?: string;
  }): { user: UserRecord; token: string } {
    if (this.userByName(input.username)) {
      throw new Error(`a user named "${input.username}" already exists; pick another username`);
    }
    const token = newToken();
    const user: UserRecord = {
      id: newId(),
      username: input.username,
      email: input.email ?? `${input.username}@example.com`,
      name: input.name ?? '',
      role: input.role ?? 'member',
      organizationIds: [...input.organizationIds],
      githubUserId: input.githubUserId,
      externalAuth: new Set(),
      createdAt: this.stamp(),
      tokenId: token.id,
      tokenSecret: token.secret,
      tokenExpiresAt: undefined,
    };
    this.users.set(user.id, user);
    return { user, token: token.token };
  }

  addTemplate(input: TemplateSpec & { organizationId: string }): {
    template: TemplateRecord;
    version: TemplateVersionRecord;
  } {
    const templateId = newId();
    const version = this.newVersion(templateId, input.organizationId, {
      ...input,
      name: input.versionName ?? 'v1',
    });
    const template: TemplateRecord = {
      id: templateId,
      name: input.name,
      displayName: input.displayName ?? '',
      organizationId: input.organizationId,
      icon: input.icon ?? '',
      activeVersionId: version.id,
      requiredExternalAuth: [...(input.requiredExternalAuth ?? [])],
      createdAt: this.stamp(),
    };
    this.templates.set(template.id, template);
    return { template, version };
  }

  newVersion(templateId: string, organizationId: string, input: TemplateVersionSpec): TemplateVersionRecord {
    const presets: PresetRecord[] = (input.presets ?? []).map((p) => ({
      id: newId(),
      name: p.name,
      parameters: p.parameters ?? [],
      isDefault: p.default ?? false,
    }));
    const version: TemplateVersionRecord = {
      id: newId(),
      name: input.name,
      templateId,
      organizationId,
      hasAiTask: input.aiTask ?? true,
      hasTaskApp: input.taskApp ?? true,
      presets,
      createdAt: this.stamp(),
    };
    this.versions.set(version.id, version);
    return version;
  }

  userByName(username: string): UserRecord | undefined {
    const lower = username.toLowerCase();
    for (const u of this.users.values()) if (u.username.toLowerCase() === lower) return u;
    return undefined;
  }

  organizationByName(name: string): OrganizationRecord | undefined {
    const lower = name.toLowerCase();
    for (const o of this.organizations.values()) if (o.name.toLowerCase() === lower) return o;
    return undefined;
  }

  latestBuild(ws: WorkspaceRecord | undefined): BuildRecord | undefined {
    return ws?.builds.at(-1);
  }

  /**
   * The agent of the workspace's latest start build (null until that build's job finished): the one
   * agent token that authenticates, even while a later stop build runs.
   */
  currentAgent(ws: WorkspaceRecord | undefined): AgentRecord | null | undefined {
    return ws?.builds.findLast((b) => b.transition === 'start')?.agent;
  }

  workspaceOf(task: TaskRecord): WorkspaceRecord | undefined {
    return task.workspaceId === null ? undefined : this.workspaces.get(task.workspaceId);
  }

  taskById(id: string): TaskRecord | undefined {
    const task = this.tasks.get(id);
    return task && isLive(task) ? task : undefined;
  }

  /** A live task by owner and name, case-insensitive (Coder's `LOWER(name)=LOWER(@name)`). */
  taskByOwnerAndName(ownerId: string, name: string): TaskRecord | undefined {
    const lower = name.toLowerCase();
    for (const t of this.tasks.values()) {
      if (isLive(t) && t.ownerId === ownerId && t.name.toLowerCase() === lower) return t;
    }
    return undefined;
  }

  /** A live task by id or by name (any owner); used by control methods, which are not scoped to a user. */
  findTask(idOrName: string): TaskRecord | undefined {
    const byId = this.taskById(idOrName.toLowerCase());
    if (byId) return byId;
    const lower = idOrName.toLowerCase();
    for (const t of this.tasks.values()) if (isLive(t) && t.name.toLowerCase() === lower) return t;
    return undefined;
  }

  /** Like {@link findTask} but throws a clear error for tests. */
  requireTask(idOrName: string): TaskRecord {
    const task = this.findTask(idOrName);
    if (!task) throw new Error(`no live task with id or name "${idOrName}" in the fake Coder server`);
    return task;
  }

  /** Takes the first queued build failure that applies to this transition, if any. */
  takeBuildFailure(transition: 'start' | 'stop' | 'delete'): QueuedBuildFailure | undefined {
    const i = this.buildFailures.findIndex((f) => f.transition === undefined || f.transition === transition);
    if (i < 0) return undefined;
    return this.buildFailures.splice(i, 1)[0];
  }
}

/** True when the task is visible to lookups (not soft-deleted). */
export function isLive(task: TaskRecord): boolean {
  return task.deletedAt === null;
}
