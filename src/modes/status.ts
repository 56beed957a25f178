import type { EC2Client } from '@aws-sdk/client-ec2';
import { findInstances } from '../aws/instances.js';
import { TAG } from '../aws/types.js';
import type { Inputs } from '../inputs/parse.js';
import { buildPlan, type RunContext } from '../inputs/plan.js';
import { cell } from '../report/markdown.js';
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
  const rows = found.map(
    (i) =>
      `| \`${i.id}\` | ${cell(i.state ?? '?')} | ${cell(i.region)} / ${cell(i.availabilityZone ?? '–')} | ${cell(i.instanceType)} | ${i.lifecycle} | ${cell(i.publicIp ?? '–')} | ${cell(i.privateIp ?? '–')} | ${cell(i.launchTime ?? '–')} | ${cell(i.tags?.[TAG.expiresAt] ?? '–')} |`,
  );
  deps.sink.setOutput('deployment-id', plan.deploymentId);
  deps.sink.setOutput('instances', JSON.stringify(found.map(({ tags: _t, ...i }) => i)));
  await deps.sink.summary(
    [
      `## spot-deploy status: \`${plan.deploymentId}\` — ${found.length} instance(s) in ${inputs.regions.join(', ')}`,
      '',
      '| instance | state | region / AZ | type | lifecycle | public IP | private IP | launched | expires |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  return found;
}
