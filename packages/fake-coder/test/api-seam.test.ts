import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseWire, ResponseSchema } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { type ApiFactory, launchFakeCoder } from '../src/fake-coder';
import type { FakeCoder } from '../src/index';
import { call } from './helpers';

// The seam another API (Chats) plugs into: its HTTP routes and WebSocket upgrades, served under the
// prefixes the emulated generation names, behind the fake's own recording, faults and authentication.
// The API here is a stand-in: `/echo` answers JSON, and its upgrade switches to a line echo protocol.

interface Probe {
  upgrades: string[];
  closed: number;
}

function echoApi(probe: Probe): ApiFactory {
  return () => ({
    prefixes: ['/api/v2', '/api/experimental'],
    servedPrefixes: (apis) => apis.chatsPrefixes,
    routes: [
      {
        method: 'GET',
        path: '/echo',
        handler: (ctx) => ({ status: 200, body: { user: ctx.user.username, path: ctx.path } }),
        upgrade: (ctx, _req, socket) => {
          if (ctx.query.get('refuse') === 'yes') return { status: 400, body: { message: 'Refused.' } };
          probe.upgrades.push(ctx.user.username);
          socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
          socket.on('data', (chunk: Buffer) => socket.write(`echo ${chunk.toString()}`));
          return undefined;
        },
      },
    ],
    close: () => {
      probe.closed++;
    },
  });
}

async function withEchoFake(
  version: string,
  fn: (fake: FakeCoder, probe: Probe) => Promise<void>,
): Promise<Probe> {
  const probe: Probe = { upgrades: [], closed: 0 };
  const fake = await launchFakeCoder({ version }, [echoApi(probe)]);
  try {
    await fn(fake, probe);
  } finally {
    await fake.close();
  }
  return probe;
}

type UpgradeOutcome =
  | { kind: 'upgraded'; socket: Duplex; headers: Record<string, unknown> }
  | { kind: 'response'; status: number; body: string };

/** Sends `GET path` with `Upgrade: echo` and reports whether the server switched or answered plainly. */
function tryUpgrade(fake: FakeCoder, path: string, token: string | null): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const req = request(`${fake.url}${path}`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'echo',
        ...(token === null ? {} : { 'Coder-Session-Token': token }),
      },
    });
    req.on('upgrade', (res, socket) => resolve({ kind: 'upgraded', socket, headers: res.headers }));
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ kind: 'response', status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function echoOnce(socket: Duplex, text: string): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
    socket.write(text);
  });
}

describe('another API plugged in through launchFakeCoder', () => {
  it.each([
    ['v2.35.0', { '/api/experimental': 200, '/api/v2': 404 }],
    ['v2.37.0', { '/api/experimental': 200, '/api/v2': 200 }],
    ['v2.38.0', { '/api/experimental': 404, '/api/v2': 200 }],
    ['v2.31.0', { '/api/experimental': 404, '/api/v2': 404 }],
  ])('on %s serves its HTTP routes under the prefixes of the generation', async (version, expected) => {
    await withEchoFake(version, async (fake) => {
      for (const [prefix, status] of Object.entries(expected)) {
        const res = await call(fake, 'GET', `${prefix}/echo`);
        expect([prefix, res.status]).toEqual([prefix, status]);
        if (status === 404) {
          expect(parseWire(ResponseSchema, res.json, 'Response')).toEqual({ message: 'Route not found.' });
        } else {
          expect(res.json).toEqual({ user: 'admin', path: `${prefix}/echo` });
        }
      }
    });
  });

  it('hands an authenticated upgrade its socket, records it without the token, and closes the API with the fake', async () => {
    const probe = await withEchoFake('v2.38.0', async (fake) => {
      const outcome = await tryUpgrade(fake, '/api/v2/echo', fake.tokens.member ?? '');
      if (outcome.kind !== 'upgraded') throw new Error(`no upgrade: ${outcome.status} ${outcome.body}`);
      expect(await echoOnce(outcome.socket, 'hello')).toBe('echo hello');
      outcome.socket.destroy();
      const recorded = fake.requests.find((r) => r.path === '/api/v2/echo');
      expect(recorded).toMatchObject({ method: 'GET', status: 101, user: 'member', route: '/api/v2/echo' });
      expect(JSON.stringify(recorded)).not.toContain(fake.tokens.member);
    });
    expect(probe).toEqual({ upgrades: ['member'], closed: 1 });
  });

  it('answers an upgrade it cannot take as plain HTTP: no token, a refusal, an injected fault, a prefix not served', async () => {
    const probe = await withEchoFake('v2.38.0', async (fake) => {
      // The same 401 a plain request gets.
      const plain = await call(fake, 'GET', '/api/v2/echo', { token: null });
      expect(plain.status).toBe(401);
      expect(await tryUpgrade(fake, '/api/v2/echo', null)).toEqual({
        kind: 'response',
        status: 401,
        body: plain.text,
      });
      const refused = await tryUpgrade(fake, '/api/v2/echo?refuse=yes', fake.token);
      expect(refused).toEqual({ kind: 'response', status: 400, body: '{"message":"Refused."}\n' });
      const fault = fake.control.faults.inject({ kind: 'status', route: '/api/v2/echo', times: 1 });
      const failed = await tryUpgrade(fake, '/api/v2/echo', fake.token);
      expect(failed).toEqual({ kind: 'response', status: 500, body: '{"message":"Injected fault."}\n' });
      expect(fault.hits).toBe(1);
      const gone = await tryUpgrade(fake, '/api/experimental/echo', fake.token);
      expect(gone).toEqual({ kind: 'response', status: 404, body: '{"message":"Route not found."}\n' });
    });
    expect(probe.upgrades).toEqual([]);
  });

  it('answers an upgrade request to a route without an upgrade handler as a plain request, faults included', async () => {
    await withEchoFake('v2.38.0', async (fake) => {
      const plain = await call(fake, 'GET', '/api/v2/buildinfo', { token: null });
      expect(await tryUpgrade(fake, '/api/v2/buildinfo', null)).toEqual({
        kind: 'response',
        status: 200,
        body: plain.text,
      });
      fake.control.faults.inject({ kind: 'truncatedJson', route: '/api/v2/buildinfo', times: 1 });
      const truncated = await tryUpgrade(fake, '/api/v2/buildinfo', null);
      expect(truncated).toEqual({
        kind: 'response',
        status: 200,
        body: plain.text.slice(0, Math.floor(plain.text.length / 2)),
      });
    });
  });
});
