import { describe, expect, it } from 'vitest';
import { EMBEDDED_SIMULATOR_AGENT_SAMPLE, EmbeddedSimulatorSchema, embeddedSimulatorHint } from '../../../contract/index.js';
import { generatedSite } from '../../../simulator/pg/site.js';

describe('embeddedSimulatorHint', () => {
  it('names the first agents of the generated centre with their instruments, leaves supervisors out, and says any password works', () => {
    const hint = embeddedSimulatorHint(generatedSite({ agents: 30 }).agents);
    expect(hint.agentCount).toBe(30);
    expect(hint.agents).toHaveLength(EMBEDDED_SIMULATOR_AGENT_SAMPLE);
    expect(hint.agents[0]).toEqual({ agentId: '1001', instrument: '3001' });
    expect(hint.anyPassword).toBe(true);
    expect(EmbeddedSimulatorSchema.parse(hint)).toEqual(hint);
  });

  it('does not promise any password when an agent has one', () => {
    const hint = embeddedSimulatorHint([
      { id: '1001', instrument: '3001', supervisor: false },
      { id: '1002', instrument: '3002', password: 'secret', supervisor: false },
    ]);
    expect(hint.anyPassword).toBe(false);
  });
});
