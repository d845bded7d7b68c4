import type { z } from 'zod';
import { isKnownEnumValue, openEnum } from './open-enum';

// Every Chats enum the server writes is open (see UnknownEnumValue): the Chats API is young and coderd
// has added and removed values in most releases. Lists are in the order of the Go constants.

/**
 * Every chat status: the five of current coderd, then `pending`, `paused` and `completed`, which servers
 * before coder/coder#27064 (July 2026) still send.
 */
export const CHAT_STATUSES = [
  'waiting',
  'running',
  'error',
  'requires_action',
  'interrupting',
  'pending',
  'paused',
  'completed',
] as const;
/** A chat status this version knows. */
export type KnownChatStatus = (typeof CHAT_STATUSES)[number];
/** `ChatStatus`. An unknown value is kept as sent: treat it as "not finished". */
export const ChatStatusSchema = openEnum(CHAT_STATUSES);
export type ChatStatus = z.infer<typeof ChatStatusSchema>;
/** True when the status is one this version knows. */
export const isKnownChatStatus = (value: string): value is KnownChatStatus =>
  isKnownEnumValue(CHAT_STATUSES, value);

/** `ChatErrorKind` values, in the order of Go's `AllChatErrorKinds`. */
export const CHAT_ERROR_KINDS = [
  'generic',
  'overloaded',
  'rate_limit',
  'timeout',
  'stream_silence_timeout',
  'auth',
  'config',
  'usage_limit',
  'missing_key',
  'provider_disabled',
  'content_filter',
  'hook_dispatch_failed',
  'hook_denied',
] as const;
export type KnownChatErrorKind = (typeof CHAT_ERROR_KINDS)[number];
/** `ChatErrorKind`: how a chat error should be shown. */
export const ChatErrorKindSchema = openEnum(CHAT_ERROR_KINDS);
export type ChatErrorKind = z.infer<typeof ChatErrorKindSchema>;

/** `ChatMessageRole` values. */
export const CHAT_MESSAGE_ROLES = ['system', 'user', 'assistant', 'tool'] as const;
export type KnownChatMessageRole = (typeof CHAT_MESSAGE_ROLES)[number];
export const ChatMessageRoleSchema = openEnum(CHAT_MESSAGE_ROLES);
export type ChatMessageRole = z.infer<typeof ChatMessageRoleSchema>;

/** `ChatMessagePartType` values, in the order of Go's `AllChatMessagePartTypes()`. */
export const CHAT_MESSAGE_PART_TYPES = [
  'text',
  'reasoning',
  'tool-call',
  'tool-result',
  'source',
  'file',
  'file-reference',
  'context-file',
  'skill',
  'hook-context',
  'hook-notice',
] as const;
export type KnownChatMessagePartType = (typeof CHAT_MESSAGE_PART_TYPES)[number];
export const ChatMessagePartTypeSchema = openEnum(CHAT_MESSAGE_PART_TYPES);
export type ChatMessagePartType = z.infer<typeof ChatMessagePartTypeSchema>;

/** `ChatInputPartType`: the only part types a client may send; the server rejects any other. */
export const CHAT_INPUT_PART_TYPES = ['text', 'file', 'file-reference'] as const;
export type KnownChatInputPartType = (typeof CHAT_INPUT_PART_TYPES)[number];
export const ChatInputPartTypeSchema = openEnum(CHAT_INPUT_PART_TYPES);
export type ChatInputPartType = z.infer<typeof ChatInputPartTypeSchema>;

/** `ChatStreamEventType` values. */
export const CHAT_STREAM_EVENT_TYPES = [
  'message_part',
  'message',
  'status',
  'error',
  'queue_update',
  'retry',
  'action_required',
  'preview_reset',
  'history_reset',
] as const;
export type KnownChatStreamEventType = (typeof CHAT_STREAM_EVENT_TYPES)[number];
export const ChatStreamEventTypeSchema = openEnum(CHAT_STREAM_EVENT_TYPES);
export type ChatStreamEventType = z.infer<typeof ChatStreamEventTypeSchema>;

/** `ChatWatchEventKind` values. */
export const CHAT_WATCH_EVENT_KINDS = [
  'status_change',
  'summary_change',
  'chat_summary_change',
  'title_change',
  'created',
  'deleted',
  'diff_status_change',
  'action_required',
  'context_dirty',
] as const;
export type KnownChatWatchEventKind = (typeof CHAT_WATCH_EVENT_KINDS)[number];
export const ChatWatchEventKindSchema = openEnum(CHAT_WATCH_EVENT_KINDS);
export type ChatWatchEventKind = z.infer<typeof ChatWatchEventKindSchema>;

/** `ChatClientType`: where a chat was created. The server defaults a create to `api`. */
export const CHAT_CLIENT_TYPES = ['ui', 'api'] as const;
export const ChatClientTypeSchema = openEnum(CHAT_CLIENT_TYPES);
export type ChatClientType = z.infer<typeof ChatClientTypeSchema>;

/** `ChatMode`: chats whose tool set differs from a regular chat. */
export const CHAT_MODES = ['computer_use', 'explore', 'orchestrator'] as const;
export const ChatModeSchema = openEnum(CHAT_MODES);
export type ChatMode = z.infer<typeof ChatModeSchema>;

/** `ChatPlanMode`: `plan`, or `''` (in an update request: leave plan mode). */
export const CHAT_PLAN_MODES = ['plan', ''] as const;
export const ChatPlanModeSchema = openEnum(CHAT_PLAN_MODES);
export type ChatPlanMode = z.infer<typeof ChatPlanModeSchema>;

/** `ChatBusyBehavior`: what a send to a busy chat does. Empty means `queue`. */
export const CHAT_BUSY_BEHAVIORS = ['queue', 'interrupt'] as const;
export const ChatBusyBehaviorSchema = openEnum(CHAT_BUSY_BEHAVIORS);
export type ChatBusyBehavior = z.infer<typeof ChatBusyBehaviorSchema>;
