import { computed, onBeforeUnmount, ref, watch, watchEffect, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AgentCall } from '../../contract/index.js';
import { webAudioRingTone, type RingTone } from './ring-tone.js';
import { useCallsStore } from './stores/calls.js';
import { useIncomingStore } from './stores/incoming.js';
import { useSettingsStore } from './stores/settings.js';

/** How often the title alternates while a call rings in a window the agent is not looking at. */
const FLASH_INTERVAL_MS = 1000;

/**
 * Incoming calls are never missed (issue 11 item 7): while a call rings this phone, the
 * ring tone plays (unless muted); when the window is not in front, a system
 * notification says who calls, the window asks to come to the front
 * (`screen.bringToFrontOnCall`) and its title flashes (`screen.flashOnCall`). Returns
 * the title to show instead of the usual one while it flashes.
 */
export function useIncomingCallAlerts(ringTone: RingTone = webAudioRingTone()): { flashTitle: Readonly<Ref<string | undefined>> } {
  const { t } = useI18n();
  const calls = useCallsStore();
  const incoming = useIncomingStore();
  const settings = useSettingsStore();

  const ringing = computed(() => calls.calls.filter((agentCall) => agentCall.localState === 'alerting'));
  /** The window is behind others or minimised: hidden, or without focus (a covered window stays "visible"). */
  const away = ref(isAway());
  const refreshAway = () => {
    away.value = isAway();
  };
  window.addEventListener('focus', refreshAway);
  window.addEventListener('blur', refreshAway);
  document.addEventListener('visibilitychange', refreshAway);

  const callerOf = (agentCall: AgentCall) => agentCall.call.ani || agentCall.call.callingDeviceId || t('incoming.unknownCaller');
  const shown = new Map<string, Notification>();

  function announce(agentCall: AgentCall): void {
    if (!isAway()) return;
    const { screen } = settings.effective;
    if (incoming.permission === 'granted') {
      const notification = new Notification(t('incoming.notification.title'), {
        body: t('incoming.notification.body', { caller: callerOf(agentCall) }),
        tag: agentCall.call.key,
        requireInteraction: true,
      });
      notification.addEventListener('click', () => {
        window.focus();
        notification.close();
      });
      shown.set(agentCall.call.key, notification);
    }
    // The browser may refuse; the Electron shell does it for real (later).
    if (screen.bringToFrontOnCall) window.focus();
  }

  watch(
    () => ringing.value.map((agentCall) => agentCall.call.key),
    (keys, before: readonly string[] = []) => {
      for (const key of keys) {
        if (before.includes(key)) continue;
        const agentCall = ringing.value.find((candidate) => candidate.call.key === key);
        if (agentCall) announce(agentCall);
      }
      for (const [key, notification] of shown) {
        if (keys.includes(key)) continue;
        // Answered, or the caller gave up: the notification would only mislead now.
        notification.close();
        shown.delete(key);
      }
    },
    { immediate: true },
  );

  watchEffect(() => {
    if (ringing.value.length > 0 && !incoming.muted) ringTone.start();
    else ringTone.stop();
  });

  const flashPhase = ref(false);
  let flashTimer: ReturnType<typeof setInterval> | undefined;
  const flashing = computed(() => ringing.value.length > 0 && away.value && settings.effective.screen.flashOnCall);
  watch(
    flashing,
    (on) => {
      clearInterval(flashTimer);
      flashPhase.value = on;
      if (on) flashTimer = setInterval(() => (flashPhase.value = !flashPhase.value), FLASH_INTERVAL_MS);
    },
    { immediate: true },
  );
  const flashTitle = computed(() => {
    const first = ringing.value[0];
    return flashing.value && flashPhase.value && first ? t('incoming.title', { caller: callerOf(first) }) : undefined;
  });

  onBeforeUnmount(() => {
    ringTone.stop();
    clearInterval(flashTimer);
    for (const notification of shown.values()) notification.close();
    window.removeEventListener('focus', refreshAway);
    window.removeEventListener('blur', refreshAway);
    document.removeEventListener('visibilitychange', refreshAway);
  });

  return { flashTitle };
}

function isAway(): boolean {
  return document.visibilityState === 'hidden' || !document.hasFocus();
}
