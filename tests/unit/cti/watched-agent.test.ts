import { describe, expect, it } from 'vitest';
import type { Message } from '../../../ged188/index.js';
import { buildMessage } from '../../../ged188/index.js';
import { WatchedAgentMonitor } from '../../../main/cti/supervisor/watched-agent.js';

const MONITOR = 9;
const base = { MonitorID: MONITOR, PeripheralID: 5000, PeripheralType: 17, ConnectionDeviceIDType: 0 };

/** A session that answers the watch's requests; the call snapshot waits until the test lets it go. */
function heldSnapshotPort() {
  let release: (() => void) | undefined;
  const snapshotAsked = new Promise<void>((asked) => {
    release = asked;
  });
  let answerSnapshot!: (conf: Message) => void;
  const answers: Partial<Record<string, Message>> = {
    QUERY_AGENT_STATE_REQ: buildMessage('QUERY_AGENT_STATE_CONF', { AgentState: 4, AgentInstrument: '3001' }),
    MONITOR_START_REQ: buildMessage('MONITOR_START_CONF', { MonitorID: MONITOR }),
    SNAPSHOT_DEVICE_REQ: buildMessage('SNAPSHOT_DEVICE_CONF', { CallConnectionCallID: [7], CallConnectionDeviceID: ['3001'], CallState: [3] }),
  };
  return {
    snapshotAsked,
    answerSnapshot: (conf: Message) => answerSnapshot(conf),
    request(request: Message): Promise<Message> {
      if (request.MessageType === 'SNAPSHOT_CALL_REQ') {
        release?.();
        return new Promise((resolve) => {
          answerSnapshot = resolve;
        });
      }
      const answer = answers[request.MessageType];
      return answer ? Promise.resolve(answer) : Promise.reject(new Error(`no answer for ${request.MessageType}`));
    },
  };
}

describe('the watched agent’s calls', () => {
  it('do not bring back a call that ended while its snapshot was on its way', async () => {
    const port = heldSnapshotPort();
    const watched = new WatchedAgentMonitor(port, () => {});
    const started = watched.start(5000, '1001', 'watch agent 1001');
    await port.snapshotAsked;
    expect(watched.view()?.calls.map((c) => c.key)).toEqual(['5000.7']);

    // The member hangs up; the server had taken the snapshot before.
    watched.message(buildMessage('CALL_CLEARED_EVENT', { ...base, ConnectionCallID: 7, LocalConnectionState: 0 }));
    watched.message(buildMessage('END_CALL_EVENT', { ...base, ConnectionCallID: 7 }));
    port.answerSnapshot(buildMessage('SNAPSHOT_CALL_CONF', { CallConnectionDeviceID: ['3001', '5551234'], CallDeviceConnectionState: [3, 3] }));
    await started;
    expect(watched.view()).toMatchObject({ agentId: '1001', monitoring: true, calls: [] });
  });
});
