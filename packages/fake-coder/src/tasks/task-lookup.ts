import { parseUuid } from '@coder-tasks/types';
import { canRead } from '../http/auth';
import { errorReply, notFound, type Reply } from '../http/reply';
import type { RequestContext } from '../http/request-context';
import { resolveUserParam } from '../resources/resolve-user-param';
import type { TaskRecord, UserRecord } from '../world/model';

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
