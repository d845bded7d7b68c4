import { utf8Length } from '@coder-tasks/types';
import { type AgentScript, type AgentStep, normalizeAgentScript, stepsFor } from '../world/agent-script';
import {
  APP_STATUS_STATES,
  type AppStatusState,
  MAX_APP_STATUS_MESSAGE_BYTES,
} from '../world/app-status-state';
import { newId } from '../world/ids';
import type { TaskRecord, WorkspaceRecord } from '../world/model';
import type { World } from '../world/world';

// The simulated agent behind a task: AgentAPI's message list and status, and the app statuses the agent
// reports (which drive `current_state`). It only acts while its start build's agent is ready.

/** The script for a task: one set for its id, then for its name, then `*`, then the server default. */
export function scriptFor(
  world: World,
  task: TaskRecord,
  fallback: AgentScript | undefined,
): AgentScript | undefined {
  return (
    task.agent.script ??
    world.scripts.get(task.id) ??
    world.scripts.get(task.name.toLowerCase()) ??
    world.scripts.get('*') ??
    fallback
  );
}

/** Called when the task app turns healthy: answers the initial prompt once per distinct prompt. */
export function startAgent(
  world: World,
  task: TaskRecord,
  ws: WorkspaceRecord,
  fallback: AgentScript | undefined,
): void {
  const agent = task.agent;
  agent.generation++;
  agent.busy = false;
  const script = normalizeAgentScript(scriptFor(world, task, fallback) ?? {});
  if (script.answerInitialPrompt === false) return;
  if (answeredPrompts.get(task) === task.initialPrompt) return;
  answeredPrompts.set(task, task.initialPrompt);
  handleInput(world, task, ws, task.initialPrompt, fallback);
}

const answeredPrompts = new WeakMap<TaskRecord, string>();

/** Stops the agent (pause or delete): cancels the reply in progress; the messages stay. */
export function stopAgent(task: TaskRecord): void {
  task.agent.generation++;
  task.agent.cancel?.();
  task.agent.cancel = undefined;
  task.agent.busy = false;
}

/** AgentAPI `POST /message`: records the input and runs the matching reply. */
export function handleInput(
  world: World,
  task: TaskRecord,
  ws: WorkspaceRecord,
  input: string,
  fallback: AgentScript | undefined,
): void {
  const agent = task.agent;
  appendMessage(world, task, 'user', input);
  const script = normalizeAgentScript(scriptFor(world, task, fallback) ?? {});
  const steps = stepsFor(script, input);
  const generation = agent.generation;
  agent.busy = true;
  const runFrom = (first: number, waited: boolean): void => {
    let skipWait = waited;
    for (let i = first; i < steps.length; i++) {
      if (agent.generation !== generation) return;
      const step = steps[i] as AgentStep;
      const delay = step.after ?? 0;
      if (delay > 0 && !skipWait) {
        const timer = world.clock.schedule(delay, () => {
          agent.cancel = undefined;
          runFrom(i, true);
        });
        agent.cancel = () => timer.cancel();
        return;
      }
      skipWait = false;
      runStep(world, task, ws, step, input);
    }
    if (agent.generation === generation) {
      agent.busy = false;
      world.notifyAny();
    }
  };
  runFrom(0, false);
}

function runStep(world: World, task: TaskRecord, ws: WorkspaceRecord, step: AgentStep, input: string): void {
  if ('say' in step) {
    appendMessage(world, task, 'agent', typeof step.say === 'function' ? step.say(input) : step.say);
    return;
  }
  const message = typeof step.message === 'function' ? step.message(input) : (step.message ?? '');
  reportAppStatus(world, ws, step.report, message, step.uri ?? '');
}

/** Appends a message to the task's AgentAPI conversation and wakes `waitFor` callers. */
export function appendMessage(world: World, task: TaskRecord, role: string, content: string): void {
  const messages = task.agent.messages;
  messages.push({ id: messages.length, role, content, time: world.stamp() });
  world.notifyAny();
}

/**
 * Inserts a workspace app status row, as `PATCH /workspaceagents/me/app-status` does, and publishes the
 * workspace event. A message over 160 bytes is refused there ("Message is too long."), so it throws here.
 */
export function reportAppStatus(
  world: World,
  ws: WorkspaceRecord,
  state: AppStatusState,
  message: string,
  uri: string,
): void {
  if (!APP_STATUS_STATES.includes(state)) {
    throw new TypeError(
      `app status state must be working, idle, complete or failure, got ${JSON.stringify(state)}`,
    );
  }
  if (utf8Length(message) > MAX_APP_STATUS_MESSAGE_BYTES) {
    throw new RangeError('app status message is too long: Coder accepts at most 160 bytes');
  }
  const build = world.latestBuild(ws);
  ws.appStatuses.push({
    id: newId(),
    createdAt: world.stamp(),
    state,
    message,
    uri,
    appId: build?.app?.id ?? newId(),
    agentId: build?.agent?.id ?? newId(),
  });
  world.changed(ws);
}
