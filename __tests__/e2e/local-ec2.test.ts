// The product end to end without a cloud: moto plays the EC2 API, and every instance it launches
// in a loopback VPC (127.4.0.0/16) becomes a real Debian VM booted by qemu from the user-data the
// action sent, with the guest's SSH port forwarded from the instance's private IP. The unmodified
// built action (node dist/index.js) deploys, the services are checked from the outside over SSH
// (pinning the host key the instance's tag carries), then mode destroy leaves nothing in moto and
// every VM stopped. Nothing is sent anywhere but 127.0.0.0/8.
import { DescribeInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../src/aws/types.js';
import type { InstanceResult } from '../../src/report/results.js';
import { generateEd25519 } from '../../src/keys.js';
import { connect, exec } from '../../src/ssh/connect.js';
import { actionEnv, actionFiles, readCommandFile, startAction } from '../helpers/action-run.js';
import { hasMoto, IMAGE_CATALOGUE, loopbackSubnet, startMoto, type Moto } from '../helpers/moto.js';
import { tagsOf } from '../helpers/instances-fixtures.js';
import { freePort } from '../helpers/sshd.js';
import { buildVmImage, vmEnabled } from '../helpers/vm.js';
import { vmRunning, watchMotoWithVms, type VmWatcher } from '../helpers/vm-moto.js';

const REGION = 'eu-west-1';
const COUNT = 2;
const userKey = generateEd25519('local-ec2-user');

describe.skipIf(!vmEnabled || !hasMoto)('a local EC2: moto + one VM per instance', () => {
  let moto: Moto;
  let watcher: VmWatcher;
  let subnet = '';
  let port = 0;

  beforeAll(async () => {
    await buildVmImage();
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    subnet = await loopbackSubnet(moto, REGION, '127.4.0.0/16', '127.4.1.0/24');
    // Not 22: the instances' sshd is moved to this port by the user-data (a real drop-in).
    port = await freePort();
    watcher = watchMotoWithVms(moto, REGION, {
      port,
      max: COUNT,
      maxMs: 20 * 60_000,
      tag: `lec2-${process.pid}`,
    });
  }, 1_500_000);

  afterAll(async () => {
    await watcher?.stop();
    await moto?.stop();
  }, 180_000);

  const live = async (): Promise<Instance[]> => {
    const c = moto.client(REGION);
    const r = await c.send(
      new DescribeInstancesCommand({
        Filters: [{ Name: `tag:${TAG.deployment}`, Values: ['local-ec2'] }],
      }),
    );
    c.destroy();
    return (r.Reservations ?? [])
      .flatMap((x) => x.Instances ?? [])
      .filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''));
  };

  it('deploys to 2 VMs: outputs, summary, services answering; destroy leaves nothing', async () => {
    const files = actionFiles();
    const inputs = {
      mode: 'deploy',
      'deployment-id': 'local-ec2',
      regions: REGION,
      count: String(COUNT),
      'subnet-ids': subnet,
      'ssh-address': 'private-ip',
      'ssh-port': String(port),
      'ssh-private-key': userKey.privateKey,
      'bundle-path': 'examples/bundle',
      env: 'GREETING=hello-local-ec2\nPORT=8080',
      'health-check': `python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8080', timeout=2)"`,
      'launch-timeout': '2m',
      'ready-timeout': '15m',
    };
    const t0 = Date.now();
    const r = await startAction(actionEnv(files, inputs, moto.env)).done;
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `local EC2 deploy of ${COUNT} VMs: ${seconds} s\n${r.stdout
        .split('\n')
        .filter((l) => /\[i-|spot-deploy:/.test(l))
        .join('\n')}`,
    );
    expect(watcher.errors).toEqual([]);
    expect(r.code, r.stdout.slice(-3000) + r.stderr.slice(-2000)).toBe(0);
    const out = readCommandFile(files.output);
    expect(out['ready-count']).toBe(String(COUNT));
    const instances = JSON.parse(out.instances ?? '[]') as InstanceResult[];
    expect(instances.map((i) => i.status)).toEqual(['ready', 'ready']);
    for (const i of instances) {
      expect(i.privateIp).toMatch(/^127\.4\.1\./);
      expect(i.timings.activeMs).toBeGreaterThan(0);
    }
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain(`${COUNT} of ${COUNT} ready`);
    // Secrets appear only in the ::add-mask:: commands the runner consumes, never in the log.
    const log = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(log.join('\n')).not.toContain('hello-local-ec2');

    // From the outside: SSH in as the user, pinning the host key from the instance's tag.
    for (const inst of await live()) {
      const tags = tagsOf(inst.Tags);
      const ssh = await connect({
        host: inst.PrivateIpAddress ?? '',
        port,
        username: 'spot-deploy',
        privateKey: userKey.privateKey,
        hostKey: tags[TAG.hostKey] ?? '',
        deadlineMs: 60_000,
      });
      try {
        const answer = await exec(
          ssh,
          `python3 -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:8080').read().decode())"`,
          undefined,
          { timeoutMs: 60_000 },
        );
        expect(answer.stdout.trim()).toBe(`hello-local-ec2 ${out['bundle-sha256']}`);
        const active = await exec(ssh, 'sudo systemctl is-active example-web.service', undefined, {
          timeoutMs: 60_000,
        });
        expect(active.stdout.trim()).toBe('active');
      } finally {
        ssh.end();
      }
    }

    const destroy = await startAction(
      actionEnv(
        actionFiles(),
        { mode: 'destroy', 'deployment-id': 'local-ec2', regions: REGION },
        moto.env,
      ),
    ).done;
    expect(destroy.code, destroy.stdout.slice(-2000)).toBe(0);
    expect(await live()).toEqual([]);
    await watcher.settle(120_000);
    for (const vm of watcher.vms) expect(await vmRunning(vm.name)).toBe(false);
  }, 1_800_000);
});
