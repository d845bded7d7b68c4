import {
  ChatActionRequiredError,
  ChatTurnFailedError,
  ChatTurnTimeoutError,
  type CoderClient,
} from '@coder-tasks/sdk';
import type { Chat, ChatMessage, ChatStreamEvent } from '@coder-tasks/types';
import type { Clock } from '../../clock';
import type { WaitFor } from '../../parse-inputs';
import type { OutcomeKind } from '../backend';
import type { StartedChat } from './start-chat';

/** The calls {@link waitForChat} makes: all a test has to stand in for. */
export type ChatWaitClient = Pick<CoderClient, 'waitForChatTurn' | 'getChat'>;

/** How the wait for the chat's turn ended, with the turn's messages when the wait saw them. */
export interface ChatOutcome {
  kind: OutcomeKind;
  chat: Chat;
  /** The turn's messages, ours first, when the wait read them; undefined otherwise. */
  messages: readonly ChatMessage[] | undefined;
  /** Why it failed, for `failed` (untrusted: quotes the server). */
  reason?: string | undefined;
}

/** Options of {@link waitForChat}. */
export interface ChatWaitOptions {
  waitFor: WaitFor;
  clock: Clock;
  /** When to stop waiting (epoch ms on `clock`). */
  deadline: number;
  pollIntervalMs: number;
  signal?: AbortSignal | undefined;
  /** Told the chat as read at the start and after each status change. */
  onChange?: ((chat: Chat) => void) | undefined;
}

/**
 * Waits per `wait-for` for the turn the request started (the SDK's `waitForChatTurn`, which rides the
 * chat's stream) and turns how it ended into a {@link ChatOutcome}: a turn that ended in `error`, a chat
 * that `requires_action` and a timeout become outcomes; anything else (Coder unreachable, 401) is thrown.
 * Each status change is followed by one read of the chat, since only that read says whether a running
 * chat still waits for a free agent (`queued_for_capacity`).
 */
export async function waitForChat(
  coder: ChatWaitClient,
  started: StartedChat,
  options: ChatWaitOptions,
): Promise<ChatOutcome> {
  options.onChange?.(started.chat);
  if (options.waitFor === 'none') return { kind: 'submitted', chat: started.chat, messages: undefined };
  const reads = new Set<Promise<void>>();
  let last = started.chat;
  const onEvent = (event: ChatStreamEvent) => {
    if (event.type !== 'status' || options.onChange === undefined) return;
    const read: Promise<void> = coder
      .getChat(started.chat.id, { signal: options.signal })
      .then((chat) => {
        last = chat;
        options.onChange?.(chat);
      })
      // Progress is best effort: the wait itself reports what matters.
      .catch(() => {})
      .finally(() => reads.delete(read));
    reads.add(read);
  };
  try {
    const turn = await coder.waitForChatTurn(started.chat, {
      after: started.sent,
      until: options.waitFor === 'active' ? 'running' : 'turn',
      timeout: Math.max(1, options.deadline - options.clock.now()),
      pollInterval: options.pollIntervalMs,
      signal: options.signal,
      onEvent,
    });
    return {
      kind: options.waitFor === 'active' ? 'active' : 'complete',
      chat: turn.chat,
      messages: turn.messages,
    };
  } catch (error) {
    if (error instanceof ChatTurnFailedError) {
      const { kind, message, retryable } = error.chatError;
      return {
        kind: 'failed',
        chat: error.chat,
        messages: error.messages,
        reason: `The agent's turn ended in error${kind ? ` (${kind})` : ''}: ${message} ${retryable ? 'It may work if you ask again.' : 'Asking again will not help until that is fixed.'}`,
      };
    }
    if (error instanceof ChatActionRequiredError) {
      return {
        kind: 'failed',
        chat: error.chat,
        messages: error.messages,
        reason:
          'The chat stopped in requires_action: the model called a client-side tool and waits for its result, which this action cannot give. Answer or interrupt it in Coder.',
      };
    }
    if (error instanceof ChatTurnTimeoutError) {
      await Promise.all(reads);
      // One read for the status the outputs report; the last one seen if even that fails.
      const chat = await coder.getChat(started.chat.id, { signal: options.signal }).catch(() => last);
      return { kind: 'timed-out', chat, messages: undefined };
    }
    throw error;
  } finally {
    await Promise.all(reads);
  }
}
