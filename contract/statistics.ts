import { z } from 'zod';

/**
 * Statistics as CTI OS names them (ctios.md §2.4, §6.1): the counters of
 * QUERY_AGENT_STATISTICS_CONF (`AvailTimeSession`, `HandledCallsToday`, …) and of
 * QUERY_SKILL_GROUP_STATISTICS_CONF (`AgentsAvail`, `CallsQNow`, `HandledCallsToHalf`, …),
 * times in seconds, plus the values the CTI OS sample desktop derives
 * (`CallsHandledToday`, `AvgTalkTimeToday`, `PercentUtilizationToday`, …).
 */
export const StatisticValuesSchema = z.record(z.string(), z.number());
export type StatisticValues = z.infer<typeof StatisticValuesSchema>;

export const SkillGroupStatisticsSchema = z.object({
  skillGroupNumber: z.number().int().nonnegative(),
  skillGroupId: z.number().int().nonnegative(),
  values: StatisticValuesSchema,
  updatedAt: z.number().int().nonnegative(),
});
export type SkillGroupStatistics = z.infer<typeof SkillGroupStatisticsSchema>;

export const StatisticsStateSchema = z.object({
  /** The agent's statistics, once queried; kept (not cleared) while logged out or out of service. */
  agent: z.object({ values: StatisticValuesSchema, updatedAt: z.number().int().nonnegative() }).nullable(),
  /** One entry per skill group the agent is in, in the order QUERY_AGENT_STATE_CONF lists them. */
  skillGroups: z.array(SkillGroupStatisticsSchema),
  /** How often they are refreshed while the agent is logged in (they are also refreshed when a call ends). */
  intervalMs: z.number().int().positive(),
});
export type StatisticsState = z.infer<typeof StatisticsStateSchema>;

export const DEFAULT_STATISTICS_INTERVAL_MS = 10_000;
