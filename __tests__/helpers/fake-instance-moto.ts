/**
 * Gives moto's instances a body: polls moto for instances whose private IP is a loopback address
 * (a VPC made with a CIDR inside 127.0.0.0/8), reads each one's user-data back from EC2
 * (DescribeInstanceAttribute userData) and boots a fake instance at that address
 * (./fake-instance.ts). When moto says an instance is shutting down or terminated, its fake
 * instance is powered off. Addresses outside 127.0.0.0/8 are never touched.
 */
import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { hasMoto, type Moto } from './moto.js';
import {
  fakeInstanceSupport,
  startFakeInstance,
  type FakeFault,
  type FakeInstance,
} from './fake-instance.js';

/**
 * `no-ssh`: the instance is never booted (nothing listens at its address); `slow-boot`: sshd starts
 * `slowBootMs` late (the action's connect retries must wait for it).
 */
/**
 * Why a suite of moto-launched fake instances cannot run here (undefined: it can). Under CI a
 * missing piece fails the suite instead of skipping it: `.ci/run` installs all of them.
 */
export function fakeFleetUnsupported(suite: string): string | undefined {
  const why = hasMoto
    ? fakeInstanceSupport()
    : "moto_server is missing (pip install 'moto[server]')";
  if (process.env.CI && why) throw new Error(`${suite} needs: ${why}`);
  return why;
}

export type WatchFailure = FakeFault | 'no-ssh' | 'slow-boot';

export interface WatchOptions {
  /** The port every fake instance listens on (the deployment's `ssh-port`). */
  readonly port: number;
  /** Faults by discovery index (0 = the first loopback instance this watcher sees). */
  readonly failures?: Readonly<Record<number, WatchFailure>>;
  readonly onInstance?: (instance: FakeInstance, seen: SeenInstance) => void;
  /** How late a `slow-boot` instance starts sshd. Default 5 s. */
  readonly slowBootMs?: number;
  /** Milliseconds between polls. Default 200. */
  readonly pollMs?: number;
  /** The watcher stops polling after this long. Default 10 minutes. */
  readonly maxMs?: number;
  /** Bound on each fake instance's sshd starting to listen (startFakeInstance's default: 10 s). */
  readonly readyWithinMs?: number;
  /** Every fake instance's niceness (FakeInstanceOptions.nice). */
  readonly nice?: number;
  /** At most this many instances are booted. Default 20. */
  readonly maxInstances?: number;
  /**
   * Stop listing once this many instances are seen (the benches: the fleet is all there, and
   * `stop()` powers every body off). Moto answers one request at a time and a listing of 100
   * instances takes it ~0.5 s, so the watcher's polls held up the action's own EC2 calls (its
   * report phase took 0.5 s at N = 100 against 0.1 s at N = 1) and the bench charged that to
   * the action. Terminations are then not followed: `settle()` is for the other callers.
   */
  readonly quietAfter?: number;
  /**
   * Start listing only once this settles (the fleet bench: when the action says it launched).
   * Moto serves a listing in a thread while it creates another request's instances: with one
   * every 100 ms, RunInstances of 100 took 841 ms against 527 ms alone (medians of 6,
   * bench/x-poll, not kept), and the bench charged that slower simulated cloud to the action.
   */
  readonly startAfter?: Promise<unknown>;
}

export interface SeenInstance {
  readonly id: string;
  readonly index: number;
  readonly address: string;
  readonly failure?: WatchFailure;
  /** performance.now() of the poll that first listed it. */
  readonly seenAt: number;
  /** Booted and listening, or (no-ssh / an error) not. */
  instance?: FakeInstance;
  /** Why it could not be booted. */
  error?: string;
}

export interface MotoWatcher {
  /** Loopback instances in discovery order. */
  readonly seen: readonly SeenInstance[];
  /** Errors from polling or booting (a test should expect none). */
  readonly errors: readonly string[];
  byId(id: string): SeenInstance | undefined;
  /** Waits (bounded) until `n` instances have been seen and the booted ones listen. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** Waits (bounded) until every instance moto terminated has been powered off. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const GONE = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);
const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function userDataOf(ec2: EC2Client, id: string): Promise<Buffer> {
  const r = await ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
  );
  const b64 = r.UserData?.Value;
  if (!b64) throw new Error(`${id} has no user-data in moto`);
  return Buffer.from(b64, 'base64');
}

export function watchMoto(moto: Moto, region: string, o: WatchOptions): MotoWatcher {
  const ec2 = moto.client(region);
  const seen: SeenInstance[] = [];
  const errors: string[] = [];
  const pending = new Set<Promise<void>>();
  const powerOffs = new Set<Promise<void>>();
  const maxInstances = o.maxInstances ?? 20;
  const until = Date.now() + (o.maxMs ?? 10 * 60_000);
  let running = true;
  let lastPoll = 0;

  const boot = (s: SeenInstance): void => {
    const p = (async () => {
      try {
        const userData = await userDataOf(ec2, s.id);
        const f = s.failure;
        const inst = await startFakeInstance({
          address: s.address,
          port: o.port,
          userData,
          faults: f && f !== 'no-ssh' && f !== 'slow-boot' ? [f] : [],
          ...(f === 'slow-boot' ? { bootDelayMs: o.slowBootMs ?? 5_000 } : {}),
          ...(o.readyWithinMs === undefined ? {} : { readyWithinMs: o.readyWithinMs }),
          ...(o.nice === undefined ? {} : { nice: o.nice }),
        });
        s.instance = inst;
        if (!running) await inst.stop();
        else o.onInstance?.(inst, s);
      } catch (e) {
        s.error = e instanceof Error ? e.message : String(e);
        errors.push(`${s.id} (${s.address}): ${s.error}`);
      }
    })();
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const poll = async (): Promise<void> => {
    // Every page (moto pages at 100), bounded: a fleet at `count`'s maximum fills one.
    const all: Instance[] = [];
    let token: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await ec2.send(
        new DescribeInstancesCommand(token === undefined ? {} : { NextToken: token }),
      );
      all.push(...(r.Reservations ?? []).flatMap((x) => x.Instances ?? []));
      if (!r.NextToken || r.NextToken === token) break;
      token = r.NextToken;
    }
    const fresh = all
      .filter((i) => i.InstanceId && !seen.some((s) => s.id === i.InstanceId))
      .filter((i) => LOOPBACK.test(i.PrivateIpAddress ?? ''))
      .filter((i) => !GONE.has(i.State?.Name ?? ''))
      .sort(
        (a, b) =>
          (a.LaunchTime?.getTime() ?? 0) - (b.LaunchTime?.getTime() ?? 0) ||
          (a.AmiLaunchIndex ?? 0) - (b.AmiLaunchIndex ?? 0) ||
          (a.InstanceId ?? '').localeCompare(b.InstanceId ?? ''),
      );
    for (const i of fresh) {
      if (seen.length >= maxInstances) {
        errors.push(`more than ${maxInstances} instances: ${i.InstanceId} left without a body`);
        break;
      }
      const index = seen.length;
      const failure = o.failures?.[index];
      const s: SeenInstance = {
        id: i.InstanceId ?? '',
        index,
        address: i.PrivateIpAddress ?? '',
        seenAt: performance.now(),
        ...(failure ? { failure } : {}),
      };
      seen.push(s);
      if (failure !== 'no-ssh') boot(s);
    }
    for (const i of all) {
      const s = seen.find((x) => x.id === i.InstanceId);
      if (s?.instance && !s.instance.stopped && GONE.has(i.State?.Name ?? '')) {
        const p = s.instance.stop();
        powerOffs.add(p);
        void p.finally(() => powerOffs.delete(p));
      }
    }
  };

  // Released by startAfter, by stop() or at the watcher's end, whichever comes first.
  let release = (): void => {};
  const started = new Promise<void>((resolve) => {
    if (o.startAfter === undefined) return resolve();
    const t = setTimeout(resolve, Math.max(0, until - Date.now()));
    release = () => {
      clearTimeout(t);
      resolve();
    };
    void o.startAfter.then(release, release);
  });
  const loop = (async () => {
    await started;
    while (running && Date.now() < until && seen.length < (o.quietAfter ?? Infinity)) {
      const t = Date.now();
      try {
        await poll();
      } catch (e) {
        if (running) errors.push(`poll: ${e instanceof Error ? e.message : String(e)}`);
      }
      lastPoll = Date.now();
      // At least twice the poll's own time between polls: moto answers one request at a time, and
      // listing 100 instances every 100 ms (~0.5 s each at load 30) kept it busy, so the action's
      // own EC2 calls queued behind the watcher's and its overhead grew with N.
      await sleep(Math.max(o.pollMs ?? 200, 2 * (lastPoll - t)));
    }
  })();

  /** The instances started so far (no-ssh ones and failed boots have none). */
  const booted = (): FakeInstance[] => seen.flatMap((s) => (s.instance ? [s.instance] : []));

  const waitPolled = async (deadline: number) => {
    const since = Date.now();
    while (lastPoll <= since && Date.now() < deadline) await sleep(50);
  };

  return {
    seen,
    errors,
    byId: (id) => seen.find((s) => s.id === id),
    async waitFor(n, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (seen.length < n && Date.now() < deadline) await sleep(100);
      if (seen.length < n) throw new Error(`saw ${seen.length} of ${n} instances in time`);
      await Promise.all([...pending]);
      await Promise.all(booted().map((i) => i.ready));
    },
    async settle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      await waitPolled(deadline);
      await Promise.race([Promise.all([...powerOffs]), sleep(Math.max(0, deadline - Date.now()))]);
    },
    async stop() {
      running = false;
      release();
      await loop;
      await Promise.all([...pending]);
      await Promise.all(booted().map((i) => i.stop()));
      ec2.destroy();
    },
  };
}
