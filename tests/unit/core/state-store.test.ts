import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  StateEventSchema,
  applyStateEvent,
  initialAppState,
  type AppState,
  type ChatMessage,
  type MonitorAgent,
  type StateEvent,
  type TeamMember,
} from '../../../contract/index.js';
import { StateStore } from '../../../main/core/state-store.js';

const initial = (): AppState => initialAppState({ state: 'stopped', since: 0 });

const member = (agentId: string, teamId: number, state: TeamMember['state']): TeamMember => ({
  agentId,
  teamId,
  supervisor: false,
  primarySupervisor: false,
  state,
  reasonCode: 0,
  since: 0,
  buttons: [],
});
const chat = (n: number, text = `m${n}`): ChatMessage => ({ id: `chat-${n}`, direction: 'in', from: '1001', to: 'me', text, at: n });
const monitorAgent = (agentId: string, agentState: string): MonitorAgent => ({ agentId, peripheralId: 5000, agentState });

/** One thing a mode may report, drawn from every kind of operation the stream carries. */
type Action = (store: StateStore) => void;
const agentIds = fc.constantFrom('1001', '1002', '1003', '1010', '2001');
const actions: fc.Arbitrary<Action> = fc.oneof(
  fc.tuple(agentIds, fc.constantFrom(1, 2), fc.constantFrom('available', 'talking', 'not-ready') as fc.Arbitrary<TeamMember['state']>).map(
    ([id, team, state]): Action => (s) => s.upsert('teamMembers', member(id, team, state)),
  ),
  fc.tuple(agentIds, fc.constantFrom(1, 2)).map(([id, team]): Action => (s) => s.remove('teamMembers', `${team}.${id}`)),
  fc.boolean().map((enabled): Action => (s) => s.set('team', { enabled, teams: [], members: enabled ? [member('1005', 1, 'available')] : [] })),
  fc.boolean().map((enabled): Action => (s) => s.merge('team', { enabled, teams: [{ teamId: 1, name: 'Sales' }] })),
  fc.boolean().map((on): Action => (s) => (on ? s.merge('team', { watched: { agentId: '1001', monitoring: true, calls: [] } }) : s.merge('team', {}, ['watched']))),
  // The same item again with other content: replaced in place, in an unordered collection.
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.string({ maxLength: 4 })).map(([n, text]): Action => (s) => s.upsert('chatMessages', chat(n, text))),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('assist', 'emergency') as fc.Arbitrary<'assist' | 'emergency'>).map(
    ([n, kind]): Action => (s) => s.upsert('alerts', { id: `alert-${n}`, kind, agentId: '1001', at: n }),
  ),
  fc.integer({ min: 1, max: 4 }).map((n): Action => (s) => s.remove('alerts', `alert-${n}`)),
  fc.integer({ min: 1, max: 6 }).map((n): Action => (s) => s.remove('chatMessages', `chat-${n}`)),
  fc.string({ maxLength: 8 }).map((message): Action => (s) => s.set('lastError', { message, at: 1 })),
  fc.boolean().map((on): Action => (s) => s.set('monitor', on ? { filter: 'AgentID=*', established: false, agents: [], calls: [] } : null)),
  fc.tuple(agentIds, fc.constantFrom('eAvailable', 'eTalking')).map(([id, state]): Action => (s) => s.upsert('monitorAgents', monitorAgent(id, state))),
  fc.boolean().map((established): Action => (s) => s.merge('monitor', { established })),
  fc.constant<Action>((s) => s.flush()),
);

describe('the keyed state stream', () => {
  afterEach(() => vi.useRealTimers());

  it('any sequence of patches applied to the snapshot equals the store', () => {
    fc.assert(
      fc.property(fc.array(actions, { maxLength: 60 }), fc.integer({ min: 0, max: 60 }), (steps, subscribeAt) => {
        vi.useFakeTimers();
        const store = new StateStore(initial(), { frameMs: 16, clock: () => Date.now() });
        let view: AppState | undefined;
        let seq = -1;
        const receive = (event: StateEvent) => {
          // Through JSON and the schema, as a view gets it.
          const wire = StateEventSchema.parse(JSON.parse(JSON.stringify(event)));
          if (wire.kind === 'patch') expect(wire.seq).toBe(seq + 1);
          seq = wire.seq;
          view = applyStateEvent(view, wire);
        };
        steps.forEach((step, i) => {
          if (i === subscribeAt) store.subscribe(receive);
          step(store);
        });
        if (subscribeAt >= steps.length) store.subscribe(receive);
        store.flush();
        expect(view).toEqual(store.current);
        vi.useRealTimers();
      }),
      { numRuns: 300 },
    );
  });

  it('keeps team rows in team and agent order however they arrive', () => {
    const store = new StateStore(initial());
    for (const id of ['1010', '1002', '1001']) store.upsert('teamMembers', member(id, 1, 'available'));
    store.upsert('teamMembers', member('1003', 0, 'available'));
    expect(store.current.team.members.map((m) => `${m.teamId}.${m.agentId}`)).toEqual(['0.1003', '1.1001', '1.1002', '1.1010']);
  });

  it('publishes the first change after a quiet frame at once and coalesces the rest to one patch per frame', async () => {
    vi.useFakeTimers();
    const store = new StateStore(initial(), { frameMs: 16, clock: () => Date.now() });
    const patches: StateEvent[] = [];
    store.subscribe((event) => {
      if (event.kind === 'patch') patches.push(event);
    });
    store.set('lastError', { message: 'first', at: 1 });
    await Promise.resolve();
    expect(patches).toHaveLength(1);

    // A burst inside the next frame: one patch, with the last value of each item.
    for (let i = 0; i < 100; i++) store.upsert('teamMembers', member('1001', 1, i % 2 === 0 ? 'talking' : 'available'));
    store.set('lastError', { message: 'second', at: 2 });
    store.set('lastError', { message: 'third', at: 3 });
    await Promise.resolve();
    expect(patches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(16);
    expect(patches).toHaveLength(2);
    const ops = patches[1]!.kind === 'patch' ? patches[1]!.ops : [];
    expect(ops).toEqual([
      { op: 'upsert', collection: 'teamMembers', item: member('1001', 1, 'available') },
      { op: 'set', part: 'lastError', value: { message: 'third', at: 3 } },
    ]);
  });

  it('does not publish the removal of an item the view never had', () => {
    const store = new StateStore(initial());
    const events: StateEvent[] = [];
    store.subscribe((event) => events.push(event));
    store.remove('chatMessages', 'chat-1');
    store.flush();
    expect(events).toHaveLength(1);
  });
});
