import { describe, expect, it } from 'vitest';
import { TAG, type InstanceInfo } from '../../../../src/aws/types.js';
import { chooseAdopted, keyFingerprint, launchCounts } from '../../../../src/modes/deploy/adopt.js';
import { InputError } from '../../../../src/errors.js';
import { generateEd25519 } from '../../../../src/keys.js';

const key = generateEd25519('user');
const fp = keyFingerprint(key.publicKey);
const inst = (id: string, region: string, extra: Partial<InstanceInfo> = {}): InstanceInfo => ({
  id,
  region,
  instanceType: 't3.small',
  lifecycle: 'spot',
  state: 'running',
  launchTime: `2026-01-01T00:00:0${id.slice(-1)}Z`,
  tags: { [TAG.clientKey]: fp },
  ...extra,
});

describe('chooseAdopted', () => {
  it('adopts nothing when the deployment has no instances', () => {
    expect(chooseAdopted([], 3, 'd', undefined)).toEqual({ kept: [], surplus: [], ignored: [] });
  });

  it('refuses to go on without ssh-private-key when instances exist, naming the input and the fix', () => {
    const run = () => chooseAdopted([inst('i-1', 'eu-west-1')], 1, 'pr-7', undefined);
    expect(run).toThrow(InputError);
    expect(run).toThrow(/Input 'ssh-private-key'.*pr-7.*i-1 \(eu-west-1\).*mode: destroy/s);
  });

  it('refuses a key other than the one the instances authorise, showing both fingerprints', () => {
    const other = generateEd25519('other');
    const run = () => chooseAdopted([inst('i-1', 'r')], 1, 'd', other);
    expect(run).toThrow(
      new RegExp(
        `${fp.replace(/[+/]/g, '.')}.*${keyFingerprint(other.publicKey).replace(/[+/]/g, '.')}`,
      ),
    );
  });

  it('keeps the oldest `count` running instances, surplus the rest, ignores stopped ones', () => {
    const found = [
      inst('i-3', 'a'),
      inst('i-1', 'b'),
      inst('i-2', 'a', { state: 'pending' }),
      inst('i-4', 'a', { state: 'stopped' }),
    ];
    const a = chooseAdopted(found, 2, 'd', key);
    expect(a.kept.map((i) => i.id)).toEqual(['i-1', 'i-2']);
    expect(a.surplus.map((i) => i.id)).toEqual(['i-3']);
    expect(a.ignored.map((i) => i.id)).toEqual(['i-4']);
  });
});

describe('launchCounts', () => {
  const plan = [
    { region: 'a', count: 2 },
    { region: 'b', count: 1 },
    { region: 'c', count: 0 },
  ];
  it('launches the plan when nothing is adopted', () => {
    expect(launchCounts(plan, [], 3)).toEqual(plan);
  });
  it('launches only what each region misses', () => {
    expect(launchCounts(plan, [inst('i-1', 'a')], 3)).toEqual([
      { region: 'a', count: 1 },
      { region: 'b', count: 1 },
      { region: 'c', count: 0 },
    ]);
  });
  it('never launches more than count minus adopted, even when adopted sit in other regions', () => {
    const kept = [inst('i-1', 'c'), inst('i-2', 'c')];
    const out = launchCounts(plan, kept, 3);
    expect(out.reduce((n, r) => n + r.count, 0)).toBe(1);
    expect(out[0]).toEqual({ region: 'a', count: 1 });
  });
  it('gives the missing remainder to the first region', () => {
    const out = launchCounts(
      [
        { region: 'a', count: 1 },
        { region: 'b', count: 0 },
      ],
      [],
      1,
    );
    expect(out).toEqual([
      { region: 'a', count: 1 },
      { region: 'b', count: 0 },
    ]);
    expect(launchCounts(plan, [inst('i-1', 'a'), inst('i-2', 'a'), inst('i-3', 'b')], 3)).toEqual([
      { region: 'a', count: 0 },
      { region: 'b', count: 0 },
      { region: 'c', count: 0 },
    ]);
  });
});
