import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../../src/cli.js';
import { ec2Clients } from '../../src/aws/clients.js';
import { TAG } from '../../src/aws/types.js';
import { keyFingerprint } from '../../src/modes/deploy/adopt.js';
import { provision } from '../../src/modes/deploy/provision.js';
import { parseInputs } from '../../src/inputs/parse.js';
import type { InputName } from '../../src/inputs/types.js';
import { generateEd25519 } from '../../src/keys.js';
import { buildPlan } from '../../src/inputs/plan.js';
import { runDestroy } from '../../src/modes/destroy.js';
import { memoryState, parseIds } from '../../src/modes/state.js';
import { actionEnv, actionFiles, readCommandFile, startAction } from '../helpers/action-run.js';
import {
  hasMoto,
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  useMotoEnv,
  type Moto,
} from '../helpers/moto.js';
import { recordingSink } from '../helpers/recording-sink.js';
import { tagsOf } from '../helpers/instances-fixtures.js';
import { freePort } from '../helpers/sshd.js';

// EC2 lifecycle against moto: launch across regions, adopt on redeploy, destroy, janitor, and the
// post step after a killed main step. SSH is never aimed at a non-loopback address: instances
// that the built action would connect to live in a VPC whose CIDR is inside 127.0.0.0/8.
if (process.env.CI && !hasMoto)
  throw new Error("moto_server (pip install 'moto[server]') is required in CI");

const REGIONS = ['eu-west-1', 'us-east-1'];
const userKey = generateEd25519('itest-user');
const quiet = recordingSink();

function inputs(values: Partial<Record<InputName, string>>) {
  const all: Partial<Record<InputName, string>> = {
    regions: REGIONS.join(','),
    'bundle-path': 'examples/bundle',
    'ssh-address': 'private-ip',
    'ssh-private-key': userKey.privateKey,
    'launch-timeout': '60s',
    ...values,
  };
  return parseInputs((n) => all[n] ?? '', { workspace: process.cwd(), defaultRegion: undefined });
}

const live = (xs: Instance[]) =>
  xs.filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''));

describe.skipIf(!hasMoto)('the EC2 lifecycle against moto', () => {
  let moto: Moto;
  let restore: () => void;
  const clients = ec2Clients();

  async function instancesOf(deploymentId: string, region: string): Promise<Instance[]> {
    const r = await moto.client(region).send(
      new DescribeInstancesCommand({
        Filters: [{ Name: `tag:${TAG.deployment}`, Values: [deploymentId] }],
      }),
    );
    return live((r.Reservations ?? []).flatMap((x) => x.Instances ?? []));
  }

  async function deploy(id: string, count: number, now = new Date(), ttl = '240') {
    const i = inputs({ 'deployment-id': id, count: String(count), 'ttl-minutes': ttl });
    const plan = buildPlan(i, { tempDir: mkdtempSync(join(tmpdir(), 'lc-')), runId: '77' }, now);
    const state = memoryState();
    const host = generateEd25519('host');
    const res = await provision(
      plan,
      { clientPublicKey: userKey.publicKey, hostPublicKey: host.publicKey },
      Buffer.from('#cloud-config\n'),
      { sink: quiet, state, ec2: clients.get },
    );
    return { res, state, host, plan };
  }

  beforeAll(async () => {
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    restore = useMotoEnv(moto);
  }, 60_000);
  afterAll(async () => {
    clients.destroy();
    restore?.();
    await moto?.stop();
  });

  it('launches 5 spot instances over 2 regions (3 + 2), tagged, ids saved before waiting', async () => {
    const { res, state, host } = await deploy('fleet', 5);
    expect(res.running).toHaveLength(5);
    expect(res.shortfall).toBe(0);
    const saved = parseIds(state.get('launched'));
    expect(saved['eu-west-1']).toHaveLength(3);
    expect(saved['us-east-1']).toHaveLength(2);
    for (const region of REGIONS) {
      const xs = await instancesOf('fleet', region);
      expect(xs).toHaveLength(region === 'eu-west-1' ? 3 : 2);
      for (const x of xs) {
        expect(x.State?.Name).toBe('running');
        expect(x.InstanceLifecycle).toBe('spot');
        const tags = tagsOf(x.Tags);
        expect(tags[TAG.hostKey]).toBe(host.publicKey.split(' ').slice(0, 2).join(' '));
        expect(tags[TAG.clientKey]).toBe(keyFingerprint(userKey.publicKey));
        expect(tags[TAG.runId]).toBe('77');
        expect(tags[TAG.expiresAt]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(tags.Name).toBe('spot-deploy-fleet');
        expect(x.ImageId).toBe('ami-0a000000000000002'); // the newest Canonical noble image
      }
      // moto does not copy a template's metadata options onto instances: check the template.
      const lt = await moto
        .client(region)
        .send(
          new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'spot-deploy-fleet' }),
        );
      const data = lt.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
      expect(data?.MetadataOptions?.HttpTokens).toBe('required');
      expect(data?.InstanceInitiatedShutdownBehavior).toBe('terminate');
      const sg = await moto.client(region).send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'group-name', Values: ['spot-deploy-fleet'] }],
        }),
      );
      const perms = sg.SecurityGroups?.[0]?.IpPermissions ?? [];
      expect(perms).toHaveLength(1);
      expect(perms[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 });
      // ssh-cidr runner (the default) with ssh-address private-ip: the VPC's own blocks, no
      // internet rule and no lookup (moto's default VPC is 172.31.0.0/16).
      expect(perms[0]?.IpRanges?.map((r) => r.CidrIp)).toEqual(['172.31.0.0/16']);
    }
  }, 120_000);

  it('the command line lists the deployment (spot-deploy status)', async () => {
    const out: string[] = [];
    const spy = vi
      .spyOn(console, 'log')
      .mockImplementation((m: unknown) => void out.push(String(m)));
    try {
      const code = await cli(
        ['status', '--regions', REGIONS.join(','), '--deployment-id', 'fleet'],
        process.env,
      );
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const text = out.join('\n');
    expect(text).toContain('spot-deploy status: `fleet` — 5 instance(s)');
    const instances = JSON.parse(/^instances=(.*)$/m.exec(text)?.[1] ?? '[]') as unknown[];
    expect(instances).toHaveLength(5);
  }, 60_000);

  it('a redeploy adopts the running instances, launches only what is missing, trims surplus', async () => {
    const same = await deploy('fleet', 5);
    expect(same.res.running.filter((x) => x.adopted)).toHaveLength(5);
    expect(parseIds(same.state.get('launched'))).toEqual({});

    const more = await deploy('fleet', 6);
    expect(more.res.running.filter((x) => !x.adopted)).toHaveLength(1);
    const total = async () =>
      (await instancesOf('fleet', REGIONS[0] as string)).length +
      (await instancesOf('fleet', REGIONS[1] as string)).length;
    expect(await total()).toBe(6);

    const fewer = await deploy('fleet', 4);
    expect(fewer.res.running).toHaveLength(4);
    expect(await total()).toBe(4);
  }, 120_000);

  it('destroy removes instances, security groups and launch templates; twice is a no-op', async () => {
    const reports = await runDestroy(
      inputs({ mode: 'destroy', 'deployment-id': 'fleet' }),
      { tempDir: tmpdir() },
      { sink: quiet, ec2: clients.get },
    );
    expect(reports.flatMap((r) => r.instancesTerminated)).toHaveLength(4);
    for (const region of REGIONS) {
      expect(await instancesOf('fleet', region)).toEqual([]);
      const sg = await moto.client(region).send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'group-name', Values: ['spot-deploy-fleet'] }],
        }),
      );
      expect(sg.SecurityGroups ?? []).toEqual([]);
      const lt = await moto.client(region).send(
        new DescribeLaunchTemplatesCommand({
          Filters: [{ Name: `tag:${TAG.deployment}`, Values: ['fleet'] }],
        }),
      );
      expect(lt.LaunchTemplates ?? []).toEqual([]);
    }
    const again = await runDestroy(
      inputs({ mode: 'destroy', 'deployment-id': 'fleet' }),
      { tempDir: tmpdir() },
      { sink: quiet, ec2: clients.get },
    );
    expect(again.flatMap((r) => r.instancesTerminated)).toEqual([]);
  }, 120_000);

  it('the janitor removes only deployments whose expires-at has passed', async () => {
    await deploy('old', 2, new Date(Date.now() - 5 * 3600_000), '60');
    await deploy('fresh', 2);
    await runDestroy(
      inputs({ mode: 'destroy', 'deployment-id': 'expired' }),
      { tempDir: tmpdir() },
      { sink: quiet, ec2: clients.get },
    );
    const count = async (id: string) =>
      (await Promise.all(REGIONS.map((r) => instancesOf(id, r)))).flat().length;
    expect(await count('old')).toBe(0);
    expect(await count('fresh')).toBe(2);
  }, 120_000);

  describe('the built action (dist/index.js)', () => {
    let subnet = '';
    let sshPort = 0;
    beforeAll(async () => {
      // Instances in this VPC get 127.3.x.x addresses: any SSH attempt stays on loopback.
      subnet = await loopbackSubnet(moto, 'eu-west-1', '127.3.0.0/16', '127.3.1.0/24');
      sshPort = await freePort(); // nobody listens: delivery can only fail
    });

    const actionInputs = (id: string, extra: Record<string, string> = {}) => ({
      mode: 'deploy',
      'deployment-id': id,
      regions: 'eu-west-1',
      count: '2',
      'subnet-ids': subnet,
      'ssh-address': 'private-ip',
      'ssh-port': String(sshPort),
      'bundle-path': 'examples/bundle',
      'ready-timeout': '30s',
      ...extra,
    });

    it('killed right after launch (SIGINT, SIGTERM, SIGKILL): the post step leaves 0 instances', async () => {
      expect(existsSync('dist/index.js')).toBe(true);
      const files = actionFiles();
      const main = startAction(actionEnv(files, actionInputs('cancelled'), moto.env));
      const until = Date.now() + 60_000;
      while (!readFileSync(files.state, 'utf8').includes('launched') && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100));
      expect(readFileSync(files.state, 'utf8')).toContain('launched');
      expect(await instancesOf('cancelled', 'eu-west-1')).toHaveLength(2);
      // What the runner does on cancellation, with shorter gaps.
      main.kill('SIGINT');
      await Promise.race([main.done, new Promise((r) => setTimeout(r, 1_000))]);
      main.kill('SIGTERM');
      await Promise.race([main.done, new Promise((r) => setTimeout(r, 1_000))]);
      main.kill('SIGKILL');
      await main.done;

      const state = readCommandFile(files.state);
      expect(state.succeeded).toBeUndefined();
      const post = startAction(actionEnv(files, {}, moto.env, state));
      const r = await post.done;
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('terminated');
      expect(await instancesOf('cancelled', 'eu-west-1')).toEqual([]);
    }, 120_000);

    it('a deploy whose instances never answer SSH fails, names them, and leaves 0 instances', async () => {
      const files = actionFiles();
      const r = await startAction(actionEnv(files, actionInputs('unreachable'), moto.env)).done;
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/0 of 2 instance\(s\) ready \(min-ready 2\)/);
      expect(r.stdout).toMatch(/i-[0-9a-f]+ \(eu-west-1\) failed at connect/);
      const outputs = readCommandFile(files.output);
      const instances = JSON.parse(outputs.instances ?? '[]') as Array<{ status: string }>;
      expect(instances.map((i) => i.status)).toEqual(['failed', 'failed']);
      const post = await startAction(actionEnv(files, {}, moto.env, readCommandFile(files.state)))
        .done;
      expect(post.code, post.stdout + post.stderr).toBe(0);
      expect(await instancesOf('unreachable', 'eu-west-1')).toEqual([]);
    }, 120_000);
  });
});
