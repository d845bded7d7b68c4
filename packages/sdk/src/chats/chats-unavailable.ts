import type { CoderApiError } from '../errors';
import type { ChatsUnavailableReason } from './chat-errors';

// coderd's own messages for "this deployment cannot run chats at all", as its handlers write them:
// RequireExperiment (v2.32, 403), the AI gateway check on routes that need the chat daemon (503 from
// v2.38, 500 "Chat processor ..." before), and the create handler's model lookup (400).
const EXPERIMENT = /functionality requires enabling the 'agents' experiment\.$/;
const AI_GATEWAY = 'AI Gateway must be enabled for Coder Agents functionality.';
// The stream route says it its own way when the processor is missing (exp-era streamChat).
const PROCESSOR = new Set([
  'Chat processor is unavailable.',
  'Chat processor is not configured.',
  'Chat streaming is not available.',
]);
const NO_MODEL = 'No chat model is available in this organization.';

/**
 * The reason a Chats route's error means "this server cannot run chats", or undefined for any other
 * error (a missing chat, a bad request): a 404 "Route not found." (the route is not registered), the
 * `agents` experiment gate, a disabled AI gateway, or no chat model.
 */
export function chatsUnavailableReason(error: CoderApiError): ChatsUnavailableReason | undefined {
  if (error.bodyKind !== 'json') return undefined;
  const message = error.response.message;
  if (error.status === 404 && message === 'Route not found.') return 'not-served';
  if (error.status === 403 && EXPERIMENT.test(message)) return 'experiment-disabled';
  if (error.status === 503 && message.startsWith(AI_GATEWAY)) return 'ai-gateway-disabled';
  if (error.status === 500 && PROCESSOR.has(message)) return 'ai-gateway-disabled';
  if (error.status === 400 && message === NO_MODEL) return 'no-model';
  return undefined;
}
