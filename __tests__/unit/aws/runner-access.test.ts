import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  authorizeRunnerRule,
  pruneStaleRunnerRules,
  revokeRunnerRule,
  type RunnerRule,
} from '../../../src/aws/runner-access.js';
import { runnerRuleDescription } from '../../../src/aws/runner-rule.js';
import { TAG } from '../../../src/aws/types.js';
import { ec2Error } from '../../helpers/instances-fixtures.js';
import { sshGroup } from '../../helpers/security-groups.js';

const R = 'eu-west-1';
const client = new EC2Client({
  region: R,
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const ec2 = mockClient(client);
const NOW = new Date('2026-12-02T12:00:00.000Z');
const rule: RunnerRule = {
  region: R,
  groupId: 'sg-1',
  cidr: '203.0.113.9/32',
  port: 22,
  owner: 'run=42/1',
};
const group = sshGroup;

beforeEach(() => ec2.reset());

describe('authorizeRunnerRule', () => {
  it('adds TCP port from the /32 with the run in its description', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
    await expect(authorizeRunnerRule(client, rule, NOW)).resolves.toBe('added');
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-1',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [
            {
              CidrIp: '203.0.113.9/32',
              Description: 'spot-deploy runner run=42/1 at=2026-12-02T12:00:00.000Z',
            },
          ],
        },
      ],
    });
  });

  it('takes over a rule that exists (another run at the same address): its description becomes ours', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('InvalidPermission.Duplicate'));
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [group(runnerRuleDescription('run=41/1', NOW))] });
    ec2.on(UpdateSecurityGroupRuleDescriptionsIngressCommand).resolves({ Return: true });
    await expect(authorizeRunnerRule(client, rule, NOW)).resolves.toBe('taken over');
    const update = ec2.commandCalls(UpdateSecurityGroupRuleDescriptionsIngressCommand)[0];
    expect(update?.args[0].input.IpPermissions?.[0]?.IpRanges).toEqual([
      {
        CidrIp: '203.0.113.9/32',
        Description: 'spot-deploy runner run=42/1 at=2026-12-02T12:00:00.000Z',
      },
    ]);
  });

  it("leaves a static rule for the same /32 (ssh-cidr lists the runner's own address) as it is", async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('InvalidPermission.Duplicate'));
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [group(undefined)] });
    ec2.on(UpdateSecurityGroupRuleDescriptionsIngressCommand).resolves({ Return: true });
    await expect(authorizeRunnerRule(client, rule, NOW)).resolves.toBe('static');
    // Not made this run's: its post step would revoke a rule every deploy keeps.
    expect(ec2.commandCalls(UpdateSecurityGroupRuleDescriptionsIngressCommand)).toHaveLength(0);
  });

  it('names the IAM action when refused', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('UnauthorizedOperation'));
    await expect(authorizeRunnerRule(client, rule, NOW)).rejects.toThrow(
      /AuthorizeSecurityGroupIngress/,
    );
  });
});

describe('revokeRunnerRule (the post step)', () => {
  it('revokes exactly the range when its description names this run', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [group(runnerRuleDescription('run=42/1', NOW))],
    });
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({});
    await expect(revokeRunnerRule(client, rule)).resolves.toEqual({ kind: 'revoked' });
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-1',
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.9/32' }] },
      ],
    });
  });

  it('leaves a rule another run took over', async () => {
    const theirs = runnerRuleDescription('run=43/1', NOW);
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [group(theirs)] });
    await expect(revokeRunnerRule(client, rule)).resolves.toEqual({
      kind: 'taken over',
      by: theirs,
    });
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('does nothing when the rule or the group is gone', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [group('x', '198.51.100.1/32')] });
    await expect(revokeRunnerRule(client, rule)).resolves.toEqual({ kind: 'gone' });
    ec2.on(DescribeSecurityGroupsCommand).rejects(ec2Error('InvalidGroup.NotFound'));
    await expect(revokeRunnerRule(client, rule)).resolves.toEqual({ kind: 'gone' });
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('another port is another rule: left alone', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ ...group(runnerRuleDescription('run=42/1', NOW)) }],
    });
    await expect(revokeRunnerRule(client, { ...rule, port: 2222 })).resolves.toEqual({
      kind: 'gone',
    });
  });
});

describe('pruneStaleRunnerRules (the janitor)', () => {
  it('removes runner rules older than 6 h from managed deployment groups, live ones kept', async () => {
    const old = runnerRuleDescription('run=1/1', new Date(NOW.getTime() - 7 * 3600_000));
    const young = runnerRuleDescription('run=2/1', new Date(NOW.getTime() - 3600_000));
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-a',
          Tags: [
            { Key: TAG.managed, Value: 'true' },
            { Key: TAG.deployment, Value: 'pr-1' },
          ],
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [
                { CidrIp: '203.0.113.1/32', Description: old },
                { CidrIp: '203.0.113.2/32', Description: young },
                { CidrIp: '10.0.0.0/8', Description: 'static' },
              ],
            },
          ],
        },
      ],
    });
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({});
    const lines = await pruneStaleRunnerRules(client, R, NOW.getTime());
    expect(lines).toEqual([`${R} sg-a: removed stale runner rule(s) 203.0.113.1/32`]);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: `tag:${TAG.managed}`, Values: ['true'] },
    ]);
    expect(
      ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input.IpPermissions,
    ).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.1/32' }] },
    ]);
  });
});
