import { ChatsUnavailableError, CoderApiError } from '@coder-tasks/sdk';

/**
 * Turns the errors a chat create or send meets into a sentence the person who asked can act on, keeping
 * coderd's own message; anything else is returned as it is. Branches on class, status and route only.
 */
export function explainChatError(error: unknown): unknown {
  if (error instanceof ChatsUnavailableError) {
    const version = error.serverVersion ? ` (version ${error.serverVersion})` : '';
    const said = error.response ? ` Coder said: ${error.response.message}` : '';
    switch (error.reason) {
      case 'ai-gateway-disabled':
        return new Error(
          `Coder Agents cannot run on this Coder server${version}: its AI gateway is off. An administrator must set CODER_AI_GATEWAY_ENABLED=true.${said}`,
        );
      case 'no-model':
        return new Error(
          `No chat model is configured and enabled in the organization: an organization administrator must add one in Coder's Agents settings (or set "model" to a model config that exists).${said}`,
        );
      case 'experiment-disabled':
        return new Error(
          `The Coder server${version} serves Chats only with the 'agents' experiment: start it with CODER_EXPERIMENTS=agents, or upgrade to v2.33 or newer.${said}`,
        );
      default:
        return new Error(
          `The Coder server${version} does not serve the Chats API (Coder Agents): it needs v2.32 or newer.${said}`,
        );
    }
  }
  if (error instanceof CoderApiError) {
    const path = pathOf(error.url);
    const detail = error.response.detail ? ` ${error.response.detail}` : '';
    const said = ` Coder said: ${error.response.message}${detail}`;
    if (error.status === 403 && error.method === 'POST' && /\/chats$/.test(path)) {
      return new Error(
        `The Coder user of coder-token may not create chats here: it must be a member of the organization and have a role that allows Coder Agents.${said}`,
      );
    }
    if (error.status === 429 && error.method === 'POST' && /\/chats\/[^/]+\/messages$/.test(path)) {
      return new Error(
        `The chat for this thread has too many requests waiting for the agent: ask again once it has answered them.${said}`,
      );
    }
  }
  return error;
}

/** The path of a URL, never its query (which could hold a token). */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}
