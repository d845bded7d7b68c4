// How the simulated Chats agent answers a user message: a list of steps (messages it saves, a diff it
// reports), each after an optional delay on the fake clock, and how the turn ends.

/**
 * A message part as it goes on the wire (`ChatMessagePart`, snake_case). The fake adds the fields coderd
 * always writes (`text`, `url`, `media_type`, `file_name`, `start_line`, `end_line`, `content`,
 * `context_file_path`, `skill_name`), so `{ type: 'tool-call', tool_name: 'x' }` is enough. Any `type` is
 * accepted, unknown ones too, so a client's forward compatibility can be tested.
 */
export type FakeChatPart = { type: string } & Record<string, unknown>;

/** A `ChatError` (`last_error` and the stream's `error` event). */
export interface FakeChatError {
  message: string;
  /** Default left out. */
  detail?: string;
  /** A `ChatErrorKind` such as `generic`, `rate_limit`, `overloaded` (default `generic`). */
  kind?: string;
  /** Default left out. */
  provider?: string;
  /** Default false. */
  retryable?: boolean;
  /** Default left out. */
  statusCode?: number;
}

/** A tool call the agent wants the client to run (a `requires_action` turn end). */
export interface FakeChatToolCall {
  /** Default `call_<n>`. */
  toolCallId?: string;
  toolName: string;
  /** The arguments; an object is sent as its JSON text, as coderd sends them (default `{}`). */
  args?: string | Record<string, unknown>;
}

/** The pull request and branch a chat reports (`diff_status`); every field is optional. */
export interface FakeChatDiffStatus {
  url?: string;
  pullRequestTitle?: string;
  /** `open`, `closed` or `merged`. */
  pullRequestState?: string;
  pullRequestDraft?: boolean;
  prNumber?: number;
  headBranch?: string;
  baseBranch?: string;
  authorLogin?: string;
  additions?: number;
  deletions?: number;
  changedFiles?: number;
  commits?: number;
  approved?: boolean;
  changesRequested?: boolean;
  reviewerCount?: number;
}

/**
 * One step of a scripted turn. `after` is the delay in ms of the fake clock before the step (default 0).
 * A function receives the text of the user message being answered.
 */
export type ChatTurnStep =
  /** Saves an assistant message: an optional `reasoning` part, then a `text` part (streamed as `message_part` first). */
  | { say: string | ((input: string) => string); reasoning?: string; after?: number }
  /**
   * Saves an assistant message with a `tool-call` part, then a `tool` message with its `tool-result`
   * part (`result` default `{}`; `isError` default false).
   */
  | {
      toolCall: { name: string; args?: Record<string, unknown>; result?: unknown; isError?: boolean };
      after?: number;
    }
  /** Saves one message with exactly these parts. */
  | { message: { role: 'assistant' | 'tool' | 'system' | 'user'; parts: FakeChatPart[] }; after?: number }
  /** Sets the chat's `diff_status` (a `diff_status_change` watch event). */
  | { diffStatus: FakeChatDiffStatus; after?: number };

/**
 * How a turn ends, after its last step:
 * - `waiting` (default): the next queued message is promoted and the chat stays `running` (no status
 *   event in between), or the chat becomes `waiting`;
 * - `{ error }`: the chat becomes `error` with `last_error` set, and the stream sends an `error` event;
 * - `{ requiresAction }`: the chat becomes `requires_action` with these pending tool calls;
 * - `never`: the turn never ends by itself (the chat stays `running` until interrupted, or until
 *   `control.chats.finishTurn`).
 */
export type ChatTurnEnd =
  | 'waiting'
  | 'never'
  | { error: FakeChatError }
  | { requiresAction: FakeChatToolCall[] };

/** A scripted turn, used when the user message matches: a substring (case-sensitive) or a RegExp. */
export interface ChatTurnScript {
  /** Which user messages it answers (default: any). */
  match?: string | RegExp;
  steps: ChatTurnStep[];
  /** Default `waiting`. */
  end?: ChatTurnEnd;
}

/**
 * What the simulated agent does with each user message (the first one on create, every later send, and
 * every promoted queued message): the first turn whose `match` fits, else `otherwise`. A plain array of
 * steps is shorthand for `{ otherwise: { steps } }`.
 */
export interface ChatAgentScript {
  turns?: ChatTurnScript[];
  /** Default: {@link DEFAULT_CHAT_SCRIPT}'s turn. */
  otherwise?: Omit<ChatTurnScript, 'match'>;
}

/** The script of every chat that has none: a short reasoning, an answer that quotes the prompt, `waiting`. */
export const DEFAULT_CHAT_SCRIPT: ChatAgentScript = {
  otherwise: {
    steps: [{ reasoning: 'Reading the request.', say: (input) => `On it: ${input}` }, { say: 'Done.' }],
    end: 'waiting',
  },
};

/** Normalizes the array shorthand and checks a script, throwing a clear error on a malformed one. */
export function normalizeChatScript(script: ChatAgentScript | ChatTurnStep[]): ChatAgentScript {
  const normalized: ChatAgentScript = Array.isArray(script) ? { otherwise: { steps: script } } : script;
  const turns = [...(normalized.turns ?? []), ...(normalized.otherwise ? [normalized.otherwise] : [])];
  for (const turn of turns) {
    if (!Array.isArray(turn.steps)) throw new TypeError('a chat turn script needs a "steps" array');
    for (const step of turn.steps) {
      if (step.after !== undefined && !(step.after >= 0 && Number.isFinite(step.after))) {
        throw new TypeError(`chat script step "after" must be a finite number of ms >= 0, got ${step.after}`);
      }
      if (!('say' in step) && !('toolCall' in step) && !('message' in step) && !('diffStatus' in step)) {
        throw new TypeError('chat script step needs "say", "toolCall", "message" or "diffStatus"');
      }
    }
    const end = turn.end;
    if (end !== undefined && end !== 'waiting' && end !== 'never') {
      if (typeof end !== 'object' || !('error' in end || 'requiresAction' in end)) {
        throw new TypeError('chat turn "end" must be "waiting", "never", { error } or { requiresAction }');
      }
    }
  }
  return normalized;
}

/** The turn that answers `input`. */
export function turnFor(script: ChatAgentScript, input: string): Omit<ChatTurnScript, 'match'> {
  for (const turn of script.turns ?? []) {
    const m = turn.match;
    if (m instanceof RegExp) m.lastIndex = 0;
    if (m === undefined || (typeof m === 'string' ? input.includes(m) : m.test(input))) return turn;
  }
  return script.otherwise ?? (DEFAULT_CHAT_SCRIPT.otherwise as Omit<ChatTurnScript, 'match'>);
}
