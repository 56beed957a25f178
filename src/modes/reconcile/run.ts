/**
 * mode: reconcile. Brings one deployment (or, with `deployment-id: all`, every live deployment
 * of the repository) back to its recorded size: instances gone, interrupted or failing are
 * replaced with the release the healthy ones run, from the artifact of the run that deployed it.
 * Ready instances are never touched.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { findInstances } from '../../aws/instances.js';
import { TAG } from '../../aws/types.js';
import { DeployFailedError, errorMessage } from '../../errors.js';
import { buildPlan, type RunContext } from '../../inputs/plan.js';
import { keyRequiredFor } from '../../inputs/rules.js';
import type { Inputs } from '../../inputs/types.js';
import { fleetOutputs, setOutputs } from '../../report/outputs.js';
import { renderReconcileComment } from '../../report/pr-comment.js';
import {
  reconcileLine,
  renderReconcileSummary,
  type FailedReconcile,
} from '../../report/reconcile-summary.js';
import { runLinks } from '../../report/links.js';
import type { Sink } from '../../report/sink.js';
import { deliverToMany } from '../../ssh/deliver-many.js';
import { probeStatuses } from '../../ssh/status-probe.js';
import { realClock, type Clock, type Sleep } from '../../time.js';
import type { BundleSource } from '../bundle-source.js';
import type { Publisher } from '../publisher.js';
import { withDeployLock, type LockDeps } from '../lock.js';
import { markSucceeded, memoryState, savePlanStart, type StateStore } from '../state.js';
import { reconcileFleet, type Reconciled } from './fleet.js';
import { openEverywhere, resolveRunnerAccess } from '../runner-access.js';
import type { Fetch } from '../runner-ip.js';

export interface ReconcileDeps {
  readonly sink: Sink;
  readonly state: StateStore;
  readonly ec2: (region: string) => EC2Client;
  readonly root: string;
  /** Downloads a release's bundle from its run's artifact (github/artifact-download.ts). */
  readonly source?: BundleSource;
  /** The PR comments (github/publish.ts); none on the command line. */
  readonly publisher?: Publisher;
  readonly now?: Clock;
  readonly sleep?: Sleep;
  readonly probe?: typeof probeStatuses;
  readonly deliver?: typeof deliverToMany;
  readonly lock?: Pick<LockDeps, 'wait' | 'holder'>;
  /** How `runner-ip-lookup` is asked (Node's fetch by default). */
  readonly fetch?: Fetch;
}

/** `deployment-id: all`: every deployment with a live instance tagged with this repository. */
async function liveDeployments(inputs: Inputs, ctx: RunContext, deps: ReconcileDeps) {
  if (!ctx.repository)
    throw new DeployFailedError(
      'spot-deploy reconcile: deployment-id all needs the repository (GITHUB_REPOSITORY).',
    );
  const found = (
    await Promise.all(
      inputs.regions.map((r) =>
        findInstances(deps.ec2(r), r, { managedOnly: true }, { excludeShuttingDown: true }),
      ),
    )
  ).flat();
  const ids = found
    .filter((i) => i.tags?.[TAG.repository] === ctx.repository)
    .map((i) => i.tags?.[TAG.deployment] ?? '')
    .filter((id) => id !== '');
  return [...new Set(ids)].sort();
}

export async function runReconcile(
  inputs: Inputs,
  ctx: RunContext,
  deps: ReconcileDeps,
): Promise<readonly Reconciled[]> {
  const key = inputs.sshPrivateKey;
  if (key === undefined) throw keyRequiredFor('reconcile');
  const now = deps.now ?? realClock;
  const all = inputs.deploymentId === 'all';
  const ids = all ? await liveDeployments(inputs, ctx, deps) : [undefined];
  // Before anything is probed, terminated or launched: a runner that cannot learn its address
  // fails here. With `all` and nothing live there is nothing to reach, so nobody is asked (a
  // schedule on an account with no fleet sends nothing to runner-ip-lookup).
  const access =
    ids.length === 0 ? undefined : await resolveRunnerAccess(inputs, ctx, deps.sink, deps.fetch);
  deps.sink.info(
    `spot-deploy reconcile: ${all ? `${ids.length} live deployment(s) of ${ctx.repository ?? '?'}` : 'one deployment'} in ${inputs.regions.join(', ')}`,
  );
  const done: Reconciled[] = [];
  const failures: string[] = [];
  /** The deployments that stopped with an error: the summary says why (not "none found"). */
  const failed: FailedReconcile[] = [];
  for (const id of ids) {
    const one = id === undefined ? inputs : { ...inputs, deploymentId: id };
    const plan = buildPlan(one, ctx, now());
    // One deployment's post-step state at most: with `all`, failed replacements are terminated
    // in the step (retireFailed) and the instances' own TTL bounds the rest.
    const state = all ? memoryState() : deps.state;
    if (!all) savePlanStart(state, plan, ctx);
    try {
      const r = await withDeployLock({ ...deps, ...deps.lock }, plan, ctx, async () => {
        // The real state, also with `all`: the post step revokes every rule this run added.
        await openEverywhere(plan, access, deps);
        return reconcileFleet(plan, ctx, key, {
          ...deps,
          state,
          source: deps.source,
          now,
          probe: deps.probe ?? probeStatuses,
          deliver: deps.deliver ?? deliverToMany,
        });
      });
      done.push(r);
      const ready = r.instances.filter((x) => x.status === 'ready').length;
      const line = reconcileLine(r);
      if (ready < r.size && r.expired === undefined) failures.push(line);
      deps.sink.info(line);
    } catch (e) {
      failures.push(`${plan.deploymentId}: ${errorMessage(e)}`);
      failed.push({ deploymentId: plan.deploymentId, error: errorMessage(e) });
      if (!all) {
        await report(deps, ctx, done, failed);
        throw e;
      }
    }
  }
  await report(deps, all ? { ...ctx, prNumber: undefined } : ctx, done, failed);
  if (failures.length > 0)
    throw new DeployFailedError(`spot-deploy reconcile:\n${failures.join('\n')}`);
  if (!all) markSucceeded(deps.state);
  return done;
}

async function report(
  deps: ReconcileDeps,
  ctx: RunContext,
  done: readonly Reconciled[],
  failed: readonly FailedReconcile[],
) {
  const instances = done.flatMap((r) => r.instances);
  setOutputs(deps.sink, {
    // Every deployment the run worked on, the failed ones too (their instances are still there).
    'deployment-id': [...done, ...failed].map((r) => r.deploymentId).join(','),
    ...fleetOutputs(deps.sink, instances),
    ...(done.length === 1 && done[0]?.sha256 ? { 'bundle-sha256': done[0].sha256 } : {}),
  });
  const runUrl = runLinks(ctx, '').run;
  await deps.sink.summary(renderReconcileSummary(done, runUrl, failed));
  if (!deps.publisher) return;
  for (const r of done) {
    const body = renderReconcileComment({ ...r, runUrl });
    // The deployment's own pull request (its instances' tag); the event's only for a deployment
    // that names none (another PR's fleet is not this PR's business; with `deployment-id: all`,
    // never). Without either the publisher skips it: a scheduled run of a branch deployment has
    // no PR to comment on.
    await deps.publisher.comment(r.deploymentId, body, r.pr ?? ctx.prNumber);
  }
}
