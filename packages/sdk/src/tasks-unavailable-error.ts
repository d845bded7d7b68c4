import { type CoderApiGeneration, coderApiGeneration, type Response } from '@coder-tasks/types';
import { CoderRequestError } from './errors';

const ENABLE = 'start Coder with CODER_ENABLE_AI_TASKS=true (--enable-ai-tasks)';
const REMOVAL = 'the release that removed Tasks (coder/coder#28789)';

/**
 * A task route answered 404 "Route not found.": this server does not serve the Tasks API. The message
 * says why for the server's generation (from `/api/v2/buildinfo`): older than v2.29; Tasks not enabled
 * (v2.36 and v2.37 serve them only with `CODER_ENABLE_AI_TASKS`); or, from the release that removed
 * Tasks (coder/coder#28789), gone for good, with the Chats API served instead. Deliberately not a
 * `CoderApiError`, so code that handles "task not found" never catches it.
 */
export class TasksUnavailableError extends CoderRequestError {
  override name = 'TasksUnavailableError';
  /** Always 404. */
  readonly status: number;
  readonly response: Response;
  /** The server's version from `/api/v2/buildinfo`, when it answered. */
  readonly serverVersion: string | undefined;
  /** What the server's release serves (Tasks, and where Chats are), when its version is known. */
  readonly generation: CoderApiGeneration | undefined;

  constructor(init: { method: string; url: string; response: Response; serverVersion?: string | undefined }) {
    const generation = init.serverVersion === undefined ? undefined : coderApiGeneration(init.serverVersion);
    super(describeTasksUnavailable(init.method, init.url, generation), init);
    this.status = 404;
    this.response = init.response;
    this.serverVersion = init.serverVersion;
    this.generation = generation;
  }
}

function describeTasksUnavailable(method: string, url: string, gen: CoderApiGeneration | undefined): string {
  // Pause and resume came two releases after the rest of the API: on v2.29 and v2.30 only they are missing.
  const pauseOrResume = /\/(pause|resume)\/?$/.test(pathOf(url));
  if (pauseOrResume && gen?.known && gen.major === 2 && (gen.minor === 29 || gen.minor === 30)) {
    return `${method} ${url}: this server serves the Coder Tasks API but not task pause and resume (404 "Route not found."). The server runs Coder ${gen.version}; pause and resume need v2.31 or newer: upgrade it.`;
  }
  const head = `${method} ${url}: the Coder Tasks API is not available on this server (404 "Route not found.").`;
  const chats = gen ? chatsAt(gen) : undefined;
  if (gen?.known && !gen.devel) {
    const runs = `The server runs Coder ${gen.version}`;
    switch (gen.tasks) {
      case 'not-yet':
        return `${head} ${runs}, older than v2.29 (the first to serve /api/v2/tasks): upgrade it. Releases from ${REMOVAL} on serve the Chats API instead of Tasks.`;
      case 'served':
        return `${head} ${runs}, which serves Tasks only when enabled: ${ENABLE}.${chats ? ` It also serves the Chats API (${chats}).` : ''}`;
      case 'flagged':
        return `${head} ${runs}, which serves Tasks only when enabled (${ENABLE}), unless it already contains ${REMOVAL}: then no setting brings them back. It serves the Chats API (${chats ?? '/api/v2/chats'}), which replaces Tasks.`;
      case 'removed':
        return `${head} ${runs}: Tasks were removed from Coder (coder/coder#28789) and no setting brings them back. The server serves the Chats API instead (${chats ?? '/api/v2/chats'}).`;
    }
  }
  if (gen?.devel) {
    return `${head} The server runs a development build of Coder (${gen.version}), which has no Tasks since ${REMOVAL}: no setting brings them back. It serves the Chats API instead (${chats ?? '/api/v2/chats'}).`;
  }
  const older = pauseOrResume
    ? 'older than v2.29 (or, for pause and resume, than v2.31)'
    : 'older than v2.29';
  const reported = gen ? ` The server reports the version "${gen.version}", which this SDK cannot read.` : '';
  return `${head}${reported} Either Tasks is disabled on this server (${ENABLE}) or the server is ${older}. From ${REMOVAL} on, no setting brings Tasks back: such a server serves the Chats API instead.`;
}

/** Where the generation serves Chats, as `<prefix>/chats`, preferred first. */
function chatsAt(gen: CoderApiGeneration): string | undefined {
  return gen.chatsPrefixes.length ? gen.chatsPrefixes.map((p) => `${p}/chats`).join(' and ') : undefined;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
