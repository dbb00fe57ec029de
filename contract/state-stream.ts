import { z } from 'zod';
import { AgentCallSchema } from './agent.js';
import type { AppState } from './app-state.js';
import { AppStateSchema } from './app-state.js';
import { ChatMessageSchema } from './chat.js';
import { ConnectionEventSchema } from './health.js';
import { MonitorAgentSchema, MonitorCallSchema } from './monitor.js';
import { SkillGroupStatisticsSchema } from './statistics.js';
import { SupervisorAlertSchema, TeamMemberSchema } from './supervisor.js';
import { TransferTargetSchema } from './transfer-targets.js';

/**
 * The keyed state stream. A patch is a list of operations: `set` replaces one
 * top-level part of AppState, `merge` replaces some fields of one (leaving its
 * collections alone), and `upsert`/`remove` change one item of a keyed collection.
 * So one team member's new state costs one member on the wire and one lookup on
 * each side, whatever the size of the team.
 *
 * Each collection is one row of this table: where it lives in the state, its item
 * schema and its key. Items keep the order they were first upserted in; an upsert of
 * a known key replaces the item in place.
 */
export interface CollectionDefinition<Item> {
  readonly item: z.ZodType<Item>;
  readonly key: (item: Item) => string;
  readonly read: (state: AppState) => readonly Item[];
  /** Returns the state with the collection replaced; a collection whose part is absent (monitor null) stays absent. */
  readonly write: (state: AppState, items: Item[]) => AppState;
  /** The top-level part that holds it: a `set` of that part replaces the collection too. */
  readonly part: PartName;
  /** Where a new item goes: in this order, else last. */
  readonly order?: (a: Item, b: Item) => number;
}

const collection = <Item>(definition: CollectionDefinition<Item>) => definition;

export const STATE_COLLECTIONS = {
  calls: collection({
    item: AgentCallSchema,
    key: (c) => c.call.key,
    read: (s) => s.calls,
    write: (s, calls) => ({ ...s, calls }),
    part: 'calls',
  }),
  /** An agent may be in several of the supervisor's teams: one row per team. */
  teamMembers: collection({
    item: TeamMemberSchema,
    key: (m) => teamMemberKey(m),
    read: (s) => s.team.members,
    write: (s, members) => ({ ...s, team: { ...s.team, members } }),
    part: 'team',
    order: (a, b) => compareTeamMembers(a, b),
  }),
  alerts: collection({
    item: SupervisorAlertSchema,
    key: (a) => a.id,
    read: (s) => s.alerts,
    write: (s, alerts) => ({ ...s, alerts }),
    part: 'alerts',
  }),
  chatMessages: collection({
    item: ChatMessageSchema,
    key: (m) => m.id,
    read: (s) => s.chat.messages,
    write: (s, messages) => ({ ...s, chat: { ...s.chat, messages } }),
    part: 'chat',
  }),
  skillGroupStatistics: collection({
    item: SkillGroupStatisticsSchema,
    key: (g) => String(g.skillGroupId),
    read: (s) => s.statistics.skillGroups,
    write: (s, skillGroups) => ({ ...s, statistics: { ...s.statistics, skillGroups } }),
    part: 'statistics',
  }),
  connectionEvents: collection({
    item: ConnectionEventSchema,
    key: (e) => String(e.seq),
    read: (s) => s.connectionEvents,
    write: (s, connectionEvents) => ({ ...s, connectionEvents }),
    part: 'connectionEvents',
  }),
  monitorAgents: collection({
    item: MonitorAgentSchema,
    key: (a) => `${a.peripheralId}.${a.agentId}`,
    read: (s) => s.monitor?.agents ?? [],
    write: (s, agents) => (s.monitor ? { ...s, monitor: { ...s.monitor, agents } } : s),
    part: 'monitor',
  }),
  monitorCalls: collection({
    item: MonitorCallSchema,
    key: (c) => `${c.peripheralId}.${c.connectionCallId}`,
    read: (s) => s.monitor?.calls ?? [],
    write: (s, calls) => (s.monitor ? { ...s, monitor: { ...s.monitor, calls } } : s),
    part: 'monitor',
  }),
  transferTargets: collection({
    item: TransferTargetSchema,
    key: (t) => t.agentId,
    read: (s) => s.transferTargets.targets,
    write: (s, targets) => ({ ...s, transferTargets: { ...s.transferTargets, targets } }),
    part: 'transferTargets',
  }),
} as const;

export type CollectionName = keyof typeof STATE_COLLECTIONS;
export type CollectionItem<C extends CollectionName> = z.infer<(typeof STATE_COLLECTIONS)[C]['item']>;
export type PartName = keyof AppState;

/** Team rows by team, then agent id in numeric order (1002 before 1010). */
export function compareTeamMembers(a: { readonly teamId: number; readonly agentId: string }, b: { readonly teamId: number; readonly agentId: string }): number {
  return a.teamId - b.teamId || a.agentId.localeCompare(b.agentId, undefined, { numeric: true });
}

/** The key of a team member row (agent and team). */
export function teamMemberKey(member: { readonly teamId: number; readonly agentId: string }): string {
  return `${member.teamId}.${member.agentId}`;
}

/** The fields of a part that `merge` may change: objects only, never their collections. */
const MERGEABLE_PARTS = {
  team: AppStateSchema.shape.team.omit({ members: true }).partial(),
  statistics: AppStateSchema.shape.statistics.omit({ skillGroups: true }).partial(),
  monitor: AppStateSchema.shape.monitor.unwrap().omit({ agents: true, calls: true }).partial(),
  transferTargets: AppStateSchema.shape.transferTargets.omit({ targets: true }).partial(),
} as const;
export type MergeablePart = keyof typeof MERGEABLE_PARTS;
export type PartMerge<P extends MergeablePart> = z.infer<(typeof MERGEABLE_PARTS)[P]>;

const setOps = (Object.keys(AppStateSchema.shape) as PartName[]).map((part) =>
  z.object({ op: z.literal('set'), part: z.literal(part), value: AppStateSchema.shape[part] }),
);
const mergeOps = (Object.keys(MERGEABLE_PARTS) as MergeablePart[]).map((part) =>
  z.object({
    op: z.literal('merge'),
    part: z.literal(part),
    value: MERGEABLE_PARTS[part],
    /** Optional fields to remove (JSON cannot carry `undefined`). */
    unset: z.array(z.string()).optional(),
  }),
);
const upsertOps = (Object.keys(STATE_COLLECTIONS) as CollectionName[]).map((name) =>
  z.object({ op: z.literal('upsert'), collection: z.literal(name), item: STATE_COLLECTIONS[name].item }),
);
const removeOp = z.object({ op: z.literal('remove'), collection: z.enum(Object.keys(STATE_COLLECTIONS) as [CollectionName, ...CollectionName[]]), key: z.string() });

export const StateOpSchema = z.union([...setOps, ...mergeOps, ...upsertOps, removeOp] as unknown as [z.ZodType<StateOp>, z.ZodType<StateOp>]);

export type SetOp = { [P in PartName]: { readonly op: 'set'; readonly part: P; readonly value: AppState[P] } }[PartName];
export type MergeOp = { [P in MergeablePart]: { readonly op: 'merge'; readonly part: P; readonly value: PartMerge<P>; readonly unset?: string[] } }[MergeablePart];
export type UpsertOp = { [C in CollectionName]: { readonly op: 'upsert'; readonly collection: C; readonly item: CollectionItem<C> } }[CollectionName];
export type RemoveOp = { readonly op: 'remove'; readonly collection: CollectionName; readonly key: string };
export type StateOp = SetOp | MergeOp | UpsertOp | RemoveOp;

/** Applies operations in order; the input is not changed. */
export function applyStateOps(state: AppState, ops: readonly StateOp[]): AppState {
  let next = state;
  for (const op of ops) next = applyStateOp(next, op);
  return next;
}

export function applyStateOp(state: AppState, op: StateOp): AppState {
  switch (op.op) {
    case 'set':
      return { ...state, [op.part]: op.value };
    case 'merge': {
      const current = state[op.part];
      if (current === null) return state;
      const merged: Record<string, unknown> = { ...current, ...op.value };
      for (const field of op.unset ?? []) delete merged[field];
      return { ...state, [op.part]: merged };
    }
    case 'upsert':
      return upsertItem(state, op.collection, op.item);
    case 'remove': {
      const definition = collectionDefinition(op.collection);
      const items = definition.read(state);
      const index = items.findIndex((item) => definition.key(item) === op.key);
      return index === -1 ? state : definition.write(state, items.filter((_, i) => i !== index));
    }
  }
}

function upsertItem(state: AppState, name: CollectionName, item: unknown): AppState {
  const definition = collectionDefinition(name);
  const key = definition.key(item);
  const items = definition.read(state);
  const index = items.findIndex((candidate) => definition.key(candidate) === key);
  const copy = [...items];
  if (index !== -1) copy[index] = item;
  else if (definition.order) copy.splice(insertionPoint(copy, item, definition.order), 0, item);
  else copy.push(item);
  return definition.write(state, copy);
}

/** The first position whose item sorts after `item` (binary search). */
function insertionPoint<Item>(items: readonly Item[], item: Item, order: (a: Item, b: Item) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(items[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A collection's row of the table with its item type erased (the table is keyed by name). */
export function collectionDefinition(name: CollectionName): CollectionDefinition<unknown> {
  return STATE_COLLECTIONS[name] as unknown as CollectionDefinition<unknown>;
}

/** The key of an item of `collection`. */
export function collectionKey<C extends CollectionName>(collection: C, item: CollectionItem<C>): string {
  return (STATE_COLLECTIONS[collection] as unknown as CollectionDefinition<CollectionItem<C>>).key(item);
}

/** The parts whose value holds keyed collections (a `set` of one replaces them whole). */
export const PARTS_WITH_COLLECTIONS: ReadonlySet<PartName> = new Set(Object.values(STATE_COLLECTIONS).map((c) => c.part));

/**
 * The state stream: one snapshot when a view subscribes, then patches in order.
 * `seq` increases by one per event so a view can tell it missed one and resubscribe.
 */
export const StateEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), seq: z.number().int().nonnegative(), state: AppStateSchema }),
  z.object({ kind: z.literal('patch'), seq: z.number().int().positive(), ops: z.array(StateOpSchema).min(1) }),
]);

export type StateEvent = z.infer<typeof StateEventSchema>;

/** Applies one stream event to a view's copy of the state. */
export function applyStateEvent(state: AppState | undefined, event: StateEvent): AppState | undefined {
  if (event.kind === 'snapshot') return event.state;
  return state === undefined ? undefined : applyStateOps(state, event.ops);
}

/** How the modes in main report their changes to the state model: they know what changed, so nothing is diffed. */
export interface StateWriter {
  set<P extends PartName>(part: P, value: AppState[P]): void;
  /** Changes some fields of a part that holds collections, leaving the collections alone. */
  merge<P extends MergeablePart>(part: P, value: PartMerge<P>, unset?: readonly string[]): void;
  upsert<C extends CollectionName>(collection: C, item: CollectionItem<C>): void;
  remove(collection: CollectionName, key: string): void;
}
