import type { ChatAgentScript, FakeChatDiffStatus, FakeChatError } from './chat-script';

// The rows of the Chats surface: what the fake stores per chat, and how a new chat starts. Plain data; the
// store that holds them, with its settings and event bus, is chats-model.ts.

/** The statuses the fake puts a chat in (`pending` only while an exp-era pickup delay runs). */
export type ChatStatusValue =
  | 'waiting'
  | 'running'
  | 'error'
  | 'requires_action'
  | 'interrupting'
  | 'pending';

/** A saved message. Times are integer microseconds of the fake clock. */
export interface ChatMessageRecord {
  id: number;
  chatId: string;
  role: string;
  /** Set on user messages. */
  createdBy: string | undefined;
  /** The model that wrote it, set on assistant messages. */
  modelConfigId: string | undefined;
  parts: Record<string, unknown>[];
  createdAt: number;
}

/** A user message waiting for the current turn to end. */
export interface QueuedMessageRecord {
  id: number;
  chatId: string;
  createdBy: string;
  parts: Record<string, unknown>[];
  createdAt: number;
}

/** A tool call the client is asked to run (`requires_action`). */
export interface PendingToolCall {
  toolCallId: string;
  toolName: string;
  args: string;
}

/** The state of the simulated agent of one chat. */
export interface ChatTurnState {
  /** Bumped to cancel whatever the current turn still has scheduled. */
  generation: number;
  /** A turn is in progress (steps scheduled, or a turn that never ends). */
  running: boolean;
  /** A pickup is scheduled: the chat is about to start a turn although its status does not say so yet. */
  pickupPending: boolean;
  cancel: (() => void) | undefined;
}

/** A chat. */
export interface ChatRecord {
  id: string;
  organizationId: string;
  ownerId: string;
  title: string;
  status: ChatStatusValue;
  archived: boolean;
  pinOrder: number;
  labels: Record<string, string>;
  modelConfigId: string;
  planMode: string;
  clientType: string;
  workspaceId: string | undefined;
  mcpServerIds: string[];
  createdAt: number;
  updatedAt: number;
  lastError: FakeChatError | undefined;
  diffStatus: FakeChatDiffStatus | undefined;
  messages: ChatMessageRecord[];
  queue: QueuedMessageRecord[];
  /** coderd sends `queue_update` in a snapshot once a chat has ever had a queue. */
  queueEverUsed: boolean;
  pendingToolCalls: PendingToolCall[];
  hasUnread: boolean;
  script: ChatAgentScript | undefined;
  turn: ChatTurnState;
  /** Users the chat is shared with (its user ACL), by id: `true` when they may also update it. */
  sharedWith: Map<string, boolean>;
  /** The root chat of a subagent chat; undefined on a root chat. */
  parentId: string | undefined;
  /** A send refusal forced by `control.chats.setSendConflict`, answered 409 until cleared. */
  sendConflict: ChatSendConflict | undefined;
}

/** The fields every chat starts with, whoever saves it: no history, no queue, no turn, no error. */
type FreshChatField =
  | 'createdAt'
  | 'updatedAt'
  | 'lastError'
  | 'diffStatus'
  | 'messages'
  | 'queue'
  | 'queueEverUsed'
  | 'pendingToolCalls'
  | 'hasUnread'
  | 'script'
  | 'turn'
  | 'sharedWith'
  | 'sendConflict';

/** A chat as it is first saved at `now`: `fields`, and the rest as every new chat has it. */
export function newChatRecord(now: number, fields: Omit<ChatRecord, FreshChatField>): ChatRecord {
  return {
    ...fields,
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
    sendConflict: undefined,
  };
}

/**
 * Which 409 a send gets: `transition` when chatd's state machine does not allow the send from the
 * chat's state, `invalid-state` when the chat's stored state is itself invalid.
 */
export type ChatSendConflict = 'transition' | 'invalid-state';
