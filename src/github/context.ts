import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { errorMessage } from '../errors.js';
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
  event: EventPayload | undefined,
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

export type EventPayload = { pull_request?: { number?: number } };

/**
 * The event payload (GITHUB_EVENT_PATH); none when the variable is unset or the file is missing
 * (a run outside Actions). A file that is there but unreadable or not JSON is an error that says
 * so, thrown before any cloud call, instead of @actions/github's stack trace on import.
 */
export function readEvent(path: string | undefined): EventPayload | undefined {
  if (!path || !existsSync(path)) return undefined;
  const fail = (why: string): Error =>
    new Error(
      `Could not read the event payload ${path} (GITHUB_EVENT_PATH): ${why}. The runner writes this file; check that no earlier step overwrote it.`,
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw fail(errorMessage(e));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw fail(`not valid JSON (${errorMessage(e)})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw fail('not a JSON object');
  }
  return doc;
}
