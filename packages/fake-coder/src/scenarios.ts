import type { FakeCoderOptions } from './fake-coder';

/** Named start-up settings for the CLI. */
export const SCENARIOS: Record<string, { description: string; options: FakeCoderOptions }> = {
  demo: {
    description: 'realistic phase durations (a task takes about 8 s to become active) and a chatty agent',
    options: {
      durations: {
        buildPending: 1000,
        buildRunning: 3000,
        agentConnecting: 1000,
        agentStarting: 2000,
        appInitializing: 1000,
        stopBuild: 2000,
        deleteBuild: 2000,
      },
      defaultAgentScript: {
        otherwise: [
          { report: 'working', message: 'Reading the request' },
          { after: 1500, say: (input) => `Looking into: ${input}` },
          { after: 2000, report: 'working', message: 'Making changes' },
          { after: 3000, say: 'I made the change and ran the tests; they pass.' },
          { report: 'complete', message: 'Done: changes are ready for review' },
        ],
      },
    },
  },
  instant: {
    description: 'every phase takes 0 ms (what unit tests use)',
    options: {},
  },
  disabled: {
    description: 'task routes answer 404 "Route not found." (a server without CODER_ENABLE_AI_TASKS)',
    options: { tasksEnabled: false },
  },
};
