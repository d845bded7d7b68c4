import { z } from 'zod';
import { ChatErrorKindSchema } from './chat-enums';
import { goOmitted } from './go-json';

const ChatErrorObjectSchema = z.object({
  message: z.string(),
  detail: goOmitted(z.string()),
  kind: goOmitted(ChatErrorKindSchema),
  provider: goOmitted(z.string()),
  // Always sent by coderd; the default only covers hand-built or truncated errors.
  retryable: z.boolean().default(false),
  status_code: goOmitted(z.number().int()),
});

/**
 * `ChatError`: why a chat turn failed. `message` is normalized and user-facing, `detail` the provider's
 * own words, `status_code` the upstream HTTP status when known.
 */
export type ChatError = z.output<typeof ChatErrorObjectSchema>;

/**
 * Reads a {@link ChatError}. Servers before coder/coder#24919 (v2.34) send a plain string instead; it
 * reads as `{ message, kind: 'generic', retryable: false }`, which is also how current coderd serves
 * such legacy errors.
 */
export const ChatErrorSchema = z.union([
  z.string().transform((message): ChatError => ({ message, kind: 'generic', retryable: false })),
  ChatErrorObjectSchema,
]);

/**
 * What coderd's stream sends in its snapshot for a chat in `error` without a recorded `last_error`
 * (the per-chat stream, `GET /chats/{chat}/stream`).
 */
export const FALLBACK_CHAT_ERROR: ChatError = Object.freeze({
  message: 'The chat request failed unexpectedly.',
  kind: 'generic',
  retryable: false,
});
