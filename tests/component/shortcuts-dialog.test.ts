import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type ShortcutAction } from '../../contract/index.js';
import ShortcutsDialog from '../../renderer/src/components/ShortcutsDialog.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import type { ShortcutBindings } from '../../renderer/src/shortcut-conflicts.js';

type Save = (action: ShortcutAction, key: string | null) => Promise<void>;

function mountList(props: { bindings?: ShortcutBindings; locked?: ShortcutAction[]; save?: Save } = {}) {
  return mount(ShortcutsDialog, {
    props: { bindings: DEFAULT_DESKTOP_SETTINGS.shortcuts, locked: [], save: vi.fn<Save>(async () => {}), ...props },
    global: { plugins: [createDesktopI18n('en')] },
    attachTo: document.body,
  });
}

type Wrapper = ReturnType<typeof mountList>;

/** The table's rows as the agent reads them: action and keys. */
const rows = (wrapper: Wrapper) => wrapper.findAll('tbody tr').map((row) => [row.get('th').text(), row.get('kbd, .shortcuts-table__none').text()]);
const button = (wrapper: Wrapper, name: string) => {
  const found = wrapper.findAll('button').find((candidate) => (candidate.attributes('aria-label') ?? candidate.text()) === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const capture = (wrapper: Wrapper) => wrapper.get('input[readonly]');
const press = (wrapper: Wrapper, code: string, key: string, modifiers: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) =>
  capture(wrapper).trigger('keydown', { code, key, ...modifiers });
const note = (wrapper: Wrapper) => wrapper.get(`#${capture(wrapper).attributes('aria-describedby')}`).text();

describe('ShortcutsDialog', () => {
  it('is a dialog named Keyboard shortcuts listing each action with its keys', () => {
    const wrapper = mountList();
    const dialog = wrapper.get('dialog');
    expect(wrapper.get(`#${dialog.attributes('aria-labelledby')}`).text()).toBe('Keyboard shortcuts');
    expect(rows(wrapper)).toEqual([
      ['Answer', 'Alt+A'],
      ['Release', 'Alt+R'],
      ['Hold / Retrieve', 'Alt+H'],
      ['Ready', 'Alt+Y'],
      ['Not Ready', 'Alt+N'],
      ['Make Call', 'Alt+M'],
      ['Transfer', 'Alt+T'],
      ['Conference', 'Alt+C'],
      ['Wrap-up', 'Alt+W'],
    ]);
    wrapper.unmount();
  });

  it('reads a key press as the new key and saves a free one', async () => {
    const save = vi.fn<Save>(async () => {});
    const wrapper = mountList({ save });
    await button(wrapper, 'Change Ready shortcut').trigger('click');
    expect(document.activeElement).toBe(capture(wrapper).element);
    await press(wrapper, 'KeyK', 'k', { altKey: true });
    expect((capture(wrapper).element as HTMLInputElement).value).toBe('Alt+K');
    expect(note(wrapper)).toBe('Alt+K is free. Save to use it.');
    await button(wrapper, 'Save').trigger('click');
    expect(save).toHaveBeenCalledWith('ready', 'Alt+K');
    await vi.waitFor(() => expect(wrapper.find('input[readonly]').exists()).toBe(false));
    wrapper.unmount();
  });

  it('refuses a key another action has, saying which', async () => {
    const save = vi.fn<Save>(async () => {});
    const wrapper = mountList({ save });
    await button(wrapper, 'Change Ready shortcut').trigger('click');
    await press(wrapper, 'KeyA', 'a', { altKey: true });
    expect(note(wrapper)).toBe('Alt+A is already the key for Answer. Change that one first, or choose another key.');
    expect(capture(wrapper).attributes('aria-invalid')).toBe('true');
    expect(button(wrapper, 'Save').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('refuses a key the browser keeps, and warns of one it gives up', async () => {
    const save = vi.fn<Save>(async () => {});
    const wrapper = mountList({ save });
    await button(wrapper, 'Change Answer shortcut').trigger('click');
    await press(wrapper, 'KeyW', 'w', { ctrlKey: true });
    expect(note(wrapper)).toBe('Ctrl+W cannot be used: the browser closes the tab with it.');
    expect(button(wrapper, 'Save').attributes('disabled')).toBeDefined();
    await press(wrapper, 'F5', 'F5');
    expect(note(wrapper)).toBe('F5 reloads the page in the browser; this shortcut replaces that here.');
    await button(wrapper, 'Save anyway').trigger('click');
    expect(save).toHaveBeenCalledWith('answer', 'F5');
    wrapper.unmount();
  });

  it('says when a key cannot be a shortcut, and Escape stops changing without closing the list', async () => {
    const wrapper = mountList();
    await button(wrapper, 'Change Answer shortcut').trigger('click');
    await press(wrapper, 'ArrowUp', 'ArrowUp', { altKey: true });
    expect(note(wrapper)).toMatch(/cannot be a shortcut/);
    await press(wrapper, 'Escape', 'Escape');
    expect(wrapper.find('input[readonly]').exists()).toBe(false);
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });

  it('says why a locked key cannot be changed, and shows a failed save in words', async () => {
    const save = vi.fn<Save>(async () => {
      throw new Error('the preference cannot be saved (disk full)');
    });
    const wrapper = mountList({ locked: ['answer'], save });
    const locked = button(wrapper, 'Change Answer shortcut');
    expect(locked.attributes('disabled')).toBeDefined();
    expect(wrapper.get(`#${locked.attributes('aria-describedby')}`).text()).toBe('Set by your administrator; it cannot be changed here.');
    await button(wrapper, 'Change Release shortcut').trigger('click');
    await press(wrapper, 'F9', 'F9');
    await button(wrapper, 'Save').trigger('click');
    await vi.waitFor(() => expect(wrapper.get('[role="alert"]').text()).toBe('Could not save the shortcut: the preference cannot be saved (disk full)'));
    wrapper.unmount();
  });

  it('marks two actions a central document put on one key', () => {
    const wrapper = mountList({ bindings: { ...DEFAULT_DESKTOP_SETTINGS.shortcuts, ready: 'Alt+A' } });
    expect(wrapper.text()).toContain('Not working: Alt+A is also set for Answer, which takes it.');
    wrapper.unmount();
  });

  it('Close asks the parent to close it', async () => {
    const wrapper = mountList();
    await button(wrapper, 'Close').trigger('click');
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });
});
