import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useAgentStore } from './agent.js';
import { useConnectionStore } from './connection.js';
import { useSettingsStore } from './settings.js';

/**
 * The wrap-up dialog's state: main says which ended call is due and whether its data is
 * required (`AgentMode.wrapup`); the settings give the strings and whether the dialog
 * shows at all. What stays here is only the view's own: an optional wrap-up the agent
 * skipped, and a wrap-up kept in the outbox, which the dialog confirms before closing.
 */
export const useWrapupStore = defineStore('wrapup', () => {
  const core = useConnectionStore();
  const agent = useAgentStore();
  const settings = useSettingsStore();

  const due = computed(() => agent.active?.wrapup);
  /** The call whose optional wrap-up the agent skipped. */
  const skipped = ref<string | undefined>();
  /** The call whose wrap-up went to the outbox, until the agent closes the confirmation. */
  const kept = ref<string | undefined>();
  /** The call whose wrap-up the agent asked to see again after entering it. */
  const reopened = ref<string | undefined>();
  const busy = ref(false);
  const failure = ref<string | undefined>();

  const strings = computed<readonly string[]>(() => {
    const values = settings.effective.agent;
    return due.value?.direction === 'outgoing' ? values.wrapupOutgoing : values.wrapupIncoming;
  });
  /** Typing is allowed where the settings say, and always when there is nothing to choose from. */
  const freeText = computed(() => settings.effective.agent.wrapupFreeText || strings.value.length === 0);
  /** Commands cannot reach CTI Server now: what the agent applies waits in the outbox. */
  const offline = computed(() => core.current?.connection.state !== 'connected' || agent.active?.phase !== 'active');

  const open = computed(() => {
    const call = due.value;
    if (!call || !settings.effective.agent.wrapupDialog) return false;
    if (kept.value === call.callId || reopened.value === call.callId) return true;
    return !call.entered && skipped.value !== call.callId;
  });

  async function apply(text: string): Promise<void> {
    const call = due.value;
    const api = core.commands;
    if (!call || !api || busy.value) return;
    busy.value = true;
    failure.value = undefined;
    try {
      const result = await api.setCallData({ callId: call.callId, wrapup: text });
      if (result.queued) kept.value = call.callId;
      else if (reopened.value === call.callId) reopened.value = undefined;
    } catch (error) {
      failure.value = error instanceof Error && error.message ? error.message : String(error);
    } finally {
      busy.value = false;
    }
  }

  /** Skips an optional wrap-up; a required one cannot be skipped (the dialog says so instead). */
  function close(): void {
    const call = due.value;
    if (!call) return;
    if (reopened.value === call.callId) reopened.value = undefined;
    if (kept.value === call.callId) kept.value = undefined;
    else if (!call.required || call.entered) skipped.value = call.callId;
  }

  /**
   * Opens the dialog again for a wrap-up the agent skipped or already entered (the
   * wrap-up shortcut), while the call's wrap-up is still due; says whether it did.
   */
  function reopen(): boolean {
    const call = due.value;
    if (!call || !settings.effective.agent.wrapupDialog || open.value) return false;
    skipped.value = undefined;
    reopened.value = call.callId;
    return true;
  }

  return { due, strings, freeText, offline, open, busy, failure, kept, apply, close, reopen };
});
