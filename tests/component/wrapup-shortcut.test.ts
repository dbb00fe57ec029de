import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import WrapupPrompt from '../../renderer/src/components/WrapupPrompt.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import { useKeyboardShortcuts } from '../../renderer/src/keyboard-shortcuts.js';
import { agentState, fakeDesktop } from './fake-desktop.js';

/** The wrap-up prompt under a root that listens for the shortcuts, as in App.vue. */
const Root = defineComponent({
  setup() {
    useKeyboardShortcuts();
    return () => h(WrapupPrompt);
  },
});

/** An agent in wrap-up after an incoming call whose optional wrap-up is due. */
function wrapupDue(entered: boolean) {
  const state = agentState([]);
  if (state.agent.mode !== 'agent') throw new Error('agentState gives an agent');
  return fakeDesktop({ ...state, agent: { ...state.agent, state: 'work-not-ready', wrapup: { callId: '5000.7', direction: 'incoming', required: false, entered } } });
}

const dialogOpen = () => document.querySelector('dialog[open]') !== null;
/** The default wrap-up shortcut, Alt+W. */
function pressAltW(): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'w', code: 'KeyW', altKey: true, bubbles: true, cancelable: true });
  document.body.dispatchEvent(event);
  return event;
}

let mounted: ReturnType<typeof mount> | undefined;
afterEach(() => mounted?.unmount());

describe('the wrap-up shortcut', () => {
  it('brings back a wrap-up dialog the agent skipped, while the wrap-up is still due', async () => {
    const desktop = wrapupDue(false);
    mounted = mount(Root, { global: { plugins: [createDesktopI18n('en'), desktop.pinia] }, attachTo: document.body });
    await mounted.vm.$nextTick();
    expect(dialogOpen()).toBe(true);
    const skip = [...document.querySelectorAll<HTMLButtonElement>('dialog button')].find((button) => button.textContent?.trim() === 'Skip');
    expect(skip).toBeDefined();
    skip!.click();
    await mounted.vm.$nextTick();
    expect(dialogOpen()).toBe(false);

    expect(pressAltW().defaultPrevented).toBe(true);
    await mounted.vm.$nextTick();
    expect(dialogOpen()).toBe(true);
  });

  it('opens an entered wrap-up again to change it, and leaves the key alone when none is due', async () => {
    const entered = wrapupDue(true);
    mounted = mount(Root, { global: { plugins: [createDesktopI18n('en'), entered.pinia] }, attachTo: document.body });
    await mounted.vm.$nextTick();
    expect(dialogOpen()).toBe(false);
    expect(pressAltW().defaultPrevented).toBe(true);
    await mounted.vm.$nextTick();
    expect(dialogOpen()).toBe(true);
    mounted.unmount();

    const none = fakeDesktop(agentState([]));
    mounted = mount(Root, { global: { plugins: [createDesktopI18n('en'), none.pinia] }, attachTo: document.body });
    expect(pressAltW().defaultPrevented).toBe(false);
    await mounted.vm.$nextTick();
    expect(dialogOpen()).toBe(false);
  });
});
