#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startFakeCoder } from './fake-coder';
import { SCENARIOS } from './scenarios';

const USAGE = `Usage: fake-coder [--port 0] [--host 127.0.0.1] [--scenario demo|instant|disabled] [--version v2.36.1]

Starts an in-memory Coder server that speaks the Coder Tasks API, prints its URL and the session
tokens of its users, and runs until stopped (Ctrl-C).`;

async function main(): Promise<void> {
  let values: { port?: string; host?: string; scenario?: string; version?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        scenario: { type: 'string', default: 'demo' },
        version: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n\nScenarios:\n${listScenarios()}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer from 0 to 65535, got "${values.port}"\n`);
    process.exitCode = 2;
    return;
  }
  const scenario = SCENARIOS[values.scenario ?? 'demo'];
  if (!scenario) {
    process.stderr.write(`unknown scenario "${values.scenario}"; known scenarios:\n${listScenarios()}\n`);
    process.exitCode = 2;
    return;
  }
  const fake = await startFakeCoder({
    ...scenario.options,
    port,
    host: values.host,
    ...(values.version ? { version: values.version } : {}),
  });
  const seed = fake.control.seed;
  process.stdout.write(
    [
      `Fake Coder listening on ${fake.url}`,
      `CODER_URL=${fake.url}`,
      `CODER_SESSION_TOKEN=${fake.token}`,
      `member token: ${fake.tokens.member ?? ''}`,
      seed ? `template "tasks" version id: ${seed.templateVersionId}` : '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function listScenarios(): string {
  return Object.entries(SCENARIOS)
    .map(([name, s]) => `  ${name.padEnd(9)} ${s.description}`)
    .join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-coder: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
