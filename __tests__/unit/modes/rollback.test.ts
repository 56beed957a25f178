import {
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type DescribeInstancesCommandInput,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TAG } from '../../../src/aws/types.js';
import { DeployFailedError, InputError } from '../../../src/errors.js';
import { echo } from '../../helpers/fake-fetch.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';
import { keyFingerprint } from '../../../src/modes/deploy/adopt.js';
import type { Publisher } from '../../../src/modes/publisher.js';
import { runRollback } from '../../../src/modes/rollback.js';
import type { InstanceResult } from '../../../src/report/results.js';
import type { Target } from '../../../src/ssh/deliver-many.js';
import type { InstanceRollback, RollbackManyOptions } from '../../../src/ssh/rollback.js';
import { ec2Error, inst, reservations } from '../../helpers/instances-fixtures.js';
import { recordingSink } from '../../helpers/recording-sink.js';

// runRollback in-process: EC2 behind aws-sdk-client-mock, the per-instance SSH rollback a fake
// that records what it was asked. No network, no child process.

const R = 'eu-west-1';
const DEPLOYMENT = 'pr-7';
const HOLDER = 'rollback-test@host pid 1';
const OLD = 'b'.repeat(64);
const PREV = 'a'.repeat(64);
const PINNED = 'c'.repeat(64);
const NOW = new Date('2026-12-01T12:00:00Z');
const userKey = generateEd25519('user');
const ec2 = mockClient(EC2Client);
const schema = JSON.parse(readFileSync('docs/outputs.schema.json', 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

function instance(
  id: string,
  o: { state?: string; clientKey?: string; hostKey?: string | null } = {},
): Instance {
  const hostKey = o.hostKey === undefined ? `ssh-ed25519 HOSTKEY${id}` : o.hostKey;
  return inst(id, o.state ?? 'running', {
    InstanceType: 't3.small',
    InstanceLifecycle: 'spot',
    Placement: { AvailabilityZone: 'eu-west-1b' },
    PublicIpAddress: `198.51.100.${id.slice(-1)}`,
    LaunchTime: new Date(`2026-11-0${id.slice(-1)}T00:00:00Z`),
    Tags: [
      { Key: TAG.deployment, Value: DEPLOYMENT },
      { Key: TAG.clientKey, Value: o.clientKey ?? keyFingerprint(userKey.publicKey) },
      ...(hostKey === null ? [] : [{ Key: TAG.hostKey, Value: hostKey }]),
    ],
  });
}

/** DescribeInstances answers by the deployment tag and state filters, as EC2 would. */
function world(instances: Instance[]) {
  const tagOf = (i: Instance, k: string) => i.Tags?.find((t) => t.Key === k)?.Value;
  const matches = (i: Instance, f: Filter) => {
    const values = f.Values ?? [];
    if (f.Name === 'instance-state-name') return values.includes(i.State?.Name ?? '');
    if (f.Name?.startsWith('tag:')) return values.includes(tagOf(i, f.Name.slice(4)) ?? '');
    throw new Error(`the fake EC2 does not know filter ${f.Name}`);
  };
  ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
    const filters = input.Filters ?? [];
    return reservations(...instances.filter((i) => filters.every((f) => matches(i, f))));
  });
}

interface Call {
  readonly targets: readonly Target[];
  readonly opts: RollbackManyOptions;
}

/** Runs runRollback with a fake runner: `failing` ids answer like an instance without the release. */
function rollback(
  values: Partial<Record<InputName, string>> = {},
  o: { failing?: readonly string[]; key?: boolean } = {},
) {
  const all: Partial<Record<InputName, string>> = {
    mode: 'rollback',
    regions: R,
    'deployment-id': DEPLOYMENT,
    ...(o.key === false ? {} : { 'ssh-private-key': userKey.privateKey }),
    ...values,
  };
  const inputs = parseInputs((n) => all[n] ?? '', { workspace: '/', defaultRegion: undefined });
  const rec = recordingSink();
  const calls: Call[] = [];
  const comments: string[] = [];
  const publisher: Publisher = {
    artifact: () => Promise.reject(new Error('rollback uploads no artifact')),
    comment: async (_id, body) => void comments.push(body),
  };
  const failing = new Set(o.failing ?? []);
  const run = runRollback(
    inputs,
    { tempDir: '/nonexistent', repository: 'o/r', runId: '42' },
    {
      sink: rec,
      ec2: () => new EC2Client({ region: R }),
      now: () => NOW,
      publisher,
      // ssh-cidr's default, runner: the IP-echo answer without a socket.
      fetch: echo('203.0.113.9'),
      rollback: async (targets, opts) => {
        calls.push({
          targets: targets.map(({ id, host, port, hostKey }) => ({ id, host, port, hostKey })),
          opts,
        });
        return targets.map((t): InstanceRollback => {
          const base = { id: t.id, host: t.host, port: t.port, sha256Before: OLD };
          return failing.has(t.id)
            ? {
                ...base,
                status: 'failed',
                step: 'rollback',
                error: `release ${opts.to ?? '?'} is not on this instance`,
                sha256After: OLD,
                timings: { sshReadyMs: 3, totalMs: 9 },
              }
            : {
                ...base,
                status: 'ready',
                sha256After: opts.to ?? PREV,
                timings: { sshReadyMs: 3, activeMs: 8, totalMs: 9 },
              };
        });
      },
      // No heartbeat fires: the run ends first (the lock's heartbeat has its own tests).
      lock: {
        holder: HOLDER,
        wait: (_ms, signal) =>
          new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true })),
      },
    },
  );
  return { run, rec, calls, comments };
}

const outputInstances = (rec: { outputs: Map<string, string> }) =>
  JSON.parse(rec.outputs.get('instances') ?? 'null') as InstanceResult[];
const tagged = () => ec2.commandCalls(CreateTagsCommand).map((c) => c.args[0].input);

beforeEach(() => {
  ec2.reset();
  ec2.on(CreateTagsCommand).resolves({});
  ec2.on(DeleteTagsCommand).resolves({});
  // The deploy lock: free, taken, and read back as this run's when released.
  ec2
    .on(CreateLaunchTemplateCommand, { LaunchTemplateName: `spot-deploy-${DEPLOYMENT}.lock` })
    .resolves({ LaunchTemplate: { LaunchTemplateId: 'lt-lock' } });
  ec2.on(DescribeTagsCommand).resolves({ Tags: [{ Key: TAG.lockHolder, Value: HOLDER }] });
  ec2.on(DeleteLaunchTemplateCommand).resolves({});
  // The deployment's managed group and template: their expiry moves with the instances'.
  const managed = [
    { Key: TAG.deployment, Value: DEPLOYMENT },
    { Key: TAG.managed, Value: 'true' },
  ];
  ec2
    .on(DescribeSecurityGroupsCommand)
    .resolves({ SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'g', Tags: managed }] });
  ec2.on(DescribeLaunchTemplatesCommand).resolves({
    LaunchTemplates: [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 't', Tags: managed }],
  });
});

describe('runRollback', () => {
  it('ssh-cidr runner: the group found by name allows this runner before any SSH, under the lock', async () => {
    world([instance('i-1')]);
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
    const { run, calls } = rollback();
    await run;
    const find = ec2
      .commandCalls(DescribeSecurityGroupsCommand)
      .map((c) => c.args[0].input.Filters)
      .find((f) => f?.some((x) => x.Name === 'group-name'));
    expect(find).toEqual([
      { Name: 'group-name', Values: [`spot-deploy-${DEPLOYMENT}`] },
      { Name: `tag:${TAG.deployment}`, Values: [DEPLOYMENT] },
    ]);
    const auth = ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input);
    expect(auth.map((a) => [a.GroupId, a.IpPermissions?.[0]?.IpRanges?.[0]?.CidrIp])).toEqual([
      ['sg-1', '203.0.113.9/32'],
    ]);
    const order = ec2.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('CreateLaunchTemplateCommand')).toBeLessThan(
      order.indexOf('AuthorizeSecurityGroupIngressCommand'),
    );
    expect(calls).toHaveLength(1);
  });

  it('rolls every instance back and reports the release before and after', async () => {
    world([instance('i-1'), instance('i-2'), instance('i-3', { state: 'stopped' })]);
    const { run, rec, calls, comments } = rollback({ 'ttl-minutes': '60', concurrency: '3' });
    const result = await run;

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.targets).toEqual([
      { id: 'i-1', host: '198.51.100.1', port: 22, hostKey: 'ssh-ed25519 HOSTKEYi-1' },
      { id: 'i-2', host: '198.51.100.2', port: 22, hostKey: 'ssh-ed25519 HOSTKEYi-2' },
    ]);
    expect(call?.opts).toMatchObject({ concurrency: 3, ttlMinutes: 60 });
    expect(call?.opts.privateKey.trim()).toBe(userKey.privateKey.trim());
    expect(call?.opts.to).toBeUndefined();

    expect(result.instances.map((r) => [r.id, r.status, r.sha256Before, r.sha256After])).toEqual([
      ['i-1', 'ready', OLD, PREV],
      ['i-2', 'ready', OLD, PREV],
    ]);
    const out = outputInstances(rec);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.map((r) => r.sha256After)).toEqual([PREV, PREV]);
    expect(Object.fromEntries(rec.outputs)).toMatchObject({
      'deployment-id': DEPLOYMENT,
      'ready-count': '2',
      'failed-count': '0',
      'public-ips': '198.51.100.1,198.51.100.2',
    });
    expect(rec.outputs.has('bundle-sha256')).toBe(false);
    expect(rec.warnings).toEqual(['i-3 (eu-west-1) of this deployment is stopped: left alone.']);
    // The expiry follows the re-armed on-instance TTL: now + 60 minutes.
    expect(tagged()).toEqual([
      {
        Resources: ['i-1', 'i-2', 'sg-1', 'lt-1'],
        Tags: [{ Key: TAG.expiresAt, Value: '2026-12-01T13:00:00Z' }],
      },
    ]);
    // Under the deploy lock: taken first, deleted (released) at the end.
    expect(
      ec2.commandCalls(CreateLaunchTemplateCommand).map((c) => c.args[0].input.LaunchTemplateName),
    ).toEqual([`spot-deploy-${DEPLOYMENT}.lock`]);
    expect(ec2.commandCalls(DeleteLaunchTemplateCommand).map((c) => c.args[0].input)).toEqual([
      { LaunchTemplateId: 'lt-lock' },
    ]);
    expect(rec.summaryText()).toContain('2 of 2 rolled back');
    expect(rec.summaryText()).toContain('`bbbbbbbbbbbb` → `aaaaaaaaaaaa`');
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('<!-- spot-deploy:pr-7 -->');
    expect(comments[0]).toContain('2/2 rolled back');
    expect(rec.lines.at(-1)).toBe('info: spot-deploy rollback: 2 of 2 instance(s) rolled back');
  });

  it('fails naming the instances without the rollback-to release, and leaves them as they were', async () => {
    world([instance('i-1'), instance('i-2'), instance('i-3')]);
    const { run, rec, calls, comments } = rollback({ 'rollback-to': PINNED }, { failing: ['i-2'] });
    const err = await run.catch((e: unknown) => e);

    expect(err).toBeInstanceOf(DeployFailedError);
    expect((err as Error).message).toBe(
      `spot-deploy rollback: 2 of 3 instance(s) rolled back:\n  - i-2 (eu-west-1) failed at rollback: release ${PINNED} is not on this instance`,
    );
    expect(calls[0]?.opts.to).toBe(PINNED);
    const out = outputInstances(rec);
    expect(out.find((r) => r.id === 'i-2')).toMatchObject({
      status: 'failed',
      step: 'rollback',
      sha256Before: OLD,
      sha256After: OLD,
    });
    expect(out.filter((r) => r.status === 'ready').map((r) => r.sha256After)).toEqual([
      PINNED,
      PINNED,
    ]);
    expect(rec.outputs.get('failed-count')).toBe('1');
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(rec.summaryText()).toContain('(unchanged)');
    expect(rec.summaryText()).toContain(`rollback-to \`${PINNED}\``);
    // The failed one first, so a cut comment never hides it.
    expect(comments[0]?.indexOf('i-2')).toBeLessThan(comments[0]?.indexOf('i-1') ?? 0);
    // The agent ran on i-2 too, and re-armed its TTL: all three tags move.
    expect(tagged()[0]?.Resources).toEqual(['i-1', 'i-2', 'i-3', 'sg-1', 'lt-1']);
  });

  it('fails clearly when the deployment has no running instance, without any SSH', async () => {
    world([instance('i-3', { state: 'stopped' })]);
    const { run, calls, comments } = rollback();
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployFailedError);
    expect((err as Error).message).toContain(
      "deployment 'pr-7' has no running instance in eu-west-1: nothing to roll back (1 stopped or stopping, left alone)",
    );
    expect(calls).toEqual([]);
    expect(comments).toEqual([]);
    expect(tagged()).toEqual([]);
  });

  it('refuses a key the instances do not authorise before any SSH or tagging', async () => {
    const other = keyFingerprint(generateEd25519('other').publicKey);
    world([instance('i-1'), instance('i-2', { clientKey: other })]);
    const { run, calls } = rollback();
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('ssh-private-key');
    expect((err as Error).message).toContain(other);
    expect(calls).toEqual([]);
    expect(tagged()).toEqual([]);
  });

  it('fails an instance it cannot pin or that is still launching, and rolls back the rest', async () => {
    world([
      instance('i-1'),
      instance('i-2', { hostKey: null }),
      instance('i-3', { state: 'pending' }),
    ]);
    const { run, rec, calls } = rollback();
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployFailedError);
    expect(calls[0]?.targets.map((t) => t.id)).toEqual(['i-1']);
    const out = outputInstances(rec);
    expect(out.map((r) => [r.id, r.status, r.step])).toEqual([
      ['i-1', 'ready', undefined],
      ['i-2', 'failed', 'connect'],
      ['i-3', 'failed', 'running'],
    ]);
    // Only the instance whose TTL was re-armed gets a new expiry.
    expect(tagged().map((t) => t.Resources)).toEqual([['i-1', 'sg-1', 'lt-1']]);
  });

  it('removes expires-at with ttl-minutes 0, and only warns when tagging is refused', async () => {
    world([instance('i-1')]);
    const none = rollback({ 'ttl-minutes': '0' });
    await none.run;
    expect(ec2.commandCalls(DeleteTagsCommand).map((c) => c.args[0].input)).toEqual([
      { Resources: ['i-1', 'sg-1', 'lt-1'], Tags: [{ Key: TAG.expiresAt }] },
    ]);
    expect(none.calls[0]?.opts.ttlMinutes).toBe(0);

    ec2.on(CreateTagsCommand).rejects(ec2Error('UnauthorizedOperation', 'not allowed'));
    const denied = rollback();
    await expect(denied.run).resolves.toMatchObject({ deploymentId: DEPLOYMENT });
    expect(denied.rec.warnings.join('\n')).toMatch(
      /UnauthorizedOperation.*ec2:CreateTags.*the janitor reads the old/s,
    );
  });
});
