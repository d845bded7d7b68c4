import type { TasksListResponse } from '@coder-tasks/types';
import {
  type Fields,
  GIVE_UP,
  int,
  isObject,
  type Out,
  readArray,
  readNullable,
  readObject,
  str,
  strOrNullRequired,
  timestamp,
  uuid,
  uuidOrNullRequired,
} from './fast-wire';

// The fast path of the largest Tasks answer, the whole task list (no pagination: a thousand tasks is
// one response), where the schema cost about a fifth of the call. What it returns is what
// TasksListResponseSchema returns for the same input, or nothing, and the schema runs; the test beside
// it checks that on generated input.

/** The fields of `Task` up to `workspace_agent_health`, in the schema's order. */
export const TASK_HEAD: Fields = [
  ['id', 'uuid'],
  ['organization_id', 'uuid'],
  ['owner_id', 'uuid'],
  ['owner_name', 'string'],
  ['owner_avatar_url', 'optional-string'],
  ['name', 'string'],
  ['display_name', 'string'],
  ['template_id', 'uuid'],
  ['template_version_id', 'uuid'],
  ['template_name', 'string'],
  ['template_display_name', 'string'],
  ['template_icon', 'string'],
  ['workspace_id', 'nullable-uuid'],
  ['workspace_name', 'string'],
  ['workspace_status', 'optional-string'],
  ['workspace_build_number', 'optional-int'],
  ['workspace_agent_id', 'nullable-uuid'],
  ['workspace_agent_lifecycle', 'nullable-string'],
];
/** Then `workspace_agent_health`, these, `current_state`, and the timestamps. */
export const TASK_MIDDLE: Fields = [
  ['workspace_app_id', 'nullable-uuid'],
  ['initial_prompt', 'string'],
  ['status', 'string'],
];
export const TASK_TAIL: Fields = [
  ['created_at', 'timestamp'],
  ['updated_at', 'timestamp'],
];
export const HEALTH_FIELDS: Fields = [
  ['healthy', 'boolean'],
  ['reason', 'optional-string'],
];
export const STATE_FIELDS: Fields = [
  ['timestamp', 'timestamp'],
  ['state', 'string'],
  ['message', 'string'],
  ['uri', 'string'],
];

const readHealth = (v: unknown) => readObject(v, HEALTH_FIELDS);
// The schema reads an old server's `failure` as `failed`: leave that rare case to it.
const readState = (v: unknown) =>
  isObject(v) && v.state === 'failure' ? GIVE_UP : readObject(v, STATE_FIELDS);

/**
 * One task, its fields read and written by name in the schema's order (see fast-wire.ts for why by
 * name); a field it cannot read is marked GIVE_UP, and the task is given up at the end.
 */
function readTask(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.id = uuid(i.id);
  o.organization_id = uuid(i.organization_id);
  o.owner_id = uuid(i.owner_id);
  o.owner_name = str(i.owner_name);
  if (i.owner_avatar_url !== undefined) o.owner_avatar_url = str(i.owner_avatar_url);
  o.name = str(i.name);
  o.display_name = str(i.display_name);
  o.template_id = uuid(i.template_id);
  o.template_version_id = uuid(i.template_version_id);
  o.template_name = str(i.template_name);
  o.template_display_name = str(i.template_display_name);
  o.template_icon = str(i.template_icon);
  o.workspace_id = uuidOrNullRequired(i.workspace_id);
  o.workspace_name = str(i.workspace_name);
  if (i.workspace_status !== undefined) o.workspace_status = str(i.workspace_status);
  if (i.workspace_build_number !== undefined) o.workspace_build_number = int(i.workspace_build_number);
  o.workspace_agent_id = uuidOrNullRequired(i.workspace_agent_id);
  o.workspace_agent_lifecycle = strOrNullRequired(i.workspace_agent_lifecycle);
  o.workspace_agent_health = readNullable(i.workspace_agent_health, readHealth);
  o.workspace_app_id = uuidOrNullRequired(i.workspace_app_id);
  o.initial_prompt = str(i.initial_prompt);
  o.status = str(i.status);
  o.current_state = readNullable(i.current_state, readState);
  o.created_at = timestamp(i.created_at);
  o.updated_at = timestamp(i.updated_at);
  for (const key in o) if (o[key] === GIVE_UP) return GIVE_UP;
  return o;
}

/**
 * `TasksListResponseSchema.parse(data)` for the shapes coderd writes, or undefined when `data` is
 * anything else (including anything the schema rejects): then run the schema.
 */
export function fastTasksList(data: unknown): TasksListResponse | undefined {
  if (!isObject(data) || !Number.isSafeInteger(data.count)) return undefined;
  const tasks = readArray(data, 'tasks', readTask, false);
  if (tasks === GIVE_UP) return undefined;
  return { tasks, count: data.count } as unknown as TasksListResponse;
}
