import type {
  OrganizationRecord,
  TaskRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
} from './model';
import { workspaceStatus } from './status';
import { deriveTask, taskJson, ts } from './wire';
import type { World } from './world';

// Read-only views of the fake's rows for tests (`control.tasks()` and friends): plain objects, detached
// from the live state.

/** A user as tests see it. */
export interface FakeUser {
  id: string;
  username: string;
  email: string;
  role: UserRecord['role'];
  organizationIds: string[];
  githubUserId: number | undefined;
}

/** An organization as tests see it. */
export interface FakeOrganization {
  id: string;
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** A template as tests see it. */
export interface FakeTemplate {
  id: string;
  name: string;
  organizationId: string;
  activeVersionId: string;
}

/** A template version as tests see it. */
export interface FakeTemplateVersion {
  id: string;
  name: string;
  templateId: string;
  presets: { id: string; name: string; default: boolean }[];
}

/** One AgentAPI message (role `user` = input, `agent` = output). */
export interface FakeAgentMessage {
  id: number;
  role: string;
  content: string;
  time: string;
}

/** A task as tests see it: its derived status and state, its agent's messages, and its wire JSON. */
export interface FakeTaskView {
  id: string;
  name: string;
  displayName: string;
  ownerId: string;
  ownerName: string;
  organizationId: string;
  templateId: string;
  templateVersionId: string;
  presetId: string | undefined;
  workspaceId: string | null;
  initialPrompt: string;
  status: string;
  /** The latest build's workspace status, when there is a build. */
  workspaceStatus: string | undefined;
  buildNumber: number | undefined;
  /** The latest build's transition and reason. */
  buildTransition: string | undefined;
  buildReason: string | undefined;
  currentState: { timestamp: string; state: string; message: string; uri: string } | null;
  messages: FakeAgentMessage[];
  snapshot: { at: string; messages: FakeAgentMessage[] } | null;
  /** AgentAPI reports `running` (a reply is in progress). */
  agentBusy: boolean;
  deleted: boolean;
  /** Exactly what `GET /api/v2/tasks/{user}/{task}` would answer (for a caller who may read it). */
  json: Record<string, unknown>;
}

/** A user as tests see it. */
export function userView(u: UserRecord): FakeUser {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    role: u.role,
    organizationIds: [...u.organizationIds],
    githubUserId: u.githubUserId,
  };
}

/** An organization as tests see it. */
export function organizationView(o: OrganizationRecord): FakeOrganization {
  return { id: o.id, name: o.name, displayName: o.displayName, isDefault: o.isDefault };
}

/** A template as tests see it. */
export function templateView(t: TemplateRecord): FakeTemplate {
  return { id: t.id, name: t.name, organizationId: t.organizationId, activeVersionId: t.activeVersionId };
}

/** A template version as tests see it. */
export function versionView(v: TemplateVersionRecord): FakeTemplateVersion {
  return {
    id: v.id,
    name: v.name,
    templateId: v.templateId,
    presets: v.presets.map((p) => ({ id: p.id, name: p.name, default: p.isDefault })),
  };
}

/** A task as tests see it, derived from the current state. */
export function taskView(world: World, task: TaskRecord): FakeTaskView {
  const { latest, status, current } = deriveTask(world, task);
  const msg = (m: TaskRecord['agent']['messages'][number]): FakeAgentMessage => ({
    id: m.id,
    role: m.role,
    content: m.content,
    time: ts(m.time),
  });
  return {
    id: task.id,
    name: task.name,
    displayName: task.displayName,
    ownerId: task.ownerId,
    ownerName: world.users.get(task.ownerId)?.username ?? '',
    organizationId: task.organizationId,
    templateId: task.templateId,
    templateVersionId: task.templateVersionId,
    presetId: task.presetId,
    workspaceId: task.workspaceId,
    initialPrompt: task.initialPrompt,
    status,
    workspaceStatus: latest ? workspaceStatus(latest) : undefined,
    buildNumber: latest?.number,
    buildTransition: latest?.transition,
    buildReason: latest?.reason,
    currentState: current ? { ...current, timestamp: ts(current.timestamp) } : null,
    messages: task.agent.messages.map(msg),
    snapshot: task.snapshot ? { at: ts(task.snapshot.at), messages: task.snapshot.messages.map(msg) } : null,
    agentBusy: task.agent.busy,
    deleted: task.deletedAt !== null,
    json: taskJson(world, task),
  };
}
