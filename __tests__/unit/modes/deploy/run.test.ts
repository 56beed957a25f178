import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFleetCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeLaunchTemplatesCommand,
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  DeleteLaunchTemplateCommand,
  DescribeTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSpotPriceHistoryCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  TerminateInstancesCommand,
  type CreateFleetCommandInput,
  type DescribeInstancesCommandInput,
  type Filter,
  type Instance,
  type TerminateInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TAG } from '../../../../src/aws/types.js';
import { DeployFailedError, InputError } from '../../../../src/errors.js';
import { echo } from '../../../helpers/fake-fetch.js';
import { parseInputs } from '../../../../src/inputs/parse.js';
import type { InputName } from '../../../../src/inputs/types.js';
import { generateEd25519 } from '../../../../src/keys.js';
import { keyFingerprint } from '../../../../src/modes/deploy/adopt.js';
import { runDeploy } from '../../../../src/modes/deploy/run.js';
import {
  memoryState,
  readDeployState,
  STATE,
  type DeployState,
} from '../../../../src/modes/state.js';
import type { OutputName, Sink } from '../../../../src/report/sink.js';
import type {
  DeliverManyOptions,
  InstanceDelivery,
  Target,
} from '../../../../src/ssh/deliver-many.js';
import { ec2Error, inst, reservations, tagsOf } from '../../../helpers/instances-fixtures.js';
import { repoRoot } from '../../../helpers/repo.js';

// runDeploy in-process: EC2 is a small in-memory world behind aws-sdk-client-mock, SSH delivery a
// fake that records what it was asked. No network, no child process, no real sleep.

const R = 'eu-west-1';
const DEPLOYMENT = 'pr-7';
const userKey = generateEd25519('user');
const otherKey = generateEd25519('other');
const ec2 = mockClient(EC2Client);
const HOLDER = 'unit test holder';

/** The run's progress, outputs and summaries, kept for assertions. */
function recordingSink() {
  const lines: string[] = [];
  const warnings: string[] = [];
  const outputs = new Map<OutputName, string>();
  const summaries: string[] = [];
  const sink: Sink = {
    info: (m) => void lines.push(m),
    warning: (m) => void warnings.push(m),
    setOutput: (n, v) => void outputs.set(n, v),
    setSecret: () => undefined,
    summary: async (md) => void summaries.push(md),
  };
  return { sink, lines, warnings, outputs, summaries };
}

/** EC2's instances in one region: DescribeInstances, CreateFleet and TerminateInstances act on it. */
function ec2World(existing: Instance[]) {
  const all = new Map(existing.map((i) => [i.InstanceId ?? '', i]));
  let launched = 0;
  const tagOf = (i: Instance, k: string) => i.Tags?.find((t) => t.Key === k)?.Value;
  const matches = (i: Instance, f: Filter) => {
    const values = f.Values ?? [];
    if (f.Name === 'instance-state-name') return values.includes(i.State?.Name ?? '');
    if (f.Name?.startsWith('tag:')) return values.includes(tagOf(i, f.Name.slice(4)) ?? '');
    throw new Error(`the fake EC2 does not know filter ${f.Name}`);
  };
  ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
    if (input.InstanceIds) {
      const unknown = input.InstanceIds.filter((id) => !all.has(id));
      if (unknown.length > 0)
        throw ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${unknown.join(', ')}'`);
      return reservations(...input.InstanceIds.map((id) => all.get(id) as Instance));
    }
    const filters = input.Filters ?? [];
    return reservations(...[...all.values()].filter((i) => filters.every((f) => matches(i, f))));
  });
  ec2.on(CreateFleetCommand).callsFake((input: CreateFleetCommandInput) => {
    const n = input.TargetCapacitySpecification?.TotalTargetCapacity ?? 0;
    const tags = input.TagSpecifications?.find((t) => t.ResourceType === 'instance')?.Tags ?? [];
    const ids = Array.from({ length: n }, () => `i-f00${++launched}`);
    ids.forEach((id, k) =>
      all.set(
        id,
        inst(id, 'running', {
          InstanceType: 't3.small',
          InstanceLifecycle: 'spot',
          Placement: { AvailabilityZone: 'eu-west-1a' },
          PublicIpAddress: `203.0.113.${launched - n + k + 1}`,
          LaunchTime: new Date('2026-12-01T12:00:00Z'),
          Tags: tags,
        }),
      ),
    );
    return {
      Instances: [
        {
          InstanceIds: ids,
          InstanceType: 't3.small',
          Lifecycle: 'spot',
          LaunchTemplateAndOverrides: {
            Overrides: { InstanceType: 't3.small', SubnetId: 'subnet-a' },
          },
        },
      ],
    };
  });
  ec2.on(TerminateInstancesCommand).callsFake((input: TerminateInstancesCommandInput) => ({
    TerminatingInstances: (input.InstanceIds ?? []).map((id) => {
      const i = all.get(id);
      const previous = i?.State?.Name ?? 'running';
      if (i) all.set(id, { ...i, State: { Name: 'shutting-down' } });
      return {
        InstanceId: id,
        PreviousState: { Name: previous },
        CurrentState: { Name: 'shutting-down' },
      };
    }),
  }));
  return all;
}

/** An instance an earlier run of the deployment launched, with the tags that run gave it. */
function earlier(id: string, launchedAt: string, o: { clientKey?: string; hostKey?: string } = {}) {
  const hostKey = o.hostKey ?? generateEd25519(id).publicKey.split(' ').slice(0, 2).join(' ');
  const instance = inst(id, 'running', {
    InstanceType: 't3.small',
    InstanceLifecycle: 'spot',
    Placement: { AvailabilityZone: 'eu-west-1b' },
    PublicIpAddress: `198.51.100.${id.slice(-1)}`,
    LaunchTime: new Date(launchedAt),
    Tags: [
      { Key: TAG.deployment, Value: DEPLOYMENT },
      { Key: TAG.hostKey, Value: hostKey },
      { Key: TAG.clientKey, Value: o.clientKey ?? keyFingerprint(userKey.publicKey) },
    ],
  });
  return { instance, hostKey };
}

/** Region preparation answered as for a default VPC with no group and no template yet. */
function regionAnswers() {
  ec2.on(DescribeImagesCommand).resolves({
    Images: [
      {
        ImageId: 'ami-0123456789abcdef0',
        Name: 'ubuntu',
        Architecture: 'x86_64',
        RootDeviceName: '/dev/sda1',
        RootDeviceType: 'ebs',
        State: 'available',
        CreationDate: '2026-01-01T00:00:00.000Z',
      },
    ],
  });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-d' }] });
  ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      {
        SubnetId: 'subnet-a',
        VpcId: 'vpc-d',
        AvailabilityZone: 'eu-west-1a',
        MapPublicIpOnLaunch: true,
      },
      {
        SubnetId: 'subnet-b',
        VpcId: 'vpc-d',
        AvailabilityZone: 'eu-west-1b',
        MapPublicIpOnLaunch: true,
      },
    ],
  });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [] });
  ec2.on(CreateTagsCommand).resolves({});
  ec2.on(DeleteTagsCommand).resolves({});
  ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-new' });
  ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
  ec2.on(CreateLaunchTemplateCommand).resolves({
    LaunchTemplate: { LaunchTemplateId: 'lt-1', LatestVersionNumber: 1 },
  });
  // The deploy lock: free, taken, and read back as this run's when released.
  ec2
    .on(CreateLaunchTemplateCommand, { LaunchTemplateName: `spot-deploy-${DEPLOYMENT}.lock` })
    .resolves({ LaunchTemplate: { LaunchTemplateId: 'lt-lock' } });
  ec2.on(DescribeTagsCommand).resolves({
    Tags: [{ Key: TAG.lockHolder, Value: HOLDER }],
  });
  ec2.on(DeleteLaunchTemplateCommand).resolves({});
  ec2.on(DescribeSpotPriceHistoryCommand).resolves({
    SpotPriceHistory: [
      { InstanceType: 't3.small', AvailabilityZone: 'eu-west-1a', SpotPrice: '0.0071' },
      { InstanceType: 't3.small', AvailabilityZone: 'eu-west-1b', SpotPrice: '0.0068' },
    ],
  });
}

interface DeliveryCall {
  readonly targets: readonly Target[];
  readonly opts: DeliverManyOptions;
  /** The saved state when delivery began. */
  readonly state: DeployState | undefined;
  /** Ticks of one counter shared by all calls: when the call began and when it returned. */
  readonly began: number;
  ended: number;
}

/** RUNNER_TEMP of one run (user-data and bundle land there), removed after each test. */
const tempDirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'run-test-'));
  tempDirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts runDeploy; the caller awaits `run` (synchronous so no rejection goes unobserved). */
function deploy(
  values: Partial<Record<InputName, string>>,
  o: {
    failing?: readonly string[];
    /** The step the failing instances fail at (default setup). */
    failStep?: 'setup' | 'connect' | 'health-check';
    withoutKey?: boolean;
    now?: () => Date;
  } = {},
) {
  const all: Partial<Record<InputName, string>> = {
    regions: R,
    'deployment-id': DEPLOYMENT,
    'instance-types': 't3.small',
    'bundle-path': 'examples/bundle',
    ...(o.withoutKey ? {} : { 'ssh-private-key': userKey.privateKey }),
    ...values,
  };
  const inputs = parseInputs((n) => all[n] ?? '', {
    workspace: repoRoot,
    defaultRegion: undefined,
  });
  const state = memoryState();
  const rec = recordingSink();
  const deliveries: DeliveryCall[] = [];
  const failing = new Set(o.failing ?? []);
  const clients = new Map<string, EC2Client>();
  let tick = 0;
  const run = runDeploy(
    inputs,
    { tempDir: tempDir(), runId: '42' },
    {
      sink: rec.sink,
      state,
      root: repoRoot,
      ec2: (region) => {
        const c = clients.get(region) ?? new EC2Client({ region });
        clients.set(region, c);
        return c;
      },
      sleep: async () => undefined,
      ...(o.now ? { now: o.now } : {}),
      // ssh-cidr's default, runner: the IP-echo answer without a socket.
      fetch: echo('203.0.113.9'),
      // No heartbeat fires: the run ends first (the heartbeat has its own tests).
      lock: {
        holder: HOLDER,
        wait: (_ms, signal) =>
          new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true })),
      },
      deliver: async (targets, opts) => {
        // Only the Target fields: run.ts passes its own bookkeeping (`index`) along, which ssh ignores.
        const seen = targets.map(({ id, host, port, hostKey }): Target => ({
          id,
          host,
          port,
          ...(hostKey ? { hostKey } : {}),
        }));
        const call = {
          targets: seen,
          opts,
          state: readDeployState(state),
          began: ++tick,
          ended: 0,
        };
        deliveries.push(call);
        // A real delivery takes time: a later batch must not begin before this one returns.
        await new Promise((r) => setTimeout(r, 2));
        call.ended = ++tick;
        const step = o.failStep ?? 'setup';
        return targets.map((t): InstanceDelivery =>
          failing.has(t.id)
            ? {
                ...{ id: t.id, host: t.host, port: t.port, status: 'failed', step },
                ...{
                  error: `${step === 'setup' ? 'setup.sh exited 1' : `${step} failed`} on ${t.id}`,
                  timings: { totalMs: 5 },
                },
              }
            : { id: t.id, host: t.host, port: t.port, status: 'ready', timings: { totalMs: 5 } },
        );
      },
    },
  );
  return { run, state, rec, deliveries };
}

const fleetCalls = () => ec2.commandCalls(CreateFleetCommand).map((c) => c.args[0].input);
const terminated = () =>
  ec2.commandCalls(TerminateInstancesCommand).map((c) => c.args[0].input.InstanceIds);
const onlyDelivery = (ds: DeliveryCall[]): DeliveryCall => {
  expect(ds).toHaveLength(1);
  return ds[0] as DeliveryCall;
};
const instancesOutput = (outputs: Map<OutputName, string>) =>
  JSON.parse(outputs.get('instances') ?? 'null') as Array<{
    id: string;
    status: string;
    adopted: boolean;
    spotPrice?: string;
  }>;

beforeEach(() => {
  ec2.reset();
  regionAnswers();
});

describe('runDeploy', () => {
  it('holds the deploy lock from before the first launch until after delivery, then releases it', async () => {
    ec2World([]);
    const { run, state, rec, deliveries } = deploy({ count: '1' });
    await run;
    const names = ec2
      .calls()
      .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    const lockAt = names.indexOf('CreateLaunchTemplateCommand');
    const lockInput = ec2.commandCalls(CreateLaunchTemplateCommand)[0]?.args[0].input;
    expect(lockInput?.LaunchTemplateName).toBe(`spot-deploy-${DEPLOYMENT}.lock`);
    expect(lockAt).toBeGreaterThanOrEqual(0);
    expect(lockAt).toBeLessThan(names.indexOf('CreateFleetCommand'));
    expect(names.lastIndexOf('DeleteLaunchTemplateCommand')).toBe(names.length - 1);
    expect(ec2.commandCalls(DeleteLaunchTemplateCommand)[0]?.args[0].input).toEqual({
      LaunchTemplateId: 'lt-lock',
    });
    expect(deliveries).toHaveLength(1);
    expect(rec.lines.some((l) => l.includes('deploy lock released'))).toBe(true);
    expect(state.get('lock')).toBe('');
  });

  it('keeps the deploy lock for the post step when the deploy fails (it terminates first)', async () => {
    ec2World([]);
    const { run, state } = deploy({ count: '1' }, { failing: ['i-f001'] });
    await expect(run).rejects.toThrow(DeployFailedError);
    expect(ec2.commandCalls(DeleteLaunchTemplateCommand)).toEqual([]);
    expect(JSON.parse(state.get('lock'))).toEqual({ id: 'lt-lock', region: R, holder: HOLDER });
  });

  it('ssh-cidr runner (default): allows the looked-up /32 on the new group and saves it before the launch', async () => {
    ec2World([]);
    const { run, state, rec } = deploy({});
    const fleetBefore = fleetCalls().length;
    await run;
    const auth = ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input);
    // No static rule: the only rule is this run's.
    expect(auth).toHaveLength(1);
    expect(auth[0]?.GroupId).toBe('sg-new');
    expect(auth[0]?.IpPermissions?.[0]?.IpRanges?.[0]?.CidrIp).toBe('203.0.113.9/32');
    expect(auth[0]?.IpPermissions?.[0]?.IpRanges?.[0]?.Description).toMatch(
      /^spot-deploy runner run=42\/1 at=/,
    );
    expect(fleetCalls().length - fleetBefore).toBe(1);
    const calls = ec2.calls().map((c) => c.args[0].constructor.name);
    expect(calls.indexOf('AuthorizeSecurityGroupIngressCommand')).toBeLessThan(
      calls.indexOf('CreateFleetCommand'),
    );
    expect(JSON.parse(state.get(STATE.runnerRules))).toEqual([
      { region: R, groupId: 'sg-new', cidr: '203.0.113.9/32', port: 22, owner: 'run=42/1' },
    ]);
    expect(rec.warnings.join('\n')).not.toContain('whole internet');
  });

  it('ssh-cidr 0.0.0.0/0 written out: a warning in the log and the summary, and no lookup', async () => {
    ec2World([]);
    const { run, rec } = deploy({ 'ssh-cidr': '0.0.0.0/0' });
    await run;
    expect(rec.warnings.join('\n')).toContain('ssh-cidr 0.0.0.0/0 opens TCP 22 of every instance');
    expect(rec.summaries.join('\n')).toContain('> [!WARNING]\n> ssh-cidr 0.0.0.0/0 opens TCP 22');
    expect(rec.lines.join('\n')).not.toContain("this runner's address");
  });

  it('launches the missing instances with one CreateFleet, saves their ids before delivery and pins its own host key', async () => {
    ec2World([]);
    const { run, state, rec, deliveries } = deploy({ count: '2' });
    const res = await run;

    const [fleet, ...more] = fleetCalls();
    expect(more).toEqual([]);
    expect(fleet?.TargetCapacitySpecification).toEqual({
      TotalTargetCapacity: 2,
      DefaultTargetCapacityType: 'spot',
    });
    expect(fleet?.LaunchTemplateConfigs?.[0]?.LaunchTemplateSpecification).toEqual({
      LaunchTemplateId: 'lt-1',
      Version: '1',
    });
    expect(fleet?.LaunchTemplateConfigs?.[0]?.Overrides).toEqual([
      { InstanceType: 't3.small', SubnetId: 'subnet-a' },
      { InstanceType: 't3.small', SubnetId: 'subnet-b' },
    ]);
    const tags = tagsOf(fleet?.TagSpecifications?.[0]?.Tags);
    expect(tags[TAG.deployment]).toBe(DEPLOYMENT);
    expect(tags[TAG.clientKey]).toBe(keyFingerprint(userKey.publicKey));

    const d = onlyDelivery(deliveries);
    const runHostKey = d.opts.hostKey.split(' ').slice(0, 2).join(' ');
    // The host key the instances were tagged with is the one delivery pins.
    expect(tags[TAG.hostKey]).toBe(runHostKey);
    expect(d.targets).toEqual([
      { id: 'i-f001', host: '203.0.113.1', port: 22, hostKey: d.opts.hostKey },
      { id: 'i-f002', host: '203.0.113.2', port: 22, hostKey: d.opts.hostKey },
    ]);
    expect(d.opts.privateKey).toBe(userKey.privateKey.trim()); // inputs are trimmed
    // Saved for the post step before the first SSH connection, not after.
    expect(d.state?.launched).toEqual({ [R]: ['i-f001', 'i-f002'] });
    expect(d.state?.succeeded).toBe(false);

    expect(terminated()).toEqual([]);
    expect(rec.outputs.get('ready-count')).toBe('2');
    expect(rec.outputs.get('failed-count')).toBe('0');
    expect(rec.outputs.get('public-ips')).toBe('203.0.113.1,203.0.113.2');
    expect(rec.outputs.get('deployment-id')).toBe(DEPLOYMENT);
    expect(instancesOutput(rec.outputs)).toMatchObject([
      { id: 'i-f001', status: 'ready', adopted: false, spotPrice: '0.0071' },
      { id: 'i-f002', status: 'ready', adopted: false, spotPrice: '0.0071' },
    ]);
    expect(rec.summaries).toHaveLength(1);
    expect(rec.summaries[0]).toContain('i-f001');
    expect(res.instances.map((r) => r.status)).toEqual(['ready', 'ready']);
    expect(readDeployState(state)).toMatchObject({
      deploymentId: DEPLOYMENT,
      regions: [R],
      cleanup: 'on-failure',
      runId: '42',
      launched: { [R]: ['i-f001', 'i-f002'] },
      succeeded: true,
    });
  });

  it('tags launched instances with their release (bundle sha256) and the deployment size, for mode reconcile', async () => {
    ec2World([]);
    const { run } = deploy({ count: '2' });
    const res = await run;
    const tags = tagsOf(fleetCalls()[0]?.TagSpecifications?.[0]?.Tags);
    expect(tags[TAG.bundleSha256]).toBe(res.prepared.bundle.sha256);
    expect(tags[TAG.count]).toBe('2');
    // No artifact outside Actions (no publisher): nothing names one.
    expect(tags[TAG.bundleRun]).toBeUndefined();
    expect(tags[TAG.bundleArtifact]).toBeUndefined();
  });

  it('moves the release tags onto the adopted instances that became ready, never onto failed ones', async () => {
    const a = earlier('i-aaa1', '2026-11-01T00:00:00Z');
    const b = earlier('i-aaa2', '2026-11-02T00:00:00Z');
    ec2World([a.instance, b.instance]);
    const { run } = deploy({ count: '2', 'min-ready': '1' }, { failing: ['i-aaa2'] });
    const res = await run;
    const release = ec2
      .commandCalls(CreateTagsCommand)
      .map((c) => c.args[0].input)
      .filter((c) => c.Tags?.some((t) => t.Key === TAG.bundleSha256));
    expect(release).toEqual([
      {
        Resources: ['i-aaa1'],
        Tags: [
          { Key: TAG.bundleSha256, Value: res.prepared.bundle.sha256 },
          { Key: TAG.bundleRun, Value: '' },
          { Key: TAG.bundleArtifact, Value: '' },
          { Key: TAG.count, Value: '2' },
        ],
      },
    ]);
  });

  it('adopts the running instances: no region preparation, no CreateFleet, each pinned to its own host-key tag', async () => {
    const a = earlier('i-aaa1', '2026-11-01T00:00:00Z');
    const b = earlier('i-aaa2', '2026-11-02T00:00:00Z');
    ec2World([a.instance, b.instance]);
    const { run, state, rec, deliveries } = deploy({ count: '2' });
    const res = await run;

    expect(fleetCalls()).toEqual([]);
    expect(ec2.commandCalls(DescribeImagesCommand)).toEqual([]);
    // The only launch template created is the deploy lock, not the deployment's template.
    expect(
      ec2.commandCalls(CreateLaunchTemplateCommand).map((c) => c.args[0].input.LaunchTemplateName),
    ).toEqual([`spot-deploy-${DEPLOYMENT}.lock`]);
    const d = onlyDelivery(deliveries);
    expect(d.targets).toEqual([
      { id: 'i-aaa1', host: '198.51.100.1', port: 22, hostKey: a.hostKey },
      { id: 'i-aaa2', host: '198.51.100.2', port: 22, hostKey: b.hostKey },
    ]);
    expect(a.hostKey).not.toBe(b.hostKey);
    expect(d.opts.hostKey).not.toContain(a.hostKey);
    expect(res.instances.map((r) => [r.id, r.status, r.adopted])).toEqual([
      ['i-aaa1', 'ready', true],
      ['i-aaa2', 'ready', true],
    ]);
    expect(instancesOutput(rec.outputs).map((r) => r.adopted)).toEqual([true, true]);
    expect(terminated()).toEqual([]);
    expect(readDeployState(state)).toMatchObject({ launched: {}, succeeded: true });
  });

  it('trims a fleet larger than count: the oldest is kept and delivered, the rest terminated', async () => {
    // Listed out of age order, so that the choice cannot come from EC2's order.
    const mid = earlier('i-aaa2', '2026-11-02T00:00:00Z');
    const oldest = earlier('i-aaa3', '2026-11-01T00:00:00Z');
    const newest = earlier('i-aaa1', '2026-11-03T00:00:00Z');
    ec2World([mid.instance, oldest.instance, newest.instance]);
    const { run, state, rec, deliveries } = deploy({ count: '1' });
    await run;

    expect(terminated()).toEqual([['i-aaa2', 'i-aaa1']]);
    expect(fleetCalls()).toEqual([]);
    expect(onlyDelivery(deliveries).targets).toEqual([
      { id: 'i-aaa3', host: '198.51.100.3', port: 22, hostKey: oldest.hostKey },
    ]);
    expect(rec.outputs.get('ready-count')).toBe('1');
    expect(rec.lines.some((l) => l.includes('terminating 2 instance(s) beyond count 1'))).toBe(
      true,
    );
    expect(readDeployState(state)?.succeeded).toBe(true);
  });

  it('adopts what runs and launches the rest: count 3 with 1 running asks CreateFleet for 2', async () => {
    const a = earlier('i-aaa1', '2026-11-01T00:00:00Z');
    ec2World([a.instance]);
    const { run, state, rec, deliveries } = deploy({ count: '3' });
    const res = await run;

    expect(fleetCalls().map((f) => f.TargetCapacitySpecification?.TotalTargetCapacity)).toEqual([
      2,
    ]);
    const d = onlyDelivery(deliveries);
    expect(d.targets).toEqual([
      { id: 'i-aaa1', host: '198.51.100.1', port: 22, hostKey: a.hostKey },
      { id: 'i-f001', host: '203.0.113.1', port: 22, hostKey: d.opts.hostKey },
      { id: 'i-f002', host: '203.0.113.2', port: 22, hostKey: d.opts.hostKey },
    ]);
    expect(res.instances.map((r) => [r.id, r.adopted])).toEqual([
      ['i-aaa1', true],
      ['i-f001', false],
      ['i-f002', false],
    ]);
    // Only what this run launched is the post step's to clean up.
    expect(readDeployState(state)?.launched).toEqual({ [R]: ['i-f001', 'i-f002'] });
    expect(rec.outputs.get('ready-count')).toBe('3');
  });

  describe('min-ready', () => {
    it('one failure of three with min-ready 2 succeeds and terminates the failed new instance', async () => {
      ec2World([]);
      const { run, state, rec } = deploy({ count: '3', 'min-ready': '2' }, { failing: ['i-f002'] });
      const res = await run;

      expect(terminated()).toEqual([['i-f002']]);
      expect(rec.outputs.get('ready-count')).toBe('2');
      expect(rec.outputs.get('failed-count')).toBe('1');
      expect(rec.outputs.get('public-ips')).toBe('203.0.113.1,203.0.113.3');
      expect(res.instances.find((r) => r.id === 'i-f002')).toMatchObject({
        status: 'failed',
        step: 'setup',
        error: expect.stringContaining('setup.sh exited 1 on i-f002') as unknown,
      });
      expect(readDeployState(state)).toMatchObject({
        terminated: { [R]: ['i-f002'] },
        succeeded: true,
      });
    });

    it('two failures of three with min-ready 2 reject with DeployFailedError naming both; not marked succeeded', async () => {
      ec2World([]);
      const { run, state, rec } = deploy(
        { count: '3', 'min-ready': '2' },
        { failing: ['i-f001', 'i-f003'] },
      );
      const err = await run.then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(err).toBeInstanceOf(DeployFailedError);
      const msg = (err as Error).message;
      expect(msg).toContain('1 of 3 instance(s) ready (min-ready 2)');
      expect(msg).toContain('i-f001 (eu-west-1) failed at setup');
      expect(msg).toContain('i-f003 (eu-west-1) failed at setup');
      expect(msg).not.toContain('i-f002');
      expect(terminated()).toEqual([['i-f001', 'i-f003']]);
      // The outputs and the summary still tell what happened.
      expect(rec.outputs.get('failed-count')).toBe('2');
      expect(rec.summaries).toHaveLength(1);
      expect(readDeployState(state)?.succeeded).toBe(false);
    });
  });

  describe('retiring failed instances', () => {
    it('terminates only the failed instances this run launched, never a failed adopted one', async () => {
      ec2World([earlier('i-aaa1', '2026-11-01T00:00:00Z').instance]);
      const { run, rec } = deploy(
        { count: '2', 'min-ready': '0' },
        { failing: ['i-aaa1', 'i-f001'] },
      );
      await run;

      expect(terminated()).toEqual([['i-f001']]);
      expect(rec.outputs.get('failed-count')).toBe('2');
    });

    it('with cleanup: never terminates nothing, not even a failed new instance', async () => {
      ec2World([earlier('i-aaa1', '2026-11-01T00:00:00Z').instance]);
      const { run, state, rec } = deploy(
        { count: '2', 'min-ready': '0', cleanup: 'never' },
        { failing: ['i-aaa1', 'i-f001'] },
      );
      await run;

      expect(fleetCalls()).toHaveLength(1);
      expect(terminated()).toEqual([]);
      expect(rec.outputs.get('failed-count')).toBe('2');
      expect(readDeployState(state)).toMatchObject({ cleanup: 'never', terminated: {} });
    });
  });

  describe('refusing instances this run cannot reach', () => {
    it('rejects when they authorise another client key, before any launch or termination', async () => {
      const theirs = keyFingerprint(otherKey.publicKey);
      ec2World([
        earlier('i-aaa1', '2026-11-01T00:00:00Z', { clientKey: theirs }).instance,
        earlier('i-aaa2', '2026-11-02T00:00:00Z', { clientKey: theirs }).instance,
      ]);
      // count 1 would otherwise terminate one of them: the refusal must come first.
      const { run, state, deliveries } = deploy({ count: '1' });
      const err = await run.then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).input).toBe('ssh-private-key');
      const msg = (err as Error).message;
      expect(msg).toContain(`authorise key ${theirs} (i-aaa1, i-aaa2)`);
      expect(msg).toContain(`this key is ${keyFingerprint(userKey.publicKey)}`);
      expect(fleetCalls()).toEqual([]);
      expect(terminated()).toEqual([]);
      expect(deliveries).toEqual([]);
      expect(readDeployState(state)?.succeeded).toBe(false);
    });

    it('rejects without ssh-private-key when the deployment already runs instances', async () => {
      ec2World([earlier('i-aaa1', '2026-11-01T00:00:00Z').instance]);
      const { run, deliveries } = deploy({ count: '2' }, { withoutKey: true });
      await expect(run).rejects.toThrow(/Input 'ssh-private-key'.*pr-7.*i-aaa1 \(eu-west-1\)/s);
      expect(fleetCalls()).toEqual([]);
      expect(terminated()).toEqual([]);
      expect(deliveries).toEqual([]);
    });
  });
});

/** Four instances an earlier run launched, oldest first. */
function fourAdopted() {
  const xs = [1, 2, 3, 4].map((n) => earlier(`i-aaa${n}`, `2026-11-0${n}T00:00:00Z`));
  ec2World(xs.map((x) => x.instance));
  return xs;
}

describe('runDeploy: rolling redeploys', () => {
  it('batch-size 1, max-failed 0, the first fails: exactly one instance attempted, three untouched, the step names batch 1', async () => {
    fourAdopted();
    const { run, state, rec, deliveries } = deploy(
      { count: '4', 'batch-size': '1', 'max-failed': '0', 'min-ready': '0' },
      { failing: ['i-aaa1'], failStep: 'health-check' },
    );
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );

    // One deliverer call, with one target: the other three were never contacted.
    expect(deliveries.map((d) => d.targets.map((t) => t.id))).toEqual([['i-aaa1']]);
    expect(err).toBeInstanceOf(DeployFailedError);
    const msg = (err as Error).message;
    expect(msg).toContain('rolling redeploy stopped at batch 1 of 4');
    expect(msg).toContain('more than max-failed 0: i-aaa1');
    expect(msg).toContain('keep their release: i-aaa2, i-aaa3, i-aaa4');
    // min-ready 0 is met: the stop alone fails the step.
    expect(msg).not.toContain('min-ready 0):');

    const out = JSON.parse(rec.outputs.get('instances') ?? '[]') as Array<{
      id: string;
      status: string;
      step?: string;
      batch?: { number: number; startedAt?: string; finishedAt?: string };
    }>;
    expect(out.map((r) => [r.id, r.status, r.batch?.number])).toEqual([
      ['i-aaa1', 'failed', 1],
      ['i-aaa2', 'skipped', 2],
      ['i-aaa3', 'skipped', 3],
      ['i-aaa4', 'skipped', 4],
    ]);
    expect(out[0]?.step).toBe('health-check');
    expect(out[0]?.batch?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(out[1]?.batch).toEqual({ number: 2 }); // never started: no times
    // Skipped instances are not failures of the release.
    expect(rec.outputs.get('failed-count')).toBe('1');
    expect(rec.outputs.get('ready-count')).toBe('0');
    // Adopted instances are never terminated, failed or skipped.
    expect(terminated()).toEqual([]);
    const summary = rec.summaries[0] ?? '';
    expect(summary).toContain('| batch | instances | started | finished | outcome |');
    expect(summary).toContain('❌ 1 failed, 0 ready; rollout stopped');
    expect(summary).toContain('⏭️ skipped (batch 2)');
    expect(readDeployState(state)?.succeeded).toBe(false);
  });

  it('batch-size 50%: two batches of two; the second delivery begins after the first returned', async () => {
    fourAdopted();
    const { run, rec, deliveries } = deploy({ count: '4', 'batch-size': '50%' });
    const res = await run;

    expect(deliveries.map((d) => d.targets.map((t) => t.id))).toEqual([
      ['i-aaa1', 'i-aaa2'],
      ['i-aaa3', 'i-aaa4'],
    ]);
    const [first, second] = deliveries;
    expect(second?.began).toBeGreaterThan(first?.ended ?? Infinity);
    expect(res.instances.map((r) => [r.status, r.batch?.number])).toEqual([
      ['ready', 1],
      ['ready', 1],
      ['ready', 2],
      ['ready', 2],
    ]);
    const [a, , c] = res.instances;
    expect(Date.parse(c?.batch?.startedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(a?.batch?.finishedAt ?? ''),
    );
    expect(rec.summaries[0]).toContain('**Rolling redeploy**: 2 batches.');
  });

  it('new instances go first, all at once; the adopted ones follow batch by batch', async () => {
    ec2World([
      earlier('i-aaa1', '2026-11-01T00:00:00Z').instance,
      earlier('i-aaa2', '2026-11-02T00:00:00Z').instance,
    ]);
    const { run, deliveries } = deploy({ count: '4', 'batch-size': '1' });
    await run;
    expect(deliveries.map((d) => d.targets.map((t) => t.id))).toEqual([
      ['i-f001', 'i-f002'],
      ['i-aaa1'],
      ['i-aaa2'],
    ]);
  });

  it('without batch-size: one deliverer call, as before, and no batch table', async () => {
    fourAdopted();
    const { run, rec, deliveries } = deploy({ count: '4' }, { failing: ['i-aaa1'] });
    await expect(run).rejects.toThrow(/3 of 4 instance\(s\) ready \(min-ready 4\)/);
    expect(deliveries).toHaveLength(1);
    expect(rec.summaries[0]).not.toContain('| batch |');
    expect(rec.summaries[0]).not.toContain('skipped');
  });
});

describe('runDeploy: the TTL follows activity', () => {
  const NOW = new Date('2026-12-01T12:00:00Z');
  const tagged = [
    { Key: TAG.deployment, Value: DEPLOYMENT },
    { Key: TAG.managed, Value: 'true' },
    { Key: TAG.expiresAt, Value: '2026-12-01T10:00:00Z' },
  ];
  const managed = () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: 'sg-m', GroupName: `spot-deploy-${DEPLOYMENT}`, Tags: tagged }],
    });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({
      LaunchTemplates: [
        { LaunchTemplateId: 'lt-m', LaunchTemplateName: `spot-deploy-${DEPLOYMENT}`, Tags: tagged },
      ],
    });
  };
  // The expiry's CreateTags calls (the release tags have their own tests above).
  const createTags = () =>
    ec2
      .commandCalls(CreateTagsCommand)
      .map((c) => c.args[0].input)
      .filter((c) => c.Tags?.some((t) => t.Key === TAG.expiresAt));

  it('sends ttl-minutes and an always-present env file with every delivery', async () => {
    fourAdopted();
    const { run, deliveries } = deploy({ count: '4', 'ttl-minutes': '90', 'batch-size': '2' });
    await run;
    for (const d of deliveries) {
      expect(d.opts.ttlMinutes).toBe(90);
      expect(d.opts.envFile).toBe(''); // no env: the instance's file is emptied, not kept
    }
  });

  it('moves expires-at to deploy time + ttl-minutes on the reached instances, the group and the template', async () => {
    managed();
    fourAdopted();
    const { run, rec } = deploy(
      { count: '4', 'ttl-minutes': '120', 'min-ready': '0' },
      // i-aaa2 was never reached: its shutdown was not re-armed, so its tag must not move.
      { failing: ['i-aaa2'], failStep: 'connect', now: () => NOW },
    );
    await run;
    expect(createTags().filter((c) => c.Tags?.[0]?.Key === TAG.expiresAt)).toEqual([
      {
        Resources: ['i-aaa1', 'i-aaa3', 'i-aaa4', 'sg-m', 'lt-m'],
        Tags: [{ Key: TAG.expiresAt, Value: '2026-12-01T14:00:00Z' }],
      },
    ]);
    expect(rec.warnings).toEqual([]);
  });

  it('counts an instance that failed after the ttl write as re-armed, and leaves skipped ones alone', async () => {
    managed();
    fourAdopted();
    const { run } = deploy(
      { count: '4', 'ttl-minutes': '60', 'batch-size': '2', 'min-ready': '0' },
      { failing: ['i-aaa2'], failStep: 'health-check', now: () => NOW },
    );
    await expect(run).rejects.toThrow(/stopped at batch 1 of 2/);
    expect(createTags().map((c) => c.Resources)).toEqual([['i-aaa1', 'i-aaa2', 'sg-m', 'lt-m']]);
  });

  it('ttl-minutes 0 removes the tag (the janitor never expires what has none)', async () => {
    managed();
    fourAdopted();
    const { run } = deploy({ count: '4', 'ttl-minutes': '0' }, { now: () => NOW });
    await run;
    expect(createTags()).toEqual([]);
    expect(ec2.commandCalls(DeleteTagsCommand).map((c) => c.args[0].input)).toEqual([
      {
        Resources: ['i-aaa1', 'i-aaa2', 'i-aaa3', 'i-aaa4', 'sg-m', 'lt-m'],
        Tags: [{ Key: TAG.expiresAt }],
      },
    ]);
  });

  it('a refused tag call is a warning naming the IAM action; the deploy still succeeds', async () => {
    managed();
    fourAdopted();
    ec2.on(CreateTagsCommand).rejects(ec2Error('UnauthorizedOperation', 'not allowed'));
    const { run, rec, state } = deploy({ count: '4' }, { now: () => NOW });
    await run;
    expect(rec.warnings.join('\n')).toMatch(/Could not move the expiry of i-aaa1.*CreateTags/s);
    expect(readDeployState(state)?.succeeded).toBe(true);
  });
});
