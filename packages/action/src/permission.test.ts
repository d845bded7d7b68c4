import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';
import { effectiveRole, hasPermission } from './permission';

describe('permissions', () => {
  it.each([
    [{ permission: 'admin', role_name: 'admin' }, 'admin'],
    [{ permission: 'write', role_name: 'maintain' }, 'maintain'],
    [{ permission: 'read', role_name: 'triage' }, 'triage'],
    [{ permission: 'write', role_name: 'custom-release-manager' }, 'write'],
    [{ permission: 'none', role_name: 'none' }, undefined],
    [{ permission: 'WRITE' }, 'write'],
    [{}, undefined],
    [{ permission: 42 }, undefined],
  ])('reads %j as %s', (answer, role) => {
    expect(effectiveRole(answer)).toBe(role);
  });

  it.each([
    ['admin', 'write', true],
    ['maintain', 'write', true],
    ['write', 'write', true],
    ['triage', 'write', false],
    ['read', 'read', true],
    ['read', 'triage', false],
    [undefined, 'read', false],
  ] as const)('%s against %s: %s', (role, minimum, allowed) => {
    expect(hasPermission(role, minimum)).toBe(allowed);
  });
});

describe('durations', () => {
  it.each([
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1_500],
    [' 2h ', 7_200_000],
    ['30', undefined],
    ['', undefined],
    ['5 m', undefined],
    ['-5s', undefined],
    ['1d', undefined],
  ])('%j is %s ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [250, '250ms'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [0, '0ms'],
    [1_000, '1s'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
