import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { vi } from 'vitest';
import { initialAppState, type AgentButton, type AgentCall, type AppState, type SoftphoneApi, type StateEvent, type StateOp } from '../../contract/index.js';
import type { SoftphoneClient } from '../../renderer/src/softphone-client.js';
import { useConnectionStore } from '../../renderer/src/stores/connection.js';

/**
 * The stores as a component sees them, fed by hand: a snapshot of main's state, then
 * patches, and commands that record what they were asked (each answers `answers[name]`,
 * or `{}`). The components under test see exactly what the real client would give them.
 */
export function fakeDesktop(state: AppState, answers: Partial<Record<string, unknown>> = {}) {
  const pinia: Pinia = createPinia();
  setActivePinia(pinia);
  let listener: ((event: StateEvent) => void) | undefined;
  let seq = 0;
  const calls: { name: string; args: unknown }[] = [];
  const api = new Proxy({} as SoftphoneApi, {
    get: (_, name: string) => {
      if (name === 'subscribeState') {
        return (next: (event: StateEvent) => void) => {
          listener = next;
          next({ kind: 'snapshot', seq, state });
          return () => (listener = undefined);
        };
      }
      return vi.fn(async (args: unknown) => {
        calls.push({ name, args });
        const answer = answers[name];
        if (answer instanceof Error) throw answer;
        return answer ?? {};
      });
    },
  });
  const client: SoftphoneClient = { api, watchBridge: () => () => {}, dispose: () => {} };
  useConnectionStore(pinia).connect(client);
  return {
    pinia,
    /** Commands sent so far, in order, by name. */
    sent: (name?: string) => calls.filter((call) => name === undefined || call.name === name).map((call) => call.args),
    patch: (...ops: StateOp[]) => listener?.({ kind: 'patch', seq: ++seq, ops }),
  };
}

/** Main's state for agent 1001 in service, Talking, with `calls`. */
export function agentState(calls: AgentCall[], overrides: Partial<AppState> = {}): AppState {
  return {
    ...initialAppState({ state: 'connected', side: 'A', endpoint: '127.0.0.1:42027', since: 0 }),
    agent: {
      mode: 'agent',
      phase: 'active',
      identity: { agentId: '1001', instrument: '3001', peripheralId: 5000 },
      state: 'talking',
      reasonCode: 0,
      since: 0,
      deskSettings: { wrapupIncoming: 'optional', wrapupOutgoing: 'optional', notReadyReasonRequired: false, logoutReasonRequired: false },
      alreadyLoggedIn: false,
      checking: false,
    },
    calls,
    ...overrides,
  };
}

/** One call on the phone as main publishes it, with the buttons main enabled for it. */
export function agentCall(connectionCallId: number, buttons: AgentButton[], more: { ani?: string; localState?: AgentCall['localState']; variables?: AgentCall['call']['variables']; ecc?: AgentCall['call']['ecc'] } = {}): AgentCall {
  return {
    call: {
      key: `5000.${connectionCallId}`,
      peripheralId: 5000,
      connectionCallId,
      ani: more.ani ?? '5551234',
      dnis: '8005550100',
      variables: more.variables ?? {},
      ecc: more.ecc ?? {},
      eccArrays: {},
      connections: [],
      cleared: false,
      since: 0,
    },
    localState: more.localState ?? 'connect',
    enablement: { mask: 0, buttons },
  };
}
