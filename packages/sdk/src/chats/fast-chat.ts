import type { Chat } from '@coder-tasks/types';
import {
  boolOrFalse,
  type Fields,
  GIVE_UP,
  intOrZero,
  isBoolean,
  isObject,
  isString,
  isUuid,
  type Out,
  omitted,
  readArray,
  str,
  strOrNull,
  timestamp,
  uuid,
} from '../fast-wire';
import {
  checked,
  listOf,
  omittedObject,
  readContext,
  readDiffStatus,
  readFile,
  readLastError,
} from './fast-chat-details';

// The fast path of `getChat` and `listChats`: a `Chat` has ~35 fields and nested objects (the error, the
// pull request, labels, subagent chats), and the schema made one chat cost ~1.2x a raw request. What it
// returns is what ChatSchema returns for the same input (same keys in the same order, same values), or
// nothing, and the schema runs; the test beside it checks that on generated input.

/** The plain fields of `Chat`, in the schema's order; CHAT_OBJECT_FIELDS are read by their own readers. */
export const CHAT_FIELDS: Fields = [
  ['id', 'uuid'],
  ['organization_id', 'omitted-uuid'],
  ['owner_id', 'uuid'],
  ['owner_username', 'omitted-string'],
  ['owner_name', 'omitted-string'],
  ['workspace_id', 'omitted-uuid'],
  ['build_id', 'omitted-uuid'],
  ['agent_id', 'omitted-uuid'],
  ['parent_chat_id', 'omitted-uuid'],
  ['root_chat_id', 'omitted-uuid'],
  ['last_model_config_id', 'omitted-uuid'],
  ['last_reasoning_effort', 'omitted-string'],
  ['title', 'string'],
  ['status', 'string'],
  ['mode', 'omitted-string'],
  ['plan_mode', 'omitted-string'],
  ['last_turn_summary', 'string-or-null'],
  ['summary', 'string-or-null'],
  ['created_at', 'timestamp'],
  ['updated_at', 'timestamp'],
  ['archived', 'boolean-or-false'],
  ['shared', 'boolean-or-false'],
  ['pin_order', 'int-or-zero'],
  ['has_unread', 'boolean-or-false'],
  ['queued_for_capacity', 'omitted-boolean'],
  ['client_type', 'omitted-string'],
];

/** The other fields of `Chat`, in the schema's order. */
export const CHAT_OBJECT_FIELDS = [
  'last_error',
  'diff_status',
  'mcp_server_ids',
  'labels',
  'files',
  'context',
  'warnings',
  'children',
] as const;

/**
 * `goMap(z.string())`: absent or `null` read as `{}`, else a copy. zod drops a `__proto__` key (JSON.parse
 * makes it an own key); that never comes from coderd, so it is left to the schema.
 */
function readLabels(v: unknown): Out | typeof GIVE_UP {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) return GIVE_UP;
  const o: Out = {};
  for (const key of Object.keys(v)) {
    const value = v[key];
    if (typeof value !== 'string' || key === '__proto__') return GIVE_UP;
    o[key] = value;
  }
  return o;
}

/** `goSlice(UuidSchema)`. */
const readUuids = (v: unknown) => (v === undefined || v === null ? [] : listOf(v, isUuid));

/**
 * One chat, its fields read and written by name in the schema's order (see fast-wire.ts for why by
 * name). coderd nests subagent chats one level deep only, so a child's own non-empty `children` is left
 * to the schema (which also keeps a hostile nesting from running this reader deep).
 */
function readChat(i: unknown, nested: boolean): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.id = uuid(i.id);
  if (i.organization_id !== undefined) o.organization_id = omitted(i.organization_id, isUuid);
  o.owner_id = uuid(i.owner_id);
  if (i.owner_username !== undefined) o.owner_username = omitted(i.owner_username, isString);
  if (i.owner_name !== undefined) o.owner_name = omitted(i.owner_name, isString);
  if (i.workspace_id !== undefined) o.workspace_id = omitted(i.workspace_id, isUuid);
  if (i.build_id !== undefined) o.build_id = omitted(i.build_id, isUuid);
  if (i.agent_id !== undefined) o.agent_id = omitted(i.agent_id, isUuid);
  if (i.parent_chat_id !== undefined) o.parent_chat_id = omitted(i.parent_chat_id, isUuid);
  if (i.root_chat_id !== undefined) o.root_chat_id = omitted(i.root_chat_id, isUuid);
  if (i.last_model_config_id !== undefined) o.last_model_config_id = omitted(i.last_model_config_id, isUuid);
  if (i.last_reasoning_effort !== undefined) {
    o.last_reasoning_effort = omitted(i.last_reasoning_effort, isString);
  }
  o.title = str(i.title);
  o.status = str(i.status); // an open enum: an unknown status is kept as sent
  if (i.mode !== undefined) o.mode = omitted(i.mode, isString);
  if (i.plan_mode !== undefined) o.plan_mode = omitted(i.plan_mode, isString);
  if (i.last_error !== undefined) o.last_error = readLastError(i.last_error);
  o.last_turn_summary = strOrNull(i.last_turn_summary);
  o.summary = strOrNull(i.summary);
  if (i.diff_status !== undefined) o.diff_status = omittedObject(i.diff_status, readDiffStatus);
  o.created_at = timestamp(i.created_at);
  o.updated_at = timestamp(i.updated_at);
  o.archived = boolOrFalse(i.archived);
  o.shared = boolOrFalse(i.shared);
  o.pin_order = intOrZero(i.pin_order);
  o.mcp_server_ids = readUuids(i.mcp_server_ids);
  o.labels = readLabels(i.labels);
  if (i.files !== undefined) o.files = i.files === null ? undefined : readArray(i, 'files', readFile, false);
  o.has_unread = boolOrFalse(i.has_unread);
  if (i.context !== undefined) o.context = omittedObject(i.context, readContext);
  if (i.queued_for_capacity !== undefined) o.queued_for_capacity = omitted(i.queued_for_capacity, isBoolean);
  if (i.warnings !== undefined) o.warnings = i.warnings === null ? undefined : listOf(i.warnings, isString);
  if (i.client_type !== undefined) o.client_type = omitted(i.client_type, isString);
  o.children = nested
    ? i.children === undefined ||
      i.children === null ||
      (Array.isArray(i.children) && i.children.length === 0)
      ? []
      : GIVE_UP
    : readArray(i, 'children', readChild, true);
  return checked(o);
}

const readChild = (i: unknown) => readChat(i, true);

/**
 * `ChatSchema.parse(data)` for the shapes coderd writes, or undefined when `data` is anything else
 * (including anything the schema rejects): then run the schema.
 */
export function fastChat(data: unknown): Chat | undefined {
  const chat = readChat(data, false);
  return chat === GIVE_UP ? undefined : (chat as unknown as Chat);
}

/** `ChatSchema.array().parse(data)` (a `GET /chats` answer) as {@link fastChat} reads one chat. */
export function fastChats(data: unknown): Chat[] | undefined {
  if (!Array.isArray(data)) return undefined;
  const out: Chat[] = new Array(data.length);
  for (let k = 0; k < data.length; k++) {
    const chat = readChat(data[k], false);
    if (chat === GIVE_UP) return undefined;
    out[k] = chat as unknown as Chat;
  }
  return out;
}
