import type { AgentScript } from '../world/agent-script';
import type { UserRecord, WorkspaceRecord } from '../world/model';
import type { World } from '../world/world';
import type { Reply } from './reply';

/** Everything a handler gets about one request. */
export interface RequestContext {
  world: World;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  rawBody: Buffer;
  /**
   * The body passed coderd's 4 MiB limit (`rawBody` holds its first 4 MiB). Only a route that reads its
   * body answers 413, and only once its path parameters resolved, as httpapi.Read runs in the handler.
   */
  bodyTooLarge: boolean;
  /**
   * The authenticated caller (set for every route that needs authentication); on an agent route, the
   * owner of the agent's workspace, whose permissions coderd lends the agent.
   */
  user: UserRecord;
  /** On an agent route: the workspace of the authenticated agent. */
  agentWorkspace?: WorkspaceRecord;
  /** The server-wide default agent script. */
  defaultAgentScript: AgentScript | undefined;
}

/** A route handler. */
export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;
