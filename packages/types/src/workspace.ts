import { z } from 'zod';
import {
  BuildReasonSchema,
  ProvisionerJobStatusSchema,
  WorkspaceAppStatusStateSchema,
  WorkspaceStatusSchema,
  WorkspaceTransitionSchema,
} from './enums';
import { TimestampSchema } from './timestamp';
import { UuidSchema } from './uuid';

/** The fields of a build's `ProvisionerJob` that matter: its status and, when it failed, why. */
export const ProvisionerJobSchema = z.object({
  id: UuidSchema,
  status: ProvisionerJobStatusSchema,
  error: z.string().optional(),
  error_code: z.string().optional(),
});
export type ProvisionerJob = z.infer<typeof ProvisionerJobSchema>;

/** The fields of `WorkspaceBuild` that matter to tasks (pause, resume, and why a task is in error). */
export const WorkspaceBuildSchema = z.object({
  id: UuidSchema,
  workspace_id: UuidSchema,
  build_number: z.number().int(),
  transition: WorkspaceTransitionSchema,
  status: WorkspaceStatusSchema,
  reason: BuildReasonSchema,
  job: ProvisionerJobSchema,
  created_at: TimestampSchema,
});
export type WorkspaceBuild = z.infer<typeof WorkspaceBuildSchema>;

/** `PauseTaskResponse`: the `stop` build the server queued. */
export const PauseTaskResponseSchema = z.object({ workspace_build: WorkspaceBuildSchema.nullable() });
export type PauseTaskResponse = z.infer<typeof PauseTaskResponseSchema>;

/** `ResumeTaskResponse`: the `start` build the server queued. */
export const ResumeTaskResponseSchema = z.object({ workspace_build: WorkspaceBuildSchema.nullable() });
export type ResumeTaskResponse = z.infer<typeof ResumeTaskResponseSchema>;

/** `WorkspaceAppStatus`: what an agent last reported (note the app-level state `failure`). */
export const WorkspaceAppStatusSchema = z.object({
  id: UuidSchema,
  created_at: TimestampSchema,
  workspace_id: UuidSchema,
  agent_id: UuidSchema,
  app_id: UuidSchema,
  state: WorkspaceAppStatusStateSchema,
  message: z.string(),
  uri: z.string(),
});
export type WorkspaceAppStatus = z.infer<typeof WorkspaceAppStatusSchema>;

/**
 * The `latest_build` of a `Workspace`: only the provisioner job's `error` is read (why a task is in
 * error), so every field is optional and a server that trims some still validates.
 */
export const WorkspaceLatestBuildSchema = z.object({
  id: UuidSchema.optional(),
  workspace_id: UuidSchema.optional(),
  build_number: z.number().int().optional(),
  transition: WorkspaceTransitionSchema.optional(),
  status: WorkspaceStatusSchema.optional(),
  reason: BuildReasonSchema.optional(),
  job: ProvisionerJobSchema.partial().optional(),
  created_at: TimestampSchema.optional(),
});
export type WorkspaceLatestBuild = z.infer<typeof WorkspaceLatestBuildSchema>;

/**
 * `Workspace`, as the SDK reads it (a task's workspace and its watch stream events). Only `id` is
 * required: the SDK reads nothing else but `latest_build.job.error`, and real coderd sends every field,
 * but a proxy, an older or newer server, or a trimmed watch event may not. Requiring what is never read
 * would fail every watch event (the wait silently polling) and lose the build error of a failed task.
 */
export const WorkspaceSchema = z.object({
  id: UuidSchema,
  name: z.string().optional(),
  owner_id: UuidSchema.optional(),
  owner_name: z.string().optional(),
  organization_id: UuidSchema.optional(),
  template_id: UuidSchema.optional(),
  template_name: z.string().optional(),
  latest_build: WorkspaceLatestBuildSchema.optional(),
  latest_app_status: WorkspaceAppStatusSchema.nullish(),
  task_id: UuidSchema.nullish(),
  updated_at: TimestampSchema.optional(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
