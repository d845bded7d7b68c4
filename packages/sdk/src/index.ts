// The public surface, listed name by name: what a user of the client needs, and nothing of how it
// works inside (backoff arithmetic, the SSE parser, raw responses, version parsing), so that those can
// change before 1.0 without breaking anyone.

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
export {
  type ApiErrorKind,
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  CoderError,
  CoderRequestError,
  CoderResponseFormatError,
  CoderStreamError,
  CoderTimeoutError,
  type ErrorBodyKind,
  type ResponseFormatReason,
} from './errors';
export { PresetNotFoundError, UserLookupError } from './lookups';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export { agentState, isSynthesizedState, isWaitSatisfied, type WaitUntil } from './task-conditions';
export { TaskFailedError, TaskPausedError, TaskWaitTimeoutError } from './task-errors';
export { TasksUnavailableError } from './tasks-unavailable-error';
export { SDK_VERSION } from './version';
export { DEFAULT_WAIT_TIMEOUT, type WaitForTaskOptions } from './wait-for-task';
export type { WatchWorkspaceOptions } from './watch-workspace';
