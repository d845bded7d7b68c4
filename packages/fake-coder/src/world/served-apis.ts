import { type ChatsPrefix, type CoderApiGeneration, coderApiGeneration } from '@coder-tasks/types';

/**
 * What the emulated server serves at this moment: the answer to "is this route registered?" that coderd
 * gives by its version and deployment flags. Routes consult it per request, so `control.setVersion` and
 * `control.setTasksEnabled` take effect on the next request.
 */
export interface ServedApis {
  /** The generation of the version buildinfo reports (from `coderApiGeneration`). */
  readonly generation: CoderApiGeneration;
  /** The task routes (both prefixes) and the agent's log-snapshot upload answer. */
  readonly tasks: boolean;
  /** Where the Chats API lives, preferred first (empty: not served); the generation's `chatsPrefixes`. */
  readonly chatsPrefixes: readonly ChatsPrefix[];
}

/**
 * What a server of `version` serves. Tasks: v2.29 to v2.36 always; v2.37 only with `aiTasks` (the
 * `CODER_ENABLE_AI_TASKS` flag of coder/coder#28008); never from v2.38 (#28789 removed the routes,
 * whatever the flags) nor before v2.29. `tasksEnabled: false` turns them off on any generation.
 */
export function servedApis(version: string, flags: { aiTasks: boolean; tasksEnabled: boolean }): ServedApis {
  const generation = coderApiGeneration(version);
  const tasks =
    flags.tasksEnabled &&
    (generation.tasks === 'served' || (generation.tasks === 'flagged' && flags.aiTasks));
  return { generation, tasks, chatsPrefixes: generation.chatsPrefixes };
}
