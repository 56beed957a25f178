import {
  DeleteLaunchTemplateCommand,
  DeleteSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
  TerminateInstancesCommand,
  type DescribeInstancesCommandInput,
  type Tag,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteSecurityGroup, findManagedResources } from '../../../src/aws/destroy-resources.js';

import { destroyDeployment } from '../../../src/aws/destroy.js';
import { janitor, parseExpiresAt } from '../../../src/aws/janitor.js';
import { runnerRuleDescription } from '../../../src/aws/runner-rule.js';
import { ec2Error, fakeClock, inst, reservations } from '../../helpers/instances-fixtures.js';

const ec2 = mockClient(EC2Client);
let client: EC2Client;
beforeEach(() => {
  ec2.reset();
  client = new EC2Client({ region: 'eu-west-1' });
});
afterEach(() => client.destroy());

const tags = (rec: Record<string, string>): Tag[] =>
  Object.entries(rec).map(([Key, Value]) => ({ Key, Value }));
const managed = (dep: string, expires = '2026-01-01T00:00:00Z') =>
  tags({
    'spot-deploy:deployment': dep,
    'spot-deploy:managed': 'true',
    'spot-deploy:expires-at': expires,
  });

/** Terminate succeeds; DescribeInstances by id then says terminated; by filter returns `found`. */
function instancesMock(found: ReturnType<typeof inst>[]) {
  ec2
    .on(DescribeInstancesCommand)
    .callsFake((input: DescribeInstancesCommandInput) =>
      input.InstanceIds
        ? reservations(...input.InstanceIds.map((id) => inst(id, 'terminated')))
        : reservations(...found),
    );
  ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ({
    TerminatingInstances: input.InstanceIds.map((id) => ({
      InstanceId: id,
      PreviousState: { Name: 'running' },
      CurrentState: { Name: 'shutting-down' },
    })),
  }));
}

describe('deleteSecurityGroup', () => {
  it('retries DependencyViolation with backoff until the ENIs are gone', async () => {
    ec2
      .on(DeleteSecurityGroupCommand)
      .rejectsOnce(ec2Error('DependencyViolation', 'resource sg-1 has a dependent object'))
      .rejectsOnce(ec2Error('DependencyViolation', 'resource sg-1 has a dependent object'))
      .resolves({});
    const clock = fakeClock();
    await expect(
      deleteSecurityGroup(client, 'r', 'sg-1', { timeoutMs: 60_000, ...clock }),
    ).resolves.toBe(true);
    expect(clock.sleeps).toEqual([2000, 4000]);
  });

  it('gives up after its bound with the last error, and says false for a group already gone', async () => {
    ec2.on(DeleteSecurityGroupCommand).rejects(ec2Error('DependencyViolation', 'in use'));
    const clock = fakeClock();
    await expect(
      deleteSecurityGroup(client, 'r', 'sg-1', { timeoutMs: 60_000, ...clock }),
    ).rejects.toThrow(/^Could not delete security group sg-1 in r: DependencyViolation/);
    expect(clock.now()).toBe(60_000);
    expect(ec2.commandCalls(DeleteSecurityGroupCommand).length).toBeLessThanOrEqual(10);

    ec2.reset();
    ec2.on(DeleteSecurityGroupCommand).rejects(ec2Error('InvalidGroup.NotFound'));
    await expect(
      deleteSecurityGroup(client, 'r', 'sg-1', { timeoutMs: 1, ...fakeClock() }),
    ).resolves.toBe(false);
  });
});

describe('findManagedResources', () => {
  it('asks for both tags and still drops anything that lacks one', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        { GroupId: 'sg-1', GroupName: 'a', Tags: managed('d1') },
        { GroupId: 'sg-2', GroupName: 'b', Tags: tags({ 'spot-deploy:deployment': 'd1' }) },
      ],
    });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({
      LaunchTemplates: [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'a', Tags: managed('d2') }],
    });
    const found = await findManagedResources(client, 'r', 'd1');
    expect(found.map((r) => r.id)).toEqual(['sg-1']);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: 'tag:spot-deploy:managed', Values: ['true'] },
      { Name: 'tag:spot-deploy:deployment', Values: ['d1'] },
    ]);
  });
});

describe('destroyDeployment', () => {
  it('terminates, waits, then deletes the managed launch template and security group', async () => {
    instancesMock([inst('i-1', 'running'), inst('i-2', 'shutting-down')]);
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: 'sg-1', Tags: managed('d1') }] });
    ec2
      .on(DescribeLaunchTemplatesCommand)
      .resolves({ LaunchTemplates: [{ LaunchTemplateId: 'lt-1', Tags: managed('d1') }] });
    ec2.on(DeleteSecurityGroupCommand).rejectsOnce(ec2Error('DependencyViolation')).resolves({});
    ec2.on(DeleteLaunchTemplateCommand).resolves({});
    const [report] = await destroyDeployment([{ region: 'eu-west-1', client }], 'd1', fakeClock());
    expect(report).toEqual({
      region: 'eu-west-1',
      instancesTerminated: ['i-1', 'i-2'],
      securityGroupsDeleted: ['sg-1'],
      launchTemplatesDeleted: ['lt-1'],
      errors: [],
    });
    const order = ec2.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('TerminateInstancesCommand')).toBeLessThan(
      order.indexOf('DeleteSecurityGroupCommand'),
    );
  });

  it('leaves the security group when instances are not confirmed terminated, and says so', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations(inst('i-1', 'shutting-down')));
    ec2.on(TerminateInstancesCommand).resolves({
      TerminatingInstances: [
        {
          InstanceId: 'i-1',
          PreviousState: { Name: 'running' },
          CurrentState: { Name: 'shutting-down' },
        },
      ],
    });
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: 'sg-1', Tags: managed('d1') }] });
    ec2
      .on(DescribeLaunchTemplatesCommand)
      .resolves({ LaunchTemplates: [{ LaunchTemplateId: 'lt-1', Tags: managed('d1') }] });
    ec2.on(DeleteLaunchTemplateCommand).resolves({});
    const [report] = await destroyDeployment([{ region: 'r', client }], 'd1', {
      terminateTimeoutMs: 20_000,
      ...fakeClock(),
    });
    expect(report?.launchTemplatesDeleted).toEqual(['lt-1']);
    expect(report?.securityGroupsDeleted).toEqual([]);
    expect(ec2.commandCalls(DeleteSecurityGroupCommand)).toHaveLength(0);
    expect(report?.errors).toEqual([
      'r: not terminated after 20 s: i-1 (shutting-down); their security groups are left for the next run',
    ]);
  });

  it('reports errors per region instead of throwing, and refuses an empty id', async () => {
    ec2.on(DescribeInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 'denied'));
    ec2.on(DescribeSecurityGroupsCommand).resolves({});
    ec2.on(DescribeLaunchTemplatesCommand).resolves({});
    const [report] = await destroyDeployment([{ region: 'r', client }], 'd1', fakeClock());
    expect(report?.errors[0]).toMatch(/^Could not list instances in r: UnauthorizedOperation/);
    await expect(destroyDeployment([{ region: 'r', client }], ' ')).rejects.toThrow(/non-empty/);
  });
});

describe('janitor', () => {
  it('reads only ISO 8601 date-times with a zone', () => {
    expect(parseExpiresAt('2026-11-22T10:00:00Z')).toBe(Date.UTC(2026, 10, 22, 10));
    expect(parseExpiresAt('2026-11-22T12:00:00.5+02:00')).toBe(
      Date.UTC(2026, 10, 22, 10, 0, 0, 500),
    );
    for (const bad of [
      '2026-11-22',
      '2026-11-22T10:00:00',
      'tomorrow',
      '2026-02-30T00:00:00Z',
      '1764000000',
      '',
    ])
      expect(parseExpiresAt(bad), bad).toBeUndefined();
  });

  it('terminates expired instances only, and removes resources of expired deployments with no instance left', async () => {
    const at = (dep: string, expires?: string) =>
      tags({
        'spot-deploy:deployment': dep,
        ...(expires !== undefined ? { 'spot-deploy:expires-at': expires } : {}),
      });
    instancesMock([
      inst('i-old', 'running', { Tags: at('old', '2026-01-01T00:00:00Z') }),
      inst('i-new', 'running', { Tags: at('new', '2027-01-01T00:00:00Z') }),
      inst('i-bad', 'running', { Tags: at('bad', 'next tuesday') }),
      inst('i-none', 'running', { Tags: at('none') }),
      // Same deployment as i-new, expired: goes, but its deployment still has i-new.
      inst('i-mixed', 'running', { Tags: at('new', '2026-01-01T00:00:00Z') }),
    ]);
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        { GroupId: 'sg-old', Tags: managed('old') },
        { GroupId: 'sg-new', Tags: managed('new') },
        { GroupId: 'sg-bad', Tags: managed('bad') },
        { GroupId: 'sg-gone', Tags: managed('gone') },
        { GroupId: 'sg-future', Tags: managed('future', '2027-01-01T00:00:00Z') },
        { GroupId: 'sg-unreadable', Tags: managed('x', 'soon') },
      ],
    });
    ec2
      .on(DescribeLaunchTemplatesCommand)
      .resolves({ LaunchTemplates: [{ LaunchTemplateId: 'lt-old', Tags: managed('old') }] });
    ec2.on(DeleteSecurityGroupCommand).resolves({});
    ec2.on(DeleteLaunchTemplateCommand).resolves({});
    const [report] = await janitor(
      [{ region: 'r', client }],
      new Date('2026-11-22T00:00:00Z'),
      fakeClock(),
    );
    expect(report?.instancesTerminated).toEqual(['i-old', 'i-mixed']);
    expect(report?.securityGroupsDeleted).toEqual(['sg-old', 'sg-gone']);
    expect(report?.launchTemplatesDeleted).toEqual(['lt-old']);
    expect(report?.errors).toEqual([]);
    expect(report?.warnings).toEqual([
      "r i-bad: spot-deploy:expires-at 'next tuesday' is not an ISO 8601 date-time with a zone; left alone",
      'r i-none: no spot-deploy:expires-at tag; left alone',
      "r sg-unreadable: spot-deploy:expires-at 'soon' is not an ISO 8601 date-time with a zone; left alone",
    ]);
    const terminated = ec2
      .commandCalls(TerminateInstancesCommand)
      .flatMap((c) => c.args[0].input.InstanceIds);
    expect(terminated).toEqual(['i-old', 'i-mixed']);
  });

  it('removes runner rules older than 6 h from every managed group, also of a live deployment', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    instancesMock([
      inst('i-live', 'running', {
        Tags: tags({
          'spot-deploy:deployment': 'live',
          'spot-deploy:expires-at': '2027-01-01T00:00:00Z',
        }),
      }),
    ]);
    const rule = (cidr: string, hoursAgo: number) => ({
      CidrIp: cidr,
      Description: runnerRuleDescription('run=9/1', new Date(now.getTime() - hoursAgo * 3600_000)),
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-live',
          Tags: managed('live', '2027-01-01T00:00:00Z'),
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [rule('203.0.113.1/32', 7), rule('203.0.113.2/32', 1)],
            },
          ],
        },
      ],
    });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [] });
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({});
    const [report] = await janitor([{ region: 'r', client }], now, fakeClock());
    expect(report?.errors).toEqual([]);
    expect(report?.runnerRulesRemoved).toEqual([
      'r sg-live: removed stale runner rule(s) 203.0.113.1/32',
    ]);
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual(
      [
        {
          GroupId: 'sg-live',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '203.0.113.1/32' }],
            },
          ],
        },
      ],
    );
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
  });

  it('touches nothing when it cannot list the instances', async () => {
    ec2.on(DescribeInstancesCommand).rejects(ec2Error('UnauthorizedOperation'));
    const [report] = await janitor([{ region: 'r', client }], new Date(), fakeClock());
    expect(report?.errors).toHaveLength(1);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(0);
  });
});
