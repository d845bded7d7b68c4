/**
 * The API base URL of a client, checked up front: absolute http(s), no credentials or token in it (it ends
 * up in every error's URL), query and fragment dropped, a trailing slash so that API paths resolve under a
 * path prefix. `token` is only used to keep it out of the message when `input` does not parse.
 */
export function parseBaseUrl(input: string | URL, token: string): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new TypeError(
      `CoderClient: \`url\` must be an absolute http(s) URL such as https://coder.example.com, got ${JSON.stringify(withoutSecrets(String(input), token))}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`CoderClient: \`url\` must use http or https, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new TypeError('CoderClient: `url` must not carry credentials; pass the session token as `token`.');
  }
  for (const key of url.searchParams.keys()) {
    // Coder reads a token from these query parameters; one here would end up in every error's URL.
    if (TOKEN_QUERY_PARAMS.has(key.toLowerCase())) {
      throw new TypeError(
        `CoderClient: \`url\` must not carry a token in its query (${key}); pass the session token as \`token\`.`,
      );
    }
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

const TOKEN_QUERY_PARAMS = new Set(['coder_session_token', 'access_token']);

/**
 * An unparsable URL as it may be shown: without query, fragment, `user:password@`, the token, or
 * anything shaped like a Coder token (`<10-char id>-<22-char secret>`, as when the two options are swapped).
 */
function withoutSecrets(text: string, token: string): string {
  const shown = text
    .replace(/[?#].*$/s, '')
    .replace(/^([^/]*\/\/)?[^/]*@/, '$1')
    .replace(/[A-Za-z0-9]{10}-[A-Za-z0-9]{22}/g, '[REDACTED]');
  return token ? shown.split(token).join('[REDACTED]') : shown;
}
