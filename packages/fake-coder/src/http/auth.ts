import type { IncomingHttpHeaders } from 'node:http';
import type { UserRecord } from '../world/model';
import type { World } from '../world/world';
import { errorReply, type Reply } from './reply';

const SIGNED_OUT = 'You are signed out or your session has expired. Please sign in again to continue.';

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === 'coder_session_token') return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The session token of a request, from the sources coderd checks in order (httpmw.APITokenFromRequest):
 * cookie, `coder_session_token` query, `Coder-Session-Token` header, `Authorization: Bearer`, `access_token`.
 */
export function tokenFromRequest(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const cookie = cookieToken(headers.cookie);
  if (cookie) return cookie;
  const q = query.get('coder_session_token');
  if (q) return q;
  const header = headers['coder-session-token'];
  if (typeof header === 'string' && header) return header;
  const authz = headers.authorization;
  if (typeof authz === 'string' && authz.length > 7 && authz.slice(0, 7).toLowerCase() === 'bearer ') {
    return authz.slice(7).trim();
  }
  // coderd trims the access_token value, as it trims the Bearer one.
  return query.get('access_token')?.trim() || undefined;
}

function unauthorized(detail: string): Reply {
  return errorReply(401, SIGNED_OUT, detail);
}

/** Authenticates a request as coderd's API key middleware does, with its exact 401 bodies. */
export function authenticate(
  world: World,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): { user: UserRecord } | { reply: Reply } {
  const token = tokenFromRequest(headers, query);
  if (!token) {
    return { reply: unauthorized('Cookie "coder_session_token" or query parameter must be provided.') };
  }
  const parts = token.split('-');
  if (parts.length !== 2) {
    return {
      reply: unauthorized(
        `Invalid API key format: incorrect amount of API key parts, expected 2 got ${parts.length}`,
      ),
    };
  }
  const [id = '', secret = ''] = parts;
  if (id.length !== 10) {
    return {
      reply: unauthorized(`Invalid API key format: invalid API key ID length, expected 10 got ${id.length}`),
    };
  }
  if (secret.length !== 22) {
    return {
      reply: unauthorized(
        `Invalid API key format: invalid API key secret length, expected 22 got ${secret.length}`,
      ),
    };
  }
  let user: UserRecord | undefined;
  for (const u of world.users.values()) if (u.tokenId === id) user = u;
  if (!user) return { reply: unauthorized('API key is invalid.') };
  if (user.tokenSecret !== secret) return { reply: unauthorized('API key secret is invalid.') };
  if (user.tokenExpiresAt !== undefined && user.tokenExpiresAt <= world.clock.now()) {
    return { reply: unauthorized(`API key expired at "${new Date(user.tokenExpiresAt).toISOString()}".`) };
  }
  return { user };
}

/**
 * The `WWW-Authenticate` header coderd adds to a 401 or 403 (RFC 6750 with RFC 9728's
 * resource_metadata), so OAuth-aware clients can discover how to sign in. The description is one of
 * coderd's fixed sentences, picked from the error body, never the body itself.
 */
export function wwwAuthenticate(
  status: number,
  response: { message?: string; detail?: string },
  baseUrl: string,
): string {
  const metadata = `resource_metadata="${baseUrl}/.well-known/oauth-protected-resource"`;
  if (status === 403) {
    return `Bearer realm="coder", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token", ${metadata}`;
  }
  const message = response.message ?? '';
  let description = 'The access token is invalid';
  if (message.includes('expired') || (response.detail ?? '').includes('expired')) {
    description = 'The access token has expired';
  } else if (message.includes('audience') || message.includes('mismatch')) {
    description = 'The access token audience does not match this resource';
  }
  return `Bearer realm="coder", error="invalid_token", error_description="${description}", ${metadata}`;
}

/** Site-wide roles that can read every resource. */
export function readsEverything(user: UserRecord): boolean {
  return user.role === 'owner' || user.role === 'auditor';
}

/** Whether `caller` sees an organization's shared resources (templates, versions): a member or a site-wide reader. */
export function canSeeOrganization(caller: UserRecord, organizationId: string): boolean {
  return readsEverything(caller) || caller.organizationIds.includes(organizationId);
}

/** Whether `caller` can see `target` (themselves, a site-wide reader, or a member of a shared organization). */
export function canSeeUser(caller: UserRecord, target: UserRecord): boolean {
  if (caller.id === target.id || readsEverything(caller)) return true;
  return caller.organizationIds.some((o) => target.organizationIds.includes(o));
}

/** Whether `caller` administers resources of `organizationId` owned by others. */
export function administers(caller: UserRecord, organizationId: string): boolean {
  return (
    caller.role === 'owner' ||
    (caller.role === 'org-admin' && caller.organizationIds.includes(organizationId))
  );
}

/** Whether `caller` may read a resource owned by `ownerId` in `organizationId`. */
export function canRead(caller: UserRecord, ownerId: string, organizationId: string): boolean {
  return caller.id === ownerId || readsEverything(caller) || administers(caller, organizationId);
}

/** Whether `caller` may change (build, delete, update) a resource owned by `ownerId`. */
export function canWrite(caller: UserRecord, ownerId: string, organizationId: string): boolean {
  return caller.id === ownerId || administers(caller, organizationId);
}
