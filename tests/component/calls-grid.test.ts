import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DesktopSettingsSchema } from '../../contract/index.js';
import CallsGrid from '../../renderer/src/components/CallsGrid.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import { useCallsStore } from '../../renderer/src/stores/calls.js';
import { agentCall, agentState, fakeDesktop } from './fake-desktop.js';

const SETTINGS = DesktopSettingsSchema.parse({
  schemaVersion: 1,
  grid: {
    callAppearance: [
      { field: 'ANI', header: 'ANI' },
      { field: 'CallStatus', header: 'Status' },
      { field: 'Var1', header: 'Account', editable: true, maxChars: 40 },
      { field: 'ECC', name: 'CustomerID', header: 'Customer ID', editable: true, numericOnly: true },
      { field: 'ECC', name: 'AccountTier', header: 'Tier' },
    ],
  },
});

function mountGrid(answers: Record<string, unknown> = {}) {
  const calls = [agentCall(7, ['hold', 'release'], { variables: { CallVariable1: 'account 42' }, ecc: { 'user.CustomerID': '700123', 'user.AccountTier': 'Gold' } }), agentCall(8, ['answer'], { ani: '5559876', localState: 'alerting' })];
  const state = agentState(calls);
  const desktop = fakeDesktop({ ...state, settings: { ...state.settings, effective: SETTINGS } }, answers);
  const wrapper = mount(CallsGrid, { global: { plugins: [createDesktopI18n('en'), desktop.pinia] }, attachTo: document.body });
  return { wrapper, desktop };
}

let mounted: ReturnType<typeof mountGrid>['wrapper'] | undefined;
afterEach(() => mounted?.unmount());

describe('CallsGrid', () => {
  it('lays out the columns from the settings, ECC included, with editable cells as named text fields', () => {
    const { wrapper } = mountGrid();
    mounted = wrapper;
    expect(wrapper.get('[role="grid"]').attributes('aria-label')).toBe('Calls');
    expect(wrapper.findAll('th').map((th) => th.text())).toEqual(['ANI', 'Status', 'Account', 'Customer ID', 'Tier']);
    const first = wrapper.findAll('tbody tr')[0]!;
    expect(first.findAll('td').map((td) => td.text())).toEqual(['5551234', 'Talking', '', '', 'Gold']);
    expect(first.findAll('input').map((input) => [input.attributes('aria-label'), (input.element as HTMLInputElement).value])).toEqual([
      ['Account', 'account 42'],
      ['Customer ID', '700123'],
    ]);
  });

  it('selects the ringing call, and the arrow keys, Home and End move the selection', async () => {
    const { wrapper } = mountGrid();
    mounted = wrapper;
    const rows = () => wrapper.findAll('tbody tr');
    expect(rows().map((row) => row.attributes('aria-selected'))).toEqual(['false', 'true']);
    await rows()[1]!.trigger('keydown', { key: 'ArrowUp' });
    expect(rows().map((row) => row.attributes('aria-selected'))).toEqual(['true', 'false']);
    // Only the selected row is a tab stop, its fields with it.
    expect(rows().map((row) => row.attributes('tabindex'))).toEqual(['0', '-1']);
    expect(rows()[1]!.findAll('input').map((input) => input.attributes('tabindex'))).toEqual(['-1', '-1']);
    await rows()[0]!.trigger('keydown', { key: 'End' });
    expect(useCallsStore().selected?.call.key).toBe('5000.8');
  });

  it('sends an edit with setCallData (ECC under its CTI Server name) and refuses letters in a digits-only column', async () => {
    const { wrapper, desktop } = mountGrid({ setCallData: { sent: true, queued: false } });
    mounted = wrapper;
    const [account, customer] = wrapper.findAll('tbody tr')[0]!.findAll('input');
    await account!.setValue('account 43');
    await customer!.setValue('70x');
    expect(customer!.attributes('aria-invalid')).toBe('true');
    await customer!.setValue('700124');
    await flushPromises();
    expect(desktop.sent('setCallData')).toEqual([
      { callId: '5000.7', variables: { CallVariable1: 'account 43' } },
      { callId: '5000.7', ecc: { 'user.CustomerID': '700124' } },
    ]);
    expect(customer!.attributes('aria-invalid')).toBeUndefined();
  });

  it('shows an edit main queued (link down) as queued until the outbox is empty', async () => {
    const { wrapper, desktop } = mountGrid({ setCallData: { sent: false, queued: true } });
    mounted = wrapper;
    const account = wrapper.findAll('tbody tr')[0]!.findAll('input')[0]!;
    desktop.patch({ op: 'set', part: 'outbox', value: { pending: 1 } });
    await account.setValue('noted offline');
    await flushPromises();
    expect(wrapper.text()).toContain('Queued — sent when the link is back');
    const description = document.getElementById(account.attributes('aria-describedby')!);
    expect(description?.textContent).toBe('Queued — sent when the link is back');
    expect((account.element as HTMLInputElement).value).toBe('noted offline');

    desktop.patch({ op: 'set', part: 'outbox', value: { pending: 0 } });
    await flushPromises();
    expect(wrapper.text()).not.toContain('Queued');
  });
});
