import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useStateInWords } from './agent-state-text.js';
import { useAgentStore } from './stores/agent.js';
import { useConnectionStore } from './stores/connection.js';

/**
 * The pending state main publishes (a state asked for during a call), in words, and its
 * withdrawal. How a withdrawal is done at the protocol level is main's business
 * (`cancelPendingState`); a pending Ready has nothing to withdraw (Not Ready replaces it).
 */
export function usePendingState() {
  const { t } = useI18n();
  const agent = useAgentStore();
  const core = useConnectionStore();
  const inWords = useStateInWords();
  const busy = ref(false);
  const failure = ref<string | undefined>();

  const pending = computed(() => agent.active?.pending);
  const text = computed(() => (pending.value ? inWords(pending.value.state, pending.value.reasonCode) : ''));
  const cancelState = computed(() => (pending.value && pending.value.state !== 'available' ? t(`agent.state.${pending.value.state}`) : undefined));

  async function cancel(): Promise<void> {
    const api = core.commands;
    if (!api || busy.value) return;
    busy.value = true;
    failure.value = undefined;
    try {
      await api.cancelPendingState({});
    } catch (error) {
      failure.value = error instanceof Error && error.message ? error.message : String(error);
    } finally {
      busy.value = false;
    }
  }

  return { pending, text, cancelState, busy, failure, cancel };
}
