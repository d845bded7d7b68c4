import type { TaskRecord } from '../world/model';
import { ts } from '../world/record-time';
import type { World } from '../world/world';
import { workspaceStatus } from './status';
import { deriveTask, taskJson } from './task-json';

// A read-only view of a task for tests (`control.tasks()`, `control.task()`): a plain object, detached
// from the live state.

/** One AgentAPI message (role `user` = input, `agent` = output). */
export interface FakeAgentMessage {
  id: number;
  role: string;
  content: string;
  time: string;
}

/** A task as tests see it: its derived status and state, its agent's messages, and its wire JSON. */
export interface FakeTaskView {
  id: string;
  name: string;
  displayName: string;
  ownerId: string;
  ownerName: string;
  organizationId: string;
  templateId: string;
  templateVersionId: string;
  presetId: string | undefined;
  workspaceId: string | null;
  initialPrompt: string;
  status: string;
  /** The latest build's workspace status, when there is a build. */
  workspaceStatus: string | undefined;
  buildNumber: number | undefined;
  /** The latest build's transition and reason. */
  buildTransition: string | undefined;
  buildReason: string | undefined;
  currentState: { timestamp: string; state: string; message: string; uri: string } | null;
  messages: FakeAgentMessage[];
  snapshot: { at: string; messages: FakeAgentMessage[] } | null;
  /** AgentAPI reports `running` (a reply is in progress). */
  agentBusy: boolean;
  deleted: boolean;
  /** Exactly what `GET /api/v2/tasks/{user}/{task}` would answer (for a caller who may read it). */
  json: Record<string, unknown>;
}

/** A task as tests see it, derived from the current state. */
export function taskView(world: World, task: TaskRecord): FakeTaskView {
  const { latest, status, current } = deriveTask(world, task);
  const msg = (m: TaskRecord['agent']['messages'][number]): FakeAgentMessage => ({
    id: m.id,
    role: m.role,
    content: m.content,
    time: ts(m.time),
  });
  return {
    id: task.id,
    name: task.name,
    displayName: task.displayName,
    ownerId: task.ownerId,
    ownerName: world.users.get(task.ownerId)?.username ?? '',
    organizationId: task.organizationId,
    templateId: task.templateId,
    templateVersionId: task.templateVersionId,
    presetId: task.presetId,
    workspaceId: task.workspaceId,
    initialPrompt: task.initialPrompt,
    status,
    workspaceStatus: latest ? workspaceStatus(latest) : undefined,
    buildNumber: latest?.number,
    buildTransition: latest?.transition,
    buildReason: latest?.reason,
    currentState: current ? { ...current, timestamp: ts(current.timestamp) } : null,
    messages: task.agent.messages.map(msg),
    snapshot: task.snapshot ? { at: ts(task.snapshot.at), messages: task.snapshot.messages.map(msg) } : null,
    agentBusy: task.agent.busy,
    deleted: task.deletedAt !== null,
    json: taskJson(world, task),
  };
}
