import type { FakeApi } from '../http/register-api';
import { patchAppStatus, postLogSnapshot } from './agent-routes';
import { getTaskLogs, pauseTask, resumeTask, sendTaskInput, updateTaskInput } from './task-action-routes';
import { createTask, deleteTask, getTask, listTasks } from './task-routes';
import { watchWorkspace } from './watch';
import type { WatchStreams } from './watch-streams';
import { getWorkspace } from './workspace-routes';

const ALL_TASK_PREFIXES = ['/api/v2', '/api/experimental'] as const;

/**
 * The Tasks API (coderd/aitasks.go): the same routes under `/api/v2` (since v2.29, #20921) and
 * `/api/experimental`, all present or all gone together (#28008 gated them behind
 * `CODER_ENABLE_AI_TASKS`, #28789 removed them).
 */
export const TASKS_API: FakeApi = {
  prefixes: ALL_TASK_PREFIXES,
  servedPrefixes: (apis) => (apis.tasks ? ALL_TASK_PREFIXES : []),
  routes: [
    { method: 'GET', path: '/tasks', handler: listTasks },
    { method: 'POST', path: '/tasks/{user}', handler: createTask },
    { method: 'GET', path: '/tasks/{user}/{task}', handler: getTask },
    { method: 'DELETE', path: '/tasks/{user}/{task}', handler: deleteTask },
    { method: 'PATCH', path: '/tasks/{user}/{task}/input', handler: updateTaskInput },
    { method: 'POST', path: '/tasks/{user}/{task}/send', handler: sendTaskInput },
    { method: 'GET', path: '/tasks/{user}/{task}/logs', handler: getTaskLogs },
    { method: 'POST', path: '/tasks/{user}/{task}/pause', handler: pauseTask },
    { method: 'POST', path: '/tasks/{user}/{task}/resume', handler: resumeTask },
  ],
};

/**
 * The agent-token routes of tasks, `/api/v2` only: the app status report (a workspace route that stays
 * when Tasks go) and the log-snapshot upload, which coderd registers only where the task routes are.
 */
export const TASK_AGENT_APIS: readonly FakeApi[] = [
  {
    prefixes: ['/api/v2'],
    servedPrefixes: () => ['/api/v2'],
    routes: [
      { method: 'PATCH', path: '/workspaceagents/me/app-status', handler: patchAppStatus, auth: 'agent' },
    ],
  },
  {
    prefixes: ['/api/v2'],
    servedPrefixes: (apis) => (apis.tasks ? ['/api/v2'] : []),
    routes: [
      {
        method: 'POST',
        path: '/workspaceagents/me/tasks/{task}/log-snapshot',
        handler: postLogSnapshot,
        auth: 'agent',
      },
    ],
  },
];

/** The workspace routes task clients read: the workspace and its Server-Sent Events watch stream. */
export function workspacesApi(streams: WatchStreams): FakeApi {
  return {
    prefixes: ['/api/v2'],
    servedPrefixes: () => ['/api/v2'],
    routes: [
      { method: 'GET', path: '/workspaces/{workspace}', handler: getWorkspace },
      { method: 'GET', path: '/workspaces/{workspace}/watch', handler: watchWorkspace(streams) },
    ],
  };
}
