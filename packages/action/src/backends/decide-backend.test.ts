import { coderApiGeneration } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import type { BackendChoice } from '../parse-inputs';
import { decideBackend, needsTasksProbe } from './decide-backend';

const ask = (choice: BackendChoice, version: string, hasTemplate: boolean, tasksServed?: boolean) =>
  decideBackend({ choice, hasTemplate, generation: coderApiGeneration(version), tasksServed });

describe('decideBackend', () => {
  it.each([
    // auto: Tasks where served and a template is set, Chats otherwise
    ['auto', 'v2.36.1', true, undefined, 'tasks'],
    ['auto', 'v2.30.0', true, undefined, 'tasks'],
    ['auto', 'v2.35.0', false, undefined, 'chats'],
    ['auto', 'v2.38.0+abc1234', false, undefined, 'chats'],
    ['auto', 'v2.38.0', true, undefined, 'chats'],
    ['auto', 'v2.37.2', true, true, 'tasks'],
    ['auto', 'v2.37.2', true, false, 'chats'],
    ['auto', 'v0.0.0-devel+abc1234', true, undefined, 'chats'],
    ['tasks', 'v2.36.0', true, undefined, 'tasks'],
    ['chats', 'v2.36.0', true, undefined, 'chats'],
    ['chats', 'v2.32.0', false, undefined, 'chats'],
  ] as const)(
    '%s on %s (template: %s, tasks answer: %s) uses %s',
    (choice, version, template, served, backend) => {
      expect(ask(choice, version, template, served).backend).toBe(backend);
    },
  );

  it('says a template goes unused on a server without Tasks, and only then', () => {
    const unused = ask('auto', 'v2.38.0', true);
    expect(unused).toMatchObject({
      backend: 'chats',
      notice:
        'The template is not used: the Coder server (version v2.38.0) does not serve the Tasks API, so the work goes to a Coder Agents chat, which needs none.',
    });
    expect(ask('auto', 'v2.38.0', false)).not.toHaveProperty('notice');
    expect(ask('chats', 'v2.36.0', true)).not.toHaveProperty('notice');
  });

  it('refuses with the version and what each API needs', () => {
    expect(ask('tasks', 'v2.38.0', true)).toEqual({
      backend: undefined,
      error:
        'backend: tasks, but the Coder server (version v2.38.0) does not serve the Tasks API (Coder removed it, coder/coder#28789). It serves Chats: use backend: auto or chats.',
    });
    expect(ask('chats', 'v2.31.0', true)).toMatchObject({
      error:
        'backend: chats, but the Coder server (version v2.31.0) does not serve the Chats API: Chats (Coder Agents) needs v2.32 or newer.',
    });
    expect(ask('auto', 'v2.30.0', false)).toMatchObject({
      error: expect.stringContaining('serves only the Tasks API, which needs a template'),
    });
    expect(ask('auto', 'v2.28.0', true)).toMatchObject({
      error:
        "The Coder server (version v2.28.0) serves neither of Coder's agent APIs: Tasks needs v2.29 to v2.36 (v2.37 with CODER_ENABLE_AI_TASKS) and a template; Chats (Coder Agents) needs v2.32 or newer.",
    });
  });

  it('asks whether the Tasks routes answer only where a flag decides and Tasks may be used', () => {
    const question = (choice: BackendChoice, version: string, hasTemplate: boolean) => ({
      choice,
      hasTemplate,
      generation: coderApiGeneration(version),
    });
    expect(needsTasksProbe(question('auto', 'v2.37.0', true))).toBe(true);
    expect(needsTasksProbe(question('tasks', 'v2.37.0', false))).toBe(true);
    expect(needsTasksProbe(question('auto', 'v2.37.0', false))).toBe(false);
    expect(needsTasksProbe(question('chats', 'v2.37.0', true))).toBe(false);
    expect(needsTasksProbe(question('auto', 'v2.36.0', true))).toBe(false);
  });
});
