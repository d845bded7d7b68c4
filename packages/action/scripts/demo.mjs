// The demo: the bundled action, end to end, on this machine. It starts fake-coder and a fake GitHub API,
// runs the committed bundle on a real issue_comment payload from @octokit/webhooks-examples, and prints
// every version of the status comment as posted, then the outputs. No network, no configuration.
//
// By default the fake is of the newest generation (v2.38: Chats, no Tasks API) and the agent is a
// scripted Coder Agents chat; `--backend tasks` runs a v2.36 fake with the Tasks API and a template.
import { createRequire } from 'node:module';
import { startFakeCoder } from '@coder-tasks/fake-coder';
import { startFakeGitHub } from './fake-github.mjs';
import { runBundle } from './run-bundle.mjs';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const at = args.indexOf('--backend');
const backend = at === -1 ? 'chats' : args[at + 1];
if (backend !== 'chats' && backend !== 'tasks') {
  console.error('usage: pnpm demo [-- --backend chats|tasks]   (default chats)');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples');
const payload = structuredClone(
  examples.find((e) => e.name === 'issue_comment').examples.find((e) => e.action === 'created'),
);
payload.comment.body = '/coder please fix the spelling error in the README';

const coder = backend === 'chats' ? await chatsFake() : await tasksFake();
const github = await startFakeGitHub({ roles: { Codertocat: 'admin' } });
const line = '─'.repeat(100);

/** A v2.38 fake whose chat agent reads, runs a command, opens a pull request and says so. */
async function chatsFake() {
  const fake = await startFakeCoder({ version: 'v2.38.0', tasksEnabled: false });
  fake.control.chats.scriptChat('*', [
    { after: 1_000, say: 'Reading the README.', reasoning: 'The request names the README.' },
    { after: 1_500, toolCall: { name: 'execute', args: { command: 'grep -n "Helo" README.md' } } },
    { after: 1_500, say: 'Found it: "Helo World" in the first heading. Fixing it on a branch.' },
    {
      after: 1_500,
      diffStatus: {
        url: 'https://github.com/Codertocat/Hello-World/pull/2',
        prNumber: 2,
        pullRequestState: 'open',
        pullRequestTitle: 'Fix the spelling in the README',
        additions: 1,
        deletions: 1,
        changedFiles: 1,
      },
    },
    { after: 500, say: 'Opened a pull request with the fix: README.md, one line changed.' },
  ]);
  return fake;
}

/** A v2.36 fake with the Tasks API: a workspace that starts in phases of a few seconds, a scripted agent. */
async function tasksFake() {
  const fake = await startFakeCoder({
    version: 'v2.36.1',
    durations: {
      buildPending: 1_000,
      buildRunning: 2_000,
      agentConnecting: 1_000,
      agentStarting: 1_000,
      appInitializing: 1_000,
    },
  });
  fake.control.scriptAgent('*', [
    { report: 'working', message: 'Reading the README' },
    { after: 2_000, say: 'Found it: "Helo World" in the first heading. Fixing it on a branch.' },
    { after: 2_000, say: 'Opened a pull request with the fix: README.md, one line changed.' },
    { report: 'complete', message: 'Fixed the spelling error' },
  ]);
  return fake;
}

try {
  console.log(
    `fake Coder ${backend === 'chats' ? 'v2.38 (Chats)' : 'v2.36 (Tasks)'} at ${coder.url}, fake GitHub API at ${github.url}`,
  );
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
      // The workflow a Tasks user already has; a Chats-only server ignores it, with a notice.
      ...(backend === 'tasks' ? { template: 'tasks' } : {}),
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
