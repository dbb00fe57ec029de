import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { listenPort, serverPort } from '../../../command-line/port-arguments.js';

describe('port arguments', () => {
  it('a listening port may be 0 (a free one); a server port may not', () => {
    expect(listenPort('0')).toBe(0);
    expect(listenPort('65535')).toBe(65535);
    expect(serverPort('42027')).toBe(42027);
    expect(() => serverPort('0')).toThrow(new InvalidArgumentError('a port is a number from 1 to 65535.'));
  });

  it.each(['65536', '-1', '1.5', ' 80', '0x50', '', 'eighty', '1e3'])('refuses %j with one sentence saying what is allowed', (text) => {
    expect(() => listenPort(text)).toThrow(new InvalidArgumentError('a port is a number from 0 to 65535 (0 picks a free one).'));
    expect(() => serverPort(text)).toThrow(InvalidArgumentError);
  });
});
