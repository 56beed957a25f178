import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { RunContext } from '../inputs/plan.js';

// The run as the runner describes it: environment variables and the event payload.

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

/** The run's identity from the runner's environment variables and event payload. */
export function runContextFromEnv(
  env: NodeJS.ProcessEnv,
  event: { pull_request?: { number?: number } } | undefined,
): RunContext {
  return {
    repository: env.GITHUB_REPOSITORY || undefined,
    runId: env.GITHUB_RUN_ID || undefined,
    runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
    prNumber: event?.pull_request?.number,
    refName: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || undefined,
    serverUrl: env.GITHUB_SERVER_URL || undefined,
    tempDir: env.RUNNER_TEMP || tmpdir(),
  };
}

/** The event payload (GITHUB_EVENT_PATH); unreadable or invalid JSON reads as no event. */
export function readEvent(
  path: string | undefined,
): { pull_request?: { number?: number } } | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { pull_request?: { number?: number } };
  } catch {
    return undefined;
  }
}
