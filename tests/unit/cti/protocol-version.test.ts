import { describe, expect, it } from 'vitest';
import { MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION, STATUS } from '../../../ged188/index.js';
import {
  NEWEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  olderProtocolVersion,
  refusesVersion,
  stepDown,
  versionSettings,
  versionToAsk,
  withProfileVersion,
} from '../../../main/cti/protocol-version.js';

describe('protocol version ladder', () => {
  it('lists every version the codec knows, newest first, and starts at the newest', () => {
    expect(SUPPORTED_PROTOCOL_VERSIONS[0]).toBe(MAX_PROTOCOL_VERSION);
    expect(SUPPORTED_PROTOCOL_VERSIONS.at(-1)).toBe(MIN_PROTOCOL_VERSION);
    expect(SUPPORTED_PROTOCOL_VERSIONS).toHaveLength(MAX_PROTOCOL_VERSION - MIN_PROTOCOL_VERSION + 1);
    expect(NEWEST_PROTOCOL_VERSION).toBe(MAX_PROTOCOL_VERSION);
  });

  it('steps down one version at a time and stops below the oldest', () => {
    expect(olderProtocolVersion(25)).toBe(24);
    expect(olderProtocolVersion(20)).toBe(19);
    expect(olderProtocolVersion(MIN_PROTOCOL_VERSION)).toBeUndefined();
    // A version above the ladder steps to its top.
    expect(olderProtocolVersion(99)).toBe(MAX_PROTOCOL_VERSION);
  });

  it('never steps down a pinned version', () => {
    expect(stepDown(24, { protocolVersion: 24, protocolVersionPinned: true })).toBeUndefined();
    expect(stepDown(24, { protocolVersion: 25 })).toBe(23);
  });

  it('asks each side for what it took before, the pinned version always, else the newest', () => {
    const negotiate = versionSettings(undefined);
    expect(negotiate).toEqual({ protocolVersion: NEWEST_PROTOCOL_VERSION, protocolVersionPinned: false });
    expect(versionToAsk('A', negotiate, undefined)).toBe(NEWEST_PROTOCOL_VERSION);
    expect(versionToAsk('A', negotiate, { A: 20, B: 15 })).toBe(20);
    expect(versionToAsk('B', negotiate, { A: 20, B: 15 })).toBe(15);
    expect(versionToAsk('B', negotiate, { A: 20 })).toBe(NEWEST_PROTOCOL_VERSION);
    expect(versionToAsk('A', versionSettings(22), { A: 20 })).toBe(22);
    // A remembered version above a lowered ceiling is not asked for.
    expect(versionToAsk('A', { protocolVersion: 19 }, { A: 20 })).toBe(19);
  });

  it('recognises the refusal the guide defines for an unsupported version, and no other', () => {
    expect(refusesVersion({ MessageType: 'FAILURE_CONF', InvokeID: 1, Status: STATUS.E_CTI_INVALID_VERSION })).toBe(true);
    expect(refusesVersion({ MessageType: 'FAILURE_CONF', InvokeID: 1, Status: STATUS.E_CTI_CTI_SERVER_OFFLINE })).toBe(false);
    expect(refusesVersion({ MessageType: 'FAILURE_EVENT', Status: STATUS.E_CTI_INVALID_VERSION })).toBe(false);
  });

  it("lets a connection profile's pin apply only where the policy or config pins nothing", () => {
    expect(withProfileVersion(versionSettings(undefined), 20)).toEqual({ protocolVersion: 20, protocolVersionPinned: true });
    expect(withProfileVersion(versionSettings(22), 20)).toEqual(versionSettings(22));
    expect(withProfileVersion(versionSettings(undefined), undefined)).toEqual(versionSettings(undefined));
  });
});
