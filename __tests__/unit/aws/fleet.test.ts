import {
  CreateFleetCommand,
  EC2Client,
  EC2ServiceException,
  type CreateFleetCommandInput,
  type CreateFleetError,
  type CreateFleetInstance,
  type CreateFleetResult,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsError, CAPACITY_CODES } from '../../../src/aws/aws-errors.js';
import { launchInRegion, MAX_CALLS, MAX_THROTTLE_RETRIES } from '../../../src/aws/fleet.js';
import { provisionFleet, type RegionLaunch } from '../../../src/aws/fleet-regions.js';
import type { InstanceInfo, RegionResources } from '../../../src/aws/types.js';

const TYPES = ['c6i.large', 'm6i.large'];
const TAGS = { 'spot-deploy:deployment': 'web', Name: 'web' };

function resources(region: string): RegionResources {
  return {
    region,
    imageId: 'ami-1',
    securityGroupIds: ['sg-1'],
    launchTemplate: { id: `lt-${region}`, version: '3' },
    subnets: ['a', 'b'].map((z) => ({
      subnetId: `subnet-${region}-${z}`,
      availabilityZone: `${region}${z}`,
      vpcId: 'vpc-1',
    })),
  };
}

const ec2Error = (name: string, message = `${name} happened`) =>
  new EC2ServiceException({ name, message, $fault: 'client', $metadata: {} });

type Override = { InstanceType?: string; SubnetId?: string; MaxPrice?: string };
const overridesOf = (input: CreateFleetCommandInput): Override[] =>
  (input.LaunchTemplateConfigs?.[0]?.Overrides ?? []) as Override[];
const key = (o: Override) => `${o.InstanceType}@${o.SubnetId}`;

/**
 * A small EC2: each pool (type@subnet) has some capacity; the fleet fills from pools in override
 * order and reports `code` for every pool it tried that could not give all it still needed.
 */
function fakeEc2(capacity: Record<string, number>, code = 'InsufficientInstanceCapacity') {
  let next = 0;
  return (input: CreateFleetCommandInput): CreateFleetResult => {
    let want = input.TargetCapacitySpecification?.TotalTargetCapacity ?? 0;
    const lifecycle = input.TargetCapacitySpecification?.DefaultTargetCapacityType as
      'spot' | 'on-demand';
    const out = { Instances: [] as CreateFleetInstance[], Errors: [] as CreateFleetError[] };
    for (const o of overridesOf(input)) {
      if (want === 0) break;
      const n = Math.min(capacity[key(o)] ?? 0, want);
      const lto = { LaunchTemplateAndOverrides: { Overrides: o as never }, Lifecycle: lifecycle };
      if (n > 0) {
        const ids = Array.from({ length: n }, () => `i-${++next}`);
        out.Instances.push({ ...lto, InstanceIds: ids, InstanceType: o.InstanceType as never });
      }
      if (n < want) out.Errors.push({ ...lto, ErrorCode: code, ErrorMessage: 'no capacity' });
      capacity[key(o)] = (capacity[key(o)] ?? 0) - n;
      want -= n;
    }
    return out;
  };
}

function setup(regionNames: string[], counts: number[]) {
  const plans: RegionLaunch[] = regionNames.map((region, i) => ({
    region,
    client: new EC2Client({ region }),
    resources: resources(region),
    count: counts[i] ?? 0,
  }));
  const mocks = plans.map((p) => mockClient(p.client));
  const events: string[] = [];
  const launched: InstanceInfo[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  const opts = {
    instanceTypes: TYPES,
    onDemandFallback: false,
    tags: TAGS,
    onLaunched: (is: readonly InstanceInfo[]) => {
      events.push(`saved ${is.map((i) => i.id).join(',')}`);
      launched.push(...is);
    },
    sleep: async (ms: number) => void sleeps.push(ms),
    log: (l: string) => void logs.push(l),
  };
  /** Every CreateFleet input, per region, in order. */
  const calls = (i: number) =>
    (mocks[i]?.commandCalls(CreateFleetCommand) ?? []).map((c) => c.args[0].input);
  const onFleet = (i: number, fn: (input: CreateFleetCommandInput) => CreateFleetResult) =>
    mocks[i]?.on(CreateFleetCommand).callsFake((input: CreateFleetCommandInput) => {
      events.push(
        `call ${regionNames[i]} ${input.TargetCapacitySpecification?.TotalTargetCapacity}`,
      );
      return fn(input);
    });
  return { plans, mocks, events, launched, sleeps, logs, opts, calls, onFleet };
}

/** Capacity `n` in every pool of `region`. */
const full = (n: number, region = 'r1') =>
  Object.fromEntries(
    TYPES.flatMap((t) => ['a', 'b'].map((z) => [`${t}@subnet-${region}-${z}`, n])),
  );

/** Spot and on-demand answer from separate pools of capacity, as on EC2. */
const byLifecycle =
  (spot: ReturnType<typeof fakeEc2>, onDemand: ReturnType<typeof fakeEc2>) =>
  (input: CreateFleetCommandInput) =>
    input.TargetCapacitySpecification?.DefaultTargetCapacityType === 'spot'
      ? spot(input)
      : onDemand(input);

const asked = (input: CreateFleetCommandInput) =>
  `${input.TargetCapacitySpecification?.DefaultTargetCapacityType} ${input.TargetCapacitySpecification?.TotalTargetCapacity}`;

describe('request shape', () => {
  it('spot: instant, price-capacity-optimized, types × subnets, tags on instance and volume', async () => {
    const s = setup(['r1'], [2]);
    s.onFleet(0, fakeEc2(full(5)));
    await launchInRegion(
      { ...s.plans[0]!, lifecycle: 'spot', instanceTypes: TYPES, tags: TAGS },
      s.opts,
    );
    const input = s.calls(0)[0]!;
    expect(input).toMatchObject({
      Type: 'instant',
      LaunchTemplateConfigs: [
        { LaunchTemplateSpecification: { LaunchTemplateId: 'lt-r1', Version: '3' } },
      ],
      TargetCapacitySpecification: { TotalTargetCapacity: 2, DefaultTargetCapacityType: 'spot' },
      SpotOptions: { AllocationStrategy: 'price-capacity-optimized' },
    });
    expect(input.OnDemandOptions).toBeUndefined();
    expect(overridesOf(input)).toEqual([
      { InstanceType: 'c6i.large', SubnetId: 'subnet-r1-a' },
      { InstanceType: 'c6i.large', SubnetId: 'subnet-r1-b' },
      { InstanceType: 'm6i.large', SubnetId: 'subnet-r1-a' },
      { InstanceType: 'm6i.large', SubnetId: 'subnet-r1-b' },
    ]);
    const tagList = [
      { Key: 'spot-deploy:deployment', Value: 'web' },
      { Key: 'Name', Value: 'web' },
    ];
    expect(input.TagSpecifications).toEqual([
      { ResourceType: 'instance', Tags: tagList },
      { ResourceType: 'volume', Tags: tagList },
    ]);
    expect(input.ClientToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts MaxPrice on every spot override when given, never on on-demand', async () => {
    const s = setup(['r1'], [1]);
    s.onFleet(0, fakeEc2(full(5)));
    const base = { ...s.plans[0]!, instanceTypes: TYPES, tags: TAGS, maxPrice: '0.05', count: 1 };
    await launchInRegion({ ...base, lifecycle: 'spot' }, s.opts);
    await launchInRegion({ ...base, lifecycle: 'on-demand' }, s.opts);
    const [spot, od] = s.calls(0);
    expect(overridesOf(spot!).map((o) => o.MaxPrice)).toEqual(['0.05', '0.05', '0.05', '0.05']);
    expect(overridesOf(od!).some((o) => 'MaxPrice' in o)).toBe(false);
    expect(od).toMatchObject({
      TargetCapacitySpecification: {
        TotalTargetCapacity: 1,
        DefaultTargetCapacityType: 'on-demand',
      },
      OnDemandOptions: { AllocationStrategy: 'lowest-price' },
    });
    expect(od!.SpotOptions).toBeUndefined();
    expect(spot!.ClientToken).not.toBe(od!.ClientToken);
  });

  it('reads instances with their lifecycle, type, subnet and AZ (from the subnet list)', async () => {
    const s = setup(['r1'], [3]);
    s.onFleet(0, fakeEc2({ 'm6i.large@subnet-r1-b': 3 }));
    const r = await launchInRegion(
      { ...s.plans[0]!, lifecycle: 'spot', instanceTypes: TYPES, tags: TAGS },
      s.opts,
    );
    expect(r.instances).toHaveLength(3);
    expect(r.instances[0]).toEqual({
      id: 'i-1',
      region: 'r1',
      instanceType: 'm6i.large',
      lifecycle: 'spot',
      subnetId: 'subnet-r1-b',
      availabilityZone: 'r1b',
    });
  });
});

describe('launchInRegion fallbacks', () => {
  let s: ReturnType<typeof setup>;
  const req = () => ({
    ...s.plans[0]!,
    lifecycle: 'spot' as const,
    instanceTypes: TYPES,
    tags: TAGS,
    count: 3,
  });
  beforeEach(() => (s = setup(['r1'], [3])));

  it.each([...CAPACITY_CODES])(
    '%s drops the failed pools and asks again for the rest',
    async (code) => {
      let n = 0;
      s.onFleet(0, (input) =>
        n++ === 0
          ? {
              Errors: overridesOf(input)
                .filter((o) => o.InstanceType === 'c6i.large')
                .map((o) => ({
                  ErrorCode: code,
                  ErrorMessage: 'no',
                  LaunchTemplateAndOverrides: { Overrides: o as never },
                })),
            }
          : fakeEc2(full(5))(input),
      );
      const r = await launchInRegion(req(), s.opts);
      expect(r.instances).toHaveLength(3);
      const [first, second, third] = s.calls(0);
      expect(overridesOf(first!)).toHaveLength(4);
      expect(overridesOf(second!).map(key)).toEqual([
        'm6i.large@subnet-r1-a',
        'm6i.large@subnet-r1-b',
      ]);
      expect(second!.TargetCapacitySpecification?.TotalTargetCapacity).toBe(3);
      expect(third).toBeUndefined();
      expect(r.errors.map((e) => [e.code, e.instanceType, e.availabilityZone])).toEqual([
        [code, 'c6i.large', 'r1a'],
        [code, 'c6i.large', 'r1b'],
      ]);
      expect(r.pools.map((p) => p.instanceType)).toEqual(['m6i.large', 'm6i.large']);
    },
  );

  it('asks again for the remainder without the pools that failed (partial success)', async () => {
    // One call launches 1 and reports capacity errors on two pools; the retry asks for 2 with the rest.
    s.onFleet(0, (input) => {
      const o = overridesOf(input);
      if (o.length === 4)
        return {
          Instances: [
            {
              InstanceIds: ['i-1'],
              InstanceType: 'c6i.large',
              Lifecycle: 'spot',
              LaunchTemplateAndOverrides: { Overrides: o[1] as never },
            },
          ],
          Errors: [o[0], o[2]].map((x) => ({
            ErrorCode: 'InsufficientInstanceCapacity',
            ErrorMessage: 'none',
            LaunchTemplateAndOverrides: { Overrides: x as never },
          })),
        };
      return fakeEc2({ 'c6i.large@subnet-r1-b': 9 })(input);
    });
    const r = await launchInRegion(req(), s.opts);
    expect(r.instances.map((i) => i.id)).toHaveLength(3);
    const second = s.calls(0)[1]!;
    expect(second.TargetCapacitySpecification?.TotalTargetCapacity).toBe(2);
    expect(overridesOf(second).map(key)).toEqual([
      'c6i.large@subnet-r1-b',
      'm6i.large@subnet-r1-b',
    ]);
    expect(s.calls(0)[0]!.ClientToken).not.toBe(second.ClientToken);
  });

  it('saves launched instances before any further call', async () => {
    let ids = 0;
    s.onFleet(0, (input) => {
      const o = overridesOf(input)[0]!;
      return {
        Instances: [
          {
            InstanceIds: [`i-${++ids}`],
            Lifecycle: 'spot',
            LaunchTemplateAndOverrides: { Overrides: o as never },
          },
        ],
        Errors: [
          {
            ErrorCode: 'InsufficientInstanceCapacity',
            LaunchTemplateAndOverrides: { Overrides: overridesOf(input)[1] as never },
          },
        ],
      };
    });
    await launchInRegion(req(), s.opts);
    expect(s.events).toEqual([
      'call r1 3',
      'saved i-1',
      'call r1 2',
      'saved i-2',
      'call r1 1',
      'saved i-3',
    ]);
  });

  it('stops when every pool has failed, after one call', async () => {
    s.onFleet(0, fakeEc2({}));
    const r = await launchInRegion(req(), s.opts);
    expect(r).toMatchObject({ instances: [], pools: [] });
    expect(r.errors).toHaveLength(4);
    expect(s.calls(0)).toHaveLength(1);
  });

  it('is bounded when the API keeps answering oddly', async () => {
    // Errors for a pool we never asked for: nothing to drop, so no second identical call.
    s.onFleet(0, () => ({
      Errors: [
        {
          ErrorCode: 'InsufficientInstanceCapacity',
          LaunchTemplateAndOverrides: {
            Overrides: { InstanceType: 'x1.huge', SubnetId: 'subnet-x' } as never,
          },
        },
      ],
    }));
    expect((await launchInRegion(req(), s.opts)).instances).toEqual([]);
    expect(s.calls(0)).toHaveLength(1);
    // One instance per call for ever: progress, but capped.
    s.mocks[0]!.reset();
    let ids = 0;
    s.onFleet(0, () => ({ Instances: [{ InstanceIds: [`i-${++ids}`], Lifecycle: 'spot' }] }));
    const r = await launchInRegion({ ...req(), count: 50 }, s.opts);
    expect(r.instances).toHaveLength(MAX_CALLS);
    expect(s.calls(0)).toHaveLength(MAX_CALLS);
  });

  it('backs off exponentially on thrown throttling, then goes on', async () => {
    s.mocks[0]!.on(CreateFleetCommand)
      .rejectsOnce(ec2Error('RequestLimitExceeded'))
      .rejectsOnce(ec2Error('RequestLimitExceeded'))
      .callsFake(fakeEc2(full(5)));
    const r = await launchInRegion(req(), s.opts);
    expect(r.instances).toHaveLength(3);
    expect(s.sleeps).toEqual([1000, 2000]);
  });

  it('gives up on throttling after a bounded number of backoffs, without throwing', async () => {
    s.mocks[0]!.on(CreateFleetCommand).rejects(ec2Error('RequestLimitExceeded'));
    const r = await launchInRegion(req(), s.opts);
    expect(s.calls(0)).toHaveLength(MAX_THROTTLE_RETRIES + 1);
    expect(s.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(r.errors.map((e) => e.code)).toEqual(['RequestLimitExceeded']);
    expect(r.pools).toHaveLength(4); // not ruled out: a later pass may come back
  });

  it('backs off on per-override throttling and keeps those pools', async () => {
    let n = 0;
    s.onFleet(0, (input) =>
      n++ === 0
        ? {
            Errors: overridesOf(input).map((o) => ({
              ErrorCode: 'RequestLimitExceeded',
              LaunchTemplateAndOverrides: { Overrides: o as never },
            })),
          }
        : fakeEc2(full(5))(input),
    );
    const r = await launchInRegion(req(), s.opts);
    expect(r.instances).toHaveLength(3);
    expect(s.sleeps).toEqual([1000]);
    expect(overridesOf(s.calls(0)[1]!)).toHaveLength(4);
  });

  it.each(['MaxSpotInstanceCountExceeded', 'MaxSpotFleetRequestCountExceeded'])(
    '%s stops spot in the region and is returned (per override or thrown)',
    async (code) => {
      s.onFleet(0, (input) => ({
        Errors: [
          {
            ErrorCode: code,
            ErrorMessage: 'quota',
            LaunchTemplateAndOverrides: { Overrides: overridesOf(input)[0] as never },
          },
        ],
      }));
      const r = await launchInRegion(req(), s.opts);
      expect(r).toMatchObject({ instances: [], pools: [], errors: [{ code }] });
      expect(s.calls(0)).toHaveLength(1);
      s.mocks[0]!.reset();
      s.mocks[0]!.on(CreateFleetCommand).rejects(ec2Error(code));
      expect(await launchInRegion(req(), s.opts)).toMatchObject({ pools: [], errors: [{ code }] });
    },
  );

  it('throws a clear AwsError naming ec2:CreateFleet when denied', async () => {
    s.mocks[0]!.on(CreateFleetCommand).rejects(
      ec2Error('UnauthorizedOperation', 'You are not authorized'),
    );
    const err = await launchInRegion(req(), s.opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect(err).toMatchObject({
      action: 'CreateFleet',
      region: 'r1',
      code: 'UnauthorizedOperation',
    });
    expect((err as Error).message).toMatch(
      /^Could not launch 3 spot instance\(s\) in r1: UnauthorizedOperation/,
    );
    expect((err as Error).message).toContain('ec2:CreateFleet');
    expect((err as Error).message).toContain('ec2:RunInstances');
  });

  it.each(['VcpuLimitExceeded', 'InstanceLimitExceeded', 'MaxFleetCountExceeded'])(
    'a thrown %s ends that lifecycle in the region and is returned, not thrown (quotas are per region)',
    async (code) => {
      s.mocks[0]!.on(CreateFleetCommand).rejects(ec2Error(code));
      const r = await launchInRegion({ ...req(), lifecycle: 'on-demand' }, s.opts);
      expect(r).toMatchObject({ instances: [], pools: [], errors: [{ code }] });
      expect(s.calls(0)).toHaveLength(1);
    },
  );

  it('a per-pool vCPU quota drops only that pool (quotas are per instance family)', async () => {
    s.onFleet(0, (input) => {
      const out = fakeEc2({ 'm6i.large@subnet-r1-a': 3 })(input);
      const first = overridesOf(input)[0];
      return first?.InstanceType === 'c6i.large'
        ? {
            Instances: out.Instances,
            Errors: [
              {
                ErrorCode: 'VcpuLimitExceeded',
                ErrorMessage: 'vCPU quota',
                LaunchTemplateAndOverrides: { Overrides: first as never },
              },
            ],
          }
        : out;
    });
    const r = await launchInRegion(req(), s.opts);
    expect(r.instances).toHaveLength(3);
    expect(r.errors.map((e) => e.code)).toContain('VcpuLimitExceeded');
  });

  it('fails loudly when every pool has a configuration error and nothing launched', async () => {
    s.onFleet(0, (input) => ({
      Errors: overridesOf(input).map((o) => ({
        ErrorCode: 'InvalidParameterValue',
        ErrorMessage: 'bad arch',
        LaunchTemplateAndOverrides: { Overrides: o as never },
      })),
    }));
    await expect(launchInRegion(req(), s.opts)).rejects.toThrow(
      /Could not launch 3 spot instance\(s\) in r1: InvalidParameterValue: bad arch \(pools: InvalidParameterValue \(c6i.large in r1a\)/,
    );
  });

  it('keeps a configuration error as a pool error while other pools launch', async () => {
    s.onFleet(0, (input) => {
      const ok = fakeEc2({ 'm6i.large@subnet-r1-a': 3 })(input);
      const bad = overridesOf(input).filter((o) => o.InstanceType === 'c6i.large');
      return {
        Instances: ok.Instances ?? [],
        Errors: bad.map((o) => ({
          ErrorCode: 'InvalidParameterValue',
          LaunchTemplateAndOverrides: { Overrides: o as never },
        })),
      };
    });
    const r = await launchInRegion(req(), s.opts);
    expect(r.instances).toHaveLength(3);
    expect(r.errors.map((e) => e.code)).toEqual(['InvalidParameterValue', 'InvalidParameterValue']);
    expect(r.pools.every((p) => p.instanceType === 'm6i.large')).toBe(true);
  });

  it('does not throw for configuration errors when the other pools only lacked capacity', async () => {
    s.onFleet(0, (input) => ({
      Errors: overridesOf(input).map((o) => ({
        ErrorCode:
          o.InstanceType === 'c6i.large' ? 'InvalidParameterValue' : 'InsufficientInstanceCapacity',
        LaunchTemplateAndOverrides: { Overrides: o as never },
      })),
    }));
    const r = await launchInRegion(req(), s.opts);
    expect(r).toMatchObject({ instances: [], pools: [] });
    expect(r.errors).toHaveLength(4);
  });
});

describe('provisionFleet', () => {
  it('rolls a shortfall over to the next regions, including 0-count ones', async () => {
    const s = setup(['r1', 'r2', 'r3'], [3, 2, 0]);
    s.onFleet(0, fakeEc2({}));
    s.onFleet(1, fakeEc2({ 'm6i.large@subnet-r2-b': 2 }));
    s.onFleet(2, fakeEc2(full(9, 'r3')));
    const r = await provisionFleet(s.plans, s.opts);
    expect(r.shortfall).toBe(0);
    expect(r.instances.map((i) => i.region)).toEqual(['r2', 'r2', 'r3', 'r3', 'r3']);
    expect(s.calls(0).map(asked)).toEqual(['spot 3']);
    expect(s.calls(1).map(asked)).toEqual(['spot 5']);
    expect(s.calls(2).map(asked)).toEqual(['spot 3']);
    expect(s.launched).toEqual(r.instances);
  });

  it('wraps around to earlier regions that still have pools, with a fresh ClientToken', async () => {
    const s = setup(['r0', 'r1', 'r2'], [0, 2, 2]);
    s.onFleet(0, fakeEc2(full(9, 'r0')));
    s.onFleet(1, fakeEc2(full(9, 'r1')));
    s.onFleet(2, fakeEc2({}));
    const r = await provisionFleet(s.plans, s.opts);
    expect(r.shortfall).toBe(0);
    // r0 (never asked) comes first in the wrap; r2 has no pool left and is not asked again.
    expect(s.calls(0).map(asked)).toEqual(['spot 2']);
    expect(s.calls(1).map(asked)).toEqual(['spot 2']);
    expect(s.calls(2).map(asked)).toEqual(['spot 2']);
    expect(r.instances.map((i) => i.region)).toEqual(['r1', 'r1', 'r0', 'r0']);

    const t = setup(['r1', 'r2'], [2, 2]);
    t.onFleet(0, fakeEc2(full(9, 'r1')));
    t.onFleet(1, fakeEc2({}));
    expect((await provisionFleet(t.plans, t.opts)).shortfall).toBe(0);
    const [first, again] = t.calls(0);
    expect([first, again].map((c) => asked(c!))).toEqual(['spot 2', 'spot 2']);
    expect(first!.ClientToken).not.toBe(again!.ClientToken);
  });

  it('tries on-demand, region by region, only when the fallback is on', async () => {
    for (const onDemandFallback of [false, true]) {
      const s = setup(['r1', 'r2'], [2, 1]);
      s.onFleet(0, byLifecycle(fakeEc2({}), fakeEc2({ 'c6i.large@subnet-r1-b': 1 })));
      s.onFleet(1, byLifecycle(fakeEc2({}), fakeEc2(full(9, 'r2'))));
      const r = await provisionFleet(s.plans, { ...s.opts, onDemandFallback });
      if (!onDemandFallback) {
        expect(r).toMatchObject({ instances: [], shortfall: 3 });
        expect([...s.calls(0), ...s.calls(1)].map(asked)).toEqual(['spot 2', 'spot 3']);
      } else {
        expect(r.shortfall).toBe(0);
        expect(s.calls(0).map(asked)).toEqual(['spot 2', 'on-demand 3']);
        expect(s.calls(1).map(asked)).toEqual(['spot 3', 'on-demand 2']);
        expect(r.instances.map((i) => `${i.region} ${i.lifecycle}`)).toEqual([
          'r1 on-demand',
          'r2 on-demand',
          'r2 on-demand',
        ]);
      }
    }
  });

  it('on a spot quota, moves spot to the next region and may go on-demand there', async () => {
    const s = setup(['r1', 'r2'], [2, 0]);
    const quota = (input: CreateFleetCommandInput): CreateFleetResult => ({
      Errors: [
        {
          ErrorCode: 'MaxSpotInstanceCountExceeded',
          LaunchTemplateAndOverrides: { Overrides: overridesOf(input)[0] as never },
        },
      ],
    });
    s.onFleet(0, byLifecycle(quota, fakeEc2(full(9, 'r1'))));
    s.onFleet(1, byLifecycle(fakeEc2({ 'c6i.large@subnet-r2-a': 1 }), fakeEc2({})));
    const r = await provisionFleet(s.plans, { ...s.opts, onDemandFallback: true });
    expect(r.shortfall).toBe(0);
    expect(s.calls(0).map(asked)).toEqual(['spot 2', 'on-demand 1']);
    expect(s.calls(1).map(asked)).toEqual(['spot 2']);
    expect(r.errors.map((e) => `${e.region} ${e.code}`)).toContain(
      'r1 MaxSpotInstanceCountExceeded',
    );
  });

  it('a vCPU quota in one region moves on to the next region, then on-demand', async () => {
    const s = setup(['r1', 'r2'], [2, 0]);
    s.mocks[0]!.on(CreateFleetCommand).rejects(ec2Error('VcpuLimitExceeded', 'vCPU limit'));
    s.onFleet(1, byLifecycle(fakeEc2({ 'c6i.large@subnet-r2-a': 1 }), fakeEc2(full(9, 'r2'))));
    const r = await provisionFleet(s.plans, { ...s.opts, onDemandFallback: true });
    expect(r.shortfall).toBe(0);
    expect(r.instances.map((i) => `${i.region} ${i.lifecycle}`)).toEqual([
      'r2 spot',
      'r2 on-demand',
    ]);
    expect(r.errors.map((e) => `${e.region} ${e.lifecycle} ${e.code}`)).toEqual(
      expect.arrayContaining(['r1 spot VcpuLimitExceeded', 'r1 on-demand VcpuLimitExceeded']),
    );
  });

  it('fails only when every region answers with a quota, naming each region and lifecycle', async () => {
    const s = setup(['r1', 'r2'], [1, 1]);
    s.mocks[0]!.on(CreateFleetCommand).rejects(ec2Error('VcpuLimitExceeded', 'vCPU limit'));
    s.onFleet(1, (input) =>
      input.TargetCapacitySpecification?.DefaultTargetCapacityType === 'spot'
        ? {
            Errors: overridesOf(input).map((o) => ({
              ErrorCode: 'MaxSpotInstanceCountExceeded',
              ErrorMessage: 'spot count',
              LaunchTemplateAndOverrides: { Overrides: o as never },
            })),
          }
        : (() => {
            throw ec2Error('InstanceLimitExceeded', 'instance limit');
          })(),
    );
    const err = await provisionFleet(s.plans, { ...s.opts, onDemandFallback: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AwsError);
    const msg = (err as Error).message;
    expect(msg).toMatch(
      /^Could not launch 2 instance\(s\): an EC2 service quota is reached in every region/,
    );
    for (const part of [
      'r1 spot: VcpuLimitExceeded (vCPU limit)',
      'r1 on-demand: VcpuLimitExceeded',
      'r2 spot: MaxSpotInstanceCountExceeded (spot count)',
      'r2 on-demand: InstanceLimitExceeded (instance limit)',
      'Service Quotas',
    ])
      expect(msg).toContain(part);
    // Every region and lifecycle was asked before failing.
    expect(s.calls(0).map(asked)).toEqual(['spot 1', 'on-demand 2']);
    expect(s.calls(1).map(asked)).toEqual(['spot 2', 'on-demand 2']);
  });

  it('with quotaIsFatal false, a quota everywhere is a shortfall with each region in the errors', async () => {
    const s = setup(['r1', 'r2'], [1, 1]);
    s.mocks[0]!.on(CreateFleetCommand).rejects(ec2Error('VcpuLimitExceeded', 'vCPU limit'));
    s.mocks[1]!.on(CreateFleetCommand).rejects(ec2Error('InstanceLimitExceeded', 'instance limit'));
    const res = await provisionFleet(s.plans, { ...s.opts, quotaIsFatal: false });
    expect(res.instances).toEqual([]);
    expect(res.shortfall).toBe(2);
    expect(res.errors.map((e) => `${e.region} ${e.code}`)).toEqual([
      'r1 VcpuLimitExceeded',
      'r2 InstanceLimitExceeded',
    ]);
  });

  it('rethrows a fatal error from a later region after saving what earlier regions launched', async () => {
    const s = setup(['r1', 'r2'], [2, 2]);
    s.onFleet(0, fakeEc2(full(9, 'r1')));
    s.mocks[1]!.on(CreateFleetCommand).rejects(ec2Error('UnauthorizedOperation'));
    await expect(provisionFleet(s.plans, s.opts)).rejects.toMatchObject({
      name: 'AwsError',
      region: 'r2',
    });
    expect(s.events).toEqual(['call r1 2', 'saved i-1,i-2']);
    expect(s.launched.map((i) => i.id)).toEqual(['i-1', 'i-2']);
    expect(s.logs.at(-1)).toMatch(/stopping after 2 launched instance\(s\)/);
  });

  it('logs one line per call and a summary', async () => {
    const s = setup(['r1', 'r2'], [1, 1]);
    s.onFleet(0, fakeEc2({}));
    s.onFleet(1, fakeEc2(full(9, 'r2')));
    await provisionFleet(s.plans, s.opts);
    expect(s.logs).toEqual([
      expect.stringMatching(
        /^CreateFleet r1 spot: asked 1, launched 0 \(4 pools\); errors: InsufficientInstanceCapacity \(c6i.large in r1a\), /,
      ),
      'CreateFleet r2 spot: asked 2, launched 2 (4 pools); errors: none',
      'fleet: launched 2 (spot 2, on-demand 0); shortfall 0',
    ]);
  });

  it('ends with a shortfall, in few calls, when nothing ever launches', async () => {
    const s = setup(['r1', 'r2'], [2, 2]);
    s.onFleet(0, () => ({}));
    s.onFleet(1, () => ({}));
    const r = await provisionFleet(s.plans, { ...s.opts, onDemandFallback: true });
    expect(r.shortfall).toBe(4);
    // Spot, the wrap-around (pools not ruled out), on-demand: one call each per region.
    expect([...s.calls(0), ...s.calls(1)]).toHaveLength(6);
  });
});
