import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AgentButton, AgentMode, AgentStateName, ConnectionProfile } from '../../../contract/index.js';
import { loginProblem, type LoginProblem } from '../login-failure.js';
import { SoftphoneCommandError } from '../softphone-client.js';
import { useConnectionStore } from './connection.js';

/** The agent-state buttons, named after the commands they send. */
export const AGENT_ACTIONS = ['ready', 'notReady', 'workReady', 'workNotReady', 'logout'] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

/** Which enablement buttons from main enable each action (ctios.md §4.2). */
const ENABLED_BY: Readonly<Record<AgentAction, readonly AgentButton[]>> = {
  ready: ['ready'],
  notReady: ['notReady', 'notReadyWithReason'],
  workReady: ['workReady'],
  workNotReady: ['workNotReady'],
  logout: ['logout', 'logoutWithReason'],
};

/** Whether an action can be asked for now, and if not, why (a key under `agent.disabled`). */
export type Availability = { enabled: true } | { enabled: false; why: 'notConnected' | 'restoring' | 'pending' | 'state' };

/** What the login form asks for. */
export interface LoginRequest {
  identity: { kind: 'agentId' | 'loginName'; value: string };
  password: string;
  instrument: string;
  position?: string;
  /** Only when the profile asks for it; left out, the centre decides. */
  workMode?: 'autoIn' | 'manualIn';
  /** The chosen connection profile, when the settings have any. */
  profile?: ConnectionProfile;
}

type Active = Extract<AgentMode, { mode: 'agent' }>;

/** Agent mode as main publishes it, the agent-level enablement, and the state commands. */
export const useAgentStore = defineStore('agent', () => {
  const core = useConnectionStore();
  const mode = computed<AgentMode>(() => core.current?.agent ?? { mode: 'none' });
  /** The command sent and not yet answered; one at a time, so a double click cannot send two. */
  const pending = ref<AgentAction | 'login' | undefined>();
  /**
   * The agent set here was already logged in elsewhere and the profile says to warn
   * (ctios.md §2.5): the login screen stays until the agent chooses to continue here.
   */
  const takeoverAsked = ref(false);
  const active = computed<Active | undefined>(() => (mode.value.mode === 'agent' ? mode.value : undefined));
  /**
   * Logged in as far as the desktop is concerned: the agent screen shows; otherwise the
   * login screen (also while a login is under way, so its errors land on the form).
   */
  const signedIn = computed(() => {
    const agent = active.value;
    return agent !== undefined && pending.value !== 'login' && !takeoverAsked.value && agent.phase !== 'starting' && agent.state !== 'logout';
  });
  const buttons = computed(() => new Set(core.current?.enablement.buttons ?? []));
  /** The last state command that failed, in main's words (cleared by the next attempt). */
  const failure = ref<{ action: AgentAction; message: string } | undefined>();

  const availability = computed<Readonly<Record<AgentAction, Availability>>>(() => {
    const entries = AGENT_ACTIONS.map((action): [AgentAction, Availability] => [action, availabilityOf(action)]);
    return Object.fromEntries(entries) as Record<AgentAction, Availability>;
  });

  function availabilityOf(action: AgentAction): Availability {
    if (!core.current) return { enabled: false, why: 'notConnected' };
    if (active.value?.phase === 'restoring') return { enabled: false, why: 'restoring' };
    if (pending.value) return { enabled: false, why: 'pending' };
    return ENABLED_BY[action].some((button) => buttons.value.has(button)) ? { enabled: true } : { enabled: false, why: 'state' };
  }

  /** Main enables only the with-reason button when the desk settings require a reason. */
  const reasonRequired = computed(() => ({
    notReady: buttons.value.has('notReadyWithReason') && !buttons.value.has('notReady'),
    logout: buttons.value.has('logoutWithReason') && !buttons.value.has('logout'),
  }));

  async function send(action: AgentAction, reasonCode?: number): Promise<void> {
    const api = core.commands;
    if (!api || pending.value) return;
    pending.value = action;
    failure.value = undefined;
    const args = reasonCode === undefined ? {} : { reasonCode };
    try {
      switch (action) {
        case 'ready':
          await api.ready({});
          break;
        case 'notReady':
          await api.notReady(args);
          break;
        case 'workReady':
          await api.workReady({});
          break;
        case 'workNotReady':
          await api.workNotReady({});
          break;
        case 'logout':
          await api.logout(args);
          break;
      }
    } catch (error) {
      failure.value = { action, message: messageOf(error) };
    } finally {
      pending.value = undefined;
    }
  }

  /**
   * Sets the agent (unless this one on this instrument is set already) and logs in
   * (unless the agent is logged in already, on another desktop). Resolves with the
   * problem to show beside its field, or undefined when logged in.
   */
  async function login(request: LoginRequest): Promise<LoginProblem | undefined> {
    const api = core.commands;
    if (!api) return { field: 'form', kind: 'outOfService' };
    if (pending.value) return undefined;
    pending.value = 'login';
    // Each attempt asks afresh (the screen stays while `pending` says login).
    takeoverAsked.value = false;
    try {
      const warns = (request.profile?.duplicateLogin ?? 'warn') === 'warn';
      // Asked again for the same agent after "Cancel": ask again, nothing to send.
      const current = active.value;
      if (isSetAlready(request) && current?.alreadyLoggedIn && current.state !== 'logout' && warns) return askTakeover(current.state);
      if (!isSetAlready(request)) {
        const { profile, identity, instrument, position } = request;
        const set = await api.setAgent({
          ...(identity.kind === 'agentId' ? { agentId: identity.value } : { loginName: identity.value }),
          instrument,
          ...(position ? { position } : {}),
          ...(profile ? { peripheralId: profile.peripheralId, duplicateLogin: profile.duplicateLogin } : {}),
          ...(profile?.protocolVersion === undefined ? {} : { protocolVersion: profile.protocolVersion }),
        });
        if (set.alreadyLoggedIn && set.state !== 'logout' && warns) return askTakeover(set.state);
        if (set.state !== 'logout') return undefined;
      }
      await api.login({ password: request.password, ...(request.workMode ? { workMode: request.workMode } : {}) });
      return undefined;
    } catch (error) {
      if (error instanceof SoftphoneCommandError) return loginProblem(error);
      return { field: 'form', kind: 'other', message: messageOf(error) };
    } finally {
      pending.value = undefined;
    }
  }

  function askTakeover(state: AgentStateName): LoginProblem {
    takeoverAsked.value = true;
    return { field: 'identity', kind: 'alreadyLoggedInWarn', state };
  }

  /** The agent chose to continue here, on the agent logged in elsewhere. */
  function takeOver(): void {
    takeoverAsked.value = false;
  }

  function isSetAlready(request: LoginRequest): boolean {
    const identity = active.value?.identity;
    return identity !== undefined && request.identity.kind === 'agentId' && identity.agentId === request.identity.value && identity.instrument === request.instrument;
  }

  return { mode, active, signedIn, buttons, pending, failure, availability, reasonRequired, send, login, takeOver };
});

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
