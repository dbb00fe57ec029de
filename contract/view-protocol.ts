import { z } from 'zod';
import { CommandFailureSchema } from './commands.js';
import { StateEventSchema } from './state-stream.js';

/**
 * The one protocol between a view (the renderer) and main, whatever carries it:
 * Electron IPC (structured clone) or the browser host's WebSocket (JSON text).
 * Transports only move these messages; main validates every request, the view
 * validates every reply.
 */

/** What a view sends main: a command (answered by `id`), or a request for the state stream. */
export const ViewRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), id: z.number().int().nonnegative(), name: z.string(), args: z.unknown() }),
  /** (Re)starts the state stream with a snapshot: sent on connect and after a gap. */
  z.object({ kind: z.literal('subscribe') }),
]);
export type ViewRequest = z.infer<typeof ViewRequestSchema>;

/** What main sends a view. */
export const ViewReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), value: z.unknown() }),
  z.object({ kind: z.literal('failure'), id: z.number().int().nonnegative(), failure: CommandFailureSchema }),
  z.object({ kind: z.literal('state'), event: StateEventSchema }),
]);
export type ViewReply = z.infer<typeof ViewReplySchema>;

/** The WebSocket path; the per-run token travels as the `token` query parameter. */
export const BROWSER_SOCKET_PATH = '/softphone';

/** Close code (WebSocket's policy violation) for a view that sent something outside this protocol. */
export const OUTSIDE_PROTOCOL_CLOSE_CODE = 1008;
