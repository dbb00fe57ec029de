import { STATUS } from '../ged188/index.js';
import type { Peripheral } from './pg/peripheral.js';
import { Refusal } from './pg/supervision.js';

/**
 * Device monitors (MONITOR_START_REQ with MonitoredDeviceID, §4): a PERIPHERAL_MONITOR
 * session watches one agent's instrument and gets its call events and its agent's
 * state events, with its own masks, each carrying the monitor's MonitorID.
 */
export interface DeviceMonitor {
  readonly monitorId: number;
  readonly sessionId: number;
  readonly agentId: string;
  callMsgMask: number;
  agentStateMask: number;
}

interface DeviceMonitorState {
  readonly monitors: Map<number, DeviceMonitor>;
  nextMonitorId: number;
}

const states = new WeakMap<Peripheral, DeviceMonitorState>();

function stateOf(peripheral: Peripheral): DeviceMonitorState {
  let state = states.get(peripheral);
  if (!state) states.set(peripheral, (state = { monitors: new Map(), nextMonitorId: 0x10000 }));
  return state;
}

/** Starts a device monitor on an agent's instrument; answers the monitor's id. */
export function startDeviceMonitor(
  peripheral: Peripheral,
  sessionId: number,
  device: { instrument: string | undefined; callMsgMask: number; agentStateMask: number },
): number {
  if (device.instrument === undefined || device.instrument === '') throw new Refusal(STATUS.E_CTI_REQUIRED_DATA_MISSING, 'MONITOR_START_REQ needs MonitoredDeviceID');
  const agent = peripheral.agentByDevice({ instrument: device.instrument });
  if (!agent) throw new Refusal(STATUS.E_CTI_INVALID_DEVICE, `${device.instrument} is no agent's instrument`);
  const state = stateOf(peripheral);
  const monitorId = state.nextMonitorId++;
  state.monitors.set(monitorId, { monitorId, sessionId, agentId: agent.config.id, callMsgMask: device.callMsgMask, agentStateMask: device.agentStateMask });
  return monitorId;
}

function ownMonitor(peripheral: Peripheral, sessionId: number, monitorId: number): DeviceMonitor {
  const monitor = stateOf(peripheral).monitors.get(monitorId);
  if (monitor?.sessionId !== sessionId) throw new Refusal(STATUS.E_CTI_INVALID_MONITORID, `this session has no monitor ${monitorId}`);
  return monitor;
}

export function stopDeviceMonitor(peripheral: Peripheral, sessionId: number, monitorId: number): void {
  ownMonitor(peripheral, sessionId, monitorId);
  stateOf(peripheral).monitors.delete(monitorId);
}

export function changeDeviceMonitorMask(peripheral: Peripheral, sessionId: number, monitorId: number, callMsgMask: number, agentStateMask: number): void {
  const monitor = ownMonitor(peripheral, sessionId, monitorId);
  monitor.callMsgMask = callMsgMask;
  monitor.agentStateMask = agentStateMask;
}

/** A session's device monitors (for event delivery). */
export function deviceMonitorsOf(peripheral: Peripheral, sessionId: number): DeviceMonitor[] {
  return [...stateOf(peripheral).monitors.values()].filter((m) => m.sessionId === sessionId);
}

/** Forgets a closed session's device monitors. */
export function forgetDeviceMonitors(peripheral: Peripheral, sessionId: number): void {
  const { monitors } = stateOf(peripheral);
  for (const [monitorId, monitor] of monitors) if (monitor.sessionId === sessionId) monitors.delete(monitorId);
}
