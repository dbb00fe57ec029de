import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import CallControls from '../../renderer/src/components/CallControls.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import { useKeyboardShortcuts } from '../../renderer/src/keyboard-shortcuts.js';
import { agentCall, agentState, fakeDesktop } from './fake-desktop.js';

/** The call buttons under a root that listens for the shortcuts, as in App.vue. */
const Root = defineComponent({
  setup() {
    useKeyboardShortcuts();
    return () => h(CallControls);
  },
});

function mountControls(desktop: ReturnType<typeof fakeDesktop>) {
  return mount(Root, { global: { plugins: [createDesktopI18n('en'), desktop.pinia] }, attachTo: document.body });
}

/** The default shortcuts: Alt+M Make Call, Alt+T Transfer, Alt+C Conference. */
function press(key: 'm' | 't' | 'c'): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, code: `Key${key.toUpperCase()}`, altKey: true, bubbles: true, cancelable: true });
  document.body.dispatchEvent(event);
  return event;
}
const openDialogTitle = () => {
  const dialog = document.querySelector('dialog[open]');
  return dialog && document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent?.trim();
};

let mounted: ReturnType<typeof mountControls> | undefined;
afterEach(() => mounted?.unmount());

describe('the Make Call, Transfer and Conference shortcuts', () => {
  it('open the same dialogs as their buttons when main enables them', async () => {
    const talking = agentCall(7, ['hold', 'release', 'consultTransfer', 'consultConference']);
    for (const [key, title] of [['t', 'Transfer'], ['c', 'Conference']] as const) {
      mounted = mountControls(fakeDesktop(agentState([talking])));
      expect(press(key).defaultPrevented).toBe(true);
      await mounted.vm.$nextTick();
      expect(openDialogTitle()).toBe(title);
      mounted.unmount();
      mounted = undefined;
    }

    mounted = mountControls(fakeDesktop({ ...agentState([]), enablement: { mask: 0, buttons: ['makeCall'] } }));
    expect(press('m').defaultPrevented).toBe(true);
    await mounted.vm.$nextTick();
    expect(openDialogTitle()).toBe('Make Call');
  });

  it('do nothing, and leave the key to the page, while their buttons are disabled', async () => {
    mounted = mountControls(fakeDesktop(agentState([agentCall(7, ['hold', 'release'])])));
    for (const key of ['m', 't', 'c'] as const) expect(press(key).defaultPrevented).toBe(false);
    await mounted.vm.$nextTick();
    expect(document.querySelector('dialog[open]')).toBeNull();
  });
});
