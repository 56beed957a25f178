import type { Plan } from '../inputs/plan.js';
import type { ArtifactOutcome } from '../report/artifact.js';
import type { RenderedFiles } from '../report/outputs.js';

/**
 * What a mode hands over to GitHub: the run's artifact and the PR comment. The action's entry
 * builds the real one (github/publish.ts); the command line and most tests run without one, and
 * then no artifact is uploaded and no comment is rendered. Neither call ever rejects: both are
 * by-products that must not fail a deploy.
 */
export interface Publisher {
  /** Uploads the bundle and the redacted user-data as the run's artifact. */
  artifact(mode: 'deploy' | 'plan', plan: Plan, files: RenderedFiles): Promise<ArtifactOutcome>;
  /**
   * Posts or updates the deployment's PR comment (when `pr-comment` asks) and logs the outcome:
   * on pull request `pr` of the run's repository when given (a scheduled reconcile has no pull
   * request in its event; the instances' `spot-deploy:pr` tag names it), else on the event's.
   */
  comment(deploymentId: string, body: string, pr?: number): Promise<void>;
}

export const NO_ARTIFACT: ArtifactOutcome = {
  status: 'skipped',
  message: 'artifact: skipped outside GitHub Actions',
};
