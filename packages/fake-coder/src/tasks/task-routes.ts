import {
  goQuote,
  goTrimSpace,
  isKnownTaskStatus,
  NIL_UUID,
  parseUuid,
  validateTaskDisplayName,
  validateTaskName,
} from '@coder-tasks/types';
import { administers, canRead, canSeeOrganization, canSeeUser, canWrite } from '../http/auth';
import { buildAlreadyActive, buildForbidden, errorReply, notFound, ok, type Reply } from '../http/reply';
import { decodeBody } from '../http/request-body';
import type { RequestContext } from '../http/request-context';
import { parseSearchQuery, QueryParams } from '../http/search-query';
import { resolveUserParam } from '../resources/resolve-user-param';
import { newId } from '../world/ids';
import type { TaskRecord, WorkspaceRecord } from '../world/model';
import { stopAgent } from './agent-runner';
import { hasActiveJob, queueBuild } from './lifecycle';
import { taskJson, taskStatusOf } from './task-json';
import { resolveTask } from './task-lookup';
import { generateTaskName } from './task-names';

// Create, list, get and delete (coderd/aitasks.go). Checks run in coderd's order, since a client sees only
// the first failing one.

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub', gitlab: 'GitLab', bitbucket: 'Bitbucket' };

/** `POST /tasks/{user}`. */
export function createTask(ctx: RequestContext): Reply {
  const { world, user: caller } = ctx;
  const owner = resolveUserParam(ctx, ctx.params.user ?? '');
  if ('reply' in owner) return owner.reply;
  const decoded = decodeBody(ctx, 'CreateTaskRequest', {
    template_version_id: 'uuid',
    template_version_preset_id: 'uuid',
    input: 'string',
    name: 'string',
    display_name: 'string',
  });
  if ('reply' in decoded) return decoded.reply;
  const req = decoded.value;
  const version = req.template_version_id ? world.versions.get(req.template_version_id) : undefined;
  if (!version || !canSeeOrganization(caller, version.organizationId)) {
    return errorReply(400, 'Template version not found or you do not have access to this resource');
  }
  if (!version.hasAiTask) return errorReply(400, 'Template does not have a valid "coder_ai_task" resource.');
  const input = req.input ?? '';
  if (req.name) {
    const problem = validateTaskName(req.name);
    if (problem) return errorReply(400, problem.message, problem.detail);
  }
  if (req.display_name) {
    const problem = validateTaskDisplayName(req.display_name);
    if (problem) return errorReply(400, problem.message, problem.detail);
  }
  const target = owner.user;
  if (!target.organizationIds.includes(version.organizationId)) return notFound();
  if (caller.id !== target.id && !administers(caller, version.organizationId)) {
    return errorReply(403, 'Unauthorized to create workspace.');
  }
  const template = world.templates.get(version.templateId);
  const missing = (template?.requiredExternalAuth ?? []).filter((p) => !target.externalAuth.has(p));
  if (missing.length > 0) {
    const names = missing.map((p) => PROVIDER_NAMES[p] ?? p).join(', ');
    return errorReply(
      403,
      'External authentication is required to create a workspace with this template.',
      `The workspace owner must authenticate with the following external auth providers: ${names}.`,
      missing.map((p) => ({ field: 'external_auth', detail: p })),
    );
  }
  const taken = (candidate: string): boolean => {
    const lower = candidate.toLowerCase();
    return (
      world.taskByOwnerAndName(target.id, candidate) !== undefined ||
      [...world.workspaces.values()].some(
        (w) => !w.deleted && w.ownerId === target.id && w.name.toLowerCase() === lower,
      )
    );
  };
  // Coder generates both names from the prompt when either is missing.
  const displayGiven = goTrimSpace(req.display_name ?? '');
  let generated = !req.name || !displayGiven ? generateTaskName(input) : undefined;
  // Four hex digits collide often enough in a busy test run; a generated name is redrawn, not refused.
  for (let i = 0; !req.name && generated && taken(generated.name) && i < 20; i++)
    generated = generateTaskName(input);
  const name = req.name || generated?.name || '';
  if (taken(name)) {
    return errorReply(409, `Workspace "${name}" already exists.`, undefined, [
      { field: 'name', detail: 'This value is already in use and should be unique.' },
    ]);
  }
  const presetId =
    req.template_version_preset_id && req.template_version_preset_id !== NIL_UUID
      ? req.template_version_preset_id
      : version.presets.find((p) => p.isDefault)?.id;
  const now = world.stamp();
  const task: TaskRecord = {
    id: newId(),
    name,
    displayName: displayGiven || generated?.displayName || '',
    ownerId: target.id,
    organizationId: version.organizationId,
    templateId: version.templateId,
    templateVersionId: version.id,
    presetId,
    workspaceId: null,
    initialPrompt: input,
    createdAt: now,
    deletedAt: null,
    snapshot: null,
    agent: { messages: [], busy: false, script: undefined, behaviour: {}, cancel: undefined, generation: 0 },
  };
  const ws: WorkspaceRecord = {
    id: newId(),
    name,
    ownerId: target.id,
    organizationId: version.organizationId,
    templateId: version.templateId,
    createdAt: now,
    updatedAt: now,
    deleted: false,
    taskId: task.id,
    builds: [],
    appStatuses: [],
  };
  task.workspaceId = ws.id;
  world.tasks.set(task.id, task);
  world.workspaces.set(ws.id, ws);
  queueBuild(world, ws, 'start', 'initiator', caller.id, ctx.defaultAgentScript, {
    templateVersionId: version.id,
    presetId,
  });
  return ok(taskJson(world, task), 201);
}

/** `GET /tasks?q=…`. */
export function listTasks(ctx: RequestContext): Reply {
  const { world, user: caller } = ctx;
  const parsed = parseSearchQuery(ctx.query.get('q') ?? '', 'owner');
  if ('problem' in parsed) {
    return errorReply(400, 'Invalid task search query.', undefined, [parsed.problem]);
  }
  const params = new QueryParams(parsed.values);
  // A UUID is taken as it is (no lookup); `me` is the caller; a name must be a user the caller can see.
  // An empty value (`owner:""`) means no filter there, as coderd's parsers return uuid.Nil for it.
  const ownerId = params.custom('owner', (value) => {
    if (value === '') return undefined;
    if (value === 'me') return caller.id;
    const id = parseUuid(value);
    if (id) return id;
    const user = world.userByName(value);
    if (!user || !canSeeUser(caller, user)) {
      throw new Error(`user ${goQuote(value)} either does not exist, or you are unauthorized to view them`);
    }
    return user.id;
  });
  const orgId = params.custom('organization', (value) => {
    if (value === '') return undefined;
    const id = parseUuid(value);
    if (id) return id;
    const org = world.organizationByName(value);
    if (!org || !canSeeOrganization(caller, org.id)) {
      throw new Error(
        `organization ${goQuote(value)} either does not exist, or you are unauthorized to view it`,
      );
    }
    return org.id;
  });
  // `status:""` is the empty string coderd treats as no status filter.
  const status = params.string('status') || undefined;
  params.errorExcessParams();
  if (params.problems.length > 0) {
    return errorReply(400, 'Invalid task search query.', undefined, params.problems);
  }
  if (status !== undefined && !isKnownTaskStatus(status)) {
    // Go casts the value to the Postgres enum unchecked, so the database rejects it.
    return errorReply(
      500,
      'Internal error fetching tasks.',
      `invalid input value for enum task_status: "${status}"`,
    );
  }
  const visible = [...world.tasks.values()].filter(
    (t) => t.deletedAt === null && canRead(caller, t.ownerId, t.organizationId),
  );
  // convertTasks refuses a task without a workspace, failing the whole list.
  if (visible.some((t) => t.workspaceId === null)) {
    return errorReply(500, 'Internal error converting tasks.', 'task has no workspace ID');
  }
  const tasks = visible
    .filter((t) => ownerId === undefined || t.ownerId === ownerId)
    .filter((t) => orgId === undefined || t.organizationId === orgId)
    .filter((t) => status === undefined || taskStatusOf(world, t) === status)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((t) => taskJson(world, t));
  return ok({ tasks, count: tasks.length });
}

/** `GET /tasks/{user}/{task}`. */
export function getTask(ctx: RequestContext): Reply {
  const found = resolveTask(ctx);
  if ('reply' in found) return found.reply;
  const { world } = ctx;
  if (found.task.workspaceId === null) {
    return errorReply(500, 'Internal error fetching task.', 'Task workspace ID is invalid.');
  }
  const ws = world.workspaceOf(found.task);
  if (!ws) return notFound();
  return ok(taskJson(world, found.task));
}

/** `DELETE /tasks/{user}/{task}`: queues a delete build, then soft-deletes the task at once. */
export function deleteTask(ctx: RequestContext): Reply {
  const found = resolveTask(ctx);
  if ('reply' in found) return found.reply;
  const { world, user: caller } = ctx;
  const { task } = found;
  if (!canWrite(caller, task.ownerId, task.organizationId)) {
    return buildForbidden('delete');
  }
  const ws = world.workspaceOf(task);
  if (ws && !ws.deleted) {
    if (hasActiveJob(ws)) return buildAlreadyActive();
    // Soft-delete before the build so the build's shutdown does not store a new snapshot.
    task.deletedAt = world.stamp();
    task.snapshot = null;
    stopAgent(task);
    queueBuild(world, ws, 'delete', 'initiator', caller.id, ctx.defaultAgentScript);
  } else {
    task.deletedAt = world.stamp();
    task.snapshot = null;
    stopAgent(task);
  }
  world.notifyAny();
  return { status: 202 };
}
