import { z } from 'zod';
import {
  ChatBusyBehaviorSchema,
  ChatClientTypeSchema,
  ChatInputPartTypeSchema,
  ChatPlanModeSchema,
} from './chat-enums';
import { ChatMessageSchema, ChatQueuedMessageSchema } from './chat-message';
import { goOmitted, goOmittedEnum, goSlice } from './go-json';
import { UuidSchema } from './uuid';

/**
 * `ChatInputPart`: one part of a message a client sends. `text` parts need non-empty `text`; `file`
 * parts a `file_id` uploaded through `POST /chats/files`; `file-reference` parts a `file_name` (and the
 * commented lines). Any other `type` is kept as sent so a server can answer coderd's
 * `content[i].type "x" is not supported.`. (Go's own client writes the nil UUID as `file_id` on every
 * part; it means "none".)
 */
export const ChatInputPartSchema = z.object({
  type: ChatInputPartTypeSchema,
  text: goOmitted(z.string()),
  file_id: goOmitted(UuidSchema),
  file_name: goOmitted(z.string()),
  start_line: goOmitted(z.number().int()),
  end_line: goOmitted(z.number().int()),
  content: goOmitted(z.string()),
});
export type ChatInputPart = z.input<typeof ChatInputPartSchema>;

/** `DynamicTool`: a client-executed tool (coderd calls the API "highly experimental"). */
export const DynamicToolSchema = z.object({
  name: z.string(),
  description: goOmitted(z.string()),
  input_schema: z.unknown(),
});
export type DynamicTool = z.input<typeof DynamicToolSchema>;

/**
 * `CreateChatRequest` (`POST /chats`). `organization_id` and a non-empty `content` are required by every
 * server since coder/coder#23827 (April 2026); the rest may be left out. `labels` follow
 * {@link validateChatLabels}. `owner_id` exists only on the newest servers (coder/coder#29581).
 */
export const CreateChatRequestSchema = z.object({
  organization_id: UuidSchema,
  content: z.array(ChatInputPartSchema),
  system_prompt: goOmitted(z.string()),
  workspace_id: goOmitted(UuidSchema),
  model_config_id: goOmitted(UuidSchema),
  reasoning_effort: goOmitted(z.string()),
  mcp_server_ids: goOmitted(z.array(UuidSchema)),
  labels: goOmitted(z.record(z.string(), z.string())),
  unsafe_dynamic_tools: goOmitted(z.array(DynamicToolSchema)),
  plan_mode: goOmittedEnum(ChatPlanModeSchema),
  client_type: goOmittedEnum(ChatClientTypeSchema),
  orchestrator: goOmitted(z.boolean()),
  owner_id: goOmitted(UuidSchema),
});
export type CreateChatRequest = z.input<typeof CreateChatRequestSchema>;

/**
 * `CreateChatMessageRequest` (`POST /chats/{chat}/messages`). `busy_behavior` says what a send to a busy
 * chat does (`queue`, the default, or `interrupt`); `mcp_server_ids` and `plan_mode` left out mean "no
 * change", and `plan_mode: ""` leaves plan mode.
 */
export const CreateChatMessageRequestSchema = z.object({
  content: z.array(ChatInputPartSchema),
  model_config_id: goOmitted(UuidSchema),
  mcp_server_ids: goOmitted(z.array(UuidSchema)),
  busy_behavior: goOmittedEnum(ChatBusyBehaviorSchema),
  plan_mode: goOmitted(ChatPlanModeSchema),
  reasoning_effort: goOmitted(z.string()),
});
export type CreateChatMessageRequest = z.input<typeof CreateChatMessageRequestSchema>;

/**
 * `CreateChatMessageResponse`. A direct send sets `message` (and `messages`, every message the send
 * inserted: upsert them all); a queued one sets `queued: true` and `queued_message`.
 */
export const CreateChatMessageResponseSchema = z.object({
  message: goOmitted(ChatMessageSchema),
  messages: goSlice(ChatMessageSchema),
  queued_message: goOmitted(ChatQueuedMessageSchema),
  queued: z.boolean(),
  warnings: goSlice(z.string()),
});
export type CreateChatMessageResponse = z.output<typeof CreateChatMessageResponseSchema>;

/**
 * `ChatMessagesResponse` (`GET /chats/{chat}/messages`). `queued_messages` is filled only on a request
 * without a cursor; `has_more` means more messages exist in the paging direction.
 */
export const ChatMessagesResponseSchema = z.object({
  messages: goSlice(ChatMessageSchema),
  queued_messages: goSlice(ChatQueuedMessageSchema),
  has_more: z.boolean(),
});
export type ChatMessagesResponse = z.output<typeof ChatMessagesResponseSchema>;

/**
 * `UpdateChatRequest` (`PATCH /chats/{chat}`). Every field is optional and a left-out or `null` field
 * means "no change". `labels` replaces all labels (`{}` clears them); `pin_order: 0` unpins;
 * `archived` applies to root chats only.
 */
export const UpdateChatRequestSchema = z.object({
  title: goOmitted(z.string()),
  archived: goOmitted(z.boolean()),
  workspace_id: goOmitted(UuidSchema),
  pin_order: goOmitted(z.number().int()),
  labels: goOmitted(z.record(z.string(), z.string())),
  plan_mode: goOmitted(ChatPlanModeSchema),
});
export type UpdateChatRequest = z.input<typeof UpdateChatRequestSchema>;
