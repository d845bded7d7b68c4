import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler answers; the server turns it into bytes (and faults may bend it on the way). */
export interface Reply {
  status: number;
  /** A JSON value, written the way Go's json.Encoder writes it. Omitted for 202/204 without a body. */
  body?: unknown;
  /** A body that is not JSON, written as it is. */
  raw?: { contentType: string; data: string | Buffer };
  headers?: Record<string, string>;
  /** A streaming response (the watch stream); it owns `res` until it ends. */
  stream?: (req: IncomingMessage, res: ServerResponse, fault: StreamFault) => void;
}

/** How an injected fault bends a streaming response. */
export interface StreamFault {
  /** `resetMidResponse`: destroy the connection once the first `data` event has left. */
  resetAfterFirstData: boolean;
}

/** The body of a missing or unreadable resource. */
export const RESOURCE_NOT_FOUND = 'Resource not found or you do not have access to this resource';

/** An error reply with Coder's `Response` body; `detail` and `validations` are left out when not given. */
export function errorReply(
  status: number,
  message: string,
  detail?: string,
  validations?: { field: string; detail: string }[],
): Reply {
  return {
    status,
    body: {
      message,
      ...(detail !== undefined ? { detail } : {}),
      ...(validations !== undefined ? { validations } : {}),
    },
  };
}

/** 404 for a resource that does not exist or that the caller may not read. */
export function notFound(): Reply {
  return errorReply(404, RESOURCE_NOT_FOUND);
}

const FORBIDDEN_DETAIL =
  "You don't have permission to view this content. If you believe this is a mistake, please contact your administrator or try signing in with different credentials.";

/** wsbuilder's 403 when the caller may read the workspace but not build it (action `update` or `delete`). */
export function buildForbidden(action: 'update' | 'delete'): Reply {
  return errorReply(403, `You do not have permission to ${action} this workspace.`, FORBIDDEN_DETAIL);
}

/** wsbuilder.checkRunningBuild's 409 (its detail repeats the message). */
export function buildAlreadyActive(): Reply {
  return errorReply(409, 'A workspace build is already active.', 'A workspace build is already active.');
}

/** The headers coderd sets on every answer, the watch stream's included. */
export function coderHeaders(version: string): Record<string, string> {
  return { 'X-Coder-Build-Version': version, 'X-Content-Type-Options': 'nosniff' };
}

/** A JSON success reply. */
export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

/**
 * JSON as Go's json.Encoder writes it with SetEscapeHTML(true): `<`, `>` and `&` escaped, and U+2028 and
 * U+2029 escaped too, followed by a newline.
 */
export function goJson(value: unknown): string {
  return `${JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}\n`;
}
