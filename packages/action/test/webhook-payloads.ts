import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are deep JSON that the tests patch freely
export type Json = any;
type Example = { name: string; examples: Array<Record<string, Json>> };
const examples = require('@octokit/webhooks-examples') as Example[];

/** A real webhook payload from @octokit/webhooks-examples, copied, with a patch applied. */
export function payload(name: string, action: string, patch: (p: Record<string, Json>) => void = () => {}) {
  const found = examples.find((e) => e.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name} ${action} example`);
  const copy = structuredClone(found);
  patch(copy);
  return copy;
}
