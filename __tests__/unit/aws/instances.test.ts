import {
  DescribeInstancesCommand,
  EC2Client,
  TerminateInstancesCommand,
  type DescribeInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsError } from '../../../src/aws/aws-errors.js';
import { describeIds, missingIds } from '../../../src/aws/describe-instances.js';
import { findInstances, terminateInstances, toInstanceInfo } from '../../../src/aws/instances.js';
import { ec2Error, fakeClock, inst, reservations } from '../../helpers/instances-fixtures.js';

const ec2 = mockClient(EC2Client);
let client: EC2Client;
beforeEach(() => {
  ec2.reset();
  client = new EC2Client({ region: 'eu-west-1' });
});
afterEach(() => client.destroy());

const describeInputs = () => ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input);

describe('toInstanceInfo', () => {
  it('maps lifecycle, addresses, state reason and tags; drops empty strings', () => {
    const info = toInstanceInfo(
      'eu-west-1',
      inst('i-0a', 'terminated', {
        InstanceLifecycle: 'spot',
        Placement: { AvailabilityZone: 'eu-west-1b' },
        SubnetId: 'subnet-1',
        PrivateIpAddress: '10.0.0.5',
        PublicIpAddress: '',
        PublicDnsName: '',
        LaunchTime: new Date('2026-11-22T10:00:00Z'),
        StateReason: {
          Code: 'Server.SpotInstanceTermination',
          Message: 'Server.SpotInstanceTermination: Spot instance termination',
        },
        Tags: [
          { Key: 'spot-deploy:deployment', Value: 'd1' },
          { Key: 'Name', Value: 'web' },
        ],
      }),
    );
    expect(info).toEqual({
      id: 'i-0a',
      region: 'eu-west-1',
      instanceType: 't3.micro',
      lifecycle: 'spot',
      availabilityZone: 'eu-west-1b',
      subnetId: 'subnet-1',
      state: 'terminated',
      stateReason: 'Server.SpotInstanceTermination: Spot instance termination',
      privateIp: '10.0.0.5',
      launchTime: '2026-11-22T10:00:00.000Z',
      tags: { 'spot-deploy:deployment': 'd1', Name: 'web' },
    });
    expect('publicIp' in info).toBe(false);
  });

  it('treats anything but spot as on-demand', () => {
    expect(toInstanceInfo('r', inst('i-1', 'running')).lifecycle).toBe('on-demand');
    expect(
      toInstanceInfo('r', inst('i-1', 'running', { InstanceLifecycle: 'capacity-block' }))
        .lifecycle,
    ).toBe('on-demand');
  });
});

describe('findInstances', () => {
  it('filters by the deployment tag and live states, following every page', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ ...reservations(inst('i-01', 'running')), NextToken: 't1' })
      .resolvesOnce({ ...reservations(inst('i-02', 'pending')), NextToken: 't2' })
      .resolves(reservations(inst('i-03', 'shutting-down')));
    const found = await findInstances(client, 'eu-west-1', { deploymentId: 'd1' });
    expect(found.map((i) => i.id)).toEqual(['i-01', 'i-02', 'i-03']);
    const inputs = describeInputs();
    expect(inputs.map((i) => i.NextToken)).toEqual([undefined, 't1', 't2']);
    expect(inputs[0]?.Filters).toEqual([
      { Name: 'tag:spot-deploy:deployment', Values: ['d1'] },
      {
        Name: 'instance-state-name',
        Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'],
      },
    ]);
    expect(inputs[0]?.MaxResults).toBe(1000);
  });

  it('builds the filters of each selector and can leave out shutting-down', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await findInstances(client, 'r', { runId: '42' }, { excludeShuttingDown: true });
    await findInstances(client, 'r', { runId: '42', deploymentId: 'd1' });
    await findInstances(client, 'r', { managedOnly: true });
    await findInstances(client, 'r', { runId: '42', deploymentId: 'd1', runAttempt: '2' });
    const [byRun, byRunDep, managed, byAttempt] = describeInputs().map((i) => i.Filters);
    expect(byRun).toEqual([
      { Name: 'tag:spot-deploy:run-id', Values: ['42'] },
      { Name: 'tag-key', Values: ['spot-deploy:deployment'] },
      { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
    ]);
    expect(byRunDep?.[1]).toEqual({ Name: 'tag:spot-deploy:deployment', Values: ['d1'] });
    expect(managed?.[0]).toEqual({ Name: 'tag-key', Values: ['spot-deploy:deployment'] });
    expect(byAttempt?.[2]).toEqual({ Name: 'tag:spot-deploy:run-attempt', Values: ['2'] });
  });

  it('looks ids up through an instance-id filter, 200 values per call, so unknown ids are no error', async () => {
    ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
      const ids = input.Filters?.find((f) => f.Name === 'instance-id')?.Values ?? [];
      return reservations(...ids.slice(0, 2).map((id) => inst(id, 'running')));
    });
    const ids = Array.from({ length: 450 }, (_, n) => `i-${n.toString(16).padStart(4, '0')}`);
    const found = await findInstances(client, 'r', { ids: [...ids, ids[0] ?? ''] });
    const inputs = describeInputs();
    expect(inputs).toHaveLength(3);
    expect(
      inputs.map((i) => i.Filters?.find((f) => f.Name === 'instance-id')?.Values?.length),
    ).toEqual([200, 200, 50]);
    expect(inputs.every((i) => i.InstanceIds === undefined)).toBe(true);
    expect(found).toHaveLength(6);
  });

  it('drops terminated instances even if the API lets one through', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolves(reservations(inst('i-1', 'terminated'), inst('i-2', 'running')));
    const found = await findInstances(client, 'r', { deploymentId: 'd' });
    expect(found.map((i) => i.id)).toEqual(['i-2']);
  });

  it('stops after maxPages and on a token that does not move', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolves({ ...reservations(inst('i-1', 'running')), NextToken: 'same' });
    await expect(findInstances(client, 'r', { deploymentId: 'd' })).resolves.toHaveLength(1);
    expect(describeInputs()).toHaveLength(2);
    ec2.reset();
    let n = 0;
    ec2.on(DescribeInstancesCommand).callsFake(() => ({ Reservations: [], NextToken: `t${n++}` }));
    await expect(
      findInstances(client, 'r', { deploymentId: 'd' }, { maxPages: 3 }),
    ).rejects.toThrow(/more than 3 pages/);
    expect(describeInputs()).toHaveLength(3);
  });

  it('wraps SDK errors with the action, region and code', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejects(ec2Error('UnauthorizedOperation', 'You are not authorized'));
    const err = await findInstances(client, 'eu-west-1', { deploymentId: 'd' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).message).toMatch(
      /^Could not list instances in eu-west-1: UnauthorizedOperation: .*ec2:DescribeInstances/,
    );
  });
});

describe('describeIds', () => {
  it('drops the ids a NotFound names and asks again for the rest', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejectsOnce(
        ec2Error('InvalidInstanceID.NotFound', "The instance IDs 'i-0b, i-0c' do not exist"),
      )
      .resolves(reservations(inst('i-0a', 'pending')));
    const res = await describeIds(client, 'r', ['i-0a', 'i-0b', 'i-0c']);
    expect(res.missing).toEqual(['i-0b', 'i-0c']);
    expect(res.found.map((i) => i.InstanceId)).toEqual(['i-0a']);
    expect(describeInputs().map((i) => i.InstanceIds)).toEqual([
      ['i-0a', 'i-0b', 'i-0c'],
      ['i-0a'],
    ]);
  });

  it('counts the whole batch missing when the message names no id', async () => {
    ec2.on(DescribeInstancesCommand).rejects(ec2Error('InvalidInstanceID.NotFound', 'nope'));
    await expect(describeIds(client, 'r', ['i-1', 'i-2'])).resolves.toEqual({
      found: [],
      missing: ['i-1', 'i-2'],
    });
    expect(describeInputs()).toHaveLength(1);
  });

  it('reads ids from single and plural messages', () => {
    expect(
      missingIds(ec2Error('x', "The instance ID 'i-0123456789abcdef0' does not exist")),
    ).toEqual(['i-0123456789abcdef0']);
    expect(missingIds('not an error')).toEqual([]);
  });
});

describe('terminateInstances', () => {
  it('terminates in chunks of 1000', async () => {
    ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ({
      TerminatingInstances: input.InstanceIds.map((id) => ({
        InstanceId: id,
        PreviousState: { Name: 'running' },
        CurrentState: { Name: 'shutting-down' },
      })),
    }));
    const ids = Array.from({ length: 2500 }, (_, n) => `i-${n.toString(16)}`);
    const res = await terminateInstances(client, 'r', ids);
    const calls = ec2
      .commandCalls(TerminateInstancesCommand)
      .map((c) => c.args[0].input.InstanceIds?.length);
    expect(calls).toEqual([1000, 1000, 500]);
    expect(res.terminated).toHaveLength(2500);
    expect(res.alreadyGone).toEqual([]);
  });

  it('is idempotent: unknown and already-terminated ids are no error', async () => {
    ec2
      .on(TerminateInstancesCommand)
      .rejectsOnce(
        ec2Error('InvalidInstanceID.NotFound', "The instance ID 'i-0dead' does not exist"),
      )
      .resolves({
        TerminatingInstances: [
          {
            InstanceId: 'i-0a',
            PreviousState: { Name: 'running' },
            CurrentState: { Name: 'shutting-down' },
          },
          {
            InstanceId: 'i-0b',
            PreviousState: { Name: 'terminated' },
            CurrentState: { Name: 'terminated' },
          },
        ],
      });
    const res = await terminateInstances(client, 'r', ['i-0a', 'i-0dead', 'i-0b']);
    expect(res).toEqual({
      terminated: ['i-0a'],
      alreadyGone: ['i-0dead', 'i-0b'],
      notConfirmed: [],
    });
    expect(ec2.commandCalls(TerminateInstancesCommand)[1]?.args[0].input.InstanceIds).toEqual([
      'i-0a',
      'i-0b',
    ]);
  });

  it('falls back to one id per call when NotFound does not say which', async () => {
    ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds: string[] }) => {
      if (input.InstanceIds.length > 1 || input.InstanceIds[0] === 'i-2')
        throw ec2Error('InvalidInstanceID.NotFound', 'gone');
      return {
        TerminatingInstances: [
          { InstanceId: input.InstanceIds[0], PreviousState: { Name: 'running' } },
        ],
      };
    });
    const res = await terminateInstances(client, 'r', ['i-1', 'i-2', 'i-3']);
    expect(res.terminated).toEqual(['i-1', 'i-3']);
    expect(res.alreadyGone).toEqual(['i-2']);
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(4);
  });

  it('throws other errors wrapped', async () => {
    ec2
      .on(TerminateInstancesCommand)
      .rejects(ec2Error('OperationNotPermitted', 'termination protection'));
    await expect(terminateInstances(client, 'us-east-1', ['i-1'])).rejects.toThrow(
      /^Could not terminate 1 instance\(s\) in us-east-1: OperationNotPermitted/,
    );
  });

  it('with wait, polls until terminated and reports what is not within the bound', async () => {
    ec2.on(TerminateInstancesCommand).resolves({
      TerminatingInstances: ['i-1', 'i-2', 'i-3'].map((id) => ({
        InstanceId: id,
        PreviousState: { Name: 'running' },
        CurrentState: { Name: 'shutting-down' },
      })),
    });
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(
        reservations(
          inst('i-1', 'shutting-down'),
          inst('i-2', 'terminated'),
          inst('i-3', 'shutting-down'),
        ),
      )
      .resolves(reservations(inst('i-1', 'terminated'), inst('i-3', 'shutting-down')));
    const clock = fakeClock();
    const res = await terminateInstances(client, 'r', ['i-1', 'i-2', 'i-3'], {
      wait: true,
      timeoutMs: 60_000,
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(res.terminated).toEqual(['i-1', 'i-2', 'i-3']);
    expect(res.notConfirmed).toEqual([{ id: 'i-3', state: 'shutting-down' }]);
    expect(clock.now()).toBe(60_000);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(10_000);
  });
});
