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
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_PROTOCOL_VERSION, Ged188EncodeError, MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION, encode, encodeUnknown } from '../ged188/index.js';
import { CaptureError, readGed188Capture } from './capture/ged188-capture.js';
import { decodeAt, splitStream, versionFromOpen } from './frame-stream.js';
import { InputError, parseHex, toHex } from './hex.js';
import { fromJson, toJson } from './message-json.js';
import { addMonitorCommand } from './monitor.js';
import { readInputFile } from './input-file.js';
import { addSettingsCommand, ProblemsError } from './settings/settings-command.js';
import { serverPort } from '../command-line/port-arguments.js';
import { protocolVersion } from './arguments.js';

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
      decodeCapture(options.pcap!, options.version, options.port);
    }
  });

function decodeCapture(file: string, fixedVersion: number | undefined, serverPort: number | undefined): void {
  const entries = readGed188Capture(readInputFile(file), serverPort === undefined ? {} : { port: serverPort });
  // Each conversation is read with the version its own OPEN_REQ asked for.
  const versions = new Map<string, number>();
  for (const entry of entries) {
    if ('kind' in entry) {
      const where = entry.src === undefined ? '' : ` ${entry.src} → ${entry.dst}`;
      process.stderr.write(`cti: warning: ${entry.time}${where}: ${entry.message}\n`);
      continue;
    }
    const conversation = [entry.src, entry.dst].sort().join(' ');
    if (!versions.has(conversation)) versions.set(conversation, fixedVersion ?? versionFromOpen(entry.frame, DEFAULT_PROTOCOL_VERSION));
    const message = decodeAt(entry.frame, versions.get(conversation)!, `${file}, ${entry.time} ${entry.src} → ${entry.dst}`);
    print({ time: entry.time, direction: entry.direction, src: entry.src, dst: entry.dst, ...toJson(message) });
  }
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
