import type { AppState, ComponentStatus, ConnectionEvent, PgStatusFlag } from '../../contract/index.js';
import type { Phrase } from './connection-text.js';

/** How a row looks: a component's status, or `info` for a fact without a status (attempts, last error). */
export type HealthLook = ComponentStatus | 'info' | 'attention';

/**
 * One line of the health details: what it is about, how it looks, and what to say.
 * The rows are built from main's state by one table (HEALTH_ROWS); a new part of the
 * health model (e.g. a standby session) is one more entry there.
 */
export interface HealthRow {
  /** Stable and unique: the list key and the test hook. */
  readonly id: string;
  readonly label: Phrase;
  readonly look: HealthLook;
  /** Said one after another, comma-separated (a status and its flags, a source and its state). */
  readonly value: readonly Phrase[];
  /** When the shown status began (epoch ms), where main says so. */
  readonly since?: number;
}

const STATUS: Readonly<Record<ComponentStatus, Phrase>> = {
  online: { key: 'health.status.online' },
  offline: { key: 'health.status.offline' },
  unknown: { key: 'health.status.unknown' },
};

const flagPhrase = (flag: PgStatusFlag): Phrase => ({ key: `health.pgFlag.${flag}` });

type RowSource = (state: AppState) => HealthRow | readonly HealthRow[] | undefined;

/** The health details, in the order an agent (or the help desk on the phone) reads them. */
const HEALTH_ROWS: readonly RowSource[] = [
  ({ connection }) => {
    const side = connection.state === 'connected' ? connection.side : undefined;
    return {
      id: 'side',
      label: { key: 'health.row.side' },
      look: side ? 'online' : 'offline',
      value: [side && connection.state === 'connected' ? { key: 'health.side.inUse', params: { side, endpoint: connection.endpoint } } : { key: 'health.side.none' }],
      since: connection.since,
    };
  },
  ({ health: { ctiServer } }) => ({ id: 'ctiServer', label: { key: 'health.row.ctiServer' }, look: ctiServer.status, value: [STATUS[ctiServer.status]], since: ctiServer.since }),
  ({ health: { peripheralGateway: pg } }) => ({
    id: 'peripheralGateway',
    label: { key: 'health.row.peripheralGateway' },
    look: pg.status,
    value: [STATUS[pg.status], ...pg.flags.map(flagPhrase)],
    since: pg.since,
  }),
  ({ health: { centralController: cc } }) => ({ id: 'centralController', label: { key: 'health.row.centralController' }, look: cc.status, value: [STATUS[cc.status]], since: cc.since }),
  ({ health: { peripherals } }) =>
    peripherals.map((peripheral) => ({
      id: `peripheral-${peripheral.peripheralId}`,
      label: { key: 'health.row.peripheral', params: { id: peripheral.peripheralId } },
      look: peripheral.status,
      value: [STATUS[peripheral.status]],
      since: peripheral.since,
    })),
  ({ connection, connectionEvents }) => {
    const failures = connectionEvents.filter((event) => event.event === 'OnConnectionFailure').length;
    const reconnecting = connection.state === 'connecting' || connection.state === 'out-of-service';
    return {
      id: 'reconnects',
      label: { key: 'health.row.reconnects' },
      look: reconnecting ? 'attention' : 'info',
      value: [
        reconnecting ? { key: 'health.reconnects.now', params: { attempt: connection.attempt, side: connection.side } } : { key: 'health.reconnects.none' },
        { key: 'health.reconnects.failures', params: { count: failures } },
      ],
    };
  },
  ({ settings: { source }, health: { settings } }) => ({
    id: 'settings',
    label: { key: 'health.row.settings' },
    look: source.kind === 'none' ? 'info' : settings.status,
    value: [
      { key: `health.source.${source.kind}`, params: { location: source.location } },
      ...(source.kind === 'none' ? [] : [STATUS[settings.status]]),
      ...(source.fromCache ? [{ key: 'health.source.fromCache' }] : []),
      ...(settings.detail ? [{ key: 'health.source.detail', params: { detail: settings.detail } }] : []),
    ],
    since: settings.since,
  }),
  ({ agent }) =>
    agent.mode === 'agent'
      ? {
          id: 'agreement',
          label: { key: 'health.row.agreement' },
          look: agent.phase === 'restoring' || agent.checking ? 'attention' : 'info',
          value: [{ key: agent.phase === 'restoring' ? 'health.agreement.restoring' : agent.checking ? 'health.agreement.checking' : 'health.agreement.inStep' }],
        }
      : undefined,
  ({ lastError }) =>
    lastError ? { id: 'lastError', label: { key: 'health.row.lastError' }, look: 'attention', value: [{ key: 'health.lastError', params: { message: lastError.message } }], since: lastError.at } : undefined,
];

/** The health details for `state`. */
export function healthRows(state: AppState): HealthRow[] {
  return HEALTH_ROWS.flatMap((source) => source(state) ?? []);
}

/** The components whose trouble the compact line names (the rest show in the details). */
const WATCHED = ['ctiServer', 'peripheralGateway', 'centralController', 'settings'] as const;

/** The labels of the components that are offline now, for the compact line (none: all is well). */
export function offlineParts(rows: readonly HealthRow[]): Phrase[] {
  return rows.filter((row) => ((WATCHED as readonly string[]).includes(row.id) || row.id.startsWith('peripheral-')) && row.look === 'offline').map((row) => row.label);
}

/** The last time the link failed, for saying why commands are paused. */
export function lastLinkFailure(events: readonly ConnectionEvent[]): Extract<ConnectionEvent, { event: 'OnConnectionFailure' }> | undefined {
  return events.findLast((event) => event.event === 'OnConnectionFailure');
}
