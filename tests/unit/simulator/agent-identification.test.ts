import { describe, expect, it } from 'vitest';
import { STATUS } from '../../../ged188/index.js';
import { VOICE_MRD_ID, identifyAgent } from '../../../simulator/pg/agent-identification.js';
import { skillTargetId } from '../../../simulator/pg/model.js';
import { Peripheral } from '../../../simulator/pg/peripheral.js';
import { Refusal } from '../../../simulator/pg/refusals.js';
import { generatedSite } from '../../../simulator/pg/site.js';

const site = generatedSite({ agents: 2 });
const peripheral = new Peripheral({ ...site, agents: site.agents.map((a) => (a.id === '1002' ? { ...a, extension: '7002' } : a)) });
const idOf = (naming: Parameters<typeof identifyAgent>[1]) => {
  const identified = identifyAgent(peripheral, naming);
  return identified.named ? (identified.agent?.config.id ?? 'nobody') : 'unnamed';
};

describe('identifyAgent: MRDID plus one of ICMAgentID, AgentExtension, AgentID, AgentInstrument', () => {
  it('finds the agent by each of them', () => {
    expect(idOf({ MRDID: VOICE_MRD_ID, ICMAgentID: skillTargetId('1002') })).toBe('1002');
    expect(idOf({ MRDID: VOICE_MRD_ID, AgentExtension: '7002' })).toBe('1002');
    expect(idOf({ MRDID: VOICE_MRD_ID, AgentID: '1002' })).toBe('1002');
    expect(idOf({ MRDID: VOICE_MRD_ID, AgentInstrument: '3002' })).toBe('1002');
    // An agent without an extension of its own is reached on its instrument's number.
    expect(idOf({ AgentExtension: '3001' })).toBe('1001');
  });

  it('takes 0 and 0xFFFFFFFF in ICMAgentID, and empty strings, as "not given"', () => {
    expect(idOf({ ICMAgentID: 0 })).toBe('unnamed');
    expect(idOf({ ICMAgentID: -1, AgentID: '', AgentInstrument: '3001' })).toBe('1001');
  });

  it('lets AgentID decide when several are given: a LOGIN names the phone it logs in on by instrument', () => {
    expect(idOf({ AgentID: '1001', AgentInstrument: '3002' })).toBe('1001');
    expect(idOf({ AgentID: '9999', AgentInstrument: '3002' })).toBe('nobody');
  });

  it('refuses an MRDID the peripheral lacks with E_CTI_INVALID_MR_DOMAIN', () => {
    expect(() => identifyAgent(peripheral, { MRDID: 2, AgentID: '1001' })).toThrow(
      expect.objectContaining({ constructor: Refusal, status: STATUS.E_CTI_INVALID_MR_DOMAIN }),
    );
    expect(idOf({ MRDID: 0, AgentID: '1001' })).toBe('1001');
  });
});
