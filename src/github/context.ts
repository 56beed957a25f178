import type { RunContext } from '../inputs/plan.js';

// Links and targets derived from the runner's environment. Each returns undefined when a part is
// missing (CLI, local runs), so callers can leave the link out instead of printing a broken one.

/** The issue a pull request's conversation lives on (PR comments go through the issues API). */
export interface CommentTarget {
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
}

export function commentTarget(
  ctx: Pick<RunContext, 'repository' | 'prNumber'>,
): CommentTarget | undefined {
  const [owner, repo, ...rest] = (ctx.repository ?? '').split('/');
  if (!owner || !repo || rest.length > 0) return undefined;
  if (ctx.prNumber === undefined || !Number.isInteger(ctx.prNumber) || ctx.prNumber < 1)
    return undefined;
  return { owner, repo, issueNumber: ctx.prNumber };
}
