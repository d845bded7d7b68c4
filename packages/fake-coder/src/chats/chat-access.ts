import { parseUuid } from '@coder-tasks/types';
import { canRead, canWrite } from '../http/auth';
import { errorReply, notFound, type Reply } from '../http/reply';
import type { RequestContext } from '../http/request-context';
import { gatewayAnswers503 } from './chat-generation';
import type { ChatRecord, ChatsModel } from './chats-model';

/**
 * The `{chat}` of a route, as coderd's chat middleware resolves it: 400 for a malformed UUID, 404 for a
 * chat the caller cannot read; write routes also answer 404 when the caller may read but not change it.
 */
export function lookupChat(
  model: ChatsModel,
  ctx: RequestContext,
  access: 'read' | 'write',
): { chat: ChatRecord } | { reply: Reply } {
  const raw = ctx.params.chat ?? '';
  const id = parseUuid(raw);
  if (!id) {
    return {
      reply: errorReply(400, `Invalid UUID ${JSON.stringify(raw)}.`, `invalid UUID length: ${raw.length}`),
    };
  }
  const chat = model.chats.get(id);
  if (!chat || !canRead(ctx.user, chat.ownerId, chat.organizationId)) return { reply: notFound() };
  if (access === 'write' && !canWrite(ctx.user, chat.ownerId, chat.organizationId))
    return { reply: notFound() };
  return { chat };
}

/**
 * The answer of a route that needs the chat daemon while the AI gateway is off: 503 from v2.38, the
 * exp-era daemon's 500 before.
 */
export function daemonUnavailable(model: ChatsModel): Reply | undefined {
  if (model.settings.aiGateway) return undefined;
  if (!gatewayAnswers503(model.world.version)) {
    return errorReply(500, 'Chat processor is unavailable.', 'Chat processor is not configured.');
  }
  return errorReply(
    503,
    'AI Gateway must be enabled for Coder Agents functionality. Please contact your deployment administrator.',
    'Set CODER_AI_GATEWAY_ENABLED=true (or ai-gateway-enabled in deployment YAML) to enable.',
  );
}

/** A chat is busy while a turn runs, is being interrupted, waits for the client, or is about to start. */
export function isBusy(chat: ChatRecord): boolean {
  return (
    chat.status === 'running' ||
    chat.status === 'interrupting' ||
    chat.status === 'requires_action' ||
    chat.turn.pickupPending
  );
}
