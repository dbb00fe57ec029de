import { defineStore } from 'pinia';
import { computed } from 'vue';
import { DEFAULT_DESKTOP_SETTINGS, type ConnectionProfile, type ReasonCode } from '../../../contract/index.js';
import { useConnectionStore } from './connection.js';

/** The effective desktop settings main publishes (the built-in defaults until it has), and the simulator hint. */
export const useSettingsStore = defineStore('settings', () => {
  const core = useConnectionStore();
  const effective = computed(() => core.current?.settings.effective ?? DEFAULT_DESKTOP_SETTINGS);
  const profiles = computed<readonly ConnectionProfile[]>(() => effective.value.connectionProfiles);
  const notReadyReasons = computed<readonly ReasonCode[]>(() => effective.value.agent.notReadyReasons);
  const logoutReasons = computed<readonly ReasonCode[]>(() => effective.value.agent.logoutReasons);
  const embeddedSimulator = computed(() => core.current?.embeddedSimulator ?? null);

  /** The Not Ready reason's text from the settings, when they list the code. */
  function notReadyText(code: number): string | undefined {
    return notReadyReasons.value.find((reason) => reason.code === code)?.text;
  }

  return { effective, profiles, notReadyReasons, logoutReasons, embeddedSimulator, notReadyText };
});
