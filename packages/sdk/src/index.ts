export type { CreateChatInput, CreateChatOptions } from './chats/chat-create';
export {
  ChatActionRequiredError,
  ChatSendUncertainError,
  ChatsUnavailableError,
  type ChatsUnavailableReason,
  ChatTurnFailedError,
  ChatTurnTimeoutError,
} from './chats/chat-errors';
export type { ChatMessagesOptions } from './chats/chat-messages';
export type { ChatStreamOptions, StreamChatOptions } from './chats/chat-streams';
export {
  type ChatTranscriptEntry,
  type ChatTranscriptOptions,
  chatTranscript,
} from './chats/chat-transcript';
export type { ChatTurnUntil } from './chats/chat-turn';
export type { ChatMessagesPageOptions, ListChatsFilter } from './chats/chats-api';
export type { ApiSupport } from './chats/chats-prefix';
export type { IdempotencyLabel } from './chats/created-chat';
export type { ChatTurn, WaitForChatTurnOptions } from './chats/wait-for-chat-turn';
export { CoderClient } from './client';
export type { AttemptHistory, CallOptions, CoderClientOptions, RequestSpec } from './client-options';
export * from './errors';
export type { HttpExchange } from './http-transport';
export { PresetNotFoundError, pickGitHubUser, pickPreset, UserLookupError } from './lookups';
export type { RawResponse, RequestContext } from './response-body';
export {
  computeBackoff,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type ResolvedRetryPolicy,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelay,
} from './retry-policy';
export { type SseEvent, SseParser } from './sse-parser';
export {
  agentState,
  describeWaitUntil,
  isSynthesizedState,
  isWaitSatisfied,
  SYNTHESIZED_STATE_MESSAGES,
  taskChangeKey,
  type WaitUntil,
} from './task-conditions';
export { TaskFailedError, TaskPausedError, TaskWaitTimeoutError } from './task-errors';
export { SDK_VERSION } from './version';
export { DEFAULT_WAIT_TIMEOUT, type WaitForTaskOptions } from './wait-for-task';
export type { WatchWorkspaceOptions } from './watch-workspace';
