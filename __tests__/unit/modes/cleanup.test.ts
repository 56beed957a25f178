import {
  DeleteLaunchTemplateCommand,
  DescribeTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runPost } from '../../../src/modes/cleanup.js';
import { memoryState, recordIds, STATE, type StateKey } from '../../../src/modes/state.js';
import { ec2Error, inst, reservations } from '../../helpers/instances-fixtures.js';
import { recordingSink } from '../../helpers/recording-sink.js';

const ec2 = mockClient(EC2Client);
const client = new EC2Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const sink = recordingSink();

function deployState(extra: Partial<Record<StateKey, string>> = {}) {
  const state = memoryState({
    [STATE.mode]: 'deploy',
    [STATE.deploymentId]: 'pr-1',
    [STATE.regions]: JSON.stringify(['eu-west-1', 'us-east-1']),
    [STATE.runId]: '42',
    [STATE.runAttempt]: '1',
    ...extra,
  });
  recordIds(state, STATE.launched, 'eu-west-1', ['i-1', 'i-2']);
  recordIds(state, STATE.launched, 'us-east-1', ['i-3']);
  return state;
}

const terminated = () =>
  ec2.commandCalls(TerminateInstancesCommand).flatMap((c) => c.args[0].input.InstanceIds ?? []);

beforeEach(() => {
  ec2.reset();
  sink.clear();
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => ({
    TerminatingInstances: (input.InstanceIds ?? []).map((id) => ({
      InstanceId: id,
      CurrentState: { Name: 'shutting-down' },
    })),
  }));
});

describe('the post step', () => {
  it('releases the deploy lock the main step left, after terminating, and only if still its own', async () => {
    const order: string[] = [];
    ec2
      .on(DescribeTagsCommand)
      .resolves({ Tags: [{ Key: 'spot-deploy:lock-holder', Value: 'run 42' }] });
    ec2.on(DeleteLaunchTemplateCommand).callsFake(() => void order.push('delete-lock'));
    ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
      order.push('terminate');
      return {
        TerminatingInstances: (input.InstanceIds ?? []).map((InstanceId) => ({ InstanceId })),
      };
    });
    const state = deployState({
      [STATE.lock]: JSON.stringify({ id: 'lt-lock', region: 'eu-west-1', holder: 'run 42' }),
    });
    await runPost(state, () => client, sink);
    expect(order).toEqual(['terminate', 'terminate', 'delete-lock']);
    expect(ec2.commandCalls(DeleteLaunchTemplateCommand)[0]?.args[0].input).toEqual({
      LaunchTemplateId: 'lt-lock',
    });
    expect(state.get(STATE.lock)).toBe('');

    // Another holder's lock (same id cannot happen on EC2; a changed holder tag is respected).
    ec2.resetHistory();
    const other = memoryState({
      [STATE.lock]: JSON.stringify({ id: 'lt-lock', region: 'eu-west-1', holder: 'run 7' }),
    });
    await runPost(other, () => client, sink);
    expect(ec2.commandCalls(DeleteLaunchTemplateCommand)).toEqual([]);
  });

  it('does nothing when the main step launched nothing (plan, destroy, or failed early)', async () => {
    await runPost(memoryState({ [STATE.mode]: 'plan' }), () => client, sink);
    await runPost(memoryState(), () => client, sink);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('on-failure: terminates everything this run launched when the main step did not succeed', async () => {
    const r = await runPost(deployState({ [STATE.cleanup]: 'on-failure' }), () => client, sink);
    expect(terminated().sort()).toEqual(['i-1', 'i-2', 'i-3']);
    expect(r.terminated).toEqual({ 'eu-west-1': ['i-1', 'i-2'], 'us-east-1': ['i-3'] });
  });

  it('on-failure: keeps them when the main step succeeded', async () => {
    const r = await runPost(
      deployState({ [STATE.cleanup]: 'on-failure', [STATE.succeeded]: 'true' }),
      () => client,
      sink,
    );
    expect(ec2.calls()).toHaveLength(0);
    expect(r.kept).toBe(3);
  });

  it('always: terminates even after success; never: keeps even after failure', async () => {
    await runPost(
      deployState({ [STATE.cleanup]: 'always', [STATE.succeeded]: 'true' }),
      () => client,
      sink,
    );
    expect(terminated().sort()).toEqual(['i-1', 'i-2', 'i-3']);
    ec2.resetHistory();
    await runPost(deployState({ [STATE.cleanup]: 'never' }), () => client, sink);
    expect(ec2.calls()).toHaveLength(0);
    expect(sink.lines.join('\n')).toContain('cleanup is never');
  });

  it('also finds instances by this run’s tags (launched in the instant before a kill)', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations(inst('i-9', 'running')));
    await runPost(deployState({ [STATE.cleanup]: 'on-failure' }), () => client, sink);
    expect(terminated()).toContain('i-9');
    const filters = ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters ?? [];
    expect(filters).toEqual(
      expect.arrayContaining([
        { Name: 'tag:spot-deploy:run-id', Values: ['42'] },
        { Name: 'tag:spot-deploy:deployment', Values: ['pr-1'] },
        { Name: 'tag:spot-deploy:run-attempt', Values: ['1'] },
      ]),
    );
  });

  it('skips instances the step already terminated and is idempotent for gone ones', async () => {
    const state = deployState({ [STATE.cleanup]: 'on-failure' });
    recordIds(state, STATE.terminated, 'eu-west-1', ['i-1']);
    await runPost(state, () => client, sink);
    expect(terminated().sort()).toEqual(['i-2', 'i-3']);
  });

  it('fails loudly, naming the instances and the destroy command, when termination fails', async () => {
    ec2.on(TerminateInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 'denied'));
    await expect(
      runPost(deployState({ [STATE.cleanup]: 'on-failure' }), () => client, sink),
    ).rejects.toThrow(/could not clean up.*mode: destroy.*pr-1.*i-1, i-2/s);
  });
});
