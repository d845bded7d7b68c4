// The demo: the bundled action, end to end, on this machine. It starts fake-coder (a scripted agent,
// phases of a few seconds) and a fake GitHub API, runs the committed bundle on a real issue_comment
// payload from @octokit/webhooks-examples, and prints every version of the status comment as posted,
// then the outputs. No network, no configuration.
import { createRequire } from 'node:module';
import { startFakeCoder } from '@coder-tasks/fake-coder';
import { startFakeGitHub } from './fake-github.mjs';
import { runBundle } from './run-bundle.mjs';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples');
const payload = structuredClone(
  examples.find((e) => e.name === 'issue_comment').examples.find((e) => e.action === 'created'),
);
payload.comment.body = '/coder please fix the spelling error in the README';

const coder = await startFakeCoder({
  durations: {
    buildPending: 1_000,
    buildRunning: 2_000,
    agentConnecting: 1_000,
    agentStarting: 1_000,
    appInitializing: 1_000,
  },
});
coder.control.scriptAgent('*', [
  { report: 'working', message: 'Reading the README' },
  { after: 2_000, say: 'Found it: "Helo World" in the first heading. Fixing it on a branch.' },
  { after: 2_000, say: 'Opened a pull request with the fix: README.md, one line changed.' },
  { report: 'complete', message: 'Fixed the spelling error' },
]);
const github = await startFakeGitHub({ roles: { Codertocat: 'admin' } });
const line = '─'.repeat(100);

try {
  console.log(`fake Coder at ${coder.url}, fake GitHub API at ${github.url}`);
  console.log(
    `Codertocat comments on issue #${payload.issue.number}: ${JSON.stringify(payload.comment.body)}\n`,
  );
  const result = await runBundle({
    eventName: 'issue_comment',
    payload,
    githubUrl: github.url,
    node: process.execPath,
    inputs: {
      'coder-url': coder.url,
      'coder-token': coder.token,
      'github-token': 'ghs_demoTokenForTheFakeGitHubApi0000000000',
      template: 'tasks',
      'poll-interval': '1s',
      'wait-timeout': '2m',
    },
    // The runner hides `::add-mask::` lines (they tell it what to mask); so does the demo.
    onStdout: (chunk) => {
      for (const text of chunk.split('\n')) {
        if (text !== '' && !text.startsWith('::add-mask::')) console.log(`  action | ${text}`);
      }
    },
  });
  for (const comment of github.comments.values()) {
    comment.history.forEach((body, index) => {
      const label =
        index === 0 ? 'posted' : index === comment.history.length - 1 ? 'final edit' : `edit ${index}`;
      console.log(
        `\n${line}\nComment ${comment.id} on issue #${comment.issue_number}, ${label}:\n${line}\n${body}`,
      );
    });
  }
  console.log(`\n${line}\nCalls the action made to the GitHub API:`);
  for (const call of github.calls) console.log(`  ${call.method} ${call.path} -> ${call.status}`);
  console.log(`\nOutputs:`);
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  ${name} = ${value}`);
  console.log(`\nThe action exited with code ${result.code}.`);
  process.exitCode = result.code === 0 ? 0 : 1;
} finally {
  await github.close();
  await coder.close();
}
