import {
  BuildInfoSchema,
  GetUsersResponseSchema,
  OrganizationSchema,
  PauseTaskResponseSchema,
  PresetSchema,
  parseWire,
  ResumeTaskResponseSchema,
  TaskLogsResponseSchema,
  TaskSchema,
  TasksListResponseSchema,
  TemplateSchema,
  TemplateVersionSchema,
  UserSchema,
  WorkspaceSchema,
} from '@coder-tasks/types';
import { fastTasksList } from './fast-tasks-list';

// One validating reader per response type the client reads; a mismatch throws WireFormatError, which
// the request path turns into a CoderResponseFormatError naming the endpoint.

/** Reads a `Task`. */
export const decodeTask = (data: unknown) => parseWire(TaskSchema, data, 'Task');
/** Reads a `TasksListResponse`: the hand-written fast path, else (and for every error) the schema. */
export const decodeTasksList = (data: unknown) =>
  fastTasksList(data) ?? parseWire(TasksListResponseSchema, data, 'TasksListResponse');
/** Reads a `PauseTaskResponse`. */
export const decodePause = (data: unknown) => parseWire(PauseTaskResponseSchema, data, 'PauseTaskResponse');
/** Reads a `ResumeTaskResponse`. */
export const decodeResume = (data: unknown) =>
  parseWire(ResumeTaskResponseSchema, data, 'ResumeTaskResponse');
/** Reads a `TaskLogsResponse`. */
export const decodeTaskLogs = (data: unknown) => parseWire(TaskLogsResponseSchema, data, 'TaskLogsResponse');
/** Reads a `BuildInfoResponse`. */
export const decodeBuildInfo = (data: unknown) => parseWire(BuildInfoSchema, data, 'BuildInfo');
/** Reads a `User`. */
export const decodeUser = (data: unknown) => parseWire(UserSchema, data, 'User');
/** Reads a `GetUsersResponse`. */
export const decodeUsers = (data: unknown) => parseWire(GetUsersResponseSchema, data, 'GetUsersResponse');
/** Reads an `Organization`. */
export const decodeOrganization = (data: unknown) => parseWire(OrganizationSchema, data, 'Organization');
/** Reads a `Template`. */
export const decodeTemplate = (data: unknown) => parseWire(TemplateSchema, data, 'Template');
/** Reads a `TemplateVersion`. */
export const decodeTemplateVersion = (data: unknown) =>
  parseWire(TemplateVersionSchema, data, 'TemplateVersion');
/** Reads the `Preset[]` of a template version. */
export const decodePresets = (data: unknown) => parseWire(PresetSchema.array(), data, 'Preset[]');
/** Reads a `Workspace`. */
export const decodeWorkspace = (data: unknown) => parseWire(WorkspaceSchema, data, 'Workspace');
