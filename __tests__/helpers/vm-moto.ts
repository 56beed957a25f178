/**
 * A local EC2: every instance moto launches in a loopback VPC (CIDR inside 127.0.0.0/8) gets a
 * real VM (scripts/vm/boot.sh), booted from the user-data the action sent (read back from moto),
 * with the guest's SSH port forwarded from the instance's own private IP. When moto says an
 * instance is shutting down or terminated, its VM is stopped. Nothing outside 127/8 is touched.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { Moto } from './moto.js';

const run = promisify(execFile);
const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const GONE = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface MotoVm {
  readonly id: string;
  readonly address: string;
  readonly name: string;
  /** The user-data moto holds for the instance, as the VM got it. */
  readonly userData: Buffer;
  booted: Promise<void>;
  stopped: boolean;
}

export interface VmWatcher {
  readonly vms: readonly MotoVm[];
  readonly errors: readonly string[];
  waitFor(n: number, timeoutMs: number): Promise<void>;
  /** Waits (bounded) until the VMs of every instance moto no longer runs are stopped. */
  settle(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Boots a VM per new loopback instance, at most `max`, polling moto every second (bounded). */
export function watchMotoWithVms(
  moto: Moto,
  region: string,
  o: { port: number; max: number; maxMs: number; tag: string },
): VmWatcher {
  const ec2 = moto.client(region);
  const work = mkdtempSync(join(tmpdir(), 'vm-moto-'));
  const vms: MotoVm[] = [];
  const errors: string[] = [];
  const until = Date.now() + o.maxMs;
  let running = true;

  const stopVm = async (vm: MotoVm): Promise<void> => {
    if (vm.stopped) return;
    vm.stopped = true;
    await vm.booted.catch(() => undefined);
    await run('bash', ['scripts/vm/stop.sh', vm.name], { timeout: 60_000 }).catch((e: unknown) =>
      errors.push(`stop ${vm.name}: ${String(e)}`),
    );
  };

  const poll = async (): Promise<void> => {
    const r = await ec2.send(new DescribeInstancesCommand({}));
    const all: Instance[] = (r.Reservations ?? []).flatMap((x) => x.Instances ?? []);
    for (const i of all) {
      const id = i.InstanceId ?? '';
      const address = i.PrivateIpAddress ?? '';
      const vm = vms.find((v) => v.id === id);
      if (vm) {
        if (GONE.has(i.State?.Name ?? '')) void stopVm(vm);
        continue;
      }
      if (!LOOPBACK.test(address) || GONE.has(i.State?.Name ?? '')) continue;
      if (vms.length >= o.max) {
        if (!errors.some((e) => e.includes(id))) errors.push(`${id}: more than ${o.max} VMs`);
        continue;
      }
      const attr = await ec2.send(
        new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
      );
      const userData = Buffer.from(attr.UserData?.Value ?? '', 'base64');
      const name = `${o.tag}-${vms.length}`;
      const file = join(work, `${name}.user-data`);
      writeFileSync(file, userData);
      const boot = run(
        'bash',
        [
          'scripts/vm/boot.sh',
          ...['--user-data', file, '--name', name, '--port', String(o.port)],
          ...['--host-addr', address, '--guest-port', String(o.port), '--smp', '1'],
        ],
        { timeout: 60_000 },
      ).then(() => undefined);
      boot.catch((e: unknown) => errors.push(`boot ${name}: ${String(e)}`));
      vms.push({ id, address, name, userData, booted: boot, stopped: false });
    }
  };

  const loop = (async () => {
    while (running && Date.now() < until) {
      try {
        await poll();
      } catch (e) {
        if (running) errors.push(`poll: ${String(e)}`);
      }
      await sleep(1_000);
    }
  })();

  return {
    vms,
    errors,
    async waitFor(n, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (vms.length < n && Date.now() < deadline) await sleep(200);
      if (vms.length < n) throw new Error(`saw ${vms.length} of ${n} instances in time`);
      await Promise.all(vms.map((v) => v.booted));
    },
    async settle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && vms.some((v) => !v.stopped)) await sleep(500);
    },
    async stop() {
      running = false;
      await loop;
      await Promise.all(vms.map(stopVm));
      ec2.destroy();
    },
  };
}

/** Whether the VM's qemu process still runs (its pidfile under the VM run dir). */
export async function vmRunning(name: string): Promise<boolean> {
  const cache = process.env.SPOT_DEPLOY_VM_CACHE ?? '/var/cache/spot-deploy-vm';
  const runDir = process.env.SPOT_DEPLOY_VM_RUN ?? join(cache, 'run');
  try {
    await run('sh', ['-c', `kill -0 "$(cat '${join(runDir, name, 'qemu.pid')}')"`]);
    return true;
  } catch {
    return false;
  }
}
