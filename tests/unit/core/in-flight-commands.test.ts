import { describe, expect, it } from 'vitest';
import { InFlightCommands } from '../../../main/core/in-flight-commands.js';

describe('in-flight commands', () => {
  it('gives a second identical command the first one\'s promise and runs it once', async () => {
    const inFlight = new InFlightCommands();
    // Each run's answer, given by the test when it says so: a command in flight until then.
    const answers: ((run: number) => void)[] = [];
    const start = () => new Promise<number>((resolve) => answers.push(resolve));
    const a = inFlight.run('hold', { callId: '1.2' }, start);
    const b = inFlight.run('hold', { callId: '1.2' }, start);
    expect(b).toBe(a);
    expect(answers).toHaveLength(1);
    answers[0]!(1);
    expect(await a).toBe(1);
    const c = inFlight.run('hold', { callId: '1.2' }, start);
    expect(answers).toHaveLength(2);
    answers[1]!(2);
    expect(await c).toBe(2);
  });

  it('runs different arguments separately', async () => {
    const inFlight = new InFlightCommands();
    const a = inFlight.run('hold', { callId: '1.2' }, async () => 'a');
    const b = inFlight.run('hold', { callId: '1.3' }, async () => 'b');
    expect([await a, await b]).toEqual(['a', 'b']);
  });
});
