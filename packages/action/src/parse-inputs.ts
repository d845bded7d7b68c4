import { parseUuid, validateTaskName } from '@coder-tasks/types/names';
import { InputError, InvalidInputsError } from './input-error';
import {
  normalizeBotLogin,
  parseBoolean,
  parseCoderUser,
  parseDurationInput,
  parseUrl,
  requireSecret,
} from './input-fields';
import { isPermissionLevel, PERMISSION_LEVELS, type PermissionLevel } from './permission';

/** What the action waits for after creating the task or sending it input. */
export type WaitFor = 'active' | 'complete' | 'none';

/** Which Coder API does the work: `auto` picks by what the server serves and what the inputs ask for. */
export type BackendChoice = 'auto' | 'tasks' | 'chats';

/** Every input of action.yml, validated. Built once, frozen, and passed down. */
export interface ActionInputs {
  readonly coderUrl: URL;
  readonly coderToken: string;
  readonly githubToken: string;
  /** Default `auto`: Tasks when the server serves it and a template is set, Chats otherwise. */
  readonly backend: BackendChoice;
  readonly template: string | undefined;
  readonly templateVersionId: string | undefined;
  readonly templateVersion: string | undefined;
  readonly preset: string | undefined;
  readonly presetId: string | undefined;
  readonly organization: string | undefined;
  /** Chats only: the model config id; default the organization's default model. */
  readonly model: string | undefined;
  /** Task owner: a username, a user id or `me`; ignored when `mapGithubUser` is set. Default `me`. */
  readonly coderUser: string;
  readonly mapGithubUser: boolean;
  readonly triggerPhrase: string;
  readonly prompt: string | undefined;
  readonly issueNumber: number | undefined;
  readonly waitFor: WaitFor;
  readonly waitTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly minPermission: PermissionLevel;
  /** Bot logins, lower-case and without the `[bot]` suffix. */
  readonly allowedBots: readonly string[];
  readonly taskNamePrefix: string;
  readonly postLogs: boolean;
}

/** Reads one raw input by its action.yml name; returns '' when unset (as `core.getInput` does). */
export type InputReader = (name: string) => string;

/** Longest `task-name-prefix`: it leaves room in the 32-character name for the repository, number and hash. */
export const MAX_TASK_NAME_PREFIX = 10;

/**
 * Validates every input before any request is made, so a typo fails the step at once with a message
 * naming the input, instead of half-way through with a task already created. Throws an
 * {@link InputError} for one problem, or an {@link InvalidInputsError} listing all of them.
 */
export function parseInputs(read: InputReader): ActionInputs {
  const get = (name: string): string => read(name).trim();
  const optional = (name: string): string | undefined => get(name) || undefined;
  // Every check runs, so one failed run lists every mistake instead of one per attempt.
  const problems: InputError[] = [];
  const fail = (input: string, message: string): void => {
    problems.push(new InputError(input, message));
  };
  const attempt = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error);
      return fallback;
    }
  };

  const coderUrl = attempt(() => parseUrl(get('coder-url')), new URL('http://invalid.invalid'));
  const coderToken = attempt(() => requireSecret('coder-token', read('coder-token')), '');
  const githubToken = attempt(() => requireSecret('github-token', read('github-token')), '');

  const backendText = get('backend') || 'auto';
  let backend: BackendChoice = 'auto';
  if (isBackendChoice(backendText)) backend = backendText;
  else fail('backend', `expected "auto", "tasks" or "chats", got "${backendText}".`);

  const template = optional('template');
  const templateVersionIdText = optional('template-version-id');
  // Canonical and lower-case, as the server writes it back: the SDK compares the id of a task it finds
  // after a lost create answer with the one it sent.
  const templateVersionId = templateVersionIdText && parseUuid(templateVersionIdText);
  const templateVersion = optional('template-version');
  // Without a template, `auto` means Chats, which needs none.
  if (backend === 'tasks' && template === undefined && templateVersionIdText === undefined) {
    fail(
      'template',
      'set "template" (a template name) or "template-version-id": the Tasks backend needs one.',
    );
  }
  if (template !== undefined && templateVersionIdText !== undefined) {
    fail('template-version-id', 'set either "template" or "template-version-id", not both.');
  }
  if (templateVersionIdText !== undefined && templateVersionId === undefined) {
    fail('template-version-id', `expected a UUID, got "${templateVersionIdText}".`);
  }
  if (templateVersion !== undefined && template === undefined) {
    fail('template-version', 'a version name needs "template" too.');
  }
  const preset = optional('preset');
  const presetIdText = optional('preset-id');
  const presetId = presetIdText && parseUuid(presetIdText);
  if (preset !== undefined && presetIdText !== undefined) {
    fail('preset-id', 'set either "preset" or "preset-id", not both.');
  }
  if (presetIdText !== undefined && presetId === undefined) {
    fail('preset-id', `expected a UUID, got "${presetIdText}".`);
  }

  const mapGithubUser = attempt(
    () => parseBoolean('map-github-user', get('map-github-user') || 'false'),
    false,
  );
  const coderUserText = get('coder-user') || 'me';
  const coderUser = parseCoderUser(coderUserText) ?? 'me';
  if (mapGithubUser && coderUserText !== 'me') {
    fail('coder-user', 'set either "coder-user" or "map-github-user: true", not both.');
  }
  if (parseCoderUser(coderUserText) === undefined) {
    fail(
      'coder-user',
      `expected "me", a user id (UUID) or a Coder username (letters, digits and single inner hyphens, at most 32 characters), got ${JSON.stringify(coderUserText)}.`,
    );
  }

  // A chat always belongs to the token's user (POST /chats takes no owner), so these cannot apply.
  if (backend === 'chats' && coderUserText !== 'me') {
    fail('coder-user', CHATS_OWNER);
  }
  if (backend === 'chats' && mapGithubUser) {
    fail('map-github-user', CHATS_OWNER);
  }
  const modelText = optional('model');
  const model = modelText && parseUuid(modelText);
  if (modelText !== undefined && model === undefined) {
    fail('model', `expected the UUID of a model config, got "${modelText}".`);
  }
  if (modelText !== undefined && backend === 'tasks') {
    fail('model', 'applies to the Chats backend only; a task uses the model its template sets.');
  }

  const triggerPhrase = get('trigger-phrase') || '/coder';
  if (/\s/.test(triggerPhrase) || triggerPhrase.length > 64) {
    fail('trigger-phrase', 'expected one word of at most 64 characters, like "/coder".');
  }

  const issueText = get('issue-number');
  const issueNumber = issueText === '' ? undefined : Number(issueText);
  if (issueNumber !== undefined && !(/^\d+$/.test(issueText) && issueNumber > 0)) {
    fail('issue-number', `expected a positive whole number, got "${issueText}".`);
  }

  const waitForText = get('wait-for') || 'complete';
  let waitFor: WaitFor = 'complete';
  if (isWaitFor(waitForText)) waitFor = waitForText;
  else fail('wait-for', `expected "active", "complete" or "none", got "${waitForText}".`);
  const waitTimeoutMs = attempt(
    () => parseDurationInput('wait-timeout', get('wait-timeout') || '30m', 1_000),
    0,
  );
  const pollIntervalMs = attempt(
    () => parseDurationInput('poll-interval', get('poll-interval') || '5s', 1_000),
    0,
  );

  const permissionText = get('min-permission') || 'write';
  let minPermission: PermissionLevel = 'write';
  if (isPermissionLevel(permissionText)) minPermission = permissionText;
  else fail('min-permission', `expected one of ${PERMISSION_LEVELS.join(', ')}, got "${permissionText}".`);

  const allowedBots = get('allowed-bots')
    .split(',')
    .map((login) => normalizeBotLogin(login))
    .filter((login) => login !== '');
  // A typo here would silently never match; GitHub logins are letters, digits and inner hyphens.
  const badBots = allowedBots.filter((login) => !/^[a-z0-9](?:[a-z0-9-]{0,38})$/.test(login));
  if (badBots.length > 0) {
    fail(
      'allowed-bots',
      `expected comma-separated GitHub logins like "renovate[bot], dependabot", got ${badBots.map((b) => `"${b}"`).join(', ')}.`,
    );
  }

  const taskNamePrefix = get('task-name-prefix') || 'gh';
  if (taskNamePrefix.length > MAX_TASK_NAME_PREFIX || validateTaskName(taskNamePrefix) !== undefined) {
    fail(
      'task-name-prefix',
      `expected letters, digits and single hyphens, at most ${MAX_TASK_NAME_PREFIX} characters, got "${taskNamePrefix}".`,
    );
  }
  const postLogs = attempt(() => parseBoolean('post-logs', get('post-logs') || 'true'), true);

  const [first] = problems;
  if (first !== undefined && problems.length === 1) throw first;
  if (problems.length > 1) throw new InvalidInputsError(problems);

  return Object.freeze({
    coderUrl,
    coderToken,
    githubToken,
    backend,
    template,
    templateVersionId,
    templateVersion,
    preset,
    presetId,
    organization: optional('organization'),
    model,
    coderUser,
    mapGithubUser,
    triggerPhrase,
    prompt: optional('prompt'),
    issueNumber,
    waitFor,
    waitTimeoutMs,
    pollIntervalMs,
    minPermission,
    allowedBots: Object.freeze(allowedBots),
    taskNamePrefix: taskNamePrefix.toLowerCase(),
    postLogs,
  });
}

/** Why `coder-user` and `map-github-user` are refused with Chats. */
export const CHATS_OWNER =
  'cannot apply with the Chats backend: a chat always belongs to the user of coder-token. Use a token of the user who should own the work, or backend: tasks.';

function isBackendChoice(value: string): value is BackendChoice {
  return value === 'auto' || value === 'tasks' || value === 'chats';
}

function isWaitFor(value: string): value is WaitFor {
  return value === 'active' || value === 'complete' || value === 'none';
}
