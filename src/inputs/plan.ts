import { join } from 'node:path';
import type { Inputs } from './types.js';

/** What the plan needs to know about the workflow run (all optional outside Actions). */
export interface RunContext {
  readonly repository?: string | undefined; // owner/name
  readonly runId?: string | undefined;
  readonly runAttempt?: string | undefined;
  readonly prNumber?: number | undefined;
  readonly refName?: string | undefined;
  /** https://github.com (GITHUB_SERVER_URL), for links to the run and its artifact. */
  readonly serverUrl?: string | undefined;
  /** RUNNER_TEMP in Actions, the OS temp dir elsewhere. */
  readonly tempDir: string;
}

export interface RegionPlan {
  readonly region: string;
  /** Instances asked of this region; 0 means the region only serves as a fallback. */
  readonly count: number;
}

export interface Plan {
  readonly inputs: Inputs;
  readonly deploymentId: string;
  readonly regions: readonly RegionPlan[];
  /** Tags for every resource the deployment creates (the host-key tag is added at launch). */
  readonly tags: Readonly<Record<string, string>>;
  readonly expiresAt: string | undefined;
  readonly names: { readonly securityGroup: string; readonly launchTemplate: string };
  /**
   * The prefix of the run's own directory for rendered files (user-data, bundle): prepare makes
   * `<prefix>XXXXXX` with mkdtemp, so no path in a shared temp directory is predictable.
   */
  readonly workDirPrefix: string;
  /** The run's temp dir (RUNNER_TEMP): never bundled, as it holds keys (ours, actions/checkout's). */
  readonly tempDir: string;
}

/**
 * Splits `count` over the regions in order: an even share each, the remainder going to the
 * first regions. Regions left with 0 are still tried, as fallbacks, when capacity runs short.
 */
export function splitCount(count: number, regions: readonly string[]): RegionPlan[] {
  const base = Math.floor(count / regions.length);
  const extra = count % regions.length;
  return regions.map((region, i) => ({ region, count: base + (i < extra ? 1 : 0) }));
}

/** A deployment id from the run: `pr-<n>` for pull requests, else `<repo>-<ref>`. */
export function deriveDeploymentId(ctx: RunContext): string {
  if (ctx.prNumber !== undefined) return `pr-${ctx.prNumber}`;
  const repo = ctx.repository?.split('/')[1] ?? '';
  const id = [repo, ctx.refName ?? '']
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'spot-deploy' : id;
}

export function buildPlan(inputs: Inputs, ctx: RunContext, now: Date): Plan {
  const deploymentId = inputs.deploymentId ?? deriveDeploymentId(ctx);
  const expiresAt =
    inputs.ttlMinutes > 0
      ? new Date(now.getTime() + inputs.ttlMinutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')
      : undefined;
  const tags: Record<string, string> = {
    ...inputs.tags,
    'spot-deploy:deployment': deploymentId,
    ...(ctx.repository ? { 'spot-deploy:repository': ctx.repository } : {}),
    ...(ctx.runId ? { 'spot-deploy:run-id': ctx.runId } : {}),
    ...(ctx.runAttempt ? { 'spot-deploy:run-attempt': ctx.runAttempt } : {}),
    ...(ctx.prNumber !== undefined ? { 'spot-deploy:pr': String(ctx.prNumber) } : {}),
    ...(expiresAt ? { 'spot-deploy:expires-at': expiresAt } : {}),
    Name: `spot-deploy-${deploymentId}`,
  };
  return {
    inputs,
    deploymentId,
    regions: splitCount(inputs.count, inputs.regions),
    tags,
    expiresAt,
    names: {
      securityGroup: `spot-deploy-${deploymentId}`,
      launchTemplate: `spot-deploy-${deploymentId}`,
    },
    workDirPrefix: join(ctx.tempDir, `spot-deploy-${deploymentId}-`),
    tempDir: ctx.tempDir,
  };
}
