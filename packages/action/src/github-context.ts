import { existsSync, readFileSync } from 'node:fs';
import { Octokit } from '@octokit/core';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { fetchFor } from './comment-patch';

// What the action reads of `@actions/github`, without it: that package's client imports an HTTP client
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

const RestOctokit = Octokit.plugin(restEndpointMethods);
/** The Octokit the action calls GitHub with. */
export type ActionOctokit = InstanceType<typeof RestOctokit>;

/**
 * An Octokit for `apiUrl` with the REST methods, on Node's fetch (or undici's through the proxy the
 * environment names, loaded only then), sending the runner's orchestration id in its user agent.
 */
export async function createOctokit(token: string, apiUrl: string): Promise<ActionOctokit> {
  const orchestration = process.env.ACTIONS_ORCHESTRATION_ID?.trim();
  return new RestOctokit({
    auth: `token ${token}`,
    baseUrl: apiUrl,
    request: { fetch: await fetchFor(apiUrl) },
    ...(orchestration
      ? { userAgent: `actions_orchestration_id/${orchestration.replace(/[^a-z0-9_.-]/gi, '_')}` }
      : {}),
  });
}
