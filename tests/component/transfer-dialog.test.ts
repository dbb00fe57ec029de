import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_TRANSFER_TARGETS, type TransferTargets } from '../../contract/index.js';
import TransferDialog from '../../renderer/src/components/TransferDialog.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import { agentCall, agentState, fakeDesktop } from './fake-desktop.js';

const TARGETS: TransferTargets = {
  ...EMPTY_TRANSFER_TARGETS,
  watching: true,
  source: 'directory',
  targets: [
    { agentId: '1003', name: 'Casey Diaz', state: 'logout' },
    { agentId: '1004', name: 'Dana Okafor', instrument: '3004', state: 'talking' },
    { agentId: '1002', name: 'Blake Chen', instrument: '3002', state: 'available' },
  ],
};

const talking = agentCall(7, ['hold', 'release', 'consultTransfer', 'consultConference', 'singleStepTransfer']);

function mountDialog(kind: 'transfer' | 'conference', desktop: ReturnType<typeof fakeDesktop>) {
  return mount(TransferDialog, { props: { kind, callId: '5000.7' }, global: { plugins: [createDesktopI18n('en'), desktop.pinia] }, attachTo: document.body });
}

const button = (wrapper: ReturnType<typeof mountDialog>, name: string) => {
  const found = wrapper.findAll('button').find((candidate) => candidate.text() === name);
  if (!found) throw new Error(`no button ${name}; buttons: ${wrapper.findAll('button').map((b) => b.text()).join(', ')}`);
  return found;
};
const numberField = (wrapper: ReturnType<typeof mountDialog>) => wrapper.get(`#${wrapper.findAll('label').find((label) => label.text() === 'Number')!.attributes('for')}`);

let mounted: ReturnType<typeof mountDialog> | undefined;
afterEach(() => mounted?.unmount());

describe('TransferDialog', () => {
  it('is named after its action, keeps the targets live while open, and lists who is free first', async () => {
    const desktop = fakeDesktop(agentState([talking], { transferTargets: TARGETS }));
    mounted = mountDialog('transfer', desktop);
    const title = document.getElementById(mounted.get('dialog').attributes('aria-labelledby')!);
    expect(title?.textContent?.trim()).toBe('Transfer');
    expect(desktop.sent('watchTransferTargets')).toEqual([{}]);

    const rows = mounted.findAll('li').map((row) => row.text());
    expect(rows).toEqual(['Blake Chen (1002)Ready3002', 'Dana Okafor (1004)Talking3004', 'Casey Diaz (1003)Logged out']);
    // A colleague logged out has no phone to dial: shown, not offered.
    expect(mounted.findAll('li')[2]!.find('button').exists()).toBe(false);

    mounted.unmount();
    mounted = undefined;
    expect(desktop.sent('unwatchTransferTargets')).toEqual([{}]);
  });

  it('takes a colleague as the number, consults, then completes on the consult call when main enables it', async () => {
    const desktop = fakeDesktop(agentState([talking], { transferTargets: TARGETS }), { consult: { callId: '5000.8' } });
    mounted = mountDialog('transfer', desktop);
    // No number yet: Consult says why it cannot be used.
    expect(button(mounted, 'Consult').attributes('disabled')).toBeDefined();
    expect(button(mounted, 'Consult').attributes('title')).toBe('Enter a number first.');

    await mounted.findAll('li')[0]!.get('button').trigger('click');
    expect((numberField(mounted).element as HTMLInputElement).value).toBe('3002');
    await button(mounted, 'Consult').trigger('click');
    await flushPromises();
    expect(desktop.sent('consult')).toEqual([{ callId: '5000.7', dialedNumber: '3002', kind: 'transfer' }]);

    // The consult call rings out: only Reconnect until it is answered.
    desktop.patch(
      { op: 'upsert', collection: 'calls', item: { ...talking, localState: 'hold', enablement: { mask: 0, buttons: [] } } },
      { op: 'upsert', collection: 'calls', item: agentCall(8, ['reconnectCall', 'release'], { ani: '3001' }) },
    );
    await flushPromises();
    expect(button(mounted, 'Complete').attributes('disabled')).toBeDefined();
    expect(button(mounted, 'Reconnect').attributes('disabled')).toBeUndefined();

    desktop.patch({ op: 'upsert', collection: 'calls', item: agentCall(8, ['alternate', 'reconnectCall', 'completeTransfer', 'completeConference'], { ani: '3001' }) });
    await flushPromises();
    await button(mounted, 'Complete').trigger('click');
    await flushPromises();
    expect(desktop.sent('completeTransfer')).toEqual([{ callId: '5000.8' }]);
    expect(mounted.emitted('close')).toHaveLength(1);
  });

  it('Single Step is enabled exactly by main: a transfer may, a conference here may not', async () => {
    const desktop = fakeDesktop(agentState([talking], { transferTargets: TARGETS }));
    mounted = mountDialog('conference', desktop);
    await numberField(mounted).setValue('3002');
    expect(button(mounted, 'Single Step').attributes('disabled')).toBeDefined();
    expect(button(mounted, 'Single Step').attributes('title')).toBe('Not available for this call now.');
    mounted.unmount();

    mounted = mountDialog('transfer', desktop);
    await numberField(mounted).setValue('3002');
    await button(mounted, 'Single Step').trigger('click');
    await flushPromises();
    expect(desktop.sent('singleStepTransfer')).toEqual([{ callId: '5000.7', dialedNumber: '3002' }]);
    expect(mounted.emitted('close')).toHaveLength(1);
  });

  it('says what went wrong and stays open when CTI Server refuses', async () => {
    const desktop = fakeDesktop(agentState([talking], { transferTargets: TARGETS }), { consult: new Error('consult transfer: CTI Server refused (invalid destination)') });
    mounted = mountDialog('transfer', desktop);
    await numberField(mounted).setValue('9999');
    await button(mounted, 'Consult').trigger('click');
    await flushPromises();
    expect(mounted.get('[role="alert"]').text()).toBe('consult transfer: CTI Server refused (invalid destination)');
    expect(mounted.emitted('close')).toBeUndefined();
  });
});
