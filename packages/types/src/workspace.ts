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

/** The fields of `Workspace` that the SDK reads (the workspace of a task, and its watch stream). */
export const WorkspaceSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  owner_id: UuidSchema,
  owner_name: z.string(),
  organization_id: UuidSchema,
  template_id: UuidSchema,
  template_name: z.string(),
  latest_build: WorkspaceBuildSchema,
  latest_app_status: WorkspaceAppStatusSchema.nullable(),
  task_id: UuidSchema.nullish(),
  updated_at: TimestampSchema,
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
