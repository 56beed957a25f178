// `ports` and `ports-cidr`: refused by the parser, naming the input. parseInputs is pure (no
// client exists yet): a refusal here is before any AWS call.
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../../src/errors.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';

const BASE: Partial<Record<InputName, string>> = {
  mode: 'plan',
  regions: 'eu-west-1',
  'bundle-path': 'examples/bundle',
};

const parse = (over: Partial<Record<InputName, string>>) => {
  const values = { ...BASE, ...over };
  return parseInputs((n) => values[n] ?? '', {
    workspace: process.cwd(),
    defaultRegion: undefined,
  });
};

function errorsOf(over: Partial<Record<InputName, string>>): InputErrors {
  try {
    parse(over);
  } catch (e) {
    if (e instanceof InputErrors) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(over)}`);
}

describe('ports and ports-cidr', () => {
  it('default to no port, open to 0.0.0.0/0', () => {
    const i = parse({});
    expect(i.ports).toEqual([]);
    expect(i.portsCidrs).toEqual(['0.0.0.0/0']);
  });

  it('read a list of TCP ports and CIDR blocks, IPv6 included', () => {
    const i = parse({ ports: '80, 8080,443', 'ports-cidr': '203.0.113.0/24\n2001:db8::/32' });
    expect(i.ports).toEqual([80, 8080, 443]);
    expect(i.portsCidrs).toEqual(['203.0.113.0/24', '2001:db8::/32']);
  });

  const BAD: Array<[Partial<Record<InputName, string>>, InputName, string]> = [
    [{ ports: '0' }, 'ports', 'from 1 to 65535'],
    [{ ports: '65536' }, 'ports', 'from 1 to 65535'],
    [{ ports: 'http' }, 'ports', "got 'http'"],
    [{ ports: '80-90' }, 'ports', "got '80-90'"],
    [{ ports: '8080/tcp' }, 'ports', "got '8080/tcp'"],
    [{ ports: '080' }, 'ports', "got '080'"],
    [{ ports: '-1' }, 'ports', "got '-1'"],
    [{ ports: '8080, 8080' }, 'ports', 'listed twice'],
    [{ ports: '22' }, 'ports', '22 is ssh-port'],
    [{ ports: '80, 2222', 'ssh-port': '2222' }, 'ports', '2222 is ssh-port'],
    [
      { ports: Array.from({ length: 21 }, (_, k) => String(8000 + k)).join(',') },
      'ports',
      'at most 20 ports, got 21',
    ],
    [{ ports: '80', 'ports-cidr': '10.0.0.1/8' }, 'ports-cidr', 'host bits set; write 10.0.0.0/8'],
    [{ ports: '80', 'ports-cidr': 'anywhere' }, 'ports-cidr', 'CIDR block'],
    [{ ports: '80', 'ports-cidr': ', ,' }, 'ports-cidr', 'at least one CIDR block'],
    [
      {
        ports: Array.from({ length: 20 }, (_, k) => String(8000 + k)).join(','),
        'ports-cidr': '10.0.0.0/8, 192.168.0.0/16, 172.16.0.0/12',
      },
      'ports-cidr',
      '60 ingress rules; at most 50',
    ],
  ];
  it.each(BAD)('refuses %j, naming %s', (over, input, phrase) => {
    const err = errorsOf(over);
    expect(err.errors.map((e) => e.input)).toEqual([input]);
    expect(err.errors[0]?.message).toContain(`Input '${input}'`);
    expect(err.errors[0]?.message).toContain(phrase);
  });

  it('reports a bad ports next to the other inputs, all at once', () => {
    const err = errorsOf({ ports: '22', 'ports-cidr': 'x', count: '0' });
    expect(err.errors.map((e) => e.input).sort()).toEqual(['count', 'ports', 'ports-cidr']);
  });
});
