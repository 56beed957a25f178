// The fault matrix (issue 6, item 2): the unmodified built action (`node dist/index.js`, and its
// post step through STATE_*) against moto, with a fake instance (helpers/fake-instance.ts: a real
// sshd configured from the user-data moto holds) for every instance moto launches, and one fault
// per test. Every test ends by counting the deployment's instances still alive in moto: 0, or
// exactly the ready ones a scenario keeps on purpose (then destroyed).
//
// Loopback only: instances launch in a VPC whose CIDR is inside 127.0.0.0/8 (subnet-ids), so every
// address the action connects to is 127.x. That pins each run to ONE region (subnet-ids is
// one-region only; a second region would use its default VPC, whose 172.31.x addresses would become
// SSH targets), so capacity fallback is tested across pools and to on-demand, not across regions
// (fleet.moto.test.ts / fleet.test.ts cover the region order without SSH).
//
// What is emulated, and how:
// - capacity errors and throttling: moto launches whatever CreateFleet asks and never throttles,
//   so the action talks to moto through helpers/ec2-fault-proxy.ts, which answers chosen calls
//   itself: CreateFleet pools named as out of capacity get `errorSet` items (the others are
//   forwarded to moto, or moto is not asked at all when every pool fails), and the first N calls
//   of an action get 503 RequestLimitExceeded;
// - spot reclaim: the test calls TerminateInstances in moto while the instance's upload is held
//   open, and the watcher powers the fake instance off (SIGKILL to everything in it), as EC2 does;
// - a connection reset mid-upload: the instance's own `cat` (in its private /usr/local/bin, first
//   on the login PATH) copies the first 1 KiB of the upload and then SIGKILLs its sshd session
//   process, so the TCP connection dies with the upload half done;
// - the TTL: the fake instance records the `shutdown -P +N` runcmd asks for (it never shuts the
//   host down); the test honours it with N minutes scaled to N/2 seconds (ttl-minutes 10, the
//   smallest the action accepts, → 5 s after the record), then does what EC2 does
//   for InstanceInitiatedShutdownBehavior=terminate (asserted on the launch template): it calls
//   TerminateInstances in moto.
import {
  DescribeLaunchTemplateVersionsCommand,
  TerminateInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { chmodSync, chownSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';
import { cancelAsTheRunnerDoes, startStep, type StepResult } from '../helpers/action-run.js';
import { startEc2FaultProxy, type Ec2FaultProxy } from '../helpers/ec2-fault-proxy.js';
import type { FakeInstance } from '../helpers/fake-instance.js';
import {
  fakeFleetUnsupported,
  type SeenInstance,
  type WatchOptions,
} from '../helpers/fake-instance-moto.js';
import { motoFleetSuite } from '../helpers/moto-fleet-suite.js';
import { deploymentInstances } from '../helpers/moto.js';
import { until } from '../helpers/until.js';

const REGION = 'eu-west-1';
const TYPES = 't3.small,t3a.small';
const unsupported = fakeFleetUnsupported('fault-matrix');

const userKey = generateEd25519('fault-matrix-user');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The instance's own `python3` (its /usr/local/bin is private to it and comes before /usr/bin on
 * the login PATH). Only the upload's writer (`python3 -S -c <writer> …/.<sha>.part <bytes>`, which
 * hashes as it writes) is affected; any other python3 (the agent's) is the real one. `hold`: mark
 * the upload started, then stall it (the test reclaims the instance); `reset`: copy 1 KiB, mark,
 * then SIGKILL the sshd session process that runs this upload (the writer's first sshd ancestor).
 */
function writerHook(kind: 'hold' | 'reset'): string {
  const act =
    kind === 'hold'
      ? ['  : >"$HOME/upload-started"', '  sleep 60', '  exec /usr/bin/python3 "$@"']
      : [
          // 1 KiB: less than examples/bundle's compressed size (a few KiB), so the upload is cut short.
          '  head -c 1024 >"$part"',
          '  : >"$HOME/upload-reset"',
          '  p=$PPID',
          '  while [ "$p" -gt 1 ]; do',
          '    case $(cat "/proc/$p/comm") in sshd*) kill -KILL "$p"; break ;; esac',
          '    p=$(cut -d" " -f4 "/proc/$p/stat")',
          '  done',
          '  sleep 5',
          '  exit 1',
        ];
  return [
    '#!/bin/sh',
    '# fault-matrix: a fault in the upload only (see e2e/fault-matrix.test.ts)',
    'part=',
    'for a in "$@"; do case $a in *.part) part=$a ;; esac; done',
    'case $part in',
    '?*)',
    ...act,
    '  ;;',
    'esac',
    'exec /usr/bin/python3 "$@"',
    '',
  ].join('\n');
}

function installWriterHook(inst: FakeInstance, kind: 'hold' | 'reset'): void {
  const f = inst.path('/usr/local/bin/python3');
  writeFileSync(f, writerHook(kind));
  chmodSync(f, 0o755);
  chownSync(f, 0, 0);
}

describe.skipIf(unsupported !== undefined)(
  'fault matrix (built action, moto, fake instances)',
  () => {
    const fleet = motoFleetSuite({
      region: REGION,
      vpcCidr: '127.3.0.0/16',
      subnetCidr: '127.3.9.0/24',
    });
    let proxy: Ec2FaultProxy;
    const timings: string[] = [];

    // After motoFleetSuite's hooks: moto is up first, and (hooks stack) the proxy stops first.
    beforeAll(async () => {
      proxy = await startEc2FaultProxy(fleet.moto.endpoint);
    }, 60_000);
    afterEach(() => {
      proxy.reset();
    });
    afterAll(async () => {
      await proxy?.stop();
      console.log(`fault matrix timings:\n${timings.join('\n')}`);
    });

    const watch = (o: Omit<WatchOptions, 'port'> = {}) =>
      fleet.watch({ maxMs: 3 * 60_000, maxInstances: 6, ...o });

    const instancesOf = (id: string): Promise<Instance[]> =>
      deploymentInstances(fleet.moto, REGION, id);
    /** Ids of the deployment's instances not (being) terminated, sorted. */
    const alive = async (id: string) =>
      (await instancesOf(id))
        .filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''))
        .map((i) => i.InstanceId ?? '')
        .sort();

    async function terminate(ids: string[]): Promise<void> {
      const c = fleet.moto.client(REGION);
      try {
        await c.send(new TerminateInstancesCommand({ InstanceIds: ids }));
      } finally {
        c.destroy();
      }
    }

    const inputs = (id: string, extra: Record<string, string> = {}) => ({
      mode: 'deploy',
      'deployment-id': id,
      regions: REGION,
      count: '1',
      'instance-types': TYPES,
      'subnet-ids': fleet.subnet,
      'ssh-address': 'private-ip',
      'ssh-port': String(fleet.port),
      'bundle-path': 'examples/bundle',
      'ssh-private-key': userKey.privateKey,
      'launch-timeout': '30s',
      'ready-timeout': '30s',
      'artifact-name': 'none',
      ...extra,
    });

    /** The action's AWS environment: moto's, with EC2 reached through the fault proxy. */
    const awsEnv = () => ({ ...fleet.moto.env, AWS_ENDPOINT_URL_EC2: proxy.endpoint });

    type Run = StepResult;

    /** Starts the main step (or, with `state`, the post step) against moto behind the proxy. */
    const step = (env: Record<string, string>, state?: Record<string, string>) =>
      startStep(env, { env: awsEnv(), state });

    /** Runs the main step (or, with `state`, the post step) to its end. */
    const run = (env: Record<string, string>, state?: Record<string, string>): Promise<Run> =>
      step(env, state).result();

    /** The post step after `main`, as the runner runs it (STATE_* from the main step). */
    const post = (main: Run) => run({}, main.state);

    async function destroy(id: string): Promise<void> {
      const r = await run({ mode: 'destroy', 'deployment-id': id, regions: REGION });
      expect(r.code, r.log).toBe(0);
      expect(await alive(id)).toEqual([]);
    }

    const byStatus = (r: Run, status: 'ready' | 'failed') =>
      r.instances
        .filter((i) => i.status === status)
        .map((i) => i.id)
        .sort();
    const idOf = (s: SeenInstance | undefined) => s?.id ?? '(none)';

    function timed<T>(name: string, f: () => Promise<T>): () => Promise<T> {
      return async () => {
        const t0 = Date.now();
        try {
          return await f();
        } finally {
          timings.push(`  ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        }
      };
    }

    // 1. Capacity ---------------------------------------------------------------------------------

    it(
      'capacity: t3.small has no spot capacity → the next pool (t3a.small) is used',
      timed('pool fallback', async () => {
        const w = watch();
        proxy.capacity((pool) =>
          pool.instanceType === 't3.small' ? 'InsufficientInstanceCapacity' : undefined,
        );
        const r = await run(inputs('fm-pool', { count: '2' }));
        expect(r.code, r.log).toBe(0);
        // One CreateFleet: t3.small answered InsufficientInstanceCapacity, t3a.small launched.
        const fleets = proxy.calls.filter((c) => c.action === 'CreateFleet');
        expect(fleets.map((c) => c.outcome)).toEqual(['partial']);
        const types = [...(fleets[0]?.params ?? [])]
          .filter(([k]) => /^LaunchTemplateConfigs\.1\.Overrides\.\d+\.InstanceType$/.test(k))
          .map(([, v]) => v);
        expect(new Set(types)).toEqual(new Set(['t3.small', 't3a.small']));
        expect(r.log).toContain('InsufficientInstanceCapacity');
        expect(r.outputs['ready-count']).toBe('2');
        for (const i of r.instances)
          expect(i).toMatchObject({
            status: 'ready',
            instanceType: 't3a.small',
            lifecycle: 'spot',
          });
        expect(w.errors).toEqual([]);
        await destroy('fm-pool');
      }),
      90_000,
    );

    it(
      'capacity: no spot anywhere, on-demand-fallback true → on-demand instances, ready',
      timed('on-demand fallback', async () => {
        const w = watch();
        proxy.capacity((_pool, call) =>
          call.params.get('TargetCapacitySpecification.DefaultTargetCapacityType') === 'spot'
            ? 'InsufficientInstanceCapacity'
            : undefined,
        );
        const r = await run(inputs('fm-ondemand', { 'on-demand-fallback': 'true' }));
        expect(r.code, r.log).toBe(0);
        expect(proxy.count('CreateFleet', 'capacity')).toBeGreaterThanOrEqual(1);
        const forwarded = proxy.calls.filter(
          (c) => c.action === 'CreateFleet' && c.outcome === 'forwarded',
        );
        expect(forwarded).toHaveLength(1);
        expect(
          forwarded[0]?.params.get('TargetCapacitySpecification.DefaultTargetCapacityType'),
        ).toBe('on-demand');
        expect(r.instances).toHaveLength(1);
        expect(r.instances[0]).toMatchObject({ status: 'ready', lifecycle: 'on-demand' });
        expect(w.errors).toEqual([]);
        await destroy('fm-ondemand');
      }),
      90_000,
    );

    it(
      'capacity: no spot anywhere, on-demand-fallback false → the step fails, nothing launched',
      timed('no fallback', async () => {
        proxy.capacity(() => 'InsufficientInstanceCapacity');
        const r = await run(inputs('fm-nocap'));
        expect(r.code, r.log).toBe(1);
        expect(r.log).toContain('InsufficientInstanceCapacity');
        expect(proxy.count('CreateFleet', 'forwarded')).toBe(0);
        expect(
          proxy.calls.every(
            (c) =>
              c.action !== 'CreateFleet' ||
              c.params.get('TargetCapacitySpecification.DefaultTargetCapacityType') === 'spot',
          ),
        ).toBe(true);
        expect(r.outputs['ready-count'] ?? '0').toBe('0');
        const p = await post(r);
        expect(p.code, p.log).toBe(0);
        expect(await instancesOf('fm-nocap')).toEqual([]);
      }),
      90_000,
    );

    // 2. Throttling -------------------------------------------------------------------------------

    it(
      'throttling: RequestLimitExceeded bursts on CreateFleet and DescribeInstances → success',
      timed('throttling', async () => {
        const w = watch();
        // 6 CreateFleet answers: more than the SDK's own 5 attempts, so the launcher's backoff runs.
        proxy.throttle('CreateFleet', 6);
        proxy.throttle('DescribeInstances', 2);
        const r = await run(inputs('fm-throttle', { count: '2' }));
        expect(r.code, r.log).toBe(0);
        expect(proxy.count('CreateFleet', 'throttled')).toBe(6);
        expect(proxy.count('DescribeInstances', 'throttled')).toBe(2);
        expect(proxy.count('CreateFleet', 'forwarded')).toBe(1);
        expect(r.log).toContain('RequestLimitExceeded');
        expect(r.outputs['ready-count']).toBe('2');
        expect(r.instances.map((i) => i.status)).toEqual(['ready', 'ready']);
        expect(w.errors).toEqual([]);
        await destroy('fm-throttle');
      }),
      120_000,
    );

    // 3. No SSH -----------------------------------------------------------------------------------

    it(
      'one instance never answers SSH: failed at connect after ready-timeout; min-ready decides',
      timed('no ssh (both min-ready runs at once)', async () => {
        // Two deployments of 2, launched one after the other so that the watcher's discovery order
        // is known (the first of each is silent), then waiting out the 30 s timeout together.
        const w = watch({ failures: { 0: 'no-ssh', 2: 'no-ssh' } });
        const strict = step(inputs('fm-nossh-strict', { count: '2' }));
        await w.waitFor(2, 60_000);
        const lenient = step(inputs('fm-nossh-lenient', { count: '2', 'min-ready': '1' }));
        const [s, l] = await Promise.all([strict.result(), lenient.result()]);
        expect(w.errors).toEqual([]);
        const silent = w.seen.filter((x) => x.failure === 'no-ssh').map((x) => x.id);
        expect(silent).toHaveLength(2);

        for (const [r, min] of [
          [s, 2],
          [l, 1],
        ] as const) {
          expect(r.outputs['ready-count'], r.log).toBe('1');
          expect(r.outputs['failed-count']).toBe('1');
          const failed = r.instances.find((i) => i.status === 'failed');
          expect(failed).toMatchObject({ step: 'connect', adopted: false });
          expect(silent).toContain(failed?.id);
          expect(r.log).toContain(`1 of 2 instance(s) ready (min-ready ${min})`);
        }
        expect(s.code, s.log).toBe(1);
        expect(l.code, l.log).toBe(0);

        // Strict failed: its post step terminates what it launched.
        const sp = await post(s);
        expect(sp.code, sp.log).toBe(0);
        expect(await alive('fm-nossh-strict')).toEqual([]);
        // Lenient passed: the silent one was terminated in-step, the ready one is kept on purpose.
        const lp = await post(l);
        expect(lp.code, lp.log).toBe(0);
        expect(await alive('fm-nossh-lenient')).toEqual(byStatus(l, 'ready'));
        await destroy('fm-nossh-lenient');
      }),
      150_000,
    );

    // 4. Spot reclaim during delivery -------------------------------------------------------------

    it(
      'spot reclaim mid-upload: the reclaimed instance fails, the other is ready, 0 left',
      timed('spot reclaim', async () => {
        const hooked: FakeInstance[] = [];
        const w = watch({
          // slow-boot (1 s): the hook is in place before sshd listens.
          failures: { 0: 'slow-boot' },
          slowBootMs: 1_000,
          onInstance: (inst, seen) => {
            if (seen.index !== 0) return;
            installWriterHook(inst, 'hold');
            hooked.push(inst);
          },
        });
        const main = step(inputs('fm-reclaim', { count: '2', 'min-ready': '1' }));
        await w.waitFor(2, 60_000);
        const victim = w.seen[0];
        const started = await until(
          () =>
            hooked[0] !== undefined &&
            existsSync(hooked[0].path(`/home/${hooked[0].user}/upload-started`)),
          30_000,
        );
        expect(started, 'the upload to the victim never started').toBe(true);
        await terminate([idOf(victim)]); // EC2 reclaims it; the watcher powers it off
        const r = await main.result();
        expect(r.code, r.log).toBe(0);
        expect(w.errors).toEqual([]);
        expect(hooked[0]?.stopped).toBe(true);
        expect(byStatus(r, 'failed')).toEqual([idOf(victim)]);
        const failed = r.instances.find((i) => i.id === idOf(victim));
        expect(failed).toMatchObject({ status: 'failed', step: 'upload', state: 'terminated' });
        expect(failed?.error).toMatch(/connection was lost/);
        // The step reads the failed instance's state again: the cause, not just the symptom.
        expect(failed?.error).toMatch(/EC2 now reports it terminated/);
        expect(byStatus(r, 'ready')).toEqual([idOf(w.seen[1])]);
        const p = await post(r);
        expect(p.code, p.log).toBe(0);
        expect(await alive('fm-reclaim')).toEqual([idOf(w.seen[1])]);
        await destroy('fm-reclaim');
      }),
      120_000,
    );

    // 5. Connection reset mid-upload --------------------------------------------------------------

    it(
      'connection reset mid-upload: that instance fails at upload, the other is ready',
      timed('connection reset', async () => {
        const hooked: FakeInstance[] = [];
        const w = watch({
          failures: { 0: 'slow-boot' },
          slowBootMs: 1_000,
          onInstance: (inst, seen) => {
            if (seen.index !== 0) return;
            installWriterHook(inst, 'reset');
            hooked.push(inst);
          },
        });
        const main = step(inputs('fm-reset', { count: '2', 'min-ready': '1' }));
        // Watched while the run goes on: the failed instance is terminated (and its files removed)
        // before the step ends.
        const reset = until(() => {
          const inst = hooked[0];
          return inst !== undefined && existsSync(inst.path(`/home/${inst.user}/upload-reset`));
        }, 60_000);
        const r = await main.result();
        expect(r.code, r.log).toBe(0);
        expect(await reset, 'the reset fault never fired').toBe(true);
        expect(w.errors).toEqual([]);
        const victim = idOf(w.seen[0]);
        expect(byStatus(r, 'failed')).toEqual([victim]);
        const failed = r.instances.find((i) => i.id === victim);
        expect(failed).toMatchObject({ step: 'upload' });
        expect(failed?.error).toMatch(/connection was lost/);
        expect(byStatus(r, 'ready')).toEqual([idOf(w.seen[1])]);
        // Failed instances are terminated in-step; the post step keeps the ready one.
        const p = await post(r);
        expect(p.code, p.log).toBe(0);
        expect(await alive('fm-reset')).toEqual([idOf(w.seen[1])]);
        await destroy('fm-reset');
      }),
      120_000,
    );

    // 6. Setup hook fails -------------------------------------------------------------------------

    it(
      "setup hook fails on one instance: failed at setup with the hook's output in diagnostics",
      timed('setup fails', async () => {
        const w = watch({ failures: { 0: 'setup-fails' } });
        const r = await run(inputs('fm-setup', { count: '2', 'min-ready': '1' }));
        expect(r.code, r.log).toBe(0);
        expect(w.errors).toEqual([]);
        const victim = idOf(w.seen[0]);
        const failed = r.instances.find((i) => i.id === victim);
        expect(failed).toMatchObject({ status: 'failed', step: 'setup' });
        // The agent's account of the hook (examples/bundle/setup.sh prints nothing itself; the fault
        // makes the agent kill it), as read back from the instance's journal.
        expect(failed?.error).toContain('FAILED at step setup');
        expect(failed?.diagnostics).toContain('$ /bin/sh setup.sh');
        expect(failed?.diagnostics).toContain('FAILED at step setup: setup.sh timed out');
        expect(byStatus(r, 'ready')).toEqual([idOf(w.seen[1])]);
        const p = await post(r);
        expect(p.code, p.log).toBe(0);
        expect(await alive('fm-setup')).toEqual([idOf(w.seen[1])]);
        await destroy('fm-setup');
      }),
      120_000,
    );

    // 7. Main step killed -------------------------------------------------------------------------

    it(
      'main step killed right after launch (SIGINT, then SIGTERM): the post step leaves 0',
      timed('killed main step', async () => {
        const w = watch({ failures: { 0: 'slow-boot', 1: 'slow-boot' }, slowBootMs: 3_000 });
        const { files, main, result } = step(inputs('fm-killed', { count: '2' }));
        const launched = await until(
          () => readFileSync(files.state, 'utf8').includes('launched'),
          60_000,
        );
        expect(launched).toBe(true);
        await cancelAsTheRunnerDoes(main);
        const m = await result();
        expect(m.state.succeeded).toBeUndefined();
        expect((await alive('fm-killed')).length).toBe(2);
        await w.waitFor(2, 30_000);
        const p = await post(m);
        expect(p.code, p.log).toBe(0);
        expect(p.stdout).toContain('terminated');
        expect(await alive('fm-killed')).toEqual([]);
        await w.settle();
        expect(w.seen.every((s) => s.instance?.stopped)).toBe(true);
        expect(w.errors).toEqual([]);
      }),
      120_000,
    );

    // 8. Runner gone: the TTL ---------------------------------------------------------------------

    it(
      'runner gone (no post step): the TTL shutdown terminates the instance (scaled 1 min → 0.5 s)',
      timed('ttl', async () => {
        const w = watch();
        const r = await run(inputs('fm-ttl', { 'ttl-minutes': '10', cleanup: 'always' }));
        expect(r.code, r.log).toBe(0);
        expect(w.errors).toEqual([]);
        const [only] = w.seen;
        const inst = only?.instance;
        expect(inst).toBeDefined();
        // Real EC2 terminates an instance that shuts itself down when the launch template says so.
        const c = fleet.moto.client(REGION);
        const lt = await c.send(
          new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'spot-deploy-fm-ttl' }),
        );
        c.destroy();
        expect(
          lt.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.InstanceInitiatedShutdownBehavior,
        ).toBe('terminate');
        // cleanup: always would terminate it in the post step, which never runs: the runner is gone.
        const recorded = inst?.read('/var/lib/fake-instance/shutdown.log') ?? '';
        const m = / shutdown -P \+(\d+)\n$/.exec(recorded);
        expect(m, recorded).not.toBeNull();
        const minutes = Number(m?.[1]);
        expect(minutes).toBe(10); // the smallest ttl-minutes the action accepts
        expect(await alive('fm-ttl')).toEqual([idOf(only)]);
        // The emulated TTL: N minutes after boot become N/2 seconds after the shutdown was recorded.
        const askedAt = statSync(inst?.path('/var/lib/fake-instance/shutdown.log') ?? '').mtimeMs;
        await sleep(Math.max(0, askedAt + minutes * 500 - Date.now()));
        await terminate([idOf(only)]); // InstanceInitiatedShutdownBehavior=terminate
        expect(await alive('fm-ttl')).toEqual([]);
        await w.settle();
        expect(inst?.stopped).toBe(true);
      }),
      90_000,
    );

    // 9. Cleanup against real-AWS behaviour --------------------------------------------------------

    /**
     * Starts a deploy of `count` instances and cancels it as the runner does (SIGINT, SIGTERM, then
     * SIGKILL) 1 s after its CreateFleet answered, so the post step has launched ids to clean up.
     */
    async function cancelAfterLaunch(id: string, count: number): Promise<Run> {
      const { files, main, result } = step(inputs(id, { count: String(count) }));
      const launched = await until(
        () =>
          proxy.count('CreateFleet', 'forwarded') > 0 &&
          readFileSync(files.state, 'utf8').includes('launched'),
        60_000,
      );
      expect(launched, 'the main step never launched').toBe(true);
      await sleep(1_000);
      await cancelAsTheRunnerDoes(main);
      const m = await result();
      expect(m.state.succeeded).toBeUndefined();
      expect((await alive(id)).length).toBe(count);
      return m;
    }

    it(
      'cancelled 1 s after CreateFleet, NotFound on the first TerminateInstances: the post step asks again, 0 left',
      timed('cancel + terminate NotFound', async () => {
        const m = await cancelAfterLaunch('fm-cancel-nf', 1);
        // EC2 answers NotFound for the fresh id while moto still has it running.
        proxy.terminateNotFound(1);
        const p = await post(m);
        expect(p.code, p.log).toBe(0);
        expect(proxy.count('TerminateInstances', 'terminate-not-found')).toBe(1);
        expect(proxy.count('TerminateInstances', 'forwarded')).toBeGreaterThanOrEqual(1);
        expect(p.log).toContain('InvalidInstanceID.NotFound');
        expect(await alive('fm-cancel-nf')).toEqual([]);
      }),
      90_000,
    );

    it(
      'expired credentials at post: the post step fails naming every instance left and the janitor',
      timed('expired credentials at post', async () => {
        const m = await cancelAfterLaunch('fm-expired', 2);
        const left = await alive('fm-expired');
        proxy.expiredCredentials(true);
        const p = await post(m);
        expect(p.code, p.log).toBe(1);
        // core.setFailed: one `::error::` line, its newlines escaped as %0A.
        const failure = (/^::error::(.*)$/m.exec(p.stdout)?.[1] ?? '')
          .replace(/%0D/g, '\r')
          .replace(/%0A/g, '\n')
          .replace(/%25/g, '%');
        expect(failure).toContain('the AWS credentials were refused (ExpiredToken in eu-west-1)');
        for (const id of left) expect(failure).toContain(id);
        expect(failure).toMatch(/eu-west-1: instances i-[0-9a-f]+, i-[0-9a-f]+\n/);
        expect(failure).toContain(`${REGION}: security group spot-deploy-fm-expired`);
        expect(failure).toContain(`${REGION}: launch template spot-deploy-fm-expired`);
        expect(failure).toContain('`mode: destroy` with `deployment-id: expired`');
        expect(failure).toContain('node dist/cli.js destroy --deployment-id fm-expired');
        expect(proxy.count('TerminateInstances', 'forwarded')).toBe(0);
        // Nothing was terminated: exactly what the message names is still there.
        expect(await alive('fm-expired')).toEqual(left);
        // Not a destroy: it would wait out the deploy lock the killed main step still holds (the
        // post step could not release it either; its lease ends it).
        proxy.expiredCredentials(false);
        await terminate(left);
        expect(await alive('fm-expired')).toEqual([]);
      }),
      90_000,
    );
  },
);
