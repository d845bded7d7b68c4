/** What replaces a secret in everything the action posts or prints. */
export const REDACTED = '[REDACTED]';

// Shapes of credentials that show up in agent logs. Each is specific enough not to eat ordinary text.
const SECRET_PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g,
  /\b[A-Za-z0-9]{10}-[A-Za-z0-9]{22}\b/g, // Coder session tokens: <10-char id>-<22-char secret>
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key ids
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, // Slack
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g, // OpenAI / Anthropic
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API keys
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\bnpm_[A-Za-z0-9]{36}\b/g,
];
// These keep their label and lose only the value.
const LABELLED_PATTERNS: readonly RegExp[] = [
  /(\b(?:Bearer|token|Basic)\s+)[A-Za-z0-9._~+/=-]{16,}/gi,
  /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+(?=@)/gi, // user:password@ in URLs
  /(\b[A-Z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY)[A-Z0-9_]*\s*[=:]\s*)["']?[^\s"']{8,}["']?/g,
];

/** Replaces secrets in text; made once per run from the tokens it knows. */
export type Redactor = (text: string) => string;

/**
 * A redactor for the given secrets (the Coder and GitHub tokens) and the common credential shapes above.
 * Each secret is also matched in its base64 and URL-encoded forms, which is how a token leaks through a
 * Basic auth header or a query string. Longer secrets are replaced first so a secret containing another
 * one is not half-replaced.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
  }
  const exact = [...variants].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const secret of exact) out = out.split(secret).join(REDACTED);
    for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
    for (const pattern of LABELLED_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
    // A replacement can join text into a secret again (`ab[secret]cd` never, but `a` + `[secret]` + `b`
    // where the secret sits inside itself can); one more exact pass settles it.
    for (const secret of exact) out = out.split(secret).join(REDACTED);
    return out;
  };
}
