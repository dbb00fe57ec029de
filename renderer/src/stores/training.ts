import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { CALL_VARIABLE_NAMES, type CallVariables } from '../../../contract/index.js';
import type { Phrase } from '../connection-text.js';
import { useConnectionStore } from './connection.js';
import { useSettingsStore } from './settings.js';

/** The call variables field as the trainee types it: one `number=value` a line, numbers 1 to 10. */
export type ParsedVariables = { ok: true; variables: CallVariables } | { ok: false; problem: Phrase };

const MAX_VARIABLE = 40;

export function parseCallVariables(text: string): ParsedVariables {
  const variables: CallVariables = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^(\d+)\s*=\s*(.*)$/.exec(line);
    const number = match ? Number(match[1]) : Number.NaN;
    if (!match || number < 1 || number > CALL_VARIABLE_NAMES.length) return { ok: false, problem: { key: 'training.error.variableLine', params: { line: index + 1 } } };
    const value = match[2]!;
    if (value.length > MAX_VARIABLE) return { ok: false, problem: { key: 'training.error.variableLong', params: { line: index + 1, max: MAX_VARIABLE } } };
    variables[CALL_VARIABLE_NAMES[number - 1]!] = value;
  }
  return { ok: true, variables };
}

/** Training mode on the built-in simulator: place a test call to the signed-in agent. */
export const useTrainingStore = defineStore('training', () => {
  const core = useConnectionStore();
  const settings = useSettingsStore();
  /** Shown only when the desktop runs on the built-in simulator (main says so). */
  const available = computed(() => settings.embeddedSimulator !== null);
  const pending = ref(false);
  /** The outcome of the last attempt: placed (from whom) or refused (main's words). */
  const outcome = ref<{ placed: string } | { failed: string } | undefined>();

  async function placeTestCall(ani: string, variables: CallVariables): Promise<void> {
    const api = core.commands;
    if (!api || pending.value) return;
    pending.value = true;
    outcome.value = undefined;
    try {
      await api.placeTestCall({ ani, callVariables: variables });
      outcome.value = { placed: ani };
    } catch (error) {
      outcome.value = { failed: error instanceof Error ? error.message : String(error) };
    } finally {
      pending.value = false;
    }
  }

  return { available, pending, outcome, placeTestCall };
});
