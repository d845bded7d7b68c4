import { parseUuid } from '@coder-tasks/types';
import { canSeeUser } from '../http/auth';
import { notFound, type Reply } from '../http/reply';
import type { RequestContext } from '../http/request-context';
import type { UserRecord } from '../world/model';

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
