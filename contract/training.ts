import { z } from 'zod';
import { CallVariablesSchema } from './calls.js';

/**
 * Training mode (issue 11 item 9): on the built-in simulator a new user or a trainee
 * places a call to themselves. Core never imports the simulator: a shell that started
 * one passes in how to place the call (CoreOptions.placeTestCall); otherwise the
 * command is refused with a reason.
 */
export const TRAINING_COMMANDS = {
  /** A caller at `ani` rings the signed-in agent, with these call variables. */
  placeTestCall: {
    args: z
      .object({
        ani: z.string().trim().min(1, 'enter the caller number').max(32).regex(/^[0-9*#+]+$/, 'a caller number is digits (and *, #, +)'),
        callVariables: CallVariablesSchema.optional(),
      })
      .strict(),
    result: z.object({}),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type TrainingCommandName = keyof typeof TRAINING_COMMANDS;

/** What the shell's test-call function is given: who is rung, by whom, with what call data. */
export interface TestCall {
  readonly agentId: string;
  readonly ani: string;
  /** CallVariable1–10 by the guide's names. */
  readonly callVariables: Readonly<Partial<Record<`CallVariable${number}`, string>>>;
}

/** Places a test call on the built-in simulator; rejects with an Error whose message says what is wrong. */
export type TestCallPlacer = (call: TestCall) => Promise<void>;
