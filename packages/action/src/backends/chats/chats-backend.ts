import type { CoderClient } from '@coder-tasks/sdk';
import type { Chat } from '@coder-tasks/types';
import type { Clock } from '../../clock';
import type { ActionInputs } from '../../parse-inputs';
import type { Backend, WaitSettings, WorkOutcome } from '../backend';
import { buildChatReport, pullRequestOf } from './chat-report';
import { chatPhase, chatView } from './chat-view';
import { explainChatError } from './explain-chat-error';
import { type StartedChat, startChat } from './start-chat';
import { type ChatOutcome, waitForChat } from './wait-chat';

/** What the Chats backend works with besides the client. */
export interface ChatsBackendOptions extends WaitSettings {
  inputs: ActionInputs;
  clock: Clock;
}

/**
 * The Chats API (Coder Agents, coder/coder v2.32 on): one chat per thread, found by its labels; a
 * follow-up is a message to it, and each run reports the turn that answers its own request.
 */
export function createChatsBackend(coder: CoderClient, options: ChatsBackendOptions): Backend {
  const { inputs, clock, signal } = options;
  const onChange = (chat: Chat) =>
    options.onUpdate?.({ phase: chatPhase(chat), work: chatView(chat, coder.chatUrl(chat)) });
  return {
    name: 'chats',
    noun: 'chat',
    async start(request) {
      let started: StartedChat;
      try {
        const organizationId = await organizationOf(coder, inputs.organization, signal);
        started = await startChat(coder, request.chat, { organizationId, model: inputs.model }, signal);
      } catch (error) {
        throw explainChatError(error);
      }
      const url = coder.chatUrl(started.chat);
      return {
        ref: {
          id: started.chat.id,
          name: started.chat.title,
          url,
          created: started.created,
        },
        async wait() {
          const outcome = await waitForChat(coder, started, {
            waitFor: inputs.waitFor,
            clock,
            deadline: options.deadline,
            pollIntervalMs: options.pollIntervalMs,
            signal,
            onChange,
          });
          return workOutcome(coder, outcome, started, request.chat.message, url, inputs, signal);
        },
      };
    },
  };
}

function workOutcome(
  coder: CoderClient,
  outcome: ChatOutcome,
  started: StartedChat,
  request: string,
  chatUrl: string,
  inputs: ActionInputs,
  signal: AbortSignal | undefined,
): WorkOutcome {
  return {
    kind: outcome.kind,
    reason: outcome.reason,
    status: outcome.chat.status,
    // Chats have no agent state of the Tasks kind; the output keeps its name and says so by being empty.
    state: '',
    pullRequestUrl: pullRequestOf(outcome.chat)?.url,
    report: () =>
      buildChatReport(coder, {
        outcome,
        started,
        request,
        chatUrl,
        postLogs: inputs.postLogs,
        coderUrl: inputs.coderUrl.toString(),
        signal,
      }),
  };
}

/**
 * The organization of the chat, as the Tasks backend picks it: the one named, else the token user's
 * only one; with several, the workflow must say which.
 */
async function organizationOf(
  coder: Pick<CoderClient, 'me' | 'getOrganization'>,
  organization: string | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (organization !== undefined) return (await coder.getOrganization(organization, { signal })).id;
  const me = await coder.me({ signal });
  const [only] = me.organization_ids;
  if (me.organization_ids.length === 1 && only !== undefined) return only;
  throw new Error(
    `Input "organization": the Coder user ${me.username} belongs to ${me.organization_ids.length} organizations; set "organization" to the one the chat belongs to.`,
  );
}
