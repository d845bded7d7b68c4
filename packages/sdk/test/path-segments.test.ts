import { describe, expect, it } from 'vitest';
import type { CoderClient } from '../src/index';
import { startHarness } from './harness';

// encodeURIComponent keeps `.` and `..`, and URL resolution then drops them with the segment before:
// `coder-user: ..` once sent a task lookup to `/api/v2/gh-…`, a route outside the Tasks API. Every
// path segment built from a caller's or a server's value is refused before anything is sent.

const ID = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';
const VERSION = { organization: 'coder', template: 'ai' };

const calls: [string, (c: CoderClient, dots: string) => Promise<unknown>, string][] = [
  ['the owner of getTaskByOwnerAndName', (c, d) => c.getTaskByOwnerAndName(d, 'gh-1-2'), 'owner'],
  ['the name of getTaskByOwnerAndName', (c, d) => c.getTaskByOwnerAndName('me', d), 'name'],
  ['an owner/name identifier', (c, d) => c.getTaskByIdentifier(`${d}/gh-1-2`), 'owner'],
  ['the user of createTask', (c, d) => c.createTask(d, { template_version_id: ID, input: 'x' }), 'user'],
  ['the id of getTask', (c, d) => c.getTask(d), 'id'],
  ['the user of sendTaskInput', (c, d) => c.sendTaskInput(d, ID, 'hi'), 'user'],
  ['the id of deleteTask', (c, d) => c.deleteTask('me', d), 'id'],
  ['the user of updateTaskInput', (c, d) => c.updateTaskInput(d, ID, 'hi'), 'user'],
  ['the id of pauseTask', (c, d) => c.pauseTask('me', d), 'id'],
  ['the user of resumeTask', (c, d) => c.resumeTask(d, ID), 'user'],
  ['the id of getTaskLogs', (c, d) => c.getTaskLogs('me', d), 'id'],
  ['an organization', (c, d) => c.getOrganization(d), 'idOrName'],
  ['a template', (c, d) => c.resolveTemplateVersion({ ...VERSION, template: d }), 'template'],
  ['a template version', (c, d) => c.resolveTemplateVersion({ ...VERSION, version: d }), 'version'],
  ['a template version id', (c, d) => c.resolvePreset(d), 'templateVersionId'],
  ['a workspace id', (c, d) => c.getWorkspace(d), 'id'],
  ['the id of getChat', (c, d) => c.getChat(d), 'id'],
  ['the id of updateChat', (c, d) => c.updateChat(d, { title: 't' }), 'id'],
  ['the id of archiveChat', (c, d) => c.archiveChat(d), 'id'],
  [
    'the id of sendChatMessage',
    (c, d) => c.sendChatMessage(d, { content: [{ type: 'text', text: 'hi' }] }),
    'id',
  ],
  ['the id of getChatMessages', (c, d) => c.getChatMessages(d), 'id'],
  ['the id of interruptChat', (c, d) => c.interruptChat(d), 'id'],
  ['the id of chatMessages', (c, d) => c.chatMessages(d).next(), 'id'],
  ['the id of streamChat', (c, d) => c.streamChat(d).next(), 'id'],
  ['the id of watchWorkspace', (c, d) => c.watchWorkspace(d).next(), 'id'],
];

describe('path segments that are dot segments', () => {
  for (const dots of ['..', '.']) {
    it.each(calls)(
      `refuses "${dots}" as %s with a TypeError before sending anything`,
      async (_, call, name) => {
        const h = await startHarness();
        const error = await Promise.resolve()
          .then(() => call(h.client, dots))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toBe(
          `\`${name}\` must not be "${dots}": a dot segment would leave the route`,
        );
        expect(h.fake.requests).toHaveLength(0);
      },
    );
  }

  it('refuses a dot segment in the dashboard links of a task and a chat', async () => {
    const h = await startHarness();
    expect(() => h.client.taskUrl({ owner_name: '..', id: ID })).toThrow(TypeError);
    expect(() => h.client.taskUrl({ owner_name: 'admin', id: '.' })).toThrow(TypeError);
    expect(() => h.client.chatUrl('..')).toThrow(TypeError);
    expect(h.client.taskUrl({ owner_name: 'a.b', id: ID })).toBe(`${h.fake.url}/tasks/a.b/${ID}`);
  });

  it('still sends names that merely contain dots', async () => {
    const h = await startHarness();
    const error = await h.client.getTaskByOwnerAndName('...', 'a..b').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(h.requestsTo('/api/v2/tasks/.../a..b', 'GET')).toHaveLength(1);
  });
});
