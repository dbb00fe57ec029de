import { z } from 'zod';

/**
 * The contact centre the simulator plays: agents, supervisors, teams, skill groups
 * and the agent desk settings UCCE applies to them. Built from command-line flags
 * or loaded from a JSON site description (`--config FILE`).
 */

const WrapupMode = z.enum(['required', 'optional', 'not-allowed', 'required-with-data']);

const CallMethod = z.enum(['consultative', 'blind-conference']);

/**
 * An agent desk settings record as UCCE keeps it (the fields AGENT_DESK_SETTINGS_CONF
 * carries, guide v25 Miscellaneous Service). The simulator acts on the wrap-up modes,
 * available-after flags, reason flags and auto-answer; the rest it reports as set.
 */
const DeskSettingsFields = {
  /** Wrap-up after incoming calls (WrapupDataIncomingMode). */
  wrapupIncoming: WrapupMode,
  /** Wrap-up after outgoing calls (WrapupDataOutgoingMode; no "required with data"). */
  wrapupOutgoing: WrapupMode.exclude(['required-with-data']),
  /** AVAIL_AFTER_INCOMING / AVAIL_AFTER_OUTGOING: Ready after the call instead of Work. */
  availableAfterIncoming: z.boolean(),
  availableAfterOutgoing: z.boolean(),
  /** IDLE_REASON_REQUIRED and LOGOUT_REASON_REQUIRED. */
  notReadyReasonRequired: z.boolean(),
  logoutReasonRequired: z.boolean(),
  autoAnswer: z.boolean(),
  /** The remaining DeskSettingsMask bits (reported, not enforced by the simulator). */
  supervisorCallsAllowed: z.boolean(),
  agentToAgentCallsAllowed: z.boolean(),
  outboundAccessInternational: z.boolean(),
  outboundAccessPublicNet: z.boolean(),
  outboundAccessPrivateNet: z.boolean(),
  outboundAccessOperatorAssisted: z.boolean(),
  outboundAccessPbx: z.boolean(),
  nonAcdCallsAllowed: z.boolean(),
  agentCanSelectGroup: z.boolean(),
  /** Seconds; 0 means not set. LogoutNonActivityTime, RingNoAnswerTime, WorkModeTimer (auto wrap-up). */
  logoutNonActivityTime: z.number().int().min(0).max(0xffffffff),
  ringNoAnswerTime: z.number().int().min(0).max(0xffffffff),
  workModeTimer: z.number().int().min(0).max(0xffffffff),
  qualityRecordingRate: z.number().int().min(0).max(0xffffffff),
  silentMonitorWarningMessage: z.boolean(),
  silentMonitorAudibleIndication: z.boolean(),
  supervisorAssistCallMethod: CallMethod,
  emergencyCallMethod: CallMethod,
  autoRecordOnEmergency: z.boolean(),
  /** RecordingMode: set when recording requests go through Unified CM / the PIM. */
  recordingThroughPim: z.boolean(),
  /** RingNoAnswerDN: the dialed number id calls re-route to after ring-no-answer (0: none). */
  ringNoAnswerDialedNumberId: z.number().int().min(0).max(0xffffffff),
  /** DefaultDevicePortAddress (STRING 32 on the wire: at most 31 characters). */
  defaultDevicePortAddress: z.string().max(31).optional(),
  playZipTone: z.boolean(),
  acdSharedLineUsage: z.boolean(),
};

type DeskSettingsInput = z.output<ReturnType<typeof deskSettingsObject>>;

function deskSettingsObject() {
  return z.object(DeskSettingsFields).partial().strict();
}

/** UCCE's defaults for a desk settings field nobody set (the simulator's choice where UCCE has none). */
const DESK_DEFAULTS = {
  wrapupIncoming: 'optional',
  wrapupOutgoing: 'optional',
  availableAfterIncoming: false,
  availableAfterOutgoing: false,
  notReadyReasonRequired: false,
  logoutReasonRequired: false,
  autoAnswer: false,
  supervisorCallsAllowed: true,
  agentToAgentCallsAllowed: true,
  outboundAccessInternational: false,
  outboundAccessPublicNet: true,
  outboundAccessPrivateNet: true,
  outboundAccessOperatorAssisted: false,
  outboundAccessPbx: true,
  nonAcdCallsAllowed: true,
  agentCanSelectGroup: false,
  logoutNonActivityTime: 0,
  ringNoAnswerTime: 0,
  workModeTimer: 0,
  qualityRecordingRate: 0,
  silentMonitorWarningMessage: false,
  silentMonitorAudibleIndication: false,
  supervisorAssistCallMethod: 'consultative',
  emergencyCallMethod: 'consultative',
  autoRecordOnEmergency: false,
  recordingThroughPim: false,
  ringNoAnswerDialedNumberId: 0,
  playZipTone: false,
  acdSharedLineUsage: false,
} as const satisfies Omit<Required<DeskSettingsInput>, 'defaultDevicePortAddress'>;

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const DeskSettingsSchema = deskSettingsObject().transform((given) => ({ ...DESK_DEFAULTS, ...withoutUndefined(given) }));

/** An agent's own desk settings: any of the fields, over the site's `deskSettings`. */
export const AgentDeskSettingsSchema = deskSettingsObject();

export type DeskSettings = z.output<typeof DeskSettingsSchema>;

const AgentSchema = z
  .object({
    id: z.string().min(1).max(11),
    instrument: z.string().min(1).max(63),
    extension: z.string().min(1).max(15).optional(),
    password: z.string().max(63).optional(),
    firstName: z.string().default(''),
    lastName: z.string().default(''),
    skillGroups: z.array(z.number().int()).default([]),
    supervisor: z.boolean().default(false),
    /** This agent's desk settings where they differ from the site's (AGENT_DESK_SETTINGS_CONF answers them). */
    deskSettings: AgentDeskSettingsSchema.optional(),
  })
  .strict();

const SkillGroupSchema = z
  .object({ number: z.number().int().min(0), id: z.number().int().min(0), name: z.string().min(1) })
  .strict();

const TeamSchema = z
  .object({
    id: z.number().int().min(0),
    name: z.string().min(1).max(31),
    members: z.array(z.string()).default([]),
    supervisors: z.array(z.string()).default([]),
  })
  .strict();

export const SiteSchema = z
  .object({
    peripheralId: z.number().int().min(0).default(5000),
    agents: z.array(AgentSchema).default([]),
    skillGroups: z.array(SkillGroupSchema).default([]),
    teams: z.array(TeamSchema).default([]),
    deskSettings: DeskSettingsSchema.prefault({}),
  })
  .strict()
  .superRefine((site, ctx) => {
    const agentIds = new Set<string>();
    const instruments = new Set<string>();
    site.agents.forEach((agent, i) => {
      if (agentIds.has(agent.id)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'id'], message: `agent ${agent.id} is listed twice` });
      if (instruments.has(agent.instrument)) {
        ctx.addIssue({ code: 'custom', path: ['agents', i, 'instrument'], message: `instrument ${agent.instrument} is used twice` });
      }
      agentIds.add(agent.id);
      instruments.add(agent.instrument);
      const known = new Set(site.skillGroups.map((g) => g.number));
      for (const group of agent.skillGroups) {
        if (!known.has(group)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'skillGroups'], message: `skill group ${group} is not defined` });
      }
    });
    site.teams.forEach((team, i) => {
      for (const member of [...team.members, ...team.supervisors]) {
        if (!agentIds.has(member)) ctx.addIssue({ code: 'custom', path: ['teams', i], message: `team ${team.name}: agent ${member} is not defined` });
      }
    });
  });

export type Site = z.output<typeof SiteSchema>;

/** The desk settings UCCE applies to `agent`: the site's, with the agent's own over them. */
export function deskSettingsOf(site: Site, agent: { readonly deskSettings?: DeskSettingsInput | undefined }): DeskSettings {
  return agent.deskSettings === undefined ? site.deskSettings : { ...site.deskSettings, ...withoutUndefined(agent.deskSettings) };
}
export type AgentConfig = Site['agents'][number];
export type SkillGroupConfig = Site['skillGroups'][number];
export type TeamConfig = Site['teams'][number];

export interface GeneratedSiteOptions {
  readonly agents: number;
  readonly supervisors?: number;
  readonly skillGroups?: number;
  readonly peripheralId?: number;
}

const SKILL_GROUP_NAMES = ['Sales', 'Support', 'Billing', 'Retention', 'Technical', 'Orders', 'Returns', 'VIP'];

/**
 * The default centre: agents 1001… on instruments 3001…, one team per 25 agents
 * with supervisors 2001… on 4001… (further up from 1,000 agents), skill groups 100
 * "Sales", 101 "Support", ….
 * Agents alternate between the first two skill groups and all belong to the first.
 */
export function generatedSite(options: GeneratedSiteOptions): Site {
  const groupCount = Math.max(1, options.skillGroups ?? 2);
  const skillGroups = Array.from({ length: groupCount }, (_, i) => ({
    number: 100 + i,
    id: 5000 + i,
    name: SKILL_GROUP_NAMES[i] ?? `Group ${100 + i}`,
  }));
  const agents = Array.from({ length: options.agents }, (_, i) => ({
    id: String(1001 + i),
    instrument: String(3001 + i),
    extension: String(3001 + i),
    firstName: 'Agent',
    lastName: String(1001 + i),
    skillGroups: [...new Set([100, 100 + (i % Math.min(2, groupCount))])],
    supervisor: false,
  }));
  const teamCount = Math.max(1, Math.ceil(options.agents / 25));
  const supervisorCount = options.supervisors ?? teamCount;
  // Supervisors number from 2001 (instruments 4001); a centre of 1,000 agents or more
  // pushes them to the next free thousand so that agent and supervisor numbers never meet.
  const supervisorBase = options.agents <= 999 ? 2001 : Math.ceil((1001 + options.agents) / 1000) * 1000 + 1;
  const supervisors = Array.from({ length: supervisorCount }, (_, i) => ({
    id: String(supervisorBase + i),
    instrument: String(supervisorBase + 2000 + i),
    extension: String(supervisorBase + 2000 + i),
    firstName: 'Supervisor',
    lastName: String(supervisorBase + i),
    skillGroups: [100],
    supervisor: true,
  }));
  const teams = Array.from({ length: teamCount }, (_, t) => ({
    id: 1 + t,
    name: `Team ${1 + t}`,
    members: agents.slice(t * 25, t * 25 + 25).map((a) => a.id),
    supervisors: supervisors.filter((_, s) => s % teamCount === t).map((s) => s.id),
  }));
  return SiteSchema.parse({ peripheralId: options.peripheralId ?? 5000, agents: [...agents, ...supervisors], skillGroups, teams });
}
