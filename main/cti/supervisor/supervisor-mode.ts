import { AGENT_STATE, SERVICE, type Message, isNoneUint, readAssistBody } from '../../../ged188/index.js';
import { isDeepStrictEqual } from 'node:util';
import { MAX_SUPERVISOR_ALERTS, teamMemberKey, type CallKey, type StateWriter, type SupervisorAlert, type TeamMember, type TeamView } from '../../../contract/index.js';
import { CommandError } from '../agent/command-error.js';
import { callKey, parseCallKey } from '../calls/index.js';
import { requireDeskAgent, sendRequest, type DeskAgentSource, type DeskSessionPort } from './desk-context.js';
import * as requests from './supervisor-requests.js';
import { EMPTY_TEAM, applyMemberState, applyTeamConfig, memberView, teamView, type TeamState } from './team-state.js';
import { WatchedAgentMonitor } from './watched-agent.js';

/** The reason code the CTI OS supervisor desktop logs an agent out with (ctios.md §7.2). */
export const SUPERVISOR_LOGOUT_REASON = 999;

/**
 * Supervisor functions (ctios.md §7.2) on top of agent mode: the team view, acting on
 * team members, and the alerts agents raise; plus the agent's side of asking for help
 * (assist, emergency). The team is learnt from the configuration CTI Server sends
 * after every open, so a failover re-learns it by itself.
 */
export class SupervisorMode {
  private team: TeamState = EMPTY_TEAM;
  private enabled = false;
  /** Teams whose configuration has arrived since the last open. */
  private refreshed = new Set<number>();
  private alertList: SupervisorAlert[] = [];
  private nextAlert = 1;
  private readonly watched: WatchedAgentMonitor;
  /** The member rows as last published, by teamMemberKey: what a view holds. */
  private published = new Map<string, TeamMember>();
  /** The supervisor's own agent, state and service as the buttons last saw them. */
  private publishedSupervisor: ReturnType<SupervisorMode['supervisorInput']>;

  /**
   * `writer` receives the team part: each member row that changed (one upsert for one
   * member's new state, whatever the size of the team) and the rest by merge;
   * `alertsChanged` says the alert list changed.
   */
  constructor(
    private readonly port: DeskSessionPort,
    private readonly agent: DeskAgentSource,
    private readonly writer: StateWriter,
    private readonly alertsChanged: () => void,
    private readonly clock: () => number = Date.now,
  ) {
    this.watched = new WatchedAgentMonitor(port, () => this.publishWatched());
  }

  private supervisorInput() {
    const agent = this.agent();
    return agent ? { agentId: agent.identity.agentId, state: agent.state, inService: agent.inService } : undefined;
  }

  /** Publishes every row that differs from what was published, and removes rows no longer in the team. */
  private publishMembers(): void {
    const supervisor = this.supervisorInput();
    this.publishedSupervisor = supervisor;
    const present = new Set<string>();
    for (const member of this.team.members) {
      const key = teamMemberKey(member);
      present.add(key);
      this.publishRow(key, memberView(member, supervisor));
    }
    for (const key of this.published.keys()) {
      if (present.has(key)) continue;
      this.published.delete(key);
      this.writer.remove('teamMembers', key);
    }
  }

  /** Publishes one agent's rows (one per team it is in): what a member's state event changes. */
  private publishAgentRows(agentId: string): void {
    const supervisor = this.publishedSupervisor;
    for (const i of this.team.positions.get(agentId) ?? []) {
      const member = this.team.members[i]!;
      this.publishRow(teamMemberKey(member), memberView(member, supervisor));
    }
  }

  private publishRow(key: string, row: TeamMember): void {
    if (isDeepStrictEqual(this.published.get(key), row)) return;
    this.published.set(key, row);
    this.writer.upsert('teamMembers', row);
  }

  private publishWatched(): void {
    const watched = this.watched.view();
    if (watched) this.writer.merge('team', { watched });
    else this.writer.merge('team', {}, ['watched']);
  }

  /** Agent mode or the link changed: the buttons follow the supervisor's own state and service. */
  agentChanged(): void {
    if (!isDeepStrictEqual(this.supervisorInput(), this.publishedSupervisor)) this.publishMembers();
  }

  view(): TeamView {
    const view = teamView(this.team, this.enabled, this.supervisorInput());
    const watched = this.watched.view();
    return watched ? { ...view, watched } : view;
  }

  get alerts(): readonly SupervisorAlert[] {
    return this.alertList;
  }

  // ------------------------------------------------------------------ session events

  /** A session opened: the team comes again with the greeting, so start afresh. */
  opened(conf: Message<'OPEN_CONF'>): void {
    this.enabled = (conf.ServicesGranted & SERVICE.SUPERVISOR) !== 0;
    this.team = EMPTY_TEAM;
    this.refreshed = new Set();
    // The server forgot the device monitor with the old session: watch again.
    this.published.clear();
    this.publishedSupervisor = this.supervisorInput();
    this.writer.set('team', this.view());
    this.watched.opened(this.agent()?.identity.peripheralId, this.enabled);
  }

  message(message: Message): void {
    this.watched.message(message);
    switch (message.MessageType) {
      case 'AGENT_TEAM_CONFIG_EVENT': {
        const replacing = !this.refreshed.has(message.TeamID);
        this.refreshed.add(message.TeamID);
        const before = this.team.teams;
        this.team = applyTeamConfig(this.team, message, this.clock(), replacing);
        if (this.team.teams !== before) this.writer.merge('team', { teams: [...this.team.teams] });
        this.publishMembers();
        return;
      }
      case 'AGENT_STATE_EVENT': {
        const next = applyMemberState(this.team, message, this.clock());
        if (next !== this.team) {
          this.team = next;
          this.publishAgentRows(message.AgentID!);
        }
        // The supervisor's own state decides the barge-in / intercept buttons of every member.
        if (message.AgentID === this.agent()?.identity.agentId) this.agentChanged();
        return;
      }
      case 'SUPERVISOR_ASSIST_EVENT':
        // No table in the guide for this body: read it as the EMERGENCY_CALL_EVENT layout
        // where it is one, else still raise the alert, without the agent and call.
        this.addAlert('assist', readAssistBody(message));
        return;
      case 'EMERGENCY_CALL_EVENT':
        this.addAlert('emergency', message);
        return;
      default:
    }
  }

  private addAlert(kind: SupervisorAlert['kind'], message: Message<'EMERGENCY_CALL_EVENT'> | undefined): void {
    const at = this.clock();
    const alert: SupervisorAlert = {
      id: `alert-${this.nextAlert++}`,
      kind,
      ...(message?.AgentID ?? message?.ClientID ? { agentId: (message.AgentID ?? message.ClientID)! } : {}),
      ...(message?.AgentInstrument ? { instrument: message.AgentInstrument } : {}),
      ...(message && !isNoneUint(message.ConnectionCallID) ? { callId: callKey(message.PeripheralID, message.ConnectionCallID) } : {}),
      at,
    };
    this.alertList = [...this.alertList, alert].slice(-MAX_SUPERVISOR_ALERTS);
    this.alertsChanged();
  }

  dismissAlert(id: string): void {
    const next = this.alertList.filter((a) => a.id !== id);
    if (next.length === this.alertList.length) throw new CommandError('failed', `dismiss alert: there is no alert ${id}`);
    this.alertList = next;
    this.alertsChanged();
  }

  // ------------------------------------------------------------------ supervisor commands

  private requireSupervisor(what: string, agentId: string) {
    const agent = requireDeskAgent(this.agent, what);
    if (!this.enabled) throw new CommandError('failed', `${what}: this desktop is not set as a supervisor (SetAgent with supervisor)`);
    if (agentId === agent.identity.agentId) throw new CommandError('failed', `${what}: a supervisor acts on team members, not on itself`);
    if (this.team.members.length > 0 && !this.team.members.some((m) => m.agentId === agentId)) {
      throw new CommandError('failed', `${what}: agent ${agentId} is not in your team`);
    }
    return agent;
  }

  async makeAgentReady(agentId: string): Promise<void> {
    const what = `make agent ${agentId} ready`;
    const agent = this.requireSupervisor(what, agentId);
    await sendRequest(this.port, what, requests.setMemberState(agent.identity.peripheralId, agentId, AGENT_STATE.AVAILABLE));
  }

  async logoutAgent(agentId: string, reasonCode = SUPERVISOR_LOGOUT_REASON): Promise<void> {
    const what = `log agent ${agentId} out`;
    const agent = this.requireSupervisor(what, agentId);
    await sendRequest(this.port, what, requests.setMemberState(agent.identity.peripheralId, agentId, AGENT_STATE.LOGOUT, reasonCode));
  }

  /** Barge-in or intercept on the member's call; resolves with the call the supervisor is on. */
  async supervise(action: 'barge-in' | 'intercept', agentId: string, callId?: CallKey): Promise<{ callId: CallKey }> {
    const what = `${action} on agent ${agentId}`;
    const agent = this.requireSupervisor(what, agentId);
    const call = callId === undefined ? undefined : parseCallKey(callId);
    if (callId !== undefined && !call) throw new CommandError('invalid-argument', `${what}: ${callId} is not a call id`);
    const conf = await sendRequest(this.port, what, requests.superviseCall(agent.identity.peripheralId, action, agentId, call?.connectionCallId));
    if (conf.MessageType !== 'SUPERVISE_CALL_CONF') throw new CommandError('failed', `${what}: unexpected answer ${conf.MessageType}`);
    return { callId: callKey(agent.identity.peripheralId, conf.ConnectionCallID) };
  }

  /** See a team member's calls (a device monitor on its phone), instead of anyone watched before. */
  async watchAgent(agentId: string): Promise<void> {
    const what = `watch agent ${agentId}`;
    const agent = this.requireSupervisor(what, agentId);
    await this.watched.start(agent.identity.peripheralId, agentId, what);
  }

  async unwatchAgent(): Promise<void> {
    const what = `stop watching agent ${this.watched.agentId ?? ''}`.trimEnd();
    requireDeskAgent(this.agent, what);
    await this.watched.stop(what);
  }

  // ------------------------------------------------------------------ agent commands

  /** Supervisor assist or emergency call from this agent, about one of its calls or none. */
  async callForHelp(kind: 'assist' | 'emergency', callId?: CallKey): Promise<void> {
    const what = kind === 'assist' ? 'supervisor assist' : 'emergency call';
    const agent = requireDeskAgent(this.agent, what);
    const call = callId === undefined ? undefined : parseCallKey(callId);
    if (callId !== undefined && !call) throw new CommandError('invalid-argument', `${what}: ${callId} is not a call id`);
    await sendRequest(this.port, what, requests.callForHelp(kind, agent.identity, call?.connectionCallId));
  }
}
