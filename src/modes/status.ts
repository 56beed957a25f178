import type { EC2Client } from '@aws-sdk/client-ec2';
import { findInstances } from '../aws/instances.js';
import type { Inputs } from '../inputs/types.js';
import { buildPlan, type RunContext } from '../inputs/plan.js';
import { setOutputs } from '../report/outputs.js';
import { renderStatusSummary } from '../report/status-summary.js';
import type { Sink } from '../report/sink.js';

/**
 * `spot-deploy status` (command line): what the deployment runs now, per region, read from EC2
 * tags only (no SSH). The same columns as the deploy summary, plus launch and expiry times.
 */
export async function runStatus(
  inputs: Inputs,
  ctx: RunContext,
  deps: { sink: Sink; ec2: (region: string) => EC2Client },
) {
  const plan = buildPlan(inputs, ctx, new Date());
  const found = (
    await Promise.all(
      inputs.regions.map((r) => findInstances(deps.ec2(r), r, { deploymentId: plan.deploymentId })),
    )
  ).flat();
  setOutputs(deps.sink, {
    'deployment-id': plan.deploymentId,
    instances: JSON.stringify(found.map(({ tags: _t, ...i }) => i)),
  });
  await deps.sink.summary(renderStatusSummary(plan.deploymentId, inputs.regions, found));
  return found;
}
