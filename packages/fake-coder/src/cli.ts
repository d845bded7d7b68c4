#!/usr/bin/env node
import { runCli } from './run-cli';

// The `fake-coder` bin: everything testable lives in run-cli.ts; this file only wires the process.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  ({ fake, exitCode }) => {
    process.exitCode = exitCode;
    if (!fake) return;
    const stop = (): void => {
      fake.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`fake-coder: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
