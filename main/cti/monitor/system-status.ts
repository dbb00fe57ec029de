import { PG_STATUS, SYSTEM_EVENT_ID, type Message } from '../../../ged188/index.js';
import type { StatusSystem } from './monitor-events.js';

/**
 * CTI OS's `StatusSystem` (ctios.md §1.6), kept from OPEN_CONF and SYSTEM_EVENTs so
 * OnMonitorModeEstablished can say what is up. CTI Server itself is online whenever
 * we have a session: that is how we know.
 */
export class SystemStatus {
  private centralControllerOnline = true;
  private readonly peripherals = new Map<number, boolean>();

  opened(conf: Message<'OPEN_CONF'>): void {
    this.centralControllerOnline = (conf.PGStatus & PG_STATUS.CC_DOWN) === 0;
    for (const id of conf.FltPeripheralID ?? []) this.peripherals.set(id, conf.PeripheralOnline);
  }

  systemEvent(event: Message<'SYSTEM_EVENT'>): void {
    switch (event.SystemEventID) {
      case SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_ONLINE:
      case SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_OFFLINE:
        this.centralControllerOnline = event.SystemEventID === SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_ONLINE;
        return;
      case SYSTEM_EVENT_ID.PERIPHERAL_ONLINE:
      case SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE:
        this.peripherals.set(event.SystemEventArg1, event.SystemEventID === SYSTEM_EVENT_ID.PERIPHERAL_ONLINE);
        return;
    }
  }

  get current(): StatusSystem {
    return {
      statusCtiServer: 'online',
      statusCentralController: this.centralControllerOnline ? 'online' : 'offline',
      statusPeripherals: Object.fromEntries([...this.peripherals].map(([id, online]) => [String(id), online])),
    };
  }
}
