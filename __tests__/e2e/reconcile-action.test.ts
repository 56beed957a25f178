// mode reconcile end to end (issue 13's acceptance): the built action (`node dist/index.js`, and
// its post step through STATE_*) against moto behind the EC2 fault proxy, a fake instance
// (helpers/fake-instance.ts: real sshd, sudo, bootstrap and agent) for every instance moto
// launches, and both halves of GitHub's artifact service on loopback
// (helpers/fake-github-artifacts.ts): the deploy run uploads its artifact there, the reconcile
// runs download it from there.
//
//   1. deploy 4 (run 7001, artifact uploaded);
//   2. 2 reclaimed: terminated in moto, and shown by the proxy with EC2's spot reason (moto's
//      TerminateInstances always records a user-initiated shutdown); a 3rd drained by its watcher
//      (status.json `interrupted`);
//   3. reconcile (run 7002): 4 ready, the 3 new on the same sha256 from run 7001's artifact, the
//      4th untouched (no upload timing, its files as they were); its post step keeps the 4;
//   4. reconcile again (run 7003): nothing launched, downloaded or uploaded;
//   5. one more lost, the artifact expired: reconcile (run 7004) fails saying so and to redeploy,
//      nothing launched or terminated, and its post step terminates nothing either.
// Nothing here is sent anywhere but 127.0.0.0/8.
import { createHash } from 'node:crypto';
import {
  DescribeInstancesCommand,
  EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';
import { runStep, type StepResult } from '../helpers/action-run.js';
import {
  SPOT_RECLAIMED,
  startEc2FaultProxy,
  type Ec2FaultProxy,
} from '../helpers/ec2-fault-proxy.js';
import {
  startFakeGitHubArtifacts,
  unzip,
  type FakeGitHubArtifacts,
} from '../helpers/fake-github-artifacts.js';
import type { FakeInstance } from '../helpers/fake-instance.js';
import {
  fakeFleetUnsupported,
  watchMoto,
  type MotoWatcher,
} from '../helpers/fake-instance-moto.js';
import { footprint, markInterrupted } from '../helpers/instance-footprint.js';
import {
  deploymentInstances,
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  terminateAll,
  type Moto,
} from '../helpers/moto.js';
import { freePort } from '../helpers/sshd.js';

const REGION = 'eu-west-1';
const ID = 'heal-e2e';
const REPOSITORY = 'octo/app';
const RUN = { deploy: '7001', reconcile: '7002', again: '7003', gone: '7004' } as const;
const ARTIFACT = `spot-deploy-${ID}-${RUN.deploy}-1`;
const ENV = 'GREETING=hi\nAPI_TOKEN=reconcile-e2e-secret';
const TOKEN = 'ghs_reconcileE2eToken';
const unsupported = fakeFleetUnsupported('reconcile e2e');

const userKey = generateEd25519('reconcile-e2e-user');

type Run = StepResult;

describe.skipIf(unsupported !== undefined)(
  'mode reconcile (built action, moto, fake instances, fake GitHub artifacts)',
  () => {
    let moto: Moto;
    let proxy: Ec2FaultProxy;
    let api: FakeGitHubArtifacts;
    let watcher: MotoWatcher;
    let ec2: EC2Client;
    let subnet = '';
    let port = 0;
    /** What the steps left for the next one. */
    const at = { sha: '', fleet: [] as string[], keep: '', lost: [] as string[] };

    beforeAll(async () => {
      moto = await startMoto({ amis: IMAGE_CATALOGUE });
      proxy = await startEc2FaultProxy(moto.endpoint);
      api = await startFakeGitHubArtifacts({ repository: REPOSITORY });
      ec2 = moto.client(REGION);
      subnet = await loopbackSubnet(moto, REGION, '127.6.0.0/16', '127.6.9.0/24');
      port = await freePort();
      watcher = watchMoto(moto, REGION, { port, maxMs: 8 * 60_000, maxInstances: 10 });
    }, 60_000);
    afterAll(async () => {
      // Nothing leaks into another suite: every instance terminated, every body powered off.
      if (ec2) {
        await terminateAll(moto, REGION);
        ec2.destroy();
      }
      await watcher?.stop();
      await api?.close();
      await proxy?.stop();
      await moto?.stop();
    });

    const inputs = (mode: string, extra: Record<string, string> = {}) => ({
      mode,
      'deployment-id': ID,
      regions: REGION,
      'instance-types': 't3.small',
      'subnet-ids': subnet,
      'ssh-address': 'private-ip',
      'ssh-port': String(port),
      'ssh-private-key': userKey.privateKey,
      env: ENV,
      // What the runner substitutes for the input's default, `${{ github.token }}`.
      'github-token': TOKEN,
      'launch-timeout': '60s',
      'ready-timeout': '60s',
      ...extra,
    });

    /** One step of run `runId` (its post step with `state`), as the runner runs it. */
    const step = (
      runId: string,
      values: Record<string, string>,
      o: { state?: Record<string, string>; marks?: readonly string[] } = {},
    ): Promise<Run> =>
      runStep(values, {
        ...o,
        env: {
          ...moto.env,
          AWS_ENDPOINT_URL_EC2: proxy.endpoint,
          ...api.env(runId),
          GITHUB_REPOSITORY: REPOSITORY,
          GITHUB_RUN_ID: runId,
        },
      });

    const alive = async () =>
      (await deploymentInstances(moto, REGION, ID))
        .filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''))
        .map((i) => i.InstanceId ?? '')
        .sort();
    const fakeOf = (id: string): FakeInstance => {
      const inst = watcher.byId(id)?.instance;
      if (!inst) throw new Error(`no fake instance for ${id}: ${watcher.errors.join('; ')}`);
      return inst;
    };
    /** EC2 reclaims `ids`: terminated in moto, shown with the spot reason through the proxy. */
    async function reclaim(ids: string[]) {
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
      proxy.showTerminated(ids, SPOT_RECLAIMED);
      await watcher.settle();
    }
    const zipRequests = () => api.requests.filter((q) => /\/artifacts\/\d+\/zip$/.test(q.path));
    /** The secrets appear only in the runner's `::add-mask::` commands, never in what it shows. */
    const secretFree = (r: Run) => {
      const log = r.log
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n');
      for (const text of [log, r.summary, JSON.stringify(r.outputs)]) {
        expect(text).not.toContain('reconcile-e2e-secret');
        expect(text).not.toContain(TOKEN);
      }
    };

    it('deploys 4 and uploads the bundle as the run artifact', async () => {
      api.set({});
      const d = await step(
        RUN.deploy,
        inputs('deploy', { count: '4', 'bundle-path': 'examples/bundle' }),
      );
      expect(d.code, d.log).toBe(0);
      expect(d.instances.map((i) => i.status)).toEqual(Array(4).fill('ready'));
      at.sha = d.outputs['bundle-sha256'] ?? '';
      at.fleet = d.instances.map((i) => i.id).sort();
      expect(await alive()).toEqual(at.fleet);
      // The artifact the reconcile will fetch: run 7001's, holding exactly the bundle delivered.
      const uploaded = api.artifacts.filter((a) => a.runId === RUN.deploy);
      expect(uploaded.map((a) => a.name)).toEqual([ARTIFACT]);
      expect(d.outputs['artifact-id']).toBe(String(uploaded[0]?.id));
      const bundle = unzip(uploaded[0]?.zip ?? Buffer.alloc(0)).get('bundle.tar.gz');
      expect(
        createHash('sha256')
          .update(bundle ?? '')
          .digest('hex'),
      ).toBe(at.sha);
      expect(watcher.errors).toEqual([]);
    }, 240_000);

    it('2 reclaimed, 1 interrupted: reconcile brings back 4 on the same release from the artifact, the ready one untouched', async () => {
      const [a, b, c, keep] = at.fleet;
      if (!a || !b || !c || !keep) throw new Error('the deploy left no fleet of 4');
      await reclaim([a, b]);
      // What the action sees when it looks: EC2's spot reason, not moto's user-initiated one.
      const seen = new EC2Client({
        region: REGION,
        endpoint: proxy.endpoint,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      });
      const shown = await seen.send(new DescribeInstancesCommand({ InstanceIds: [a, b] }));
      seen.destroy();
      expect(
        (shown.Reservations ?? [])
          .flatMap((r) => r.Instances ?? [])
          .map((i) => i.StateReason?.Code),
      ).toEqual([SPOT_RECLAIMED.code, SPOT_RECLAIMED.code]);
      markInterrupted(fakeOf(c));
      const before = footprint(fakeOf(keep));
      const booted = watcher.seen.length;
      proxy.reset();
      api.set({});

      // Where the time goes: the lines the step prints at each stage, timed as they arrive.
      const marks = {
        // Node loading the bundled action (the machine's load shows here first).
        started: 'spot-deploy reconcile: one deployment',
        probed: 'to launch',
        fetched: `bundle ${at.sha} from the bundle of artifact`,
        launched: 'fleet: launched 3',
        ready: `${ID}: replaced 3 of 4, 4 of 4 ready`,
      };
      const r = await step(RUN.reconcile, inputs('reconcile'), { marks: Object.values(marks) });
      expect(r.code, r.log).toBe(0);
      const t = (m: string) => `${r.at[m] ?? '?'} ms`;
      console.log(
        `reconcile e2e: 3 replacements on fake instances: step ${r.end - r.start} ms; from its start: first line ${t(marks.started)}, probed ${t(marks.probed)}, bundle fetched ${t(marks.fetched)}, launched ${t(marks.launched)}, all 4 ready ${t(marks.ready)}`,
      );

      // 4 ready: the untouched one and 3 new, all on the deploy's release.
      expect(r.outputs['ready-count']).toBe('4');
      expect(r.outputs['bundle-sha256']).toBe(at.sha);
      expect(r.instances.map((i) => i.status)).toEqual(Array(4).fill('ready'));
      const now = await alive();
      expect(now).toHaveLength(4);
      expect(now).toContain(keep);
      const fresh = now.filter((x) => x !== keep);
      expect(fresh.filter((x) => at.fleet.includes(x))).toEqual([]);
      expect(watcher.seen.length).toBe(booted + 3);
      for (const n of fresh)
        expect(fakeOf(n).status()).toMatchObject({ sha256: at.sha, state: 'ready' });
      expect(proxy.count('CreateFleet')).toBeGreaterThanOrEqual(1);
      // Only the interrupted one was terminated by the step (the reclaimed ones were gone).
      const terminated = proxy.calls
        .filter((x) => x.action === 'TerminateInstances')
        .flatMap((x) =>
          [...x.params].filter(([k]) => k.startsWith('InstanceId.')).map(([, v]) => v),
        );
      expect([...new Set(terminated)]).toEqual([c]);

      // The bundle came from run 7001's artifact, fetched from the fake API with the token.
      expect(api.requests.map((q) => `${q.method} ${q.path.replace(/\?sig=.*/, '')}`)).toEqual([
        `GET /repos/${REPOSITORY}/actions/runs/${RUN.deploy}/artifacts?name=${ARTIFACT}`,
        `GET /repos/${REPOSITORY}/actions/artifacts/${api.artifacts[0]?.id}/zip`,
        `GET /blob/${api.artifacts[0]?.id}.zip`,
      ]);
      expect(api.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
      expect(api.calls).toEqual([]); // and uploaded no artifact of its own

      // The untouched one: no upload timing, no trace of a delivery on it.
      const byId = new Map(r.instances.map((i) => [i.id, i]));
      expect(byId.get(keep)?.adopted).toBe(true);
      expect(byId.get(keep)?.timings.uploadedMs).toBeUndefined();
      expect(byId.get(keep)?.timings.activeMs).toBeUndefined();
      for (const n of fresh) expect(byId.get(n)?.timings.uploadedMs).toBeGreaterThan(0);
      expect(footprint(fakeOf(keep))).toEqual(before);
      expect(r.summary).toContain(`${ID}: replaced 3 of 4, 4 of 4 ready`);
      expect(r.summary).toContain(`replaced \`${c}\``);
      secretFree(r);

      // The post step, as the runner runs it after a successful main step: keeps the 4.
      const post = await step(RUN.reconcile, {}, { state: r.state });
      expect(post.code, post.log).toBe(0);
      expect(await alive()).toEqual(now);
      at.fleet = now;
      at.keep = keep;
      expect(watcher.errors).toEqual([]);
    }, 300_000);

    it('a second reconcile right after launches, downloads and uploads nothing', async () => {
      expect(at.fleet).toHaveLength(4);
      const prints = at.fleet.map((id) => footprint(fakeOf(id)));
      const booted = watcher.seen.length;
      proxy.reset();
      api.set({});
      const r = await step(RUN.again, inputs('reconcile'));
      expect(r.code, r.log).toBe(0);
      console.log(`reconcile e2e: no-op reconcile of 4 ready: step ${r.end - r.start} ms`);
      expect(r.outputs['ready-count']).toBe('4');
      expect(r.summary).toContain(`${ID}: replaced 0 of 4, 4 of 4 ready`);
      expect(proxy.count('CreateFleet')).toBe(0);
      expect(proxy.count('RunInstances')).toBe(0);
      expect(proxy.count('TerminateInstances')).toBe(0);
      expect(api.requests).toEqual([]);
      expect(r.instances.every((i) => i.timings.uploadedMs === undefined)).toBe(true);
      await new Promise((res) => setTimeout(res, 500)); // a launch would show in the watcher by now
      expect(watcher.seen.length).toBe(booted);
      expect(at.fleet.map((id) => footprint(fakeOf(id)))).toEqual(prints);
      expect(await alive()).toEqual(at.fleet);
    }, 180_000);

    it('with the artifact expired: the step fails saying so and to redeploy, nothing launched or terminated', async () => {
      const lost = at.fleet.find((x) => x !== at.keep) ?? '';
      await reclaim([lost]);
      const standing = at.fleet.filter((x) => x !== lost);
      const booted = watcher.seen.length;
      proxy.reset();
      api.set({ expired: true });
      const r = await step(RUN.gone, inputs('reconcile'));
      expect(r.code, r.log).toBe(1);
      expect(r.log).toMatch(
        new RegExp(`::error::.*artifact '${ARTIFACT}' of run ${RUN.deploy} no longer exists`),
      );
      expect(r.log).toContain('redeploy (mode: deploy)');
      // The summary says why too (it used to say "No live deployment found.").
      expect(r.summary).toContain(`### ${ID}: failed`);
      expect(r.summary).toContain(`artifact '${ARTIFACT}' of run ${RUN.deploy} no longer exists`);
      expect(r.summary).not.toContain('No live deployment found');
      expect(zipRequests()).toHaveLength(1);
      expect(proxy.count('CreateFleet')).toBe(0);
      expect(proxy.count('TerminateInstances')).toBe(0);
      secretFree(r);
      // Its post step (cleanup on-failure) finds nothing this run launched: the 3 keep running.
      const post = await step(RUN.gone, {}, { state: r.state });
      expect(post.code, post.log).toBe(0);
      expect(proxy.count('TerminateInstances')).toBe(0);
      await new Promise((res) => setTimeout(res, 500));
      expect(watcher.seen.length).toBe(booted);
      expect(await alive()).toEqual(standing);

      // Then destroy, as a workflow would before redeploying: nothing of the deployment is left.
      const d = await step(RUN.gone, { mode: 'destroy', 'deployment-id': ID, regions: REGION });
      expect(d.code, d.log).toBe(0);
      expect(await alive()).toEqual([]);
      await watcher.settle(60_000);
      expect(watcher.errors).toEqual([]);
    }, 180_000);
  },
);
