/** CTI Server's duplex pair: side A and side B (ged188.md §2.11). */
export type Side = 'A' | 'B';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/** Either side may be absent, but not both (enforced where the config is parsed). */
export type SideEndpoints = Readonly<Partial<Record<Side, Endpoint>>>;

export function formatEndpoint(endpoint: Endpoint): string {
  return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}

/** The side to try after `side`: the other one when it is configured, else the same one again. */
export function alternateSide(sides: SideEndpoints, side: Side): Side {
  const other: Side = side === 'A' ? 'B' : 'A';
  return sides[other] ? other : side;
}

export function firstSide(sides: SideEndpoints): Side {
  return sides.A ? 'A' : 'B';
}

/**
 * Parses `HOST:PORT` (or `[v6-address]:PORT`). Returns the endpoint, or a sentence
 * saying what is wrong with the text, for command lines and config files alike.
 */
export function parseEndpoint(text: string): Endpoint | { readonly error: string } {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || host === undefined) {
    return { error: `"${text}" is not HOST:PORT (for example 127.0.0.1:42027)` };
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { error: `"${text}" has port ${match[3]}; a port is a number from 1 to 65535` };
  }
  return { host, port };
}
