import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareRegion, type RegionSpec } from '../../../src/aws/region.js';
import { TAG } from '../../../src/aws/types.js';
import { InputError } from '../../../src/errors.js';
import { hasMoto, startMoto, stockImage, useMotoEnv, type Moto } from '../../helpers/moto.js';
import { regionSpec } from '../../helpers/region-spec.js';

const R = 'eu-west-1';

describe.skipIf(!hasMoto)('prepareRegion against moto', () => {
  let moto: Moto;
  let restore: () => void;
  let admin: EC2Client;
  // Product code gets a client configured only through the environment, as in a real run.
  let client: EC2Client;
  let imageId: string;

  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto);
    admin = moto.client(R);
    client = new EC2Client({ region: R });
  });
  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    // The aliases find nothing in moto: these tests use an explicit id of one of its stock images.
    imageId = (await stockImage(admin)).id;
    expect(imageId).toMatch(/^ami-/);
  });

  const spec = (over: Partial<RegionSpec> = {}) =>
    regionSpec(R, imageId, 'pr-7', {
      sshCidrs: ['203.0.113.0/24'],
      tags: { [TAG.deployment]: 'pr-7', Name: 'spot-deploy-pr-7' },
      instanceTags: { [TAG.deployment]: 'pr-7', Name: 'spot-deploy-pr-7' },
      userData: Buffer.from('#cloud-config\n# run 1\n'),
      instanceTypes: ['m7i.large'],
      ...over,
    });

  async function rejection(p: Promise<unknown>): Promise<InputError> {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }

  it('a redeploy reuses the group and adds launch template version 2', async () => {
    const lines: string[] = [];
    const first = await prepareRegion(client, R, spec(), (l) => lines.push(l));
    const second = await prepareRegion(
      client,
      R,
      spec({ userData: Buffer.from('#cloud-config\n# run 2\n') }),
      (l) => lines.push(l),
    );

    expect(first.imageId).toBe(imageId);
    expect(first.subnets.length).toBeGreaterThan(0);
    expect(new Set(first.subnets.map((s) => s.vpcId)).size).toBe(1);
    expect(second.securityGroupIds).toEqual(first.securityGroupIds);
    expect(first.launchTemplate.version).toBe('1');
    expect(second.launchTemplate).toEqual({ id: first.launchTemplate.id, version: '2' });
    expect(lines.filter((l) => l.includes('security group'))).toEqual([
      expect.stringContaining(' created,'),
      expect.stringContaining(' reused,'),
    ]);

    const versions = (
      await admin.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: first.launchTemplate.id }),
      )
    ).LaunchTemplateVersions;
    expect(versions?.map((v) => v.VersionNumber).sort()).toEqual([1, 2]);
    const v2 = versions?.find((v) => v.VersionNumber === 2)?.LaunchTemplateData;
    expect(v2?.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpEndpoint: 'enabled' });
    expect(Buffer.from(v2?.UserData ?? '', 'base64').toString()).toBe('#cloud-config\n# run 2\n');
    expect(v2?.InstanceInitiatedShutdownBehavior).toBe('terminate');
    expect(v2?.BlockDeviceMappings?.[0]).toMatchObject({
      DeviceName: '/dev/sda1',
      Ebs: { Encrypted: true, VolumeType: 'gp3', DeleteOnTermination: true },
    });
    expect(v2?.SecurityGroupIds).toEqual(first.securityGroupIds);
    const v1 = versions?.find((v) => v.VersionNumber === 1)?.LaunchTemplateData;
    expect(Buffer.from(v1?.UserData ?? '', 'base64').toString()).toBe('#cloud-config\n# run 1\n');

    const lt = (
      await admin.send(
        new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [first.launchTemplate.id] }),
      )
    ).LaunchTemplates?.[0];
    expect(lt?.Tags).toEqual(
      expect.arrayContaining([
        { Key: TAG.managed, Value: 'true' },
        { Key: TAG.deployment, Value: 'pr-7' },
      ]),
    );

    const sg = (
      await admin.send(new DescribeSecurityGroupsCommand({ GroupIds: [...first.securityGroupIds] }))
    ).SecurityGroups?.[0];
    expect(sg?.GroupName).toBe('spot-deploy-pr-7');
    expect(sg?.VpcId).toBe(first.subnets[0]?.vpcId);
    expect(sg?.Tags).toEqual(expect.arrayContaining([{ Key: TAG.managed, Value: 'true' }]));
    expect(sg?.IpPermissions).toHaveLength(1);
    expect(sg?.IpPermissions?.[0]).toMatchObject({
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: '203.0.113.0/24' }],
    });
  });

  it('a redeploy from another address replaces the old rule', async () => {
    const first = await prepareRegion(client, R, spec());
    await prepareRegion(client, R, spec({ sshCidrs: ['198.51.100.7/32'] }));
    const sg = (
      await admin.send(new DescribeSecurityGroupsCommand({ GroupIds: [...first.securityGroupIds] }))
    ).SecurityGroups?.[0];
    const cidrs = (sg?.IpPermissions ?? []).flatMap((p) =>
      (p.IpRanges ?? []).map((r) => `${p.IpProtocol}/${p.FromPort}/${r.CidrIp}`),
    );
    expect(cidrs).toEqual(['tcp/22/198.51.100.7/32']);
  });

  it('subnet ids in two VPCs are an input error', async () => {
    const defaults = (
      await admin.send(
        new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
      )
    ).Subnets;
    const vpc = (await admin.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc;
    const other = (
      await admin.send(
        new CreateSubnetCommand({ VpcId: vpc?.VpcId ?? '', CidrBlock: '10.9.1.0/24' }),
      )
    ).Subnet;
    const ids = [defaults?.[0]?.SubnetId ?? '', other?.SubnetId ?? ''];
    const e = await rejection(
      prepareRegion(client, R, spec({ subnetIds: ids, sshAddress: 'private-ip' })),
    );
    expect(e.input).toBe('subnet-ids');
    expect(e.message).toContain('must all be in one VPC');
  });

  it('a subnet without public IPs refuses ssh-address public-ip', async () => {
    const vpc = (await admin.send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }))).Vpc;
    const sub = (
      await admin.send(
        new CreateSubnetCommand({ VpcId: vpc?.VpcId ?? '', CidrBlock: '10.8.1.0/24' }),
      )
    ).Subnet;
    const e = await rejection(prepareRegion(client, R, spec({ subnetIds: [sub?.SubnetId ?? ''] })));
    expect(e.input).toBe('subnet-ids');
    expect(e.message).toContain('use ssh-address: private-ip');
    // The same subnet is fine for private addressing.
    const ok = await prepareRegion(
      client,
      R,
      spec({ subnetIds: [sub?.SubnetId ?? ''], sshAddress: 'private-ip' }),
    );
    expect(ok.subnets).toEqual([
      { subnetId: sub?.SubnetId, availabilityZone: sub?.AvailabilityZone, vpcId: vpc?.VpcId },
    ]);
  });

  it('unknown image, unknown subnet and a foreign security group are input errors', async () => {
    expect(
      (
        await rejection(
          prepareRegion(client, R, spec({ amiByRegion: { [R]: 'ami-0000000000000dead' } })),
        )
      ).input,
    ).toBe('ami');
    expect(
      (await rejection(prepareRegion(client, R, spec({ subnetIds: ['subnet-0000000000000dead'] }))))
        .input,
    ).toBe('subnet-ids');

    const vpc = (await admin.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }))).Vpc;
    const foreign = await admin.send(
      new CreateSecurityGroupCommand({
        GroupName: 'elsewhere',
        Description: 'in another VPC',
        VpcId: vpc?.VpcId ?? '',
      }),
    );
    const e = await rejection(
      prepareRegion(client, R, spec({ securityGroupIds: [foreign.GroupId ?? ''] })),
    );
    expect(e.input).toBe('security-group-ids');
    expect(e.message).toContain('the VPC of the subnets');
    expect(
      (
        await rejection(
          prepareRegion(client, R, spec({ securityGroupIds: ['sg-0000000000000dead'] })),
        )
      ).input,
    ).toBe('security-group-ids');
  });

  it('given security groups of the VPC are used as they are', async () => {
    const first = await prepareRegion(client, R, spec());
    const vpcId = first.subnets[0]?.vpcId ?? '';
    const mine = await admin.send(
      new CreateSecurityGroupCommand({ GroupName: 'mine', Description: 'mine', VpcId: vpcId }),
    );
    const r = await prepareRegion(
      client,
      R,
      spec({ securityGroupIds: [mine.GroupId ?? ''], userData: Buffer.from('#cloud-config\n') }),
    );
    expect(r.securityGroupIds).toEqual([mine.GroupId]);
    const v = (
      await admin.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: r.launchTemplate.id,
          Versions: [r.launchTemplate.version],
        }),
      )
    ).LaunchTemplateVersions?.[0];
    expect(v?.LaunchTemplateData?.SecurityGroupIds).toEqual([mine.GroupId]);
    const g = (
      await admin.send(new DescribeSecurityGroupsCommand({ GroupIds: [mine.GroupId ?? ''] }))
    ).SecurityGroups?.[0];
    expect(g?.IpPermissions ?? []).toEqual([]);
  });
});
