import { z } from 'zod';
import {
  TaskLogTypeSchema,
  TaskStateSchema,
  TaskStatusSchema,
  WorkspaceAgentLifecycleSchema,
  WorkspaceStatusSchema,
} from './enums';
import { TimestampSchema } from './timestamp';
import { UuidSchema } from './uuid';

/** `WorkspaceAgentHealth`: `reason` is omitted when healthy. */
export const WorkspaceAgentHealthSchema = z.object({
  healthy: z.boolean(),
  reason: z.string().optional(),
});
export type WorkspaceAgentHealth = z.infer<typeof WorkspaceAgentHealthSchema>;

/** `TaskStateEntry`: the agent's latest report, or one the server synthesized while initializing. */
export const TaskStateEntrySchema = z.object({
  timestamp: TimestampSchema,
  state: TaskStateSchema,
  message: z.string(),
  uri: z.string(),
});
export type TaskStateEntry = z.infer<typeof TaskStateEntrySchema>;

/**
 * `Task`. Nullable ids are a UUID string or `null` on the wire (never swagger's `{uuid, valid}`);
 * `owner_avatar_url`, `workspace_status` and `workspace_build_number` are omitted when empty.
 */
export const TaskSchema = z.object({
  id: UuidSchema,
  organization_id: UuidSchema,
  owner_id: UuidSchema,
  owner_name: z.string(),
  owner_avatar_url: z.string().optional(),
  name: z.string(),
  display_name: z.string(),
  template_id: UuidSchema,
  template_version_id: UuidSchema,
  template_name: z.string(),
  template_display_name: z.string(),
  template_icon: z.string(),
  workspace_id: UuidSchema.nullable(),
  workspace_name: z.string(),
  workspace_status: WorkspaceStatusSchema.optional(),
  workspace_build_number: z.number().int().optional(),
  workspace_agent_id: UuidSchema.nullable(),
  workspace_agent_lifecycle: WorkspaceAgentLifecycleSchema.nullable(),
  workspace_agent_health: WorkspaceAgentHealthSchema.nullable(),
  workspace_app_id: UuidSchema.nullable(),
  initial_prompt: z.string(),
  status: TaskStatusSchema,
  current_state: TaskStateEntrySchema.nullable(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
});
export type Task = z.infer<typeof TaskSchema>;

/** `TasksListResponse`: every matching task, newest first; there is no pagination. */
export const TasksListResponseSchema = z.object({
  tasks: z.array(TaskSchema),
  count: z.number().int(),
});
export type TasksListResponse = z.infer<typeof TasksListResponseSchema>;

/** `TaskSendRequest`: input for a running agent. */
export const TaskSendRequestSchema = z.object({ input: z.string() });
export type TaskSendRequest = z.infer<typeof TaskSendRequestSchema>;

/** `UpdateTaskInputRequest`: a new initial prompt for a paused task. */
export const UpdateTaskInputRequestSchema = z.object({ input: z.string() });
export type UpdateTaskInputRequest = z.infer<typeof UpdateTaskInputRequestSchema>;

/** `TaskLogEntry`: one AgentAPI message; `id` starts at 0. */
export const TaskLogEntrySchema = z.object({
  id: z.number().int(),
  content: z.string(),
  type: TaskLogTypeSchema,
  time: TimestampSchema,
});
export type TaskLogEntry = z.infer<typeof TaskLogEntrySchema>;

/**
 * `TaskLogsResponse`. Live logs (task active) omit `snapshot`; a paused or starting task answers with the
 * snapshot taken at pause, `snapshot: true`, and `snapshot_at` when one exists.
 */
export const TaskLogsResponseSchema = z.object({
  logs: z.array(TaskLogEntrySchema),
  snapshot: z.boolean().optional(),
  snapshot_at: TimestampSchema.optional(),
});
export type TaskLogsResponse = z.infer<typeof TaskLogsResponseSchema>;
