import {
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
  type Image,
  type SecurityGroup,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMAGE_PAGES, resolveImage } from '../../../src/aws/ami.js';
import { AwsError } from '../../../src/aws/aws-errors.js';
import { ensureLaunchTemplate, type LaunchTemplateSpec } from '../../../src/aws/launch-template.js';
import { resolveSubnets } from '../../../src/aws/network.js';
import { inspectRegion, prepareRegion, type RegionSpec } from '../../../src/aws/region.js';
import { ensureSecurityGroup, type SecurityGroupSpec } from '../../../src/aws/security-group.js';
import { TAG } from '../../../src/aws/types.js';
import { runnerRuleDescription } from '../../../src/aws/runner-rule.js';
import { InputError } from '../../../src/errors.js';
import { GP3 } from '../../helpers/region-spec.js';

const R = 'eu-west-1';
const client = new EC2Client({ region: R });
const ec2 = mockClient(client);
beforeEach(() => ec2.reset());

/** An SDK-like service error: the code travels in `name`. */
function awsErr(code: string, message = `${code} happened`): Error {
  return Object.assign(new Error(message), { name: code });
}

async function thrown(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

async function inputError(p: Promise<unknown>, input: string): Promise<string> {
  const e = await thrown(p);
  expect(e).toBeInstanceOf(InputError);
  expect((e as InputError).input).toBe(input);
  return e.message;
}

const image = (over: Partial<Image> = {}): Image => ({
  ImageId: 'ami-0123456789abcdef0',
  Name: 'my-image',
  Architecture: 'x86_64',
  RootDeviceName: '/dev/sda1',
  RootDeviceType: 'ebs',
  State: 'available',
  CreationDate: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('resolveImage', () => {
  it('looks an explicit id up by id', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [image()] });
    const r = await resolveImage(client, R, 'ami-0123456789abcdef0', 'x86_64');
    expect(r).toEqual({
      imageId: 'ami-0123456789abcdef0',
      rootDeviceName: '/dev/sda1',
      architecture: 'x86_64',
      name: 'my-image',
      creationDate: '2026-01-01T00:00:00.000Z',
    });
    expect(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
      ImageIds: ['ami-0123456789abcdef0'],
    });
  });

  it.each([
    ['an error', () => ec2.on(DescribeImagesCommand).rejects(awsErr('InvalidAMIID.NotFound'))],
    ['an empty answer', () => ec2.on(DescribeImagesCommand).resolves({ Images: [] })],
  ])('an unknown id (%s) is an input error naming the region', async (_, arrange) => {
    arrange();
    const msg = await inputError(resolveImage(client, R, 'ami-0bad', 'x86_64'), 'ami');
    expect(msg).toContain('image ami-0bad does not exist in eu-west-1');
    expect(msg).toContain('ubuntu-24.04');
  });

  it('an architecture mismatch names both architectures', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [image({ Architecture: 'arm64' })] });
    const msg = await inputError(resolveImage(client, R, 'ami-0123456789abcdef0', 'x86_64'), 'ami');
    expect(msg).toContain("is arm64 but input 'architecture' is x86_64");
    expect(msg).toContain('set architecture: arm64');
  });

  it('refuses an image that is not available or has an instance-store root', async () => {
    ec2.on(DescribeImagesCommand).resolvesOnce({ Images: [image({ State: 'pending' })] });
    expect(
      await inputError(resolveImage(client, R, 'ami-0123456789abcdef0', 'x86_64'), 'ami'),
    ).toContain('is pending, not available');
    ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [image({ RootDeviceType: 'instance-store' })] });
    expect(
      await inputError(resolveImage(client, R, 'ami-0123456789abcdef0', 'x86_64'), 'ami'),
    ).toContain('needs an EBS-backed image');
  });

  it('resolves an alias to the newest build of its owner', async () => {
    ec2.on(DescribeImagesCommand).resolves({
      Images: [
        image({
          ImageId: 'ami-old',
          CreationDate: '2025-06-01T00:00:00.000Z',
          Architecture: 'arm64',
        }),
        image({
          ImageId: 'ami-new',
          CreationDate: '2026-03-01T00:00:00.000Z',
          Architecture: 'arm64',
        }),
        image({
          ImageId: 'ami-mid',
          CreationDate: '2025-12-01T00:00:00.000Z',
          Architecture: 'arm64',
        }),
      ],
    });
    const r = await resolveImage(client, R, 'ubuntu-24.04', 'arm64');
    expect(r.imageId).toBe('ami-new');
    expect(r.architecture).toBe('arm64');
    expect(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
      Owners: ['099720109477'],
      Filters: [
        { Name: 'name', Values: ['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*'] },
        { Name: 'architecture', Values: ['arm64'] },
        { Name: 'state', Values: ['available'] },
      ],
      MaxResults: 1000,
    });
  });

  it.each([
    ['x86_64', 'al2023-ami-2023.*-kernel-*-x86_64'],
    ['arm64', 'al2023-ami-2023.*-kernel-*-arm64'],
  ] as const)(
    'amazon-linux-2023 (%s) asks for Amazon-owned standard builds, the newest by CreationDate',
    async (arch, pattern) => {
      ec2.on(DescribeImagesCommand).resolves({
        Images: [
          image({
            ImageId: 'ami-0a1',
            Name: `al2023-ami-2023.6.20241121.0-kernel-6.1-${arch}`,
            CreationDate: '2024-11-21T10:00:00.000Z',
            Architecture: arch,
          }),
          image({
            ImageId: 'ami-0a2',
            Name: `al2023-ami-2023.7.20250301.0-kernel-6.12-${arch}`,
            CreationDate: '2025-03-01T10:00:00.000Z',
            Architecture: arch,
          }),
        ],
      });
      const r = await resolveImage(client, R, 'amazon-linux-2023', arch);
      expect(r).toMatchObject({
        imageId: 'ami-0a2',
        name: `al2023-ami-2023.7.20250301.0-kernel-6.12-${arch}`,
        creationDate: '2025-03-01T10:00:00.000Z',
        alias: 'amazon-linux-2023',
        architecture: arch,
      });
      expect(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
        // Amazon's account, not the `amazon` owner alias (every Amazon-published image).
        Owners: ['137112412989'],
        Filters: [
          { Name: 'name', Values: [pattern] },
          { Name: 'architecture', Values: [arch] },
          { Name: 'state', Values: ['available'] },
        ],
        MaxResults: 1000,
      });
      // The minimal and ECS-optimised builds do not match the pattern.
      const re = new RegExp(`^${pattern.replaceAll('.', '\\.').replaceAll('*', '.*')}$`);
      expect(re.test(`al2023-ami-2023.6.20241121.0-kernel-6.1-${arch}`)).toBe(true);
      expect(re.test(`al2023-ami-minimal-2023.6.20241121.0-kernel-6.1-${arch}`)).toBe(false);
      expect(re.test(`al2023-ami-ecs-hvm-2023.0.20241120-kernel-6.1-${arch}`)).toBe(false);
    },
  );

  it('reads every page of an alias lookup: the newest build may be on the last one', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({
        Images: [image({ ImageId: 'ami-p1', CreationDate: '2025-01-01T00:00:00.000Z' })],
        NextToken: 't1',
      })
      .resolvesOnce({
        Images: [image({ ImageId: 'ami-p2', CreationDate: '2025-06-01T00:00:00.000Z' })],
        NextToken: 't2',
      })
      .resolvesOnce({
        Images: [image({ ImageId: 'ami-p3', CreationDate: '2026-02-01T00:00:00.000Z' })],
      });
    const r = await resolveImage(client, R, 'ubuntu-24.04', 'x86_64');
    expect(r.imageId).toBe('ami-p3');
    const tokens = ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input.NextToken);
    expect(tokens).toEqual([undefined, 't1', 't2']);
  });

  it('fails an alias lookup with more than MAX_IMAGE_PAGES pages (the newest could be left out)', async () => {
    ec2.on(DescribeImagesCommand).callsFake((input: { NextToken?: string }) => ({
      Images: [image()],
      NextToken: `${input.NextToken ?? 't'}+`,
    }));
    const e = await thrown(resolveImage(client, R, 'ubuntu-24.04', 'x86_64'));
    expect(e).toBeInstanceOf(AwsError);
    expect(e.message).toMatch(/resolve image alias ubuntu-24\.04 in eu-west-1: more than 20 pages/);
    expect(ec2.commandCalls(DescribeImagesCommand)).toHaveLength(MAX_IMAGE_PAGES);
  });

  it('an alias with no image in the region is an input error', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    const msg = await inputError(resolveImage(client, R, 'debian-12', 'x86_64'), 'ami');
    expect(msg).toContain("no available x86_64 image matches alias 'debian-12' in eu-west-1");
    expect(msg).toContain('owner 136693071363');
  });

  it('wraps other SDK errors as AwsError', async () => {
    ec2.on(DescribeImagesCommand).rejects(awsErr('UnauthorizedOperation', 'not allowed'));
    const e = await thrown(resolveImage(client, R, 'ubuntu-22.04', 'x86_64'));
    expect(e).toBeInstanceOf(AwsError);
    expect(e.message).toMatch(
      /^Could not resolve image alias ubuntu-22\.04 in eu-west-1: UnauthorizedOperation: not allowed \(allow ec2:DescribeImages/,
    );
  });
});

const subnet = (id: string, vpc: string, az: string, pub = true): Subnet => ({
  SubnetId: id,
  VpcId: vpc,
  AvailabilityZone: az,
  MapPublicIpOnLaunch: pub,
});

describe('resolveSubnets', () => {
  it('keeps the given order (duplicates dropped)', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        subnet('subnet-a', 'vpc-1', 'eu-west-1a'),
        subnet('subnet-b', 'vpc-1', 'eu-west-1b'),
      ],
    });
    const r = await resolveSubnets(client, R, ['subnet-b', 'subnet-a', 'subnet-b'], 'public-ip');
    expect(r.map((s) => s.subnetId)).toEqual(['subnet-b', 'subnet-a']);
    expect(r[0]).toEqual({ subnetId: 'subnet-b', availabilityZone: 'eu-west-1b', vpcId: 'vpc-1' });
    expect(ec2.commandCalls(DescribeSubnetsCommand)[0]?.args[0].input).toEqual({
      SubnetIds: ['subnet-b', 'subnet-a'],
    });
  });

  it('an unknown subnet is an input error', async () => {
    ec2
      .on(DescribeSubnetsCommand)
      .rejects(awsErr('InvalidSubnetID.NotFound', "The subnet ID 'subnet-x' does not exist"));
    const msg = await inputError(
      resolveSubnets(client, R, ['subnet-x'], 'private-ip'),
      'subnet-ids',
    );
    expect(msg).toBe(
      "Input 'subnet-ids': The subnet ID 'subnet-x' does not exist in eu-west-1; subnet ids belong to one region: give subnets of eu-west-1.",
    );
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [subnet('subnet-a', 'vpc-1', 'a')] });
    expect(
      await inputError(
        resolveSubnets(client, R, ['subnet-a', 'subnet-y'], 'private-ip'),
        'subnet-ids',
      ),
    ).toContain('subnet-y not found in eu-west-1');
  });

  it('subnets in two VPCs are an input error', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        subnet('subnet-a', 'vpc-1', 'eu-west-1a'),
        subnet('subnet-b', 'vpc-2', 'eu-west-1b'),
      ],
    });
    const msg = await inputError(
      resolveSubnets(client, R, ['subnet-a', 'subnet-b'], 'public-ip'),
      'subnet-ids',
    );
    expect(msg).toContain('must all be in one VPC');
    expect(msg).toContain('subnet-a (vpc-1), subnet-b (vpc-2)');
  });

  it("uses the default VPC's default subnets, sorted by zone", async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-d', IsDefault: true }] });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        subnet('subnet-c', 'vpc-d', 'eu-west-1c'),
        subnet('subnet-a', 'vpc-d', 'eu-west-1a'),
      ],
    });
    ec2.on(DescribeVpcAttributeCommand).resolves({ EnableDnsHostnames: { Value: true } });
    const r = await resolveSubnets(client, R, [], 'public-dns');
    expect(r.map((s) => s.subnetId)).toEqual(['subnet-a', 'subnet-c']);
    expect(ec2.commandCalls(DescribeVpcsCommand)[0]?.args[0].input).toEqual({
      Filters: [{ Name: 'is-default', Values: ['true'] }],
    });
    expect(ec2.commandCalls(DescribeSubnetsCommand)[0]?.args[0].input).toEqual({
      Filters: [
        { Name: 'vpc-id', Values: ['vpc-d'] },
        { Name: 'default-for-az', Values: ['true'] },
      ],
    });
  });

  it('no default VPC, or one without default subnets, asks for subnet-ids', async () => {
    ec2.on(DescribeVpcsCommand).resolvesOnce({ Vpcs: [] });
    expect(await inputError(resolveSubnets(client, R, [], 'public-ip'), 'subnet-ids')).toBe(
      "Input 'subnet-ids': region eu-west-1 has no default VPC; give subnet-ids.",
    );
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-d' }] });
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
    expect(await inputError(resolveSubnets(client, R, [], 'public-ip'), 'subnet-ids')).toContain(
      'the default VPC vpc-d of region eu-west-1 has no default subnets',
    );
  });

  it('a public ssh-address needs subnets that assign public IPs', async () => {
    const subnets = [
      subnet('subnet-a', 'vpc-1', 'eu-west-1a'),
      subnet('subnet-p', 'vpc-1', 'eu-west-1b', false),
    ];
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: subnets });
    const msg = await inputError(
      resolveSubnets(client, R, ['subnet-a', 'subnet-p'], 'public-ip'),
      'subnet-ids',
    );
    expect(msg).toContain('subnet subnet-p in eu-west-1 does not assign public IPv4 addresses');
    expect(msg).toContain('use ssh-address: private-ip');
    expect(msg).toContain('or subnets that assign public IPs');
    await expect(
      resolveSubnets(client, R, ['subnet-a', 'subnet-p'], 'private-ip'),
    ).resolves.toHaveLength(2);
    // With default subnets the input to change is ssh-address.
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    await inputError(resolveSubnets(client, R, [], 'public-dns'), 'ssh-address');
  });
});

const sgSpec = (over: Partial<SecurityGroupSpec> = {}): SecurityGroupSpec => ({
  vpcId: 'vpc-1',
  name: 'spot-deploy-pr-7',
  sshPort: 22,
  cidrs: ['203.0.113.0/24'],
  tags: { [TAG.deployment]: 'pr-7', team: 'web' },
  given: [],
  ...over,
});

const sshRule = (...cidrs: string[]) => ({
  IpProtocol: 'tcp',
  FromPort: 22,
  ToPort: 22,
  IpRanges: cidrs.map((CidrIp) => ({ CidrIp })),
});

describe('ensureSecurityGroup', () => {
  it('creates a tagged group and opens the SSH port from each CIDR', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-new' });
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
    const r = await ensureSecurityGroup(
      client,
      R,
      sgSpec({ cidrs: ['203.0.113.0/24', '2001:db8::/32'] }),
    );
    expect(r).toEqual({ groupIds: ['sg-new'], status: 'created' });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({
      Filters: [
        { Name: 'group-name', Values: ['spot-deploy-pr-7'] },
        { Name: 'vpc-id', Values: ['vpc-1'] },
      ],
    });
    expect(ec2.commandCalls(CreateSecurityGroupCommand)[0]?.args[0].input).toEqual({
      GroupName: 'spot-deploy-pr-7',
      Description: 'SSH to the instances of spot-deploy deployment pr-7',
      VpcId: 'vpc-1',
      TagSpecifications: [
        {
          ResourceType: 'security-group',
          Tags: [
            { Key: TAG.deployment, Value: 'pr-7' },
            { Key: 'team', Value: 'web' },
            { Key: TAG.managed, Value: 'true' },
          ],
        },
      ],
    });
    expect(
      ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input),
    ).toEqual([
      { GroupId: 'sg-new', IpPermissions: [sshRule('203.0.113.0/24')] },
      {
        GroupId: 'sg-new',
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
          },
        ],
      },
    ]);
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('reuses the existing group and leaves a present rule alone', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-old',
          Tags: [{ Key: TAG.managed, Value: 'true' }],
          IpPermissions: [
            { ...sshRule('203.0.113.0/24'), Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] },
          ],
        },
      ],
    });
    const r = await ensureSecurityGroup(
      client,
      R,
      sgSpec({ cidrs: ['203.0.113.0/24', '2001:DB8:0::/32'] }),
    );
    expect(r).toEqual({ groupIds: ['sg-old'], status: 'reused' });
    expect(ec2.commandCalls(CreateSecurityGroupCommand)).toHaveLength(0);
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('ignores InvalidPermission.Duplicate (a concurrent run added the rule)', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-old' }] });
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(awsErr('InvalidPermission.Duplicate'));
    await expect(ensureSecurityGroup(client, R, sgSpec())).resolves.toEqual({
      groupIds: ['sg-old'],
      status: 'reused',
    });
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(1);
  });

  it('fails on other ingress errors', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-old' }] });
    ec2
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejects(awsErr('RulesPerSecurityGroupLimitExceeded', 'too many'));
    const e = await thrown(ensureSecurityGroup(client, R, sgSpec()));
    expect(e.message).toBe(
      'Could not allow TCP 22 from 203.0.113.0/24 in security group sg-old in eu-west-1: RulesPerSecurityGroupLimitExceeded: too many',
    );
  });

  it("revokes earlier runs' rules in a managed group, after adding the new one", async () => {
    const group: SecurityGroup = {
      GroupId: 'sg-old',
      Tags: [{ Key: TAG.managed, Value: 'true' }],
      IpPermissions: [
        sshRule('198.51.100.7/32', '203.0.113.0/24'),
        { IpProtocol: 'tcp', FromPort: 2222, ToPort: 2222, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    };
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [group] });
    await ensureSecurityGroup(client, R, sgSpec({ cidrs: ['203.0.113.0/24', '192.0.2.1/32'] }));
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-old',
      IpPermissions: [sshRule('192.0.2.1/32')],
    });
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-old',
      IpPermissions: [
        sshRule('198.51.100.7/32'),
        { IpProtocol: 'tcp', FromPort: 2222, ToPort: 2222, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    });
    const order = ec2.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('RevokeSecurityGroupIngressCommand')).toBeGreaterThan(
      order.indexOf('AuthorizeSecurityGroupIngressCommand'),
    );

    // A same-named group the user made (not tagged managed) only gains rules.
    ec2.reset();
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ ...group, Tags: [] }],
    });
    await ensureSecurityGroup(client, R, sgSpec({ cidrs: ['192.0.2.1/32'] }));
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it("keeps other live runs' runner rules, and revokes the old and undated ones", async () => {
    const now = Date.parse('2026-12-02T12:00:00.000Z');
    const at = (hoursAgo: number) =>
      runnerRuleDescription('run=5/1', new Date(now - hoursAgo * 3600_000));
    const ranges = [
      { CidrIp: '203.0.113.9/32', Description: at(1) },
      { CidrIp: '203.0.113.10/32', Description: at(7) },
      { CidrIp: '203.0.113.11/32', Description: 'spot-deploy runner run=5/1' },
      { CidrIp: '198.51.100.7/32', Description: 'old static rule' },
    ];
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-old',
          Tags: [{ Key: TAG.managed, Value: 'true' }],
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: ranges }],
        },
      ],
    });
    await ensureSecurityGroup(client, R, sgSpec({ cidrs: [] }), { now: () => now });
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
    const revoked = ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input;
    expect(revoked?.IpPermissions?.flatMap((p) => p.IpRanges?.map((r) => r.CidrIp))).toEqual([
      '203.0.113.10/32',
      '203.0.113.11/32',
      '198.51.100.7/32',
    ]);
  });

  it('with ssh-cidr runner and ssh-address private-ip, allows the VPC blocks as a static rule', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [image({ ImageId: 'ami-x' })] });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [{ ...subnet('subnet-a', 'vpc-d', 'eu-west-1a'), MapPublicIpOnLaunch: false }],
    });
    ec2.on(DescribeVpcsCommand).resolves({
      Vpcs: [
        {
          VpcId: 'vpc-d',
          CidrBlock: '10.0.0.0/16',
          CidrBlockAssociationSet: [
            { CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
            { CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associated' } },
            { CidrBlock: '10.2.0.0/16', CidrBlockState: { State: 'disassociated' } },
          ],
        },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-new' });
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
    ec2.on(CreateLaunchTemplateCommand).resolves({
      LaunchTemplate: { LaunchTemplateId: 'lt-1', LatestVersionNumber: 1 },
    });
    const spec: RegionSpec = {
      amiByRegion: { [R]: 'ubuntu-24.04' },
      instanceTypes: ['m7i.large'],
      rootVolume: GP3,
      instanceProfile: undefined,
      cpuCredits: 'standard',
      architecture: 'x86_64',
      subnetIds: ['subnet-a'],
      securityGroupIds: [],
      sshAddress: 'private-ip',
      sshPort: 22,
      sshCidrs: [],
      sshRunner: true,
      names: { securityGroup: 'spot-deploy-pr-7', launchTemplate: 'spot-deploy-pr-7' },
      tags: { [TAG.deployment]: 'pr-7' },
      instanceTags: { [TAG.deployment]: 'pr-7' },
      userData,
    };
    const lines: string[] = [];
    await prepareRegion(client, R, spec, (l) => lines.push(l));
    const allowed = ec2
      .commandCalls(AuthorizeSecurityGroupIngressCommand)
      .flatMap((c) =>
        c.args[0].input.IpPermissions?.flatMap((p) => p.IpRanges?.map((r) => r.CidrIp)),
      );
    expect(allowed).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(ec2.commandCalls(DescribeVpcsCommand)[0]?.args[0].input).toEqual({ VpcIds: ['vpc-d'] });
    expect(lines.join('\n')).toMatch(/from 10\.0\.0\.0\/16, 10\.1\.0\.0\/16 \(the VPC's blocks/);
  });

  it("uses a concurrent run's group when the name is taken meanwhile", async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [] })
      .resolves({
        SecurityGroups: [{ GroupId: 'sg-theirs', IpPermissions: [sshRule('203.0.113.0/24')] }],
      });
    ec2.on(CreateSecurityGroupCommand).rejects(awsErr('InvalidGroup.Duplicate'));
    await expect(ensureSecurityGroup(client, R, sgSpec())).resolves.toEqual({
      groupIds: ['sg-theirs'],
      status: 'reused',
    });
  });

  it('checks given groups and returns them untouched', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        { GroupId: 'sg-1', VpcId: 'vpc-1' },
        { GroupId: 'sg-2', VpcId: 'vpc-1' },
      ],
    });
    const r = await ensureSecurityGroup(client, R, sgSpec({ given: ['sg-1', 'sg-2'] }));
    expect(r).toEqual({ groupIds: ['sg-1', 'sg-2'], status: 'given' });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({
      GroupIds: ['sg-1', 'sg-2'],
    });
    expect(ec2.commandCalls(CreateSecurityGroupCommand)).toHaveLength(0);
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('given groups that are missing or in another VPC are input errors', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejectsOnce(awsErr('InvalidGroup.NotFound', "The security group 'sg-9' does not exist"));
    expect(
      await inputError(
        ensureSecurityGroup(client, R, sgSpec({ given: ['sg-9'] })),
        'security-group-ids',
      ),
    ).toBe(
      "Input 'security-group-ids': The security group 'sg-9' does not exist in eu-west-1; security groups belong to one region and VPC: give groups of vpc-1 in eu-west-1.",
    );
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: 'sg-2', VpcId: 'vpc-2' }],
    });
    expect(
      await inputError(
        ensureSecurityGroup(client, R, sgSpec({ given: ['sg-2'] })),
        'security-group-ids',
      ),
    ).toContain('sg-2 (vpc-2) not in vpc-1, the VPC of the subnets');
  });
});

const userData = Buffer.from('#cloud-config\nssh_keys:\n  ed25519_private: SECRET-HOST-KEY\n');
const ltSpec: LaunchTemplateSpec = {
  name: 'spot-deploy-pr-7',
  imageId: 'ami-0123456789abcdef0',
  rootDeviceName: '/dev/xvda',
  userData,
  securityGroupIds: ['sg-1'],
  rootVolume: GP3,
  tags: { [TAG.deployment]: 'pr-7' },
  instanceTags: { [TAG.deployment]: 'pr-7', [TAG.hostKey]: 'ssh-ed25519 AAAA' },
};

const expectedData = {
  ImageId: 'ami-0123456789abcdef0',
  UserData: userData.toString('base64'),
  MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
  BlockDeviceMappings: [
    {
      DeviceName: '/dev/xvda',
      Ebs: { Encrypted: true, VolumeType: 'gp3', DeleteOnTermination: true },
    },
  ],
  InstanceInitiatedShutdownBehavior: 'terminate',
  SecurityGroupIds: ['sg-1'],
  TagSpecifications: ['instance', 'volume'].map((ResourceType) => ({
    ResourceType,
    Tags: [
      { Key: TAG.deployment, Value: 'pr-7' },
      { Key: TAG.hostKey, Value: 'ssh-ed25519 AAAA' },
    ],
  })),
};

describe('ensureLaunchTemplate', () => {
  it('creates the template: IMDSv2, encrypted gp3 root, shutdown terminates, tagged', async () => {
    ec2.on(CreateLaunchTemplateCommand).resolves({
      LaunchTemplate: { LaunchTemplateId: 'lt-1', LatestVersionNumber: 1 },
    });
    const r = await ensureLaunchTemplate(client, R, ltSpec);
    expect(r).toEqual({ id: 'lt-1', version: '1', created: true, warnings: [] });
    const input = ec2.commandCalls(CreateLaunchTemplateCommand)[0]?.args[0].input;
    expect(input).toEqual({
      LaunchTemplateName: 'spot-deploy-pr-7',
      LaunchTemplateData: expectedData,
      TagSpecifications: [
        {
          ResourceType: 'launch-template',
          Tags: [
            { Key: TAG.deployment, Value: 'pr-7' },
            { Key: TAG.managed, Value: 'true' },
          ],
        },
      ],
    });
    expect(Buffer.from(input?.LaunchTemplateData?.UserData ?? '', 'base64')).toEqual(userData);
    expect(input?.LaunchTemplateData?.BlockDeviceMappings?.[0]?.Ebs).not.toHaveProperty(
      'VolumeSize',
    );
  });

  it('adds a version with the same data to an existing template', async () => {
    ec2
      .on(CreateLaunchTemplateCommand)
      .rejects(awsErr('InvalidLaunchTemplateName.AlreadyExistsException'));
    ec2.on(CreateLaunchTemplateVersionCommand).resolves({
      LaunchTemplateVersion: { LaunchTemplateId: 'lt-1', VersionNumber: 7 },
      Warning: { Errors: [{ Code: 'InvalidGroupId.NotFound', Message: 'sg-1 unknown' }] },
    });
    const r = await ensureLaunchTemplate(client, R, ltSpec);
    expect(r).toEqual({
      id: 'lt-1',
      version: '7',
      created: false,
      warnings: ['InvalidGroupId.NotFound: sg-1 unknown'],
    });
    expect(ec2.commandCalls(CreateLaunchTemplateVersionCommand)[0]?.args[0].input).toEqual({
      LaunchTemplateName: 'spot-deploy-pr-7',
      LaunchTemplateData: expectedData,
    });
  });

  it('wraps other errors without echoing the user-data', async () => {
    ec2.on(CreateLaunchTemplateCommand).rejects(awsErr('InvalidUserData.Malformed', 'bad data'));
    const e = await thrown(ensureLaunchTemplate(client, R, ltSpec));
    expect(e).toBeInstanceOf(AwsError);
    expect(e.message).toBe(
      'Could not create launch template spot-deploy-pr-7 in eu-west-1: InvalidUserData.Malformed: bad data',
    );
    ec2.reset();
    ec2
      .on(CreateLaunchTemplateCommand)
      .rejects(awsErr('InvalidLaunchTemplateName.AlreadyExistsException'));
    ec2.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: {} });
    expect((await thrown(ensureLaunchTemplate(client, R, ltSpec))).message).toContain(
      'answered without its id or version',
    );
  });
});

describe('prepareRegion', () => {
  const spec: RegionSpec = {
    amiByRegion: { [R]: 'ubuntu-24.04' },
    architecture: 'x86_64',
    subnetIds: [],
    securityGroupIds: [],
    sshAddress: 'public-ip',
    sshPort: 22,
    sshCidrs: ['0.0.0.0/0'],
    names: { securityGroup: 'spot-deploy-pr-7', launchTemplate: 'spot-deploy-pr-7' },
    tags: { [TAG.deployment]: 'pr-7' },
    instanceTags: { [TAG.deployment]: 'pr-7' },
    userData,
    instanceTypes: ['m7i.large'],
    rootVolume: GP3,
    instanceProfile: undefined,
    cpuCredits: 'standard',
  };

  it('resolves image and subnets, then the group, then the template; one log line each', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [image({ ImageId: 'ami-x' })] });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-d' }] });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        subnet('subnet-b', 'vpc-d', 'eu-west-1b'),
        subnet('subnet-a', 'vpc-d', 'eu-west-1a'),
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-new' });
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
    ec2.on(CreateLaunchTemplateCommand).resolves({
      LaunchTemplate: { LaunchTemplateId: 'lt-1', LatestVersionNumber: 1 },
    });
    const lines: string[] = [];
    const r = await prepareRegion(client, R, spec, (l) => lines.push(l));
    expect(r).toEqual({
      region: R,
      imageId: 'ami-x',
      subnets: [
        { subnetId: 'subnet-a', availabilityZone: 'eu-west-1a', vpcId: 'vpc-d' },
        { subnetId: 'subnet-b', availabilityZone: 'eu-west-1b', vpcId: 'vpc-d' },
      ],
      securityGroupIds: ['sg-new'],
      launchTemplate: { id: 'lt-1', version: '1' },
      // Both made by this call: the post step names them if it cannot clean up.
      created: [
        { kind: 'security group', name: 'spot-deploy-pr-7', id: 'sg-new' },
        { kind: 'launch template', name: 'spot-deploy-pr-7', id: 'lt-1' },
      ],
    });
    expect(ec2.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'DescribeImagesCommand',
      'DescribeVpcsCommand',
      'DescribeSubnetsCommand',
      'DescribeSecurityGroupsCommand',
      'CreateSecurityGroupCommand',
      'AuthorizeSecurityGroupIngressCommand',
      'CreateLaunchTemplateCommand',
    ]);
    const lt = ec2.commandCalls(CreateLaunchTemplateCommand)[0]?.args[0].input.LaunchTemplateData;
    expect(lt?.SecurityGroupIds).toEqual(['sg-new']);
    expect(lt?.ImageId).toBe('ami-x');
    expect(lines).toEqual([
      'eu-west-1: image ami-x (my-image, created 2026-01-01T00:00:00.000Z) for alias ubuntu-24.04, x86_64',
      'eu-west-1: subnets subnet-a (eu-west-1a), subnet-b (eu-west-1b) in vpc-d',
      'eu-west-1: security group spot-deploy-pr-7 sg-new created, TCP 22 from 0.0.0.0/0',
      'eu-west-1: launch template spot-deploy-pr-7 lt-1 version 1 created',
    ]);
    expect(lines.join('\n')).not.toContain('SECRET');
  });

  it("takes each region's own entry of the map and says which image an alias chose", async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [image({ ImageId: 'ami-0123456789abcdef0' })] });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-d' }] });
    ec2
      .on(DescribeSubnetsCommand)
      .resolves({ Subnets: [subnet('subnet-a', 'vpc-d', 'eu-west-1a')] });
    const perRegion: RegionSpec = {
      ...spec,
      amiByRegion: { 'us-east-1': 'amazon-linux-2023', [R]: 'ami-0123456789abcdef0' },
    };
    const lines: string[] = [];
    const r = await inspectRegion(client, R, perRegion, (l) => lines.push(l));
    expect(r.image.imageId).toBe('ami-0123456789abcdef0');
    expect(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
      ImageIds: ['ami-0123456789abcdef0'],
    });
    // An explicit id: no alias named.
    expect(lines[0]).toBe(
      'eu-west-1: image ami-0123456789abcdef0 (my-image, created 2026-01-01T00:00:00.000Z), x86_64',
    );
    expect(await inputError(inspectRegion(client, 'ap-south-1', perRegion), 'ami')).toContain(
      'has no image for region ap-south-1',
    );
  });

  it('stops at the first input error, before creating anything', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [image()] });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    await inputError(prepareRegion(client, R, spec), 'subnet-ids');
    expect(ec2.commandCalls(CreateSecurityGroupCommand)).toHaveLength(0);
    expect(ec2.commandCalls(CreateLaunchTemplateCommand)).toHaveLength(0);
  });
});
