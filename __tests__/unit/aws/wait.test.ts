import {
  DescribeInstancesCommand,
  EC2Client,
  type DescribeInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { waitRunning } from '../../../src/aws/wait.js';
import { ec2Error, fakeClock, inst, reservations } from '../../helpers/instances-fixtures.js';

const ec2 = mockClient(EC2Client);
let client: EC2Client;
beforeEach(() => {
  ec2.reset();
  client = new EC2Client({ region: 'eu-west-1' });
});
afterEach(() => client.destroy());

const calls = () => ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input);
const running = (id: string, ip = '10.0.0.1') =>
  inst(id, 'running', { PrivateIpAddress: ip, PublicIpAddress: '203.0.113.9' });

it('waits through pending to running with the address, backing off 1 s → 5 s', async () => {
  ec2
    .on(DescribeInstancesCommand)
    .resolvesOnce(reservations(inst('i-1', 'pending'), inst('i-2', 'pending')))
    .resolvesOnce(reservations(running('i-1'), inst('i-2', 'pending')))
    .resolvesOnce(reservations(inst('i-2', 'pending')))
    .resolvesOnce(reservations(inst('i-2', 'pending')))
    .resolvesOnce(reservations(inst('i-2', 'pending')))
    .resolves(reservations(running('i-2', '10.0.0.2')));
  const clock = fakeClock();
  const res = await waitRunning(client, 'eu-west-1', ['i-1', 'i-2', 'i-1'], {
    address: 'private-ip',
    timeoutMs: 120_000,
    ...clock,
  });
  expect(res.map((r) => [r.id, r.ok, r.ok ? r.info.privateIp : r.reason])).toEqual([
    ['i-1', true, '10.0.0.1'],
    ['i-2', true, '10.0.0.2'],
  ]);
  expect(clock.sleeps).toEqual([1000, 2000, 4000, 5000, 5000]);
  // One call per poll, and only for the ids still waiting.
  expect(calls().map((c) => c.InstanceIds)).toEqual([
    ['i-1', 'i-2'],
    ['i-1', 'i-2'],
    ['i-2'],
    ['i-2'],
    ['i-2'],
    ['i-2'],
  ]);
});

it('fails a reclaimed spot instance with EC2s reason, and keeps waiting for the others', async () => {
  ec2
    .on(DescribeInstancesCommand)
    .resolvesOnce(
      reservations(
        inst('i-1', 'shutting-down', {
          InstanceLifecycle: 'spot',
          StateReason: {
            Code: 'Server.SpotInstanceTermination',
            Message: 'Server.SpotInstanceTermination: Spot instance termination',
          },
        }),
        inst('i-2', 'pending'),
        inst('i-3', 'stopped', {
          StateReason: {
            Code: 'Client.InstanceInitiatedShutdown',
            Message: 'Client.InstanceInitiatedShutdown: Instance initiated shutdown',
          },
        }),
      ),
    )
    .resolves(reservations(running('i-2')));
  const clock = fakeClock();
  const res = await waitRunning(client, 'r', ['i-1', 'i-2', 'i-3'], {
    address: 'public-ip',
    timeoutMs: 60_000,
    ...clock,
  });
  const [r1, r2, r3] = res;
  expect(r1).toMatchObject({
    id: 'i-1',
    ok: false,
    info: { state: 'shutting-down', lifecycle: 'spot' },
  });
  expect(r1?.ok === false && r1.reason).toMatch(
    /^spot capacity reclaimed by EC2 \(state shutting-down: Server\.SpotInstanceTermination/,
  );
  expect(r2).toMatchObject({ id: 'i-2', ok: true, info: { publicIp: '203.0.113.9' } });
  expect(r3?.ok === false && r3.reason).toBe(
    'instance went stopped while starting (Client.InstanceInitiatedShutdown: Instance initiated shutdown)',
  );
  expect(calls()[1]?.InstanceIds).toEqual(['i-2']);
});

it('times out on the fake clock with the address and the last state', async () => {
  ec2
    .on(DescribeInstancesCommand)
    .resolves(
      reservations(
        inst('i-1', 'running', { PrivateIpAddress: '10.0.0.1' }),
        inst('i-2', 'pending'),
      ),
    );
  const clock = fakeClock(1_000_000);
  const res = await waitRunning(client, 'r', ['i-1', 'i-2'], {
    address: 'public-ip',
    timeoutMs: 30_000,
    ...clock,
  });
  expect(res.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([
    'not running with a public-ip after 30 s (state running); no public-ip assigned: does the subnet give instances public addresses?',
    'not running with a public-ip after 30 s (state pending)',
  ]);
  expect(clock.now()).toBe(1_030_000);
  expect(calls().length).toBeLessThanOrEqual(10);
});

it('retries InvalidInstanceID.NotFound right after launch, then sees the instance', async () => {
  ec2
    .on(DescribeInstancesCommand)
    .rejectsOnce(ec2Error('InvalidInstanceID.NotFound', "The instance ID 'i-0new' does not exist"))
    .rejectsOnce(ec2Error('InvalidInstanceID.NotFound', "The instance ID 'i-0new' does not exist"))
    .resolves(reservations(running('i-0new')));
  const clock = fakeClock();
  const res = await waitRunning(client, 'r', ['i-0new'], {
    address: 'private-ip',
    timeoutMs: 60_000,
    ...clock,
  });
  expect(res[0]).toMatchObject({ id: 'i-0new', ok: true });
  expect(calls()).toHaveLength(3);
});

it('gives up on an id EC2 never knows, after the grace period, without failing the others', async () => {
  ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
    if (input.InstanceIds?.includes('i-0bad'))
      throw ec2Error('InvalidInstanceID.NotFound', "The instance ID 'i-0bad' does not exist");
    return reservations(inst('i-0ok', 'pending'));
  });
  const clock = fakeClock();
  const res = await waitRunning(client, 'r', ['i-0bad', 'i-0ok'], {
    address: 'private-ip',
    timeoutMs: 600_000,
    notFoundGraceMs: 20_000,
    ...clock,
  });
  expect(res[0]?.ok === false && res[0].reason).toMatch(
    /^EC2 does not know this instance \(InvalidInstanceID\.NotFound for 2\d s\)/,
  );
  expect(res[1]?.ok === false && res[1].reason).toBe(
    'not running with a private-ip after 600 s (state pending)',
  );
});

it('stays bounded when the clock never moves', async () => {
  ec2.on(DescribeInstancesCommand).resolves(reservations(inst('i-1', 'pending')));
  const res = await waitRunning(client, 'r', ['i-1'], {
    address: 'private-ip',
    timeoutMs: 10_000,
    sleep: async () => {},
    now: () => 5,
  });
  expect(res[0]?.ok).toBe(false);
  // timeoutMs / minDelayMs + 2 pauses, one describe after each plus the first.
  expect(calls().length).toBe(13);
});

it('asks for at most 1000 ids per call, all batches in each poll', async () => {
  ec2
    .on(DescribeInstancesCommand)
    .callsFake((input: DescribeInstancesCommandInput) =>
      reservations(...(input.InstanceIds ?? []).map((id) => running(id))),
    );
  const ids = Array.from({ length: 1500 }, (_, n) => `i-${n.toString(16)}`);
  const res = await waitRunning(client, 'r', ids, {
    address: 'private-ip',
    timeoutMs: 1_000,
    ...fakeClock(),
  });
  expect(res.every((r) => r.ok)).toBe(true);
  expect(calls().map((c) => c.InstanceIds?.length)).toEqual([1000, 500]);
});

it('keeps polling through throttling and throws other errors', async () => {
  ec2
    .on(DescribeInstancesCommand)
    .rejectsOnce(ec2Error('RequestLimitExceeded'))
    .resolves(reservations(running('i-1')));
  const clock = fakeClock();
  const res = await waitRunning(client, 'r', ['i-1'], {
    address: 'private-ip',
    timeoutMs: 60_000,
    ...clock,
  });
  expect(res[0]?.ok).toBe(true);

  ec2.reset();
  ec2.on(DescribeInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 'denied'));
  await expect(
    waitRunning(client, 'eu-north-1', ['i-1'], {
      address: 'private-ip',
      timeoutMs: 60_000,
      ...fakeClock(),
    }),
  ).rejects.toThrow(/in eu-north-1: UnauthorizedOperation/);
});
