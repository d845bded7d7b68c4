import type {
  ChatAgentScript,
  ChatTurnEnd,
  ChatTurnStep,
  FakeChatDiffStatus,
  FakeChatError,
  FakeChatPart,
} from './chat-script';

/** A message of a chat as tests inspect it. */
export interface FakeChatMessageView {
  /** The int64 message id (increases across the whole server). */
  id: number;
  role: string;
  /** The `text` of its `text` parts, joined. */
  text: string;
  /** Its parts as sent on the wire. */
  parts: Record<string, unknown>[];
}

/** A queued user message as tests inspect it. */
export interface FakeChatQueuedView {
  id: number;
  text: string;
}

/** A chat as tests inspect it. */
export interface FakeChatView {
  id: string;
  organizationId: string;
  ownerId: string;
  ownerUsername: string;
  title: string;
  /** The status clients see (`waiting`, `running`, `error`, `requires_action`, `interrupting`, `pending`). */
  status: string;
  archived: boolean;
  labels: Record<string, string>;
  messages: FakeChatMessageView[];
  queue: FakeChatQueuedView[];
  lastError: FakeChatError | undefined;
  diffStatus: FakeChatDiffStatus | undefined;
  /** A scripted turn is in progress (its remaining steps are scheduled, or it never ends). */
  turnRunning: boolean;
  /** The chat as `GET /chats/{chat}` writes it. */
  json: Record<string, unknown>;
}

/** A stream fault in force: how often it hit, and a way to remove it. */
export interface ChatStreamFaultHandle {
  /** How many stream connections it has hit so far. */
  readonly hits: number;
  remove(): void;
}

/** Which stream connections a stream fault hits. */
export interface ChatStreamFaultOptions {
  /** Only this chat's `/stream` (default: every chat's, and `/chats/watch` too). */
  chatId?: string;
  /** How many connections it hits (default: until removed). */
  times?: number;
}

/** A lifecycle hook that refuses (see {@link FakeChatsControl.setLifecycleHook}). */
export interface FakeChatHook {
  /** `deny` (403 `hook_denied`) or `fail` (502 `hook_dispatch_failed`). */
  action: 'deny' | 'fail';
  /** The reason a denying hook gives the user. Default: none, so coderd's fallback message. */
  message?: string;
  /** Which route it refuses. Default `both`. */
  on?: 'create' | 'send' | 'both';
}

/** Options of {@link FakeChatsControl.waitForChat}. */
export interface ChatWaitOptions {
  /** Give up after this many ms of real time (default 10_000); with the manual clock, after 10_000 clock steps. */
  timeoutMs?: number;
}

/**
 * Control of the Chats surface (`fake.control.chats`): script the agent, bend the streams, switch the
 * deployment's chat prerequisites off, and inspect chats. Chat ids are the UUIDs the routes return.
 */
export interface FakeChatsControl {
  /**
   * Gives a chat's agent a script, by chat id, or `*` for every chat without one of its own (the built-in
   * {@link DEFAULT_CHAT_SCRIPT} otherwise). A script applies from the next user message the agent takes.
   */
  scriptChat(chatIdOrStar: string, script: ChatAgentScript | ChatTurnStep[]): void;
  /**
   * Ends the chat's current turn now, as `end` says (default `waiting`): its remaining steps are dropped.
   * With `waiting` and a non-empty queue the next queued message is promoted and answered, the status
   * staying `running`. Throws when no turn is in progress.
   */
  finishTurn(chatId: string, end?: ChatTurnEnd): void;
  /**
   * Promotes the head of the queue now, as coderd's queue-promote route does: a running turn is cut short
   * (what it saved stays), the queued message becomes a user message and its turn starts. The status
   * becomes or stays `running`, with no status event when it was `running`. Throws when the queue is empty.
   */
  promoteQueued(chatId: string): void;
  /** Saves a message in the chat as the agent (or anyone) would, and sends it to the chat's streams. */
  addMessage(
    chatId: string,
    message: { role: 'assistant' | 'tool' | 'system' | 'user'; parts: FakeChatPart[] },
  ): number;
  /** Sets or clears (undefined) the chat's `diff_status` (its pull request); watchers get `diff_status_change`. */
  setDiffStatus(chatId: string, diffStatus: FakeChatDiffStatus | undefined): void;
  /**
   * Turns the deployment's AI gateway off (or on again, default on): create, send and stream answer 503
   * `AI Gateway must be enabled for Coder Agents functionality. …` from v2.38, and 500
   * `Chat processor is unavailable.` on earlier generations.
   */
  setAiGateway(enabled: boolean): void;
  /**
   * Whether an organization (name or id; default: every organization) has an enabled chat model (default
   * true). Without one, create answers 400 `No chat model is available in this organization.`.
   */
  setModelAvailable(available: boolean, organization?: string): void;
  /**
   * Delays every live stream and watch event by `ms` of the fake clock (default 0), as a multi-replica
   * coderd can be about 10 s late. The snapshot is not delayed; order is kept.
   */
  setStreamDelay(ms: number): void;
  /**
   * Stream connections that this hits get their snapshot, then their socket is destroyed without a close
   * frame (the client sees 1006), as when a proxy dies.
   */
  dropStreamsAfterSnapshot(options?: ChatStreamFaultOptions): ChatStreamFaultHandle;
  /** Stream connections that this hits are refused before the upgrade: 500 `Failed to open chat stream.`. */
  refuseStreams(options?: ChatStreamFaultOptions): ChatStreamFaultHandle;
  /** Destroys the sockets of the open chat streams (of one chat, or all and every watch). Returns how many. */
  dropStreams(chatId?: string): number;
  /**
   * How `last_error` is written: `object` (a `ChatError`, v2.34 and later), `string` (its message only, as
   * before coderd #24919), or `auto` (default: by the version buildinfo reports).
   */
  setLastErrorFormat(format: 'auto' | 'object' | 'string'): void;
  /**
   * How stream and watch frames are written: `bare` (default; a JSON array of events per stream frame, one
   * event object per watch frame, since coderd #24148) or `envelope` (`{"type":"data","data":…}` frames and
   * `{"type":"ping"}` frames every 15 s and at the start of a watch, as servers before it wrote them).
   */
  setFrameFormat(format: 'bare' | 'envelope'): void;
  /**
   * How many messages a chat may queue before a send answers 429 `Message queue is full.` (default 20).
   */
  setQueueLimit(limit: number): void;
  /**
   * How long (ms of the fake clock, default 0) the chat processor takes to pick a chat up after a create or
   * a send to an idle chat. Meanwhile the chat keeps its previous status (`waiting`, or `pending` after a
   * create on generations before v2.36), so a client can see a stale `waiting` before `running`.
   */
  setPickupDelay(ms: number): void;
  /**
   * What the deployment's chat lifecycle hook does (default: allows everything; `undefined` restores
   * that). `deny`: create and send answer 403 with `kind:"hook_denied"` and `message` (default: coderd's
   * fallback, `Chat creation denied by lifecycle hook.` / `Chat message denied by lifecycle hook.`).
   * `fail`: they answer 502 `Chat lifecycle hook dispatch failed.` with `kind:"hook_dispatch_failed"`.
   * `on` limits it to creates or sends (default both). Nothing is stored either way.
   */
  setLifecycleHook(hook: FakeChatHook | undefined): void;
  /**
   * Shares a chat with another user (by username), as the chat's user ACL does: they may read and stream
   * it (`GET /chats/{chat}`, its messages and stream); with `update: true` they also pass coderd's update
   * check, so a send reaches the owner check and answers 403 `Only the chat owner may send messages.`;
   * without it (the default) write routes answer them 404.
   */
  shareChat(chatId: string, username: string, options?: { update?: boolean }): void;
  /** Removes a user from an organization (name or id): creating chats there answers 403 afterwards. */
  removeFromOrganization(username: string, organization: string): void;
  /** Every chat (archived ones too), newest first. */
  chats(): FakeChatView[];
  /** One chat by id, or undefined. */
  chat(chatId: string): FakeChatView | undefined;
  /**
   * Resolves with the chat once `until` holds: a status, or a predicate. A settled status (`waiting`,
   * `error`, `requires_action`) also waits for no turn to be running and the queue to be empty.
   */
  waitForChat(
    chatId: string,
    until: string | ((chat: FakeChatView) => boolean),
    options?: ChatWaitOptions,
  ): Promise<FakeChatView>;
}
