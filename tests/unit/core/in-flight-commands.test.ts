import { describe, expect, it } from 'vitest';
import { InFlightCommands } from '../../../main/core/in-flight-commands.js';

describe('in-flight commands', () => {
  it('gives a second identical command the first one\'s promise and runs it once', async () => {
    const inFlight = new InFlightCommands();
    let runs = 0;
    const start = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 5));
    const a = inFlight.run('hold', { callId: '1.2' }, start);
    const b = inFlight.run('hold', { callId: '1.2' }, start);
    expect(b).toBe(a);
    expect(await a).toBe(1);
    expect(await inFlight.run('hold', { callId: '1.2' }, start)).toBe(2);
  });

  it('runs different arguments separately', async () => {
    const inFlight = new InFlightCommands();
    const a = inFlight.run('hold', { callId: '1.2' }, async () => 'a');
    const b = inFlight.run('hold', { callId: '1.3' }, async () => 'b');
    expect([await a, await b]).toEqual(['a', 'b']);
  });
});
