import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ReasonDialog from '../../renderer/src/components/ReasonDialog.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';

const REASONS = [
  { code: 1, text: 'Lunch' },
  { code: 2, text: 'Break' },
];

function mountDialog(props: { kind: 'notReady' | 'logout'; required: boolean; reasons?: typeof REASONS }) {
  return mount(ReasonDialog, { props: { reasons: REASONS, ...props }, global: { plugins: [createDesktopI18n('en')] }, attachTo: document.body });
}

describe('ReasonDialog', () => {
  it('is a dialog named after its kind, with the reason texts as options', () => {
    const wrapper = mountDialog({ kind: 'notReady', required: false });
    const dialog = wrapper.get('dialog');
    const title = document.getElementById(dialog.attributes('aria-labelledby')!);
    expect(title?.textContent?.trim()).toBe('Not Ready reason');
    expect(wrapper.findAll('option').map((option) => option.text())).toEqual(['Lunch', 'Break']);
    wrapper.unmount();
  });

  it('when a reason is required, OK stays disabled until one is chosen, then sends its code', async () => {
    const wrapper = mountDialog({ kind: 'logout', required: true });
    const ok = wrapper.get('button[type="submit"]');
    expect(ok.attributes('disabled')).toBeDefined();
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('choose')).toBeUndefined();

    // Choosing in a list box: the option selected, then the change the browser fires.
    const list = wrapper.get('select');
    (list.element as HTMLSelectElement).selectedIndex = 1;
    await list.trigger('change');
    expect(ok.attributes('disabled')).toBeUndefined();
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('choose')).toEqual([[2]]);
    wrapper.unmount();
  });

  it('when a reason is only offered, OK without a choice sends none', async () => {
    const wrapper = mountDialog({ kind: 'notReady', required: false });
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('choose')).toEqual([[undefined]]);
    wrapper.unmount();
  });

  it('Cancel and Escape close it without a reason', async () => {
    const wrapper = mountDialog({ kind: 'notReady', required: true });
    await wrapper.get('button[type="button"]').trigger('click');
    await wrapper.get('dialog').trigger('cancel');
    expect(wrapper.emitted('cancel')).toHaveLength(2);
    expect(wrapper.emitted('choose')).toBeUndefined();
    wrapper.unmount();
  });

  it('says so when no reasons are configured', () => {
    const wrapper = mountDialog({ kind: 'notReady', required: true, reasons: [] });
    expect(wrapper.text()).toContain('No reasons are configured');
    expect(wrapper.find('select').exists()).toBe(false);
    wrapper.unmount();
  });
});
