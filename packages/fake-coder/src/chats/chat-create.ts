import { randomUUID } from 'node:crypto';
import { parseUuid, validateChatLabels } from '@coder-tasks/types';
import { canRead } from '../http/auth';
import { errorReply, ok } from '../http/reply';
import type { Handler } from '../http/request-context';
import { daemonUnavailable, hookRefusal } from './chat-access';
import { checkDynamicTools, checkMcpServerIds, forbidden, storeFailure } from './chat-create-checks';
import { saveMessage, watch } from './chat-events';
import { hasPending } from './chat-generation';
import { CHAT_BODY_LIMIT, contentParts, fallbackTitle, field, readObject } from './chat-input';
import { newChatRecord } from './chat-record';
import { answerUserMessage } from './chat-runner';
import { chatJson } from './chat-wire';
import type { ChatsModel } from './chats-model';

const STRUCT = 'CreateChatRequest';

/**
 * `POST /chats`: checks in coderd's order, then saves the chat with its first user message and answers
 * 201 with the chat already `running` (the create transition commits with the insert), unless a pickup
 * delay emulates an exp-era processor.
 */
export function createChatHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const unavailable = daemonUnavailable(model);
    if (unavailable) return unavailable;
    const read = readObject(ctx, STRUCT, CHAT_BODY_LIMIT);
    if ('reply' in read) return read.reply;
    const body = read.value;
    const org = field<string>(body, STRUCT, 'organization_id', 'string', 'uuid.UUID');
    if ('reply' in org) return org.reply;
    const orgId = org.value === undefined ? undefined : parseUuid(org.value);
    if (org.value !== undefined && !orgId) {
      return errorReply(400, 'Request body must be valid JSON.', `invalid UUID length: ${org.value.length}`);
    }
    if (!orgId || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(orgId))
      return errorReply(400, 'organization_id is required.');
    if (!ctx.user.organizationIds.includes(orgId)) {
      return errorReply(403, 'You are not a member of the specified organization.');
    }
    if (model.settings.createForbidden) return forbidden();
    const content = field<unknown[]>(body, STRUCT, 'content', 'array', '[]codersdk.ChatInputPart');
    if ('reply' in content) return content.reply;
    const parts = contentParts(content.value);
    if ('reply' in parts) return parts.reply;
    const strings: Record<string, string | undefined> = {};
    for (const key of ['workspace_id', 'model_config_id', 'plan_mode', 'client_type', 'system_prompt']) {
      const f = field<string>(body, STRUCT, key, 'string', key.endsWith('_id') ? 'uuid.UUID' : 'string');
      if ('reply' in f) return f.reply;
      strings[key] = f.value;
    }
    if (strings.workspace_id !== undefined) {
      const ws = ctx.world.workspaces.get(parseUuid(strings.workspace_id) ?? '');
      if (!ws || ws.deleted || !canRead(ctx.user, ws.ownerId, ws.organizationId)) {
        return errorReply(400, 'Workspace not found or you do not have access to this resource');
      }
      if (ws.organizationId !== orgId)
        return errorReply(400, 'Workspace does not belong to the specified organization.');
    }
    const modelConfigId = model.modelConfigId(orgId);
    if (strings.model_config_id !== undefined && parseUuid(strings.model_config_id) !== modelConfigId) {
      return errorReply(400, 'Invalid model config ID.');
    }
    const unavailableModels = model.settings.modelUnavailable;
    if (unavailableModels.has('*') || unavailableModels.has(orgId)) {
      return errorReply(
        400,
        'No chat model is available in this organization.',
        'Ask an organization administrator to configure and enable a chat model.',
      );
    }
    const planMode = strings.plan_mode ?? '';
    if (planMode !== '' && planMode !== 'plan') return errorReply(400, 'Invalid plan_mode value.');
    const mcp = checkMcpServerIds(model, body.mcp_server_ids);
    if ('reply' in mcp) return mcp.reply;
    const labels = field<Record<string, unknown>>(body, STRUCT, 'labels', 'object', 'map[string]string');
    if ('reply' in labels) return labels.reply;
    const labelMap = stringMap(labels.value ?? {});
    if (labelMap === undefined) {
      return errorReply(
        400,
        'Request body must be valid JSON.',
        'json: cannot unmarshal into Go struct field CreateChatRequest.labels of type string',
      );
    }
    const labelErrors = validateChatLabels(labelMap);
    if (labelErrors.length > 0) return errorReply(400, 'Invalid labels.', undefined, labelErrors);
    const tools = checkDynamicTools(body.unsafe_dynamic_tools);
    if (tools) return tools;
    const clientType = strings.client_type ?? '';
    if (clientType !== '' && clientType !== 'ui' && clientType !== 'api') {
      return errorReply(400, 'Invalid client_type.');
    }
    // coderd's chat daemon runs the hook as it creates the chat, after every check of the request.
    const refused = hookRefusal(model, 'create', 'Chat creation denied by lifecycle hook.');
    if (refused) return refused;
    const failed = storeFailure(model, 'create-chat', 'Failed to create chat.');
    if (failed) return failed;

    const now = ctx.world.stamp();
    const pickup = model.settings.pickupDelayMs > 0;
    const chat = newChatRecord(now, {
      id: randomUUID(),
      organizationId: orgId,
      ownerId: ctx.user.id,
      title: fallbackTitle(parts.parts),
      status: !pickup ? 'running' : hasPending(ctx.world.version) ? 'pending' : 'waiting',
      archived: false,
      pinOrder: 0,
      labels: labelMap,
      modelConfigId,
      planMode,
      clientType: clientType || 'api',
      workspaceId: strings.workspace_id === undefined ? undefined : parseUuid(strings.workspace_id),
      mcpServerIds: mcp.ids,
      parentId: undefined,
    });
    model.chats.set(chat.id, chat);
    if (strings.system_prompt)
      saveMessage(model, chat, 'system', [{ type: 'text', text: strings.system_prompt }]);
    const first = saveMessage(model, chat, 'user', parts.parts, ctx.user.id);
    watch(model, chat, 'created');
    answerUserMessage(
      model,
      chat,
      first.parts.map((p) => (p.type === 'text' ? String(p.text) : '')).join(''),
    );
    return ok(chatJson(model, chat), 201);
  };
}

/** A labels object whose values are all strings, or undefined. */
export function stringMap(value: Record<string, unknown>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return undefined;
    out[k] = v;
  }
  return out;
}
