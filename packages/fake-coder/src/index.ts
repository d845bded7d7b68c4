export type { AgentReply, AgentReportState, AgentScript, AgentStep } from './agent-script';
export { DEFAULT_AGENT_SCRIPT } from './agent-script';
export type {
  ChatAgentScript,
  ChatTurnEnd,
  ChatTurnScript,
  ChatTurnStep,
  FakeChatDiffStatus,
  FakeChatError,
  FakeChatPart,
  FakeChatToolCall,
} from './chats/chat-script';
export { DEFAULT_CHAT_SCRIPT } from './chats/chat-script';
export type {
  ChatStreamFaultHandle,
  ChatStreamFaultOptions,
  ChatWaitOptions,
  FakeChatMessageView,
  FakeChatQueuedView,
  FakeChatsControl,
  FakeChatView,
} from './chats/fake-chats-control';
export type { FakeCoder, FakeCoderOptions } from './fake-coder';
export { startFakeCoder } from './fake-coder';
export type {
  FakeClockControl,
  FakeCoderControl,
  PresetSpec,
  TemplateSpec,
  TemplateVersionSpec,
  WaitOptions,
} from './fake-coder-control';
export type { FaultHandle, FaultKind, FaultSpec } from './faults';
export type { AgentApiBehaviour, AppHealth, AppStatusState, FakeRole } from './model';
export type { PhaseDurations } from './phase-durations';
export type { RecordedRequest } from './recorder';
export type { SeedInfo } from './seed';
export type {
  FakeAgentMessage,
  FakeOrganization,
  FakeTaskView,
  FakeTemplate,
  FakeTemplateVersion,
  FakeUser,
} from './views';
export type { WatchErrorResponse } from './watch-streams';
