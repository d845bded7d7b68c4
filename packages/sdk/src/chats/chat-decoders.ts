import {
  ChatMessagesResponseSchema,
  ChatSchema,
  CreateChatMessageResponseSchema,
  parseWire,
} from '@coder-tasks/types';
import { fastChat, fastChats } from './fast-chat';
import { fastChatMessagesResponse } from './fast-chat-messages';

// One validating reader per Chats wire type; a mismatch throws WireFormatError, which the request path
// turns into a CoderResponseFormatError naming the endpoint and the field.

/** Reads a `Chat`: the hand-written fast path, else (and for every error) the schema. */
export const decodeChat = (data: unknown) => fastChat(data) ?? parseWire(ChatSchema, data, 'Chat');
/** Reads the `Chat[]` of a list, as {@link decodeChat} reads one. */
export const decodeChats = (data: unknown) =>
  fastChats(data) ?? parseWire(ChatSchema.array(), data, 'Chat[]');
/** Reads a `ChatMessagesResponse`: the hand-written fast path, else (and for every error) the schema. */
export const decodeChatMessages = (data: unknown) =>
  fastChatMessagesResponse(data) ?? parseWire(ChatMessagesResponseSchema, data, 'ChatMessagesResponse');
/** Reads a `CreateChatMessageResponse`. */
export const decodeSendResponse = (data: unknown) =>
  parseWire(CreateChatMessageResponseSchema, data, 'CreateChatMessageResponse');
