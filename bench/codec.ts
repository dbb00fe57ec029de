/**
 * Codec throughput on a realistic agent-desktop mix, against JSON.parse and
 * JSON.stringify of the same messages as JSON. Prints one JSON line.
 */
import { decode, encode, type Message } from '../ged188/index.js';

const callVariables = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`CallVariable${i + 1}`, `value of variable ${i + 1}`]));

const MIX: Message[] = [
  {
    MessageType: 'CALL_DELIVERED_EVENT',
    MonitorID: 0,
    PeripheralID: 5000,
    PeripheralType: 17,
    ConnectionDeviceIDType: 0,
    ConnectionCallID: 16777301,
    LineHandle: 0,
    LineType: 0,
    ServiceNumber: 0xffffffff,
    ServiceID: 0xffffffff,
    SkillGroupNumber: 1001,
    SkillGroupID: 5001,
    SkillGroupPriority: 0,
    AlertingDeviceType: 0,
    CallingDeviceType: 2,
    CalledDeviceType: 0,
    LastRedirectDeviceType: 0xffff,
    LocalConnectionState: 2,
    EventCause: 0xffff,
    NumNamedVariables: 5,
    NumNamedArrays: 0,
    ConnectionDeviceID: '3001',
    AlertingDeviceID: '3001',
    CallingDeviceID: '+441632960123',
    CalledDeviceID: '3001',
    ANI: '+441632960123',
    DNIS: '8005550100',
    DialedNumber: '8005550100',
    ...callVariables,
    NamedVariable: Array.from({ length: 5 }, (_, i) => ({ name: `user.customer.field${i}`, value: `customer value ${i}` })),
  } as Message,
  {
    MessageType: 'AGENT_STATE_EVENT',
    MonitorID: 0,
    PeripheralID: 5000,
    SessionID: 12,
    PeripheralType: 17,
    SkillGroupState: 3,
    StateDuration: 0,
    SkillGroupNumber: 1001,
    SkillGroupID: 5001,
    SkillGroupPriority: 0,
    AgentState: 3,
    EventReasonCode: 0,
    MRDID: 1,
    NumTasks: 0,
    AgentMode: 1,
    MaxTaskLimit: 1,
    ICMAgentID: 5101,
    AgentAvailabilityStatus: 1,
    NumFltSkillGroups: 0,
    DepartmentID: 0,
    AgentID: '1001',
    AgentExtension: '3001',
    AgentInstrument: '3001',
  },
  {
    MessageType: 'CALL_ESTABLISHED_EVENT',
    MonitorID: 0,
    PeripheralID: 5000,
    PeripheralType: 17,
    ConnectionDeviceIDType: 0,
    ConnectionCallID: 16777301,
    LineHandle: 0,
    LineType: 0,
    ServiceNumber: 0xffffffff,
    ServiceID: 0xffffffff,
    SkillGroupNumber: 1001,
    SkillGroupID: 5001,
    SkillGroupPriority: 0,
    AnsweringDeviceType: 0,
    CallingDeviceType: 2,
    CalledDeviceType: 0,
    LastRedirectDeviceType: 0xffff,
    LocalConnectionState: 3,
    EventCause: 0xffff,
    ConnectionDeviceID: '3001',
    AnsweringDeviceID: '3001',
    CallingDeviceID: '+441632960123',
    CalledDeviceID: '3001',
  } as Message,
  { MessageType: 'HEARTBEAT_REQ', InvokeID: 42 },
];

/** Runs `work` over the mix for about `ms` milliseconds; returns messages per second. */
function rate(ms: number, work: (i: number) => unknown): number {
  let count = 0;
  let sink: unknown;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 4000; i++) sink = work(count++ % MIX.length);
    elapsed = performance.now() - start;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return Math.round((count / elapsed) * 1000);
}

/**
 * Median rate of each contender over interleaved trials, so that a burst of
 * other work on the machine or a late JIT tier-up hits all of them alike.
 */
function medianRates(trials: number, ms: number, contenders: Record<string, (i: number) => unknown>): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let t = 0; t < trials; t++) {
    for (const [name, work] of Object.entries(contenders)) samples[name]!.push(rate(ms, work));
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [name, values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!]),
  );
}

export function runCodecBenchmark(trials = 9, ms = 200): Record<string, unknown> {
  const frames = MIX.map((m) => encode(m));
  const decodedMix = frames.map((f) => decode(f) as Message);
  const json = decodedMix.map((m) => JSON.stringify(m));
  const rates = medianRates(trials, ms, {
    decode: (i) => decode(frames[i]!),
    encode: (i) => encode(MIX[i]!),
    jsonParse: (i) => JSON.parse(json[i]!),
    jsonStringify: (i) => JSON.stringify(decodedMix[i]!),
  });
  return {
    benchmark: 'codec',
    mix: MIX.map((m) => m.MessageType),
    frameBytes: frames.map((f) => f.length),
    jsonBytes: json.map((j) => j.length),
    decodePerSecond: rates.decode,
    encodePerSecond: rates.encode,
    jsonParsePerSecond: rates.jsonParse,
    jsonStringifyPerSecond: rates.jsonStringify,
    decodeVsJsonParse: Number((rates.decode! / rates.jsonParse!).toFixed(2)),
    encodeVsJsonStringify: Number((rates.encode! / rates.jsonStringify!).toFixed(2)),
    trials,
    node: process.version,
  };
}
