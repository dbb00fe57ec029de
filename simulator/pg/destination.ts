/** Where a dialled number leads (see Dialling.destination). */
import type { AgentRuntime } from './model.js';

export type Destination =
  | { readonly kind: 'agent'; readonly number: string; readonly agent: AgentRuntime }
  | { readonly kind: 'outside'; readonly number: string }
  | { readonly kind: 'unobtainable'; readonly number: string; readonly cause: number };
