import { NIL_UUID } from '@coder-tasks/types';
import type { AppStatusRecord, BuildRecord, TaskRecord, WorkspaceRecord } from '../world/model';
import { ts } from '../world/record-time';
import type { World } from '../world/world';
import {
  type CurrentState,
  type DerivedTaskStatus,
  deriveCurrentState,
  deriveTaskStatus,
  latestAppStatus,
  workspaceStatus,
} from './status';

// Task, workspace and build rows to JSON exactly as coderd writes them: Go field order, `null` for NULL
// ids, omitempty fields left out.

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
