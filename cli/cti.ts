/**
 * `cti`: the GED-188 tool for developers of CTI integrations and support engineers.
 *   cti decode [--version N] HEX
 *   cti decode [--version N] --stream FILE
 *   cti decode [--version N] --pcap FILE [--port P]
 *   cti encode [--version N] JSON
 *   cti monitor --a HOST:PORT [--b HOST:PORT] [--version N] [--peripheral-id N] [--filter F] [--heartbeat S]
 *   cti settings import-reg [--server INSTANCE\SERVER] FILE
 *   cti settings validate FILE
 * Bad input: one line on stderr per problem, naming it and where, exit code 2.
 * decode --pcap: a frame that does not decode is one line on stderr, the rest is decoded, exit code 3.
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_PROTOCOL_VERSION, Ged188EncodeError, MAX_PROTOCOL_VERSION, MESSAGE_TYPES, MIN_PROTOCOL_VERSION, decode, encode, encodeUnknown } from '../ged188/index.js';
import { CaptureError, readGed188Capture } from './capture/ged188-capture.js';
import { decodeAt, splitStream, versionFromOpen } from './frame-stream.js';
import { InputError, parseHex, toHex } from './hex.js';
import { fromJson, toJson } from './message-json.js';
import { addMonitorCommand } from './monitor.js';
import { readInputFile } from './input-file.js';
import { addSettingsCommand, ProblemsError } from './settings/settings-command.js';
import { serverPort } from '../command-line/port-arguments.js';
import { protocolVersion } from './arguments.js';

/** `decode --pcap`: everything else was decoded, but at least one frame was not. */
const UNDECODABLE_FRAMES_EXIT = 3;

const print = (object: unknown) => process.stdout.write(`${JSON.stringify(object)}\n`);

const versionOption = () =>
  new Option('--version <n>', `protocol version (${MIN_PROTOCOL_VERSION}-${MAX_PROTOCOL_VERSION}); default ${DEFAULT_PROTOCOL_VERSION}, or for a stream or capture the one its OPEN_REQ asks for`).argParser(protocolVersion);

const program = new Command('cti')
  .description('Decode and encode Cisco CTI Server (GED-188) messages; monitor; import and check desktop settings')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'cti: ')) });

program
  .command('decode')
  .description('decode a frame given as hex, a raw captured byte stream, or a libpcap capture; one JSON object per line')
  .argument('[hex...]', 'one whole frame: MessageLength, MessageType, body (spaces allowed, quoted or not)')
  .addOption(versionOption())
  .option('--stream <file>', 'a file holding a raw TCP byte stream of frames')
  .option('--pcap <file>', 'a libpcap (or pcapng) capture; both directions, reassembled')
  .option('--port <port>', 'with --pcap: the CTI Server port (default: 42027/43027/42028/43028, else guessed)', serverPort)
  .exitOverride()
  .action((words: string[], options: { version?: number; stream?: string; pcap?: string; port?: number }) => {
    const hex = words.length > 0 ? words.join(' ') : undefined;
    const sources = [hex !== undefined, options.stream !== undefined, options.pcap !== undefined].filter(Boolean).length;
    if (sources !== 1) throw new InputError('give exactly one of: HEX, --stream FILE, --pcap FILE');
    if (options.port !== undefined && options.pcap === undefined) throw new InputError('--port goes with --pcap');
    if (hex !== undefined) {
      print(toJson(decodeAt(parseHex(hex), options.version ?? DEFAULT_PROTOCOL_VERSION, 'frame')));
    } else if (options.stream !== undefined) {
      let streamVersion = options.version;
      for (const { frame, offset } of splitStream(readInputFile(options.stream))) {
        streamVersion ??= versionFromOpen(frame, DEFAULT_PROTOCOL_VERSION);
        print(toJson(decodeAt(frame, streamVersion, `${options.stream}, message at byte ${offset}`)));
      }
    } else {
      // Exit status 3: the capture was read, but some frames in it did not decode (each reported).
      if (decodeCapture(options.pcap!, options.version, options.port) > 0) process.exitCode = UNDECODABLE_FRAMES_EXIT;
    }
  });

/**
 * Prints every frame of a capture it can decode, in time order. A frame that does not decode
 * is reported on stderr in one line (time, direction, endpoints, packet, what was wrong) and
 * the next frame is decoded, since the stream's framing still holds; returns how many did not.
 */
function decodeCapture(file: string, fixedVersion: number | undefined, serverPort: number | undefined): number {
  const entries = readGed188Capture(readInputFile(file), serverPort === undefined ? {} : { port: serverPort });
  // Each conversation is read with the version its own OPEN_REQ asked for.
  const versions = new Map<string, number>();
  let undecodable = 0;
  for (const entry of entries) {
    if ('kind' in entry) {
      const where = entry.src === undefined ? '' : ` ${entry.src} → ${entry.dst}`;
      process.stderr.write(`cti: warning: ${entry.time}${where}: ${entry.message}\n`);
      continue;
    }
    const conversation = [entry.src, entry.dst].sort().join(' ');
    if (!versions.has(conversation)) versions.set(conversation, fixedVersion ?? versionFromOpen(entry.frame, DEFAULT_PROTOCOL_VERSION));
    const version = versions.get(conversation)!;
    let message;
    try {
      message = decode(entry.frame, { version });
    } catch (error) {
      undecodable += 1;
      process.stderr.write(
        `cti: error: ${entry.time} ${entry.direction} ${entry.src} → ${entry.dst}, packet ${entry.packet}: ` +
          `${describeFrame(entry.frame)} does not decode as version ${version}: ${(error as Error).message}; going on with the next frame\n`,
      );
      continue;
    }
    print({ time: entry.time, direction: entry.direction, src: entry.src, dst: entry.dst, ...toJson(message) });
  }
  return undecodable;
}

/** "MessageType 5 (HEARTBEAT_REQ), 12 bytes": what the header of a frame that would not decode says. */
function describeFrame(frame: Uint8Array): string {
  const type = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(4);
  const name = MESSAGE_TYPES.get(type)?.name;
  return `the frame of MessageType ${type}${name === undefined ? '' : ` (${name})`}, ${frame.length} bytes,`;
}

program
  .command('encode')
  .description('encode a message given as JSON (the form decode prints); prints the whole frame as hex')
  .argument('<json>', 'e.g. \'{"MessageType":"HEARTBEAT_REQ","InvokeID":1}\'')
  .addOption(versionOption())
  .exitOverride()
  .action((json: string, options: { version?: number }) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new InputError(`JSON is not valid: ${(error as Error).message}`);
    }
    const message = fromJson(parsed);
    const frame =
      message.MessageType === 'UNKNOWN' ? encodeUnknown(message) : encode(message, { version: options.version ?? DEFAULT_PROTOCOL_VERSION });
    process.stdout.write(`${toHex(frame)}\n`);
  });

addMonitorCommand(program);
addSettingsCommand(program);

try {
  program.parse();
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  if (error instanceof ProblemsError) {
    for (const line of error.lines) process.stderr.write(`${line}\n`);
    process.exit(2);
  }
  if (error instanceof InputError || error instanceof Ged188EncodeError || error instanceof CaptureError) {
    process.stderr.write(`cti: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`cti: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
