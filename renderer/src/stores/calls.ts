import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { AgentButton, AgentCall, TransferTargets } from '../../../contract/index.js';
import type { CallDataEdit } from '../call-cell.js';
import { useConnectionStore } from './connection.js';

/** The call buttons that send a command on the selected call at once, each named after that command and the enablement button that enables it. */
export const CALL_ACTIONS = ['answer', 'release', 'hold', 'retrieve', 'alternate', 'reconnectCall'] as const satisfies readonly AgentButton[];
export type CallAction = (typeof CALL_ACTIONS)[number];

/** Every button of the call controls, in the order the toolbar shows them. */
export const CALL_BUTTONS = [...CALL_ACTIONS, 'transfer', 'conference', 'makeCall', 'keypad', 'record', 'supervisorAssist', 'emergencyCall'] as const;
export type CallButton = (typeof CALL_BUTTONS)[number];

/**
 * Which enablement buttons from main enable each control. The dialogs are enabled when
 * any of their steps is; Keypad has no bit of its own in the CTI OS mask: on a call it
 * follows Release (a call the phone is on, whose far end hears the tones), without one
 * it is Make Call's dial pad.
 */
const ENABLED_BY: Readonly<Record<Exclude<CallButton, 'keypad'>, readonly AgentButton[]>> = {
  answer: ['answer'],
  release: ['release'],
  hold: ['hold'],
  retrieve: ['retrieve'],
  alternate: ['alternate'],
  reconnectCall: ['reconnectCall'],
  transfer: ['consultTransfer', 'singleStepTransfer', 'completeTransfer'],
  conference: ['consultConference', 'singleStepConference', 'completeConference'],
  makeCall: ['makeCall', 'insideMakeCall', 'outsideMakeCall'],
  record: ['record'],
  supervisorAssist: ['supervisorAssist'],
  emergencyCall: ['emergencyCall'],
};

/** Why a control cannot be used now (a key under `call.disabled`), or undefined when it can. */
export type CallUnavailable = 'notConnected' | 'restoring' | 'pending' | 'noCall' | 'state';

/** What an edit of one cell became: sent, or waiting in main's outbox for the link. */
export type EditOutcome = 'sent' | 'queued';

/** The agent's calls as main publishes them, which one is selected, and the call commands. */
export const useCallsStore = defineStore('calls', () => {
  const core = useConnectionStore();
  const calls = computed<readonly AgentCall[]>(() => core.current?.calls ?? []);
  const chosenKey = ref<string | undefined>();
  /** The agent's choice while that call lasts; else a ringing call (to answer), else the newest. */
  const selected = computed<AgentCall | undefined>(
    () =>
      calls.value.find((agentCall) => agentCall.call.key === chosenKey.value) ??
      calls.value.find((agentCall) => agentCall.localState === 'alerting') ??
      calls.value.at(-1),
  );
  const pending = ref<string | undefined>();
  const failure = ref<{ action: string; message: string } | undefined>();
  /** Items in main's durable outbox: edits made while the link was down, not yet delivered. */
  const outboxPending = computed(() => core.current?.outbox.pending ?? 0);
  const restoring = computed(() => {
    const agent = core.current?.agent;
    return agent?.mode === 'agent' && agent.phase !== 'active';
  });
  const transferTargets = computed<TransferTargets | undefined>(() => core.current?.transferTargets);
  /** Cells whose edit main queued (`callKey|column`), shown as queued until the outbox is empty. */
  const queuedCells = ref<ReadonlySet<string>>(new Set());
  // Delivered: a later outage's queue starts empty.
  watch(outboxPending, (count) => {
    if (count === 0) queuedCells.value = new Set();
  });

  function select(key: string): void {
    chosenKey.value = key;
  }

  function buttonsOf(agentCall: AgentCall | undefined): readonly AgentButton[] {
    return agentCall?.enablement.buttons ?? core.current?.enablement.buttons ?? [];
  }

  /** Whether `button` is enabled, from main's enablement alone; if not, why. */
  function unavailable(button: CallButton, on: AgentCall | undefined = selected.value): CallUnavailable | undefined {
    if (!core.current) return 'notConnected';
    if (restoring.value) return 'restoring';
    if (pending.value) return 'pending';
    const enabledBy: readonly AgentButton[] = button === 'keypad' ? (on ? ['release'] : ENABLED_BY.makeCall) : ENABLED_BY[button];
    if (enabledBy.some((name) => buttonsOf(on).includes(name))) return undefined;
    const needsCall = button !== 'makeCall' && button !== 'keypad' && button !== 'supervisorAssist' && button !== 'emergencyCall';
    return needsCall && !on ? 'noCall' : 'state';
  }

  function enabled(button: CallButton): boolean {
    return unavailable(button) === undefined;
  }

  /** Whether one enablement button is set on `call` (the dialogs' steps: Consult, Complete, …). */
  function allows(call: AgentCall | undefined, button: AgentButton): boolean {
    return !pending.value && !restoring.value && buttonsOf(call).includes(button);
  }

  /** Runs one command, one at a time; a failure is kept in words for the agent. */
  async function run<T>(action: string, command: (api: NonNullable<typeof core.commands>) => Promise<T>): Promise<T | undefined> {
    const api = core.commands;
    if (!api || pending.value) return undefined;
    pending.value = action;
    failure.value = undefined;
    try {
      return await command(api);
    } catch (error) {
      failure.value = { action, message: error instanceof Error ? error.message : String(error) };
      return undefined;
    } finally {
      pending.value = undefined;
    }
  }

  async function send(action: CallAction): Promise<void> {
    const callId = selected.value?.call.key;
    if (!callId) return;
    await run(action, (api) => api[action]({ callId }));
  }

  /**
   * Keeps the transfer targets' states live while a dialog is open. Not one of the
   * one-at-a-time commands: the dialog's own steps must not wait for it. A failure
   * leaves the list as it was; the dialog still takes a typed number.
   */
  function watchTransferTargets(watching: boolean): void {
    const api = core.commands;
    if (!api) return;
    void (watching ? api.watchTransferTargets({}) : api.unwatchTransferTargets({})).catch(() => undefined);
  }

  /**
   * Tones into a call (sendDtmf). Not one of the one-at-a-time commands: tones keyed
   * while one request is out go in the next, and must not wait for (or block) the others.
   * Resolves with what went wrong (main's words, or a message key when main cannot be
   * reached), or undefined when CTI Server took them.
   */
  async function sendTones(callId: string, digits: string): Promise<{ message: string } | { key: string } | undefined> {
    const api = core.commands;
    if (!api) return { key: 'call.disabled.notConnected' };
    try {
      await api.sendDtmf({ callId, digits });
      return undefined;
    } catch (error) {
      return { message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Supervisor Assist and Emergency: about the selected call when there is one. */
  async function alertSupervisor(action: 'supervisorAssist' | 'emergencyCall'): Promise<void> {
    const callId = selected.value?.call.key;
    await run(action, (api) => api[action](callId ? { callId } : {}));
  }

  /** Sends an edit of call data; the cell shows as queued while main holds it in the outbox. */
  async function editCallData(callId: string, cell: string, changes: CallDataEdit): Promise<EditOutcome | undefined> {
    const result = await run('edit', (api) => api.setCallData({ callId, ...changes }));
    if (!result) return undefined;
    if (result.queued) queuedCells.value = new Set([...queuedCells.value, `${callId}|${cell}`]);
    return result.queued ? 'queued' : 'sent';
  }

  /** Queued while main's outbox still holds edits: once it is empty they were delivered. */
  function isQueued(callId: string, cell: string): boolean {
    if (outboxPending.value === 0) return false;
    return queuedCells.value.has(`${callId}|${cell}`);
  }

  return { calls, selected, pending, failure, outboxPending, transferTargets, select, unavailable, enabled, allows, run, send, watchTransferTargets, sendTones, alertSupervisor, editCallData, isQueued };
});
