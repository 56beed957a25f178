import type { ArtifactClientLike, ArtifactOutcome } from './artifact.js';
import { artifactNameFor, uploadDeployArtifact } from './artifact.js';
import { commentTarget } from './context.js';
import type { Inputs } from '../inputs/parse.js';
import type { Plan, RunContext } from '../inputs/plan.js';
import type { Prepared } from '../modes/prepare.js';
import { publishPrComment, reportPrComment, type OctokitLike } from './pr-comment.js';
import type { Sink } from '../report/sink.js';

/** GitHub-side clients, built by the action's entry point; the CLI and tests pass none. */
export interface Publishers {
  readonly artifacts: ArtifactClientLike;
  readonly octokit: (token: string) => OctokitLike;
}

/** Uploads bundle + redacted user-data as the run's artifact. Never rejects. */
export function publishArtifact(
  publishers: Publishers | undefined,
  mode: 'deploy' | 'plan',
  inputs: Inputs,
  ctx: RunContext,
  plan: Plan,
  prepared: Prepared,
): Promise<ArtifactOutcome> {
  if (!publishers)
    return Promise.resolve({
      status: 'skipped',
      message: 'artifact: skipped outside GitHub Actions',
    });
  return uploadDeployArtifact(publishers.artifacts, {
    name: artifactNameFor(inputs.artifactName, plan.deploymentId, mode, ctx),
    retentionDays: inputs.artifactRetentionDays,
    workDir: plan.workDir,
    deploymentId: plan.deploymentId,
    bundle: prepared.bundle,
    userData: prepared.userData,
    plan,
  });
}

/** Posts or updates the PR comment when `pr-comment` asks for it; problems are warnings only. */
export async function comment(
  publishers: Publishers,
  inputs: Inputs,
  ctx: RunContext,
  deploymentId: string,
  body: string,
  sink: Sink,
): Promise<void> {
  reportPrComment(
    sink,
    await publishPrComment({
      enabled: inputs.prComment,
      token: inputs.githubToken,
      target: commentTarget(ctx),
      octokit: publishers.octokit,
      deploymentId,
      body,
    }),
  );
}
