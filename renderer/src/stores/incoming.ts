import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnectionStore } from './connection.js';
import { useSettingsStore } from './settings.js';

/** The preference the ringer toggle writes (CTI OS SoundPreferences, ctios.md §5.2). */
export const RING_IN_MUTE = '/sounds/ringIn/mute';
const ALL_MUTE = '/sounds/all/mute';

/** Where the system notification permission stands; `unsupported` where there is no Notification API. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

function currentPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * How incoming calls reach the agent: the ringer (muted or not, from the effective
 * settings, changed with setPreference so it lasts) and the system notification
 * permission (asked for only when the agent presses the button: a gesture, not on load).
 */
export const useIncomingStore = defineStore('incoming', () => {
  const core = useConnectionStore();
  const settings = useSettingsStore();
  const sounds = computed(() => settings.effective.sounds);
  const muted = computed(() => sounds.value.all.mute || sounds.value.ringIn.mute);
  const locked = computed(() => new Set(core.current?.settings.locked ?? []));
  /** Why the ringer cannot be switched here (a key under `incoming.ringerFixed`); undefined when it can. */
  const ringerFixed = computed<'locked' | 'allMuted' | undefined>(() => {
    if (locked.value.has(RING_IN_MUTE) || (sounds.value.all.mute && locked.value.has(ALL_MUTE))) return 'locked';
    if (sounds.value.all.mute) return 'allMuted';
    return undefined;
  });
  const pending = ref(false);
  const failure = ref<string | undefined>();
  const permission = ref<NotificationPermissionState>(currentPermission());

  async function setMuted(mute: boolean): Promise<void> {
    const api = core.commands;
    if (!api || pending.value) return;
    pending.value = true;
    failure.value = undefined;
    try {
      await api.setPreference({ pointer: RING_IN_MUTE, value: mute });
    } catch (error) {
      failure.value = error instanceof Error ? error.message : String(error);
    } finally {
      pending.value = false;
    }
  }

  /** Asks for the notification permission; call it from a click (browsers ignore or punish an unprompted ask). */
  async function allowNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    permission.value = await Notification.requestPermission();
  }

  return { muted, ringerFixed, pending, failure, permission, setMuted, allowNotifications };
});
