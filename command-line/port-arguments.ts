/**
 * Port arguments for the project's command lines (the simulator, the browser host and
 * `cti`): each parser turns text into a port or throws commander's InvalidArgumentError
 * with a sentence saying what is allowed. Every command line may import this folder;
 * it imports nothing but commander.
 */
import { InvalidArgumentError } from 'commander';

const MAX_PORT = 65535;

function portFrom(value: string, min: 0 | 1, rule: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > MAX_PORT) throw new InvalidArgumentError(rule);
  return number;
}

/** A port to listen on: 0 lets the system pick a free one. */
export function listenPort(value: string): number {
  return portFrom(value, 0, `a port is a number from 0 to ${MAX_PORT} (0 picks a free one).`);
}

/** A port a server listens on, to connect to or to recognise in a capture: 0 is no such port. */
export function serverPort(value: string): number {
  return portFrom(value, 1, `a port is a number from 1 to ${MAX_PORT}.`);
}
