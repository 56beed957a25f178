import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFleetCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsError } from '../../../src/aws/aws-errors.js';
import { launchInRegion, type LaunchRequest } from '../../../src/aws/fleet.js';
import { ensureSecurityGroup, type SecurityGroupSpec } from '../../../src/aws/security-group.js';
import type { InstanceInfo } from '../../../src/aws/types.js';
import {
  GROUP_NOT_VISIBLE,
  untilVisible,
  VISIBILITY_TIMEOUT_MS,
} from '../../../src/aws/visibility.js';

const R = 'eu-west-1';
const client = new EC2Client({ region: R });
const ec2 = mockClient(client);

const ec2Error = (name: string, message = `${name} happened`) =>
  new EC2ServiceException({ name, message, $fault: 'client', $metadata: {} });

/** A clock that moves only when the code sleeps, and the sleeps it was asked for. */
function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

let time = fakeTime();
beforeEach(() => {
  ec2.reset();
  time = fakeTime();
});

const target = {
  action: 'AuthorizeSecurityGroupIngress',
  region: R,
  resource: 'security group sg-new',
  codes: GROUP_NOT_VISIBLE,
};

describe('untilVisible', () => {
  it('retries a not-yet-visible answer with backoff until the call works', async () => {
    let n = 0;
    const r = await untilVisible(
      target,
      async () => {
        if (n++ < 3) throw ec2Error('InvalidGroup.NotFound');
        return 'ok';
      },
      time,
    );
    expect(r).toBe('ok');
    expect(time.sleeps).toEqual([500, 1000, 2000]);
  });

  it('throws any other error at once', async () => {
    await expect(
      untilVisible(target, () => Promise.reject(ec2Error('UnauthorizedOperation')), time),
    ).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
    expect(time.sleeps).toEqual([]);
  });

  it('gives up after about a minute saying the resource never became visible', async () => {
    const err = await untilVisible(
      target,
      () => Promise.reject(ec2Error('InvalidGroup.NotFound')),
      time,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).code).toBe('InvalidGroup.NotFound');
    expect((err as Error).message).toMatch(
      /^Could not call ec2:AuthorizeSecurityGroupIngress in eu-west-1: security group sg-new, which this run has just created, never became visible to it \(InvalidGroup\.NotFound for 60 s, \d+ attempts\)/,
    );
    expect(time.now()).toBe(VISIBILITY_TIMEOUT_MS);
    expect(Math.max(...time.sleeps)).toBe(5000);
  });

  it('is bounded in count even with a clock that never moves', async () => {
    let calls = 0;
    await expect(
      untilVisible(
        target,
        () => {
          calls++;
          return Promise.reject(ec2Error('InvalidGroup.NotFound'));
        },
        { sleep: async () => {}, now: () => 0 },
      ),
    ).rejects.toThrow(/never became visible/);
    expect(calls).toBeLessThanOrEqual(125);
  });
});

const sgSpec = (over: Partial<SecurityGroupSpec> = {}): SecurityGroupSpec => ({
  vpcId: 'vpc-1',
  name: 'spot-deploy-pr-7',
  sshPort: 22,
  cidrs: ['203.0.113.0/24'],
  tags: { 'spot-deploy:deployment': 'pr-7' },
  given: [],
  ...over,
});

describe('ensureSecurityGroup right after CreateSecurityGroup', () => {
  it('waits while the new group is not visible to AuthorizeSecurityGroupIngress', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-new' });
    ec2
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejectsOnce(ec2Error('InvalidGroup.NotFound', "The security group 'sg-new' does not exist"))
      .rejectsOnce(ec2Error('InvalidGroup.NotFound'))
      .resolves({});
    const r = await ensureSecurityGroup(client, R, sgSpec(), time);
    expect(r).toEqual({ groupIds: ['sg-new'], status: 'created' });
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(3);
    expect(time.sleeps).toEqual([500, 1000]);
  });

  it('does not wait on a group found by name: NotFound there fails at once', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: 'sg-old', IpPermissions: [] }],
    });
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('InvalidGroup.NotFound'));
    await expect(ensureSecurityGroup(client, R, sgSpec(), time)).rejects.toThrow(
      /Could not allow TCP 22 from 203\.0\.113\.0\/24 in security group sg-old in eu-west-1: InvalidGroup\.NotFound/,
    );
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });
});

describe('CreateFleet right after CreateLaunchTemplate', () => {
  const req = (): LaunchRequest => ({
    region: R,
    client,
    lifecycle: 'spot',
    count: 1,
    instanceTypes: ['c6i.large'],
    tags: { 'spot-deploy:deployment': 'pr-7' },
    resources: {
      region: R,
      imageId: 'ami-1',
      securityGroupIds: ['sg-1'],
      launchTemplate: { id: 'lt-new', version: '1' },
      subnets: [{ subnetId: 'subnet-a', availabilityZone: 'eu-west-1a', vpcId: 'vpc-1' }],
    },
  });
  const launched = {
    Instances: [
      {
        InstanceIds: ['i-1'],
        InstanceType: 'c6i.large' as const,
        Lifecycle: 'spot' as const,
        LaunchTemplateAndOverrides: { Overrides: { SubnetId: 'subnet-a' } },
      },
    ],
  };
  const perOverride = (code: string) => ({
    Errors: [
      {
        ErrorCode: code,
        ErrorMessage: 'The specified launch template, with template ID lt-new, does not exist.',
        Lifecycle: 'spot' as const,
        LaunchTemplateAndOverrides: {
          Overrides: { InstanceType: 'c6i.large' as const, SubnetId: 'subnet-a' },
        },
      },
    ],
  });
  const opts = () => {
    const saved: InstanceInfo[] = [];
    return { saved, onLaunched: (xs: readonly InstanceInfo[]) => void saved.push(...xs), ...time };
  };
  const tokens = () => ec2.commandCalls(CreateFleetCommand).map((c) => c.args[0].input.ClientToken);

  it.each([
    'InvalidLaunchTemplateId.NotFound',
    'InvalidLaunchTemplateId.Malformed',
    'InvalidLaunchTemplateName.NotFoundException',
  ])('retries a thrown %s, each attempt with its own ClientToken', async (code) => {
    ec2
      .on(CreateFleetCommand)
      .rejectsOnce(ec2Error(code))
      .rejectsOnce(ec2Error(code))
      .resolves(launched);
    const o = opts();
    const r = await launchInRegion(req(), o);
    expect(r.instances.map((i) => i.id)).toEqual(['i-1']);
    expect(o.saved.map((i) => i.id)).toEqual(['i-1']);
    expect(r.errors).toEqual([]);
    expect(new Set(tokens()).size).toBe(3);
    expect(time.sleeps).toEqual([500, 1000]);
  });

  it('retries an errorSet answer in which every pool says the template does not exist', async () => {
    ec2
      .on(CreateFleetCommand)
      .resolvesOnce(perOverride('InvalidLaunchTemplateId.NotFound'))
      .resolves(launched);
    const r = await launchInRegion(req(), opts());
    expect(r.instances.map((i) => i.id)).toEqual(['i-1']);
    expect(new Set(tokens()).size).toBe(2);
  });

  it('fails after about a minute saying the template never became visible', async () => {
    ec2.on(CreateFleetCommand).resolves(perOverride('InvalidLaunchTemplateId.NotFound'));
    const err = await launchInRegion(req(), opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect((err as Error).message).toContain(
      'launch template lt-new version 1, which this run has just created, never became visible',
    );
    expect(time.now()).toBe(VISIBILITY_TIMEOUT_MS);
  });
});
