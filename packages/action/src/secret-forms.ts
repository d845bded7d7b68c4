/**
 * The forms a known secret takes when a program encodes it, as strings to look for. Case-sensitive ones
 * (the secret itself, URL-encoded, base64 and base64url at each of the three byte offsets a secret can
 * have inside a longer encoded string, as GitHub's own log masker does) and ones whose hex digits may be
 * in either case (hex, every byte percent-encoded, JSON `\u` escapes), given in lower case.
 */
export interface SecretForms {
  exact: string[];
  anyCase: string[];
}

/** The encoded forms of each secret; empty secrets are skipped. */
export function secretForms(secrets: readonly string[]): SecretForms {
  const exact = new Set<string>();
  const anyCase = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    const bytes = Buffer.from(secret, 'utf8');
    exact.add(secret);
    exact.add(encodeURIComponent(secret));
    for (let offset = 0; offset < 3; offset++) {
      const encoded = base64AtOffset(bytes, offset);
      exact.add(encoded);
      exact.add(encoded.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    const hex = bytes.toString('hex');
    anyCase.add(hex);
    anyCase.add(hex.replace(/../g, '%$&'));
    let escaped = '';
    for (const unit of secret) {
      for (let i = 0; i < unit.length; i++)
        escaped += `\\u${unit.charCodeAt(i).toString(16).padStart(4, '0')}`;
    }
    anyCase.add(escaped);
  }
  const usable = (forms: Set<string>) =>
    [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
  return { exact: usable(exact), anyCase: usable(anyCase) };
}

/**
 * The base64 characters that depend only on the secret when it starts `offset` bytes into the encoded
 * data: the first characters also carry bits of the bytes before it, and the last one bits of the bytes
 * after it, so both are left out.
 */
function base64AtOffset(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
}
