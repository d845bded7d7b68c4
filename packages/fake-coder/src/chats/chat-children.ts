import { randomUUID } from 'node:crypto';
import type { ChatRecord, ChatsModel } from './chats-model';

/**
 * Saves a subagent chat under `root`, as chatd does when the agent spawns one: same owner, organization
 * and model, idle, and nested one level deep (coderd caps the depth at 1).
 */
export function addChild(model: ChatsModel, root: ChatRecord, title: string): ChatRecord {
  const now = model.world.stamp();
  const child: ChatRecord = {
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
    createdAt: now,
    updatedAt: now,
    lastError: undefined,
    diffStatus: undefined,
    messages: [],
    queue: [],
    queueEverUsed: false,
    pendingToolCalls: [],
    hasUnread: false,
    script: undefined,
    turn: { generation: 0, running: false, pickupPending: false, cancel: undefined },
    sharedWith: new Map(),
    parentId: root.id,
    sendConflict: undefined,
  };
  model.chats.set(child.id, child);
  model.world.notifyAny();
  return child;
}
