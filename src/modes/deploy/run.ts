import type { EC2Client } from '@aws-sdk/client-ec2';
import { DeployFailedError } from '../../errors.js';
import { formatDuration, realClock, type Clock, type Sleep } from '../../time.js';
import type { Inputs } from '../../inputs/types.js';
import { generateEd25519 } from '../../keys.js';
import { buildPlan, type Plan, type RunContext } from '../../inputs/plan.js';
import { prepare, type Prepared } from '../prepare.js';
import { inGroup, type Sink } from '../../report/sink.js';
import { deliverToMany } from '../../ssh/deliver-many.js';
import { markSucceeded, savePlanStart, type StateStore } from '../state.js';
import { setDeployOutputs } from '../../report/outputs.js';
import { provision, type Provisioned } from './provision.js';
import { refreshFailed } from './refresh.js';
import { verdict, type InstanceResult } from '../../report/results.js';
import { deliverFleet } from './deliver-fleet.js';
import { extendExpiry } from './extend-expiry.js';
import { stopMessage, type BatchRecord, type RolloutStop } from '../../report/batches.js';
import { priceResults, retireFailed } from './finish.js';
import { renderDeploySummary } from '../../report/deploy-summary.js';
import { runLinks } from '../../report/links.js';
import { reportArtifact, type ArtifactOutcome } from '../../report/artifact.js';
import { NO_ARTIFACT, type Publisher } from '../publisher.js';
import { renderPrComment } from '../../report/pr-comment.js';
import { withDeployLock, type LockDeps } from '../lock.js';
import { releaseTags } from '../../aws/release-tags.js';
import { artifactNameFor } from '../../report/links.js';
import { recordReadyRelease } from './record-release.js';
import { worldOpenWarning } from '../../inputs/runner-ip.js';
import { resolveRunnerAccess, type RunnerAccess } from '../runner-access.js';
import type { Fetch } from '../runner-ip.js';

export interface DeployDeps {
  readonly sink: Sink;
  readonly state: StateStore;
  readonly ec2: (region: string) => EC2Client;
  /** The action's own directory (cloud-init/ and bundle/ live there). */
  readonly root: string;
  /** Artifact and PR-comment clients (Actions only); without them neither is made. */
  readonly publisher?: Publisher;
  readonly now?: Clock;
  readonly sleep?: Sleep;
  /** Delivers the bundle to the running instances (ssh/deliver-many.ts; tests pass a fake). */
  readonly deliver?: typeof deliverToMany;
  /** The deploy lock's heartbeat wait and holder name (tests). */
  readonly lock?: Pick<LockDeps, 'wait' | 'holder'>;
  /** How `runner-ip-lookup` is asked (Node's fetch by default). */
  readonly fetch?: Fetch;
}

export interface DeployResult {
  readonly plan: Plan;
  readonly prepared: Prepared;
  readonly instances: readonly InstanceResult[];
  readonly shortfall: number;
}

/** Prefixes every line with the time since the deploy started, so phases can be read off the log. */
function timed(sink: Sink, t0: number): Sink {
  const at = (): string => `+${formatDuration(Date.now() - t0, { compact: true })}`;
  return {
    ...sink,
    info: (m) => sink.info(`${at()} ${m}`),
    warning: (m) => sink.warning(`${at()} ${m}`),
  };
}

/**
 * mode: deploy. inputs → plan → keys, user-data, bundle (no AWS yet) → the deploy lock →
 * provision (adopt, launch, wait) → deliver → outputs and summary → lock released. Throws
 * DeployFailedError when fewer than `min-ready` instances end ready; the post step then cleans up
 * per `cleanup` (and releases the lock after that).
 */
export async function runDeploy(
  inputs: Inputs,
  ctx: RunContext,
  deps: DeployDeps,
): Promise<DeployResult> {
  const started = (deps.now ?? realClock)();
  const sink = timed(deps.sink, Date.now());
  const plan = buildPlan(inputs, ctx, started);
  // The runner's address first: a failed lookup fails before anything is written or launched.
  const access = await resolveRunnerAccess(inputs, ctx, sink, deps.fetch);
  const client = inputs.sshPrivateKey ?? generateEd25519('spot-deploy');
  const host = generateEd25519('spot-deploy');
  const prepared = await inGroup(sink, 'spot-deploy: user-data and bundle', () =>
    prepare(plan, { client, host }, sink, deps.root),
  );
  const lockDeps = { ...deps, ...deps.lock, sink };
  // The post step terminates what this run launched when it failed (or always): the lock stays
  // until then, so that no other run adopts instances about to be terminated.
  const holdForPost = (ok: boolean) =>
    inputs.cleanup === 'always' || (inputs.cleanup === 'on-failure' && !ok);
  return withDeployLock(
    lockDeps,
    plan,
    ctx,
    () =>
      converge(inputs, ctx, { ...deps, sink }, { plan, prepared, client, host, started, access }),
    { holdForPost },
  );
}

/** Everything a deploy does while holding the lock. */
async function converge(
  inputs: Inputs,
  ctx: RunContext,
  deps: DeployDeps,
  p: {
    plan: Plan;
    prepared: Prepared;
    client: { privateKey: string; publicKey: string };
    host: { privateKey: string; publicKey: string };
    started: Date;
    access: RunnerAccess | undefined;
  },
): Promise<DeployResult> {
  const { state, sink } = deps;
  const clock = deps.now ?? realClock;
  const { plan, prepared, client, host, started, access } = p;
  const worldOpen =
    inputs.securityGroupIds.length === 0
      ? worldOpenWarning(inputs.sshCidrs, inputs.sshPort)
      : undefined;
  if (worldOpen !== undefined) sink.warning(worldOpen);
  // From here on instances may exist: tell the post step what it needs before the first launch.
  savePlanStart(state, plan, ctx);

  // The artifact uploads while instances launch; it exists even when the deploy fails.
  const artifactP = deps.publisher
    ? deps.publisher.artifact('deploy', plan, prepared)
    : Promise.resolve(NO_ARTIFACT);
  let fleet: Provisioned;
  let results: InstanceResult[];
  let batches: readonly BatchRecord[];
  let stop: RolloutStop | undefined;
  let artifact: ArtifactOutcome;
  // What mode reconcile needs to rebuild a lost instance with the same bytes.
  const release = releaseTags({
    sha256: prepared.bundle.sha256,
    runId: ctx.runId,
    artifactName: deps.publisher
      ? artifactNameFor(inputs.artifactName, plan.deploymentId, 'deploy', ctx)
      : false,
    count: inputs.count,
  });
  try {
    fleet = await inGroup(sink, 'spot-deploy: launch and wait', () =>
      provision(
        plan,
        {
          clientPublicKey: client.publicKey,
          hostPublicKey: host.publicKey,
          instanceTags: release,
        },
        prepared.userData.body,
        { sink, state, ec2: deps.ec2, access, ...(deps.sleep ? { sleep: deps.sleep } : {}) },
      ),
    );
    const f = fleet;
    const delivered = await inGroup(sink, 'spot-deploy: deliver the bundle', () =>
      deliverFleet(
        inputs,
        f,
        prepared,
        { client, host },
        {
          sink,
          now: clock,
          deliver: deps.deliver ?? deliverToMany,
        },
      ),
    );
    const r = (results = delivered.results);
    ({ batches, stop } = delivered.rollout);
    await inGroup(sink, 'spot-deploy: report', async () => {
      // The failed instances' state first (it replaces their entries); then the rest at once:
      // prices replace entries too, the others only read ids, statuses and steps (a deploy of 100
      // waited on them one after the other: 0.19 s against 0.08 s for 1 on moto).
      await refreshFailed(r, deps.ec2, sink);
      const { ttlMinutes, cleanup } = inputs;
      const o = { deploymentId: plan.deploymentId, ttlMinutes, cleanup, now: clock() };
      // Each ends before the group does; an unexpected throw is rethrown once all have.
      const ends = await Promise.allSettled([
        priceResults(r, deps.ec2, sink, started),
        retireFailed(r, inputs, { ...deps, sink }),
        extendExpiry(r, o, { ec2: deps.ec2, sink }),
        recordReadyRelease(r, release, { ec2: deps.ec2, sink }),
      ]);
      for (const e of ends) if (e.status === 'rejected') throw e.reason;
    });
  } finally {
    artifact = await artifactP;
    reportArtifact(sink, artifact);
  }

  const artifactId = artifact.status === 'uploaded' ? String(artifact.id) : '';
  const v = verdict(results, inputs.minReady, fleet.shortfall);
  const links = { ports: inputs.ports, sshAddress: inputs.sshAddress };
  setDeployOutputs(deps.sink, plan.deploymentId, prepared, results, artifactId, links);
  const summary = renderDeploySummary(
    plan,
    prepared,
    results,
    { ...fleet, batches, stop },
    v.line,
    {
      ...runLinks(ctx, artifactId),
    },
  );
  await deps.sink.summary(
    worldOpen === undefined ? summary : `${summary}\n> [!WARNING]\n> ${worldOpen}\n`,
  );
  if (deps.publisher) {
    const body = renderPrComment({
      deploymentId: plan.deploymentId,
      instances: results,
      bundleSha256: prepared.bundle.sha256,
      shortfall: fleet.shortfall,
      minReady: inputs.minReady,
      links,
      runUrl: runLinks(ctx, '').run,
      artifact:
        artifact.status === 'uploaded'
          ? { name: artifact.name, url: runLinks(ctx, artifactId).artifact }
          : undefined,
    });
    await deps.publisher.comment(plan.deploymentId, body);
  }
  // A stopped rollout fails the step whatever min-ready says: the release was refused.
  const why = [...(stop ? [stopMessage(stop)] : []), ...(v.ok ? [] : [v.line])];
  if (why.length > 0) throw new DeployFailedError(`spot-deploy: ${why.join('\n')}`);
  markSucceeded(state);
  sink.info(`spot-deploy: ${v.line}`);
  return { plan, prepared, instances: results, shortfall: fleet.shortfall };
}
