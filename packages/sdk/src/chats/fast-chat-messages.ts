import type { ChatMessagesResponse } from '@coder-tasks/types';
import {
  type Fields,
  GIVE_UP,
  int,
  intOrZero,
  isBoolean,
  isObject,
  isString,
  isUuid,
  isWellFormedTimestamp,
  type Out,
  omitted,
  readArray,
  readObject,
  str,
  strOrEmpty,
  timestamp,
  uuid,
  uuidOrNull,
} from '../fast-wire';

// The fast path of the largest Chats answer, a page of up to 200 messages whose parts have ~37 fields:
// the schema made such a page cost ~1.9x a raw request. What it returns is what
// ChatMessagesResponseSchema returns for the same input (same keys in the same order, same values), or
// nothing, and the schema runs; the test beside it checks that on generated input.

/** The fields of `ChatMessagePart`, in the schema's order (the test checks it against the schema). */
export const PART_FIELDS: Fields = [
  ['type', 'string'],
  ['text', 'string-or-empty'],
  ['tool_call_id', 'omitted-string'],
  ['tool_name', 'omitted-string'],
  ['mcp_server_config_id', 'uuid-or-null'],
  ['args', 'unknown'],
  ['args_delta', 'omitted-string'],
  ['parsed_commands', 'omitted-other'],
  ['result', 'unknown'],
  ['result_delta', 'omitted-string'],
  ['result_reset', 'omitted-boolean'],
  ['is_error', 'omitted-boolean'],
  ['is_media', 'omitted-boolean'],
  ['source_id', 'omitted-string'],
  ['url', 'string-or-empty'],
  ['title', 'omitted-string'],
  ['media_type', 'string-or-empty'],
  ['name', 'omitted-string'],
  ['data', 'omitted-string'],
  ['file_id', 'uuid-or-null'],
  ['file_name', 'string-or-empty'],
  ['start_line', 'int-or-zero'],
  ['end_line', 'int-or-zero'],
  ['content', 'string-or-empty'],
  ['provider_executed', 'omitted-boolean'],
  ['hook_rewritten', 'omitted-boolean'],
  ['created_at', 'omitted-timestamp'],
  ['completed_at', 'omitted-timestamp'],
  ['context_file_path', 'string-or-empty'],
  ['context_file_truncated', 'omitted-boolean'],
  ['context_file_agent_id', 'uuid-or-null'],
  ['skill_name', 'string-or-empty'],
  ['skill_description', 'omitted-string'],
];

/** The fields of `ChatMessageUsage`, in the schema's order. */
export const USAGE_FIELDS: Fields = [
  ['input_tokens', 'omitted-int'],
  ['output_tokens', 'omitted-int'],
  ['total_tokens', 'omitted-int'],
  ['reasoning_tokens', 'omitted-int'],
  ['cache_creation_tokens', 'omitted-int'],
  ['cache_read_tokens', 'omitted-int'],
  ['context_limit', 'omitted-int'],
];

// Parsed commands are rare: leave them to the schema.
const never = () => false;

/**
 * One part, its fields read and written by name in PART_FIELDS' order (see fast-wire.ts for why by
 * name); a field it cannot read is marked GIVE_UP, and the part is given up at the end.
 */
function readPart(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.type = str(i.type);
  o.text = strOrEmpty(i.text);
  if (i.tool_call_id !== undefined) o.tool_call_id = omitted(i.tool_call_id, isString);
  if (i.tool_name !== undefined) o.tool_name = omitted(i.tool_name, isString);
  o.mcp_server_config_id = uuidOrNull(i.mcp_server_config_id);
  if (i.args !== undefined) o.args = i.args;
  if (i.args_delta !== undefined) o.args_delta = omitted(i.args_delta, isString);
  if (i.parsed_commands !== undefined) o.parsed_commands = omitted(i.parsed_commands, never);
  if (i.result !== undefined) o.result = i.result;
  if (i.result_delta !== undefined) o.result_delta = omitted(i.result_delta, isString);
  if (i.result_reset !== undefined) o.result_reset = omitted(i.result_reset, isBoolean);
  if (i.is_error !== undefined) o.is_error = omitted(i.is_error, isBoolean);
  if (i.is_media !== undefined) o.is_media = omitted(i.is_media, isBoolean);
  if (i.source_id !== undefined) o.source_id = omitted(i.source_id, isString);
  o.url = strOrEmpty(i.url);
  if (i.title !== undefined) o.title = omitted(i.title, isString);
  o.media_type = strOrEmpty(i.media_type);
  if (i.name !== undefined) o.name = omitted(i.name, isString);
  if (i.data !== undefined) o.data = omitted(i.data, isString);
  o.file_id = uuidOrNull(i.file_id);
  o.file_name = strOrEmpty(i.file_name);
  o.start_line = intOrZero(i.start_line);
  o.end_line = intOrZero(i.end_line);
  o.content = strOrEmpty(i.content);
  if (i.provider_executed !== undefined) o.provider_executed = omitted(i.provider_executed, isBoolean);
  if (i.hook_rewritten !== undefined) o.hook_rewritten = omitted(i.hook_rewritten, isBoolean);
  if (i.created_at !== undefined) o.created_at = omitted(i.created_at, isWellFormedTimestamp);
  if (i.completed_at !== undefined) o.completed_at = omitted(i.completed_at, isWellFormedTimestamp);
  o.context_file_path = strOrEmpty(i.context_file_path);
  if (i.context_file_truncated !== undefined)
    o.context_file_truncated = omitted(i.context_file_truncated, isBoolean);
  o.context_file_agent_id = uuidOrNull(i.context_file_agent_id);
  o.skill_name = strOrEmpty(i.skill_name);
  if (i.skill_description !== undefined) o.skill_description = omitted(i.skill_description, isString);
  for (const key in o) if (o[key] === GIVE_UP) return GIVE_UP;
  return o;
}

/** One message, read by name in the schema's order (`ChatMessageSchema`). */
function readMessage(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.id = int(i.id);
  o.chat_id = uuid(i.chat_id);
  if (i.created_by !== undefined) o.created_by = omitted(i.created_by, isUuid);
  if (i.model_config_id !== undefined) o.model_config_id = omitted(i.model_config_id, isUuid);
  o.created_at = timestamp(i.created_at);
  o.role = str(i.role);
  o.content = readArray(i, 'content', readPart, true);
  if (i.usage === null) o.usage = undefined;
  else if (i.usage !== undefined) o.usage = readObject(i.usage, USAGE_FIELDS);
  for (const key in o) if (o[key] === GIVE_UP) return GIVE_UP;
  return o;
}

/** One queued message, read by name in the schema's order (`ChatQueuedMessageSchema`). */
function readQueued(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.id = int(i.id);
  o.chat_id = uuid(i.chat_id);
  if (i.model_config_id !== undefined) o.model_config_id = omitted(i.model_config_id, isUuid);
  o.content = readArray(i, 'content', readPart, true);
  o.created_at = timestamp(i.created_at);
  for (const key in o) if (o[key] === GIVE_UP) return GIVE_UP;
  return o;
}

/**
 * `ChatMessagesResponseSchema.parse(data)` for the shapes coderd writes, or undefined when `data` is
 * anything else (including anything the schema rejects): then run the schema.
 */
export function fastChatMessagesResponse(data: unknown): ChatMessagesResponse | undefined {
  if (!isObject(data) || typeof data.has_more !== 'boolean') return undefined;
  const messages = readArray(data, 'messages', readMessage, true);
  if (messages === GIVE_UP) return undefined;
  const queued = readArray(data, 'queued_messages', readQueued, true);
  if (queued === GIVE_UP) return undefined;
  return { messages, queued_messages: queued, has_more: data.has_more } as unknown as ChatMessagesResponse;
}
