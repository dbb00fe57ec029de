import { STATUS } from '../../ged188/index.js';
import type { Peripheral } from './peripheral.js';
import { Refusal } from './refusals.js';

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

export class DeviceMonitors {
  private readonly monitors = new Map<number, DeviceMonitor>();
  private nextMonitorId = 0x10000;

  constructor(private readonly peripheral: Peripheral) {}

  /** Starts a device monitor on an agent's instrument; answers the monitor's id. */
  start(sessionId: number, device: { instrument: string | undefined; callMsgMask: number; agentStateMask: number }): number {
    if (device.instrument === undefined || device.instrument === '') throw new Refusal(STATUS.E_CTI_REQUIRED_DATA_MISSING, 'MONITOR_START_REQ needs MonitoredDeviceID');
    const agent = this.peripheral.agentByDevice({ instrument: device.instrument });
    if (!agent) throw new Refusal(STATUS.E_CTI_INVALID_DEVICE, `${device.instrument} is no agent's instrument`);
    const monitorId = this.nextMonitorId++;
    this.monitors.set(monitorId, { monitorId, sessionId, agentId: agent.config.id, callMsgMask: device.callMsgMask, agentStateMask: device.agentStateMask });
    return monitorId;
  }

  stop(sessionId: number, monitorId: number): void {
    this.own(sessionId, monitorId);
    this.monitors.delete(monitorId);
  }

  changeMask(sessionId: number, monitorId: number, callMsgMask: number, agentStateMask: number): void {
    const monitor = this.own(sessionId, monitorId);
    monitor.callMsgMask = callMsgMask;
    monitor.agentStateMask = agentStateMask;
  }

  /** A session's device monitors (for event delivery). */
  of(sessionId: number): DeviceMonitor[] {
    return [...this.monitors.values()].filter((m) => m.sessionId === sessionId);
  }

  /** Forgets a closed session's device monitors. */
  forget(sessionId: number): void {
    for (const [monitorId, monitor] of this.monitors) if (monitor.sessionId === sessionId) this.monitors.delete(monitorId);
  }

  private own(sessionId: number, monitorId: number): DeviceMonitor {
    const monitor = this.monitors.get(monitorId);
    if (monitor?.sessionId !== sessionId) throw new Refusal(STATUS.E_CTI_INVALID_MONITORID, `this session has no monitor ${monitorId}`);
    return monitor;
  }
}
