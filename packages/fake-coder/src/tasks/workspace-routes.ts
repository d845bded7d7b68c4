import { parseUuid } from '@coder-tasks/types';
import { canRead } from '../http/auth';
import { errorReply, notFound, ok, type Reply } from '../http/reply';
import type { RequestContext } from '../http/request-context';
import { workspaceJson } from './task-json';

/** `GET /api/v2/workspaces/{workspace}`; a deleted one is 410 unless `include_deleted=true`. */
export function getWorkspace(ctx: RequestContext): Reply {
  const id = parseUuid(ctx.params.workspace ?? '');
  const ws = id ? ctx.world.workspaces.get(id) : undefined;
  if (!ws || !canRead(ctx.user, ws.ownerId, ws.organizationId)) return notFound();
  if (ws.deleted && ctx.query.get('include_deleted') !== 'true') {
    return errorReply(
      410,
      `Workspace "${ws.id}" was deleted, you can view this workspace by specifying 'include_deleted=true' and trying again.`,
    );
  }
  return ok(workspaceJson(ctx.world, ws));
}
