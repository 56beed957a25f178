import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../../src/errors.js';
import { rootVolumeProblem, type RootVolume } from '../../../src/inputs/launch-options.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';

const workspace = mkdtempSync(join(tmpdir(), 'launch-options-'));
mkdirSync(join(workspace, 'deploy'));

type Values = Partial<Record<InputName, string>>;
const BASE: Values = { mode: 'plan', regions: 'eu-west-1', 'bundle-path': 'deploy' };

// parseInputs is pure (no client exists yet): a refusal here is before any AWS call.
function parse(over: Values) {
  const values = { ...BASE, ...over };
  return parseInputs((n) => values[n] ?? '', { workspace, defaultRegion: undefined });
}

function errorsOf(over: Values): InputErrors {
  try {
    parse(over);
  } catch (e) {
    if (e instanceof InputErrors) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(over)}`);
}

const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('launch options: defaults', () => {
  it('gp3 encrypted with the account key and the image size, no profile, standard credits', () => {
    const i = parse({});
    expect(i.rootVolume).toEqual({
      type: 'gp3',
      sizeGiB: undefined,
      iops: undefined,
      throughputMiBs: undefined,
      kmsKeyId: undefined,
    });
    expect(i.instanceProfile).toBeUndefined();
    expect(i.cpuCredits).toBe('standard');
  });

  it('reads every option', () => {
    const i = parse({
      'root-volume-size': '40',
      'root-volume-type': 'gp3',
      'root-volume-iops': '6000',
      'root-volume-throughput': '500',
      'kms-key-id': `arn:aws:kms:eu-west-1:123456789012:key/${KEY}`,
      'instance-profile': 'app-profile',
      'cpu-credits': 'unlimited',
    });
    expect(i.rootVolume).toEqual({
      type: 'gp3',
      sizeGiB: 40,
      iops: 6000,
      throughputMiBs: 500,
      kmsKeyId: `arn:aws:kms:eu-west-1:123456789012:key/${KEY}`,
    });
    expect(i.instanceProfile).toEqual({ name: 'app-profile' });
    expect(i.cpuCredits).toBe('unlimited');
  });

  it.each([
    [
      'arn:aws:iam::123456789012:instance-profile/app',
      { arn: 'arn:aws:iam::123456789012:instance-profile/app' },
    ],
    [
      'arn:aws:iam::123456789012:instance-profile/team/app',
      { arn: 'arn:aws:iam::123456789012:instance-profile/team/app' },
    ],
    ['App.Profile+1@x', { name: 'App.Profile+1@x' }],
  ])('instance-profile %s', (raw, want) => {
    expect(parse({ 'instance-profile': raw }).instanceProfile).toEqual(want);
  });

  it.each([
    [KEY, 'eu-west-1'],
    [`mrk-${'0'.repeat(32)}`, 'eu-west-1,us-east-1'],
    ['alias/app-volumes', 'eu-west-1,us-east-1'],
    ['arn:aws:kms:eu-west-1:123456789012:alias/app', 'eu-west-1'],
  ])('kms-key-id %s in %s', (raw, regions) => {
    expect(parse({ 'kms-key-id': raw, regions }).rootVolume.kmsKeyId).toBe(raw);
  });

  it('io1 and io2 with their IOPS', () => {
    expect(
      parse({ 'root-volume-type': 'io2', 'root-volume-iops': '4000', 'root-volume-size': '20' })
        .rootVolume,
    ).toMatchObject({ type: 'io2', iops: 4000, sizeGiB: 20 });
    expect(parse({ 'root-volume-type': 'io1', 'root-volume-iops': '100' }).rootVolume.iops).toBe(
      100,
    );
  });
});

// [inputs, the input named, a phrase of the message]
const BAD: Array<[Values, InputName, string | RegExp]> = [
  [{ 'root-volume-size': '0' }, 'root-volume-size', '1 to 65536 GiB'],
  [{ 'root-volume-size': '65537' }, 'root-volume-size', '1 to 65536 GiB'],
  [{ 'root-volume-size': '8.5' }, 'root-volume-size', 'whole number'],
  [{ 'root-volume-size': '20G' }, 'root-volume-size', 'whole number'],
  [
    { 'root-volume-size': '20000', 'root-volume-type': 'gp2' },
    'root-volume-size',
    'gp2 root volume is 1 to 16384',
  ],
  [
    { 'root-volume-size': '2', 'root-volume-type': 'io1', 'root-volume-iops': '100' },
    'root-volume-size',
    'io1 root volume is 4 to 16384',
  ],
  [{ 'root-volume-type': 'st1' }, 'root-volume-type', 'cannot be a boot'],
  [{ 'root-volume-type': 'sc1' }, 'root-volume-type', 'cannot be a boot'],
  [{ 'root-volume-type': 'GP3' }, 'root-volume-type', 'gp3, gp2, io1, io2'],
  [{ 'root-volume-iops': '2999' }, 'root-volume-iops', 'from 3000 to 80000'],
  [{ 'root-volume-iops': '80001' }, 'root-volume-iops', 'from 3000 to 80000'],
  [{ 'root-volume-iops': 'fast' }, 'root-volume-iops', 'whole number'],
  [
    { 'root-volume-type': 'gp2', 'root-volume-iops': '3000' },
    'root-volume-iops',
    'gp2 volumes take no provisioned IOPS',
  ],
  [{ 'root-volume-type': 'io1' }, 'root-volume-iops', 'needs its provisioned IOPS'],
  [{ 'root-volume-type': 'io2' }, 'root-volume-iops', 'needs its provisioned IOPS'],
  [
    { 'root-volume-type': 'io2', 'root-volume-iops': '256001' },
    'root-volume-iops',
    'from 100 to 256000',
  ],
  [
    { 'root-volume-type': 'io1', 'root-volume-iops': '1000', 'root-volume-size': '10' },
    'root-volume-iops',
    'at most 500 IOPS (50 per GiB)',
  ],
  [
    { 'root-volume-iops': '10000', 'root-volume-size': '8' },
    'root-volume-iops',
    'at most 4000 IOPS (500 per GiB)',
  ],
  [{ 'root-volume-throughput': '124' }, 'root-volume-throughput', 'from 125 to 2000'],
  [
    { 'root-volume-throughput': '2001', 'root-volume-iops': '9000' },
    'root-volume-throughput',
    'from 125 to 2000',
  ],
  [
    { 'root-volume-throughput': '1000' },
    'root-volume-throughput',
    'needs root-volume-iops 4000 or more (it is 3000, the baseline)',
  ],
  [
    { 'root-volume-throughput': '1000', 'root-volume-iops': '3999' },
    'root-volume-throughput',
    'needs root-volume-iops 4000',
  ],
  [
    { 'root-volume-type': 'io2', 'root-volume-iops': '1000', 'root-volume-throughput': '500' },
    'root-volume-throughput',
    'only gp3',
  ],
  [{ 'kms-key-id': 'my-key' }, 'kms-key-id', 'not a KMS key id'],
  [{ 'kms-key-id': 'arn:aws:kms:eu-west-1:123456789012:key/nope' }, 'kms-key-id', 'not a key ARN'],
  [
    { 'kms-key-id': `arn:aws:kms:us-east-1:123456789012:key/${KEY}` },
    'kms-key-id',
    'the key is in us-east-1 but instances launch in eu-west-1',
  ],
  [
    { 'kms-key-id': KEY, regions: 'eu-west-1,us-east-1' },
    'kms-key-id',
    'a key id belongs to one region',
  ],
  [{ 'kms-key-id': 'arn:aws:iam::123456789012:role/x' }, 'kms-key-id', 'not a KMS key id'],
  [
    { 'instance-profile': 'arn:aws:iam::123456789012:role/app' },
    'instance-profile',
    'a role ARN is not one',
  ],
  [{ 'instance-profile': 'has space' }, 'instance-profile', 'not an instance profile name'],
  [{ 'instance-profile': 'x'.repeat(129) }, 'instance-profile', 'not an instance profile name'],
  [{ 'cpu-credits': 'unlimted' }, 'cpu-credits', 'standard, unlimited'],
  [{ 'cpu-credits': 'Standard' }, 'cpu-credits', 'standard, unlimited'],
];

describe('launch options: bad values name their input', () => {
  it.each(BAD)('%j → %s', (over, input, phrase) => {
    const err = errorsOf(over);
    expect(err.errors.map((e) => e.input)).toEqual([input]);
    expect(err.errors[0]?.message).toMatch(phrase);
    expect(err.errors[0]?.message).toContain(`Input '${input}'`);
  });

  it('a refused type reports only itself, not the IOPS checked against it', () => {
    const err = errorsOf({
      'root-volume-type': 'st1',
      'root-volume-iops': '1',
      'root-volume-size': '1',
    });
    expect(err.errors.map((e) => e.input)).toEqual(['root-volume-type']);
  });
});

describe('rootVolumeProblem (against the image, at launch-template time)', () => {
  const rv = (over: Partial<RootVolume>): RootVolume => ({
    type: 'gp3',
    sizeGiB: undefined,
    iops: undefined,
    throughputMiBs: undefined,
    kmsKeyId: undefined,
    ...over,
  });
  it('refuses a size under the root snapshot, naming root-volume-size', () => {
    const e = rootVolumeProblem(rv({ sizeGiB: 8 }), 8, 30);
    expect(e?.input).toBe('root-volume-size');
    expect(e?.message).toContain("smaller than the image's root snapshot (30 GiB)");
    expect(rootVolumeProblem(rv({ sizeGiB: 30 }), 30, 30)).toBeUndefined();
  });
  it("checks the IOPS ratio with the image's size when no size is given", () => {
    const e = rootVolumeProblem(rv({ type: 'io1', iops: 1000 }), 8, 8);
    expect(e?.input).toBe('root-volume-iops');
    expect(e?.message).toContain('a 8 GiB io1 volume allows at most 400 IOPS');
    expect(rootVolumeProblem(rv({ iops: 3000 }), 1, 1)).toBeUndefined();
  });
});
