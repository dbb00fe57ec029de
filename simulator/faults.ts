import { CONTROL_FAILURE_CODE, MESSAGE_TYPES, isMessageName, messageIdOf } from '../ged188/index.js';
import type { CtiSimulator, Health, Side } from './cti-simulator.js';

/** Every fault POST /faults knows, in the order the README lists them. */
export const FAULT_TYPES = [
  'kill-side',
  'restore-side',
  'stall-side',
  'drop-connections',
  'garbage',
  'maintenance',
  'pg-offline',
  'pg-online',
  'control-failure',
] as const;

export type Fault =
  | { readonly type: 'kill-side' | 'restore-side' | 'stall-side' | 'drop-connections' | 'garbage' | 'maintenance'; readonly side: Side }
  | { readonly type: 'pg-offline' | 'pg-online' }
  | { readonly type: 'control-failure'; readonly request: string; readonly failureCode: number };

/** A fault request the control API cannot take, with the words for its 400 answer. */
export class BadFault extends Error {
  override readonly name = 'BadFault';
}

const SIDED = new Set<string>(['kill-side', 'restore-side', 'stall-side', 'drop-connections', 'garbage', 'maintenance']);
/** Session messages are not requests a peripheral can refuse with CONTROL_FAILURE_CONF. */
const SESSION_MESSAGES = new Set(['OPEN_REQ', 'HEARTBEAT_REQ', 'CLOSE_REQ', 'ACTIVE_MAINTENANCE_RESP_MSG', 'STOPPING_REQUESTS_TO_THIS_SIDE_IND']);

/** Checks a POST /faults body: `type` is one of FAULT_TYPES, with the fields that type needs. */
export function parseFault(body: unknown): Fault {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadFault('expected a JSON object like {"type":"kill-side","side":"A"}');
  }
  const { type, side, request, failureCode, ...rest } = body as Record<string, unknown>;
  const known = FAULT_TYPES.map((t) => `"${t}"`).join(', ');
  if (typeof type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(type)) {
    throw new BadFault(`unknown fault type ${JSON.stringify(type)}; known: ${known}`);
  }
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new BadFault(`unknown field "${extra}" for fault "${type}"`);
  if (SIDED.has(type)) {
    if (side !== 'A' && side !== 'B') throw new BadFault(`"side" must be "A" or "B", got ${JSON.stringify(side)}`);
    return { type: type as Extract<Fault, { side: Side }>['type'], side };
  }
  if (side !== undefined) throw new BadFault(`fault "${type}" takes no "side"`);
  if (type === 'pg-offline' || type === 'pg-online') return { type };
  // What is left is "control-failure".
  if (typeof request !== 'string' || !isMessageName(request) || !isClientRequest(request)) {
    throw new BadFault(`"request" must name a client request message type such as "ANSWER_CALL_REQ", got ${JSON.stringify(request)}`);
  }
  const code = failureCode ?? CONTROL_FAILURE_CODE.GENERIC_OPERATION;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 0xffff) {
    throw new BadFault(`"failureCode" must be a ControlFailureCode (0-65535), got ${JSON.stringify(failureCode)}`);
  }
  return { type: 'control-failure', request, failureCode: code };
}

function isClientRequest(name: string): boolean {
  if (SESSION_MESSAGES.has(name) || !isMessageName(name)) return false;
  return MESSAGE_TYPES.get(messageIdOf(name))?.direction === 'client-to-server';
}

/** What POST /faults answers: the sides after the fault, and what the fault did. */
export type FaultResult = Health & { readonly [detail: string]: unknown };

/** Applies a fault to the simulator; FaultConflict (409) when it does not fit the state. */
export async function applyFault(simulator: CtiSimulator, fault: Fault): Promise<FaultResult> {
  switch (fault.type) {
    case 'kill-side':
      await simulator.killSide(fault.side);
      break;
    case 'restore-side':
      await simulator.restoreSide(fault.side);
      break;
    case 'stall-side':
      simulator.stallSide(fault.side);
      break;
    case 'drop-connections':
      return { ...simulator.health(), dropped: simulator.dropConnections(fault.side) };
    case 'garbage':
      return { ...simulator.health(), sentTo: simulator.sendGarbage(fault.side) };
    case 'maintenance': {
      const outcome = await simulator.startMaintenance(fault.side);
      return {
        ...simulator.health(),
        maintenance: outcome.continuing ? 'continuing' : 'cancelled',
        asked: outcome.asked,
        ...(outcome.continuing ? {} : { reason: outcome.reason }),
      };
    }
    case 'pg-offline':
    case 'pg-online':
      simulator.setPeripheralOnline(fault.type === 'pg-online');
      break;
    case 'control-failure':
      simulator.injectControlFailure(fault.request, fault.failureCode);
      return { ...simulator.health(), request: fault.request, failureCode: fault.failureCode };
  }
  return simulator.health();
}
