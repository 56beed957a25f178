/**
 * One deployment's reconcile, under its deploy lock: find → probe (read-only SSH) → decide
 * (decide.ts) → fetch and check the bundle → terminate the unhealthy → launch replacements
 * through the deploy's provisioning → deliver to the replacements only.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { findManagedResources } from '../../aws/destroy-resources.js';
import { findInstances, terminateInstances } from '../../aws/instances.js';
import { releaseTags } from '../../aws/release-tags.js';
import { TAG, type InstanceInfo } from '../../aws/types.js';
import { addressOf } from '../../aws/wait.js';
import { DeployFailedError } from '../../errors.js';
import { renderEnvFile } from '../../inputs/env.js';
import { buildPlan, type Plan, type RunContext } from '../../inputs/plan.js';
import type { Inputs } from '../../inputs/types.js';
import { generateEd25519, type KeyPair } from '../../keys.js';
import { untouched, type InstanceResult } from '../../report/results.js';
import { inGroup, type Sink } from '../../report/sink.js';
import { deliverToMany, type Target } from '../../ssh/deliver-many.js';
import { envRedactor } from '../../ssh/seal.js';
import { probeStatuses, type InstanceStatus } from '../../ssh/status-probe.js';
import type { Sleep } from '../../time.js';
import type { BundleSource } from '../bundle-source.js';
import { chooseAdopted } from '../deploy/adopt.js';
import { deliverFleet } from '../deploy/deliver-fleet.js';
import { retireFailed } from '../deploy/finish.js';
import { provision } from '../deploy/provision.js';
import { prepareUserData } from '../prepare.js';
import type { StateStore } from '../state.js';
import {
  deploymentPr,
  envDiffers,
  noneAnswered,
  planReconcile,
  replacementTtl,
  type Replaced,
} from './decide.js';
import { fetchReleaseBundle } from './release-bundle.js';

export interface FleetDeps {
  readonly sink: Sink;
  readonly state: StateStore;
  readonly ec2: (region: string) => EC2Client;
  readonly root: string;
  readonly source: BundleSource | undefined;
  readonly now: () => Date;
  readonly sleep?: Sleep;
  readonly probe: typeof probeStatuses;
  readonly deliver: typeof deliverToMany;
}

export interface Reconciled {
  readonly deploymentId: string;
  /** The fleet after the run: the instances kept (untouched) and the replacements. */
  readonly instances: readonly InstanceResult[];
  readonly replaced: readonly Replaced[];
  readonly launched: number;
  readonly size: number;
  readonly sha256: string | undefined;
  /** Why the fleet was left short on purpose (it expires): not a failure. */
  readonly expired?: string;
  /** The pull request its instances were deployed from (`spot-deploy:pr`), for the PR comment. */
  readonly pr: number | undefined;
}

/** Probes the running instances that can be reached with a pinned key; the rest are unreachable. */
async function look(live: readonly InstanceInfo[], inputs: Inputs, key: KeyPair, deps: FleetDeps) {
  const statuses: InstanceStatus[] = [];
  const targets: Array<Target & { hostKey: string }> = [];
  for (const info of live.filter((i) => i.state !== 'pending')) {
    const host = addressOf(info, inputs.sshAddress);
    const hostKey = info.tags?.[TAG.hostKey];
    if (host === undefined || hostKey === undefined)
      statuses.push({
        id: info.id,
        reachable: false,
        error: `no ${host ? TAG.hostKey : inputs.sshAddress}`,
      });
    else targets.push({ id: info.id, host, port: inputs.sshPort, hostKey });
  }
  const probed = await deps.probe(targets, {
    concurrency: inputs.concurrency,
    username: inputs.sshUser,
    privateKey: key.privateKey,
    connectDeadlineMs: 30_000,
    timeoutMs: 30_000,
  });
  return [...statuses, ...probed];
}

export async function reconcileFleet(
  plan: Plan,
  ctx: RunContext,
  key: KeyPair,
  deps: FleetDeps,
): Promise<Reconciled> {
  const { sink } = deps;
  const inputs = plan.inputs;
  const id = plan.deploymentId;
  const found = (
    await Promise.all(
      inputs.regions.map((r) =>
        findInstances(deps.ec2(r), r, { deploymentId: id }, { excludeShuttingDown: true }),
      ),
    )
  ).flat();
  const live = chooseAdopted(found, found.length, id, key).kept;
  const statuses = await look(live, inputs, key, deps);
  // Why an instance goes is text from it (an SSH error): redacted like a delivery's (seal.ts)
  // before the log, the summary or the PR comment sees it.
  const redact = envRedactor(inputs.env);
  if (noneAnswered(statuses))
    throw new DeployFailedError(
      `spot-deploy reconcile: deployment '${id}': none of its ${statuses.length} running instance(s) answered over SSH (${statuses.map((s) => `${s.id}: ${s.reachable ? '' : redact(s.error)}`).join('; ')}). That points at the path from this runner (ssh-cidr, ssh-address, ssh-port, the ssh-private-key) rather than at every instance at once, so nothing was terminated or launched. Check the path; to replace the fleet anyway, run mode: deploy.`,
    );
  const planned = planReconcile(live, statuses, inputs.count);
  const rp = {
    ...planned,
    unhealthy: planned.unhealthy.map((u) => ({ ...u, why: redact(u.why) })),
  };
  const pr = deploymentPr(found);
  for (const u of rp.unhealthy) sink.info(`[${u.info.id}] ${u.why}: replacing it`);
  sink.info(
    `${id}: ${rp.healthy.length} ready, ${rp.pending.length} pending, ${rp.unhealthy.length} to replace; size ${rp.size}, ${rp.launch} to launch`,
  );
  const kept = [
    ...rp.healthy.map((i) => untouched(i, 'ready')),
    ...rp.pending.map((i) => untouched(i, 'skipped')),
  ];
  const done = (instances: InstanceResult[], launched: number): Reconciled => ({
    deploymentId: id,
    instances,
    replaced: rp.unhealthy,
    launched,
    size: rp.size,
    sha256: rp.sha256,
    pr,
  });
  if (rp.launch === 0 && rp.unhealthy.length === 0) return done(kept, 0);

  // The replacements get the step's env: refused when the fleet runs with another, before anything
  // is downloaded, terminated or launched. Only digests are compared; no value is printed.
  if (rp.launch > 0) {
    const want = createHash('sha256').update(renderEnvFile(inputs.env)).digest('hex');
    const differ = envDiffers(rp.healthy, statuses, want);
    if (differ.length > 0)
      throw new DeployFailedError(
        `spot-deploy reconcile: deployment '${id}': the ready instances (${differ.join(', ')}) run with an env file that differs from this step's \`env\` input, and the replacements would get the step's. Pass the deploy's env (the same secrets) to the reconcile step, or redeploy (mode: deploy). Nothing was launched or terminated.`,
      );
  }
  // The replacements live as long as the fleet has left, never longer (decide.ts); a fleet at
  // its end is left to its TTL and the janitor.
  let ttlMinutes = inputs.ttlMinutes;
  if (rp.launch > 0) {
    const managed = (
      await Promise.all(inputs.regions.map((r) => findManagedResources(deps.ec2(r), r, id)))
    )
      .flat()
      .filter((m) => m.tags[TAG.lockHolder] === undefined);
    const ttl = replacementTtl(
      [...live.map((i) => i.tags), ...managed.map((m) => m.tags)],
      deps.now().getTime(),
      inputs.ttlMinutes,
    );
    if ('expiredAt' in ttl) {
      sink.info(`${id}: ${ttl.why}: nothing replaced (a deploy or rollback moves the expiry)`);
      return { ...done(kept, 0), expired: ttl.why };
    }
    ttlMinutes = ttl.ttlMinutes;
  }
  // The bundle first: without it nothing is terminated or launched.
  const release =
    rp.launch > 0
      ? await fetchReleaseBundle(id, rp, deps.source, plan.workDirPrefix, sink)
      : undefined;
  for (const r of new Set(rp.unhealthy.map((u) => u.info.region))) {
    const ids = rp.unhealthy.filter((u) => u.info.region === r).map((u) => u.info.id);
    // Waited for: provision must not find them running and count them.
    await terminateInstances(deps.ec2(r), r, ids, { wait: true });
  }
  if (release === undefined) return done(kept, 0);

  const size = { ...inputs, count: rp.size, ttlMinutes };
  // The replacements belong to the deployment: its repository and pull request, whatever run
  // (a schedule) launches them; run-id and run-attempt stay this run's, whose cleanup owns them.
  const origin = found.find((i) => i.tags?.[TAG.repository])?.tags?.[TAG.repository];
  const launchCtx = { ...ctx, repository: origin ?? ctx.repository, prNumber: pr ?? ctx.prNumber };
  const launchPlan = buildPlan(size, launchCtx, deps.now());
  const host = generateEd25519('spot-deploy');
  const ud = await prepareUserData(launchPlan, { client: key, host }, sink, deps.root);
  const tags = releaseTags({ sha256: release.sha256, ...release.source, count: rp.size });
  const fleet = await provision(
    launchPlan,
    { clientPublicKey: key.publicKey, hostPublicKey: host.publicKey, instanceTags: tags },
    ud.userData.body,
    {
      sink,
      state: deps.state,
      ec2: deps.ec2,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      // The deploy decided the ports; this step's `ports` may belong to no deployment at all.
      keepPorts: true,
    },
  );
  // Only the replacements get the bundle: an instance found running is never touched.
  const fresh = {
    ...fleet,
    running: fleet.running.filter((x) => !x.adopted),
    lost: fleet.lost.filter((x) => !x.adopted),
  };
  const bytes = (await stat(release.file)).size;
  const bundle = { file: release.file, sha256: release.sha256, bytes, fileCount: 0, treeBytes: 0 };
  const prepared = { ...ud, bundle: { ...bundle, manifest: { version: 1 as const, files: [] } } };
  const delivered = await inGroup(sink, 'spot-deploy: deliver to the replacements', () =>
    deliverFleet(
      size,
      fresh,
      prepared,
      { client: key, host },
      { sink, now: deps.now, deliver: deps.deliver },
    ),
  );
  const results = delivered.results;
  await retireFailed(results, size, deps);
  return done([...kept, ...results], fresh.running.length + fresh.lost.length);
}
