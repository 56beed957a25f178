import {
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { destroyDeployment, type RegionClient } from '../../../src/aws/destroy.js';
import { janitor } from '../../../src/aws/janitor.js';
import { findInstances } from '../../../src/aws/instances.js';
import { waitRunning } from '../../../src/aws/wait.js';
import { hasMoto, startMoto, useMotoEnv, type Moto } from '../../helpers/moto.js';

const REGIONS = ['eu-west-1', 'us-east-1'] as const;
const PAST = '2026-01-01T00:00:00Z';
const FUTURE = '2099-01-01T00:00:00Z';
const NOW = new Date('2026-11-22T12:00:00Z');
/** Polling tests against moto need no real waiting: moto changes state at once. */
const fast = { minDelayMs: 10, maxDelayMs: 20 };

let moto: Moto;
let restore: () => void;
let regions: RegionClient[];
/** The test's own view, separate from the clients product code gets. */
let check: Record<string, EC2Client>;

interface Deployment {
  readonly id: string;
  readonly region: string;
  readonly expiresAt: string;
  readonly count: number;
}

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Launches `count` instances with the deployment's tags, plus its managed SG and LT. */
async function launch(d: Deployment, extraTags: Record<string, string> = {}) {
  const c = check[d.region] as EC2Client;
  const tags = {
    'spot-deploy:deployment': d.id,
    'spot-deploy:expires-at': d.expiresAt,
    'spot-deploy:run-id': `run-${d.id}`,
    ...extraTags,
  };
  const managed = tagList({ ...tags, 'spot-deploy:managed': 'true' });
  const sg = await c.send(
    new CreateSecurityGroupCommand({
      GroupName: `spot-deploy-${d.id}`,
      Description: 'test',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: managed }],
    }),
  );
  await c.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `spot-deploy-${d.id}`,
      LaunchTemplateData: { InstanceType: 't3.micro' },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: managed }],
    }),
  );
  const images = await c.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  // moto gives a public IP unless told otherwise (no subnet = EC2-Classic; default subnets map
  // public IPs): ask for none, as a private subnet would.
  const subnets = await c.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  const res = await c.send(
    new RunInstancesCommand({
      ImageId: images.Images?.[0]?.ImageId ?? 'ami-12c6146b',
      InstanceType: 't3.micro',
      MinCount: d.count,
      MaxCount: d.count,
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SubnetId: subnets.Subnets?.[0]?.SubnetId ?? '',
          Groups: [sg.GroupId ?? ''],
          AssociatePublicIpAddress: false,
        },
      ],
      TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(tags) }],
    }),
  );
  return (res.Instances ?? []).map((i) => i.InstanceId ?? '');
}

async function liveIds(region: string, deploymentId: string): Promise<string[]> {
  const res = await (check[region] as EC2Client).send(
    new DescribeInstancesCommand({
      Filters: [{ Name: 'tag:spot-deploy:deployment', Values: [deploymentId] }],
    }),
  );
  return (res.Reservations ?? [])
    .flatMap((r) => r.Instances ?? [])
    .filter((i) => i.State?.Name !== 'terminated')
    .map((i) => i.InstanceId ?? '');
}

async function managedNames(region: string): Promise<string[]> {
  const c = check[region] as EC2Client;
  const sgs = await c.send(new DescribeSecurityGroupsCommand({}));
  const lts = await c.send(new DescribeLaunchTemplatesCommand({}));
  return [
    ...(sgs.SecurityGroups ?? []).map((g) => `sg:${g.GroupName}`),
    ...(lts.LaunchTemplates ?? []).map((t) => `lt:${t.LaunchTemplateName}`),
  ]
    .filter((n) => n.includes('spot-deploy-') || n.includes('stranger'))
    .sort();
}

const A: Deployment = { id: 'dep-a', region: 'eu-west-1', expiresAt: FUTURE, count: 2 };
const B: Deployment = { id: 'dep-b', region: 'us-east-1', expiresAt: PAST, count: 2 };
const A2: Deployment = { id: 'dep-a', region: 'us-east-1', expiresAt: FUTURE, count: 1 };
const C: Deployment = { id: 'dep-c', region: 'eu-west-1', expiresAt: PAST, count: 1 };

describe.skipIf(!hasMoto)('destroy and janitor against moto', () => {
  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto);
    // Product-style clients: reach moto through the environment only.
    regions = REGIONS.map((region) => ({ region, client: new EC2Client({ region }) }));
    check = Object.fromEntries(REGIONS.map((r) => [r, moto.client(r)]));
  });
  afterAll(async () => {
    for (const r of regions ?? []) r.client.destroy();
    restore?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
  });

  it('finds by deployment and run id, and waits for running with a private IP', async () => {
    const ids = await launch(A);
    await launch(C);
    const client = regions[0]?.client as EC2Client;
    const byDep = await findInstances(client, 'eu-west-1', { deploymentId: 'dep-a' });
    expect(byDep.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(byDep[0]?.tags?.['spot-deploy:expires-at']).toBe(FUTURE);
    const byRun = await findInstances(client, 'eu-west-1', { runId: 'run-dep-c' });
    expect(byRun).toHaveLength(1);
    expect(await findInstances(client, 'eu-west-1', { managedOnly: true })).toHaveLength(3);

    const ok = await waitRunning(client, 'eu-west-1', ids, {
      address: 'private-ip',
      timeoutMs: 10_000,
      ...fast,
    });
    expect(ok.every((r) => r.ok && r.info.privateIp !== undefined)).toBe(true);
    // moto gives no public IP by default: the wait must fail, bounded, with the reason.
    const noPublic = await waitRunning(client, 'eu-west-1', ids, {
      address: 'public-ip',
      timeoutMs: 500,
      ...fast,
    });
    expect(noPublic.map((r) => r.ok)).toEqual([false, false]);
    expect(noPublic[0]?.ok === false && noPublic[0].reason).toMatch(
      /^not running with a public-ip after \d+ s \(state running\)/,
    );
  });

  it('destroys one deployment in every region, leaves the others, and is a no-op the second time', async () => {
    const aIds = await launch(A);
    const a2Ids = await launch(A2);
    const bIds = await launch(B);
    const cIds = await launch(C);
    // Not spot-deploy's, even though its name looks alike: must survive everything.
    await (check['eu-west-1'] as EC2Client).send(
      new CreateSecurityGroupCommand({ GroupName: 'stranger', Description: 'not ours' }),
    );

    const first = await destroyDeployment(regions, 'dep-a', fast);
    const eu = first.find((r) => r.region === 'eu-west-1');
    const us = first.find((r) => r.region === 'us-east-1');
    expect(eu?.instancesTerminated.sort()).toEqual([...aIds].sort());
    expect(us?.instancesTerminated).toEqual(a2Ids);
    expect(eu?.securityGroupsDeleted).toHaveLength(1);
    expect(eu?.launchTemplatesDeleted).toHaveLength(1);
    expect(us?.securityGroupsDeleted).toHaveLength(1);
    expect(us?.launchTemplatesDeleted).toHaveLength(1);
    expect([...first.flatMap((r) => r.errors)]).toEqual([]);

    expect(await liveIds('eu-west-1', 'dep-a')).toEqual([]);
    expect(await liveIds('us-east-1', 'dep-a')).toEqual([]);
    expect((await liveIds('us-east-1', 'dep-b')).sort()).toEqual([...bIds].sort());
    expect(await liveIds('eu-west-1', 'dep-c')).toEqual(cIds);
    expect(await managedNames('eu-west-1')).toEqual([
      'lt:spot-deploy-dep-c',
      'sg:spot-deploy-dep-c',
      'sg:stranger',
    ]);
    expect(await managedNames('us-east-1')).toEqual([
      'lt:spot-deploy-dep-b',
      'sg:spot-deploy-dep-b',
    ]);

    const second = await destroyDeployment(regions, 'dep-a', fast);
    expect(second).toEqual(
      REGIONS.map((region) => ({
        region,
        instancesTerminated: [],
        securityGroupsDeleted: [],
        launchTemplatesDeleted: [],
        errors: [],
      })),
    );
  });

  it('janitor removes only expired deployments and leaves unreadable dates alone', async () => {
    const aIds = await launch(A);
    const bIds = await launch(B);
    const cIds = await launch(C);
    const badIds = await launch({
      id: 'dep-bad',
      region: 'us-east-1',
      expiresAt: 'soon',
      count: 1,
    });

    const reports = await janitor(regions, NOW, fast);
    const eu = reports.find((r) => r.region === 'eu-west-1');
    const us = reports.find((r) => r.region === 'us-east-1');
    expect(eu?.instancesTerminated).toEqual(cIds);
    expect(us?.instancesTerminated.sort()).toEqual([...bIds].sort());
    expect(eu?.securityGroupsDeleted).toHaveLength(1);
    expect(us?.securityGroupsDeleted).toHaveLength(1);
    expect(us?.warnings.some((w) => w.includes(badIds[0] ?? '?') && w.includes("'soon'"))).toBe(
      true,
    );
    expect(reports.flatMap((r) => r.errors)).toEqual([]);

    expect((await liveIds('eu-west-1', 'dep-a')).sort()).toEqual([...aIds].sort());
    expect(await liveIds('us-east-1', 'dep-bad')).toEqual(badIds);
    expect(await liveIds('eu-west-1', 'dep-c')).toEqual([]);
    expect(await liveIds('us-east-1', 'dep-b')).toEqual([]);
    expect(await managedNames('eu-west-1')).toEqual([
      'lt:spot-deploy-dep-a',
      'sg:spot-deploy-dep-a',
    ]);
    expect(await managedNames('us-east-1')).toEqual([
      'lt:spot-deploy-dep-bad',
      'sg:spot-deploy-dep-bad',
    ]);

    const again = await janitor(regions, NOW, fast);
    expect(
      again.flatMap((r) => [
        ...r.instancesTerminated,
        ...r.securityGroupsDeleted,
        ...r.launchTemplatesDeleted,
      ]),
    ).toEqual([]);
  });
});
