import { describe, expect, it } from 'vitest';
import type { BackendChoice } from '../parse-inputs';
import { decideBackend } from './decide-backend';

const ask = (choice: BackendChoice, version: string, tasks: boolean, chats: boolean, hasTemplate: boolean) =>
  decideBackend({ choice, hasTemplate, support: { version, tasks, chats } });

describe('decideBackend', () => {
  it.each([
    // auto: Tasks where served and a template is set, Chats otherwise
    ['auto', 'v2.36.1', true, true, true, 'tasks'],
    ['auto', 'v2.30.0', true, false, true, 'tasks'],
    ['auto', 'v2.35.0', true, true, false, 'chats'],
    ['auto', 'v2.36.1', false, true, true, 'chats'],
    ['auto', 'v2.38.0+abc1234', false, true, false, 'chats'],
    ['auto', 'v2.38.0', false, true, true, 'chats'],
    ['tasks', 'v2.36.0', true, true, true, 'tasks'],
    ['chats', 'v2.36.0', true, true, true, 'chats'],
    ['chats', 'v2.32.0', false, true, false, 'chats'],
  ] as const)(
    '%s on %s (tasks: %s, chats: %s, template: %s) uses %s',
    (choice, version, tasks, chats, template, backend) => {
      expect(ask(choice, version, tasks, chats, template).backend).toBe(backend);
    },
  );

  it('says a template goes unused on a server without Tasks, and only then', () => {
    expect(ask('auto', 'v2.38.0', false, true, true)).toEqual({
      backend: 'chats',
      why: 'the server (v2.38.0) does not serve Tasks (Coder removed it, coder/coder#28789) but serves Chats',
      notice:
        'The template is not used: the Coder server (version v2.38.0) does not serve the Tasks API, so the work goes to a Coder Agents chat, which needs none.',
    });
    expect(ask('auto', 'v2.38.0', false, true, false)).not.toHaveProperty('notice');
    expect(ask('chats', 'v2.36.0', true, true, true)).not.toHaveProperty('notice');
  });

  it('refuses with the version and what each API needs', () => {
    expect(ask('tasks', 'v2.38.0', false, true, true)).toEqual({
      backend: undefined,
      error:
        'backend: tasks, but the Coder server (version v2.38.0) does not serve the Tasks API (Coder removed it, coder/coder#28789). It serves Chats: use backend: auto or chats.',
    });
    expect(ask('tasks', 'v2.36.2', false, true, true)).toMatchObject({
      error: expect.stringContaining('(from v2.36 it is served only with CODER_ENABLE_AI_TASKS)'),
    });
    expect(ask('chats', 'v2.31.0', true, false, true)).toEqual({
      backend: undefined,
      error:
        'backend: chats, but the Coder server (version v2.31.0) does not serve the Chats API: Chats (Coder Agents) needs v2.32 or newer.',
    });
    expect(ask('auto', 'v2.30.0', true, false, false)).toEqual({
      backend: undefined,
      error:
        'The Coder server (version v2.30.0) serves only the Tasks API, which needs a template: set "template" or "template-version-id".',
    });
    expect(ask('auto', 'v2.28.0', false, false, true)).toEqual({
      backend: undefined,
      error:
        "The Coder server (version v2.28.0) serves neither of Coder's agent APIs: Tasks needs v2.29 to v2.35 (v2.36 and v2.37 with CODER_ENABLE_AI_TASKS) and a template; Chats (Coder Agents) needs v2.32 or newer.",
    });
  });
});
