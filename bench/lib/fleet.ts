/**
 * Orchestration overhead of the built action against moto + fake instances
 * (__tests__/helpers/fake-instance-moto.ts: a namespaced real sshd per moto instance at its
 * loopback private IP, configured from the user-data). Only 127.0.0.0/8 is ever addressed.
 *
 * For one deploy of N instances:
 *   wall     = spawn of `node dist/index.js` (mode deploy) → its exit, in this process;
 *   seen_i   = when the watcher first listed instance i in DescribeInstances (polled every
 *              100 ms; sampled every 10 ms here): stands for "moto launched it" (it is at most
 *              one poll + one DescribeInstances later than RunInstances returned);
 *   accept_i = when the fake instance's sshd first accepted a TCP connection (the harness's
 *              `ready`, reported through onInstance);
 *   boot_i   = accept_i − seen_i;
 *   deliver_i = activeMs_i − sshReadyMs_i from the action's `instances` output (upload, remote
 *              sha256 check and activation on the instance, all timed by the action itself);
 *   upload_i = uploadedMs_i − sshReadyMs_i (transfer only; reported, not subtracted);
 *   overhead = wall − max_i(boot_i + deliver_i).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import type { InstanceResult } from '../../src/report/results.js';
import { generateEd25519 } from '../../src/keys.js';
import {
  actionEnv,
  actionFiles,
  readCommandFile,
  startAction,
} from '../../__tests__/helpers/action-run.js';
import { watchMoto } from '../../__tests__/helpers/fake-instance-moto.js';
import type { Moto } from '../../__tests__/helpers/moto.js';
import { freePort } from '../../__tests__/helpers/sshd.js';

export const REGION = 'eu-west-1';

/** A VPC and subnet inside 127.0.0.0/8, so every instance's private IP is a loopback address. */
export async function loopbackSubnet(moto: Moto, vpcCidr: string, cidr: string): Promise<string> {
  const c = moto.client(REGION);
  try {
    const vpc = await c.send(new CreateVpcCommand({ CidrBlock: vpcCidr }));
    const s = await c.send(
      new CreateSubnetCommand({
        VpcId: vpc.Vpc?.VpcId ?? '',
        CidrBlock: cidr,
        AvailabilityZone: `${REGION}a`,
      }),
    );
    return s.Subnet?.SubnetId ?? '';
  } finally {
    c.destroy();
  }
}

export interface FleetRun {
  readonly n: number;
  readonly code: number | null;
  readonly wallMs: number;
  readonly ready: number;
  readonly slowestBootPlusDeliverMs: number;
  readonly maxBootMs: number;
  readonly maxDeliverMs: number;
  readonly maxUploadMs: number;
  readonly overheadMs: number;
  /** Instances with both a boot and a delivery time (the others are left out of the max). */
  readonly measured: number;
  /** Where the action's stdout + stderr were written. */
  readonly log: string;
  readonly errors: readonly string[];
  readonly tail: string;
}

export async function deployFleet(
  moto: Moto,
  subnet: string,
  n: number,
  timeoutMs: number,
): Promise<FleetRun> {
  const port = await freePort();
  const key = generateEd25519('bench-fleet');
  const id = `bench-${n}-${Date.now().toString(36)}`;
  const seenAt = new Map<string, number>();
  const acceptAt = new Map<string, number>();
  const w = watchMoto(moto, REGION, {
    port,
    pollMs: 100,
    maxMs: timeoutMs + 60_000,
    maxInstances: n + 2,
    onInstance: (_inst, s) => acceptAt.set(s.id, performance.now()),
  });
  const sampler = setInterval(() => {
    for (const s of w.seen) if (!seenAt.has(s.id)) seenAt.set(s.id, performance.now());
  }, 10);
  const files = actionFiles();
  const secs = `${Math.ceil(timeoutMs / 1000)}s`;
  try {
    const t0 = performance.now();
    const run = startAction(
      actionEnv(
        files,
        {
          mode: 'deploy',
          'deployment-id': id,
          regions: REGION,
          count: String(n),
          concurrency: String(Math.min(100, Math.max(n, 1))),
          'subnet-ids': subnet,
          'ssh-address': 'private-ip',
          'ssh-port': String(port),
          'bundle-path': 'examples/bundle',
          'ssh-private-key': key.privateKey,
          'launch-timeout': secs,
          'ready-timeout': secs,
        },
        moto.env,
      ),
    );
    const killer = setTimeout(() => run.kill('SIGKILL'), timeoutMs + 30_000);
    const r = await run.done;
    clearTimeout(killer);
    const wallMs = performance.now() - t0;
    const outputs = readCommandFile(files.output);
    const instances = JSON.parse(outputs.instances ?? '[]') as InstanceResult[];
    let slowest = 0;
    let maxBoot = 0;
    let maxDeliver = 0;
    let maxUpload = 0;
    let measured = 0;
    const log = join(tmpdir(), `spot-deploy-${id}.log`);
    writeFileSync(log, r.stdout + r.stderr);
    for (const i of instances) {
      const { sshReadyMs, uploadedMs, activeMs } = i.timings;
      const seen = seenAt.get(i.id);
      const accept = acceptAt.get(i.id);
      if (seen === undefined || accept === undefined || sshReadyMs === undefined) continue;
      measured++;
      const boot = accept - seen;
      const deliver = (activeMs ?? uploadedMs ?? sshReadyMs) - sshReadyMs;
      maxBoot = Math.max(maxBoot, boot);
      maxDeliver = Math.max(maxDeliver, deliver);
      maxUpload = Math.max(maxUpload, (uploadedMs ?? sshReadyMs) - sshReadyMs);
      slowest = Math.max(slowest, boot + deliver);
    }
    return {
      n,
      code: r.code,
      wallMs,
      ready: instances.filter((i) => i.status === 'ready').length,
      slowestBootPlusDeliverMs: slowest,
      maxBootMs: maxBoot,
      maxDeliverMs: maxDeliver,
      maxUploadMs: maxUpload,
      overheadMs: wallMs - slowest,
      measured,
      log,
      errors: [...w.errors],
      tail: (r.stdout + r.stderr).slice(-3000),
    };
  } finally {
    clearInterval(sampler);
    // Destroy what the deploy launched, then power the fake instances off.
    const gone = await startAction(
      actionEnv(actionFiles(), { mode: 'destroy', 'deployment-id': id, regions: REGION }, moto.env),
    ).done;
    if (gone.code !== 0) console.error(`destroy ${id} failed: ${gone.stdout}${gone.stderr}`);
    await w.stop();
  }
}
