/**
 * Orchestration overhead of the built action against moto + fake instances
 * (__tests__/helpers/fake-instance-moto.ts: a namespaced real sshd per moto instance at its
 * loopback private IP, configured from the user-data). Only 127.0.0.0/8 is ever addressed.
 *
 * For one deploy of N instances:
 *   wall     = spawn of `node dist/index.js` (mode deploy) → its exit, in this process;
 *   launched = when the action's log line "fleet: launched …" reached this process (stdout, a
 *              pipe: read at once, as no instance is being provisioned yet): CreateFleet has
 *              returned, the instances exist and the cloud's boot begins. Not the watcher's first
 *              listing of them: moto answers one request at a time, a listing of 100 instances
 *              takes it ~0.5 s, and the watcher's and the action's listings queued behind each
 *              other, so that listing came 1–1.5 s after the launch at N = 100 against ~0.1 s at
 *              N = 1, and the bench charged the simulated cloud's delay to the action (its fake
 *              instances boot only once listed). The watcher starts listing at this line: its
 *              listings during the CreateFleet call slowed moto's creation of 100 instances by
 *              ~0.3 s (WatchOptions.startAfter). One time for all, not each instance's own first
 *              listing: the watcher's event loop is blocked while it provisions the instances it
 *              saw first (synchronously), so at N = 100 it listed 65 of them 25 s late;
 *   accept_i = when the fake instance's sshd began listening: the modification time of its PidFile,
 *              which sshd writes once its sockets are bound (FakeInstance.sshdListeningAt). Not
 *              the time boot.sh writes just before it execs sshd (sshd.exec, kept as `sshd` in
 *              the run's JSON): sshd's own start, niced among a hundred instances booting on 2
 *              cores, took up to 3 s after that at N = 100 against ~10 ms at N = 1 (each run's
 *              "max sshd start"; the action's refused connects went on until the PidFile was
 *              written, its retries ~100 ms apart), and a bench counting from the exec charged
 *              the simulated instance's start to the action. Not the harness's `ready` either:
 *              that is seen through this process's event loop, which the harness's own
 *              (synchronous) provisioning of other instances blocks for seconds at N = 50 and up
 *              (33 and 9 of 50 instances measured late on main);
 *   boot_i   = accept_i − launched (the simulated cloud's time, the harness's own slowness
 *              included);
 *   deliver_i = activeMs_i − sshReadyMs_i from the action's `instances` output (upload, remote
 *              sha256 check and activation on the instance, all timed by the action itself);
 *   upload_i = uploadedMs_i − sshReadyMs_i (transfer only; reported, not subtracted);
 *   overhead = wall − max_i(boot_i + deliver_i);
 *   createFleet = how long moto took to answer the action's CreateFleet (ec2-timing.ts, a proxy
 *              between the action and moto): part of the overhead, reported beside it so that
 *              the simulated cloud's per-instance work is seen apart from the action's.
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
import { startTimingProxy, timeIn } from './ec2-timing.js';
import type { Moto } from '../../__tests__/helpers/moto.js';
import { freePort } from '../../__tests__/helpers/sshd.js';

export const REGION = 'eu-west-1';
/** The fake instances' niceness; BENCH_FLEET_NICE=0 measures them competing with the action. */
function fleetNice(): number {
  const nice = Number(process.env.BENCH_FLEET_NICE ?? 19);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19)
    throw new Error(
      `BENCH_FLEET_NICE must be an integer 0–19, got ${process.env.BENCH_FLEET_NICE}`,
    );
  return nice;
}

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

/** What one deploy of the built action to the bench's fleet says. */
export interface TimedDeploy {
  readonly r: { readonly code: number | null; readonly stdout: string; readonly stderr: string };
  /** performance.now() at the spawn of `node dist/index.js`. */
  readonly startedAt: number;
  /** Spawn → exit. */
  readonly wallMs: number;
  /** performance.now() when the action's "fleet: launched" line arrived; undefined: never. */
  readonly launchedAt: number | undefined;
  /**
   * performance.now() when the action's first timed log line ("+0.0s user-data: …") arrived: its
   * modules are loaded, its inputs read, its keys made and its user-data rendered.
   */
  readonly firstOutputAt: number | undefined;
  readonly outputs: Record<string, string>;
  readonly instances: InstanceResult[];
}

/**
 * One `mode: deploy` of the built action to `n` instances of deployment `id` in `subnet`, every
 * instance reached at its loopback private IP on `port`; killed past `timeoutMs` + 30 s.
 */
export async function timedDeploy(
  moto: Moto,
  o: {
    id: string;
    n: number;
    subnet: string;
    port: number;
    privateKey: string;
    timeoutMs: number;
    /** Called once, when the action's "fleet: launched" line arrives. */
    onLaunched?: () => void;
    /** The action's EC2 endpoint instead of moto's own (a proxy in front of it). */
    endpoint?: string;
  },
): Promise<TimedDeploy> {
  const files = actionFiles();
  const secs = `${Math.ceil(o.timeoutMs / 1000)}s`;
  const t0 = performance.now();
  let launchedAt: number | undefined;
  let firstOutputAt: number | undefined;
  const run = startAction(
    actionEnv(
      files,
      {
        mode: 'deploy',
        'deployment-id': o.id,
        regions: REGION,
        count: String(o.n),
        concurrency: String(Math.min(100, Math.max(o.n, 1))),
        'subnet-ids': o.subnet,
        'ssh-address': 'private-ip',
        'ssh-port': String(o.port),
        'bundle-path': 'examples/bundle',
        'ssh-private-key': o.privateKey,
        'launch-timeout': secs,
        'ready-timeout': secs,
      },
      o.endpoint === undefined ? moto.env : { ...moto.env, AWS_ENDPOINT_URL_EC2: o.endpoint },
    ),
    (text) => {
      if (firstOutputAt === undefined && /^\+\d/m.test(text)) firstOutputAt = performance.now();
      if (launchedAt === undefined && /\bfleet: launched \d+/.test(text)) {
        launchedAt = performance.now();
        o.onLaunched?.();
      }
    },
  );
  const killer = setTimeout(() => run.kill('SIGKILL'), o.timeoutMs + 30_000);
  const r = await run.done;
  clearTimeout(killer);
  const wallMs = performance.now() - t0;
  const outputs = readCommandFile(files.output);
  const instances = JSON.parse(outputs.instances ?? '[]') as InstanceResult[];
  return { r, startedAt: t0, wallMs, launchedAt, firstOutputAt, outputs, instances };
}

/** `mode: destroy` of deployment `id` with the built action; a failure is printed, not thrown. */
export async function destroyDeployment(moto: Moto, id: string): Promise<void> {
  const gone = await startAction(
    actionEnv(actionFiles(), { mode: 'destroy', 'deployment-id': id, regions: REGION }, moto.env),
  ).done;
  if (gone.code !== 0) console.error(`destroy ${id} failed: ${gone.stdout}${gone.stderr}`);
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
  /** The longest sshd start (exec → listening) of the instances measured; inside each boot. */
  readonly maxSshdStartMs: number;
  readonly overheadMs: number;
  /**
   * Part of the overhead, for a closer look: spawn → the action's first timed line (Node's start,
   * the step's modules, inputs, keys, user-data) and that → "fleet: launched" (the bundle, then its
   * EC2 calls up to CreateFleet's answer, which at N = 100 includes moto creating 100 instances).
   */
  readonly startupMs: number | undefined;
  readonly toLaunchMs: number | undefined;
  /** How long moto took to answer the action's CreateFleet call(s), inside toLaunchMs. */
  readonly createFleetMs: number;
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
  // The watcher lists nothing until the launch: its listings would slow moto's CreateFleet.
  let launched = (): void => {};
  const launch = new Promise<void>((r) => (launched = r));
  const w = watchMoto(moto, REGION, {
    port,
    pollMs: 100,
    maxMs: timeoutMs + 60_000,
    maxInstances: n + 2,
    // A hundred instances booting at once on a loaded machine: a slow sshd start is not a failure.
    readyWithinMs: 60_000,
    // Instances have CPUs of their own, the runner has its own: here all share 2 cores. At nice 0
    // the fake instances' sshd sessions and agents (100 at once) kept the action's one thread off
    // the CPU: at N = 100 its event loop spent ~9 s of a 23 s deploy in socket writes to them
    // (sampled wall time, CPU profile) against 2.3 s of CPU all told, and every SSH session
    // waited on it. Niced, they still run as fast as the CPU allows when the action is idle.
    nice: fleetNice(),
    quietAfter: n,
    startAfter: launch,
  });
  const proxy = await startTimingProxy(moto.env.AWS_ENDPOINT_URL_EC2 ?? '');
  try {
    const {
      r,
      startedAt: t0,
      wallMs,
      launchedAt,
      firstOutputAt,
      instances,
    } = await timedDeploy(moto, {
      id,
      n,
      subnet,
      port,
      privateKey: key.privateKey,
      timeoutMs,
      onLaunched: launched,
      endpoint: proxy.endpoint,
    });
    // Boots the watcher started but has not seen finish (its event loop lags the action's).
    await w.waitFor(n, 30_000).catch(() => undefined);
    let slowest = 0;
    let maxBoot = 0;
    let maxDeliver = 0;
    let maxUpload = 0;
    let measured = 0;
    let maxSshdStart = 0;
    const log = join(tmpdir(), `spot-deploy-${id}.log`);
    writeFileSync(log, r.stdout + r.stderr);
    // Per instance, for a closer look (bench clock, ms since the spawn): listed, sshd start, and the
    // action's own timings (relative to that instance's delivery start).
    const perInstance: unknown[] = [];
    for (const i of instances) {
      const { sshReadyMs, uploadedMs, activeMs } = i.timings;
      const s = w.byId(i.id);
      const started = s?.instance?.sshdStartedAt();
      const listening = s?.instance?.sshdListeningAt();
      perInstance.push({
        id: i.id,
        launched: launchedAt === undefined ? null : Math.round(launchedAt - t0),
        listed: s === undefined ? null : Math.round(s.seenAt - t0),
        sshd: started === undefined ? null : Math.round(started - performance.timeOrigin - t0),
        listening:
          listening === undefined ? null : Math.round(listening - performance.timeOrigin - t0),
        sshReadyMs,
        uploadedMs,
        activeMs,
      });
      if (s === undefined || listening === undefined || sshReadyMs === undefined) continue;
      if (launchedAt === undefined) continue;
      measured++;
      const boot = listening - performance.timeOrigin - launchedAt;
      if (started !== undefined) maxSshdStart = Math.max(maxSshdStart, listening - started);
      const deliver = (activeMs ?? uploadedMs ?? sshReadyMs) - sshReadyMs;
      maxBoot = Math.max(maxBoot, boot);
      maxDeliver = Math.max(maxDeliver, deliver);
      maxUpload = Math.max(maxUpload, (uploadedMs ?? sshReadyMs) - sshReadyMs);
      slowest = Math.max(slowest, boot + deliver);
    }
    // And each EC2 call the action made, timed at the proxy (ms since the spawn).
    const ec2Calls = proxy.calls.map((c) => ({
      action: c.action,
      at: Math.round(c.startMs - t0),
      ms: Math.round(c.endMs - c.startMs),
    }));
    writeFileSync(
      log.replace(/\.log$/, '.json'),
      JSON.stringify({ perInstance, ec2Calls }, null, 1),
    );
    return {
      n,
      code: r.code,
      wallMs,
      ready: instances.filter((i) => i.status === 'ready').length,
      slowestBootPlusDeliverMs: slowest,
      maxBootMs: maxBoot,
      maxDeliverMs: maxDeliver,
      maxUploadMs: maxUpload,
      maxSshdStartMs: maxSshdStart,
      overheadMs: wallMs - slowest,
      startupMs: firstOutputAt === undefined ? undefined : firstOutputAt - t0,
      toLaunchMs:
        firstOutputAt === undefined || launchedAt === undefined
          ? undefined
          : launchedAt - firstOutputAt,
      createFleetMs: timeIn(proxy.calls, 'CreateFleet'),
      measured,
      log,
      errors: [...w.errors],
      tail: (r.stdout + r.stderr).slice(-3000),
    };
  } finally {
    await proxy.close();
    launched(); // a deploy that never launched: the watcher may start (and find nothing)
    // Destroy what the deploy launched, then power the fake instances off.
    await destroyDeployment(moto, id);
    await w.stop();
  }
}
