import { z } from 'zod';

/** Who a chat message goes to: one agent (by AgentID), the sender's supervisor(s), or the sender's team(s). */
export const ChatRecipientSchema = z.union([z.literal('supervisor'), z.literal('team'), z.string().regex(/^[^\s]{1,11}$/, 'an agent id')]);
export type ChatRecipient = z.infer<typeof ChatRecipientSchema>;

/** One chat message (USER_MESSAGE_REQ out, USER_MESSAGE_EVENT in). */
export const ChatMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  /** Sender: the ClientID CTI Server names (an agent id), or this agent for `out`. */
  from: z.string(),
  /** `out`: the recipient asked for; `in`: how it was distributed. */
  to: z.union([z.enum(['supervisor', 'team', 'all', 'me']), z.string()]),
  text: z.string(),
  /** When this desktop sent or received it (epoch ms). */
  at: z.number().int().nonnegative(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Recent messages, oldest first, at most MAX_CHAT_MESSAGES. */
export const ChatStateSchema = z.object({ messages: z.array(ChatMessageSchema) });
export type ChatState = z.infer<typeof ChatStateSchema>;

export const MAX_CHAT_MESSAGES = 100;
/** USER_MESSAGE Text is at most 255 bytes with its NUL. */
export const MAX_CHAT_TEXT = 254;
