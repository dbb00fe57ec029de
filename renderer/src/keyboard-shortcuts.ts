import { onBeforeUnmount, onMounted } from 'vue';
import type { ShortcutAction } from '../../contract/index.js';
import { shortcutOf } from './shortcut-keys.js';
import { useAgentStore } from './stores/agent.js';
import { useCallsStore } from './stores/calls.js';
import { useSettingsStore } from './stores/settings.js';

/**
 * The agent's keyboard shortcuts from the settings (`shortcuts`), on the whole window.
 * Each does what its button does, and only when that button is enabled. Not Ready,
 * Make Call, Transfer, Conference and Wrap-up open dialogs this desktop has not yet.
 */
export function useKeyboardShortcuts(): void {
  const settings = useSettingsStore();
  const agent = useAgentStore();
  const calls = useCallsStore();

  /** Runs `command` when `enabled`; says whether it did. */
  const when = (enabled: boolean, command: () => Promise<void>): boolean => {
    if (enabled) void command();
    return enabled;
  };
  const actions: Partial<Record<ShortcutAction, () => boolean>> = {
    ready: () => when(agent.availability.ready.enabled, () => agent.send('ready')),
    answer: () => when(calls.enabled('answer'), () => calls.send('answer')),
    release: () => when(calls.enabled('release'), () => calls.send('release')),
    holdRetrieve: () => when(calls.enabled('hold'), () => calls.send('hold')) || when(calls.enabled('retrieve'), () => calls.send('retrieve')),
  };

  function onKeyDown(event: KeyboardEvent): void {
    if (!agent.signedIn || event.repeat) return;
    const pressed = shortcutOf(event);
    if (!pressed) return;
    const bound = Object.entries(settings.effective.shortcuts).find(([, key]) => key === pressed)?.[0] as ShortcutAction | undefined;
    const act = bound && actions[bound];
    // Only a shortcut that did something keeps the key from the page.
    if (act?.()) event.preventDefault();
  }

  onMounted(() => window.addEventListener('keydown', onKeyDown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown));
}
