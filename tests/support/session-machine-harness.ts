import type { Side } from '../../main/cti/endpoints.js';
import { CONNECTION_ONLY, initialSessionState, transition, type MachineContext, type SessionEvent, type SessionSettings, type SessionState } from '../../main/cti/session-machine.js';

/** A session on two sides at the guide's desktop heartbeat (90 s), asking for no events. */
export const SESSION_SETTINGS: SessionSettings = {
  sides: { A: { host: '10.0.0.1', port: 42027 }, B: { host: '10.0.0.2', port: 43027 } },
  protocolVersion: 24,
  heartbeatIntervalMs: 90_000,
  missedHeartbeatLimit: 3,
  connectTimeoutMs: 5000,
  openTimeoutMs: 30000,
  closeTimeoutMs: 5000,
  retry: { initialMs: 500, maxMs: 10000, jitter: 0.2 },
  clientId: 'desk-1',
  clientPassword: new Uint8Array(0),
  open: CONNECTION_ONLY,
};

/**
 * Runs events through the pure session machine with a deterministic InvokeID counter
 * and jitter; `standbySide` is the side a standby session holds, if any.
 */
export function machineHarness(settings: SessionSettings, standbySide?: Side) {
  let invokeId = 0;
  const ctx: MachineContext = { settings, invokeId: () => ++invokeId, random: () => 0.5, standbySide: () => standbySide };
  let state: SessionState = initialSessionState();
  return {
    send(event: SessionEvent) {
      const result = transition(state, event, ctx);
      state = result.state;
      return result.effects;
    },
    get state() {
      return state;
    },
  };
}
