// mode reconcile in process against moto and fake instances (helpers/fake-instance-moto.ts): a
// deploy of 4 (runDeploy, with a Publisher whose artifact keeps the bundle it was given), 2 of
// them terminated in moto and a third marked `interrupted` in its status.json; runReconcile with a
// BundleSource serving that bundle brings the fleet back to 4 on the same sha256 and leaves the
// ready instance untouched; a second reconcile does nothing; an artifact gone fails before
// anything is launched or terminated. Nothing is sent anywhere but 127.0.0.0/8.
import {
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  TerminateInstancesCommand,
  type Instance,
  type Tag,
} from '@aws-sdk/client-ec2';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReleaseTags } from '../../src/aws/release-tags.js';
import { ArtifactGoneError } from '../../src/errors.js';
import { parseInputs } from '../../src/inputs/parse.js';
import type { RunContext } from '../../src/inputs/plan.js';
import type { InputName } from '../../src/inputs/types.js';
import { generateEd25519 } from '../../src/keys.js';
import type { BundleSource } from '../../src/modes/bundle-source.js';
import { runDeploy } from '../../src/modes/deploy/run.js';
import type { Publisher } from '../../src/modes/publisher.js';
import { runReconcile } from '../../src/modes/reconcile/run.js';
import { memoryState } from '../../src/modes/state.js';
import type { FakeInstance } from '../helpers/fake-instance.js';
import { fakeFleetUnsupported, type MotoWatcher } from '../helpers/fake-instance-moto.js';
import { footprint, markInterrupted } from '../helpers/instance-footprint.js';
import { tagsOf } from '../helpers/instances-fixtures.js';
import { deploymentInstances } from '../helpers/moto.js';
import { motoFleetSuite } from '../helpers/moto-fleet-suite.js';
import { recordingSink } from '../helpers/recording-sink.js';
import { repoRoot } from '../helpers/repo.js';

const REGION = 'eu-west-1';
const unsupported = fakeFleetUnsupported('reconcile.moto');

const userKey = generateEd25519('reconcile-user');
const ENV_FILE = '/etc/spot-deploy/env';
const ENV = 'GREETING=hi\nAPI_TOKEN=reconcile-secret';

describe.skipIf(unsupported !== undefined)('mode reconcile against moto + fake instances', () => {
  const fleet = motoFleetSuite({
    region: REGION,
    vpcCidr: '127.4.0.0/16',
    subnetCidr: '127.4.9.0/24',
  });
  const { ec2, tmp } = fleet;

  function inputs(values: Partial<Record<InputName, string>>) {
    const all: Partial<Record<InputName, string>> = {
      regions: REGION,
      'subnet-ids': fleet.subnet,
      'ssh-address': 'private-ip',
      'ssh-port': String(fleet.port),
      'ssh-private-key': userKey.privateKey,
      'launch-timeout': '30s',
      'ready-timeout': '30s',
      ...values,
    };
    return parseInputs((n) => all[n] ?? '', { workspace: repoRoot, defaultRegion: undefined });
  }

  const ctx = (runId: string, repository = 'octo/app'): RunContext => ({
    tempDir: tmp('reconcile-run-'),
    repository,
    runId,
    runAttempt: '1',
  });

  /** A Publisher whose artifact keeps a copy of the bundle it was given (the artifact's bytes). */
  function keepingPublisher(store: string) {
    const kept = { bundle: '' };
    const publisher: Publisher = {
      artifact: async (_mode, _plan, files) => {
        kept.bundle = join(store, 'bundle.tar.gz');
        copyFileSync(files.bundle.file, kept.bundle);
        return {
          status: 'uploaded',
          name: 'kept',
          id: 1,
          size: files.bundle.bytes,
          files: ['bundle.tar.gz'],
        };
      },
      comment: async () => {},
    };
    return { publisher, kept };
  }

  /** A BundleSource serving `file` (what the artifact of run `runId` holds); counts its fetches. */
  function servingSource(file: () => string, runId: string) {
    const asked: Array<{ runId: string; artifactName: string }> = [];
    const source: BundleSource = {
      fetch: async (s, dir) => {
        asked.push(s);
        if (s.runId !== runId) throw new ArtifactGoneError(`no artifact in run ${s.runId}`);
        const to = join(dir, 'bundle.tar.gz');
        copyFileSync(file(), to);
        return to;
      },
    };
    return { source, asked };
  }

  /** What an instance's release tags say. */
  const releaseOf = (i: Instance | undefined) =>
    readReleaseTags(Object.fromEntries((i?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
  const instancesOf = (id: string): Promise<Instance[]> =>
    deploymentInstances(fleet.moto, REGION, id);
  const running = async (id: string) =>
    (await instancesOf(id)).filter((i) => i.State?.Name === 'running');

  function fakeOf(w: MotoWatcher, id: string): FakeInstance {
    const inst = w.byId(id)?.instance;
    if (!inst) throw new Error(`no fake instance for ${id}: ${w.errors.join('; ')}`);
    return inst;
  }

  it('deploy 4, lose 3 (2 terminated, 1 interrupted): reconcile brings back 4 on the same release, touches the ready one not at all, then does nothing', async () => {
    const w = fleet.watch({ maxMs: 5 * 60_000, maxInstances: 10 });
    const id = 'heal-me';

    // 1. The deploy (run 501): 4 instances, the bundle kept as its artifact.
    const { publisher, kept } = keepingPublisher(tmp('reconcile-artifact-'));
    const deploySink = recordingSink();
    const deployed = await runDeploy(
      inputs({
        mode: 'deploy',
        'deployment-id': id,
        count: '4',
        'bundle-path': 'examples/bundle',
        env: ENV,
      }),
      ctx('501'),
      { sink: deploySink, state: memoryState(), ec2, root: repoRoot, publisher },
    );
    expect(deployed.instances.map((i) => i.status)).toEqual(Array(4).fill('ready'));
    expect(w.errors).toEqual([]);
    const sha = deployed.prepared.bundle.sha256;
    const release = releaseOf((await running(id))[0]);
    expect(release).toMatchObject({ sha256: sha, runId: '501', count: 4 });

    // 2. Two reclaimed (terminated in moto), a third drained by its watcher (interrupted).
    const [a, b, c, keep] = deployed.instances.map((i) => i.id);
    if (!a || !b || !c || !keep) throw new Error('4 instances expected');
    await ec2(REGION).send(new TerminateInstancesCommand({ InstanceIds: [a, b] }));
    await w.settle();
    markInterrupted(fakeOf(w, c));
    const before = footprint(fakeOf(w, keep));
    const keptTags = tagsOf((await instancesOf(id)).find((i) => i.InstanceId === keep)?.Tags);

    // 3. Reconcile (run 777), the bundle from run 501's artifact.
    const { source, asked } = servingSource(() => kept.bundle, '501');
    const sink = recordingSink();
    const t0 = Date.now();
    const done = await runReconcile(
      inputs({ mode: 'reconcile', 'deployment-id': id, env: ENV }),
      ctx('777'),
      { sink, state: memoryState(), ec2, root: repoRoot, source },
    );
    const reconcileMs = Date.now() - t0;
    expect(asked).toHaveLength(1);
    expect(asked[0]?.runId).toBe('501');
    expect(done).toHaveLength(1);
    const r = done[0];
    expect(r?.size).toBe(4);
    expect(r?.sha256).toBe(sha);
    expect(r?.launched).toBe(3);
    expect(r?.replaced.map((x) => x.info.id)).toEqual([c]);
    expect(r?.instances.map((i) => i.status)).toEqual(Array(4).fill('ready'));
    expect(sink.outputs.get('ready-count')).toBe('4');
    expect(sink.outputs.get('bundle-sha256')).toBe(sha);

    // The interrupted one terminated; 4 running: the untouched one and 3 new on the same sha256.
    const now = await running(id);
    expect(now.map((i) => i.InstanceId)).toContain(keep);
    expect(now.map((i) => i.InstanceId)).not.toContain(c);
    expect(now).toHaveLength(4);
    const fresh = now.map((i) => i.InstanceId ?? '').filter((x) => x !== keep);
    expect(fresh.filter((x) => [a, b, c].includes(x))).toEqual([]);
    for (const n of fresh) {
      expect(fakeOf(w, n).status()).toMatchObject({ sha256: sha, state: 'ready' });
      // The same service environment as the instances they stand in for.
      expect(fakeOf(w, n).read(ENV_FILE)).toBe(fakeOf(w, keep).read(ENV_FILE));
      // The replacements carry the release's tags, so the next reconcile finds it again.
      const t = releaseOf(now.find((i) => i.InstanceId === n));
      expect(t).toMatchObject({ sha256: sha, runId: '501', count: 4 });
      // What is left of the fleet's TTL, not a fresh one (rounded up to the minute).
      const expires = tagsOf(now.find((i) => i.InstanceId === n)?.Tags)['spot-deploy:expires-at'];
      const fleetEnd = Date.parse(keptTags['spot-deploy:expires-at'] ?? '');
      expect(Date.parse(expires ?? '') - fleetEnd).toBeGreaterThanOrEqual(-1_000);
      expect(Date.parse(expires ?? '') - fleetEnd).toBeLessThanOrEqual(61_000);
    }
    // The ready one received nothing: no upload, no agent run, no systemctl call.
    expect(footprint(fakeOf(w, keep))).toEqual(before);
    expect(fakeOf(w, keep).read(ENV_FILE)).toBe(ENV);
    // Nor in EC2: its tags (host key, release, expiry) are as the deploy left them.
    expect(tagsOf(now.find((i) => i.InstanceId === keep)?.Tags)).toEqual(keptTags);
    // The env values are secrets: never in the log.
    expect(sink.lines.join('\n')).not.toContain('reconcile-secret');
    expect(w.errors).toEqual([]);
    expect(sink.summaryText()).toContain('replaced');

    // 4. Right after: nothing to do, nothing launched, nothing downloaded, nobody touched.
    const seen = w.seen.length;
    const prints = now.map((i) => footprint(fakeOf(w, i.InstanceId ?? '')));
    const again = await runReconcile(
      inputs({ mode: 'reconcile', 'deployment-id': id, env: ENV }),
      ctx('778'),
      { sink: recordingSink(), state: memoryState(), ec2, root: repoRoot, source },
    );
    expect(again[0]).toMatchObject({ launched: 0, replaced: [], size: 4 });
    expect(again[0]?.instances.map((i) => i.status)).toEqual(Array(4).fill('ready'));
    expect(asked).toHaveLength(1);
    expect((await running(id)).map((i) => i.InstanceId).sort()).toEqual(
      now.map((i) => i.InstanceId).sort(),
    );
    await new Promise((res) => setTimeout(res, 500)); // a launch would show in the watcher by now
    expect(w.seen.length).toBe(seen);
    expect(now.map((i) => footprint(fakeOf(w, i.InstanceId ?? '')))).toEqual(prints);
    console.log(`reconcile: 3 replacements in ${reconcileMs} ms`);
  }, 240_000);

  it("an env that differs from the fleet's, or the artifact gone: a clear failure, nothing launched and nothing terminated", async () => {
    const w = fleet.watch({ maxMs: 5 * 60_000, maxInstances: 10 });
    const id = 'gone-artifact';
    const { publisher } = keepingPublisher(tmp('reconcile-artifact-'));
    const deployed = await runDeploy(
      inputs({
        mode: 'deploy',
        'deployment-id': id,
        count: '3',
        'bundle-path': 'examples/bundle',
        env: ENV,
      }),
      ctx('601'),
      { sink: recordingSink(), state: memoryState(), ec2, root: repoRoot, publisher },
    );
    expect(deployed.instances.map((i) => i.status)).toEqual(['ready', 'ready', 'ready']);
    const [lost, sick, fine] = deployed.instances.map((i) => i.id);
    if (!lost || !sick || !fine) throw new Error('3 instances expected');
    await ec2(REGION).send(new TerminateInstancesCommand({ InstanceIds: [lost] }));
    await w.settle();
    markInterrupted(fakeOf(w, sick));
    const seen = w.seen.length;
    const standing = [sick, fine].sort();

    // The step's env is not the one the fleet runs with: the replacements would start without
    // the deploy's variables. Refused before the download, any termination or launch.
    const { source, asked } = servingSource(() => '/nonexistent', '601');
    const mismatch = await runReconcile(
      inputs({ mode: 'reconcile', 'deployment-id': id }),
      ctx('602'),
      { sink: recordingSink(), state: memoryState(), ec2, root: repoRoot, source },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(mismatch)).toMatch(/differs from this step's `env` input.*Nothing was launched/);
    expect(String(mismatch)).not.toContain('reconcile-secret');
    expect(asked).toEqual([]);
    expect((await running(id)).map((i) => i.InstanceId).sort()).toEqual(standing);

    // Not one instance answers over SSH (here: a probe that sees none, as a runner outside
    // ssh-cidr would): the runner's path is suspect, so nothing is terminated or launched.
    const blind = await runReconcile(
      inputs({ mode: 'reconcile', 'deployment-id': id, env: ENV }),
      ctx('604'),
      {
        sink: recordingSink(),
        state: memoryState(),
        ec2,
        root: repoRoot,
        source,
        probe: async (targets) =>
          targets.map((t) => ({ id: t.id, reachable: false as const, error: 'timed out' })),
      },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(blind)).toMatch(/none of its 2 running instance\(s\) answered over SSH/);
    expect(String(blind)).toMatch(/nothing was terminated or launched/);
    expect(asked).toEqual([]);
    expect((await running(id)).map((i) => i.InstanceId).sort()).toEqual(standing);

    const gone: BundleSource = {
      fetch: async (s) => {
        throw new ArtifactGoneError(`The artifact of run ${s.runId} no longer exists: redeploy.`);
      },
    };
    const sink = recordingSink();
    const err = await runReconcile(
      inputs({ mode: 'reconcile', 'deployment-id': id, env: ENV }),
      ctx('603'),
      { sink, state: memoryState(), ec2, root: repoRoot, source: gone },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ArtifactGoneError);
    expect(String(err)).toMatch(/no longer exists: redeploy/);
    // The interrupted instance is still there (bundle first, then terminations), nothing new.
    expect((await running(id)).map((i) => i.InstanceId).sort()).toEqual(standing);

    // The fleet at its end (its instances', group's and template's expiry passed): a reconcile
    // must not bring it back with a fresh TTL. Nothing fetched or launched, and no failure.
    const past = '2026-01-01T00:00:00Z';
    const ofDeployment = (tags: Tag[] | undefined) =>
      tags?.some((t) => t.Key === 'spot-deploy:deployment' && t.Value === id) === true;
    const groups = (await ec2(REGION).send(new DescribeSecurityGroupsCommand({}))).SecurityGroups;
    await ec2(REGION).send(
      new CreateTagsCommand({
        Resources: [
          ...standing,
          ...(groups ?? []).filter((g) => ofDeployment(g.Tags)).map((g) => g.GroupId ?? ''),
        ],
        Tags: [{ Key: 'spot-deploy:expires-at', Value: past }],
      }),
    );
    // moto's CreateTags does not reach a launch template's own tags (EC2's does, and every deploy
    // moves them with the rest, aws/expiry.ts): the deployment's template is removed instead.
    const templates = (await ec2(REGION).send(new DescribeLaunchTemplatesCommand({})))
      .LaunchTemplates;
    for (const t of (templates ?? []).filter((x) => ofDeployment(x.Tags)))
      await ec2(REGION).send(
        new DeleteLaunchTemplateCommand({ LaunchTemplateId: t.LaunchTemplateId ?? '' }),
      );
    const endSink = recordingSink();
    const ended = await runReconcile(
      inputs({ mode: 'reconcile', 'deployment-id': id, env: ENV }),
      ctx('605'),
      { sink: endSink, state: memoryState(), ec2, root: repoRoot, source: gone },
    );
    expect(ended[0]).toMatchObject({ launched: 0, expired: `the fleet expired at ${past}` });
    expect(endSink.summaryText()).toContain(`the fleet expired at ${past}: not replaced`);
    expect((await running(id)).map((i) => i.InstanceId).sort()).toEqual(standing);
    await new Promise((res) => setTimeout(res, 500));
    expect(w.seen.length).toBe(seen);
    expect(w.errors).toEqual([]);
  }, 240_000);

  it("deployment-id all: reconciles this repository's two damaged deployments, leaves its healthy one and another repository's alone", async () => {
    const w = fleet.watch({ maxMs: 5 * 60_000, maxInstances: 12 });
    const { publisher, kept } = keepingPublisher(tmp('reconcile-artifact-'));
    const deploy = async (id: string, count: number, repository = 'octo/app') => {
      const d = await runDeploy(
        inputs({
          mode: 'deploy',
          'deployment-id': id,
          count: String(count),
          'bundle-path': 'examples/bundle',
          env: ENV,
        }),
        ctx('901', repository),
        { sink: recordingSink(), state: memoryState(), ec2, root: repoRoot, publisher },
      );
      expect(d.instances.map((i) => i.status)).toEqual(Array(count).fill('ready'));
      return d.instances.map((i) => i.id);
    };
    const [a1, a2] = await deploy('all-a', 2);
    const [b1] = await deploy('all-b', 1);
    const [c1] = await deploy('all-c', 1);
    const [o1] = await deploy('all-other', 1, 'octo/other');
    if (!a1 || !a2 || !b1 || !c1 || !o1) throw new Error('5 instances expected');
    await ec2(REGION).send(new TerminateInstancesCommand({ InstanceIds: [a1] }));
    await w.settle();
    markInterrupted(fakeOf(w, b1)); // nothing of all-b serves: its release comes from its tags
    markInterrupted(fakeOf(w, o1));
    const untouched = [c1, o1, a2].map((x) => footprint(fakeOf(w, x)));

    const { source, asked } = servingSource(() => kept.bundle, '901');
    const sink = recordingSink();
    const done = await runReconcile(
      inputs({ mode: 'reconcile', 'deployment-id': 'all', env: ENV }),
      ctx('902'),
      { sink, state: memoryState(), ec2, root: repoRoot, source },
    );
    expect(done.map((r) => [r.deploymentId, r.launched, r.size])).toEqual([
      ['all-a', 1, 2],
      ['all-b', 1, 1],
      ['all-c', 0, 1],
    ]);
    expect(asked).toHaveLength(2);
    for (const r of done)
      expect(r.instances.map((i) => i.status)).toEqual(Array(r.size).fill('ready'));
    expect((await running('all-a')).map((i) => i.InstanceId)).toContain(a2);
    expect(await running('all-a')).toHaveLength(2);
    expect((await running('all-b')).map((i) => i.InstanceId)).not.toContain(b1);
    expect(await running('all-b')).toHaveLength(1);
    expect((await running('all-c')).map((i) => i.InstanceId)).toEqual([c1]);
    // Another repository's deployment is not this repository's to heal, even interrupted.
    expect((await running('all-other')).map((i) => i.InstanceId)).toEqual([o1]);
    expect([c1, o1, a2].map((x) => footprint(fakeOf(w, x)))).toEqual(untouched);
    expect(sink.outputs.get('deployment-id')).toBe('all-a,all-b,all-c');
    expect(sink.outputs.get('ready-count')).toBe('4');
    expect(w.errors).toEqual([]);
  }, 240_000);
});
