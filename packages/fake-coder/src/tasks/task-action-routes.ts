import { goQuote, goTrimSpace } from '@coder-tasks/types';
import { canWrite } from '../http/auth';
import { buildAlreadyActive, buildForbidden, errorReply, notFound, ok, type Reply } from '../http/reply';
import { decodeBody } from '../http/request-body';
import type { RequestContext } from '../http/request-context';
import type { AgentMessage } from '../world/model';
import { ts } from '../world/record-time';
import { handleInput } from './agent-runner';
import { hasActiveJob, queueBuild } from './lifecycle';
import { workspaceStatus } from './status';
import { buildJson, taskStatusOf } from './task-json';
import { resolveTask } from './task-lookup';

// Send, logs, update input, pause and resume (coderd/aitasks.go): the routes that depend on the task's
// state and on its AgentAPI.

function readInput(ctx: RequestContext, structName: string): { input: string } | { reply: Reply } {
  const decoded = decodeBody(ctx, structName, { input: 'string' });
  if ('reply' in decoded) return decoded;
  return { input: decoded.value.input ?? '' };
}

/** `POST /tasks/{user}/{task}/send`. */
export function sendTaskInput(ctx: RequestContext): Reply {
  const found = resolveTask(ctx);
  if ('reply' in found) return found.reply;
  const body = readInput(ctx, 'TaskSendRequest');
  if ('reply' in body) return body.reply;
  if (body.input === '') return errorReply(400, 'Task input is required.');
  const { world, user: caller } = ctx;
  const { task } = found;
  const status = taskStatusOf(world, task);
  if (status === 'pending' || status === 'initializing') {
    return errorReply(
      409,
      `Task is ${status}.`,
      'The task is resuming. Wait for the task to become active before sending messages.',
    );
  }
  if (status === 'paused') return errorReply(409, 'Task is paused.', 'Resume the task to send messages.');
  if (status !== 'active') {
    return errorReply(
      400,
      'Task must be active.',
      `Task status is "${status}", it must be "active" to interact with the task.`,
    );
  }
  const ws = world.workspaceOf(task);
  const app = world.latestBuild(ws)?.app;
  if (!ws || !app) return errorReply(400, 'Task does not have a workspace app.');
  if (!canConnect(caller, task)) return notFound();
  const behaviour = task.agent.behaviour;
  const scheme = behaviour.appUrlScheme ?? 'http';
  if (scheme !== 'http') return errorReply(400, 'Only http scheme is supported for direct agent-dial.');
  if (behaviour.unreachable)
    return errorReply(502, 'Failed to reach task app endpoint.', 'dial tcp: i/o timeout');
  if (behaviour.statusError) {
    return errorReply(502, 'Failed to get status from task app.', 'unexpected status code 500 from AgentAPI');
  }
  const agentStatus = behaviour.status ?? (task.agent.busy ? 'running' : 'stable');
  if (agentStatus !== 'stable') {
    return errorReply(409, 'Task app is not ready to accept input.', `Status: ${agentStatus}`);
  }
  if (behaviour.rejectMessage) {
    return errorReply(502, 'Task app rejected the message.', 'unexpected status code 500 from AgentAPI');
  }
  handleInput(world, task, ws, body.input, ctx.defaultAgentScript);
  return { status: 204 };
}

/**
 * Whether `caller` holds ApplicationConnect on the task's workspace, which coderd checks before it dials
 * the task app (send, and logs while active): the workspace owner and site owners only.
 */
function canConnect(caller: RequestContext['user'], task: { ownerId: string }): boolean {
  return caller.id === task.ownerId || caller.role === 'owner';
}

type LogEntry = { id: number; content: string; type: string; time: string };

/** AgentAPI messages as `TaskLogEntry`s, or the first role that is neither `user` nor `agent`. */
function logEntries(messages: readonly AgentMessage[]): { logs: LogEntry[] } | { badRole: string } {
  const logs: LogEntry[] = [];
  for (const m of messages) {
    const type = m.role === 'user' ? 'input' : m.role === 'agent' ? 'output' : undefined;
    if (type === undefined) return { badRole: m.role };
    logs.push({ id: m.id, content: m.content, type, time: ts(m.time) });
  }
  return { logs };
}

/** `GET /tasks/{user}/{task}/logs`: live while active, the snapshot while paused or starting. */
export function getTaskLogs(ctx: RequestContext): Reply {
  const found = resolveTask(ctx);
  if ('reply' in found) return found.reply;
  const { world } = ctx;
  const { task } = found;
  const status = taskStatusOf(world, task);
  if (status === 'active') {
    if (!canConnect(ctx.user, task)) return notFound();
    const behaviour = task.agent.behaviour;
    if (behaviour.unreachable)
      return errorReply(502, 'Failed to reach task app endpoint.', 'dial tcp: i/o timeout');
    if (behaviour.messagesError) {
      return errorReply(
        502,
        'Failed to get messages from task app.',
        'unexpected status code 500 from AgentAPI',
      );
    }
    const live = logEntries(task.agent.messages);
    if ('badRole' in live) {
      return errorReply(
        502,
        'Invalid task app response.',
        `invalid agentapi message role ${goQuote(live.badRole)}`,
      );
    }
    return ok({ logs: live.logs });
  }
  if (status === 'paused' || status === 'pending' || status === 'initializing') {
    const snapshot = task.snapshot;
    if (!snapshot) return ok({ logs: [], snapshot: true });
    if (snapshot.corrupt === 'format') {
      return errorReply(
        500,
        'Unsupported task snapshot format.',
        'Expected format "agentapi", got "unknown".',
      );
    }
    if (snapshot.corrupt === 'data') {
      return errorReply(500, 'Internal error decoding task snapshot.', 'unexpected end of JSON input');
    }
    const stored = logEntries(snapshot.messages);
    if ('badRole' in stored) {
      return errorReply(
        500,
        'Invalid snapshot data.',
        `invalid agentapi message role ${goQuote(stored.badRole)}`,
      );
    }
    return ok({ logs: stored.logs, snapshot: true, snapshot_at: ts(snapshot.at) });
  }
  return errorReply(409, 'Cannot fetch logs for task in current state.', `Task status is "${status}".`);
}

/** `PATCH /tasks/{user}/{task}/input`: only while paused. */
export function updateTaskInput(ctx: RequestContext): Reply {
  const found = resolveTask(ctx);
  if ('reply' in found) return found.reply;
  const body = readInput(ctx, 'UpdateTaskInputRequest');
  if ('reply' in body) return body.reply;
  if (goTrimSpace(body.input) === '') return errorReply(400, 'Task input is required.');
  const { world, user: caller } = ctx;
  const { task } = found;
  if (taskStatusOf(world, task) !== 'paused') {
    return errorReply(
      409,
      'Unable to update task input, task must be paused.',
      "Please stop the task's workspace before updating the input.",
    );
  }
  if (!canWrite(caller, task.ownerId, task.organizationId)) return notFound();
  task.initialPrompt = body.input;
  const ws = world.workspaceOf(task);
  if (ws) world.changed(ws);
  return { status: 204 };
}

function buildRoute(ctx: RequestContext, transition: 'stop' | 'start'): Reply {
  const found = resolveTask(ctx);
  if ('reply' in found) return found.reply;
  const { world, user: caller } = ctx;
  const { task } = found;
  if (task.workspaceId === null) return errorReply(500, 'Task does not have a workspace.');
  const ws = world.workspaceOf(task);
  if (!ws || ws.deleted) return notFound();
  const latest = world.latestBuild(ws);
  if (transition === 'start' && latest && workspaceStatus(latest) === 'running') {
    return errorReply(409, 'Task workspace is already running.', 'Workspace status is "running".');
  }
  if (!canWrite(caller, task.ownerId, task.organizationId)) {
    return buildForbidden('update');
  }
  if (hasActiveJob(ws)) return buildAlreadyActive();
  const reason = transition === 'stop' ? 'task_manual_pause' : 'task_resume';
  const build = queueBuild(world, ws, transition, reason, caller.id, ctx.defaultAgentScript);
  return ok({ workspace_build: buildJson(world, ws, build) }, 202);
}

/** `POST /tasks/{user}/{task}/pause`: a stop build with reason `task_manual_pause`. */
export function pauseTask(ctx: RequestContext): Reply {
  return buildRoute(ctx, 'stop');
}

/** `POST /tasks/{user}/{task}/resume`: a start build with reason `task_resume`. */
export function resumeTask(ctx: RequestContext): Reply {
  return buildRoute(ctx, 'start');
}
