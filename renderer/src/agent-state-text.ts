import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AgentStateName } from '../../contract/index.js';
import { useAgentStore } from './stores/agent.js';
import { useSettingsStore } from './stores/settings.js';

/** A state in words, `Not Ready — Lunch` with the reason text from the settings (the reason only for Not Ready). */
export function useStateInWords(): (state: AgentStateName, reasonCode: number) => string {
  const { t } = useI18n();
  const settings = useSettingsStore();
  return (stateName, reasonCode) => {
    const state = t(`agent.state.${stateName}`);
    if (stateName !== 'not-ready' || reasonCode === 0) return state;
    const reason = settings.notReadyText(reasonCode) ?? t('agent.reasonCode', { code: reasonCode });
    return t('agent.withReason', { state, reason });
  };
}

/** The agent's state in words, `Not Ready — Lunch` with the reason text from the settings; '' without an agent. */
export function useAgentStateText(): ComputedRef<string> {
  const agent = useAgentStore();
  const inWords = useStateInWords();
  return computed(() => {
    const current = agent.active;
    return current ? inWords(current.state, current.reasonCode) : '';
  });
}
