import { randomUUID } from 'node:crypto';
import { type ChatRecord, newChatRecord } from './chat-record';
import type { ChatsModel } from './chats-model';

/**
 * Saves a subagent chat under `root`, as chatd does when the agent spawns one: same owner, organization
 * and model, idle, and nested one level deep (coderd caps the depth at 1).
 */
export function addChild(model: ChatsModel, root: ChatRecord, title: string): ChatRecord {
  const now = model.world.stamp();
  const child = newChatRecord(now, {
    id: randomUUID(),
    organizationId: root.organizationId,
    ownerId: root.ownerId,
    title,
    status: 'waiting',
    archived: root.archived,
    pinOrder: 0,
    labels: {},
    modelConfigId: root.modelConfigId,
    planMode: '',
    clientType: root.clientType,
    workspaceId: root.workspaceId,
    mcpServerIds: [],
    parentId: root.id,
  });
  model.chats.set(child.id, child);
  model.world.notifyAny();
  return child;
}
