import {
  CreateLaunchTemplateCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  EC2ServiceException,
  type CreateFleetCommandInput,
  type CreateFleetResult,
  type Instance,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { provisionFleet, type RegionLaunch } from '../../../src/aws/fleet-regions.js';
import type { InstanceInfo, RegionResources } from '../../../src/aws/types.js';
import { hasMoto, startMoto, useMotoEnv, type Moto } from '../../helpers/moto.js';

const REGIONS = ['eu-west-1', 'eu-central-1'] as const;
const TYPES = ['t3.micro', 't3.small'];
const TAGS = { 'spot-deploy:deployment': 'fleet-moto', Name: 'fleet-moto' };

let moto: Moto;
let restore: () => void;

/** What prepareRegion would hand over: default-VPC subnets and a launch template. */
async function prepare(client: EC2Client, region: string): Promise<RegionResources> {
  const images = await client.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const imageId =
    images.Images?.find((i) => i.Architecture === 'x86_64' && !i.Platform)?.ImageId ?? '';
  const subnets = await client.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  const lt = await client.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `fleet-moto-${region}`,
      LaunchTemplateData: { ImageId: imageId, InstanceType: 't3.micro' },
    }),
  );
  return {
    region,
    imageId,
    securityGroupIds: [],
    launchTemplate: {
      id: lt.LaunchTemplate?.LaunchTemplateId ?? '',
      version: String(lt.LaunchTemplate?.LatestVersionNumber ?? 1),
    },
    subnets: (subnets.Subnets ?? []).slice(0, 2).map((s) => ({
      subnetId: s.SubnetId ?? '',
      availabilityZone: s.AvailabilityZone ?? '',
      vpcId: s.VpcId ?? '',
    })),
  };
}

type Fake = (input: CreateFleetCommandInput) => CreateFleetResult | Error | undefined;

/**
 * Test-only fault injection: moto never runs out of capacity, so a middleware answers CreateFleet
 * in place of moto when `fake` returns something (an answer or an error to throw).
 */
function inject(client: EC2Client, fake: Fake): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'CreateFleetCommand') return next(args);
      const answer = fake(args.input as CreateFleetCommandInput);
      if (answer === undefined) return next(args);
      if (answer instanceof Error) throw answer;
      return { output: { $metadata: {}, ...answer }, response: {} };
    },
    { step: 'initialize', name: 'fleetMotoFaults' },
  );
}

/** Every pool of a spot request fails for lack of capacity; anything else goes to moto. */
const noSpotCapacity: Fake = (input) =>
  input.TargetCapacitySpecification?.DefaultTargetCapacityType !== 'spot'
    ? undefined
    : {
        Errors: (input.LaunchTemplateConfigs?.[0]?.Overrides ?? []).map((o) => ({
          ErrorCode: 'InsufficientInstanceCapacity',
          ErrorMessage: 'There is no Spot capacity available that matches your request.',
          Lifecycle: 'spot',
          LaunchTemplateAndOverrides: { Overrides: { ...o } },
        })),
      };

async function described(client: EC2Client): Promise<Instance[]> {
  const out = await client.send(
    new DescribeInstancesCommand({
      Filters: [{ Name: 'tag:spot-deploy:deployment', Values: ['fleet-moto'] }],
    }),
  );
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

describe.skipIf(!hasMoto)('provisionFleet against moto', () => {
  let plans: RegionLaunch[];
  let saved: InstanceInfo[];
  let sleeps: number[];
  const opts = () => ({
    instanceTypes: TYPES,
    onDemandFallback: false,
    tags: TAGS,
    onLaunched: (is: readonly InstanceInfo[]) => void saved.push(...is),
    sleep: async (ms: number) => void sleeps.push(ms),
  });

  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto);
  });
  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    saved = [];
    sleeps = [];
    plans = [];
    for (const [i, region] of REGIONS.entries()) {
      // Built as product code would: region only, endpoint and credentials from the environment.
      const client = new EC2Client({ region });
      plans.push({ region, client, resources: await prepare(client, region), count: 3 - i });
    }
  });

  it('launches 3 + 2 spot instances across two regions, tagged, in the given subnets', async () => {
    const r = await provisionFleet(plans, opts());
    expect(r.shortfall).toBe(0);
    expect(r.errors).toEqual([]);
    expect(saved.map((i) => i.id).sort()).toEqual(r.instances.map((i) => i.id).sort());
    for (const [i, plan] of plans.entries()) {
      const live = await described(plan.client);
      expect(live).toHaveLength(3 - i);
      const subnets = plan.resources.subnets.map((s) => s.subnetId);
      for (const inst of live) {
        expect(inst.State?.Name).toBe('running');
        expect(inst.InstanceLifecycle).toBe('spot');
        expect(TYPES).toContain(inst.InstanceType);
        expect(subnets).toContain(inst.SubnetId);
        expect(inst.Tags).toEqual(expect.arrayContaining([{ Key: 'Name', Value: 'fleet-moto' }]));
        const info = r.instances.find((x) => x.id === inst.InstanceId);
        expect(info).toMatchObject({
          region: plan.region,
          lifecycle: 'spot',
          instanceType: inst.InstanceType,
          subnetId: inst.SubnetId,
          availabilityZone: inst.Placement?.AvailabilityZone,
        });
      }
    }
  });

  it('moves the whole count to the second region when the first has no spot capacity', async () => {
    inject(plans[0]!.client, noSpotCapacity);
    const r = await provisionFleet(plans, opts());
    expect(r.shortfall).toBe(0);
    expect(r.errors.filter((e) => e.region === 'eu-west-1')).toHaveLength(4);
    expect(await described(plans[0]!.client)).toEqual([]);
    const second = await described(plans[1]!.client);
    expect(second).toHaveLength(5);
    expect(second.every((i) => i.InstanceLifecycle === 'spot')).toBe(true);
    expect(saved).toHaveLength(5);
  });

  it('drops a pool that reports no capacity and asks again without it', async () => {
    const [first, second] = plans[0]!.resources.subnets;
    // moto always fills from the first override; make that pool fail once.
    inject(plans[0]!.client, (input) => {
      const o = input.LaunchTemplateConfigs?.[0]?.Overrides?.[0];
      if (o?.SubnetId !== first?.subnetId || o?.InstanceType !== 't3.micro') return undefined;
      const err = { ErrorCode: 'InsufficientInstanceCapacity', ErrorMessage: 'none' };
      return { Errors: [{ ...err, LaunchTemplateAndOverrides: { Overrides: { ...o } } }] };
    });
    const r = await provisionFleet(plans, opts());
    expect(r.shortfall).toBe(0);
    expect(r.errors).toMatchObject([
      { region: 'eu-west-1', code: 'InsufficientInstanceCapacity', subnetId: first?.subnetId },
    ]);
    const live = await described(plans[0]!.client);
    expect(live.map((i) => [i.InstanceType, i.SubnetId])).toEqual(
      Array(3).fill(['t3.micro', second?.subnetId]),
    );
    const azs = r.instances.filter((i) => i.region === 'eu-west-1').map((i) => i.availabilityZone);
    expect(azs).toEqual(Array(3).fill(second?.availabilityZone));
  });

  it('falls back to on-demand when no region has spot capacity and the fallback is on', async () => {
    for (const p of plans) inject(p.client, noSpotCapacity);
    const off = await provisionFleet(plans, opts());
    expect(off).toMatchObject({ instances: [], shortfall: 5 });

    const r = await provisionFleet(plans, { ...opts(), onDemandFallback: true });
    expect(r.shortfall).toBe(0);
    expect(r.instances.every((i) => i.lifecycle === 'on-demand' && i.region === 'eu-west-1')).toBe(
      true,
    );
    const live = await described(plans[0]!.client);
    expect(live).toHaveLength(5);
    expect(live.every((i) => i.InstanceLifecycle === undefined)).toBe(true);
    expect(live.every((i) => i.Tags?.some((t) => t.Key === 'spot-deploy:deployment'))).toBe(true);
  });

  it('backs off and retries when CreateFleet is throttled', async () => {
    let throttled = 0;
    inject(plans[0]!.client, () =>
      throttled++ < 2
        ? new EC2ServiceException({
            name: 'RequestLimitExceeded',
            message: 'Request limit exceeded.',
            $fault: 'client',
            $metadata: {},
          })
        : undefined,
    );
    const r = await provisionFleet(plans, opts());
    expect(r.shortfall).toBe(0);
    expect(sleeps).toEqual([1000, 2000]);
    expect(await described(plans[0]!.client)).toHaveLength(3);
  });
});
