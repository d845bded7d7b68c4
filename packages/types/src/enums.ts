import { z } from 'zod';
import { isKnownEnumValue, openEnum } from './open-enum';

// Every enum the server writes is open (see UnknownEnumValue): a newer server may add values, and a
// client that throws on them breaks on upgrade day. Lists are in the order of the Go constants.

/** Every task status, in the order of Go's `AllTaskStatuses()`. */
export const TASK_STATUSES = ['pending', 'initializing', 'active', 'paused', 'error', 'unknown'] as const;
/** A status this version knows. */
export type KnownTaskStatus = (typeof TASK_STATUSES)[number];
/** `Task.status`, derived by the server from the build, the agent and the app (reference 2.1). */
export const TaskStatusSchema = openEnum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
/** True when the status is one this version knows. */
export const isKnownTaskStatus = (value: string): value is KnownTaskStatus =>
  isKnownEnumValue(TASK_STATUSES, value);

/** Every state an agent reports, in Go's order. `completed` is never sent; `failure` is read as `failed`. */
export const TASK_STATES = ['working', 'idle', 'complete', 'failed'] as const;
export type KnownTaskState = (typeof TASK_STATES)[number];
/**
 * `TaskStateEntry.state`. Servers before March 2026 send the app-status value `failure` where newer ones
 * send `failed`; both read as `failed`.
 */
export const TaskStateSchema = z.preprocess(
  (value) => (value === 'failure' ? 'failed' : value),
  openEnum(TASK_STATES),
);
export type TaskState = z.infer<typeof TaskStateSchema>;
export const isKnownTaskState = (value: string): value is KnownTaskState =>
  isKnownEnumValue(TASK_STATES, value);

/** `WorkspaceStatus`, the status of a workspace's latest build. */
export const WORKSPACE_STATUSES = [
  'pending',
  'starting',
  'running',
  'stopping',
  'stopped',
  'failed',
  'canceling',
  'canceled',
  'deleting',
  'deleted',
] as const;
export type KnownWorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];
export const WorkspaceStatusSchema = openEnum(WORKSPACE_STATUSES);
export type WorkspaceStatus = z.infer<typeof WorkspaceStatusSchema>;

/** `WorkspaceAgentLifecycle`. */
export const WORKSPACE_AGENT_LIFECYCLES = [
  'created',
  'starting',
  'start_timeout',
  'start_error',
  'ready',
  'shutting_down',
  'shutdown_timeout',
  'shutdown_error',
  'off',
] as const;
export type KnownWorkspaceAgentLifecycle = (typeof WORKSPACE_AGENT_LIFECYCLES)[number];
export const WorkspaceAgentLifecycleSchema = openEnum(WORKSPACE_AGENT_LIFECYCLES);
export type WorkspaceAgentLifecycle = z.infer<typeof WorkspaceAgentLifecycleSchema>;

/** `TaskLogType`: what the user sent (`input`) or what the agent said (`output`). */
export const TASK_LOG_TYPES = ['input', 'output'] as const;
export type KnownTaskLogType = (typeof TASK_LOG_TYPES)[number];
export const TaskLogTypeSchema = openEnum(TASK_LOG_TYPES);
export type TaskLogType = z.infer<typeof TaskLogTypeSchema>;

/** `WorkspaceTransition` of a build. */
export const WORKSPACE_TRANSITIONS = ['start', 'stop', 'delete'] as const;
export type KnownWorkspaceTransition = (typeof WORKSPACE_TRANSITIONS)[number];
export const WorkspaceTransitionSchema = openEnum(WORKSPACE_TRANSITIONS);
export type WorkspaceTransition = z.infer<typeof WorkspaceTransitionSchema>;

/** `BuildReason` of a workspace build; the task ones are `task_*`. */
export const BUILD_REASONS = [
  'initiator',
  'autostart',
  'autostop',
  'dormancy',
  'dashboard',
  'cli',
  'ssh_connection',
  'vscode_connection',
  'jetbrains_connection',
  'task_auto_pause',
  'task_manual_pause',
  'task_resume',
] as const;
export type KnownBuildReason = (typeof BUILD_REASONS)[number];
export const BuildReasonSchema = openEnum(BUILD_REASONS);
export type BuildReason = z.infer<typeof BuildReasonSchema>;

/** `ProvisionerJobStatus` of a build's job. */
export const PROVISIONER_JOB_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'canceling',
  'canceled',
  'failed',
  'unknown',
] as const;
export type KnownProvisionerJobStatus = (typeof PROVISIONER_JOB_STATUSES)[number];
export const ProvisionerJobStatusSchema = openEnum(PROVISIONER_JOB_STATUSES);
export type ProvisionerJobStatus = z.infer<typeof ProvisionerJobStatusSchema>;

/** `WorkspaceAppStatusState`: what an agent reports; note `failure`, not `failed`. */
export const WORKSPACE_APP_STATUS_STATES = ['working', 'idle', 'complete', 'failure'] as const;
export type KnownWorkspaceAppStatusState = (typeof WORKSPACE_APP_STATUS_STATES)[number];
export const WorkspaceAppStatusStateSchema = openEnum(WORKSPACE_APP_STATUS_STATES);
export type WorkspaceAppStatusState = z.infer<typeof WorkspaceAppStatusStateSchema>;
