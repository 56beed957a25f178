import type { Inputs } from '../inputs/types.js';
import type { RunContext } from '../inputs/plan.js';
import type { Publisher } from '../modes/publisher.js';
import type { Sink } from '../report/sink.js';
import { artifactNameFor, uploadDeployArtifact, type ArtifactClientLike } from './artifact.js';
import { commentTarget } from './context.js';
import { publishPrComment, reportPrComment, type OctokitLike } from './pr-comment.js';

/** The GitHub clients the action's entry builds (the artifact service, Octokit). */
export interface GitHubClients {
  readonly artifacts: ArtifactClientLike;
  /** Built only when a comment will be made, e.g. `(t) => github.getOctokit(t)`. */
  readonly octokit: (token: string) => OctokitLike;
}

/** The Publisher of a run inside GitHub Actions. */
export function githubPublisher(
  clients: GitHubClients,
  inputs: Inputs,
  ctx: RunContext,
  sink: Sink,
): Publisher {
  return {
    artifact: (mode, plan, files) =>
      uploadDeployArtifact(clients.artifacts, {
        name: artifactNameFor(inputs.artifactName, plan.deploymentId, mode, ctx),
        retentionDays: inputs.artifactRetentionDays,
        workDir: files.workDir,
        deploymentId: plan.deploymentId,
        bundle: files.bundle,
        userData: files.userData,
        plan,
      }),
    comment: async (deploymentId, body, pr) =>
      reportPrComment(
        sink,
        await publishPrComment({
          enabled: inputs.prComment,
          token: inputs.githubToken,
          target: commentTarget(
            pr === undefined ? ctx : { repository: ctx.repository, prNumber: pr },
          ),
          octokit: clients.octokit,
          deploymentId,
          body,
        }),
      ),
  };
}
