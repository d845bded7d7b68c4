import { formatTimestamp, NIL_UUID } from '@coder-tasks/types';
import type {
  AppStatusRecord,
  BuildRecord,
  OrganizationRecord,
  PresetRecord,
  TaskRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
  WorkspaceRecord,
} from './model';
import {
  type CurrentState,
  type DerivedTaskStatus,
  deriveCurrentState,
  deriveTaskStatus,
  latestAppStatus,
  workspaceStatus,
} from './status';
import type { World } from './world';

// Rows to JSON exactly as coderd writes them: Go field order, `null` for NULL ids, omitempty fields left
// out, and timestamps with the sub-millisecond digits Postgres keeps.

/** Formats a record time (integer microseconds) as Go writes a time.Time. */
export function ts(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return formatTimestamp(new Date(ms), (micros - ms * 1000) * 1000);
}

function agentHealth(lifecycle: string): { healthy: boolean; reason?: string } {
  if (lifecycle === 'created') return { healthy: false, reason: 'agent has not yet connected' };
  if (lifecycle === 'shutting_down' || lifecycle === 'off' || lifecycle.startsWith('shutdown')) {
    return { healthy: false, reason: 'agent is not running' };
  }
  return { healthy: true };
}

/** The `status` of a task as the view derives it now. */
export function taskStatusOf(world: World, task: TaskRecord): string {
  const ws = world.workspaceOf(task);
  return deriveTaskStatus(task.workspaceId !== null, world.latestBuild(ws));
}

/** What the `tasks_with_status` view derives for a task now: its workspace, latest build, status and state. */
export function deriveTask(
  world: World,
  task: TaskRecord,
): {
  ws: WorkspaceRecord | undefined;
  latest: BuildRecord | undefined;
  status: DerivedTaskStatus;
  current: CurrentState | null;
} {
  const ws = world.workspaceOf(task);
  const latest = world.latestBuild(ws);
  const status = deriveTaskStatus(task.workspaceId !== null, latest);
  const current = deriveCurrentState(status, latest, ws ? latestAppStatus(ws.appStatuses) : undefined);
  return { ws, latest, status, current };
}

/** A `Task`. */
export function taskJson(world: World, task: TaskRecord): Record<string, unknown> {
  const { ws, latest, status, current } = deriveTask(world, task);
  const owner = world.users.get(task.ownerId);
  const template = world.templates.get(task.templateId);
  return {
    id: task.id,
    organization_id: task.organizationId,
    owner_id: task.ownerId,
    owner_name: owner?.username ?? '',
    name: task.name,
    display_name: task.displayName,
    template_id: task.templateId,
    template_version_id: task.templateVersionId,
    template_name: template?.name ?? '',
    template_display_name: template?.displayName ?? '',
    template_icon: template?.icon ?? '',
    workspace_id: task.workspaceId,
    workspace_name: ws?.name ?? '',
    ...(latest ? { workspace_status: workspaceStatus(latest) } : {}),
    ...(latest && latest.number !== 0 ? { workspace_build_number: latest.number } : {}),
    workspace_agent_id: latest?.agent?.id ?? null,
    workspace_agent_lifecycle: latest?.agent?.lifecycle ?? null,
    workspace_agent_health: latest?.agent ? agentHealth(latest.agent.lifecycle) : null,
    workspace_app_id: latest?.app?.id ?? null,
    initial_prompt: task.initialPrompt,
    status,
    current_state: current
      ? { timestamp: ts(current.timestamp), state: current.state, message: current.message, uri: current.uri }
      : null,
    created_at: ts(task.createdAt),
    updated_at: ts(ws?.updatedAt ?? task.createdAt),
  };
}

/** A `WorkspaceBuild`. */
export function buildJson(world: World, ws: WorkspaceRecord, build: BuildRecord): Record<string, unknown> {
  const owner = world.users.get(ws.ownerId);
  const initiator = world.users.get(build.initiatorId);
  const version = world.versions.get(build.templateVersionId);
  const job = build.job;
  return {
    id: build.id,
    created_at: ts(build.createdAt),
    updated_at: ts(build.updatedAt),
    workspace_id: ws.id,
    workspace_name: ws.name,
    workspace_owner_id: ws.ownerId,
    workspace_owner_name: owner?.username ?? '',
    workspace_owner_avatar_url: '',
    template_version_id: build.templateVersionId,
    template_version_name: version?.name ?? '',
    build_number: build.number,
    transition: build.transition,
    initiator_id: build.initiatorId,
    initiator_name: initiator?.username ?? '',
    job: {
      id: job.id,
      created_at: ts(job.createdAt),
      ...(job.startedAt !== undefined ? { started_at: ts(job.startedAt) } : {}),
      ...(job.completedAt !== undefined ? { completed_at: ts(job.completedAt) } : {}),
      ...(job.error !== undefined ? { error: job.error } : {}),
      status: job.status,
      file_id: NIL_UUID,
      tags: { scope: 'organization', owner: '' },
      queue_position: 0,
      queue_size: 0,
      organization_id: ws.organizationId,
      type: 'workspace_build',
    },
    reason: build.reason,
    resources: [],
    status: workspaceStatus(build),
    daily_cost: 0,
    ...(build.presetId ? { template_version_preset_id: build.presetId } : {}),
  };
}

/** A `WorkspaceAppStatus`. */
export function appStatusJson(ws: WorkspaceRecord, s: AppStatusRecord): Record<string, unknown> {
  return {
    id: s.id,
    created_at: ts(s.createdAt),
    workspace_id: ws.id,
    agent_id: s.agentId,
    app_id: s.appId,
    state: s.state,
    message: s.message,
    uri: s.uri,
    icon: '',
    needs_user_attention: false,
  };
}

/** A `Workspace`. */
export function workspaceJson(world: World, ws: WorkspaceRecord): Record<string, unknown> {
  const owner = world.users.get(ws.ownerId);
  const org = world.organizations.get(ws.organizationId);
  const template = world.templates.get(ws.templateId);
  const latest = world.latestBuild(ws) as BuildRecord;
  const app = latestAppStatus(ws.appStatuses);
  return {
    id: ws.id,
    created_at: ts(ws.createdAt),
    updated_at: ts(ws.updatedAt),
    owner_id: ws.ownerId,
    owner_name: owner?.username ?? '',
    owner_avatar_url: '',
    organization_id: ws.organizationId,
    organization_name: org?.name ?? '',
    template_id: ws.templateId,
    template_name: template?.name ?? '',
    template_display_name: template?.displayName ?? '',
    template_icon: template?.icon ?? '',
    template_active_version_id: template?.activeVersionId ?? '',
    template_require_active_version: false,
    latest_build: buildJson(world, ws, latest),
    latest_app_status: app ? appStatusJson(ws, app) : null,
    outdated: false,
    name: ws.name,
    ttl_ms: null,
    last_used_at: ts(ws.builds.at(-1)?.updatedAt ?? ws.updatedAt),
    deleting_at: null,
    dormant_at: null,
    health: { healthy: true, failing_agents: [] },
    automatic_updates: 'never',
    allow_renames: false,
    favorite: false,
    next_start_at: null,
    is_prebuild: false,
    task_id: ws.taskId,
  };
}

/** A `User`. */
export function userJson(user: UserRecord): Record<string, unknown> {
  const roles =
    user.role === 'owner'
      ? [{ name: 'owner', display_name: 'Owner' }]
      : user.role === 'auditor'
        ? [{ name: 'auditor', display_name: 'Auditor' }]
        : [];
  return {
    id: user.id,
    username: user.username,
    avatar_url: '',
    name: user.name,
    email: user.email,
    created_at: ts(user.createdAt),
    updated_at: ts(user.createdAt),
    last_seen_at: ts(user.createdAt),
    status: 'active',
    login_type: 'password',
    theme_preference: '',
    organization_ids: user.organizationIds,
    roles,
  };
}

/** An `Organization`. */
export function organizationJson(org: OrganizationRecord): Record<string, unknown> {
  return {
    id: org.id,
    name: org.name,
    display_name: org.displayName,
    description: '',
    icon: '',
    created_at: ts(org.createdAt),
    updated_at: ts(org.createdAt),
    is_default: org.isDefault,
  };
}

/** A `Template`. */
export function templateJson(world: World, t: TemplateRecord): Record<string, unknown> {
  const org = world.organizations.get(t.organizationId);
  return {
    id: t.id,
    created_at: ts(t.createdAt),
    updated_at: ts(t.createdAt),
    organization_id: t.organizationId,
    organization_name: org?.name ?? '',
    organization_display_name: org?.displayName ?? '',
    organization_icon: '',
    name: t.name,
    display_name: t.displayName,
    provisioner: 'terraform',
    active_version_id: t.activeVersionId,
    active_user_count: 0,
    build_time_stats: { start: {}, stop: {}, delete: {} },
    description: '',
    deprecated: false,
    deprecation_message: '',
    icon: t.icon,
    default_ttl_ms: 0,
    activity_bump_ms: 3600000,
    autostop_requirement: { days_of_week: [], weeks: 1 },
    autostart_requirement: { days_of_week: [] },
    created_by_id: NIL_UUID,
    created_by_name: '',
    allow_user_autostart: true,
    allow_user_autostop: true,
    allow_user_cancel_workspace_jobs: false,
    failure_ttl_ms: 0,
    time_til_dormant_ms: 0,
    time_til_dormant_autodelete_ms: 0,
    require_active_version: false,
    max_port_share_level: 'owner',
    cors_behavior: 'simple',
    use_classic_parameter_flow: false,
  };
}

/** A `TemplateVersion`. */
export function templateVersionJson(v: TemplateVersionRecord): Record<string, unknown> {
  return {
    id: v.id,
    template_id: v.templateId,
    organization_id: v.organizationId,
    created_at: ts(v.createdAt),
    updated_at: ts(v.createdAt),
    name: v.name,
    message: '',
    job: { id: v.id, status: 'succeeded', created_at: ts(v.createdAt) },
    readme: '',
    created_by: { id: NIL_UUID, username: 'admin' },
    archived: false,
    has_external_agent: false,
  };
}

/** A `Preset`, with Go's capitalised keys (the struct has no json tags). */
export function presetJson(p: PresetRecord): Record<string, unknown> {
  return {
    ID: p.id,
    Name: p.name,
    Parameters: p.parameters.map((x) => ({ Name: x.name, Value: x.value })),
    Default: p.isDefault,
    DesiredPrebuildInstances: null,
    Description: '',
    Icon: '',
  };
}
