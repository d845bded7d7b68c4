import * as core from './runner-commands';

/** Every output of action.yml. */
export const OUTPUT_NAMES = [
  'task-id',
  'task-name',
  'task-url',
  'task-status',
  'task-state',
  'task-created',
  'pull-request-url',
  'backend',
  'comment-id',
  'comment-url',
  'logs-truncated',
  'skipped',
] as const;
/** One output's name. */
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Sets outputs, each passed through the redactor: a server may echo anything in a status. */
export function setOutputs(
  values: Partial<Record<OutputName, string | number | boolean>>,
  redact: (text: string) => string,
): void {
  for (const name of OUTPUT_NAMES) {
    const value = values[name];
    if (value !== undefined) core.setOutput(name, redact(String(value)));
  }
}
