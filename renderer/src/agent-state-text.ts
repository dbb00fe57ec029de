import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useAgentStore } from './stores/agent.js';
import { useSettingsStore } from './stores/settings.js';

/** The agent's state in words, `Not Ready — Lunch` with the reason text from the settings; '' without an agent. */
export function useAgentStateText(): ComputedRef<string> {
  const { t } = useI18n();
  const agent = useAgentStore();
  const settings = useSettingsStore();
  return computed(() => {
    const current = agent.active;
    if (!current) return '';
    const state = t(`agent.state.${current.state}`);
    if (current.state !== 'not-ready' || current.reasonCode === 0) return state;
    const reason = settings.notReadyText(current.reasonCode) ?? t('agent.reasonCode', { code: current.reasonCode });
    return t('agent.withReason', { state, reason });
  });
}
