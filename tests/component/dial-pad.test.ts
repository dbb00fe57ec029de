import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import DialPadDialog from '../../renderer/src/components/DialPadDialog.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import { agentCall, agentState, fakeDesktop } from './fake-desktop.js';

function mountPad(mode: 'makeCall' | 'keypad', desktop: ReturnType<typeof fakeDesktop>) {
  return mount(DialPadDialog, { props: { mode, callId: mode === 'keypad' ? '5000.7' : undefined }, global: { plugins: [createDesktopI18n('en'), desktop.pinia] }, attachTo: document.body });
}
const key = (wrapper: ReturnType<typeof mountPad>, digit: string) => wrapper.get(`[role="group"] button[aria-label="${digit}"]`);
const title = (wrapper: ReturnType<typeof mountPad>) => document.getElementById(wrapper.get('dialog').attributes('aria-labelledby')!)?.textContent?.trim();

let mounted: ReturnType<typeof mountPad> | undefined;
afterEach(() => mounted?.unmount());

describe('DialPadDialog', () => {
  it('Make Call: the keys fill the number, Dial places the call and closes', async () => {
    const desktop = fakeDesktop({ ...agentState([]), enablement: { mask: 0, buttons: ['makeCall'] } }, { makeCall: { callId: '5000.9' } });
    mounted = mountPad('makeCall', desktop);
    expect(title(mounted)).toBe('Make Call');
    expect(mounted.findAll('[role="group"] button').map((button) => button.attributes('aria-label'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    for (const digit of '5550199') await key(mounted, digit).trigger('click');
    expect((mounted.get('input').element as HTMLInputElement).value).toBe('5550199');
    await mounted.get('form').trigger('submit');
    await flushPromises();
    expect(desktop.sent('makeCall')).toEqual([{ dialedNumber: '5550199' }]);
    expect(mounted.emitted('close')).toHaveLength(1);
  });

  it('Make Call without a number says so beside the field, and is disabled when main does not enable it', async () => {
    const desktop = fakeDesktop({ ...agentState([]), enablement: { mask: 0, buttons: ['makeCall'] } });
    mounted = mountPad('makeCall', desktop);
    await mounted.get('form').trigger('submit');
    expect(mounted.get('input').attributes('aria-invalid')).toBe('true');
    expect(mounted.text()).toContain('Enter the number to call.');
    expect(desktop.sent('makeCall')).toEqual([]);
    mounted.unmount();

    mounted = mountPad('makeCall', fakeDesktop(agentState([])));
    expect(mounted.get('button[type="submit"]').attributes('disabled')).toBeDefined();
  });

  it('Keypad: each key sends its tone into the call; in the order pressed', async () => {
    const desktop = fakeDesktop(agentState([agentCall(7, ['hold', 'release'])]));
    mounted = mountPad('keypad', desktop);
    expect(title(mounted)).toBe('Keypad');
    await key(mounted, '1').trigger('click');
    await key(mounted, '2').trigger('click');
    await key(mounted, '#').trigger('click');
    await flushPromises();
    // Every tone once, in order, on the call (how they are grouped depends on when CTI Server answers).
    const sent = desktop.sent('sendDtmf') as { callId: string; digits: string }[];
    expect(sent.every((args) => args.callId === '5000.7')).toBe(true);
    expect(sent.map((args) => args.digits).join('')).toBe('12#');
    expect(mounted.get('[role="status"]').text()).toBe('12#');
  });

  it('Keypad keys are off when main gives the call no Release (not a call the phone is on)', () => {
    mounted = mountPad('keypad', fakeDesktop(agentState([agentCall(7, ['answer'], { localState: 'alerting' })])));
    expect(key(mounted, '5').attributes('disabled')).toBeDefined();
    expect(mounted.text()).toContain('Not available for this call now.');
  });
});
