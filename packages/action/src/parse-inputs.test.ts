import { describe, expect, it } from 'vitest';
import { InputError, InvalidInputsError } from './input-error';
import { parseInputs } from './parse-inputs';

const base: Record<string, string> = {
  'coder-url': 'https://coder.example.com',
  'coder-token': 'abcdefghij-0123456789abcdefghijkl',
  'github-token': 'ghs_x',
  template: 'tasks',
};
const read = (overrides: Record<string, string>) => (name: string) => ({ ...base, ...overrides })[name] ?? '';

describe('parseInputs', () => {
  it('needs no template for auto or chats, and takes a model config id for Chats', () => {
    expect(parseInputs(read({ template: '' }))).toMatchObject({ backend: 'auto', template: undefined });
    expect(
      parseInputs(read({ template: '', backend: 'chats', model: '0E0E0E0E-0000-4000-8000-000000000000' })),
    ).toMatchObject({ backend: 'chats', model: '0e0e0e0e-0000-4000-8000-000000000000' });
  });

  it('applies the documented defaults and freezes the result', () => {
    const inputs = parseInputs(read({}));
    expect(inputs).toMatchObject({
      backend: 'auto',
      model: undefined,
      coderUser: 'me',
      mapGithubUser: false,
      triggerPhrase: '/coder',
      waitFor: 'complete',
      waitTimeoutMs: 30 * 60_000,
      pollIntervalMs: 5_000,
      minPermission: 'write',
      allowedBots: [],
      taskNamePrefix: 'gh',
      postLogs: true,
      prompt: undefined,
      issueNumber: undefined,
    });
    expect(inputs.coderUrl.href).toBe('https://coder.example.com/');
    expect(Object.isFrozen(inputs)).toBe(true);
    expect(Object.isFrozen(inputs.allowedBots)).toBe(true);
  });

  it('reads every input it is given', () => {
    const inputs = parseInputs(
      read({
        'wait-for': 'active',
        'wait-timeout': '1h30m',
        'poll-interval': '90s',
        'min-permission': 'maintain',
        'allowed-bots': ' Renovate[bot], dependabot ,,',
        'task-name-prefix': 'Bot',
        'post-logs': 'False',
        'issue-number': '42',
        prompt: ' do it ',
        preset: 'large',
        'template-version': 'v1',
        organization: 'coder',
        'map-github-user': 'true',
      }),
    );
    expect(inputs).toMatchObject({
      waitFor: 'active',
      waitTimeoutMs: 5_400_000,
      pollIntervalMs: 90_000,
      minPermission: 'maintain',
      allowedBots: ['renovate', 'dependabot'],
      taskNamePrefix: 'bot',
      postLogs: false,
      issueNumber: 42,
      prompt: 'do it',
      preset: 'large',
      templateVersion: 'v1',
      organization: 'coder',
      mapGithubUser: true,
    });
  });

  it.each([
    ['me', 'me'],
    ['alice', 'alice'],
    ['Alice-Smith-2', 'Alice-Smith-2'],
    ['z'.repeat(32), 'z'.repeat(32)],
    // 32 hex digits parse as a UUID first, in coderd too.
    ['a'.repeat(32), 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'],
    ['7C524C93-A2F6-46E3-A0E0-59F0966386B5', '7c524c93-a2f6-46e3-a0e0-59f0966386b5'],
    ['{7c524c93-a2f6-46e3-a0e0-59f0966386b5}', '7c524c93-a2f6-46e3-a0e0-59f0966386b5'],
  ])('accepts the coder-user %j as Coder reads a user', (input, coderUser) => {
    expect(parseInputs(read({ 'coder-user': input })).coderUser).toBe(coderUser);
  });

  it.each([
    [{ 'coder-url': '' }, 'Input "coder-url": required'],
    [{ 'coder-url': 'coder.example.com' }, 'Input "coder-url": expected an http(s) URL'],
    [
      { 'coder-url': 'ftp://coder.example.com' },
      'Input "coder-url": expected an http(s) URL, got the scheme "ftp:"',
    ],
    [
      { 'coder-url': 'https://u:p@coder.example.com' },
      'Input "coder-url": must not contain a user name or password',
    ],
    [{ 'coder-token': '  ' }, 'Input "coder-token": required and empty'],
    [{ 'github-token': '' }, 'Input "github-token": required and empty'],
    [{ template: '', backend: 'tasks' }, 'Input "template": set "template"'],
    [{ backend: 'agents' }, 'Input "backend": expected "auto", "tasks" or "chats", got "agents"'],
    [{ backend: 'chats', 'coder-user': 'alice' }, 'Input "coder-user": cannot apply with the Chats backend'],
    [
      { backend: 'chats', 'map-github-user': 'true' },
      'Input "map-github-user": cannot apply with the Chats backend: a chat always belongs to the user of coder-token.',
    ],
    [{ model: 'gpt-5' }, 'Input "model": expected the UUID of a model config, got "gpt-5".'],
    [
      { model: '0e0e0e0e-0000-4000-8000-000000000000', backend: 'tasks' },
      'Input "model": applies to the Chats backend only',
    ],
    [{ 'template-version-id': 'not-a-uuid', template: '' }, 'Input "template-version-id": expected a UUID'],
    [{ 'template-version-id': '0e0e0e0e-0000-4000-8000-000000000000' }, 'not both'],
    [{ preset: 'a', 'preset-id': '0e0e0e0e-0000-4000-8000-000000000000' }, 'Input "preset-id": set either'],
    [{ 'coder-user': 'alice', 'map-github-user': 'true' }, 'Input "coder-user": set either'],
    [{ 'coder-user': '..' }, 'Input "coder-user": expected "me", a user id (UUID) or a Coder username'],
    [{ 'coder-user': '.' }, 'Input "coder-user": expected'],
    [{ 'coder-user': '%2e%2e' }, 'Input "coder-user": expected'],
    [{ 'coder-user': 'a/../b' }, 'Input "coder-user": expected'],
    [{ 'coder-user': 'alice?x=1' }, 'Input "coder-user": expected'],
    [{ 'coder-user': 'alice#x' }, 'Input "coder-user": expected'],
    [{ 'coder-user': 'al--ice' }, 'Input "coder-user": expected'],
    [{ 'coder-user': '-alice' }, 'Input "coder-user": expected'],
    [{ 'coder-user': 'under_score' }, 'Input "coder-user": expected'],
    [{ 'coder-user': 'a'.repeat(33) }, 'Input "coder-user": expected'],
    [{ 'coder-user': 'ali\u0441e' }, 'Input "coder-user": expected'],
    [{ 'map-github-user': 'yes' }, 'Input "map-github-user": expected true or false, got "yes"'],
    [{ 'wait-for': 'done' }, 'Input "wait-for": expected "active", "complete" or "none", got "done"'],
    [{ 'wait-timeout': '30' }, 'Input "wait-timeout": expected a duration like 90s, 30m or 1h30m, got "30"'],
    [{ 'wait-timeout': '10 minutes' }, 'Input "wait-timeout": expected a duration'],
    [{ 'poll-interval': '10ms' }, 'Input "poll-interval": must be at least 1s'],
    [
      { 'min-permission': 'owner' },
      'Input "min-permission": expected one of read, triage, write, maintain, admin',
    ],
    [{ 'issue-number': '-3' }, 'Input "issue-number": expected a positive whole number'],
    [{ 'issue-number': '1.5' }, 'Input "issue-number": expected a positive whole number'],
    [{ 'task-name-prefix': 'bad_prefix' }, 'Input "task-name-prefix"'],
    [{ 'task-name-prefix': 'waytoolongprefix' }, 'Input "task-name-prefix"'],
    [{ 'trigger-phrase': 'two words' }, 'Input "trigger-phrase"'],
    [
      { 'allowed-bots': 'renovate[bot], my bot, dependabot; other' },
      'Input "allowed-bots": expected comma-separated GitHub logins like "renovate[bot], dependabot", got "my bot", "dependabot; other".',
    ],
  ])('rejects %j with a message naming the input', (overrides, message) => {
    expect(() => parseInputs(read(overrides))).toThrow(message);
  });

  it('never echoes a token in its errors', () => {
    const secret = 'abcdefghij-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Ys';
    let message = '';
    try {
      parseInputs(read({ 'coder-token': `${secret} trailing` }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('coder-token');
    expect(message).not.toContain('Xq7Zp9Kw3Lm5Nb2Vc8Rt4Ys');
  });
});

describe('parseInputs with several bad inputs', () => {
  it('reports every one at once, each naming its input, without echoing a token', () => {
    let error: unknown;
    try {
      parseInputs(
        read({
          'coder-url': 'coder.example.com',
          'coder-token': 'abcdefghij-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Ys trailing',
          'wait-for': 'forever',
          'wait-timeout': '30',
          'post-logs': 'yes',
        }),
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputsError);
    const { errors, message } = error as InvalidInputsError;
    expect(errors.map((e) => e.input)).toEqual([
      'coder-url',
      'coder-token',
      'wait-for',
      'wait-timeout',
      'post-logs',
    ]);
    expect(message).toBe(
      [
        '5 inputs cannot be used:',
        '- Input "coder-url": expected an http(s) URL like https://coder.example.com.',
        '- Input "coder-token": contains white space; check the secret.',
        '- Input "wait-for": expected "active", "complete" or "none", got "forever".',
        '- Input "wait-timeout": expected a duration like 90s, 30m or 1h30m, got "30".',
        '- Input "post-logs": expected true or false, got "yes".',
      ].join('\n'),
    );
    expect(message).not.toContain('Xq7Zp9Kw3Lm5Nb2Vc8Rt4Ys');
  });

  it('throws the single InputError itself when only one input is wrong', () => {
    expect(() => parseInputs(read({ 'wait-for': 'x' }))).toThrow(InputError);
    expect(() => parseInputs(read({ 'wait-for': 'x' }))).not.toThrow(InvalidInputsError);
  });
});
