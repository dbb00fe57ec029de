import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../contract/index.js';
import { AGENT_STATE, AGENT_WORK_MODE } from '../../../ged188/index.js';
import { setAgentState } from '../../../main/cti/agent/agent-requests.js';

const agent = { agentId: '1001', instrument: '3001', peripheralId: 5000 };

describe('SET_AGENT_STATE_REQ work mode', () => {
  it('carries the Work Mode chosen at login as GED-188 AgentWorkMode', () => {
    expect(setAgentState(agent, { state: AGENT_STATE.LOGIN, password: 'x', workMode: 'autoIn' }).AgentWorkMode).toBe(AGENT_WORK_MODE.AWM_AUTO_IN);
    expect(setAgentState(agent, { state: AGENT_STATE.LOGIN, password: 'x', workMode: 'manualIn' }).AgentWorkMode).toBe(AGENT_WORK_MODE.AWM_MANUAL_IN);
  });

  it('leaves it to the centre when none is chosen, and on every request but login', () => {
    expect(setAgentState(agent, { state: AGENT_STATE.LOGIN, password: 'x' }).AgentWorkMode).toBe(AGENT_WORK_MODE.AWM_UNSPECIFIED);
    expect(setAgentState(agent, { state: AGENT_STATE.AVAILABLE, workMode: 'autoIn' }).AgentWorkMode).toBe(AGENT_WORK_MODE.AWM_UNSPECIFIED);
  });

  it('the login command takes only the work modes it can send', () => {
    expect(COMMANDS.login.args.safeParse({ password: '', workMode: 'autoIn' }).success).toBe(true);
    expect(COMMANDS.login.args.safeParse({ password: '', workMode: 'assistIn' }).success).toBe(false);
  });
});
