import { randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new random UUID (lower-case, canonical), as Postgres' gen_random_uuid gives. */
export function newId(): string {
  return randomUUID();
}

function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

/** A session token in Coder's `<10-char id>-<22-char secret>` shape. */
export function newToken(): { id: string; secret: string; token: string } {
  const id = randomAlnum(10);
  const secret = randomAlnum(22);
  return { id, secret, token: `${id}-${secret}` };
}

/** Four random hex digits, the suffix Coder appends to generated task names. */
export function hexSuffix(): string {
  return randomBytes(2).toString('hex');
}
