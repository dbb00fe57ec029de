import type { HandlerTable } from './request-context.js';

/** User messages, supervisor assist, emergency calls, supervisor actions, teams and statistics. */
export const SUPERVISOR_HANDLERS: HandlerTable = {};
