import { z } from 'zod';
import { ChatMessagePartTypeSchema, ChatMessageRoleSchema } from './chat-enums';
import { goOmitted, goSlice } from './go-json';
import { TimestampSchema } from './timestamp';
import { UuidSchema } from './uuid';

/** A Go `int64` id: a JSON number that JavaScript holds exactly (coderd's ids are sequence values). */
export const Int64Schema = z.number().int();

// `uuid.NullUUID` marshals itself, so Go's omitempty never drops it: an unset one is written as `null` on
// every part. An absent one reads as that `null`.
const NullUuidSchema = UuidSchema.nullable().default(null);

/**
 * `ChatMessagePart`: one structured chunk of a message. coderd has a single Go struct for every part type,
 * so this is one flat object whose `type` says which fields matter (`text` for text, reasoning and
 * hook-notice parts; `tool_*`, `args` and `result` for tool calls and results; and so on).
 *
 * Fields Go writes without omitempty are on every part, whatever its type (a `tool-call` part carries
 * `"text":""` and `"file_id":null`); a server that predates one of them is read as sending the zero
 * value, so a parsed part serializes (`JSON.stringify`) to exactly what coderd writes. An unknown `type`
 * is kept as sent (an `UnknownEnumValue`) and the part still parses.
 */
export const ChatMessagePartSchema = z.object({
  type: ChatMessagePartTypeSchema,
  text: z.string().default(''),
  tool_call_id: goOmitted(z.string()),
  tool_name: goOmitted(z.string()),
  mcp_server_config_id: NullUuidSchema,
  /** The tool's input, as the JSON the model produced. */
  args: z.unknown().optional(),
  args_delta: goOmitted(z.string()),
  parsed_commands: goOmitted(z.array(z.array(z.string()))),
  /** The tool's output, as JSON. */
  result: z.unknown().optional(),
  result_delta: goOmitted(z.string()),
  result_reset: goOmitted(z.boolean()),
  is_error: goOmitted(z.boolean()),
  is_media: goOmitted(z.boolean()),
  source_id: goOmitted(z.string()),
  url: z.string().default(''),
  title: goOmitted(z.string()),
  media_type: z.string().default(''),
  name: goOmitted(z.string()),
  /** Base64 file content; coderd drops it once the file is stored (`file_id` set). */
  data: goOmitted(z.string()),
  file_id: NullUuidSchema,
  file_name: z.string().default(''),
  start_line: z.number().int().default(0),
  end_line: z.number().int().default(0),
  content: z.string().default(''),
  provider_executed: goOmitted(z.boolean()),
  hook_rewritten: goOmitted(z.boolean()),
  created_at: goOmitted(TimestampSchema),
  completed_at: goOmitted(TimestampSchema),
  context_file_path: z.string().default(''),
  context_file_truncated: goOmitted(z.boolean()),
  context_file_agent_id: NullUuidSchema,
  skill_name: z.string().default(''),
  skill_description: goOmitted(z.string()),
});
export type ChatMessagePart = z.output<typeof ChatMessagePartSchema>;

/** `ChatMessageUsage`: token counts of one model response; each is left out when unknown. */
export const ChatMessageUsageSchema = z.object({
  input_tokens: goOmitted(Int64Schema),
  output_tokens: goOmitted(Int64Schema),
  total_tokens: goOmitted(Int64Schema),
  reasoning_tokens: goOmitted(Int64Schema),
  cache_creation_tokens: goOmitted(Int64Schema),
  cache_read_tokens: goOmitted(Int64Schema),
  context_limit: goOmitted(Int64Schema),
});
export type ChatMessageUsage = z.output<typeof ChatMessageUsageSchema>;

/**
 * `ChatMessage`: one saved message. `id` increases within a chat and is the cursor of every message
 * route and of the stream. `content` is left out by Go when empty and reads as `[]`.
 */
export const ChatMessageSchema = z.object({
  id: Int64Schema,
  chat_id: UuidSchema,
  created_by: goOmitted(UuidSchema),
  model_config_id: goOmitted(UuidSchema),
  created_at: TimestampSchema,
  role: ChatMessageRoleSchema,
  content: goSlice(ChatMessagePartSchema),
  usage: goOmitted(ChatMessageUsageSchema),
});
export type ChatMessage = z.output<typeof ChatMessageSchema>;

/** `ChatQueuedMessage`: a message waiting for the current turn to end; `id` is its queue id. */
export const ChatQueuedMessageSchema = z.object({
  id: Int64Schema,
  chat_id: UuidSchema,
  model_config_id: goOmitted(UuidSchema),
  content: goSlice(ChatMessagePartSchema),
  created_at: TimestampSchema,
});
export type ChatQueuedMessage = z.output<typeof ChatQueuedMessageSchema>;
