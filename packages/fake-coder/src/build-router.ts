import { type FakeApi, registerApi } from './http/register-api';
import { Router } from './http/router';
import { RESOURCES_API } from './resources/resources-api';
import { TASK_AGENT_APIS, TASKS_API, workspacesApi } from './tasks/tasks-api';
import type { WatchStreams } from './tasks/watch-streams';

/**
 * The route table of a fake server: the built-in APIs, then `extraApis` (the seam through which another
 * API, such as Chats, adds its HTTP and WebSocket routes under the prefixes its generation serves).
 */
export function buildRouter(watchStreams: WatchStreams, extraApis: readonly FakeApi[] = []): Router {
  const router = new Router();
  for (const api of [
    RESOURCES_API,
    TASKS_API,
    ...TASK_AGENT_APIS,
    workspacesApi(watchStreams),
    ...extraApis,
  ]) {
    registerApi(router, api);
  }
  return router;
}
