import { describe, expect, it } from 'vitest';
import { coderApiGeneration } from '../src/index';

describe('coderApiGeneration', () => {
  // Version strings as buildinfo.version reports them: "v" + tag, "+<sha>" when the tag has no build metadata.
  const table = [
    ['v2.28.3+4f1d2e9', 2, 28, 'not-yet', []],
    ['v2.29.0+abc1234', 2, 29, 'served', []],
    ['v2.31.0+9e8d7c6', 2, 31, 'served', []],
    ['v2.32.0+1a2b3c4', 2, 32, 'served', ['/api/experimental']],
    ['v2.35.2+5d6e7f8', 2, 35, 'served', ['/api/experimental']],
    ['v2.36.1+0a1b2c3', 2, 36, 'served', ['/api/experimental']],
    ['2.36.1', 2, 36, 'served', ['/api/experimental']],
    ['v2.37.0-rc.1+7c8d9e0', 2, 37, 'flagged', ['/api/v2', '/api/experimental']],
    ['v2.37.0+abc1234', 2, 37, 'flagged', ['/api/v2', '/api/experimental']],
    ['v2.38.0-rc.1+b1c2d3e', 2, 38, 'removed', ['/api/v2']],
    ['v2.38.0+f0e1d2c', 2, 38, 'removed', ['/api/v2']],
    ['v2.40.1+0f0f0f0', 2, 40, 'removed', ['/api/v2']],
    ['v3.0.0+1234567', 3, 0, 'removed', ['/api/v2']],
  ] as const;

  it.each(table)('%s is v%i.%i: tasks %s, chats under %j', (version, major, minor, tasks, prefixes) => {
    const generation = coderApiGeneration(version);
    expect(generation).toEqual({
      version,
      known: true,
      devel: false,
      major,
      minor,
      tasks,
      chatsPrefixes: prefixes,
    });
  });

  it('treats a development build as the newest known release', () => {
    expect(coderApiGeneration('v0.0.0-devel+2b4e6f8')).toEqual({
      version: 'v0.0.0-devel+2b4e6f8',
      known: true,
      devel: true,
      major: 2,
      minor: 38,
      tasks: 'removed',
      chatsPrefixes: ['/api/v2'],
    });
  });

  it('treats a string that is not a version as the newest known release, and says so', () => {
    for (const version of ['', 'garbage', 'latest', 'v2', 'v2.x.0', 'version 2.37.0']) {
      expect(coderApiGeneration(version)).toMatchObject({
        version,
        known: false,
        devel: false,
        major: 2,
        minor: 38,
        tasks: 'removed',
        chatsPrefixes: ['/api/v2'],
      });
    }
  });

  it('tolerates surrounding whitespace but reports the version as given', () => {
    expect(coderApiGeneration(' v2.35.0+abc\n')).toMatchObject({
      version: ' v2.35.0+abc\n',
      known: true,
      minor: 35,
    });
  });

  it('returns a frozen answer that callers cannot change for the next caller', () => {
    const generation = coderApiGeneration('v2.37.0+abc1234');
    expect(Object.isFrozen(generation)).toBe(true);
    expect(Object.isFrozen(generation.chatsPrefixes)).toBe(true);
  });
});
