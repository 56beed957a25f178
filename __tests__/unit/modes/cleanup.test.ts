import {
  DeleteLaunchTemplateCommand,
  DescribeTagsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runnerRuleDescription } from '../../../src/aws/runner-rule.js';
import { runPost } from '../../../src/modes/cleanup.js';
import { readRunnerRules, recordRunnerRule } from '../../../src/modes/runner-access.js';
import {
  memoryState,
  readDeployState,
  recordCreated,
  recordIds,
  saveDeployStart,
  STATE,
  type StateKey,
} from '../../../src/modes/state.js';
import { ec2Error, fakeClock, inst, reservations } from '../../helpers/instances-fixtures.js';
import { recordingSink } from '../../helpers/recording-sink.js';
import { sshGroup } from '../../helpers/security-groups.js';

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
    const empty = memoryState();
    await runPost(empty, () => client, sink);
    expect(ec2.calls()).toHaveLength(0);
    // Nothing written either: on a runner the post step's state file need not exist.
    expect([...empty.values.keys()]).toEqual([]);
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

  describe('InvalidInstanceID.NotFound for an id this run launched (EC2 is eventually consistent)', () => {
    const notFound = (ids: string[]) =>
      ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${ids.join(', ')}' do not exist`);

    it('asks again until EC2 knows it, and terminates it (not counted as gone on the first NotFound)', async () => {
      let first = true;
      ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
        const ids = input.InstanceIds ?? [];
        if (first && ids.includes('i-1')) {
          first = false;
          throw notFound(['i-1']);
        }
        return {
          TerminatingInstances: ids.map((InstanceId) => ({
            InstanceId,
            PreviousState: { Name: 'running' },
            CurrentState: { Name: 'shutting-down' },
          })),
        };
      });
      const clock = fakeClock();
      const r = await runPost(
        deployState({ [STATE.cleanup]: 'on-failure' }),
        () => client,
        sink,
        clock,
      );
      // i-1 asked twice: the NotFound answer, then the accepted one.
      expect(terminated().filter((id) => id === 'i-1')).toHaveLength(2);
      expect(r.terminated).toEqual({ 'eu-west-1': ['i-2', 'i-1'], 'us-east-1': ['i-3'] });
      expect(clock.sleeps).toEqual([1_000]);
    });

    it('fails the step naming an id EC2 never shows, after the tag search fallback, with the destroy command', async () => {
      ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
        const ids = input.InstanceIds ?? [];
        if (ids.includes('i-2')) throw notFound(['i-2']);
        return { TerminatingInstances: ids.map((InstanceId) => ({ InstanceId })) };
      });
      // The tag search finds nothing the first time and an instance of this run the second time.
      let searches = 0;
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
        if (input.InstanceIds) throw notFound(input.InstanceIds);
        searches++;
        return searches === 2 ? reservations(inst('i-late', 'running')) : { Reservations: [] };
      });
      const clock = fakeClock();
      const err = await runPost(
        deployState({
          [STATE.cleanup]: 'on-failure',
          [STATE.regions]: JSON.stringify(['eu-west-1']),
        }),
        () => client,
        sink,
        clock,
      ).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err?.name).toBe('CleanupError');
      expect(err?.message).toMatch(/i-2: EC2 answered InvalidInstanceID\.NotFound/);
      expect(err?.message).toContain('mode: destroy');
      expect(err?.message).toContain('deployment-id: pr-1');
      expect(err?.message).toContain('deployment-id: expired');
      // The fallback found and terminated what the run's tags name.
      expect(terminated()).toContain('i-late');
      expect(terminated()).toContain('i-1');
      expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
    });
  });

  describe('credentials refused in the post step (an expired OIDC session)', () => {
    function savedRun() {
      const state = memoryState();
      saveDeployStart(state, {
        deploymentId: 'pr-1',
        regions: ['eu-west-1', 'us-east-1'],
        cleanup: 'on-failure',
        runId: '42',
        runAttempt: '1',
        ttlMinutes: 240,
      });
      recordIds(state, STATE.launched, 'eu-west-1', ['i-1', 'i-2']);
      recordIds(state, STATE.launched, 'us-east-1', ['i-3']);
      recordIds(state, STATE.terminated, 'eu-west-1', ['i-2']);
      recordCreated(state, 'eu-west-1', [
        { kind: 'security group', name: 'spot-deploy-pr-1', id: 'sg-1' },
        { kind: 'launch template', name: 'spot-deploy-pr-1', id: 'lt-1' },
      ]);
      return state;
    }

    it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId'])(
      '%s: fails naming every instance left per region, what the run created, the janitor and the TTL',
      async (code) => {
        ec2
          .on(DescribeInstancesCommand)
          .rejects(ec2Error(code, 'The security token included in the request is expired'));
        ec2.on(TerminateInstancesCommand).rejects(ec2Error(code, 'expired'));
        const err = await runPost(savedRun(), () => client, sink, fakeClock()).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(err?.name).toBe('CleanupError');
        const m = err?.message ?? '';
        expect(m).toContain(`the AWS credentials were refused (${code} in eu-west-1)`);
        expect(m).toContain('eu-west-1: instances i-1\n');
        expect(m).toContain('us-east-1: instances i-3');
        expect(m).not.toContain('i-2'); // the main step terminated it
        expect(m).toContain(
          'eu-west-1: security group spot-deploy-pr-1 (sg-1), created by this run',
        );
        expect(m).toContain(
          'eu-west-1: launch template spot-deploy-pr-1 (lt-1), created by this run',
        );
        expect(m).toContain(
          'node dist/cli.js destroy --deployment-id pr-1 --regions eu-west-1,us-east-1',
        );
        expect(m).toContain('`mode: destroy` with `deployment-id: expired`');
        expect(m).toContain('240 minutes (ttl-minutes)');
        // Nothing retried in vain: one refused call is enough.
        expect(ec2.calls()).toHaveLength(1);
      },
    );

    it('after a region was cleaned, lists only what is left from the refused region on', async () => {
      ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
        if ((input.InstanceIds ?? []).includes('i-3')) throw ec2Error('ExpiredToken', 'expired');
        return {
          TerminatingInstances: (input.InstanceIds ?? []).map((InstanceId) => ({ InstanceId })),
        };
      });
      const state = savedRun();
      state.save(STATE.ttlMinutes, '0');
      const err = await runPost(state, () => client, sink, fakeClock()).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      const m = err?.message ?? '';
      expect(m).toContain('(ExpiredToken in us-east-1)');
      expect(m).toContain('us-east-1: instances i-3');
      expect(m).not.toContain('eu-west-1: instances');
      expect(m).toContain('ttl-minutes is 0: the instances run (and cost) until they are removed');
      expect(terminated()).toContain('i-1');
    });

    it('the state codec reads back what the main step saved for this message', () => {
      const s = readDeployState(savedRun());
      expect(s?.ttlMinutes).toBe(240);
      expect(s?.created).toEqual({
        'eu-west-1': [
          { kind: 'security group', name: 'spot-deploy-pr-1', id: 'sg-1' },
          { kind: 'launch template', name: 'spot-deploy-pr-1', id: 'lt-1' },
        ],
      });
    });
  });
});

describe('the post step: this run’s SSH rule (ssh-cidr: runner)', () => {
  const mine = {
    region: 'eu-west-1',
    groupId: 'sg-1',
    cidr: '203.0.113.9/32',
    port: 22,
    owner: 'run=42/1',
  };
  const groupWith = (owner: string) => ({
    SecurityGroups: [sshGroup(runnerRuleDescription(owner, new Date('2026-12-02T12:00:00Z')))],
  });

  it.each([
    ['on-failure, succeeded', { [STATE.cleanup]: 'on-failure', [STATE.succeeded]: 'true' }],
    ['never, failed', { [STATE.cleanup]: 'never' }],
    ['always', { [STATE.cleanup]: 'always' }],
    ['on-failure, killed', { [STATE.cleanup]: 'on-failure' }],
  ])('revokes it first, whatever the policy (%s)', async (_name, extra) => {
    const order: string[] = [];
    ec2.on(DescribeSecurityGroupsCommand).resolves(groupWith('run=42/1'));
    ec2.on(RevokeSecurityGroupIngressCommand).callsFake(() => void order.push('revoke'));
    ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
      order.push('terminate');
      return {
        TerminatingInstances: (input.InstanceIds ?? []).map((InstanceId) => ({ InstanceId })),
      };
    });
    const state = deployState(extra);
    recordRunnerRule(state, mine);
    await runPost(state, () => client, sink);
    expect(order[0]).toBe('revoke');
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-1',
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.9/32' }] },
      ],
    });
    expect(readRunnerRules(state)).toEqual([]);
  });

  it('also after a rollback (no deploy state) and leaves a rule another run took over', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves(groupWith('run=43/1'));
    const state = memoryState();
    recordRunnerRule(state, mine);
    await runPost(state, () => client, sink);
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(sink.lines.join('\n')).toContain('taken over by another run');
  });

  it('a failed revoke fails the step naming the rule, after the instances and the lock', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(ec2Error('UnauthorizedOperation', 'no'));
    ec2
      .on(DescribeTagsCommand)
      .resolves({ Tags: [{ Key: 'spot-deploy:lock-holder', Value: 'run 42' }] });
    const state = deployState({
      [STATE.cleanup]: 'on-failure',
      [STATE.lock]: JSON.stringify({ id: 'lt-lock', region: 'eu-west-1', holder: 'run 42' }),
    });
    recordRunnerRule(state, mine);
    const err = await runPost(state, () => client, sink).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(terminated().sort()).toEqual(['i-1', 'i-2', 'i-3']);
    expect(ec2.commandCalls(DeleteLaunchTemplateCommand)).toHaveLength(1);
    expect(err?.message).toContain(
      "eu-west-1: TCP 22 from 203.0.113.9/32 in security group sg-1 (this runner's rule)",
    );
  });

  it('a revoke failed otherwise (not the credentials) also says how to remove the rule', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(ec2Error('RequestLimitExceeded', 'slow down'));
    const state = memoryState();
    recordRunnerRule(state, mine);
    const m = await runPost(state, () => client, sink).then(
      () => '',
      (e: unknown) => (e as Error).message,
    );
    expect(m).toContain("could not remove this runner's SSH rule(s); left open");
    expect(m).toContain(
      'aws ec2 revoke-security-group-ingress --region eu-west-1 --group-id sg-1 --protocol tcp --port 22 --cidr 203.0.113.9/32',
    );
    // The credentials were not refused: no advice to renew them.
    expect(m).not.toContain('with valid credentials');
    expect(readRunnerRules(state)).toEqual([mine]);
  });

  it('refused credentials: the leftovers list the rule and how to revoke it', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(ec2Error('ExpiredToken', 'expired'));
    ec2.on(DescribeInstancesCommand).rejects(ec2Error('ExpiredToken', 'expired'));
    const state = deployState({ [STATE.cleanup]: 'on-failure' });
    recordRunnerRule(state, mine);
    const m = await runPost(state, () => client, sink, fakeClock()).then(
      () => '',
      (e: unknown) => (e as Error).message,
    );
    expect(m).toContain('the AWS credentials were refused (ExpiredToken in eu-west-1)');
    expect(m).toContain('eu-west-1: instances i-1, i-2');
    expect(m).toContain(
      "eu-west-1: TCP 22 from 203.0.113.9/32 in security group sg-1 (this runner's rule)",
    );
    // Kept for a second post step (the CLI's signal path).
    expect(readRunnerRules(state)).toEqual([mine]);

    // With nothing launched (a rollback), the rule alone, and the command that removes it.
    const rb = memoryState();
    recordRunnerRule(rb, mine);
    const m2 = await runPost(rb, () => client, sink).then(
      () => '',
      (e: unknown) => (e as Error).message,
    );
    expect(m2).toContain("could not remove this runner's SSH rule(s)");
    expect(m2).toContain(
      'aws ec2 revoke-security-group-ingress --region eu-west-1 --group-id sg-1 --protocol tcp --port 22 --cidr 203.0.113.9/32',
    );
  });
});
