import { Outbox } from '../../main/cti/outbox.js';

/**
 * A child process for the SIGKILL test: opens the outbox in argv[2] and adds one
 * entry after another (call ids from argv[3] on) as fast as it can, printing
 * `added <call id>` once each add has returned, that is once it is promised durable.
 * Pipes are written synchronously on Linux and macOS, so a printed line was acknowledged.
 */
const [dir, first] = process.argv.slice(2);
const outbox = Outbox.open(dir!, (text) => process.stdout.write(`warning ${text}\n`));
process.stdout.write(`opened ${outbox.pending.length}\n`);
for (let callId = Number(first); ; callId += 1) {
  outbox.add({ agentId: '1001', peripheralId: 5000, connectionCallId: callId, connectionDeviceId: '3001', connectionDeviceIdType: 0, changes: { wrapup: `call ${callId}` } });
  process.stdout.write(`added ${callId}\n`);
}
