import { randomUUID } from 'node:crypto';
import { parseUuid } from '@coder-tasks/types';
import { canRead, canWrite } from '../http/auth';
import { errorReply, notFound, type Reply } from '../http/reply';
import type { RequestContext } from '../http/request-context';
import { gatewayAnswers503 } from './chat-generation';
import type { ChatRecord } from './chat-record';
import type { ChatsModel } from './chats-model';

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
  const shared = chat?.sharedWith.get(ctx.user.id);
  if (!chat || (shared === undefined && !canRead(ctx.user, chat.ownerId, chat.organizationId)))
    return { reply: notFound() };
  if (access === 'write' && shared !== true && !canWrite(ctx.user, chat.ownerId, chat.organizationId))
    return { reply: notFound() };
  return { chat };
}

/**
 * The lifecycle hook's refusal of a create or a send, as coderd's writeChatHookErr writes it: 403 with the
 * hook's reason (or `fallback`) and `kind:"hook_denied"`, or 502 with `kind:"hook_dispatch_failed"` and a
 * detail that names the dispatch but not its error, since that may expose deployment internals.
 */
export function hookRefusal(model: ChatsModel, on: 'create' | 'send', fallback: string): Reply | undefined {
  const hook = model.settings.hook;
  if (!hook || (hook.on !== 'both' && hook.on !== on)) return undefined;
  if (hook.action === 'deny') {
    return { status: 403, body: { message: hook.message || fallback, kind: 'hook_denied' } };
  }
  return {
    status: 502,
    body: {
      message: 'Chat lifecycle hook dispatch failed.',
      detail: `Lifecycle hook dispatch ${randomUUID()} failed (http_error).`,
      kind: 'hook_dispatch_failed',
    },
  };
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
