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
