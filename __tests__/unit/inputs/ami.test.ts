// The `ami` input: an alias or an id for every region, or a per-region map, checked against
// `regions` by the parser (no AWS call) and read back through parseInputs.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../../src/errors.js';
import { checkPackagesForImages, parseAmi } from '../../../src/inputs/ami.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';

const ID_E = 'ami-0123456789abcdef0';
const ID_W = 'ami-0fedcba9876543210';

function refusal(raw: string, regions: readonly string[]): string {
  try {
    parseAmi(raw, regions);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).input).toBe('ami');
    return (e as InputError).message;
  }
  throw new Error(`'${raw}' was accepted`);
}

describe('parseAmi: one image', () => {
  it('an alias serves every region, amazon-linux-2023 among them', () => {
    expect(parseAmi('amazon-linux-2023', ['us-east-1', 'eu-west-1'])).toEqual({
      text: 'amazon-linux-2023',
      byRegion: { 'us-east-1': 'amazon-linux-2023', 'eu-west-1': 'amazon-linux-2023' },
    });
    expect(parseAmi('ubuntu-24.04', ['eu-west-1']).byRegion).toEqual({
      'eu-west-1': 'ubuntu-24.04',
    });
  });

  it('an id serves one region; with several it is refused, pointing at the map', () => {
    expect(parseAmi(ID_E, ['us-east-1'])).toEqual({
      text: ID_E,
      byRegion: { 'us-east-1': ID_E },
    });
    const msg = refusal(ID_E, ['us-east-1', 'eu-west-1']);
    expect(msg).toContain('an AMI id belongs to one region but 2 regions are given');
    expect(msg).toContain('us-east-1=ami-…, eu-west-1=ami-…');
    expect(msg).toContain('amazon-linux-2023');
  });

  it('refuses what is neither an id nor an alias (no prototype names)', () => {
    for (const bad of ['ami-123', 'amazon-linux-2', 'constructor', '__proto__', 'AMI-0123abcd']) {
      expect(refusal(bad, ['us-east-1'])).toContain('neither an AMI id');
    }
  });
});

describe('parseAmi: a per-region map', () => {
  it('gives each region its entry (ids or aliases), in any order, commas or lines', () => {
    const out = parseAmi(`eu-west-1=${ID_W},\n us-east-1 = ${ID_E}`, ['us-east-1', 'eu-west-1']);
    expect(out).toEqual({
      text: `eu-west-1=${ID_W}, us-east-1=${ID_E}`,
      byRegion: { 'us-east-1': ID_E, 'eu-west-1': ID_W },
    });
    expect(
      parseAmi(`us-east-1=${ID_E}, eu-west-1=amazon-linux-2023`, ['us-east-1', 'eu-west-1'])
        .byRegion,
    ).toEqual({ 'us-east-1': ID_E, 'eu-west-1': 'amazon-linux-2023' });
    // One region, one entry: as good as the bare id.
    expect(parseAmi(`us-east-1=${ID_E}`, ['us-east-1']).byRegion).toEqual({ 'us-east-1': ID_E });
  });

  it('a region of `regions` without an entry is refused, naming it', () => {
    const msg = refusal(`us-east-1=${ID_E}`, ['us-east-1', 'eu-west-1', 'ap-south-1']);
    expect(msg).toContain('has no image for eu-west-1, ap-south-1');
  });

  it('an entry for a region `regions` does not list is refused, naming it', () => {
    const msg = refusal(`us-east-1=${ID_E}, eu-west-2=${ID_W}`, ['us-east-1']);
    expect(msg).toContain('has an entry for eu-west-2');
    expect(msg).toContain('`regions` (us-east-1) does not list');
  });

  it('refuses malformed entries, a bad value and a region given twice', () => {
    const regions = ['us-east-1', 'eu-west-1'];
    expect(refusal(`us-east-1=${ID_E}, ${ID_W}`, regions)).toContain('is not REGION=IMAGE');
    expect(refusal(`US-EAST-1=${ID_E}, eu-west-1=${ID_W}`, regions)).toContain(
      'is not REGION=IMAGE',
    );
    expect(refusal(`=${ID_E}`, regions)).toContain('is not REGION=IMAGE');
    expect(refusal(`us-east-1=ami-xyz, eu-west-1=${ID_W}`, regions)).toContain(
      "'ami-xyz' (for us-east-1) is neither an AMI id",
    );
    expect(refusal(`us-east-1=, eu-west-1=${ID_W}`, regions)).toContain('(for us-east-1)');
    expect(refusal(`us-east-1=${ID_E}, us-east-1=${ID_W}`, regions)).toContain(
      'region us-east-1 has two entries',
    );
  });

  it('with `regions` itself refused, only the form of the entries is checked', () => {
    expect(parseAmi(`us-east-1=${ID_E}`, []).byRegion).toEqual({ 'us-east-1': ID_E });
  });
});

describe('checkPackagesForImages', () => {
  it('refuses an apt-style pin (name=version) where an alias installs with dnf', () => {
    let err: unknown;
    try {
      checkPackagesForImages(['jq', 'nginx=1.24.0'], {
        'us-east-1': 'ubuntu-24.04',
        'eu-west-1': 'amazon-linux-2023',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('packages');
    expect((err as InputError).message).toContain(
      "amazon-linux-2023 installs packages with dnf, which reads name-version: write 'nginx-1.24.0'",
    );
  });

  it('leaves apt aliases, explicit ids and unpinned names alone', () => {
    const pinned = ['nginx=1.24.0'];
    expect(() => checkPackagesForImages(pinned, { 'us-east-1': 'ubuntu-24.04' })).not.toThrow();
    expect(() => checkPackagesForImages(pinned, { 'us-east-1': ID_E })).not.toThrow();
    expect(() =>
      checkPackagesForImages(['nginx', 'git-2.40.1'], { 'us-east-1': 'amazon-linux-2023' }),
    ).not.toThrow();
  });
});

describe('parseInputs: ami', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'inputs-ami-'));
  mkdirSync(join(workspace, 'deploy'));
  const parse = (over: Partial<Record<InputName, string>>) => {
    const values: Partial<Record<InputName, string>> = {
      mode: 'plan',
      'bundle-path': 'deploy',
      ...over,
    };
    return parseInputs((n) => values[n] ?? '', { workspace, defaultRegion: undefined });
  };

  it('the default alias serves every region', () => {
    const i = parse({ regions: 'us-east-1, eu-west-1' });
    expect(i.ami).toBe('ubuntu-24.04');
    expect(i.amiByRegion).toEqual({ 'us-east-1': 'ubuntu-24.04', 'eu-west-1': 'ubuntu-24.04' });
  });

  it('a map deploys an id per region', () => {
    const i = parse({
      regions: 'us-east-1, eu-west-1',
      ami: `us-east-1=${ID_E}, eu-west-1=${ID_W}`,
    });
    expect(i.amiByRegion).toEqual({ 'us-east-1': ID_E, 'eu-west-1': ID_W });
    expect(i.ami).toBe(`us-east-1=${ID_E}, eu-west-1=${ID_W}`);
  });

  it('a map missing a region is an error naming `ami`, next to the other inputs', () => {
    let err: unknown;
    try {
      parse({ regions: 'us-east-1, eu-west-1', ami: `us-east-1=${ID_E}`, count: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputErrors);
    const errors = (err as InputErrors).errors;
    expect(errors.map((e) => e.input)).toEqual(['count', 'ami']);
    expect(errors[1]?.message).toContain('has no image for eu-west-1');
  });

  it('packages pinned the apt way with amazon-linux-2023 is an error naming `packages`', () => {
    let err: unknown;
    try {
      parse({ regions: 'us-east-1', ami: 'amazon-linux-2023', packages: 'jq=1.7.1' });
    } catch (e) {
      err = e;
    }
    expect((err as InputErrors).errors.map((e) => e.input)).toEqual(['packages']);
    expect(
      parse({ regions: 'us-east-1', ami: 'amazon-linux-2023', packages: 'jq, git-2.40.1' })
        .packages,
    ).toEqual(['jq', 'git-2.40.1']);
  });

  it('an invalid `regions` is the only error a well-formed map causes', () => {
    let err: unknown;
    try {
      parse({ regions: 'us-east', ami: `us-east-1=${ID_E}` });
    } catch (e) {
      err = e;
    }
    expect((err as InputErrors).errors.map((e) => e.input)).toEqual(['regions']);
  });
});
