import { z } from 'zod';
import { StateEventSchema } from './state-stream.js';
import { CommandFailureSchema } from './commands.js';

/** Messages a browser view sends the browser host over its WebSocket. */
export const BrowserRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), id: z.number().int().nonnegative(), name: z.string(), args: z.unknown() }),
  z.object({ kind: z.literal('subscribe') }),
]);
export type BrowserRequest = z.infer<typeof BrowserRequestSchema>;

/** Messages the browser host sends back. */
export const BrowserReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), value: z.unknown() }),
  z.object({ kind: z.literal('failure'), id: z.number().int().nonnegative(), failure: CommandFailureSchema }),
  z.object({ kind: z.literal('state'), event: StateEventSchema }),
]);
export type BrowserReply = z.infer<typeof BrowserReplySchema>;

/** The WebSocket path; the per-run token travels as the `token` query parameter. */
export const BROWSER_SOCKET_PATH = '/softphone';
