import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionProfileSchema } from '../../contract/index.js';
import LoginForm from '../../renderer/src/components/LoginForm.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import type { LoginProblem } from '../../renderer/src/login-failure.js';
import type { LoginRequest } from '../../renderer/src/stores/agent.js';

const headOffice = ConnectionProfileSchema.parse({ name: 'Head office', peripheralId: 5000, duplicateLogin: 'warn' });
const training = ConnectionProfileSchema.parse({ name: 'Training', peripheralId: 5001, duplicateLogin: 'reject', loginFields: { identity: 'loginName', position: true } });

function mountForm(props: { profiles?: (typeof headOffice)[]; problem?: LoginProblem } = {}) {
  return mount(LoginForm, {
    props: { profiles: [], problem: undefined, busy: false, ...props },
    global: { plugins: [createDesktopI18n('en')] },
    attachTo: document.body,
  });
}

/** The input whose label reads `name`. */
function field(wrapper: ReturnType<typeof mountForm>, name: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === name);
  if (!label) throw new Error(`no field labelled ${name}; labels: ${wrapper.findAll('label').map((l) => l.text()).join(', ')}`);
  return wrapper.get(`#${label.attributes('for')}`);
}

const labels = (wrapper: ReturnType<typeof mountForm>) => wrapper.findAll('label').map((label) => label.text());

describe('LoginForm', () => {
  it('without profiles asks for Agent ID, Password and Instrument, and no Connect to', () => {
    const wrapper = mountForm();
    expect(labels(wrapper)).toEqual(['Agent ID', 'Password', 'Instrument']);
    expect(wrapper.get('button[type="submit"]').text()).toBe('Login');
    wrapper.unmount();
  });

  it('offers Connect to for several profiles and asks for the fields the chosen one names', async () => {
    const wrapper = mountForm({ profiles: [headOffice, training] });
    expect(labels(wrapper)).toEqual(['Connect to', 'Agent ID', 'Password', 'Instrument']);
    await field(wrapper, 'Connect to').setValue('Training');
    expect(labels(wrapper)).toEqual(['Connect to', 'Login Name', 'Password', 'Instrument', 'Position ID']);
    wrapper.unmount();
  });

  it('sends what was entered with the chosen profile', async () => {
    const wrapper = mountForm({ profiles: [headOffice, training] });
    await field(wrapper, 'Connect to').setValue('Training');
    await field(wrapper, 'Login Name').setValue(' jdoe ');
    await field(wrapper, 'Password').setValue('secret');
    await field(wrapper, 'Instrument').setValue('3001');
    await field(wrapper, 'Position ID').setValue('7');
    await wrapper.get('form').trigger('submit');
    const [[request]] = wrapper.emitted('login') as [[LoginRequest]];
    expect(request).toEqual({ identity: { kind: 'loginName', value: 'jdoe' }, password: 'secret', instrument: '3001', position: '7', profile: training });
    wrapper.unmount();
  });

  it('says what is missing beside the field instead of sending', async () => {
    const wrapper = mountForm();
    await field(wrapper, 'Agent ID').setValue('1001');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('login')).toBeUndefined();
    const instrument = field(wrapper, 'Instrument');
    expect(instrument.attributes('aria-invalid')).toBe('true');
    expect(document.getElementById(instrument.attributes('aria-describedby')!)?.textContent?.trim()).toBe('Enter the Instrument.');
    wrapper.unmount();
  });

  it('shows a failure in words beside the field it concerns', () => {
    const wrapper = mountForm({ problem: { field: 'password', kind: 'wrongPassword' } });
    const password = field(wrapper, 'Password');
    expect(password.attributes('aria-invalid')).toBe('true');
    expect(document.getElementById(password.attributes('aria-describedby')!)?.textContent).toContain('Wrong password for this agent');
    expect(field(wrapper, 'Agent ID').attributes('aria-invalid')).toBeUndefined();
    wrapper.unmount();
  });

  it('shows a failure of the whole login as an alert', () => {
    const wrapper = mountForm({ problem: { field: 'form', kind: 'outOfService' } });
    expect(wrapper.get('[role="alert"]').text()).toContain('CTI Server is out of service');
    wrapper.unmount();
  });

  it('asks for the Work Mode when the profile does, and sends the choice', async () => {
    const withWorkMode = ConnectionProfileSchema.parse({ name: 'Avaya', loginFields: { workMode: true } });
    const wrapper = mountForm({ profiles: [withWorkMode] });
    expect(labels(wrapper)).toEqual(['Agent ID', 'Password', 'Instrument', 'Work Mode']);
    await field(wrapper, 'Agent ID').setValue('1001');
    await field(wrapper, 'Instrument').setValue('3001');
    await field(wrapper, 'Work Mode').setValue('manualIn');
    await wrapper.get('form').trigger('submit');
    const [[request]] = wrapper.emitted('login') as [[LoginRequest]];
    expect(request.workMode).toBe('manualIn');
    wrapper.unmount();
  });

  it('sends no work mode when left to the centre, nor when the profile does not ask', async () => {
    const wrapper = mountForm();
    await field(wrapper, 'Agent ID').setValue('1001');
    await field(wrapper, 'Instrument').setValue('3001');
    await wrapper.get('form').trigger('submit');
    const [[request]] = wrapper.emitted('login') as [[LoginRequest]];
    expect(request).not.toHaveProperty('workMode');
    wrapper.unmount();
  });

  it('puts a refused work mode beside the Work Mode field', () => {
    const withWorkMode = ConnectionProfileSchema.parse({ name: 'Avaya', loginFields: { workMode: true } });
    const wrapper = mountForm({ profiles: [withWorkMode], problem: { field: 'workMode', kind: 'workModeNotValid' } });
    const workMode = field(wrapper, 'Work Mode');
    expect(workMode.attributes('aria-invalid')).toBe('true');
    expect(document.getElementById(workMode.attributes('aria-describedby')!)?.textContent).toContain('does not accept this work mode');
    wrapper.unmount();
  });

  it('when the profile warns of a second login, lets the agent continue here or cancel', async () => {
    const wrapper = mountForm({ profiles: [headOffice] });
    await wrapper.setProps({ problem: { field: 'identity', kind: 'alreadyLoggedInWarn', state: 'available' } });
    const agentId = field(wrapper, 'Agent ID');
    expect(document.getElementById(agentId.attributes('aria-describedby')!)?.textContent).toContain('already logged in on another desktop (Ready)');
    const continueHere = wrapper.findAll('button').find((button) => button.text() === 'Continue here')!;
    await vi.waitFor(() => expect(document.activeElement).toBe(continueHere.element));
    await continueHere.trigger('click');
    expect(wrapper.emitted('takeOver')).toHaveLength(1);
    await wrapper.findAll('button').find((button) => button.text() === 'Cancel')!.trigger('click');
    expect(wrapper.emitted('cancelTakeover')).toHaveLength(1);
    wrapper.unmount();
  });
});
