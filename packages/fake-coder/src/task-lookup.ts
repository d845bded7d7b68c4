import { parseUuid } from '@coder-tasks/types';
import { canRead, canSeeUser } from './auth';
import type { TaskRecord, UserRecord } from './model';
import { errorReply, notFound, type Reply, type RequestContext } from './reply';

/**
 * The `{user}` path segment (httpmw.ExtractOrganizationMembersParam): `me`, a username or a user id.
 * Unknown users and users the caller cannot see are 404.
 */
export function resolveUserParam(
  ctx: RequestContext,
  value: string,
): { user: UserRecord } | { reply: Reply } {
  const { world, user: caller } = ctx;
  if (value === 'me') return { user: caller };
  const id = parseUuid(value);
  const target = (id ? world.users.get(id) : undefined) ?? world.userByName(value);
  if (!target || !canSeeUser(caller, target)) return { reply: notFound() };
  return { user: target };
}

/**
 * The `{task}` path segment (httpmw.ExtractTaskParam): a UUID is looked up by id whatever `{user}` says
 * (falling back to a name lookup when no task has that id); otherwise a case-insensitive name of a live
 * task of the `{user}` owner. Missing or unreadable → 404; empty → 400.
 */
export function resolveTask(ctx: RequestContext): { task: TaskRecord; owner: UserRecord } | { reply: Reply } {
  const owner = resolveUserParam(ctx, ctx.params.user ?? '');
  if ('reply' in owner) return owner;
  const value = ctx.params.task ?? '';
  if (value === '') return { reply: errorReply(400, '"task" must be provided.') };
  const { world, user: caller } = ctx;
  const id = parseUuid(value);
  let task = id ? world.taskById(id) : undefined;
  if (!task) task = world.taskByOwnerAndName(owner.user.id, value);
  if (!task || !canRead(caller, task.ownerId, task.organizationId)) return { reply: notFound() };
  return { task, owner: owner.user };
}
