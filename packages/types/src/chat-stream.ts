import { z } from 'zod';
import { ChatSchema } from './chat';
import {
  ChatErrorKindSchema,
  ChatMessageRoleSchema,
  ChatStatusSchema,
  ChatStreamEventTypeSchema,
  ChatWatchEventKindSchema,
} from './chat-enums';
import { ChatErrorSchema } from './chat-error';
import {
  ChatMessagePartSchema,
  ChatMessageSchema,
  ChatQueuedMessageSchema,
  Int64Schema,
} from './chat-message';
import { goOmitted } from './go-json';
import { TimestampSchema } from './timestamp';
import { UuidSchema } from './uuid';

/**
 * `ChatStreamMessagePart`: a streaming delta of the message being generated. `seq` is contiguous within
 * a generation; a `preview_reset` event discards the parts before it and `seq` starts over.
 */
export const ChatStreamMessagePartSchema = z.object({
  role: goOmitted(ChatMessageRoleSchema),
  part: ChatMessagePartSchema,
  history_version: goOmitted(Int64Schema),
  generation_attempt: goOmitted(Int64Schema),
  seq: goOmitted(Int64Schema),
});
export type ChatStreamMessagePart = z.output<typeof ChatStreamMessagePartSchema>;

/** `ChatStreamStatus`: the chat's status, sent in every snapshot and then only when it changes. */
export const ChatStreamStatusSchema = z.object({ status: ChatStatusSchema });
export type ChatStreamStatus = z.output<typeof ChatStreamStatusSchema>;

/** `ChatStreamRetry`: the server is retrying a failed model call; the status stays `running`. */
export const ChatStreamRetrySchema = z.object({
  attempt: z.number().int(),
  delay_ms: Int64Schema,
  error: z.string(),
  kind: goOmitted(ChatErrorKindSchema),
  provider: goOmitted(z.string()),
  status_code: goOmitted(z.number().int()),
  retrying_at: TimestampSchema,
});
export type ChatStreamRetry = z.output<typeof ChatStreamRetrySchema>;

/** `ChatStreamToolCall`: a dynamic tool call the client must execute; `args` is a JSON string. */
export const ChatStreamToolCallSchema = z.object({
  tool_call_id: z.string(),
  tool_name: z.string(),
  args: z.string(),
});
export type ChatStreamToolCall = z.output<typeof ChatStreamToolCallSchema>;

/** `ChatStreamActionRequired`: the chat waits for the client's tool results (`requires_action`). */
export const ChatStreamActionRequiredSchema = z.object({
  tool_calls: z.preprocess((value) => value ?? [], z.array(ChatStreamToolCallSchema)),
});
export type ChatStreamActionRequired = z.output<typeof ChatStreamActionRequiredSchema>;

/**
 * `ChatStreamEvent`: one element of a per-chat stream frame. `type` says which payload is set. For
 * `queue_update`, Go leaves `queued_messages` out when the queue is empty, so an absent field means an
 * empty queue. An unknown `type` is kept as sent and the event still parses.
 */
export const ChatStreamEventSchema = z.object({
  type: ChatStreamEventTypeSchema,
  chat_id: UuidSchema,
  message: goOmitted(ChatMessageSchema),
  message_part: goOmitted(ChatStreamMessagePartSchema),
  status: goOmitted(ChatStreamStatusSchema),
  error: goOmitted(ChatErrorSchema),
  retry: goOmitted(ChatStreamRetrySchema),
  queued_messages: goOmitted(z.array(ChatQueuedMessageSchema)),
  action_required: goOmitted(ChatStreamActionRequiredSchema),
});
export type ChatStreamEvent = z.output<typeof ChatStreamEventSchema>;

/**
 * `ChatWatchEvent`: one event of the per-user watch stream (`GET /chats/watch`). `chat` may be a trimmed
 * projection of the chat: fetch the chat or its messages for the full data.
 */
export const ChatWatchEventSchema = z.object({
  kind: ChatWatchEventKindSchema,
  chat: ChatSchema,
  tool_calls: goOmitted(z.array(ChatStreamToolCallSchema)),
});
export type ChatWatchEvent = z.output<typeof ChatWatchEventSchema>;
