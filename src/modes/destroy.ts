import type { EC2Client } from '@aws-sdk/client-ec2';
import { realClock, type Clock, type Sleep } from '../time.js';
import { CleanupError } from '../errors.js';
import { destroyDeployment } from '../aws/destroy.js';
import { janitor } from '../aws/janitor.js';
import type { Inputs } from '../inputs/types.js';
import { buildPlan, type RunContext } from '../inputs/plan.js';
import { renderDestroySummary, type RegionCleanup } from '../report/destroy-summary.js';
import type { Sink } from '../report/sink.js';
import { runLinks } from '../report/links.js';
import { renderDestroyComment } from '../report/pr-comment.js';
import { NO_FLEET, setOutputs } from '../report/outputs.js';
import type { Publisher } from './publisher.js';
import { withDeployLock, type LockDeps } from './lock.js';
import type { StateStore } from './state.js';

export interface DestroyDeps {
  readonly sink: Sink;
  readonly ec2: (region: string) => EC2Client;
  readonly now?: Clock;
  readonly sleep?: Sleep;
  /** PR-comment client (Actions only). */
  readonly publisher?: Publisher;
  /** Where the post step finds the deploy lock if this step is killed holding it. */
  readonly state?: StateStore;
  /** The deploy lock's heartbeat wait and holder name (tests). */
  readonly lock?: Pick<LockDeps, 'wait' | 'holder'>;
}

/**
 * mode: destroy. Removes everything tagged with the deployment id in every region given
 * (instances first, then the security group and launch template spot-deploy created), or with
 * `deployment-id: expired`, every spot-deploy deployment whose `expires-at` has passed.
 * Running it again finds nothing and succeeds. A deployment's destroy holds its deploy lock (it
 * waits for a deploy in progress) and deletes it last; the janitor takes no lock and leaves
 * locked deployments alone.
 */
export async function runDestroy(inputs: Inputs, ctx: RunContext, deps: DestroyDeps) {
  const now = (deps.now ?? realClock)();
  const plan = buildPlan(inputs, ctx, now);
  const regions = inputs.regions.map((region) => ({ region, client: deps.ec2(region) }));
  const opts = {
    log: (m: string) => deps.sink.info(m),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
  const janitorRun = plan.deploymentId === 'expired';
  deps.sink.info(
    janitorRun
      ? `spot-deploy destroy: every expired deployment in ${inputs.regions.join(', ')}`
      : `spot-deploy destroy: deployment ${plan.deploymentId} in ${inputs.regions.join(', ')}`,
  );
  const reports: readonly RegionCleanup[] = janitorRun
    ? await janitor(regions, now, opts)
    : await withDeployLock({ ...deps, ...deps.lock }, plan, ctx, (lock) =>
        destroyDeployment(regions, plan.deploymentId, { ...opts, ownLockId: lock.id }),
      );

  const removed = reports.flatMap((r) =>
    r.instancesTerminated.map((id) => ({ id, region: r.region, state: 'terminated' })),
  );
  setOutputs(deps.sink, {
    ...NO_FLEET,
    'deployment-id': plan.deploymentId,
    instances: JSON.stringify(removed),
  });
  await deps.sink.summary(renderDestroySummary(plan.deploymentId, reports, removed.length));
  const errors = reports.flatMap((r) => r.errors.map((e) => `${r.region}: ${e}`));
  if (deps.publisher && !janitorRun) {
    const body = renderDestroyComment({
      deploymentId: plan.deploymentId,
      terminated: removed,
      errors,
      runUrl: runLinks(ctx, '').run,
    });
    await deps.publisher.comment(plan.deploymentId, body);
  }
  if (errors.length > 0)
    throw new CleanupError('spot-deploy destroy: some resources remain', errors);
  deps.sink.info(`spot-deploy destroy: ${removed.length} instance(s) terminated.`);
  return reports;
}
