import { parseArgs } from 'node:util';
import { DEFAULT_FAKE_CODER_VERSION, type FakeCoder, startFakeCoder } from './fake-coder';
import { SCENARIOS } from './scenarios';

const USAGE = `Usage: fake-coder [--port 0] [--host 127.0.0.1] [--scenario demo|instant|disabled]
                  [--version ${DEFAULT_FAKE_CODER_VERSION}] [--ai-tasks]

Starts an in-memory Coder server, prints its URL and the session tokens of its users, and runs until
stopped (Ctrl-C). --version picks the server generation it emulates and reports in buildinfo: Tasks
from v2.29 to v2.36, on v2.37 only with --ai-tasks (CODER_ENABLE_AI_TASKS), none from v2.38.`;

/** Where the CLI writes. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

function listScenarios(): string {
  return Object.entries(SCENARIOS)
    .map(([name, s]) => `  ${name.padEnd(9)} ${s.description}`)
    .join('\n');
}

/**
 * Runs `fake-coder` with `argv` (without the node and script paths): starts the server and prints how to
 * reach it. Returns the running server, or undefined and an exit code when the arguments were wrong or
 * only help was asked for.
 */
export async function runCli(argv: string[], io: CliIo): Promise<{ fake?: FakeCoder; exitCode: number }> {
  let values: {
    port?: string;
    host?: string;
    scenario?: string;
    version?: string;
    'ai-tasks'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        scenario: { type: 'string', default: 'demo' },
        version: { type: 'string' },
        'ai-tasks': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}\n`);
    return { exitCode: 2 };
  }
  if (values.help) {
    io.out(`${USAGE}\n\nScenarios:\n${listScenarios()}\n`);
    return { exitCode: 0 };
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port ?? '') || port > 65535) {
    io.err(`--port must be an integer from 0 to 65535, got "${values.port}"\n`);
    return { exitCode: 2 };
  }
  const scenario = SCENARIOS[values.scenario ?? 'demo'];
  if (!scenario) {
    io.err(`unknown scenario "${values.scenario}"; known scenarios:\n${listScenarios()}\n`);
    return { exitCode: 2 };
  }
  const fake = await startFakeCoder({
    ...scenario.options,
    port,
    host: values.host,
    ...(values.version ? { version: values.version } : {}),
    ...(values['ai-tasks'] ? { aiTasks: true } : {}),
  });
  const seed = fake.control.seed;
  const served = fake.control.served();
  const chats =
    served.chatsPrefixes.length > 0 ? `under ${served.chatsPrefixes.join(' and ')}` : 'not served';
  io.out(
    [
      `Fake Coder listening on ${fake.url} (scenario ${values.scenario})`,
      `version ${served.generation.version}: Tasks ${served.tasks ? 'served' : 'not served'}; Chats ${chats}`,
      `CODER_URL=${fake.url}`,
      `CODER_SESSION_TOKEN=${fake.token}`,
      `member token: ${fake.tokens.member ?? ''}`,
      seed ? `template "tasks" active version id: ${seed.templateVersionId}` : '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  return { fake, exitCode: 0 };
}
