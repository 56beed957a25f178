// Safe releases end to end (issue 11): the built action (node dist/index.js, unmodified) against
// moto, with a fake instance for every instance moto launches (helpers/fake-instance.ts: a real
// sshd at its loopback private IP, real sudo, the user-data's bootstrap and the bundle's real
// agent). Four instances serve release A; then
//   1. a bad release B (its health check fails) with `batch-size: 1`, `max-failed: 0`: exactly one
//      instance is attempted, its agent rolls it back to A, the other three are never touched, and
//      the step fails naming batch 1;
//   2. a good release C with `batch-size: 50%`: two batches whose activations do not overlap;
//   3. `mode: rollback`: all four go back to A (the release before C);
//   4. `mode: rollback` with a `rollback-to` no instance has: every instance is reported failed
//      and is left on A.
// Nothing here is sent anywhere but 127.0.0.0/8.
import { type Instance } from '@aws-sdk/client-ec2';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';
import type { InstanceResult } from '../../src/report/results.js';
import { actionEnv, actionFiles, readCommandFile, startAction } from '../helpers/action-run.js';
import type { FakeInstance } from '../helpers/fake-instance.js';
import {
  fakeFleetUnsupported,
  watchMoto,
  type MotoWatcher,
} from '../helpers/fake-instance-moto.js';
import {
  deploymentInstances,
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  type Moto,
} from '../helpers/moto.js';
import { freePort } from '../helpers/sshd.js';

const REGION = 'eu-west-1';
const ID = 'safe-releases';
const unsupported = fakeFleetUnsupported('releases e2e');

const userKey = generateEd25519('releases-user');
/** Every release carries a marker file; the health check asks for it in the release directory. */
const HEALTH = 'test -f HEALTHY';

interface Status {
  sha256?: string;
  state?: string;
  step?: string;
  rolledBackTo?: string;
  current?: string | null;
  started_at?: string;
  finished_at?: string | null;
}

describe.skipIf(unsupported !== undefined)(
  'safe releases (built action, moto, fake instances)',
  () => {
    let moto: Moto;
    let subnet = '';
    let port = 0;
    let watcher: MotoWatcher | undefined;
    const scratch = mkdtempSync(join(tmpdir(), 'releases-'));

    beforeAll(async () => {
      moto = await startMoto({ amis: IMAGE_CATALOGUE });
      subnet = await loopbackSubnet(moto, REGION, '127.3.0.0/16', '127.3.11.0/24');
      port = await freePort();
    }, 60_000);
    afterEach(async () => {
      await watcher?.stop();
      watcher = undefined;
    });
    afterAll(async () => {
      await moto?.stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    /** examples/bundle plus a VERSION file; `healthy` decides whether it carries the marker. */
    function bundle(name: string, healthy: boolean): string {
      const dir = join(scratch, name);
      cpSync(resolve('examples/bundle'), dir, { recursive: true });
      writeFileSync(join(dir, 'app', 'VERSION'), `${name}\n`);
      if (healthy) writeFileSync(join(dir, 'HEALTHY'), 'yes\n');
      return dir;
    }

    const inputs = (extra: Record<string, string> = {}) => ({
      mode: 'deploy',
      'deployment-id': ID,
      regions: REGION,
      count: '4',
      'subnet-ids': subnet,
      'ssh-address': 'private-ip',
      'ssh-port': String(port),
      'ssh-private-key': userKey.privateKey,
      'health-check': HEALTH,
      // The agent gives a health check 300 s by default: 8 s here, well inside ready-timeout.
      env: 'SPOT_DEPLOY_HEALTH_TIMEOUT=8',
      'launch-timeout': '60s',
      'ready-timeout': '60s',
      'artifact-name': 'none',
      ...extra,
    });

    async function run(env: Record<string, string>) {
      const files = actionFiles();
      // The bundles live in the scratch dir: it is the workspace (bundle-path must be inside it).
      const ws = { GITHUB_WORKSPACE: scratch };
      const r = await startAction(actionEnv(files, env, { ...moto.env, ...ws })).done;
      const outputs = readCommandFile(files.output);
      const instances = JSON.parse(outputs.instances ?? '[]') as InstanceResult[];
      const summary = existsSync(files.summary) ? readFileSync(files.summary, 'utf8') : '';
      return { ...r, outputs, instances, summary };
    }

    const fakeOf = (id: string): FakeInstance => {
      const inst = watcher?.byId(id)?.instance;
      if (!inst) throw new Error(`no fake instance for ${id}: ${watcher?.errors.join('; ')}`);
      return inst;
    };
    const statusOf = (id: string) => fakeOf(id).status() as Status;
    const currentOf = (id: string) => readlinkSync(fakeOf(id).path('/opt/spot-deploy/current'));
    const release = (sha: string) => `/opt/spot-deploy/releases/${sha}`;
    const live = async () =>
      (await deploymentInstances(moto, REGION, ID))
        .filter((i: Instance) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''))
        .map((i) => i.InstanceId ?? '')
        .sort();

    it('rolls a bad release back one batch deep, rolls a good one out in batches, and rolls back on demand', async () => {
      watcher = watchMoto(moto, REGION, { port, maxMs: 8 * 60_000, maxInstances: 4 });

      // A: four fresh instances.
      const a = await run(inputs({ 'bundle-path': bundle('A', true) }));
      expect(a.code, a.stdout + a.stderr).toBe(0);
      const shaA = a.outputs['bundle-sha256'] ?? '';
      const ids = a.instances.map((i) => i.id).sort();
      expect(ids).toHaveLength(4);
      for (const id of ids) expect(statusOf(id)).toMatchObject({ sha256: shaA, state: 'ready' });

      // 1. B fails its health check; batch-size 1, max-failed 0: one instance tries and rolls back.
      const b = await run(
        inputs({ 'bundle-path': bundle('B', false), 'batch-size': '1', 'max-failed': '0' }),
      );
      expect(b.code, b.stdout).not.toBe(0);
      const shaB = b.outputs['bundle-sha256'] ?? '';
      const attempted = b.instances.filter((i) => i.status === 'failed');
      const skipped = b.instances.filter((i) => i.status === 'skipped');
      expect(attempted).toHaveLength(1);
      expect(skipped).toHaveLength(3);
      const tried = attempted[0]?.id ?? '';
      expect(attempted[0]).toMatchObject({ step: 'health-check', rolledBackTo: shaA });
      expect(b.stdout + b.stderr).toMatch(/stopped at batch 1 of 4/);
      expect(b.stdout + b.stderr).toContain(tried);
      // The step summary says it: the batch that stopped, and the instance rolled back to A.
      expect(b.summary).toContain(`rolled back to \`${shaA.slice(0, 12)}\``);
      expect(b.summary).toContain(tried);
      // On the instance: B failed at its health check, A is current again.
      expect(statusOf(tried)).toMatchObject({
        sha256: shaB,
        state: 'rolled-back',
        step: 'health-check',
        rolledBackTo: shaA,
        current: shaA,
      });
      expect(currentOf(tried)).toBe(release(shaA));
      // The other three never saw B: still on A, their status untouched.
      for (const i of skipped) {
        expect(statusOf(i.id)).toMatchObject({ sha256: shaA, state: 'ready' });
        expect(currentOf(i.id)).toBe(release(shaA));
      }
      // Nothing was terminated: the adopted fleet keeps serving.
      expect(await live()).toEqual(ids);

      // 2. C is good; batch-size 50%: two batches of two, the second after the first.
      const c = await run(inputs({ 'bundle-path': bundle('C', true), 'batch-size': '50%' }));
      expect(c.code, c.stdout + c.stderr).toBe(0);
      const shaC = c.outputs['bundle-sha256'] ?? '';
      expect(c.instances.map((i) => i.batch?.number).sort()).toEqual([1, 1, 2, 2]);
      const inBatch = (n: number) => c.instances.filter((i) => i.batch?.number === n);
      const firstEnd = Math.max(...inBatch(1).map((i) => Date.parse(i.batch?.finishedAt ?? '')));
      const secondStart = Math.min(...inBatch(2).map((i) => Date.parse(i.batch?.startedAt ?? '')));
      expect(firstEnd).toBeLessThanOrEqual(secondStart);
      // Seen from the instances too: every activation of batch 1 ended before batch 2's began.
      const activations = (n: number) => inBatch(n).map((i) => statusOf(i.id));
      const done1 = Math.max(...activations(1).map((s) => Date.parse(s.finished_at ?? '')));
      const began2 = Math.min(...activations(2).map((s) => Date.parse(s.started_at ?? '')));
      expect(done1).toBeLessThanOrEqual(began2);
      for (const id of ids) expect(statusOf(id)).toMatchObject({ sha256: shaC, state: 'ready' });

      // 3. mode rollback: every instance back to the release before C, which is A.
      const back = await run({
        mode: 'rollback',
        'deployment-id': ID,
        regions: REGION,
        'ssh-address': 'private-ip',
        'ssh-port': String(port),
        'ssh-private-key': userKey.privateKey,
      });
      expect(back.code, back.stdout + back.stderr).toBe(0);
      expect(back.outputs['ready-count']).toBe('4');
      for (const i of back.instances) {
        expect(i).toMatchObject({ status: 'ready', sha256Before: shaC, sha256After: shaA });
        expect(currentOf(i.id)).toBe(release(shaA));
      }

      // 4. rollback-to a release no instance has: all failed, all unchanged.
      const unknown = 'f'.repeat(64);
      const nowhere = await run({
        mode: 'rollback',
        'deployment-id': ID,
        regions: REGION,
        'ssh-address': 'private-ip',
        'ssh-port': String(port),
        'ssh-private-key': userKey.privateKey,
        'rollback-to': unknown,
      });
      expect(nowhere.code).not.toBe(0);
      expect(nowhere.outputs['failed-count']).toBe('4');
      for (const i of nowhere.instances) {
        expect(i).toMatchObject({ status: 'failed', step: 'rollback' });
        expect(currentOf(i.id)).toBe(release(shaA));
      }

      const gone = await run({ mode: 'destroy', 'deployment-id': ID, regions: REGION });
      expect(gone.code, gone.stdout + gone.stderr).toBe(0);
      expect(await live()).toEqual([]);
    }, 600_000);
  },
);
