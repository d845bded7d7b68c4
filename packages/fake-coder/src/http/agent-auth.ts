import type { IncomingHttpHeaders } from 'node:http';
import { parseUuid } from '@coder-tasks/types';
import type { UserRecord, WorkspaceRecord } from '../world/model';
import type { World } from '../world/world';
import { tokenFromRequest } from './auth';
import { errorReply, type Reply } from './reply';

/**
 * Authenticates a workspace agent by its token, as httpmw.ExtractWorkspaceAgentAndLatestBuild does: the
 * agent of the workspace's current start build, until it is off (it can still upload its snapshot while
 * the stop build runs).
 */
export function authenticateAgent(
  world: World,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): { user: UserRecord; workspace: WorkspaceRecord } | { reply: Reply } {
  const value = tokenFromRequest(headers, query);
  if (!value) return { reply: errorReply(401, 'Cookie "coder_session_token" must be provided.') };
  const token = parseUuid(value);
  if (!token) {
    return {
      reply: errorReply(
        401,
        'Workspace agent token invalid.',
        `An agent token must be a valid UUIDv4. (len ${Buffer.byteLength(value)})`,
      ),
    };
  }
  for (const ws of world.workspaces.values()) {
    if (ws.deleted) continue;
    const agent = world.currentAgent(ws);
    if (agent?.token !== token || agent.lifecycle === 'off') continue;
    const owner = world.users.get(ws.ownerId);
    if (owner) return { user: owner, workspace: ws };
  }
  return {
    reply: errorReply(
      401,
      'Workspace agent not authorized.',
      'The agent cannot authenticate until the workspace provision job has been completed. If the job is no longer running, this agent is invalid.',
    ),
  };
}
