import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import {
  canBeSecret,
  envMaskValues,
  parseEnv,
  readEnv,
  redactor,
  renderEnvFile,
  secretValues,
} from '../../../src/inputs/env.js';

const refusal = (raw: string): InputError => {
  try {
    parseEnv(raw, 'env');
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(raw)}`);
};

describe('parseEnv: values as the agent and systemd EnvironmentFile= read them', () => {
  it('removes one simple pair of quotes and the blanks around a value, as systemd does', () => {
    expect(
      parseEnv(
        [
          '# comment',
          '; also a comment (systemd)',
          '',
          'A="quoted value"',
          "B='single'",
          'C=  padded  ',
          'D=" kept blanks "',
          'E=',
          'F=""',
          `G=it's`,
          'H=a=b#c',
          '  I = x',
          'J=tab\there',
          `K="it's"`,
          `L='say "hi"'`,
        ].join('\n'),
        'env',
      ),
    ).toEqual([
      ['A', 'quoted value'],
      ['B', 'single'],
      ['C', 'padded'],
      ['D', ' kept blanks '],
      ['E', ''],
      ['F', ''],
      ['G', "it's"],
      ['H', 'a=b#c'],
      ['I', 'x'],
      ['J', 'tab\there'],
      ['K', "it's"],
      ['L', 'say "hi"'],
    ]);
  });

  it('trims only spaces and tabs (systemd keeps a no-break space)', () => {
    expect(parseEnv('A=\u00a0x\u00a0', 'env')).toEqual([['A', '\u00a0x\u00a0']]);
  });

  it.each([
    ['backslash', 'TOKEN=abc\\def', /line 1 \(TOKEN\) .*backslash/],
    ['continuation', 'TOKEN=abc\\', /backslash/],
    ['quote that is not a pair', 'TOKEN="abc', /quote/],
    ['quotes then more', 'TOKEN="ab"cd', /quote/],
    ['trailing quote', 'TOKEN=ab"', /quote/],
    ['the same quote inside a pair', 'TOKEN="a"b"', /quote/],
    ['carriage return inside (a line end for systemd)', 'TOKEN=ab\rcd', /control character/],
    ['control character', 'TOKEN=ab\u0001cd', /control character/],
  ])('refuses a value systemd would read differently: %s', (_what, raw, why) => {
    const e = refusal(raw);
    expect(e.input).toBe('env');
    expect(e.message).toMatch(why);
  });

  it('names the line number and the key, never the value (B12c)', () => {
    const secret = 'hunter2-very-secret';
    for (const raw of [
      `A=1\nTOKEN="${secret}`,
      `A=1\n${secret}`,
      `A=1\nsk-${secret}==`,
      `A=1\n${secret}=x`,
    ]) {
      const e = refusal(raw);
      expect(e.message).toContain('line 2');
      expect(e.message).not.toContain(secret);
    }
    expect(refusal(`TOKEN="${secret}`).message).toContain('(TOKEN)');
  });

  it('accepts CRLF line ends', () => {
    expect(parseEnv('A=1\r\nB="x y"\r\n', 'env')).toEqual([
      ['A', '1'],
      ['B', 'x y'],
    ]);
  });
});

describe('renderEnvFile', () => {
  it('writes each value so that it reads back the same', () => {
    const env: Array<[string, string]> = [
      ['A', 'plain value'],
      ['B', ' blanks '],
      ['C', `"starts with a quote`],
      ['D', `it's "both" inside`],
      ['E', ''],
      ['F', "ends with '"],
    ];
    const text = renderEnvFile(env);
    expect(readEnv(text)).toEqual(env);
    expect(parseEnv(text, 'env')).toEqual(env);
    expect(text.split('\n')[0]).toBe('A=plain value');
  });
});

describe('which env values are masked and redacted (B16a)', () => {
  it('values of 8+ characters, and of 3+ when the key names a secret', () => {
    expect(canBeSecret('DEBUG', 'true')).toBe(false);
    expect(canBeSecret('PORT', '8080')).toBe(false);
    expect(canBeSecret('GREETING', 'hello world')).toBe(true);
    expect(canBeSecret('DB_PASSWORD', 'abc')).toBe(true);
    expect(canBeSecret('API_TOKEN', 'xy')).toBe(false);
    expect(canBeSecret('github_key', 'abcd')).toBe(true);
  });

  it('gives values without their quotes, and the trimmed form of a padded one', () => {
    const env = parseEnv('TOKEN="s3cr3t-quoted"\nPAD=" padded-secret "\nDEBUG=true', 'env');
    expect(secretValues(env)).toEqual([' padded-secret ', 's3cr3t-quoted', 'padded-secret']);
  });

  it('masks the raw input as the instance reads it, and bad lines whole', () => {
    const masked = envMaskValues('TOKEN="s3cr3t-quoted"\nDEBUG=true\nnot a pair but secret-ish');
    expect(masked).toContain('s3cr3t-quoted');
    expect(masked).not.toContain('"s3cr3t-quoted"');
    expect(masked).not.toContain('true');
    expect(masked).toContain('not a pair but secret-ish');
  });

  it('redacts longest first', () => {
    const redact = redactor(['abcdefgh', 'abcdefgh-longer']);
    expect(redact('x abcdefgh-longer y abcdefgh')).toBe('x [redacted] y [redacted]');
  });
});
