/**
 * Shapes of credentials that show up in agent logs, each replaced by `redacted` where it is found.
 *
 * The token formats follow the rule set of secretlint's recommended preset (prefixes and lengths of
 * GitHub, GitLab, npm, Slack, OpenAI, Anthropic, Groq, Hugging Face, Linear, Notion, SendGrid, Shopify,
 * Grafana, HashiCorp Vault, Vercel, Databricks, Docker, Figma and AWS credentials, PEM private keys, URLs
 * with a password). Its library is not bundled: its API is asynchronous where a redactor must be a plain
 * function, it requires Node 22, and it lacks the generic `key: value` shapes below. Our own rules, for
 * what that rule set lacks: any `…secret… / …token… / …password… / …api_key…` assignment in env, YAML or
 * JSON in any case (it knows only AWS's key name), GitHub tokens glued to a word (it demands a boundary),
 * PGP private key blocks with their `BLOCK` suffix and keys of any label, Coder session tokens, Google API
 * keys, JWTs, and `Bearer` / `token` / `Basic` credentials.
 *
 * Every pattern here runs on untrusted agent output, so each one is linear: an unbounded repetition may
 * start only where a run of its characters starts (a lookbehind excludes the run's inside), or it follows
 * a literal prefix and is bounded. A pattern that could restart inside the run it just scanned would be
 * quadratic on a long run of its characters (`eyJ-eyJ-…`, `a.a.…`).
 */
export function redactShapes(text: string, redacted: string): string {
  let out = redactPrivateKeys(text, redacted);
  for (const pattern of TOKEN_SHAPES) out = out.replace(pattern, redacted);
  out = redactCoderTokens(out, redacted);
  out = out.replace(JWT, redacted);
  for (const pattern of LABELLED_SHAPES) out = out.replace(pattern, `$1${redacted}`);
  return redactAssignments(out, redacted);
}

const TOKEN_SHAPES: readonly RegExp[] = [
  // GitHub: 36 base62 characters after the prefix (more are taken, should the format grow). No
  // boundary: a token glued to a word, or followed by `_` (as in `ghp_…_backup`), is still a token.
  /gh[pousr]_[A-Za-z0-9]{30,255}/g,
  /github_pat_[A-Za-z0-9_]{22,255}/g,
  /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,128}/g,
  /npm_[A-Za-z0-9]{36}/g,
  /(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack
  /(?<![A-Za-z0-9])xapp-[0-9]-[A-Za-z0-9-]{10,}/g,
  /(?<![A-Za-z0-9_-])sk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, // OpenAI / Anthropic
  /(?<![A-Za-z0-9])gsk_[A-Za-z0-9]{52}/g, // Groq
  /(?<![A-Za-z0-9])hf_[A-Za-z]{34}/g, // Hugging Face
  /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9_]{32,128}/g, // Linear
  /(?<![A-Za-z0-9])ntn_[0-9]{11}[A-Za-z0-9]{35}/g, // Notion
  /(?<![A-Za-z0-9])SG\.[\w-]{16,128}\.[\w-]{16,128}/g, // SendGrid
  /(?<![A-Za-z0-9])shp(?:pa|ca|at|ss)_[a-fA-F0-9]{32,64}/g, // Shopify
  /(?<![A-Za-z0-9])gl(?:c|sa)_[A-Za-z0-9+/_]{32,400}={0,2}/g, // Grafana
  /(?<![A-Za-z0-9])hv[sbr]\.[A-Za-z0-9_-]{90,300}/g, // HashiCorp Vault
  /(?<![A-Za-z0-9])vc[pikar]_[A-Za-z0-9]{20,60}/g, // Vercel
  /(?<![A-Za-z0-9])dapi[a-fA-F0-9]{32}(?:-[0-9])?/g, // Databricks
  /(?<![A-Za-z0-9])dckr_pat_[A-Za-z0-9_-]{27}/g, // Docker
  /(?<![A-Za-z0-9])figd_[A-Za-z0-9_-]{40,200}/g, // Figma
  /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, // AWS key ids
  /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}/g, // Google API keys
];

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

// A Coder session token, <id>-<secret>, as `\b[A-Za-z0-9]{10}-[A-Za-z0-9]{22}\b` would find it, tried only
// where its hyphen is: that pattern starts with a character class, so the engine would try it at every
// position, and it alone cost a third of the redactor's time.
const CODER_TOKEN_AT = /(?<![A-Za-z0-9_])[A-Za-z0-9]{10}-[A-Za-z0-9]{22}(?![A-Za-z0-9_])/y;
const CODER_ID = 10;
const CODER_TOKEN = 33;

/** Replaces every Coder session token (`<10 letters or digits>-<22 letters or digits>`, on word boundaries). */
export function redactCoderTokens(text: string, redacted: string): string {
  let out = '';
  let from = 0;
  for (let dash = text.indexOf('-', CODER_ID); dash !== -1; dash = text.indexOf('-', dash + 1)) {
    const start = dash - CODER_ID;
    if (start < from) continue;
    CODER_TOKEN_AT.lastIndex = start;
    if (!CODER_TOKEN_AT.test(text)) continue;
    out += `${text.slice(from, start)}${redacted}`;
    from = start + CODER_TOKEN;
    dash = from - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

// These keep their label and lose only the value.
const LABELLED_SHAPES: readonly RegExp[] = [
  /(\b(?:Bearer|token|Basic)[ \t]{1,16})[A-Za-z0-9._~+/=-]{16,}/gi,
  // user:password@ in a URL, found from its `://` (the scheme is kept and need not be read).
  /(:\/\/)[^\s/:@]{1,256}:[^\s/@]{1,256}(?=@)/g,
];

// `key = value`, `key: value`, `"key": "value"`, `key => value`, read from where the key's run starts.
// The key and separator are bounded, and a quoted value ends at its quote within the line.
const ASSIGNMENT =
  /([\w.-]{1,100}["']?)(\s{0,16}(?:=>|:=|[=:])[ \t]{0,16})(?:"([^"\r\n]{1,500})"|'([^'\r\n]{1,500})'|([^\s"'`,;)}\]]{4,}))/y;
// A word that makes a key a secret's name; the scan starts from these, so text without one costs little.
const SECRET_WORD = /secret|token|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|private[_-]?key|credential/gi;
const SECRET_NAME = new RegExp(SECRET_WORD.source, 'i');
// Counts, limits and kinds of tokens are not secrets (`max_tokens: 4096`, `token_type: bearer`).
const NOT_SECRET_KEY = /tokens["']?$|(?:count|limit|length|size|type|usage|file|path|url|uri|name|id)["']?$/i;
const NOT_A_VALUE =
  /^(?:string|number|boolean|null|undefined|none|nil|true|false|required|optional|\[REDACTED\]|\*+)$|^(?:\$|%|<|\[|process\.env|os\.environ|env\.|secrets\.)/i;
const MAX_KEY = 100;

function isKeyChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x2d // -
  );
}

/**
 * Replaces the values of assignments whose key names a secret. Each occurrence of a secret word costs
 * at most the key's bounded length to find where its key starts; a run of key characters too long to be
 * a key is skipped whole, so every character is looked at a bounded number of times.
 */
function redactAssignments(text: string, redacted: string): string {
  let out = '';
  let from = 0;
  let tried = -1;
  SECRET_WORD.lastIndex = 0;
  for (let word = SECRET_WORD.exec(text); word !== null; word = SECRET_WORD.exec(text)) {
    let start = word.index;
    while (start > from && word.index - start < MAX_KEY && isKeyChar(text.charCodeAt(start - 1))) start--;
    if (start > from && isKeyChar(text.charCodeAt(start - 1))) {
      let end = word.index;
      while (end < text.length && isKeyChar(text.charCodeAt(end))) end++;
      SECRET_WORD.lastIndex = end;
      continue;
    }
    if (start === tried) continue;
    tried = start;
    ASSIGNMENT.lastIndex = start;
    const found = ASSIGNMENT.exec(text);
    if (found === null) continue;
    const [whole, key = '', sep = '', q1, q2, bare] = found;
    if (!isSecretKey(key) || !looksLikeValue(q1 ?? q2 ?? bare ?? '')) continue;
    out += `${text.slice(from, start)}${key}${sep}${redacted}`;
    from = start + whole.length;
    SECRET_WORD.lastIndex = from;
  }
  return out + text.slice(from);
}

function isSecretKey(key: string): boolean {
  return SECRET_NAME.test(key) && !NOT_SECRET_KEY.test(key);
}

function looksLikeValue(value: string): boolean {
  return value.length >= 4 && !NOT_A_VALUE.test(value);
}

const KEY_BEGIN = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY[ A-Z0-9]{0,20}-----/g;
const KEY_END = /-----END[ A-Z0-9]{0,40}PRIVATE KEY[ A-Z0-9]{0,20}-----/g;

/**
 * Private key blocks (PEM, OpenSSH, PGP `PRIVATE KEY BLOCK`), from the BEGIN line to the END line, or to
 * the end of the text when the END line is missing (the rest of the key is still a secret). A scan rather
 * than one lazy pattern, which would rescan the rest of the text from every BEGIN line without an END.
 */
function redactPrivateKeys(text: string, redacted: string): string {
  if (!text.includes('PRIVATE KEY')) return text;
  let out = '';
  let from = 0;
  KEY_BEGIN.lastIndex = 0;
  for (let begin = KEY_BEGIN.exec(text); begin !== null; begin = KEY_BEGIN.exec(text)) {
    KEY_END.lastIndex = begin.index + begin[0].length;
    const end = KEY_END.exec(text);
    const stop = end === null ? text.length : end.index + end[0].length;
    out += `${text.slice(from, begin.index)}${redacted}`;
    from = stop;
    KEY_BEGIN.lastIndex = stop;
    if (end === null) break;
  }
  return out + text.slice(from);
}
