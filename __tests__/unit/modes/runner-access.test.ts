import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runnerRuleDescription } from '../../../src/aws/runner-rule.js';
import { openOnGroup, readRunnerRules } from '../../../src/modes/runner-access.js';
import { memoryState } from '../../../src/modes/state.js';
import { ec2Error } from '../../helpers/instances-fixtures.js';
import { recordingSink } from '../../helpers/recording-sink.js';
import { sshGroup } from '../../helpers/security-groups.js';

// openOnGroup when the runner's /32 is in the group already: another run's rule is taken over
// and saved for this run's post step; a static one (ssh-cidr lists the runner's own address) is
// neither taken over nor saved, so the post step leaves the deploy's rule alone.
const R = 'eu-west-1';
const client = new EC2Client({
  region: R,
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const ec2 = mockClient(client);
const NOW = new Date('2026-12-02T12:00:00.000Z');
const access = { cidr: '203.0.113.9/32', owner: 'run=42/1' };
const withRange = (description: string | undefined) => ({
  SecurityGroups: [sshGroup(description)],
});

beforeEach(() => {
  ec2.reset();
  ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('InvalidPermission.Duplicate'));
  ec2.on(UpdateSecurityGroupRuleDescriptionsIngressCommand).resolves({ Return: true });
});

describe('openOnGroup: the /32 is there already', () => {
  it("another run's rule: taken over and saved for the post step", async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves(withRange(runnerRuleDescription('run=41/1', NOW)));
    const state = memoryState();
    const sink = recordingSink();
    await openOnGroup(access, R, 'sg-1', 22, { sink, ec2: () => client, state, now: () => NOW });
    expect(readRunnerRules(state)).toEqual([
      { region: R, groupId: 'sg-1', cidr: access.cidr, port: 22, owner: 'run=42/1' },
    ]);
    expect(sink.lines.join('\n')).toContain('taken over from another run at the same address');
  });

  it('a static rule (ssh-cidr lists this address): left as it is, nothing saved to revoke', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves(withRange(undefined));
    const state = memoryState();
    const sink = recordingSink();
    await openOnGroup(access, R, 'sg-1', 22, { sink, ec2: () => client, state, now: () => NOW });
    expect(readRunnerRules(state)).toEqual([]);
    expect(ec2.commandCalls(UpdateSecurityGroupRuleDescriptionsIngressCommand)).toHaveLength(0);
    expect(sink.lines.join('\n')).toContain('already allowed in sg-1 by ssh-cidr');
  });
});
