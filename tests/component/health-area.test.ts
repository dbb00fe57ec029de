import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS, initialAppState, type AppState, type SoftphoneApi } from '../../contract/index.js';
import FailoverBanner from '../../renderer/src/components/FailoverBanner.vue';
import StatusBar from '../../renderer/src/components/StatusBar.vue';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import { useConnectionStore } from '../../renderer/src/stores/connection.js';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);

function healthyState(): AppState {
  const state = initialAppState({ state: 'connected', side: 'A', endpoint: 'cti-a.example:42027', since: T0 });
  return {
    ...state,
    health: {
      ctiServer: { status: 'online', side: 'A', since: T0, protocolVersions: { A: 25, B: null } },
      peripheralGateway: { status: 'online', pgStatus: 0, flags: [], since: T0 },
      centralController: { status: 'online', since: T0 },
      peripherals: [{ peripheralId: 5000, status: 'online', since: T0 }],
      settings: { status: 'online', since: T0, detail: null },
    },
    settings: { ...state.settings, source: { kind: 'url', location: 'https://settings.example/desktop.json', fromCache: false } },
  };
}

const talkingAgent: AppState['agent'] = {
  mode: 'agent',
  phase: 'active',
  identity: { agentId: '1001', instrument: '3001', peripheralId: 5000 },
  state: 'talking',
  reasonCode: 0,
  since: T0,
  deskSettings: DEFAULT_DESK_SETTINGS,
  alreadyLoggedIn: false,
  checking: false,
};

/** What the ringer toggle sent (the only command these components send). */
let preferences: { pointer: string; value: unknown }[];

beforeEach(() => {
  setActivePinia(createPinia());
  preferences = [];
});

function show(state: AppState): void {
  const store = useConnectionStore();
  store.receive({ kind: 'snapshot', seq: 1, state });
  store.commands = {
    setPreference: (args: { pointer: string; value: unknown }) => {
      preferences.push(args);
      return Promise.resolve({});
    },
  } as unknown as SoftphoneApi;
}

function mountIt<C>(component: C) {
  return mount(component as Parameters<typeof mount>[0], { global: { plugins: [createDesktopI18n('en')] }, attachTo: document.body });
}

describe('the health area', () => {
  it('is a compact line by default: the link, and that all components are online', () => {
    show(healthyState());
    const wrapper = mountIt(StatusBar);
    const region = wrapper.get('section[aria-label="Health"]');
    expect(region.get('[role="status"]').text()).toBe('Connected · side A · cti-a.example:42027');
    expect(region.text()).toContain('All components online');
    const toggle = wrapper.findAll('button').find((button) => button.text() === 'Health details')!;
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(wrapper.find('dl').exists()).toBe(false);
    wrapper.unmount();
  });

  it('expands to each component in words: side, CTI Server, PG with its flags, central controller, peripherals, reconnects, settings source', async () => {
    const state = healthyState();
    show({
      ...state,
      health: { ...state.health, peripheralGateway: { status: 'offline', pgStatus: 0x0c, flags: ['peripheral-offline', 'cti-server-offline'], since: T0 } },
      settings: { ...state.settings, source: { ...state.settings.source, fromCache: true } },
      connectionEvents: [{ seq: 1, time: T0, event: 'OnConnectionFailure', failedSide: 'B', endpoint: 'cti-b.example:42027', reasonCode: 'connect-fail', reason: 'refused' }],
    });
    const wrapper = mountIt(StatusBar);
    expect(wrapper.text()).toContain('Offline: PG');
    const toggle = wrapper.findAll('button').find((button) => button.text() === 'Health details')!;
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    const rows = Object.fromEntries(wrapper.findAll('dl > div').map((row) => [row.get('dt').text(), row.get('dd').text().replace(/ since .*$/, '')]));
    expect(rows).toEqual({
      'Side in use': 'Side A · cti-a.example:42027',
      'CTI Server': 'Online',
      PG: 'Offline, peripheral offline, CTI Server offline',
      'Central controller': 'Online',
      'Peripheral 5000': 'Online',
      'Reconnect attempts': 'none now, 1 link failures logged',
      'Settings source': 'download from https://settings.example/desktop.json, Online, using the cached copy',
    });
    expect(wrapper.get('#health-details').element.tagName).toBe('DL');
    wrapper.unmount();
  });

  it('counts the reconnect attempt under way', async () => {
    show({ ...healthyState(), connection: { state: 'connecting', side: 'B', endpoint: 'cti-b.example:42027', attempt: 3, since: T0 } });
    const wrapper = mountIt(StatusBar);
    await wrapper.findAll('button').find((button) => button.text() === 'Health details')!.trigger('click');
    expect(wrapper.text()).toContain('attempt 3 now (side B)');
    expect(wrapper.text()).toContain('None: not connected');
    wrapper.unmount();
  });

  it('the Mute ringer toggle shows the setting and changes it as a preference', async () => {
    const state = healthyState();
    show({ ...state, settings: { ...state.settings, effective: { ...state.settings.effective, sounds: { ...state.settings.effective.sounds, ringIn: { mute: true } } } } });
    const wrapper = mountIt(StatusBar);
    const ringer = wrapper.findAll('button').find((button) => button.text().endsWith('Mute ringer'))!;
    expect(ringer.attributes('aria-pressed')).toBe('true');
    await ringer.trigger('click');
    expect(preferences).toEqual([{ pointer: '/sounds/ringIn/mute', value: false }]);
    wrapper.unmount();
  });

  it('the Mute ringer toggle says why it cannot be used when the centre locked it', () => {
    const state = healthyState();
    show({ ...state, settings: { ...state.settings, locked: ['/sounds/ringIn/mute'] } });
    const wrapper = mountIt(StatusBar);
    const ringer = wrapper.findAll('button').find((button) => button.text().endsWith('Mute ringer'))!;
    expect(ringer.attributes('disabled')).toBeDefined();
    expect(document.getElementById(ringer.attributes('aria-describedby')!)?.textContent).toBe('Your administrator has fixed this setting.');
    wrapper.unmount();
  });
});

describe('the failover banner', () => {
  it('says commands are paused, why, and where recovery stands, while an agent link is down', () => {
    show({
      ...healthyState(),
      agent: { ...talkingAgent, phase: 'restoring' },
      connection: { state: 'connecting', side: 'B', endpoint: 'cti-b.example:42027', attempt: 1, since: T0 },
      connectionEvents: [{ seq: 4, time: T0, event: 'OnConnectionFailure', failedSide: 'A', endpoint: 'cti-a.example:42027', reasonCode: 'transport-error', reason: 'the connection was reset' }],
    });
    const wrapper = mountIt(FailoverBanner);
    const alert = wrapper.get('[role="alert"]');
    expect(alert.findAll('p').map((paragraph) => paragraph.text())).toEqual(['Commands are paused', 'The link to CTI Server side A failed: the connection was reset.']);
    expect(wrapper.text()).toContain('Reconnecting to side B, attempt 1…');
    wrapper.unmount();
  });

  it('is not there while the link is up and the agent active', () => {
    show({ ...healthyState(), agent: talkingAgent });
    const wrapper = mountIt(FailoverBanner);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
