import { describe, expect, it } from 'vitest';
import { parseCallVariables } from '../../../renderer/src/stores/training.js';

describe('the Simulator panel call variables field', () => {
  it('reads one number=value a line into the call variables, skipping blank lines', () => {
    expect(parseCallVariables('1=Order 4711\n\n 10 = Gold customer \n3=')).toEqual({
      ok: true,
      variables: { CallVariable1: 'Order 4711', CallVariable10: 'Gold customer', CallVariable3: '' },
    });
    expect(parseCallVariables('')).toEqual({ ok: true, variables: {} });
  });

  it('names the line that is not number=value with a number from 1 to 10', () => {
    expect(parseCallVariables('1=a\n11=b')).toEqual({ ok: false, problem: { key: 'training.error.variableLine', params: { line: 2 } } });
    expect(parseCallVariables('Order 4711')).toEqual({ ok: false, problem: { key: 'training.error.variableLine', params: { line: 1 } } });
    expect(parseCallVariables('0=x')).toEqual({ ok: false, problem: { key: 'training.error.variableLine', params: { line: 1 } } });
  });

  it('refuses a value longer than a call variable holds (40 characters)', () => {
    expect(parseCallVariables(`2=${'x'.repeat(41)}`)).toEqual({ ok: false, problem: { key: 'training.error.variableLong', params: { line: 1, max: 40 } } });
  });
});
