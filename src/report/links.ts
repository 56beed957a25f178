import type { RunContext } from '../inputs/plan.js';

// Links derived from the run. Each returns undefined when a part is missing (CLI, local runs),
// so callers leave the link out instead of printing a broken one.

export type RunRef = Pick<RunContext, 'serverUrl' | 'repository' | 'runId'>;

/** The workflow run's page, e.g. https://github.com/o/r/actions/runs/123 (GHES: its own server). */
export function runUrl(ctx: RunRef): string | undefined {
  if (!ctx.repository || !ctx.runId) return undefined;
  const server = (ctx.serverUrl || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${ctx.repository}/actions/runs/${ctx.runId}`;
}

/** The download page of an artifact of this run (the form upload-artifact reports). */
export function artifactUrl(ctx: RunRef, artifactId: number | string): string | undefined {
  const run = runUrl(ctx);
  return run === undefined || artifactId === '' ? undefined : `${run}/artifacts/${artifactId}`;
}

/** Both links at once, for summaries and comments ('' as the id: no artifact). */
export function runLinks(
  ctx: RunRef,
  artifactId: number | string,
): { run?: string; artifact?: string } {
  const run = runUrl(ctx);
  const artifact = artifactUrl(ctx, artifactId);
  return { ...(run ? { run } : {}), ...(artifact ? { artifact } : {}) };
}

/**
 * The deploy artifact's name: `none` → false; empty → unique per run, attempt and mode (artifact
 * names are unique per run). The upload (github/artifact.ts) and the instances' release tags
 * (mode deploy, read back by mode reconcile) both take it from here.
 */
export function artifactNameFor(
  setting: string | false | undefined,
  deploymentId: string,
  mode: 'deploy' | 'plan',
  ctx: Pick<RunContext, 'runId' | 'runAttempt'>,
): string | false {
  if (setting !== undefined) return setting;
  const kind = mode === 'plan' ? '-plan' : '';
  return `spot-deploy-${deploymentId}${kind}-${ctx.runId ?? 'local'}-${ctx.runAttempt ?? '1'}`;
}
