import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../../src/aws/aws-errors.js';
import { KMS_DOC } from '../../../src/aws/launch-failure.js';
import { DeployFailedError } from '../../../src/errors.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';
import { runPost } from '../../../src/modes/cleanup.js';
import { provision } from '../../../src/modes/deploy/provision.js';
import { runDeploy } from '../../../src/modes/deploy/run.js';
import { memoryState, readDeployState } from '../../../src/modes/state.js';
import type { InstanceResult } from '../../../src/report/results.js';
import {
  KMS_LAUNCH_FAILURE,
  launchedIds,
  QUOTA_MESSAGES,
  signedRegion,
  withDeathReported,
} from '../../helpers/ec2-fault-proxy.js';
import { hasMoto } from '../../helpers/moto.js';
import { motoBehindProxy } from '../../helpers/moto-proxy.js';
import { recordingSink } from '../../helpers/recording-sink.js';
import { repoRoot } from '../../helpers/repo.js';

// Launch faults real EC2 produces and moto never does, made by the EC2 fault proxy in front of
// moto (issue 12 A4, A5): a vCPU or instance quota reached in one region (quotas are per region,
// so the next region is asked), in every region (the step fails with each region's reason and
// nothing runs), and instances that die on launch as with an EBS KMS key EC2 may not use (the
// deploy names the KMS cause and ends with nothing running). Product code talks to the proxy; the
// assertions talk to moto directly.
const REGIONS = ['eu-west-1', 'us-east-1'];
const userKey = generateEd25519('launch-faults-user');

// The stand-in's own reading and rewriting of EC2 Query XML, on answers shaped like moto's.
describe('the fault proxy reads regions and rewrites instance states', () => {
  it('reads the region from the SigV4 credential scope', () => {
    const auth =
      'AWS4-HMAC-SHA256 Credential=AKID/20261202/eu-west-1/ec2/aws4_request, SignedHeaders=host, Signature=ab';
    expect(signedRegion(auth)).toBe('eu-west-1');
    expect(signedRegion(auth.replace('/ec2/', '/sts/'))).toBeUndefined();
    expect(signedRegion(undefined)).toBeUndefined();
  });

  it('names the ids CreateFleet launched and rewrites only those instances', () => {
    const fleet =
      '<CreateFleetResponse><fleetInstanceSet><item><instanceIds><item>i-0a1</item><item>i-0b2</item>' +
      '</instanceIds><lifecycle>spot</lifecycle></item></fleetInstanceSet></CreateFleetResponse>';
    expect(launchedIds('CreateFleet', fleet)).toEqual(['i-0a1', 'i-0b2']);
    const instance = (id: string, reason: string) =>
      '<item><networkInterfaceSet><item><attachment><status>attached</status></attachment>' +
      '<groupSet><item><groupId>sg-1</groupId></item></groupSet></item></networkInterfaceSet>' +
      reason +
      `<instanceId>${id}</instanceId><instanceState><code>16</code><name>running</name></instanceState>` +
      '<tagSet><item><key>k</key><value>v</value></item></tagSet><productCodes/></item>';
    const moto =
      '<DescribeInstancesResponse><reservationSet><item><reservationId>r-1</reservationId><instancesSet>' +
      instance('i-0a1', '') +
      instance('i-0c3', '<stateReason><code>x</code><message>y</message></stateReason>') +
      '</instancesSet></item></reservationSet></DescribeInstancesResponse>';
    const shown = withDeathReported(moto, new Map([['i-0a1', KMS_LAUNCH_FAILURE]]));
    const dead =
      '<instanceId>i-0a1</instanceId><instanceState><code>48</code><name>terminated</name></instanceState>' +
      '<tagSet><item><key>k</key><value>v</value></item></tagSet><productCodes/>' +
      '<stateReason><code>Client.InternalError</code>' +
      '<message>Client.InternalError: Client error on launch</message></stateReason></item>';
    expect(shown).toContain(dead);
    // The other instance, and everything nested, as moto wrote it.
    expect(shown).toContain(
      instance('i-0c3', '<stateReason><code>x</code><message>y</message></stateReason>'),
    );
    expect(shown.replace(dead, '')).toBe(
      moto.replace(
        '<instanceId>i-0a1</instanceId><instanceState><code>16</code><name>running</name></instanceState>' +
          '<tagSet><item><key>k</key><value>v</value></item></tagSet><productCodes/></item>',
        '',
      ),
    );
  });
});

describe.skipIf(!hasMoto)('launch faults against moto: quotas per region, death on launch', () => {
  const stand = motoBehindProxy();
  /** Product clients go through the proxy; the test's own assertions talk to moto directly. */
  const ec2 = (region: string) => stand.ec2(region);

  function inputs(values: Partial<Record<InputName, string>>) {
    const all: Partial<Record<InputName, string>> = {
      regions: REGIONS.join(','),
      count: '2',
      'bundle-path': 'examples/bundle',
      'ssh-address': 'private-ip',
      'ssh-private-key': userKey.privateKey,
      'launch-timeout': '60s',
      ...values,
    };
    return parseInputs((n) => all[n] ?? '', { workspace: repoRoot, defaultRegion: undefined });
  }

  const ctx = () => ({
    tempDir: mkdtempSync(join(tmpdir(), 'launch-faults-')),
    repository: 'octo/app',
    runId: '4242',
    runAttempt: '1',
  });

  /** Every instance moto holds in `region` (any state, any deployment). */
  async function instancesIn(region: string): Promise<Instance[]> {
    const r = await stand.moto.client(region).send(new DescribeInstancesCommand({}));
    return (r.Reservations ?? []).flatMap((x) => x.Instances ?? []);
  }
  const live = (xs: Instance[]) =>
    xs.filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''));

  /** Names of the security groups and launch templates in `region` (moto's default group aside). */
  async function resourcesIn(region: string): Promise<string[]> {
    const c = stand.moto.client(region);
    const groups = (await c.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
    const templates = (await c.send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates ?? [];
    return [
      ...groups.filter((g) => g.GroupName !== 'default').map((g) => `group ${g.GroupName}`),
      ...templates.map((t) => `template ${t.LaunchTemplateName}`),
    ].sort();
  }

  /** The deploy mode's whole step in process, then its post step, on one saved state. */
  async function deployAndPost(values: Partial<Record<InputName, string>>) {
    const sink = recordingSink();
    const state = memoryState();
    const delivered: string[] = [];
    const err = await runDeploy(inputs(values), ctx(), {
      sink,
      state,
      ec2,
      root: repoRoot,
      // Nothing may reach delivery here; a call would be a bug (and there is no sshd).
      deliver: async (targets) => {
        delivered.push(...targets.map((t) => t.id));
        throw new Error('delivery must not be reached');
      },
      lock: { holder: 'launch-faults test' },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const postSink = recordingSink();
    const post = await runPost(state, ec2, postSink, { notFoundTimeoutMs: 5_000 });
    return { err, sink, state, delivered, post, postSink };
  }

  describe('A4: quotas are per region', () => {
    it.each([
      {
        name: 'VcpuLimitExceeded in the first region, spot and on-demand: spot launches in the second',
        code: 'VcpuLimitExceeded' as const,
        noSpotInSecond: false,
        lifecycle: 'spot',
      },
      {
        name: 'InstanceLimitExceeded in the first region and no spot capacity in the second: on-demand launches in the second',
        code: 'InstanceLimitExceeded' as const,
        noSpotInSecond: true,
        lifecycle: 'on-demand',
      },
    ])(
      '$name',
      async ({ code, noSpotInSecond, lifecycle }) => {
        stand.proxy.quota({ 'eu-west-1': code });
        if (noSpotInSecond)
          stand.proxy.capacity((_pool, call) =>
            call.region === 'us-east-1' &&
            call.params.get('TargetCapacitySpecification.DefaultTargetCapacityType') === 'spot'
              ? 'InsufficientInstanceCapacity'
              : undefined,
          );
        const plan = buildPlan(
          inputs({ 'deployment-id': 'quota-one', 'on-demand-fallback': 'true' }),
          ctx(),
          new Date(),
        );
        const sink = recordingSink();
        const res = await provision(
          plan,
          {
            clientPublicKey: userKey.publicKey,
            hostPublicKey: generateEd25519('host').publicKey,
          },
          Buffer.from('#cloud-config\n'),
          { sink, state: memoryState(), ec2 },
        );

        expect(res.shortfall).toBe(0);
        expect(res.running.map((x) => [x.info.region, x.info.lifecycle])).toEqual([
          ['us-east-1', lifecycle],
          ['us-east-1', lifecycle],
        ]);
        // eu-west-1 was asked for spot, and for on-demand when on-demand was needed, and refused.
        const refused = stand.proxy.calls.filter((c) => c.outcome === 'quota');
        expect(refused.every((c) => c.region === 'eu-west-1' && c.action === 'CreateFleet')).toBe(
          true,
        );
        const asked = refused.map((c) =>
          c.params.get('TargetCapacitySpecification.DefaultTargetCapacityType'),
        );
        expect(asked).toEqual(noSpotInSecond ? ['spot', 'on-demand'] : ['spot']);
        expect(res.launchErrors.filter((e) => e.code === code).map((e) => e.region)).toEqual(
          asked.map(() => 'eu-west-1'),
        );
        expect(sink.lines.join('\n')).toContain(`CreateFleet eu-west-1 spot: asked 1, launched 0`);
        // What moto holds agrees: two instances in us-east-1, none in eu-west-1.
        expect(live(await instancesIn('eu-west-1'))).toEqual([]);
        expect(live(await instancesIn('us-east-1'))).toHaveLength(2);
      },
      60_000,
    );

    it('a quota in every region: the step fails with each region and lifecycle, and nothing runs', async () => {
      stand.proxy.quota({ 'eu-west-1': 'VcpuLimitExceeded', 'us-east-1': 'InstanceLimitExceeded' });
      const r = await deployAndPost({ 'deployment-id': 'quota-all', 'on-demand-fallback': 'true' });

      expect(r.err).toBeInstanceOf(AwsError);
      const message = (r.err as Error).message;
      expect(message).toContain('Could not launch 2 instance(s)');
      expect(message).toContain('an EC2 service quota is reached in every region asked');
      for (const [where, code] of [
        ['eu-west-1 spot', 'VcpuLimitExceeded'],
        ['us-east-1 spot', 'InstanceLimitExceeded'],
        ['eu-west-1 on-demand', 'VcpuLimitExceeded'],
        ['us-east-1 on-demand', 'InstanceLimitExceeded'],
      ] as const)
        expect(message).toContain(`${where}: ${code} (${QUOTA_MESSAGES[code]})`);
      expect(stand.proxy.count('CreateFleet', 'quota')).toBe(4);
      expect(stand.proxy.count('CreateFleet', 'forwarded')).toBe(0);
      expect(r.delivered).toEqual([]);

      // Nothing was launched, so nothing is saved and the post step has nothing to terminate.
      expect(readDeployState(r.state)?.launched).toEqual({});
      expect(r.post.terminated).toEqual({});
      expect(r.postSink.lines.join('\n')).toContain('no instance to terminate');
      for (const region of REGIONS) expect(await instancesIn(region)).toEqual([]);
      // The documented failure path: the post step terminates instances only. The deployment's
      // security group and launch template stay in each region (recorded as created, reused by
      // the next deploy, removed by mode: destroy); the deploy lock is released.
      const created = readDeployState(r.state)?.created ?? {};
      for (const region of REGIONS) {
        expect((created[region] ?? []).map((c) => `${c.kind} ${c.name}`).sort()).toEqual([
          'launch template spot-deploy-quota-all',
          'security group spot-deploy-quota-all',
        ]);
        expect(await resourcesIn(region)).toEqual([
          'group spot-deploy-quota-all',
          'template spot-deploy-quota-all',
        ]);
      }
    }, 90_000);
  });

  describe('A5: instances that die on launch (EBS KMS key)', () => {
    it('each is failed at running with the KMS cause, terminated by the step, and the post step finds nothing left', async () => {
      stand.proxy.dieOnLaunch(KMS_LAUNCH_FAILURE);
      const r = await deployAndPost({ 'deployment-id': 'kms', regions: 'eu-west-1' });

      expect(r.err).toBeInstanceOf(DeployFailedError);
      expect((r.err as Error).message).toMatch(/0 of 2 instance\(s\) ready \(min-ready 2\)/);
      expect(stand.proxy.count('CreateFleet', 'died-on-launch')).toBe(1);
      expect(stand.proxy.count('DescribeInstances', 'death-reported')).toBeGreaterThan(0);
      expect(r.delivered).toEqual([]);

      const results = JSON.parse(r.sink.outputs.get('instances') ?? '[]') as InstanceResult[];
      expect(results).toHaveLength(2);
      for (const x of results) {
        expect(x).toMatchObject({ status: 'failed', step: 'running', state: 'terminated' });
        expect(x.error).toContain(
          'instance went terminated while starting (Client.InternalError: Client error on launch)',
        );
        expect(x.error).toContain('the likely cause is the KMS key of the encrypted root volume');
        expect(x.error).toContain(KMS_DOC);
      }
      expect(r.sink.summaryText()).toContain(KMS_DOC);

      // The step itself terminated its failed instances; the post step finds nothing running.
      const ids = results.map((x) => x.id).sort();
      expect(r.sink.lines.join('\n')).toContain(`eu-west-1: terminating 2 failed instance(s)`);
      expect([...(readDeployState(r.state)?.terminated['eu-west-1'] ?? [])].sort()).toEqual(ids);
      expect(r.post.terminated).toEqual({});
      const left = await instancesIn('eu-west-1');
      expect(left.map((i) => i.InstanceId).sort()).toEqual(ids);
      expect(live(left)).toEqual([]);
    }, 90_000);
  });
});
