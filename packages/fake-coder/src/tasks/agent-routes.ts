import { parseUuid, timestampToEpochNanos, utf8Length } from '@coder-tasks/types';
import { errorReply, type Reply } from '../http/reply';
import type { RequestContext } from '../http/request-context';
import { QueryParams } from '../http/search-query';
import {
  APP_STATUS_STATES,
  type AppStatusState,
  MAX_APP_STATUS_MESSAGE_BYTES,
} from '../world/app-status-state';
import type { AgentMessage } from '../world/model';
import { reportAppStatus } from './agent-runner';

// The two agent-token routes: `PATCH /api/v2/workspaceagents/me/app-status`, whose reports drive a task's
// `current_state`, and `POST /api/v2/workspaceagents/me/tasks/{task}/log-snapshot`, the log snapshot an
// agent uploads as it shuts down (#21771).

/** coderd's limit on a log snapshot upload (64 KiB). */
export const MAX_SNAPSHOT_BYTES = 64 * 1024;

function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `PATCH /api/v2/workspaceagents/me/app-status`: `{app_slug, state, message, uri}`. */
export function patchAppStatus(ctx: RequestContext): Reply {
  const ws = ctx.agentWorkspace;
  if (!ws) return errorReply(401, 'Workspace agent not authorized.');
  if (ctx.bodyTooLarge) return errorReply(413, 'Request body too large.');
  const body = parseJsonObject(ctx.rawBody);
  if (!body) return errorReply(400, 'Request body must be valid JSON.');
  const raw = body.state;
  // The HTTP handler maps the state onto the proto enum by upper-casing it, so any letter case of a
  // known state is taken; anything else fails there.
  const state = typeof raw === 'string' ? raw.toLowerCase() : '';
  if (!(APP_STATUS_STATES as readonly string[]).includes(state)) {
    return errorReply(400, 'Failed to parse request.', `invalid state: ${JSON.stringify(raw ?? '')}`);
  }
  const message = typeof body.message === 'string' ? body.message : '';
  if (utf8Length(message) > MAX_APP_STATUS_MESSAGE_BYTES) {
    const detail = 'Message must be less than 160 characters.';
    return errorReply(400, 'Message is too long.', detail, [{ field: 'message', detail }]);
  }
  const slug = typeof body.app_slug === 'string' ? body.app_slug : '';
  const app = ctx.world.latestBuild(ws)?.app ?? ws.builds.findLast((b) => b.app)?.app;
  if (!app || app.slug !== slug) {
    return errorReply(400, 'Failed to get workspace app.', `No app found with slug ${JSON.stringify(slug)}`);
  }
  reportAppStatus(
    ctx.world,
    ws,
    state as AppStatusState,
    message,
    typeof body.uri === 'string' ? body.uri : '',
  );
  return { status: 200, body: null };
}

function messageTime(value: unknown, fallback: number): number {
  if (typeof value !== 'string') return fallback;
  try {
    return Number(timestampToEpochNanos(value) / 1000n);
  } catch {
    return fallback;
  }
}

/** `POST /api/v2/workspaceagents/me/tasks/{task}/log-snapshot?format=agentapi`. */
export function postLogSnapshot(ctx: RequestContext): Reply {
  const { world } = ctx;
  const ws = ctx.agentWorkspace;
  if (!ws) return errorReply(401, 'Workspace agent not authorized.');
  const taskId = parseUuid(ctx.params.task ?? '');
  if (!taskId)
    return errorReply(
      400,
      'Invalid task ID format.',
      `invalid UUID length: ${(ctx.params.task ?? '').length}`,
    );
  const params = new QueryParams(new Map([...ctx.query.entries()].map(([k, v]) => [k, [v]])));
  const format = params.string('format');
  if (!format) {
    params.problems.push({ field: 'format', detail: 'Query param "format" is required and cannot be empty' });
  }
  params.errorExcessParams();
  if (params.problems.length > 0)
    return errorReply(400, 'Invalid query parameters.', undefined, params.problems);
  if (format !== 'agentapi') {
    return errorReply(
      400,
      'Invalid format parameter.',
      `Only "agentapi" format is currently supported, got ${JSON.stringify(format)}.`,
    );
  }
  const task = world.tasks.get(taskId);
  if (!task || task.deletedAt !== null || task.workspaceId !== ws.id) {
    return errorReply(404, 'Resource not found or you do not have access to this resource');
  }
  if (ctx.rawBody.length > MAX_SNAPSHOT_BYTES) {
    return errorReply(
      413,
      'Request body too large.',
      `Log snapshots are limited to ${MAX_SNAPSHOT_BYTES} bytes.`,
    );
  }
  const body = parseJsonObject(ctx.rawBody);
  if (!body) return errorReply(400, 'Failed to decode request payload.', 'invalid character in JSON payload');
  if (!Array.isArray(body.messages)) {
    return errorReply(400, 'Invalid agentapi payload structure.', 'Missing required "messages" field.');
  }
  const now = world.stamp();
  const messages: AgentMessage[] = body.messages.map((m: Record<string, unknown>, i: number) => ({
    id: typeof m.id === 'number' ? m.id : i,
    role: typeof m.role === 'string' ? m.role : '',
    content: typeof m.content === 'string' ? m.content : '',
    time: messageTime(m.time, now),
  }));
  task.snapshot = { at: now, messages };
  return { status: 204 };
}
