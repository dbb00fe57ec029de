import { STATUS } from '../../ged188/index.js';
import { skillTargetId, type AgentRuntime } from './model.js';
import type { Peripheral } from './peripheral.js';
import { Refusal } from './refusals.js';

/**
 * The media routing domain the simulator's agents work in: UCCE's Cisco_Voice MRD.
 * The peripheral models voice only, so it is the one MRDID it knows.
 */
export const VOICE_MRD_ID = 1;

/**
 * The fields by which a request names an agent. The guide (QUERY_AGENT_STATE_REQ):
 * "MRDID and one of ICMAgentID, AgentExtension, AgentID, or AgentInstrument must be
 * provided". Requests carry whichever of them their layout has.
 */
export interface AgentNaming {
  readonly MRDID?: number;
  readonly ICMAgentID?: number;
  readonly AgentID?: string;
  readonly AgentExtension?: string;
  readonly AgentInstrument?: string;
}

export type Identification =
  /** The request names no agent: it acts on the session's own, if any. */
  | { readonly named: false }
  /** It names one; `agent` is undefined when no agent of the peripheral is that one. */
  | { readonly named: true; readonly agent: AgentRuntime | undefined; readonly by: string };

/**
 * ICMAgentID when the agent is named by a floating field instead: the guide does not say
 * what to send then, and clients send 0 or 0xFFFFFFFF (-1 as an INT). Neither is a skill target.
 */
const isSkillTargetGiven = (id: number | undefined): id is number => id !== undefined && id !== 0 && id !== -1;
/** An empty floating string names nothing (a client that sends the tag with no value). */
const given = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * Which agent a request names, the one rule every agent-addressed request of the
 * simulator goes by. The first of AgentID, ICMAgentID, AgentExtension and
 * AgentInstrument that the request carries decides (AgentID first: a LOGIN names
 * the agent by id and the phone it logs in on by instrument, and a wrong phone is
 * that request's own error). An MRDID other than the voice MRD is refused with
 * FAILURE_CONF E_CTI_INVALID_MR_DOMAIN ("Media Routing Domain is invalid", the
 * guide's status table); MRDID 0, the value of a fixed field left unset, is taken as
 * the voice MRD, since no UCCE MRD has the id 0.
 */
export function identifyAgent(peripheral: Peripheral, naming: AgentNaming): Identification {
  const { MRDID: mrd, ICMAgentID: icmAgentId, AgentID: agentId, AgentExtension: extension, AgentInstrument: instrument } = naming;
  if (mrd !== undefined && mrd !== 0 && mrd !== VOICE_MRD_ID) {
    throw new Refusal(STATUS.E_CTI_INVALID_MR_DOMAIN, `MRDID ${mrd} is not a media routing domain of peripheral ${peripheral.peripheralId} (voice is ${VOICE_MRD_ID})`);
  }
  const agents = [...peripheral.agents.values()];
  if (given(agentId)) return { named: true, by: `AgentID ${agentId}`, agent: peripheral.agents.get(agentId) };
  if (isSkillTargetGiven(icmAgentId)) {
    return { named: true, by: `ICMAgentID ${icmAgentId}`, agent: agents.find((a) => skillTargetId(a.config.id) === icmAgentId) };
  }
  if (given(extension)) {
    return { named: true, by: `AgentExtension ${extension}`, agent: agents.find((a) => (a.config.extension ?? a.config.instrument) === extension) };
  }
  if (given(instrument)) return { named: true, by: `AgentInstrument ${instrument}`, agent: agents.find((a) => a.config.instrument === instrument) };
  return { named: false };
}
