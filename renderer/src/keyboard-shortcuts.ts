import { inject, onBeforeUnmount, onMounted, provide, ref, type InjectionKey, type Ref } from 'vue';
import type { ShortcutAction } from '../../contract/index.js';
import { SHORTCUT_ACTIONS } from './shortcut-conflicts.js';
import { shortcutOf } from './shortcut-keys.js';
import { useAgentStore } from './stores/agent.js';
import { useCallsStore } from './stores/calls.js';
import { useSettingsStore } from './stores/settings.js';

/** Does what the shortcut's button does, if that button is enabled now; says whether it did. */
export type ShortcutHandler = () => boolean;

interface ShortcutRegistry {
  /** Handlers components registered for their actions (they win over the defaults below). */
  readonly handlers: Map<ShortcutAction, ShortcutHandler>;
  /** The `Keyboard shortcuts` list is open. */
  readonly listOpen: Ref<boolean>;
}

const REGISTRY: InjectionKey<ShortcutRegistry> = Symbol('keyboard shortcuts');

/** The fixed keys that open the `Keyboard shortcuts` list (F1 anywhere; `?` outside text fields). */
export const LIST_KEYS = ['F1', '?'] as const;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The agent's keyboard shortcuts from the settings (`shortcuts`), on the whole window.
 * Each does what its button does, and only when that button is enabled. A component
 * that owns an action's button (and its dialog, such as Not Ready's reason list)
 * registers it with `useShortcutHandler`; the rest act through the stores here.
 * Call once, in the root component.
 */
export function useKeyboardShortcuts(): Ref<boolean> {
  const settings = useSettingsStore();
  const agent = useAgentStore();
  const calls = useCallsStore();
  const registry: ShortcutRegistry = { handlers: new Map(), listOpen: ref(false) };
  provide(REGISTRY, registry);

  /** Runs `command` when `enabled`; says whether it did. */
  const when = (enabled: boolean, command: () => Promise<void>): boolean => {
    if (enabled) void command();
    return enabled;
  };
  const defaults: Partial<Record<ShortcutAction, ShortcutHandler>> = {
    ready: () => when(agent.availability.ready.enabled, () => agent.send('ready')),
    answer: () => when(calls.enabled('answer'), () => calls.send('answer')),
    release: () => when(calls.enabled('release'), () => calls.send('release')),
    holdRetrieve: () => when(calls.enabled('hold'), () => calls.send('hold')) || when(calls.enabled('retrieve'), () => calls.send('retrieve')),
  };

  function onKeyDown(event: KeyboardEvent): void {
    if (event.repeat || event.defaultPrevented) return;
    // A modal dialog (the list itself, a reason list) has the keyboard to itself.
    if (registry.listOpen.value || document.querySelector('dialog[open]')) return;
    if (event.code === 'F1' || (event.key === '?' && !event.ctrlKey && !event.altKey && !event.metaKey && !isTyping(event.target))) {
      event.preventDefault();
      registry.listOpen.value = true;
      return;
    }
    if (!agent.signedIn) return;
    const pressed = shortcutOf(event);
    if (!pressed) return;
    // The list's order decides when a central document put two actions on one key (the list marks it).
    const bound = SHORTCUT_ACTIONS.find((action) => settings.effective.shortcuts[action] === pressed);
    const act = bound && (registry.handlers.get(bound) ?? defaults[bound]);
    // Only a shortcut that did something keeps the key from the page.
    if (act?.()) event.preventDefault();
  }

  onMounted(() => window.addEventListener('keydown', onKeyDown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown));
  return registry.listOpen;
}

/** Lets the component that owns `action`'s button answer its shortcut while it is mounted. */
export function useShortcutHandler(action: ShortcutAction, handler: ShortcutHandler): void {
  const registry = inject(REGISTRY, undefined);
  if (!registry) return;
  onMounted(() => registry.handlers.set(action, handler));
  onBeforeUnmount(() => {
    if (registry.handlers.get(action) === handler) registry.handlers.delete(action);
  });
}

/** Whether the `Keyboard shortcuts` list is open (the header's button opens it too). */
export function useShortcutsList(): Ref<boolean> {
  return inject(REGISTRY, undefined)?.listOpen ?? ref(false);
}
