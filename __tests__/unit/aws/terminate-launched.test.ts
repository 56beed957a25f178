import {
  DescribeInstancesCommand,
  EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { terminateInstances } from '../../../src/aws/instances.js';
import { terminateLaunched } from '../../../src/aws/terminate-launched.js';
import { ec2Error, fakeClock, inst, reservations } from '../../helpers/instances-fixtures.js';

const ec2 = mockClient(EC2Client);
const client = new EC2Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const R = 'eu-west-1';

const notFound = (...ids: string[]) =>
  ec2Error(
    'InvalidInstanceID.NotFound',
    `The instance ID${ids.length > 1 ? 's' : ''} '${ids.join(', ')}' do not exist`,
  );
const accepted = (input: { InstanceIds?: string[] }) => ({
  TerminatingInstances: (input.InstanceIds ?? []).map((InstanceId) => ({
    InstanceId,
    PreviousState: { Name: 'running' as const },
    CurrentState: { Name: 'shutting-down' as const },
  })),
});

beforeEach(() => ec2.reset());

describe('terminateLaunched (ids from this run’s CreateFleet answers)', () => {
  it('asks again while TerminateInstances answers NotFound for a fresh id, then terminates it', async () => {
    // EC2 eventual consistency: the first two calls do not know the id yet; moto/EC2 has it running.
    let calls = 0;
    ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
      if (++calls <= 2) throw notFound('i-0new');
      return accepted(input);
    });
    ec2.on(DescribeInstancesCommand).rejects(notFound('i-0new'));
    const clock = fakeClock();
    const lines: string[] = [];
    const r = await terminateLaunched(client, R, ['i-0new'], {
      ...clock,
      log: (m) => lines.push(m),
    });
    expect(r).toEqual({ terminated: ['i-0new'], alreadyGone: [], unseen: [] });
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(3);
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(lines.join('\n')).toContain('InvalidInstanceID.NotFound');
  });

  it('gives up after about a minute and reports the ids it never saw, not as terminated', async () => {
    ec2.on(TerminateInstancesCommand).rejects(notFound('i-0ghost'));
    ec2.on(DescribeInstancesCommand).rejects(notFound('i-0ghost'));
    const clock = fakeClock();
    const r = await terminateLaunched(client, R, ['i-0ghost'], clock);
    expect(r).toEqual({ terminated: [], alreadyGone: [], unseen: ['i-0ghost'] });
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(55_000);
    expect(waited).toBeLessThanOrEqual(60_000);
    // Bounded in count too: 1, 2, 4, 8 s and then 8 s pauses.
    expect(ec2.commandCalls(TerminateInstancesCommand).length).toBeLessThanOrEqual(12);
  });

  it('counts an id EC2 shows terminated or shutting down (then NotFound) as gone, at once', async () => {
    ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
      const ids = input.InstanceIds ?? [];
      const unknown = ids.filter((id) => id !== 'i-0live');
      if (unknown.length > 0) throw notFound(...unknown);
      return accepted(input);
    });
    ec2
      .on(DescribeInstancesCommand)
      .resolves(reservations(inst('i-0reclaimed', 'terminated'), inst('i-0ttl', 'shutting-down')));
    const clock = fakeClock();
    const r = await terminateLaunched(client, R, ['i-0live', 'i-0reclaimed', 'i-0ttl'], clock);
    expect(r.terminated).toEqual(['i-0live']);
    expect(r.alreadyGone.sort()).toEqual(['i-0reclaimed', 'i-0ttl']);
    expect(r.unseen).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps asking for an id DescribeInstances shows running while TerminateInstances says NotFound', async () => {
    let calls = 0;
    ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
      if (++calls === 1) throw notFound('i-0a');
      return accepted(input);
    });
    ec2.on(DescribeInstancesCommand).resolves(reservations(inst('i-0a', 'running')));
    const r = await terminateLaunched(client, R, ['i-0a'], fakeClock());
    expect(r).toEqual({ terminated: ['i-0a'], alreadyGone: [], unseen: [] });
  });

  it('throws any other error (the caller reports it)', async () => {
    ec2.on(TerminateInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 'denied'));
    await expect(terminateLaunched(client, R, ['i-0a'], fakeClock())).rejects.toThrow(
      /UnauthorizedOperation/,
    );
  });

  it('unlike terminateInstances, which stays idempotent for ids from a tag search', async () => {
    ec2.on(TerminateInstancesCommand).rejects(notFound('i-0old'));
    const r = await terminateInstances(client, R, ['i-0old']);
    expect(r.alreadyGone).toEqual(['i-0old']);
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(1);
  });
});
