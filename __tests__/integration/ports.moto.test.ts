// `ports: 8080` through the built action (node dist/index.js) against moto, with fake instances
// (helpers/fake-instance.ts: a real sshd per loopback instance): the deployment's own security
// group holds exactly one 8080 rule from `ports-cidr` next to SSH's, the link is in the urls
// output, the step summary and the log; a redeploy with another port closes 8080 and opens it;
// destroy deletes the group. Nothing here is sent anywhere but 127.0.0.0/8.
import {
  DescribeSecurityGroupsCommand,
  TerminateInstancesCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/inputs/parse.js';
import type { InputName } from '../../src/inputs/types.js';
import { generateEd25519 } from '../../src/keys.js';
import type { BundleSource } from '../../src/modes/bundle-source.js';
import { runDeploy } from '../../src/modes/deploy/run.js';
import type { Publisher } from '../../src/modes/publisher.js';
import { runReconcile } from '../../src/modes/reconcile/run.js';
import { memoryState } from '../../src/modes/state.js';
import { actionEnv, actionFiles, readCommandFile, startAction } from '../helpers/action-run.js';
import { fakeFleetUnsupported } from '../helpers/fake-instance-moto.js';
import { motoFleetSuite } from '../helpers/moto-fleet-suite.js';
import { recordingSink } from '../helpers/recording-sink.js';
import { repoRoot } from '../helpers/repo.js';

const REGION = 'eu-west-1';
const ID = 'fake-ports';
const unsupported = fakeFleetUnsupported('ports');
const userKey = generateEd25519('ports-user');

describe.skipIf(unsupported !== undefined)('ports: service ports on the managed group', () => {
  const fleet = motoFleetSuite({
    region: REGION,
    vpcCidr: '127.3.0.0/16',
    subnetCidr: '127.3.8.0/24',
  });
  const { ec2 } = fleet;

  const inputs = (extra: Record<string, string>) => ({
    mode: 'deploy',
    'deployment-id': ID,
    regions: REGION,
    count: '1',
    'subnet-ids': fleet.subnet,
    'ssh-address': 'private-ip',
    'ssh-port': String(fleet.port),
    'ssh-cidr': '127.0.0.0/8',
    'bundle-path': 'examples/bundle',
    'ssh-private-key': userKey.privateKey,
    'launch-timeout': '30s',
    'ready-timeout': '30s',
    ...extra,
  });

  async function run(env: Record<string, string>) {
    const files = actionFiles();
    const r = await startAction(actionEnv(files, env, fleet.moto.env)).done;
    return {
      ...r,
      outputs: readCommandFile(files.output),
      summary: readFileSync(files.summary, 'utf8'),
    };
  }

  async function groups(id = ID): Promise<SecurityGroup[]> {
    const c = fleet.moto.client(REGION);
    try {
      const r = await c.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'tag:spot-deploy:deployment', Values: [id] }],
        }),
      );
      return r.SecurityGroups ?? [];
    } finally {
      c.destroy();
    }
  }

  /** Every ingress rule of the deployment's one group, as `port cidr`, sorted. */
  async function rules(id = ID): Promise<string[]> {
    const gs = await groups(id);
    expect(gs).toHaveLength(1);
    return (gs[0]?.IpPermissions ?? [])
      .flatMap((p) =>
        (p.IpRanges ?? []).map((r) => `${p.IpProtocol} ${p.FromPort}-${p.ToPort} ${r.CidrIp}`),
      )
      .sort(); // as strings: compare with sorted lists (the SSH port is random, 1024–65535)
  }

  it('ports: 8080 → one rule from ports-cidr, the link out; another port → 8080 closed; destroy → group gone', async () => {
    const watcher = fleet.watch({ maxMs: 3 * 60_000, maxInstances: 2 });

    const first = await run(inputs({ ports: '8080', 'ports-cidr': '198.51.100.0/24' }));
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(watcher.errors).toEqual([]);
    const instances = JSON.parse(first.outputs.instances ?? '[]') as Array<{ privateIp: string }>;
    const ip = instances[0]?.privateIp ?? '';
    expect(ip).toMatch(/^127\.3\.8\.\d+$/);
    expect(await rules()).toEqual(
      [`tcp ${fleet.port}-${fleet.port} 127.0.0.0/8`, 'tcp 8080-8080 198.51.100.0/24'].sort(),
    );
    // ssh-address private-ip: the runner reaches the private IP, so the link uses it.
    expect(first.outputs.urls).toBe(`http://${ip}:8080`);
    expect(first.summary).toContain(`[http://${ip}:8080](http://${ip}:8080) |`);
    expect(first.stdout).toContain(`${REGION}: ports 8080 open to 198.51.100.0/24`);

    // The same deployment with 443 instead: 8080 is closed, 443 opened; the instance is adopted.
    const second = await run(inputs({ ports: '443', 'ports-cidr': '198.51.100.0/24' }));
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(await rules()).toEqual(
      [`tcp ${fleet.port}-${fleet.port} 127.0.0.0/8`, 'tcp 443-443 198.51.100.0/24'].sort(),
    );
    expect(second.outputs.urls).toBe(`https://${ip}`);

    // Without ports: no service rule is left, and urls is empty.
    const third = await run(inputs({}));
    expect(third.code, third.stdout + third.stderr).toBe(0);
    expect(await rules()).toEqual([`tcp ${fleet.port}-${fleet.port} 127.0.0.0/8`]);
    expect(third.outputs.urls).toBe('');

    const gone = await run({ mode: 'destroy', 'deployment-id': ID, regions: REGION });
    expect(gone.code, gone.stdout + gone.stderr).toBe(0);
    expect(await groups()).toEqual([]);
  }, 180_000);

  it("mode reconcile leaves the deploy's port rules alone, whatever its own ports input", async () => {
    const watcher = fleet.watch({ maxMs: 3 * 60_000, maxInstances: 4 });
    const id = 'fake-ports-heal';
    const parsed = (values: Partial<Record<InputName, string>>) => {
      const all: Partial<Record<InputName, string>> = {
        regions: REGION,
        'deployment-id': id,
        'subnet-ids': fleet.subnet,
        'ssh-address': 'private-ip',
        'ssh-port': String(fleet.port),
        'ssh-cidr': '127.0.0.0/8',
        'ssh-private-key': userKey.privateKey,
        'launch-timeout': '30s',
        'ready-timeout': '30s',
        ...values,
      };
      return parseInputs((n) => all[n] ?? '', { workspace: repoRoot, defaultRegion: undefined });
    };
    const dir = fleet.tmp('ports-reconcile-');
    const ctx = (runId: string) => ({
      tempDir: dir,
      repository: 'octo/app',
      runId,
      runAttempt: '1',
    });
    // The deploy's artifact: a copy of its bundle, which the reconcile's source serves back.
    const kept = join(dir, 'bundle.tar.gz');
    const publisher: Publisher = {
      artifact: async (_mode, _plan, files) => {
        copyFileSync(files.bundle.file, kept);
        return { status: 'uploaded', name: 'kept', id: 1, size: 1, files: ['bundle.tar.gz'] };
      },
      comment: async () => {},
    };
    const source: BundleSource = {
      fetch: async (_s, to) => {
        copyFileSync(kept, join(to, 'bundle.tar.gz'));
        return join(to, 'bundle.tar.gz');
      },
    };

    const deployed = await runDeploy(
      parsed({ mode: 'deploy', count: '2', 'bundle-path': 'examples/bundle', ports: '8080' }),
      ctx('601'),
      { sink: recordingSink(), state: memoryState(), ec2, root: repoRoot, publisher },
    );
    expect(deployed.instances.map((i) => i.status)).toEqual(['ready', 'ready']);
    const withPort = [`tcp ${fleet.port}-${fleet.port} 127.0.0.0/8`, 'tcp 8080-8080 0.0.0.0/0'];
    expect(await rules(id)).toEqual(withPort);

    // One instance is reclaimed; a scheduled reconcile (no ports input) launches a replacement
    // through the deploy's provisioning, which syncs the group: SSH's rule yes, 8080 untouched.
    await ec2(REGION).send(
      new TerminateInstancesCommand({ InstanceIds: [deployed.instances[0]?.id ?? ''] }),
    );
    await watcher.settle();
    const sink = recordingSink();
    const done = await runReconcile(parsed({ mode: 'reconcile' }), ctx('602'), {
      sink,
      state: memoryState(),
      ec2,
      root: repoRoot,
      source,
    });
    expect(done[0]?.launched, sink.lines.join('\n')).toBe(1);
    expect(done[0]?.instances.map((i) => i.status)).toEqual(['ready', 'ready']);
    expect(await rules(id)).toEqual(withPort);
    // It cannot know the deployment's ports: no urls output rather than a wrong one.
    expect(sink.outputs.has('urls')).toBe(false);
    expect(watcher.errors).toEqual([]);
  }, 180_000);
});
