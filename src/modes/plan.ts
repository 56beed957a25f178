import type { Inputs } from '../inputs/types.js';
import { generateEd25519 } from '../keys.js';
import { buildPlan, type Plan, type RunContext } from '../inputs/plan.js';
import { unknownNameWarnings } from '../inputs/known-names.js';
import { sshAccessText, worldOpenWarning } from '../inputs/runner-ip.js';
import { prepare, type Prepared } from './prepare.js';
import { renderPlanSummary } from '../report/plan-summary.js';
import type { Sink } from '../report/sink.js';
import { reportArtifact } from '../report/artifact.js';
import { NO_FLEET, renderedOutputs, setOutputs } from '../report/outputs.js';
import { NO_ARTIFACT, type Publisher } from './publisher.js';

export interface PlanResult extends Prepared {
  readonly plan: Plan;
}

/** mode: plan — renders user-data and bundle exactly as a deploy would, without any AWS call. */
export async function runPlan(
  inputs: Inputs,
  ctx: RunContext,
  sink: Sink,
  root: string,
  now: Date = new Date(),
  publisher?: Publisher,
): Promise<PlanResult> {
  const plan = buildPlan(inputs, ctx, now);
  // A dry run is where a typo should show: a deploy would only learn it from EC2.
  for (const w of unknownNameWarnings(inputs.regions, inputs.instanceTypes)) sink.warning(w);
  const open = worldOpenWarning(inputs.sshCidrs, inputs.sshPort);
  if (open !== undefined && inputs.securityGroupIds.length === 0) sink.warning(open);
  sink.info(`SSH (TCP ${inputs.sshPort}) open to: ${sshAccessText(inputs)}`);
  // A plan renders with throwaway keys: the real ones are made per deployment at launch.
  const client = inputs.sshPrivateKey ?? generateEd25519('spot-deploy');
  const host = generateEd25519('spot-deploy');
  const prepared = await prepare(plan, { client, host }, sink, root);
  const { userData, bundle } = prepared;

  setOutputs(sink, { ...renderedOutputs(plan.deploymentId, prepared), ...NO_FLEET });
  const artifact = publisher ? await publisher.artifact('plan', plan, prepared) : NO_ARTIFACT;
  reportArtifact(sink, artifact);
  await sink.summary(renderPlanSummary(plan, userData, bundle));
  return { plan, ...prepared };
}
