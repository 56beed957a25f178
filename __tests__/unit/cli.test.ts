import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unwritable } from '../../src/cli.js';
import { COMMANDS, parseCommandLine, parseConfig, USAGE } from '../../src/inputs/command-line.js';

const config = (text: string): Map<string, string> => {
  const r = parseConfig(text, 'c.yml');
  if (r instanceof Error) throw r;
  return r;
};

describe('--config values are the text written (B14)', () => {
  it('keeps 007, 0x20, yes and 1e3 as written', () => {
    expect(
      Object.fromEntries(
        config(
          'deployment-id: 007\nssh-port: 0x20\npr-comment: yes\ncount: 1e3\nttl-minutes: 0120\n',
        ),
      ),
    ).toEqual({
      'deployment-id': '007',
      'ssh-port': '0x20',
      'pr-comment': 'yes',
      count: '1e3',
      'ttl-minutes': '0120',
    });
  });

  it('leaves a blank or null value unset, but keeps a quoted "null"', () => {
    const c = config('packages:\nhealth-check: ~\nbundle-exclude: null\nenv: "null"\n');
    expect(c.has('packages')).toBe(false);
    expect(c.has('health-check')).toBe(false);
    expect(c.has('bundle-exclude')).toBe(false);
    expect(c.get('env')).toBe('null');
  });

  it('reads lists (flow or block) one item per line, items as written', () => {
    const c = config('regions: [eu-west-1, us-east-1]\nsubnet-ids:\n  - subnet-007\n  - 010\n');
    expect(c.get('regions')).toBe('eu-west-1\nus-east-1');
    expect(c.get('subnet-ids')).toBe('subnet-007\n010');
  });

  it('keeps block scalars as written and ignores a mode (the command is the mode)', () => {
    const c = config('mode: plan\ncloud-config: |\n  timezone: UTC\n');
    expect(c.get('cloud-config')).toBe('timezone: UTC\n');
    expect(c.has('mode')).toBe(false);
  });

  it.each([
    ['tags:\n  a: b\n', /tags: expected a value or a list/],
    ['regions: [[a]]\n', /a list may only hold plain values/],
    ['base: &x eu-west-1\nregions: *x\n', /unknown input 'base'/],
    ['regions: &x eu-west-1\nami: *x\n', /aliases are not supported/],
    ['nope: 1\n', /unknown input 'nope'/],
    ['- a\n', /expected a YAML mapping/],
    ['regions: a\nregions: b\n', /could not read --config c.yml/],
  ])('refuses %j', (text, why) => {
    const r = parseConfig(text, 'c.yml');
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toMatch(why);
  });

  it('an empty file is no inputs', () => {
    expect(config('# nothing\n').size).toBe(0);
  });
});

describe('the command line (B14)', () => {
  it('prints each subcommand its own usage on --help, exit 0', () => {
    for (const c of COMMANDS) {
      for (const argv of [
        [c, '--help'],
        [c, '--regions', 'x', '-h'],
      ]) {
        const r = parseCommandLine(argv);
        expect(r).toMatchObject({ kind: 'help', exitCode: 0 });
        expect(r.kind === 'help' && r.text).toContain(`usage: spot-deploy ${c} `);
      }
    }
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', text: USAGE, exitCode: 0 });
    expect(parseCommandLine([])).toEqual({ kind: 'help', text: USAGE, exitCode: 2 });
  });

  it.each([
    [['deploy', '--mode', 'destroy'], /--mode is not accepted/],
    [['deploy', '--regoins', 'eu-west-1'], /unknown option --regoins/],
    [['deploy', '--regions'], /--regions needs a value/],
    [['deploy', '--regions', 'a', '--regions', 'b'], /--regions is given twice/],
    [['deploy', 'eu-west-1'], /expected --name value pairs/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('refuses %j', (argv, why) => {
    const r = parseCommandLine(argv);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(why);
  });

  it('collects inputs, --config and --summary', () => {
    expect(
      parseCommandLine(['plan', '--config', 'c.yml', '--regions', 'x', '--summary', 's.md']),
    ).toEqual({
      kind: 'run',
      command: 'plan',
      values: new Map([['regions', 'x']]),
      configFile: 'c.yml',
      summaryFile: 's.md',
    });
  });
});

describe('--summary is checked before any work (B14)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summary-'));
  it('accepts a new file in a writable directory, or an existing writable file', () => {
    expect(unwritable(join(dir, 'new.md'))).toBeUndefined();
    writeFileSync(join(dir, 'old.md'), 'x');
    expect(unwritable(join(dir, 'old.md'))).toBeUndefined();
  });

  it('says why a path cannot be written', () => {
    mkdirSync(join(dir, 'sub'));
    expect(unwritable(join(dir, 'sub'))).toMatch(/is a directory/);
    expect(unwritable(join(dir, 'missing', 's.md'))).toMatch(/cannot be written .*ENOENT/);
    expect(unwritable(join(dir, 'old.md', 's.md'))).toMatch(/not a directory/);
  });
});
