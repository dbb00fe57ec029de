import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS, type AgentStateName, type DeskSettings } from '../../../contract/index.js';
import { agentEnablement, callEnablement, type CallOnPhone, type EnablementInput } from '../../../main/cti/enablement.js';

const input = (state: AgentStateName, calls: CallOnPhone[] = [], desk: Partial<DeskSettings> = {}, wrapupDone = false): EnablementInput => ({
  state,
  calls,
  desk: { ...DEFAULT_DESK_SETTINGS, ...desk },
  wrapupDone,
  inService: true,
});
const call = (localState: CallOnPhone['localState'], outgoing = false): CallOnPhone => ({ localState, outgoing });
const sorted = (names: string[]) => [...names].sort();

describe('agent enablement (ctios.md §4.4 agent rows)', () => {
  it.each<[AgentStateName, string[]]>([
    ['logout', ['login']],
    ['not-ready', ['ready', 'supervisorAssist', 'emergencyCall', 'refreshStatistics', 'sendChat', 'makeCall', 'logout', 'logoutWithReason']],
    ['available', ['notReady', 'notReadyWithReason', 'supervisorAssist', 'emergencyCall', 'refreshStatistics', 'sendChat', 'makeCall', 'logout', 'logoutWithReason']],
    ['reserved', ['refreshStatistics', 'sendChat', 'badLineCall']],
  ])('%s enables %j', (state, buttons) => {
    expect(sorted(agentEnablement(input(state)).buttons)).toEqual(sorted(buttons));
  });

  it('offers only the with-reason variants when the desk settings require a reason', () => {
    const buttons = agentEnablement(input('available', [], { notReadyReasonRequired: true, logoutReasonRequired: true })).buttons;
    expect(buttons).toEqual(expect.arrayContaining(['notReadyWithReason', 'logoutWithReason']));
    expect(buttons).not.toContain('notReady');
    expect(buttons).not.toContain('logout');
  });

  it('leaves supervisor assist off where the desk settings do not allow supervisor calls, on every row', () => {
    expect(agentEnablement(input('not-ready', [], { supervisorCallsAllowed: false })).buttons).not.toContain('supervisorAssist');
    expect(agentEnablement(input('not-ready', [], { supervisorCallsAllowed: false })).buttons).toContain('emergencyCall');
    expect(callEnablement(call('connect'), input('talking', [call('connect')], { supervisorCallsAllowed: false })).buttons).not.toContain('supervisorAssist');
    expect(agentEnablement(input('not-ready', [], { supervisorCallsAllowed: true })).buttons).toContain('supervisorAssist');
  });

  it('follows the wrap-up mode while talking and after the call', () => {
    const talking = [call('connect')];
    expect(agentEnablement(input('talking', talking, { wrapupIncoming: 'optional' })).buttons).toEqual(expect.arrayContaining(['ready', 'notReady', 'wrapup']));
    expect(agentEnablement(input('talking', talking, { wrapupIncoming: 'required' })).buttons).not.toContain('ready');
    expect(agentEnablement(input('talking', talking, { wrapupIncoming: 'not-allowed' })).buttons).not.toContain('notReady');
    expect(agentEnablement(input('work-not-ready', [], { wrapupIncoming: 'required' })).buttons).not.toContain('ready');
    expect(agentEnablement(input('work-not-ready', [], { wrapupIncoming: 'required' }, true)).buttons).toEqual(expect.arrayContaining(['ready', 'notReady', 'wrapup']));
    expect(agentEnablement(input('talking', [call('connect', true)], { wrapupIncoming: 'optional', wrapupOutgoing: 'required' })).buttons).not.toContain('ready');
  });

  it('turns everything off while out of service', () => {
    expect(agentEnablement({ ...input('available'), inService: false })).toEqual({ mask: 0, buttons: [] });
  });

  it('keeps bit 31 (WORKNOTREADY) an unsigned mask', () => {
    const mask = agentEnablement(input('work-ready', [], {}, true)).mask;
    expect(mask).toBeGreaterThan(0x7fffffff);
  });
});

describe('call enablement (ctios.md §4.4 call rows)', () => {
  const buttonsOf = (target: CallOnPhone, all: CallOnPhone[], state: AgentStateName = 'talking') => callEnablement(target, input(state, all)).buttons;

  it('alerting enables Answer only among the call buttons', () => {
    const ringing = call('alerting');
    const buttons = buttonsOf(ringing, [ringing], 'reserved');
    expect(buttons).toContain('answer');
    expect(buttons).not.toContain('hold');
  });

  it('talking enables Hold, Release, Transfer and Conference init', () => {
    const talking = call('connect');
    expect(buttonsOf(talking, [talking])).toEqual(expect.arrayContaining(['hold', 'release', 'consultTransfer', 'consultConference']));
  });

  it('held enables Retrieve and Release', () => {
    const held = call('hold');
    const buttons = buttonsOf(held, [held], 'hold');
    expect(buttons).toEqual(expect.arrayContaining(['retrieve', 'release']));
    expect(buttons).not.toContain('hold');
  });

  it('consult initiated enables Reconnect; consult answered adds Alternate and the completes', () => {
    const original = call('hold');
    const dialing = call('initiate');
    expect(buttonsOf(dialing, [original, dialing])).toContain('reconnectCall');
    expect(buttonsOf(dialing, [original, dialing])).not.toContain('completeTransfer');
    const answered = call('connect');
    expect(buttonsOf(answered, [original, answered])).toEqual(expect.arrayContaining(['alternate', 'reconnectCall', 'completeTransfer', 'completeConference']));
    expect(buttonsOf(original, [original, answered])).toEqual(expect.arrayContaining(['alternate', 'reconnectCall']));
  });
});
