import { PresetSchema, parseWire, UserSchema } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { PresetNotFoundError, pickGitHubUser, pickPreset, UserLookupError } from './lookups';

const user = (username: string) =>
  parseWire(
    UserSchema,
    { id: '00000000-0000-4000-8000-00000000000a', username, email: `${username}@x`, organization_ids: [] },
    'User',
  );
const preset = (Name: string, Default = false) =>
  parseWire(
    PresetSchema,
    { ID: '00000000-0000-4000-8000-00000000000b', Name, Parameters: null, Default },
    'Preset',
  );
const VERSION = '00000000-0000-4000-8000-00000000000c';

describe('pickGitHubUser', () => {
  it('returns the only match', () => {
    expect(pickGitHubUser([user('alice')], 7).username).toBe('alice');
  });
  it.each([
    [[], 0, 'no Coder user is linked to GitHub user id 7: the person must log in to Coder with GitHub once'],
    [[user('a'), user('b')], 2, '2 Coder users are linked to GitHub user id 7 (a, b); expected exactly one'],
  ])('throws on %# matches', (users, matches, message) => {
    const call = () => pickGitHubUser(users, 7);
    expect(call).toThrow(UserLookupError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as UserLookupError).matches).toBe(matches);
    }
  });
});

describe('pickPreset', () => {
  const presets = [preset('small'), preset('default', true), preset('large')];
  it.each([
    ['the named preset', presets, 'large', 'large'],
    ['the default when no name is given', presets, undefined, 'default'],
    ['none when there is no default', [preset('small')], undefined, undefined],
    ['none when there are no presets', [], undefined, undefined],
  ])('%s', (_name, list, name, expected) => {
    expect(pickPreset(list, VERSION, name)?.Name).toBe(expected);
  });
  it('throws, listing the presets, for a name that does not exist', () => {
    expect(() => pickPreset(presets, VERSION, 'huge')).toThrow(
      new PresetNotFoundError(VERSION, 'huge', ['small', 'default', 'large']),
    );
    expect(() => pickPreset([], VERSION, 'huge')).toThrow(
      `template version ${VERSION} has no preset named "huge"; it has no presets`,
    );
  });
});
