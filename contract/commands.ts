import { z } from 'zod';

/**
 * Every command the renderer may send, with the schema its argument must pass
 * and the shape of its result. The shells validate against these before anything
 * reaches core; preload exposes one named function per entry.
 */
export const COMMANDS = {
  /** Skip the back-off and try the next CTI Server side now. */
  reconnect: {
    args: z.object({}).strict(),
    result: z.object({ retried: z.boolean() }),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type CommandName = keyof typeof COMMANDS;
export type CommandArgs<N extends CommandName> = z.input<(typeof COMMANDS)[N]['args']>;
export type CommandResult<N extends CommandName> = z.output<(typeof COMMANDS)[N]['result']>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMANDS, name);
}

/** A command that could not be carried out, in words for the person who asked. */
export const CommandFailureSchema = z.object({
  code: z.enum(['invalid-argument', 'unknown-command', 'unavailable', 'failed']),
  message: z.string(),
});
export type CommandFailure = z.infer<typeof CommandFailureSchema>;
