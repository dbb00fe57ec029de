import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encode, type Message } from '../../ged188/index.js';
import { REPO_ROOT } from '../support/child-process.js';
import { MESSAGE_NAMES, sampleMessage, seededRandom } from '../support/guide-frames.js';
import { ethernetIpv4Tcp, pcapFile, sllIpv6Tcp } from '../support/pcap-writer.js';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(path.join(os.tmpdir(), 'cti-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `cti` as a user would (through tsx, as `npm run cti` does). */
function cti(...args: string[]) {
  const result = spawnSync(TSX, ['cli/cti.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.trim().split('\n').filter(Boolean) };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function expectInputError(result: ReturnType<typeof cti>, ...fragments: string[]): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
}

describe('cti decode and encode', () => {
  it('decodes a frame given as spaced hex into one JSON object with the guide’s names', () => {
    const result = cti('decode', '00000008 00000007 00000005 00000000');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.lines[0]!)).toEqual({ MessageType: 'CLOSE_REQ', MessageTypeId: 7, InvokeID: 5, Status: 0 });
  });

  it('encode is the inverse of decode, byte for byte, for a message of every kind', () => {
    const random = seededRandom(7);
    // A handful of rich messages through the real command line (each spawn costs time).
    for (const name of ['CALL_DELIVERED_EVENT', 'AGENT_STATE_EVENT', 'SNAPSHOT_CALL_CONF', 'SET_AGENT_STATE_REQ', 'OPEN_CONF'] as const) {
      const frame = encode(sampleMessage(name, random, { version: 24, maxEntries: 2 }));
      const decoded = cti('decode', hex(frame));
      expect(decoded.code, decoded.stderr).toBe(0);
      const encoded = cti('encode', decoded.lines[0]!);
      expect(encoded.code, encoded.stderr).toBe(0);
      expect(encoded.lines[0]).toBe(hex(frame));
    }
    expect(MESSAGE_NAMES.length).toBeGreaterThan(100);
  }, 60_000); // ten processes, each starting tsx: slow on a loaded machine

  it('refuses a value over its field\'s maximum in one line naming message and field, instead of cutting it', () => {
    const json = '{"MessageType":"AGENT_DESK_SETTINGS_REQ","InvokeID":1,"PeripheralID":5000,"AgentID":"1234567890123"}';
    expectInputError(cti('encode', json), 'AGENT_DESK_SETTINGS_REQ.AgentID', '13 bytes of text exceed the maximum of 11');
  });

  it('uses 1-byte tags and lengths with --version 19', () => {
    const json = '{"MessageType":"FAILURE_EVENT","Status":15,"Text":"hi"}';
    expect(cti('encode', '--version', '19', json).lines[0]).toBe('0000000900000002' + '0000000f' + '070368690' + '0');
    expect(JSON.parse(cti('decode', '--version', '19', '0000000900000002 0000000f 07036869 00').lines[0]!)).toMatchObject({ Text: 'hi' });
  });

  it('decodes a raw byte stream, one line per frame, reading the version from its OPEN_REQ', () => {
    const open = sampleMessage('OPEN_REQ', seededRandom(1), { version: 19 }) as Message<'OPEN_REQ'>;
    const frames = [
      encode({ ...open, VersionNumber: 19 }, { version: 19 }),
      encode({ MessageType: 'FAILURE_EVENT', Status: 15, Text: 'offline' }, { version: 19 }),
      encode({ MessageType: 'HEARTBEAT_REQ', InvokeID: 2 }, { version: 19 }),
    ];
    const file = path.join(dir, 'stream.bin');
    writeFileSync(file, Buffer.concat(frames));
    const result = cti('decode', '--stream', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.map((l) => JSON.parse(l).MessageType)).toEqual(['OPEN_REQ', 'FAILURE_EVENT', 'HEARTBEAT_REQ']);
    expect(JSON.parse(result.lines[1]!).Text).toBe('offline');
  });

  it('names the byte where a stream breaks off', () => {
    const file = path.join(dir, 'cut.bin');
    const frame = encode({ MessageType: 'HEARTBEAT_REQ', InvokeID: 2 });
    writeFileSync(file, Buffer.concat([frame, frame.subarray(0, 10)]));
    const result = cti('decode', '--stream', file);
    expect(result.lines).toHaveLength(1);
    expectInputError(result, 'stream ends inside the message at byte 12');
  });
});

describe('cti decode --pcap', () => {
  const CLIENT = '10.1.2.3:50123';
  const SERVER = '10.1.2.4:42027';
  const EPOCH = 1_764_590_400; // 2025-12-01T12:00:00Z

  it('reassembles both directions of a capture and prints each frame with its time and direction', () => {
    const open = encode(sampleMessage('OPEN_REQ', seededRandom(3), { version: 24 }));
    const conf = encode({ MessageType: 'HEARTBEAT_CONF', InvokeID: 9 });
    const packets = [
      // The OPEN_REQ arrives in two segments, the second one retransmitted.
      ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1000, payload: open.subarray(0, 20) }),
      ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1020, payload: open.subarray(20) }),
      ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1020, payload: open.subarray(20) }),
      ethernetIpv4Tcp({ src: SERVER, dst: CLIENT, seq: 7000, payload: conf }),
    ];
    const file = path.join(dir, 'capture.pcap');
    writeFileSync(file, pcapFile(packets.map((data, i) => ({ seconds: EPOCH, fraction: i * 1000, data })), { linkType: 1 }));
    const result = cti('decode', '--pcap', file);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.lines.map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.direction, l.MessageType])).toEqual([
      ['client->server', 'OPEN_REQ'],
      ['server->client', 'HEARTBEAT_CONF'],
    ]);
    expect(lines[0]).toMatchObject({ time: '2025-12-01T12:00:00.001Z', src: CLIENT, dst: SERVER, MessageTypeId: 3 });
    expect(lines[1]).toMatchObject({ time: '2025-12-01T12:00:00.003Z', InvokeID: 9 });
  });

  it('reports a frame that does not decode in one line, decodes the frames after it, and exits with 3', () => {
    const open = encode(sampleMessage('OPEN_REQ', seededRandom(4), { version: 24 }));
    // Framing holds (MessageLength 2 and two bytes), but HEARTBEAT_REQ's fixed part needs 4.
    const bad = Uint8Array.of(0, 0, 0, 2, 0, 0, 0, 5, 0xab, 0xcd);
    const after = encode({ MessageType: 'HEARTBEAT_REQ', InvokeID: 3 });
    const conf = encode({ MessageType: 'HEARTBEAT_CONF', InvokeID: 3 });
    const packets = [
      ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1000, payload: open }),
      ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1000 + open.length, payload: bad }),
      ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1000 + open.length + bad.length, payload: after }),
      ethernetIpv4Tcp({ src: SERVER, dst: CLIENT, seq: 7000, payload: conf }),
    ];
    const file = path.join(dir, 'bad-frame.pcap');
    writeFileSync(file, pcapFile(packets.map((data, i) => ({ seconds: EPOCH, fraction: i * 1000, data })), { linkType: 1 }));
    const result = cti('decode', '--pcap', file);
    expect(result.code).toBe(3);
    expect(result.lines.map((l) => JSON.parse(l).MessageType)).toEqual(['OPEN_REQ', 'HEARTBEAT_REQ', 'HEARTBEAT_CONF']);
    const problems = result.stderr.trim().split('\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe(
      `cti: error: 2025-12-01T12:00:00.001Z client->server ${CLIENT} → ${SERVER}, packet 2: the frame of MessageType 5 (HEARTBEAT_REQ), ` +
        '10 bytes, does not decode as version 24: HEARTBEAT_REQ at offset 8: fixed part ends before InvokeID (UINT, 4 bytes); going on with the next frame',
    );
  });

  it('reads Linux cooked captures over IPv6 and filters by --port', () => {
    const heartbeat = encode({ MessageType: 'HEARTBEAT_REQ', InvokeID: 1 });
    const packets = [
      sllIpv6Tcp({ src: '[2001:db8::1]:50000', dst: '[2001:db8::2]:9999', seq: 1, payload: heartbeat }),
      sllIpv6Tcp({ src: '[2001:db8::1]:50001', dst: '[2001:db8::2]:8888', seq: 1, payload: heartbeat }),
    ];
    const file = path.join(dir, 'cooked.pcap');
    writeFileSync(file, pcapFile(packets.map((data, i) => ({ seconds: EPOCH, fraction: i, data })), { linkType: 113 }));
    const result = cti('decode', '--pcap', file, '--port', '9999');
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines).toHaveLength(1);
    expect(JSON.parse(result.lines[0]!)).toMatchObject({ direction: 'client->server', dst: '[2001:db8::2]:9999', MessageType: 'HEARTBEAT_REQ' });
  });
});

describe('cti: bad input is one line on stderr and exit code 2', () => {
  it.each([
    [['decode', '0000000'], 'odd number of hex digits'],
    [['decode', '00000004 0000000z'], 'not hexadecimal: "z"'],
    [['decode', '00000008 00000005 00000001'], 'MessageLength says 8 body bytes but the frame has 4'],
    [['decode', '00000002 00000005 0000'], 'HEARTBEAT_REQ at offset 8: fixed part ends before InvokeID'],
    [['encode', '{"MessageType":"HEARTBEAT_REQUEST","InvokeID":1}'], 'unknown MessageType "HEARTBEAT_REQUEST"'],
    [['encode', '{"MessageType":"HEARTBEAT_REQ","InvokeID":4294967296}'], 'HEARTBEAT_REQ.InvokeID: 4294967296 is out of range for UINT'],
    [['encode', '{"MessageType":"HEARTBEAT_REQ","Invoke":1}'], 'HEARTBEAT_REQ has no field "Invoke"'],
    [['encode', '{"MessageType":"HEARTBEAT_REQ"'], 'JSON is not valid'],
    [['decode', '--pcap', '/nonexistent/capture.pcap'], 'no such file'],
    [['decode', '--version', '99', '00'], 'protocol version is a number from 13 to 25'],
    [['decode'], 'give exactly one of'],
  ])('cti %j', (args, message) => {
    expectInputError(cti(...(args as string[])), message);
  });

  it('an unreadable capture', () => {
    const file = path.join(dir, 'not-a-capture.pcap');
    writeFileSync(file, 'this is not a capture file at all');
    const result = cti('decode', '--pcap', file);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
