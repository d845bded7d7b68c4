import {
  actionRequiredEvent,
  errorEvent,
  queueChanged,
  saveMessage,
  setDiff,
  setStatus,
  streamPart,
  watch,
  watchToolCalls,
} from './chat-events';
import { hasInterrupting } from './chat-generation';
import type { ChatRecord } from './chat-record';
import {
  type ChatAgentScript,
  type ChatTurnEnd,
  type ChatTurnStep,
  DEFAULT_CHAT_SCRIPT,
  normalizeChatScript,
  turnFor,
} from './chat-script';
import { textOf } from './chat-wire';
import type { ChatsModel } from './chats-model';

// The simulated chat daemon: runs a scripted turn per user message on the fake clock, ends it the way
// the script says, and promotes queued messages at turn end without leaving `running` (chatd's
// FinishTurn).

/** The script of a chat: its own, then `*`, then the built-in one. */
export function scriptOf(model: ChatsModel, chat: ChatRecord): ChatAgentScript {
  return chat.script ?? model.scripts.get(chat.id) ?? model.scripts.get('*') ?? DEFAULT_CHAT_SCRIPT;
}

/** Stops whatever the current turn (or a pending pickup) still has scheduled. */
export function cancelTurn(chat: ChatRecord): void {
  chat.turn.generation++;
  chat.turn.cancel?.();
  chat.turn.cancel = undefined;
  chat.turn.running = false;
  chat.turn.pickupPending = false;
}

/**
 * Starts the turn that answers a user message just saved. With a pickup delay the chat keeps its status
 * until the processor picks it up, as an exp-era coderd did (a stream may see a stale `waiting`).
 */
export function answerUserMessage(model: ChatsModel, chat: ChatRecord, input: string): void {
  const delay = model.settings.pickupDelayMs;
  if (delay <= 0) {
    beginTurn(model, chat, input);
    return;
  }
  cancelTurn(chat);
  chat.turn.pickupPending = true;
  const generation = chat.turn.generation;
  const timer = model.world.clock.schedule(delay, () => {
    if (chat.turn.generation === generation) beginTurn(model, chat, input);
  });
  chat.turn.cancel = () => timer.cancel();
}

/** The chat is `running` from here; its steps run on the clock, never before the current request answers. */
export function beginTurn(model: ChatsModel, chat: ChatRecord, input: string): void {
  cancelTurn(chat);
  chat.turn.running = true;
  chat.lastError = undefined;
  chat.pendingToolCalls = [];
  setStatus(model, chat, 'running');
  const turn = turnFor(normalizeChatScript(scriptOf(model, chat)), input);
  const generation = chat.turn.generation;
  const clock = model.world.clock;
  const run = (i: number): void => {
    const step = turn.steps[i];
    const timer = clock.schedule(step?.after ?? 0, () => {
      if (chat.turn.generation !== generation) return;
      chat.turn.cancel = undefined;
      if (step) runStep(model, chat, step, input);
      if (chat.turn.generation !== generation) return;
      if (step && i + 1 < turn.steps.length) run(i + 1);
      else endTurn(model, chat, turn.end ?? 'waiting');
    });
    chat.turn.cancel = () => timer.cancel();
  };
  run(0);
}

function runStep(model: ChatsModel, chat: ChatRecord, step: ChatTurnStep, input: string): void {
  if ('say' in step) {
    const text = typeof step.say === 'function' ? step.say(input) : step.say;
    const parts: Record<string, unknown>[] = [];
    if (step.reasoning) parts.push({ type: 'reasoning', text: step.reasoning });
    parts.push({ type: 'text', text });
    for (const [seq, part] of parts.entries()) streamPart(model, chat, part, seq);
    saveMessage(model, chat, 'assistant', parts);
  } else if ('toolCall' in step) {
    const { name, args, result, isError } = step.toolCall;
    const id = model.toolCallId();
    saveMessage(model, chat, 'assistant', [
      { type: 'tool-call', tool_call_id: id, tool_name: name, args: args ?? {} },
    ]);
    saveMessage(model, chat, 'tool', [
      {
        type: 'tool-result',
        tool_call_id: id,
        tool_name: name,
        result: result ?? {},
        is_error: isError ?? false,
      },
    ]);
  } else if ('message' in step) {
    saveMessage(model, chat, step.message.role, step.message.parts);
  } else {
    setDiff(model, chat, step.diffStatus);
  }
}

/** Ends the current turn as `end` says. */
export function endTurn(model: ChatsModel, chat: ChatRecord, end: ChatTurnEnd): void {
  cancelTurn(chat);
  if (end === 'never') {
    chat.turn.running = true;
    return;
  }
  if (end === 'waiting') {
    if (!promoteAndAnswer(model, chat)) setStatus(model, chat, 'waiting');
    return;
  }
  if ('error' in end) {
    chat.lastError = { ...end.error };
    setStatus(model, chat, 'error');
    model.publish(chat, [errorEvent(chat)]);
    return;
  }
  chat.pendingToolCalls = end.requiresAction.map((c) => ({
    toolCallId: c.toolCallId ?? model.toolCallId(),
    toolName: c.toolName,
    args: typeof c.args === 'string' ? c.args : JSON.stringify(c.args ?? {}),
  }));
  setStatus(model, chat, 'requires_action');
  model.publish(chat, [actionRequiredEvent(chat)]);
  watch(model, chat, 'action_required', watchToolCalls(chat));
}

/**
 * Moves the head of the queue into history and answers it. The status becomes or stays `running`, so a
 * promotion at turn end sends no status event. Returns false when the queue is empty.
 */
export function promoteAndAnswer(model: ChatsModel, chat: ChatRecord): boolean {
  const head = chat.queue.shift();
  if (!head) return false;
  const message = saveMessage(model, chat, 'user', head.parts, head.createdBy);
  queueChanged(model, chat);
  beginTurn(model, chat, textOf(message.parts));
  return true;
}

/**
 * `POST /chats/{chat}/interrupt` and `busy_behavior: "interrupt"`: a running chat goes `interrupting`,
 * then (once the partial reply is saved, on the next clock tick) `waiting`, or `running` again when a
 * queued message is promoted. Before the state machine (v2.35) it went straight to `waiting`.
 */
export function interruptChat(model: ChatsModel, chat: ChatRecord): void {
  const wasRunning = chat.status === 'running';
  cancelTurn(chat);
  chat.pendingToolCalls = [];
  const settle = (): void => {
    if (!promoteAndAnswer(model, chat)) setStatus(model, chat, 'waiting');
  };
  if (!wasRunning || !hasInterrupting(model.world.version)) {
    settle();
    return;
  }
  setStatus(model, chat, 'interrupting');
  const generation = chat.turn.generation;
  const timer = model.world.clock.schedule(0, () => {
    if (chat.turn.generation === generation) settle();
  });
  chat.turn.cancel = () => timer.cancel();
}
