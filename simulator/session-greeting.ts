import type { Message } from '../ged188/index.js';
import type { SessionInterest } from './event-filter.js';
import type { Peripheral } from './pg/peripheral.js';

/**
 * What a session receives right after OPEN_CONF, before any other event: e.g. a
 * supervisor's team configuration, or one SYSTEM_EVENT per peripheral for an
 * all-events monitor (§2.3).
 */
export function greetingEvents(_peripheral: Peripheral, _interest: SessionInterest): Message[] {
  return [];
}
