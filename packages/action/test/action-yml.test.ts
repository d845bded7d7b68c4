import { describe, expect, it } from 'vitest';
import { readActionYml } from '../scripts/run-bundle.mjs';
import { parseInputs } from '../src/parse-inputs';

const action = readActionYml();
const given: Record<string, string> = {
  'coder-url': 'https://coder.example.com',
  'coder-token': 'abcdefghij-0123456789abcdefghijkl',
  'github-token': 'ghs_x',
  template: 'tasks',
};

describe('action.yml and parseInputs', () => {
  it('parseInputs reads only inputs that action.yml declares, and every one it declares', () => {
    const read = new Set<string>();
    parseInputs((name) => {
      read.add(name);
      return given[name] ?? '';
    });
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('the defaults in action.yml mean what parseInputs assumes when an input is empty', () => {
    const fromYml = parseInputs((name) => {
      if (given[name] !== undefined) return given[name];
      const fallback = action.inputs[name]?.default ?? '';
      return fallback.startsWith('${{') ? '' : fallback;
    });
    const fromEmpty = parseInputs((name) => given[name] ?? '');
    expect(fromYml).toEqual(fromEmpty);
    expect(
      Object.entries(action.inputs)
        .filter(([, spec]) => spec.required)
        .map(([name]) => name),
    ).toEqual(['coder-url', 'coder-token']);
  });
});
