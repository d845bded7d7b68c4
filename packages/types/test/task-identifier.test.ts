import { describe, expect, it } from 'vitest';
import { InvalidTaskIdentifierError, isUuid, parseTaskIdentifier, parseUuid } from '../src/index';

const ID = '4f5a6b7c-8d9e-4f0a-b1c2-d3e4f5a6b7c8';

describe('parseTaskIdentifier (Client.TaskByIdentifier)', () => {
  it.each([
    [ID, { kind: 'id', id: ID }],
    [`  ${ID}\n`, { kind: 'id', id: ID }],
    [ID.toUpperCase(), { kind: 'id', id: ID }],
    [`{${ID}}`, { kind: 'id', id: ID }],
    [`urn:uuid:${ID}`, { kind: 'id', id: ID }],
    [ID.replaceAll('-', ''), { kind: 'id', id: ID }],
    ['fix-login', { kind: 'name', owner: 'me', name: 'fix-login' }],
    [' fix-login ', { kind: 'name', owner: 'me', name: 'fix-login' }],
    ['alice/fix-login', { kind: 'name', owner: 'alice', name: 'fix-login' }],
    [`${ID}/fix-login`, { kind: 'name', owner: ID, name: 'fix-login' }],
    ['4f5a6b7c-8d9e', { kind: 'name', owner: 'me', name: '4f5a6b7c-8d9e' }],
  ])('%j', (identifier, expected) => {
    expect(parseTaskIdentifier(identifier)).toEqual(expected);
  });

  it.each([
    [
      'alice/team/fix',
      'invalid task identifier: "alice/team/fix": expected a task id, "name" or "owner/name"',
    ],
    ['a/b/c/d', 'invalid task identifier: "a/b/c/d": expected a task id, "name" or "owner/name"'],
    ['', 'invalid task identifier: "": the owner and the task name must not be empty'],
    ['alice/', 'invalid task identifier: "alice/": the owner and the task name must not be empty'],
    ['/fix', 'invalid task identifier: "/fix": the owner and the task name must not be empty'],
  ])('%j is an error naming the identifier', (identifier, message) => {
    expect(() => parseTaskIdentifier(identifier)).toThrow(InvalidTaskIdentifierError);
    expect(() => parseTaskIdentifier(identifier)).toThrow(message);
  });
});

describe('parseUuid (uuid.Parse forms)', () => {
  it.each([
    [ID, ID],
    ['{4F5A6B7C-8D9E-4F0A-B1C2-D3E4F5A6B7C8}', ID],
    ['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'],
    ['11111111-1111-1111-1111-111111111111', '11111111-1111-1111-1111-111111111111'],
    ['4f5a6b7c-8d9e-4f0a-b1c2-d3e4f5a6b7c', undefined],
    ['4f5a6b7c-8d9e-4f0a-b1c2-d3e4f5a6b7cz', undefined],
    ['4f5a6b7c8d9e-4f0a-b1c2-d3e4f5a6b7c8-', undefined],
  ])('%j', (value, expected) => {
    expect(parseUuid(value)).toBe(expected);
    expect(isUuid(value)).toBe(expected !== undefined);
  });
});
