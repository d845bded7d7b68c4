import { parseUuid } from '@coder-tasks/types';
import { errorReply, type Reply } from '../http/reply';
import type { ChatStoreFault, ChatsModel } from './chats-model';

/** coderd's cap on the client-executed tools of one chat. */
export const MAX_DYNAMIC_TOOLS = 250;

/**
 * The `mcp_server_ids` of a create: every id must be an enabled MCP server of the deployment, else 400
 * with the unknown ones in the detail. Answers the ids to store, or the refusal.
 */
export function checkMcpServerIds(model: ChatsModel, value: unknown): { ids: string[] } | { reply: Reply } {
  if (value === undefined || value === null) return { ids: [] };
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !parseUuid(v))) {
    return {
      reply: errorReply(
        400,
        'Request body must be valid JSON.',
        'json: cannot unmarshal into Go struct field CreateChatRequest.mcp_server_ids of type uuid.UUID',
      ),
    };
  }
  const ids = (value as string[]).map((v) => parseUuid(v) as string);
  const invalid = ids.filter((id) => !model.settings.mcpServers.has(id));
  if (invalid.length > 0) {
    return {
      reply: errorReply(
        400,
        'One or more MCP server IDs are invalid or disabled.',
        `Invalid IDs: ${invalid.join(', ')}`,
      ),
    };
  }
  return { ids };
}

/** The `unsafe_dynamic_tools` of a create: at most 250, each with a non-empty name no other one has. */
export function checkDynamicTools(value: unknown): Reply | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'object' || t === null || Array.isArray(t))) {
    return errorReply(
      400,
      'Request body must be valid JSON.',
      'json: cannot unmarshal into Go struct field CreateChatRequest.unsafe_dynamic_tools of type codersdk.DynamicTool',
    );
  }
  if (value.length > MAX_DYNAMIC_TOOLS) {
    return errorReply(400, 'Too many dynamic tools.', `Maximum ${MAX_DYNAMIC_TOOLS} dynamic tools per chat.`);
  }
  const seen = new Set<string>();
  for (const tool of value as Record<string, unknown>[]) {
    const name = typeof tool.name === 'string' ? tool.name : '';
    if (name === '') return errorReply(400, 'Dynamic tool name must not be empty.');
    if (seen.has(name)) {
      return errorReply(
        400,
        'Duplicate dynamic tool name.',
        `Tool ${JSON.stringify(name)} appears more than once.`,
      );
    }
    seen.add(name);
  }
  return undefined;
}

/** coderd's fixed 403 for a caller whose roles do not allow the action. */
export function forbidden(): Reply {
  return errorReply(
    403,
    'Forbidden.',
    "You don't have permission to view this content. If you believe this is a mistake, please contact your administrator or try signing in with different credentials.",
  );
}

/**
 * The 500 of a store write a test made fail (`message` as coderd words it for that write), with a Go-like
 * error as the detail.
 */
export function storeFailure(model: ChatsModel, fault: ChatStoreFault, message: string): Reply | undefined {
  if (!model.settings.storeFaults.has(fault)) return undefined;
  return errorReply(500, message, 'pq: the fake store refused the write (injected fault)');
}
