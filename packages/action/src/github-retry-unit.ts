/**
 * The unit of the GitHub client's waits (see `GitHubRetryOptions.unitMs`): 1_000 ms, unless the
 * environment variable `CODER_TASKS_GITHUB_RETRY_UNIT_MS` sets another positive number. The end-to-end
 * tests set it, so that a `retry-after: 1` costs them milliseconds while the action does the same steps.
 */
export function githubRetryUnitMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CODER_TASKS_GITHUB_RETRY_UNIT_MS);
  return Number.isFinite(value) && value > 0 ? value : 1_000;
}
