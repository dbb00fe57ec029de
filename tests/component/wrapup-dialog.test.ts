import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import WrapupDialog from '../../renderer/src/components/WrapupDialog.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';

const STRINGS = ['Sale', 'Complaint', 'Wrong number'];

type Props = InstanceType<typeof WrapupDialog>['$props'];

function mountDialog(props: Partial<Props> = {}) {
  return mount(WrapupDialog, {
    props: { direction: 'incoming', strings: STRINGS, freeText: false, required: false, offline: false, kept: false, busy: false, failure: undefined, ...props },
    global: { plugins: [createDesktopI18n('en')] },
    attachTo: document.body,
  });
}

const applyButton = (wrapper: ReturnType<typeof mountDialog>) => wrapper.findAll('button').find((b) => b.text() === 'Apply')!;

async function choose(wrapper: ReturnType<typeof mountDialog>, index: number): Promise<void> {
  const list = wrapper.get('select');
  (list.element as HTMLSelectElement).selectedIndex = index;
  await list.trigger('change');
}

describe('WrapupDialog', () => {
  it('is a dialog named Wrap-up with the strings for the call as options', () => {
    const wrapper = mountDialog({ direction: 'outgoing' });
    const dialog = wrapper.get('dialog');
    expect(document.getElementById(dialog.attributes('aria-labelledby')!)?.textContent?.trim()).toBe('Wrap-up');
    expect(document.getElementById(dialog.attributes('aria-describedby')!)?.textContent).toContain('outgoing call');
    expect(wrapper.findAll('option').map((o) => o.text())).toEqual(STRINGS);
    expect(wrapper.get('select').attributes('aria-label')).toBe('Wrap-up reason');
    wrapper.unmount();
  });

  it('when data is required, Apply is disabled and says why until a string is chosen, then applies it', async () => {
    const wrapper = mountDialog({ required: true });
    const apply = applyButton(wrapper);
    expect(apply.attributes('disabled')).toBeDefined();
    const why = document.getElementById(apply.attributes('aria-describedby')!);
    expect(why?.textContent).toBe('Choose a wrap-up reason or type one first.');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('apply')).toBeUndefined();

    await choose(wrapper, 1);
    expect(applyButton(wrapper).attributes('disabled')).toBeUndefined();
    await applyButton(wrapper).trigger('click');
    expect(wrapper.emitted('apply')).toEqual([['Complaint']]);
    wrapper.unmount();
  });

  it('takes typed text where free text is allowed, in place of the chosen string', async () => {
    const wrapper = mountDialog({ required: true, freeText: true });
    await choose(wrapper, 0);
    const label = wrapper.findAll('label').find((l) => l.text() === 'Wrap-up text')!;
    const input = wrapper.get(`#${label.attributes('for')}`);
    expect(input.attributes('maxlength')).toBe('39');
    await input.setValue('  Promised a callback  ');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('apply')).toEqual([['Promised a callback']]);
    wrapper.unmount();
  });

  it('offers the text field alone when no strings are configured', () => {
    const wrapper = mountDialog({ strings: [], freeText: true });
    expect(wrapper.find('select').exists()).toBe(false);
    expect(wrapper.text()).toContain('No wrap-up reasons are configured');
    expect(wrapper.findAll('label').map((l) => l.text())).toEqual(['Wrap-up text']);
    wrapper.unmount();
  });

  it('Escape skips an optional wrap-up, and so does Skip', async () => {
    const wrapper = mountDialog();
    await wrapper.get('dialog').trigger('cancel');
    await wrapper.findAll('button').find((b) => b.text() === 'Skip')!.trigger('click');
    expect(wrapper.emitted('close')).toHaveLength(2);
    expect(wrapper.emitted('apply')).toBeUndefined();
    wrapper.unmount();
  });

  it('a required wrap-up cannot be dismissed silently: Escape keeps it open and says why, and there is no Skip', async () => {
    const wrapper = mountDialog({ required: true });
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Apply']);
    await wrapper.get('dialog').trigger('cancel');
    expect(wrapper.emitted('close')).toBeUndefined();
    expect(wrapper.get('[role="alert"]').text()).toContain('it cannot be skipped');
    wrapper.unmount();
  });

  it('while the link is down says the wrap-up is kept; once kept, confirms it and closes on Close', async () => {
    const wrapper = mountDialog({ offline: true });
    expect(wrapper.text()).toContain('What you apply is kept and sent once the link is back.');
    await wrapper.setProps({ kept: true });
    expect(wrapper.get('[role="status"]').text()).toContain('your wrap-up is kept and will be sent once the link is back');
    expect(wrapper.find('select').exists()).toBe(false);
    const close = wrapper.findAll('button').find((b) => b.text() === 'Close')!;
    await wrapper.vm.$nextTick();
    expect(document.activeElement).toBe(close.element);
    await close.trigger('click');
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });

  it('gives focus back to where it was when it goes', () => {
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    const wrapper = mountDialog();
    wrapper.unmount();
    expect(document.activeElement).toBe(before);
    before.remove();
  });
});
