import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AgentButton, AgentCall } from '../../../contract/index.js';
import { useConnectionStore } from './connection.js';

/** The call buttons this screen has so far, each named after the command it sends and the enablement button that enables it. */
export const CALL_ACTIONS = ['answer', 'hold', 'retrieve', 'release'] as const satisfies readonly AgentButton[];
export type CallAction = (typeof CALL_ACTIONS)[number];

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
  const pending = ref<CallAction | undefined>();
  const failure = ref<{ action: CallAction; message: string } | undefined>();

  function select(key: string): void {
    chosenKey.value = key;
  }

  /** Enabled exactly by the selected call's enablement from main. */
  function enabled(action: CallAction): boolean {
    return pending.value === undefined && (selected.value?.enablement.buttons.includes(action) ?? false);
  }

  async function send(action: CallAction): Promise<void> {
    const api = core.commands;
    const callId = selected.value?.call.key;
    if (!api || !callId || pending.value) return;
    pending.value = action;
    failure.value = undefined;
    try {
      await api[action]({ callId });
    } catch (error) {
      failure.value = { action, message: error instanceof Error ? error.message : String(error) };
    } finally {
      pending.value = undefined;
    }
  }

  return { calls, selected, pending, failure, select, enabled, send };
});
