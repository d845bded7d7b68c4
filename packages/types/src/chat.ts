import { z } from 'zod';
import { ChatClientTypeSchema, ChatModeSchema, ChatPlanModeSchema, ChatStatusSchema } from './chat-enums';
import { ChatErrorSchema } from './chat-error';
import { Int64Schema } from './chat-message';
import { goMap, goOmitted, goSlice } from './go-json';
import { TimestampSchema } from './timestamp';
import { UuidSchema } from './uuid';

/**
 * `ChatDiffStatus`: the branch or pull request a chat's workspace produced. `url` points at the pull
 * request once one is open, else at the branch.
 */
export const ChatDiffStatusSchema = z.object({
  chat_id: UuidSchema,
  url: goOmitted(z.string()),
  pull_request_state: goOmitted(z.string()),
  pull_request_title: z.string().default(''),
  pull_request_draft: z.boolean().default(false),
  changes_requested: z.boolean().default(false),
  additions: z.number().int().default(0),
  deletions: z.number().int().default(0),
  changed_files: z.number().int().default(0),
  author_login: goOmitted(z.string()),
  author_avatar_url: goOmitted(z.string()),
  base_branch: goOmitted(z.string()),
  head_branch: goOmitted(z.string()),
  pr_number: goOmitted(z.number().int()),
  commits: goOmitted(z.number().int()),
  approved: goOmitted(z.boolean()),
  reviewer_count: goOmitted(z.number().int()),
  refreshed_at: goOmitted(TimestampSchema),
  stale_at: goOmitted(TimestampSchema),
});
export type ChatDiffStatus = z.output<typeof ChatDiffStatusSchema>;

/** `ChatFileMetadata`: a file attached to a chat, without its content. */
export const ChatFileMetadataSchema = z.object({
  id: UuidSchema,
  owner_id: UuidSchema,
  organization_id: UuidSchema,
  name: z.string(),
  mime_type: z.string(),
  size_bytes: Int64Schema,
  created_at: TimestampSchema,
});
export type ChatFileMetadata = z.output<typeof ChatFileMetadataSchema>;

/** `ChatContextResource`: one pinned instruction file, skill or MCP server (single-chat reads only). */
export const ChatContextResourceSchema = z.object({
  source: z.string(),
  kind: z.string(),
  size_bytes: Int64Schema.default(0),
  skill_name: goOmitted(z.string()),
  skill_description: goOmitted(z.string()),
  tools: goOmitted(z.array(z.object({ name: z.string(), description: goOmitted(z.string()) }))),
  status: z.string().default(''),
  error: goOmitted(z.string()),
});
export type ChatContextResource = z.output<typeof ChatContextResourceSchema>;

/** `ChatContext`: the chat's pinned workspace context and whether it drifted from the agent's. */
export const ChatContextSchema = z.object({
  dirty: z.boolean().default(false),
  dirty_since: goOmitted(TimestampSchema),
  error: goOmitted(z.string()),
  resources: goOmitted(z.array(ChatContextResourceSchema)),
});
export type ChatContext = z.output<typeof ChatContextSchema>;

// `last_error` is a ChatError object since coder/coder#24919 (v2.34) and a string before; an empty
// string or null from an old server means "no error".
const LastErrorSchema = z
  .union([z.null().transform(() => undefined), z.literal('').transform(() => undefined), ChatErrorSchema])
  .optional();

// Fields that every Chats server sends are required; those a release added later (organization scoping,
// labels, pins, sharing, summaries, subagents) read as Go's zero value when an older server leaves them
// out, so one type serves v2.32 to today.
const chatFields = {
  id: UuidSchema,
  organization_id: goOmitted(UuidSchema),
  owner_id: UuidSchema,
  owner_username: goOmitted(z.string()),
  owner_name: goOmitted(z.string()),
  workspace_id: goOmitted(UuidSchema),
  build_id: goOmitted(UuidSchema),
  agent_id: goOmitted(UuidSchema),
  parent_chat_id: goOmitted(UuidSchema),
  root_chat_id: goOmitted(UuidSchema),
  last_model_config_id: goOmitted(UuidSchema),
  last_reasoning_effort: goOmitted(z.string()),
  title: z.string(),
  status: ChatStatusSchema,
  mode: goOmitted(ChatModeSchema),
  plan_mode: goOmitted(ChatPlanModeSchema),
  last_error: LastErrorSchema,
  last_turn_summary: z.string().nullable().default(null),
  summary: z.string().nullable().default(null),
  diff_status: goOmitted(ChatDiffStatusSchema),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  archived: z.boolean().default(false),
  shared: z.boolean().default(false),
  pin_order: z.number().int().default(0),
  mcp_server_ids: goSlice(UuidSchema),
  labels: goMap(z.string()),
  files: goOmitted(z.array(ChatFileMetadataSchema)),
  has_unread: z.boolean().default(false),
  context: goOmitted(ChatContextSchema),
  queued_for_capacity: goOmitted(z.boolean()),
  warnings: goOmitted(z.array(z.string())),
  client_type: goOmitted(ChatClientTypeSchema),
};

const ChatWithoutChildrenSchema = z.object(chatFields);

/**
 * `Chat`. `children` holds a root chat's subagent chats (coderd caps the depth at 1, so theirs is
 * always empty). `last_error` is read in its object form whatever the server's age; nil slices and maps
 * (`mcp_server_ids`, `labels`, `children`) read as empty.
 */
export type Chat = z.output<typeof ChatWithoutChildrenSchema> & { children: Chat[] };
/** What {@link ChatSchema} accepts: a `Chat` as any supported server writes it. */
export type ChatWire = z.input<typeof ChatWithoutChildrenSchema> & { children?: ChatWire[] | null };

/** `Chat`: see {@link Chat}. */
export const ChatSchema: z.ZodType<Chat, ChatWire> = z.object({
  ...chatFields,
  children: z.lazy(() => goSlice(ChatSchema)),
});
