import { describe, expect, it } from 'vitest';
import { ConnectionProfileSchema } from '../../../contract/index.js';
import { heartbeatIntervalMs } from '../../../main/core/heartbeat-interval.js';
import { LocalConfigSchema } from '../../../main/core/local-config.js';

const sides = { A: { host: 'cti-a', port: 42027 }, B: { host: 'cti-b', port: 43027 } };
const profile = (fields: object) => ConnectionProfileSchema.parse({ name: 'p', ...fields });

describe('heartbeat interval', () => {
  it('is the guide\'s 90 s for a desktop by default, and the configuration refuses less than 5 s', () => {
    expect(LocalConfigSchema.parse({}).cti.heartbeatIntervalMs).toBe(90_000);
    expect(LocalConfigSchema.safeParse({ cti: { heartbeatIntervalMs: 750 } }).success).toBe(false);
  });

  it("takes the connection profile's where it sets one, raised to the 5 s minimum", () => {
    expect(heartbeatIntervalMs([profile({ heartbeatIntervalMs: 30_000 })], sides, 90_000)).toBe(30_000);
    expect(heartbeatIntervalMs([profile({ heartbeatIntervalMs: 250 })], sides, 90_000)).toBe(5_000);
    expect(heartbeatIntervalMs([profile({})], sides, 90_000)).toBe(90_000);
    expect(heartbeatIntervalMs([], sides, 90_000)).toBe(90_000);
  });

  it("prefers the profile naming this desktop's CTI Server when there are several", () => {
    const profiles = [
      profile({ name: 'other', sideA: { host: 'elsewhere', port: 42027 }, heartbeatIntervalMs: 10_000 }),
      profile({ name: 'ours', sideA: { host: 'cti-a', port: 42027 }, heartbeatIntervalMs: 60_000 }),
    ];
    expect(heartbeatIntervalMs(profiles, sides, 90_000)).toBe(60_000);
  });
});
