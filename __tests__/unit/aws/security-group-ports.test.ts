// The service ports (`ports` from `ports-cidr`) on the deployment's own security group: one rule
// per port and block, compared as (port, block) pairs, the rules of ports no longer listed revoked
// in a managed group, given groups never changed, and mode reconcile's `keep` leaving them alone.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { prepareRegion, regionSpec, type RegionSpec } from '../../../src/aws/region.js';
import { syncRegionGroup } from '../../../src/aws/region-group.js';
import { STATIC_RULE_DESCRIPTION } from '../../../src/aws/runner-access.js';
import { ensureSecurityGroup, type SecurityGroupSpec } from '../../../src/aws/security-group.js';
import { TAG } from '../../../src/aws/types.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';

const R = 'eu-west-1';
const client = new EC2Client({ region: R });
const ec2 = mockClient(client);
beforeEach(() => ec2.reset());

const rule = (port: number, ...cidrs: string[]) => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  IpRanges: cidrs.map((CidrIp) => ({ CidrIp })),
});

const spec = (over: Partial<SecurityGroupSpec> = {}): SecurityGroupSpec => ({
  vpcId: 'vpc-1',
  name: 'spot-deploy-pr-7',
  sshPort: 22,
  cidrs: ['203.0.113.0/24'],
  tags: { [TAG.deployment]: 'pr-7' },
  given: [],
  ...over,
});

const managed = (...perms: SecurityGroup['IpPermissions'] & object): SecurityGroup => ({
  GroupId: 'sg-old',
  VpcId: 'vpc-1',
  Tags: [{ Key: TAG.managed, Value: 'true' }],
  IpPermissions: perms,
});

const authorized = () =>
  ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input.IpPermissions);
const revoked = () =>
  ec2.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input.IpPermissions);

describe('service ports on the security group', () => {
  it('opens each port from each ports-cidr block, one rule each, next to SSH', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [managed(rule(22, '203.0.113.0/24'))] });
    const services = [
      { port: 8080, cidrs: ['0.0.0.0/0', '2001:db8::/32'] },
      { port: 443, cidrs: ['0.0.0.0/0', '2001:db8::/32'] },
    ];
    await ensureSecurityGroup(client, R, spec({ services }));
    expect(authorized()).toEqual([
      [rule(8080, '0.0.0.0/0')],
      [
        {
          IpProtocol: 'tcp',
          FromPort: 8080,
          ToPort: 8080,
          Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
        },
      ],
      [rule(443, '0.0.0.0/0')],
      [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
        },
      ],
    ]);
    expect(revoked()).toEqual([]);
  });

  it('compares (port, block) pairs: a block open on SSH is not taken as open on 8080', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [managed(rule(22, '0.0.0.0/0'), rule(8080, '0.0.0.0/0'))],
    });
    await ensureSecurityGroup(
      client,
      R,
      spec({
        cidrs: ['0.0.0.0/0'],
        services: [
          { port: 8080, cidrs: ['0.0.0.0/0'] },
          { port: 9090, cidrs: ['0.0.0.0/0'] },
        ],
      }),
    );
    // 8080 exists, 9090 does not: only 9090 is added; nothing is removed.
    expect(authorized()).toEqual([[rule(9090, '0.0.0.0/0')]]);
    expect(revoked()).toEqual([]);
  });

  it('revokes the rule of a port taken out of ports, and of a block taken out of ports-cidr', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        managed(
          rule(22, '203.0.113.0/24'),
          rule(8080, '0.0.0.0/0'),
          rule(9090, '0.0.0.0/0', '198.51.100.0/24'),
        ),
      ],
    });
    await ensureSecurityGroup(
      client,
      R,
      spec({ services: [{ port: 9090, cidrs: ['0.0.0.0/0'] }] }),
    );
    expect(authorized()).toEqual([]);
    expect(revoked()).toEqual([[rule(8080, '0.0.0.0/0'), rule(9090, '198.51.100.0/24')]]);
  });

  it('without ports, a managed group keeps only SSH (ports emptied → every service rule goes)', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [managed(rule(22, '203.0.113.0/24'), rule(8080, '0.0.0.0/0'))],
    });
    await ensureSecurityGroup(client, R, spec({ services: [] }));
    expect(revoked()).toEqual([[rule(8080, '0.0.0.0/0')]]);
  });

  it("keep (mode reconcile) leaves other ports' rules alone and still syncs SSH", async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [managed(rule(22, '198.51.100.7/32'), rule(8080, '0.0.0.0/0'))],
    });
    await ensureSecurityGroup(client, R, spec({ services: 'keep' }));
    expect(authorized()).toEqual([[rule(22, '203.0.113.0/24')]]);
    expect(revoked()).toEqual([[rule(22, '198.51.100.7/32')]]);
  });

  it('a same-named group the user made (not managed) only gains the port rules', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        { ...managed(rule(22, '203.0.113.0/24'), rule(3000, '0.0.0.0/0')), Tags: [] },
      ],
    });
    await ensureSecurityGroup(
      client,
      R,
      spec({ services: [{ port: 8080, cidrs: ['0.0.0.0/0'] }] }),
    );
    expect(authorized()).toEqual([[rule(8080, '0.0.0.0/0')]]);
    expect(revoked()).toEqual([]);
  });

  it('never changes groups given in security-group-ids, and says to open the ports there', async () => {
    const plan = buildPlan(
      parseInputs(
        (n: InputName) =>
          ({
            mode: 'deploy',
            regions: R,
            'bundle-path': 'examples/bundle',
            'deployment-id': 'pr-7',
            'security-group-ids': 'sg-0123456789abcdef0',
            ports: '8080, 443',
          })[n as string] ?? '',
        { workspace: process.cwd(), defaultRegion: undefined },
      ),
      { tempDir: '/tmp' },
      new Date('2026-12-01T00:00:00Z'),
    );
    const s: RegionSpec = regionSpec(plan, Buffer.from('#cloud-config\n'), {});
    expect(s.services).toEqual([
      { port: 8080, cidrs: ['0.0.0.0/0'] },
      { port: 443, cidrs: ['0.0.0.0/0'] },
    ]);
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: 'sg-0123456789abcdef0', VpcId: 'vpc-1' }],
    });
    ec2.on(CreateLaunchTemplateCommand).resolves({
      LaunchTemplate: { LaunchTemplateId: 'lt-1', LatestVersionNumber: 1 },
    });
    const lines: string[] = [];
    await prepareRegion(client, R, s, (l) => lines.push(l), {
      inspected: {
        image: {
          imageId: 'ami-1',
          architecture: 'x86_64',
          rootDeviceName: '/dev/sda1',
        } as never,
        subnets: [{ subnetId: 'subnet-1', availabilityZone: 'eu-west-1a', vpcId: 'vpc-1' }],
        vpcId: 'vpc-1',
      },
    });
    expect(authorized()).toEqual([]);
    expect(revoked()).toEqual([]);
    expect(lines).toContain(
      'eu-west-1: ports 8080, 443 not opened: security groups given in security-group-ids are never changed; allow them there yourself.',
    );
    // A reconcile's spec: the group's port rules are the deploy's business.
    expect(regionSpec(plan, Buffer.from(''), {}, { keepPorts: true }).services).toBe('keep');
  });

  it('a region where nothing is launched still brings its group to the inputs (syncRegionGroup)', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        {
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          AvailabilityZone: 'eu-west-1a',
          MapPublicIpOnLaunch: true,
        },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [managed(rule(22, '203.0.113.0/24'), rule(8080, '0.0.0.0/0'))],
    });
    const lines: string[] = [];
    await syncRegionGroup(
      client,
      R,
      {
        subnetIds: ['subnet-1'],
        securityGroupIds: [],
        sshAddress: 'public-ip',
        sshPort: 22,
        sshCidrs: ['203.0.113.0/24'],
        services: [{ port: 443, cidrs: ['0.0.0.0/0'] }],
        names: { securityGroup: 'spot-deploy-pr-7' },
        tags: { [TAG.deployment]: 'pr-7' },
      },
      (l) => lines.push(l),
    );
    expect(
      ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input.Filters,
    ).toContainEqual({
      Name: 'vpc-id',
      Values: ['vpc-1'],
    });
    expect(authorized()).toEqual([[rule(443, '0.0.0.0/0')]]);
    expect(revoked()).toEqual([[rule(8080, '0.0.0.0/0')]]);
    expect(lines).toEqual([
      'eu-west-1: security group spot-deploy-pr-7 sg-old reused, TCP 22 from 203.0.113.0/24 (nothing to launch here)',
      'eu-west-1: ports 443 open to 0.0.0.0/0',
    ]);
  });

  it("ssh-cidr runner with private-ip: the adopt-only sync keeps the VPC's blocks (it prunes)", async () => {
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', AvailabilityZone: 'eu-west-1a' }],
    });
    ec2.on(DescribeVpcsCommand).resolves({
      Vpcs: [
        {
          VpcId: 'vpc-1',
          CidrBlockAssociationSet: [
            { CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
          ],
          CidrBlock: '10.0.0.0/16',
        },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [managed(rule(22, '10.0.0.0/16'))],
    });
    const lines: string[] = [];
    await syncRegionGroup(
      client,
      R,
      {
        subnetIds: ['subnet-1'],
        securityGroupIds: [],
        sshAddress: 'private-ip',
        sshPort: 22,
        sshCidrs: [],
        sshRunner: true,
        names: { securityGroup: 'spot-deploy-pr-7' },
        tags: { [TAG.deployment]: 'pr-7' },
      },
      (l) => lines.push(l),
    );
    expect(authorized()).toEqual([]);
    expect(revoked()).toEqual([]);
    expect(lines[0]).toContain(
      "TCP 22 from 10.0.0.0/16 (the VPC's blocks: ssh-address private-ip) (nothing to launch here)",
    );
  });

  it("a block ssh-cidr lists that the group holds only as another run's runner rule becomes static", async () => {
    // A live run's rule for 203.0.113.9/32; this run lists the same /32 in ssh-cidr. EC2 holds one
    // rule per block: left as the other run's, its post step would revoke the static block too.
    const runner = `spot-deploy runner run=41/1 at=${new Date().toISOString()}`;
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        managed({ ...rule(22), IpRanges: [{ CidrIp: '203.0.113.9/32', Description: runner }] }),
      ],
    });
    ec2.on(UpdateSecurityGroupRuleDescriptionsIngressCommand).resolves({});
    await ensureSecurityGroup(client, R, spec({ cidrs: ['203.0.113.9/32'] }));
    expect(authorized()).toEqual([]);
    expect(revoked()).toEqual([]);
    expect(
      ec2
        .commandCalls(UpdateSecurityGroupRuleDescriptionsIngressCommand)
        .map((c) => c.args[0].input.IpPermissions),
    ).toEqual([
      [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '203.0.113.9/32', Description: STATIC_RULE_DESCRIPTION }],
        },
      ],
    ]);
  });

  it("another run's runner rule for a block ssh-cidr does not list is not touched", async () => {
    const runner = `spot-deploy runner run=41/1 at=${new Date().toISOString()}`;
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        managed({ ...rule(22), IpRanges: [{ CidrIp: '198.51.100.7/32', Description: runner }] }),
      ],
    });
    await ensureSecurityGroup(client, R, spec({ cidrs: ['203.0.113.9/32'] }));
    expect(ec2.commandCalls(UpdateSecurityGroupRuleDescriptionsIngressCommand)).toEqual([]);
    expect(revoked()).toEqual([]);
  });
});
