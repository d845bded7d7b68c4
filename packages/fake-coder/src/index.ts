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
  FakeChatHook,
  FakeChatMessageView,
  FakeChatQueuedView,
  FakeChatsControl,
  FakeChatView,
} from './chats/fake-chats-control';
export type { FakeCoder, FakeCoderOptions } from './fake-coder';
export { DEFAULT_FAKE_CODER_VERSION, startFakeCoder } from './fake-coder';
export type { FakeClockControl, FakeCoderControl, WaitOptions } from './fake-coder-control';
export type { FaultHandle, FaultKind, FaultSpec } from './http/faults';
export type { RecordedRequest } from './http/recorder';
export type { FakeAgentMessage, FakeTaskView } from './tasks/task-view';
export type { WatchErrorResponse } from './tasks/watch-streams';
export type { AgentReply, AgentReportState, AgentScript, AgentStep } from './world/agent-script';
export { DEFAULT_AGENT_SCRIPT } from './world/agent-script';
export type { AppStatusState } from './world/app-status-state';
export type { AgentApiBehaviour, AppHealth, FakeRole } from './world/model';
export type { PhaseDurations } from './world/phase-durations';
export type { SeedInfo } from './world/seed';
export type { ServedApis } from './world/served-apis';
export type { PresetSpec, TemplateSpec, TemplateVersionSpec } from './world/template-spec';
export type { FakeOrganization, FakeTemplate, FakeTemplateVersion, FakeUser } from './world/world-views';
