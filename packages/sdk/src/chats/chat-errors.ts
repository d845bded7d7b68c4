import type { Chat, ChatError, ChatMessage, Response } from '@coder-tasks/types';
import { CoderError, CoderRequestError, CoderTimeoutError } from '../errors';

/**
 * Why a server does not serve Chats: it predates them (`too-old`: older than v2.32) or does not answer
 * on the Chats routes (`not-served`: 404 "Route not found."), it is a v2.32 without the `agents`
 * experiment (`experiment-disabled`), its AI gateway is off (`ai-gateway-disabled`), or no chat model is
 * configured (`no-model`).
 */
export type ChatsUnavailableReason =
  | 'too-old'
  | 'not-served'
  | 'experiment-disabled'
  | 'ai-gateway-disabled'
  | 'no-model';

/** Fields of a {@link ChatsUnavailableError}. */
export interface ChatsUnavailableInit {
  reason: ChatsUnavailableReason;
  method: string;
  url: string;
  /** The HTTP status of the answer; undefined when the SDK did not send the call (a too-old server). */
  status?: number | undefined;
  /** coderd's error body; undefined when the SDK did not send the call. */
  response?: Response | undefined;
  serverVersion?: string | undefined;
}

/**
 * This server cannot run Chats (Coder Agents) for the reason in `reason`. Deliberately not a
 * `CoderApiError`, so that code handling "chat not found" or a bad request never catches it; coderd's
 * own message, when there was an answer, is in `response`.
 */
export class ChatsUnavailableError extends CoderRequestError {
  override name = 'ChatsUnavailableError';
  readonly reason: ChatsUnavailableReason;
  readonly status: number | undefined;
  readonly response: Response | undefined;
  /** The server's version from `/api/v2/buildinfo`, when it answered. */
  readonly serverVersion: string | undefined;

  constructor(init: ChatsUnavailableInit) {
    super(describeChatsUnavailable(init), init);
    this.reason = init.reason;
    this.status = init.status;
    this.response = init.response;
    this.serverVersion = init.serverVersion;
  }
}

function describeChatsUnavailable(init: ChatsUnavailableInit): string {
  const answer = init.response ? ` (${init.status} "${init.response.message}")` : '';
  const head = `${init.method} ${init.url}: the Coder Chats API (Coder Agents) is not available on this server${answer}.`;
  const runs = init.serverVersion ? ` The server runs Coder ${init.serverVersion}` : '';
  switch (init.reason) {
    case 'too-old':
    case 'not-served':
      return init.serverVersion
        ? `${head}${runs}; Chats need v2.32 or newer (served under /api/experimental up to v2.37, /api/v2 from v2.37 on): upgrade it.`
        : `${head} Chats need Coder v2.32 or newer; the server's version could not be read.`;
    case 'experiment-disabled':
      return `${head}${runs || ' The server'} gates Chats behind the 'agents' experiment: start it with CODER_EXPERIMENTS=agents, or upgrade to v2.33 or newer, where no flag is needed.`;
    case 'ai-gateway-disabled':
      return `${head}${runs || ' The server'} runs without its AI gateway (chat processor): start it with CODER_AI_GATEWAY_ENABLED=true.`;
    case 'no-model':
      return `${head} No chat model is configured and enabled in this organization: an administrator must add one.`;
  }
}

/** The turn ended with the chat in status `error`; carries coderd's `ChatError`. */
export class ChatTurnFailedError extends CoderError {
  override name = 'ChatTurnFailedError';
  /** The chat as read when the wait ended. */
  readonly chat: Chat;
  /** What went wrong (`kind`, `retryable`, `provider`, ...), from the stream's `error` event or `last_error`. */
  readonly chatError: ChatError;
  /** The turn's messages seen so far, in ascending id order. */
  readonly messages: readonly ChatMessage[];

  constructor(chat: Chat, chatError: ChatError, messages: readonly ChatMessage[]) {
    const kind = chatError.kind ? ` [${chatError.kind}]` : '';
    const provider = chatError.provider ? ` (provider ${chatError.provider})` : '';
    const retry = chatError.retryable ? '; it may succeed if sent again' : '';
    super(`chat ${chat.id} failed${kind}${provider}: ${chatError.message}${retry}`);
    this.chat = chat;
    this.chatError = chatError;
    this.messages = messages;
  }
}

/**
 * The chat stopped in `requires_action`: the model called a client-side dynamic tool and waits for its
 * result (coderd gives the client 5 minutes to post it).
 */
export class ChatActionRequiredError extends CoderError {
  override name = 'ChatActionRequiredError';
  readonly chat: Chat;
  readonly messages: readonly ChatMessage[];

  constructor(chat: Chat, messages: readonly ChatMessage[]) {
    super(`chat ${chat.id} requires action: the model called a client-side tool and waits for its result`);
    this.chat = chat;
    this.messages = messages;
  }
}

/** `waitForChatTurn` ran out of time. A {@link CoderTimeoutError}, with the chat's last known status. */
export class ChatTurnTimeoutError extends CoderTimeoutError {
  override name = 'ChatTurnTimeoutError';
  readonly chatId: string;
  /** The newest status seen, if any was. */
  readonly lastStatus: string | undefined;

  constructor(init: { method: string; url: string; timeoutMs: number; chatId: string; lastStatus?: string }) {
    super(init);
    this.chatId = init.chatId;
    this.lastStatus = init.lastStatus;
    const seen = init.lastStatus ? `last seen: status ${init.lastStatus}` : 'its status was never read';
    this.message = `chat ${init.chatId}: the turn did not end within ${init.timeoutMs} ms (${seen})`;
  }
}

/**
 * `sendChatMessage` failed after the message may have reached the server (the connection dropped after
 * sending, no answer in time, or a 5xx that a proxy may have sent after coderd took it). The SDK does
 * not send it again, since that could post it twice; read the chat's messages to see whether it landed.
 * The underlying error is `cause`.
 */
export class ChatSendUncertainError extends CoderRequestError {
  override name = 'ChatSendUncertainError';
  readonly chatId: string;

  constructor(init: { chatId: string; method: string; url: string; cause: Error }) {
    super(
      `${init.method} ${init.url}: the message may or may not have been posted to chat ${init.chatId} ` +
        `(${init.cause.message}); it was not sent again: check getChatMessages before retrying`,
      init,
      { cause: init.cause },
    );
    this.chatId = init.chatId;
  }
}
