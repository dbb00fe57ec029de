import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PendingStateNotice from '../../renderer/src/components/PendingStateNotice.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';

type Props = InstanceType<typeof PendingStateNotice>['$props'];

function mountNotice(props: Partial<Props> = {}, locale: 'en' | 'es' = 'en') {
  return mount(PendingStateNotice, {
    props: { text: 'Not Ready — Lunch', cancelState: 'Not Ready', busy: false, failure: undefined, ...props },
    global: { plugins: [createDesktopI18n(locale)] },
    attachTo: document.body,
  });
}

describe('PendingStateNotice', () => {
  it('says the state that waits for the call to end, politely announced, and offers Cancel Not Ready', async () => {
    const wrapper = mountNotice();
    const text = wrapper.get('[aria-live="polite"]');
    expect(text.text()).toContain('Not Ready — Lunch after this call');
    // Not a second status region: the agent-state region's status is the current state alone.
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
    const cancel = wrapper.get('button');
    expect(cancel.text()).toBe('Cancel Not Ready');
    await cancel.trigger('click');
    expect(wrapper.emitted('cancel')).toHaveLength(1);
    wrapper.unmount();
  });

  it('has nothing to cancel for a pending Ready, and a busy Cancel cannot be pressed twice', () => {
    const ready = mountNotice({ text: 'Ready', cancelState: undefined });
    expect(ready.text()).toContain('Ready after this call');
    expect(ready.find('button').exists()).toBe(false);
    ready.unmount();
    const busy = mountNotice({ busy: true });
    expect(busy.get('button').attributes('disabled')).toBeDefined();
    busy.unmount();
  });

  it('says in words when cancelling failed, and speaks Spanish', () => {
    const wrapper = mountNotice({ failure: 'CTI Server is out of service' });
    expect(wrapper.get('[role="alert"]').text()).toBe('Could not cancel: CTI Server is out of service');
    wrapper.unmount();
    const es = mountNotice({ text: 'No disponible — Almuerzo', cancelState: 'No disponible' }, 'es');
    expect(es.text()).toContain('No disponible — Almuerzo después de esta llamada');
    expect(es.get('button').text()).toBe('Cancelar No disponible');
    es.unmount();
  });
});
