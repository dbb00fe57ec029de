import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { applyStateEvent, type AppState, type ConnectionStatus, type SoftphoneApi, type StateEvent } from '../../../contract/index.js';
import { AWAITING_SERVICE, describeConnection, SERVICE_LOST, SERVICE_UNUSABLE, type Phrase } from '../connection-text.js';
import type { BridgeStatus, SoftphoneClient } from '../softphone-client.js';

/**
 * Whether what this view shows is current. `starting`: no snapshot yet; `up`: a snapshot
 * has arrived since the bridge last came up; `lost`: the bridge is down and retrying;
 * `unusable`: it cannot work (the reason says why).
 */
export type BridgeView =
  | { state: 'starting' }
  | { state: 'up' }
  | { state: 'lost' }
  | { state: 'unusable'; reason: string };

/** What the status bar shows; `state` names the look (colour and shape) as well. */
export interface StatusLine {
  state: ConnectionStatus['state'] | 'awaiting-service' | 'service-lost' | 'service-unusable';
  sentence: Phrase;
  detail?: string;
  /** Epoch ms the shown state began, when main says so. */
  since?: number;
}

/**
 * The one subscription to main: mirrors its state stream (snapshot, then patches) and
 * whether that stream is live. The status bar reads the connection from here; the
 * area stores (agent, settings) derive from `current` and send through `commands`.
 */
export const useConnectionStore = defineStore('connection', () => {
  const appState = shallowRef<AppState | undefined>();
  const seq = ref(-1);
  const bridge = shallowRef<BridgeView>({ state: 'starting' });
  const reconnectFailure = shallowRef<Phrase | undefined>();
  const reconnectPending = ref(false);

  let client: SoftphoneClient | undefined;
  let unsubscribeState: (() => void) | undefined;
  let unwatchBridge: (() => void) | undefined;

  /** Main's connection status, only while it is current: a dead bridge must not leave a stale "Connected". */
  const connection = computed<ConnectionStatus | undefined>(() =>
    bridge.value.state === 'up' ? appState.value?.connection : undefined,
  );

  const line = computed<StatusLine>(() => {
    const view = bridge.value;
    if (view.state === 'lost') return { state: 'service-lost', sentence: SERVICE_LOST };
    if (view.state === 'unusable') return { state: 'service-unusable', sentence: SERVICE_UNUSABLE, detail: view.reason };
    const status = connection.value;
    if (!status) return { state: 'awaiting-service', sentence: AWAITING_SERVICE };
    return {
      state: status.state,
      sentence: describeConnection(status),
      detail: status.state === 'out-of-service' ? status.reason : undefined,
      since: status.since,
    };
  });

  /** Main's whole state, only while it is current: what the area stores (agent, settings, …) derive from. */
  const current = computed<AppState | undefined>(() => (bridge.value.state === 'up' ? appState.value : undefined));

  /** Main's commands; they reject with a SoftphoneCommandError when main cannot be reached. */
  const commands = shallowRef<SoftphoneApi | undefined>();

  const canReconnectNow = computed(() => connection.value?.state === 'out-of-service');

  /** Applies one stream event (the client delivers them in order: a snapshot, then patches that follow it). */
  function receive(event: StateEvent): void {
    const before = appState.value?.connection.state;
    appState.value = applyStateEvent(appState.value, event);
    seq.value = event.seq;
    if (event.kind === 'snapshot') bridge.value = { state: 'up' };
    // A failure message about an earlier situation would mislead once the situation changes.
    if (appState.value?.connection.state !== before) reconnectFailure.value = undefined;
  }

  function bridgeChanged(status: BridgeStatus): void {
    switch (status.state) {
      case 'lost':
        bridge.value = { state: 'lost' };
        appState.value = undefined;
        return;
      case 'unusable':
        bridge.value = { state: 'unusable', reason: status.reason };
        appState.value = undefined;
        return;
      case 'connecting':
      case 'open':
        // The socket opening proves nothing about the state yet; the snapshot that follows does.
        return;
    }
  }

  function subscribe(): void {
    unsubscribeState?.();
    unsubscribeState = client?.api.subscribeState(receive);
  }

  /** Starts mirroring `next`'s state stream (replacing any earlier client). */
  function connect(next: SoftphoneClient): void {
    disconnect();
    client = next;
    commands.value = next.api;
    unwatchBridge = next.watchBridge(bridgeChanged);
    subscribe();
  }

  function disconnect(): void {
    unsubscribeState?.();
    unwatchBridge?.();
    unsubscribeState = undefined;
    unwatchBridge = undefined;
    client = undefined;
    commands.value = undefined;
  }

  /** Asks main to skip the back-off and try the next CTI Server side now. */
  async function reconnectNow(): Promise<void> {
    if (!client || reconnectPending.value) return;
    reconnectPending.value = true;
    reconnectFailure.value = undefined;
    try {
      await client.api.reconnect({});
    } catch (error) {
      reconnectFailure.value = { key: 'status.reconnectFailed', params: { message: messageOf(error) } };
    } finally {
      reconnectPending.value = false;
    }
  }

  return {
    appState,
    seq,
    bridge,
    reconnectFailure,
    reconnectPending,
    connection,
    current,
    commands,
    line,
    canReconnectNow,
    receive,
    bridgeChanged,
    connect,
    disconnect,
    reconnectNow,
  };
});

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : 'the softphone gave no reason.';
}
