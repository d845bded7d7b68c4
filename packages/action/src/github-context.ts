import { existsSync, readFileSync } from 'node:fs';

// What the action reads of `@actions/github`'s context, without it: that package imports an HTTP client
// and undici whatever one calls, and the first GitHub request of every run waited for them to load.

/** The run's event and repository, from the runner's variables (as `@actions/github`'s `context`). */
export interface RunContext {
  eventName: string;
  /** The webhook payload (`GITHUB_EVENT_PATH`); {} when there is none. */
  payload: Record<string, unknown>;
  repo: { owner: string; repo: string };
  runId: number;
  /** Default `https://github.com`. */
  serverUrl: string;
  /** Default `https://api.github.com`. */
  apiUrl: string;
}

/** Reads the run's context from the environment. Throws when the repository cannot be told. */
export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const path = env.GITHUB_EVENT_PATH;
  const payload: Record<string, unknown> =
    path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  let repo: RunContext['repo'];
  if (env.GITHUB_REPOSITORY) {
    const [owner = '', name = ''] = env.GITHUB_REPOSITORY.split('/');
    repo = { owner, repo: name };
  } else {
    const repository = payload.repository as { owner?: { login?: string }; name?: string } | undefined;
    if (!repository?.owner?.login || !repository.name) {
      throw new Error("The run's repository is unknown: GITHUB_REPOSITORY is not set");
    }
    repo = { owner: repository.owner.login, repo: repository.name };
  }
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    repo,
    runId: Number.parseInt(env.GITHUB_RUN_ID ?? '', 10),
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
  };
}
