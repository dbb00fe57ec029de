import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { initialAppState, type AgentCall, type AppState } from '../../contract/index.js';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';
import { useIncomingCallAlerts } from '../../renderer/src/incoming-call-alerts.js';
import type { RingTone } from '../../renderer/src/ring-tone.js';
import { useConnectionStore } from '../../renderer/src/stores/connection.js';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);

function ringingCall(ani: string): AgentCall {
  return {
    call: { key: `5000.${ani}`, peripheralId: 5000, connectionCallId: Number(ani), ani, variables: {}, ecc: {}, eccArrays: {}, connections: [], cleared: false, since: T0 },
    localState: 'alerting',
    enablement: { mask: 0, buttons: ['answer'] },
  };
}

function stateWith(calls: AgentCall[], ringInMute = false): AppState {
  const state = initialAppState({ state: 'connected', side: 'A', endpoint: 'cti-a.example:42027', since: T0 });
  const effective = { ...state.settings.effective, sounds: { ...state.settings.effective.sounds, ringIn: { mute: ringInMute } } };
  return { ...state, calls, settings: { ...state.settings, effective } };
}

/** A ring tone that records what it was told (the Web Audio one needs a sound card). */
function recordingTone(): RingTone & { log: string[] } {
  const log: string[] = [];
  let ringing = false;
  return {
    log,
    get ringing() {
      return ringing;
    },
    start: () => ((ringing = true), log.push('start')),
    stop: () => ((ringing = false), log.push('stop')),
  };
}

let seq = 0;
function publish(state: AppState): void {
  seq += 1;
  useConnectionStore().receive({ kind: 'snapshot', seq, state });
}

function mountAlerts(tone: RingTone) {
  const Probe = defineComponent({
    setup() {
      const { flashTitle } = useIncomingCallAlerts(tone);
      return () => h('p', flashTitle.value ?? '');
    },
  });
  return mount(Probe, { global: { plugins: [createDesktopI18n('en')] }, attachTo: document.body });
}

beforeEach(() => {
  setActivePinia(createPinia());
});

describe('incoming-call alerts', () => {
  it('ring while a call rings this phone, and stop when it is answered', async () => {
    const tone = recordingTone();
    publish(stateWith([]));
    const wrapper = mountAlerts(tone);
    expect(tone.ringing).toBe(false);
    publish(stateWith([ringingCall('5551234')]));
    await nextTick();
    expect(tone.ringing).toBe(true);
    publish(stateWith([{ ...ringingCall('5551234'), localState: 'connect' }]));
    await nextTick();
    expect(tone.ringing).toBe(false);
    wrapper.unmount();
  });

  it('do not ring when the ringer is muted in the settings', async () => {
    const tone = recordingTone();
    publish(stateWith([ringingCall('5551234')], true));
    const wrapper = mountAlerts(tone);
    await nextTick();
    expect(tone.ringing).toBe(false);
    publish(stateWith([ringingCall('5551234')], false));
    await nextTick();
    expect(tone.ringing).toBe(true);
    wrapper.unmount();
  });

  it('raise a notification for a call that rings while the window is not in front, and close it when the ringing ends', async () => {
    const created: { title: string; body: string | undefined; closed: boolean }[] = [];
    class RecordingNotification {
      static permission = 'granted';
      private readonly entry: (typeof created)[number];
      constructor(title: string, options?: NotificationOptions) {
        this.entry = { title, body: options?.body, closed: false };
        created.push(this.entry);
      }
      addEventListener(): void {}
      close(): void {
        this.entry.closed = true;
      }
    }
    vi.stubGlobal('Notification', RecordingNotification);
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    try {
      publish(stateWith([]));
      const wrapper = mountAlerts(recordingTone());
      publish(stateWith([ringingCall('5551234')]));
      await nextTick();
      expect(created).toEqual([{ title: 'Incoming call', body: 'From 5551234. Open the softphone to answer.', closed: false }]);
      publish(stateWith([]));
      await nextTick();
      expect(created[0]?.closed).toBe(true);
      wrapper.unmount();
    } finally {
      hasFocus.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
