import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFileCommands } from '../scripts/run-bundle.mjs';
import { getInput, getState, saveState, setSecret, warning } from './runner-commands';

const HOSTILE = 'line 1\r\nline 2 100% ::error::x\n';

/** What `write` printed to stdout. */
function printed(write: () => void): string {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    write();
    return spy.mock.calls.map((call) => String(call[0])).join('');
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('runner commands', () => {
  it('print warnings and masks on one line, escaped as @actions/core escapes them', () => {
    expect(printed(() => warning(HOSTILE))).toBe(printed(() => core.warning(HOSTILE)));
    expect(printed(() => setSecret(HOSTILE))).toBe(printed(() => core.setSecret(HOSTILE)));
    expect(printed(() => warning(HOSTILE)).split('\n')).toHaveLength(2);
  });

  it('read inputs and state as @actions/core does', () => {
    vi.stubEnv('INPUT_GITHUB-TOKEN', '  ghs_x  ');
    vi.stubEnv('STATE_comment-id', '42');
    expect(getInput('github-token')).toBe(core.getInput('github-token'));
    expect(getInput('coder-token')).toBe('');
    expect(getState('comment-id')).toBe('42');
    expect(getState('finished')).toBe(core.getState('finished'));
  });

  it('save state in the GITHUB_STATE file as @actions/core does, where no value can end its entry early', () => {
    const saved = (save: (name: string, value: string) => void) => {
      const file = join(mkdtempSync(join(tmpdir(), 'state-')), 'state');
      writeFileSync(file, '');
      vi.stubEnv('GITHUB_STATE', file);
      save('run-url', HOSTILE);
      save('comment-id', '42');
      return parseFileCommands(readFileSync(file, 'utf8'));
    };
    const ours = saved(saveState);
    expect(ours).toEqual(saved(core.saveState));
    expect(ours['comment-id']).toBe('42');
    expect(ours['run-url']).toContain('line 2 100% ::error::x');
  });
});
