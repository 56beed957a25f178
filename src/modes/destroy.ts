import type { EC2Client } from '@aws-sdk/client-ec2';
import { destroyDeployment, janitor } from '../aws/destroy.js';
import type { Inputs } from '../inputs/parse.js';
import { buildPlan, type RunContext } from '../inputs/plan.js';
import { cell } from '../report/markdown.js';
import type { Sink } from '../report/sink.js';
import { runLinks } from '../report/deploy-summary.js';
import { renderDestroyComment } from '../github/pr-comment.js';
import { comment, type Publishers } from '../github/publish.js';

export interface DestroyDeps {
  readonly sink: Sink;
  readonly ec2: (region: string) => EC2Client;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** PR-comment client (Actions only). */
  readonly publishers?: Publishers;
}

interface RegionReport {
  readonly region: string;
  readonly instancesTerminated: readonly string[];
  readonly securityGroupsDeleted: readonly string[];
  readonly launchTemplatesDeleted: readonly string[];
  readonly errors: readonly string[];
}

/**
 * mode: destroy. Removes everything tagged with the deployment id in every region given
 * (instances first, then the security group and launch template spot-deploy created), or with
 * `deployment-id: expired`, every spot-deploy deployment whose `expires-at` has passed.
 * Running it again finds nothing and succeeds.
 */
export async function runDestroy(inputs: Inputs, ctx: RunContext, deps: DestroyDeps) {
  const now = (deps.now ?? (() => new Date()))();
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
  const reports: readonly RegionReport[] = janitorRun
    ? await janitor(regions, now, opts)
    : await destroyDeployment(regions, plan.deploymentId, opts);

  const removed = reports.flatMap((r) =>
    r.instancesTerminated.map((id) => ({ id, region: r.region, state: 'terminated' })),
  );
  deps.sink.setOutput('deployment-id', plan.deploymentId);
  deps.sink.setOutput('instances', JSON.stringify(removed));
  deps.sink.setOutput('ready-count', '0');
  deps.sink.setOutput('failed-count', '0');
  deps.sink.setOutput('public-ips', '');
  const rows = reports.map(
    (r) =>
      `| ${cell(r.region)} | ${cell(r.instancesTerminated.join(', ') || '–')} | ${cell(r.securityGroupsDeleted.join(', ') || '–')} | ${cell(r.launchTemplatesDeleted.join(', ') || '–')} | ${cell(r.errors.join('; ') || '–')} |`,
  );
  await deps.sink.summary(
    [
      `## spot-deploy destroy: \`${plan.deploymentId}\``,
      '',
      `${removed.length} instance(s) terminated.`,
      '',
      '| region | instances | security groups | launch templates | errors |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  const errors = reports.flatMap((r) => r.errors.map((e) => `${r.region}: ${e}`));
  if (deps.publishers && !janitorRun) {
    const body = renderDestroyComment({
      deploymentId: plan.deploymentId,
      terminated: removed,
      errors,
      runUrl: runLinks(ctx, '').run,
    });
    await comment(deps.publishers, inputs, ctx, plan.deploymentId, body, deps.sink);
  }
  if (errors.length > 0)
    throw new Error(`spot-deploy destroy: some resources remain:\n  ${errors.join('\n  ')}`);
  deps.sink.info(`spot-deploy destroy: ${removed.length} instance(s) terminated.`);
  return reports;
}
