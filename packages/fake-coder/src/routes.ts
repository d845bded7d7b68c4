import { patchAppStatus, postLogSnapshot } from './agent-routes';
import type { Handler } from './reply';
import {
  buildInfo,
  getOrganization,
  getTemplate,
  getTemplateByName,
  getTemplateVersion,
  getTemplateVersionByName,
  getUser,
  getWorkspace,
  listAllTemplates,
  listOrganizationTemplates,
  listPresets,
  listUsers,
} from './resource-routes';
import { Router } from './router';
import { getTaskLogs, pauseTask, resumeTask, sendTaskInput, updateTaskInput } from './task-action-routes';
import { createTask, deleteTask, getTask, listTasks } from './task-routes';
import { watchWorkspace } from './watch';

/** The route table: task routes under both API trees (reference 1.1), the rest under /api/v2 only. */
export function buildRouter(): Router {
  const router = new Router();
  const taskRoutes: [string, string, Handler][] = [
    ['GET', '/tasks', listTasks],
    ['POST', '/tasks/{user}', createTask],
    ['GET', '/tasks/{user}/{task}', getTask],
    ['DELETE', '/tasks/{user}/{task}', deleteTask],
    ['PATCH', '/tasks/{user}/{task}/input', updateTaskInput],
    ['POST', '/tasks/{user}/{task}/send', sendTaskInput],
    ['GET', '/tasks/{user}/{task}/logs', getTaskLogs],
    ['POST', '/tasks/{user}/{task}/pause', pauseTask],
    ['POST', '/tasks/{user}/{task}/resume', resumeTask],
  ];
  for (const prefix of ['/api/v2', '/api/experimental']) {
    for (const [method, path, handler] of taskRoutes) {
      router.add({ method, pattern: `${prefix}${path}`, handler, auth: true, tasks: true });
    }
  }
  router.add({ method: 'GET', pattern: '/api/v2/buildinfo', handler: buildInfo, auth: false, tasks: false });
  // Agent-token routes; the snapshot upload exists only where the task routes do.
  router.add({
    method: 'PATCH',
    pattern: '/api/v2/workspaceagents/me/app-status',
    handler: patchAppStatus,
    auth: false,
    agentAuth: true,
    tasks: false,
  });
  router.add({
    method: 'POST',
    pattern: '/api/v2/workspaceagents/me/tasks/{task}/log-snapshot',
    handler: postLogSnapshot,
    auth: false,
    agentAuth: true,
    tasks: true,
  });
  const v2: [string, string, Handler][] = [
    ['GET', '/users', listUsers],
    ['GET', '/users/{user}', getUser],
    ['GET', '/organizations/{organization}', getOrganization],
    ['GET', '/organizations/{organization}/templates', listOrganizationTemplates],
    ['GET', '/organizations/{organization}/templates/{templatename}', getTemplateByName],
    [
      'GET',
      '/organizations/{organization}/templates/{templatename}/versions/{templateversionname}',
      getTemplateVersionByName,
    ],
    ['GET', '/templates', listAllTemplates],
    ['GET', '/templates/{template}', getTemplate],
    ['GET', '/templateversions/{templateversion}', getTemplateVersion],
    ['GET', '/templateversions/{templateversion}/presets', listPresets],
    ['GET', '/workspaces/{workspace}', getWorkspace],
    ['GET', '/workspaces/{workspace}/watch', watchWorkspace],
  ];
  for (const [method, path, handler] of v2) {
    router.add({ method, pattern: `/api/v2${path}`, handler, auth: true, tasks: false });
  }
  return router;
}
