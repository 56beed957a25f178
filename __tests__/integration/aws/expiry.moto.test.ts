// The TTL follows activity, against moto: a deployment launched with an expiry, redeployed later
// (its expires-at tags moved by refreshExpiry), then the janitor run at a time between the old and
// the new expiry: nothing of the deployment is touched. Past the new expiry, it is collected.
import {
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  EC2Client,
  RunInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { janitor } from '../../../src/aws/janitor.js';
import { expiresAtAfter, refreshExpiry } from '../../../src/aws/expiry.js';
import { TAG } from '../../../src/aws/types.js';
import { hasMoto, startMoto, useMotoEnv, type Moto } from '../../helpers/moto.js';

const R = 'eu-west-1';
const ID = 'pr-11';
const TTL = 240;
/** First deploy at 08:00 (expires 12:00); redeploy at 11:00 (expires 15:00). */
const FIRST = new Date('2026-12-01T08:00:00Z');
const REDEPLOY = new Date('2026-12-01T11:00:00Z');
const BETWEEN = new Date('2026-12-01T13:30:00Z');
const AFTER = new Date('2026-12-01T15:00:01Z');
const fast = { minDelayMs: 10, maxDelayMs: 20, terminateTimeoutMs: 10_000 };

let moto: Moto;
let restore: () => void;
let client: EC2Client;
let check: EC2Client;

const expiryOf = (tags: Tag[] | undefined) => tags?.find((t) => t.Key === TAG.expiresAt)?.Value;

/** What a first deploy leaves: 2 instances, the managed group and template, all expiring at 12:00. */
async function firstDeploy(): Promise<{ ids: string[]; sg: string; lt: string }> {
  const expiresAt = expiresAtAfter(FIRST, TTL) ?? '';
  const tags = [
    { Key: TAG.deployment, Value: ID },
    { Key: TAG.expiresAt, Value: expiresAt },
  ];
  const managed = [...tags, { Key: TAG.managed, Value: 'true' }];
  const sg = await check.send(
    new CreateSecurityGroupCommand({
      GroupName: `spot-deploy-${ID}`,
      Description: 'test',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: managed }],
    }),
  );
  const lt = await check.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `spot-deploy-${ID}`,
      LaunchTemplateData: { InstanceType: 't3.micro' },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: managed }],
    }),
  );
  const images = await check.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const subnets = await check.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  const res = await check.send(
    new RunInstancesCommand({
      ImageId: images.Images?.[0]?.ImageId ?? 'ami-12c6146b',
      InstanceType: 't3.micro',
      MinCount: 2,
      MaxCount: 2,
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SubnetId: subnets.Subnets?.[0]?.SubnetId ?? '',
          Groups: [sg.GroupId ?? ''],
          AssociatePublicIpAddress: false,
        },
      ],
      TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
    }),
  );
  return {
    ids: (res.Instances ?? []).map((i) => i.InstanceId ?? ''),
    sg: sg.GroupId ?? '',
    lt: lt.LaunchTemplate?.LaunchTemplateId ?? '',
  };
}

/** expires-at of every instance (by id), the group and the template, as EC2 now reports them. */
async function expiries(ids: string[]) {
  const inst = await check.send(new DescribeInstancesCommand({ InstanceIds: ids }));
  const sgs = await check.send(
    new DescribeSecurityGroupsCommand({ GroupNames: [`spot-deploy-${ID}`] }),
  );
  const lts = await check.send(
    new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [`spot-deploy-${ID}`] }),
  );
  // moto 5's DescribeLaunchTemplates answers with the tags the template was created with;
  // DescribeTags reads the live ones (as EC2 does everywhere).
  const ltTags = await check.send(
    new DescribeTagsCommand({
      Filters: [
        { Name: 'resource-id', Values: [lts.LaunchTemplates?.[0]?.LaunchTemplateId ?? ''] },
      ],
    }),
  );
  const instances = (inst.Reservations ?? []).flatMap((r) => r.Instances ?? []);
  return {
    instances: Object.fromEntries(
      instances.map((i): [string, string | undefined] => [i.InstanceId ?? '', expiryOf(i.Tags)]),
    ),
    states: instances.map((i) => i.State?.Name),
    securityGroup: expiryOf(sgs.SecurityGroups?.[0]?.Tags),
    launchTemplate: ltTags.Tags?.find((t) => t.Key === TAG.expiresAt)?.Value,
  };
}

describe.skipIf(!hasMoto)('the expiry follows the last deploy (moto)', () => {
  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto);
    client = new EC2Client({ region: R });
    check = moto.client(R);
  });
  afterAll(async () => {
    client?.destroy();
    restore?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
  });

  it('a redeploy moves all three expires-at tags; a janitor between old and new expiry terminates nothing', async () => {
    const { ids, sg, lt } = await firstDeploy();
    const before = await expiries(ids);
    expect(Object.values(before.instances)).toEqual([
      '2026-12-01T12:00:00Z',
      '2026-12-01T12:00:00Z',
    ]);

    const u = await refreshExpiry(client, R, ID, ids, expiresAtAfter(REDEPLOY, TTL));
    expect(u).toEqual({
      region: R,
      expiresAt: '2026-12-01T15:00:00Z',
      instanceIds: ids,
      securityGroupIds: [sg],
      launchTemplateIds: [lt],
    });
    const after = await expiries(ids);
    expect(after).toMatchObject({
      instances: Object.fromEntries(ids.map((id) => [id, '2026-12-01T15:00:00Z'])),
      securityGroup: '2026-12-01T15:00:00Z',
      launchTemplate: '2026-12-01T15:00:00Z',
    });

    // 13:30: past the first deploy's expiry, before the redeploy's.
    const [between] = await janitor([{ region: R, client }], BETWEEN, fast);
    expect(between).toMatchObject({
      instancesTerminated: [],
      securityGroupsDeleted: [],
      launchTemplatesDeleted: [],
      errors: [],
      warnings: [],
    });
    expect((await expiries(ids)).states).toEqual(['running', 'running']);

    // The control: past the new expiry the same janitor collects the deployment.
    const [later] = await janitor([{ region: R, client }], AFTER, fast);
    expect([...(later?.instancesTerminated ?? [])].sort()).toEqual([...ids].sort());
  });

  it('without the redeploy, the same janitor run would have collected it (the test can fail)', async () => {
    const { ids } = await firstDeploy();
    const [between] = await janitor([{ region: R, client }], BETWEEN, fast);
    expect([...(between?.instancesTerminated ?? [])].sort()).toEqual([...ids].sort());
  });

  it('ttl-minutes 0 removes the tag everywhere: the janitor leaves the deployment alone', async () => {
    const { ids } = await firstDeploy();
    await refreshExpiry(client, R, ID, ids, expiresAtAfter(REDEPLOY, 0));
    const after = await expiries(ids);
    expect(after).toMatchObject({
      instances: Object.fromEntries(ids.map((id) => [id, undefined])),
      securityGroup: undefined,
      launchTemplate: undefined,
    });
    const [far] = await janitor([{ region: R, client }], new Date('2030-01-01T00:00:00Z'), fast);
    expect(far?.instancesTerminated).toEqual([]);
    expect(far?.launchTemplatesDeleted).toEqual([]);
  });

  it('moves only the instances it is given (one not reached keeps its expiry)', async () => {
    const { ids } = await firstDeploy();
    const [reached, notReached] = ids as [string, string];
    await refreshExpiry(client, R, ID, [reached], expiresAtAfter(REDEPLOY, TTL));
    const after = await expiries(ids);
    expect(after.instances).toEqual({
      [reached]: '2026-12-01T15:00:00Z',
      [notReached]: '2026-12-01T12:00:00Z',
    });
    const [between] = await janitor([{ region: R, client }], BETWEEN, fast);
    expect(between?.instancesTerminated).toEqual([notReached]);
    // Its group and template stay: the deployment still has an instance.
    expect(between?.securityGroupsDeleted).toEqual([]);
    expect(between?.launchTemplatesDeleted).toEqual([]);
  });
});
