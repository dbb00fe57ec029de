/**
 * Parsers for the `cti` command's arguments: each turns text into a value or
 * throws commander's InvalidArgumentError with a sentence saying what is allowed.
 */
import { InvalidArgumentError } from 'commander';
import { MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION } from '../ged188/index.js';
import { parseEndpoint, type Endpoint } from '../main/cti/endpoints.js';

export function protocolVersion(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < MIN_PROTOCOL_VERSION || number > MAX_PROTOCOL_VERSION) {
    throw new InvalidArgumentError(`a protocol version is a number from ${MIN_PROTOCOL_VERSION} to ${MAX_PROTOCOL_VERSION}.`);
  }
  return number;
}

export function endpoint(value: string): Endpoint {
  const parsed = parseEndpoint(value);
  if ('error' in parsed) throw new InvalidArgumentError(`${parsed.error}.`);
  return parsed;
}
