import { buildMessage, validateOutgoing, type ValidationProblem } from '../ged188/index.js';
import type { Peripheral } from './pg/peripheral.js';
import type { Call, IncomingCall } from './pg/model.js';

/** A POST /calls body the simulator cannot act on (HTTP 400), in words for whoever sent it. */
export class BadCallBody extends Error {
  override readonly name = 'BadCallBody';
}

const EXAMPLE = '{"ani":"5551234","dnis":"8005550100"}';
const CALL_VARIABLE_KEY = /^(10|[1-9])$/;

/** A call offered while the peripheral is offline (HTTP 409): it could reach nobody. */
export class PeripheralOffline extends Error {
  override readonly name = 'PeripheralOffline';
  constructor() {
    super('the peripheral is offline (fault pg-offline); POST /faults {"type":"pg-online"} first');
  }
}

/** The surroundings a call is offered in: the peripheral and whether it is online. */
export interface CallOffering {
  readonly peripheral: Peripheral;
  readonly isPeripheralOnline: boolean;
}

/**
 * Offers the call a POST /calls body describes (the control API and the desktop's
 * training mode both come here): throws BadCallBody or PeripheralOffline.
 */
export function offerIncomingCall(simulator: CallOffering, body: unknown): Call {
  const incoming = parseIncomingCall(body, simulator.peripheral);
  if (!simulator.isPeripheralOnline) throw new PeripheralOffline();
  const call = simulator.peripheral.offerCall(incoming);
  simulator.peripheral.flush();
  return call;
}

/**
 * Reads a POST /calls body into a call the peripheral can offer, or throws
 * BadCallBody. Every value must reach the agents' desktops as it was given, so the
 * body is checked with ged188's own rules for the message that announces the call
 * (BEGIN_CALL_EVENT, whose fields are the tightest it travels in): nothing the
 * encoder would refuse or cut short gets into the model.
 */
export function parseIncomingCall(body: unknown, peripheral: Peripheral): IncomingCall {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadCallBody(`expected a JSON object like ${EXAMPLE}`);
  const { ani, dnis, skillGroup, agentId, callVariables, ecc, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new BadCallBody(`unknown field "${unknown[0]}"; known: ani, dnis, skillGroup, agentId, callVariables, ecc`);
  if (typeof ani !== 'string' || ani === '') throw new BadCallBody('"ani" (the caller\'s number) is required');
  if (typeof dnis !== 'string' || dnis === '') throw new BadCallBody('"dnis" (the number called) is required');
  const groups = peripheral.site.skillGroups;
  if (skillGroup !== undefined && !groups.some((g) => g.number === skillGroup)) {
    throw new BadCallBody(`no skill group ${JSON.stringify(skillGroup)}; known: ${groups.map((g) => g.number).join(', ')}`);
  }
  if (agentId !== undefined && (typeof agentId !== 'string' || !peripheral.agents.has(agentId))) {
    throw new BadCallBody(`no agent ${JSON.stringify(agentId)}`);
  }
  const incoming: IncomingCall = {
    ani,
    dnis,
    ...(typeof skillGroup === 'number' ? { skillGroup } : {}),
    ...(typeof agentId === 'string' ? { agentId } : {}),
    callVariables: textRecord(callVariables, 'callVariables', (k) => CALL_VARIABLE_KEY.test(k), 'keys are "1" to "10"'),
    ecc: textRecord(ecc, 'ecc', (k) => k !== '', 'names are not empty'),
  };
  const problem = validateOutgoing(announcement(incoming))[0];
  if (problem) throw new BadCallBody(inBodyTerms(problem));
  return incoming;
}

function textRecord(value: unknown, what: string, goodKey: (key: string) => boolean, keyRule: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadCallBody(`"${what}" must be an object of text values`);
  for (const [key, text] of Object.entries(value)) {
    if (!goodKey(key)) throw new BadCallBody(`"${what}" has a bad key ${JSON.stringify(key)}; ${keyRule}`);
    if (typeof text !== 'string') throw new BadCallBody(`"${what}.${key}" must be text`);
  }
  return value as Record<string, string>;
}

/** The BEGIN_CALL_EVENT that will carry the call's data to the agent it reaches. */
function announcement(incoming: IncomingCall) {
  const variables = Object.fromEntries(Object.entries(incoming.callVariables ?? {}).map(([key, text]) => [`CallVariable${key}`, text]));
  return buildMessage('BEGIN_CALL_EVENT', {
    ConnectionDeviceID: incoming.ani,
    ANI: incoming.ani,
    DNIS: incoming.dnis,
    DialedNumber: incoming.dnis,
    ...variables,
    NamedVariable: Object.entries(incoming.ecc ?? {}).map(([name, value]) => ({ name, value })),
  });
}

/** A problem with the announcing message, named by the body field it came from. */
function inBodyTerms(problem: ValidationProblem): string {
  const variable = /^CallVariable(\d+)$/.exec(problem.field);
  if (variable) return `"callVariables.${variable[1]}" ${problem.detail}`;
  switch (problem.field) {
    case 'ANI':
    case 'ConnectionDeviceID':
      return `"ani" ${problem.detail}`;
    case 'DNIS':
    case 'DialedNumber':
      return `"dnis" ${problem.detail}`;
    case 'NamedVariable.name':
      return `"ecc" name ${JSON.stringify(problem.entry)} ${problem.detail}`;
    case 'NamedVariable.value':
      return `"ecc.${problem.entry}" ${problem.detail}`;
    case 'NamedVariable':
      return `"ecc": ${problem.detail}`;
    default:
      return `${problem.field} ${problem.detail}`;
  }
}
