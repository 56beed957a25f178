import type { Inputs } from '../inputs/parse.js';
import { generateEd25519 } from '../keys.js';
import { buildPlan, type Plan, type RunContext } from '../inputs/plan.js';
import { prepare, type Prepared } from './prepare.js';
import { renderPlanSummary } from '../report/markdown.js';
import type { Sink } from '../report/sink.js';
import { reportArtifact } from '../github/artifact.js';
import { publishArtifact, type Publishers } from '../github/publish.js';

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
  publishers?: Publishers,
): Promise<PlanResult> {
  const plan = buildPlan(inputs, ctx, now);
  // A plan renders with throwaway keys: the real ones are made per deployment at launch.
  const client = inputs.sshPrivateKey ?? generateEd25519('spot-deploy');
  const host = generateEd25519('spot-deploy');
  const prepared = await prepare(plan, { client, host }, sink, root);
  const { userData, userDataPath, bundle } = prepared;

  sink.setOutput('deployment-id', plan.deploymentId);
  sink.setOutput('user-data-path', userDataPath);
  sink.setOutput('cloud-init-bytes', String(userData.bytes));
  sink.setOutput('bundle-file', bundle.file);
  sink.setOutput('bundle-sha256', bundle.sha256);
  sink.setOutput('instances', '[]');
  sink.setOutput('ready-count', '0');
  sink.setOutput('failed-count', '0');
  sink.setOutput('public-ips', '');
  const artifact = await publishArtifact(publishers, 'plan', inputs, ctx, plan, prepared);
  reportArtifact(sink, artifact);
  await sink.summary(renderPlanSummary(plan, userData, bundle));
  return { plan, ...prepared };
}
