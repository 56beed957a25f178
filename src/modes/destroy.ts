import type { EC2Client } from '@aws-sdk/client-ec2';
import { realClock, type Clock, type Sleep } from '../time.js';
import { CleanupError } from '../errors.js';
import { destroyDeployment, janitor } from '../aws/destroy.js';
import type { Inputs } from '../inputs/types.js';
import { buildPlan, type RunContext } from '../inputs/plan.js';
import { renderDestroySummary, type RegionCleanup } from '../report/destroy-summary.js';
import type { Sink } from '../report/sink.js';
import { runLinks } from '../report/links.js';
import { renderDestroyComment } from '../report/pr-comment.js';
import { NO_FLEET, setOutputs } from '../report/outputs.js';
import type { Publisher } from './publisher.js';

export interface DestroyDeps {
  readonly sink: Sink;
  readonly ec2: (region: string) => EC2Client;
  readonly now?: Clock;
  readonly sleep?: Sleep;
  /** PR-comment client (Actions only). */
  readonly publisher?: Publisher;
}

/**
 * mode: destroy. Removes everything tagged with the deployment id in every region given
 * (instances first, then the security group and launch template spot-deploy created), or with
 * `deployment-id: expired`, every spot-deploy deployment whose `expires-at` has passed.
 * Running it again finds nothing and succeeds.
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
    : await destroyDeployment(regions, plan.deploymentId, opts);

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
