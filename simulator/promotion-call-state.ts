import { EVENT_CAUSE, LOCAL_CONNECTION_STATE as LCS, buildMessage } from '../ged188/index.js';
import { beginCallFields, deliveredFields, establishedFields } from './pg/call-fields.js';
import { agentsOn, type PgEvent } from './pg/model.js';
import type { Peripheral } from './pg/peripheral.js';

/**
 * What a session promoted from standby to active hears about the calls in progress
 * (ged188.md §2.11 rule 3): for each agent on a call, BEGIN_CALL_EVENT, then
 * CALL_DELIVERED_EVENT for a ringing party or CALL_ESTABLISHED_EVENT for an answered
 * one (connected or held), with EventCause CEC_CALL_PARTY_UPDATE_IND (50) as in the
 * v24 graceful case. Calls that started and ended meanwhile are not reported. The
 * client must still reconcile by itself; this is what a real peer adds.
 */
export function callStateForPromotion(peripheral: Peripheral): PgEvent[] {
  const cause = EVENT_CAUSE.CALL_PARTY_UPDATE_IND;
  const events: PgEvent[] = [];
  for (const call of peripheral.calls.values()) {
    const agents = agentsOn(call);
    for (const party of call.parties) {
      if (party.agentId !== undefined) events.push({ message: buildMessage('BEGIN_CALL_EVENT', beginCallFields(peripheral.site, call, party)), agents: [party.agentId] });
      if (party.state === LCS.ALERTING) events.push({ message: buildMessage('CALL_DELIVERED_EVENT', deliveredFields(peripheral.site, call, party, cause)), agents });
      // Only an agent's answer is news: the caller's side of a ringing call is not "established".
      else if (party.agentId !== undefined && (party.state === LCS.CONNECT || party.state === LCS.HOLD)) events.push({ message: buildMessage('CALL_ESTABLISHED_EVENT', establishedFields(peripheral.site, call, party, cause)), agents });
    }
  }
  return events;
}
