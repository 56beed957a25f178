/**
 * One comment per pull request and deployment, found again by a hidden marker and edited in place
 * on every run. A comment is a courtesy: no failure here fails the deploy.
 */
import { errorMessage } from '../errors.js';
import { COMMENT_LIMIT, commentMarker } from '../report/pr-comment.js';
import type { Sink } from '../report/sink.js';
import type { CommentTarget } from './context.js';

interface IssueComment {
  readonly id: number;
  readonly body?: string | null | undefined;
  readonly html_url?: string;
}
type Repo = { owner: string; repo: string };
type Written = Promise<{ data: { id: number; html_url: string } }>;

/** The part of @actions/github's Octokit used here (passed in, so tests fake it). */
export interface OctokitLike {
  readonly rest: {
    readonly issues: {
      listComments(p: Repo & { issue_number: number; per_page?: number; page?: number }): Promise<{
        data: readonly IssueComment[];
      }>;
      createComment(p: Repo & { issue_number: number; body: string }): Written;
      updateComment(p: Repo & { comment_id: number; body: string }): Written;
    };
  };
}

const PER_PAGE = 100;
/** 3,000 comments: beyond that a PR gets a new comment rather than an unbounded scan. */
const MAX_PAGES = 30;

export interface UpsertResult {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly id: number;
  readonly url: string | undefined;
  /** Older comments with the same marker (left alone: see upsertPrComment). */
  readonly duplicates: readonly number[];
  /** False when the scan stopped at MAX_PAGES before the last page. */
  readonly scannedAll: boolean;
}

/**
 * Updates the comment whose body starts with `marker`, else creates one. Only a body that starts
 * with it counts, so a quote or a mention of the marker is never taken over. If several carry it
 * (two first runs raced; a `concurrency` group per PR prevents that), the newest is updated and the
 * others are reported, not deleted. Throws the API's errors; publishPrComment turns them into warnings.
 */
export async function upsertPrComment(
  octokit: OctokitLike,
  o: CommentTarget & { readonly marker: string; readonly body: string },
): Promise<UpsertResult> {
  const repo = { owner: o.owner, repo: o.repo };
  const body = capBody(o.body);
  const ours: IssueComment[] = [];
  let scannedAll = false;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.issues.listComments({
      ...repo,
      issue_number: o.issueNumber,
      per_page: PER_PAGE,
      page,
    });
    ours.push(...data.filter((c) => (c.body ?? '').startsWith(o.marker)));
    if (data.length < PER_PAGE) {
      scannedAll = true;
      break;
    }
  }
  // Comment ids grow with time: the largest is the newest.
  ours.sort((a, b) => a.id - b.id);
  const newest = ours.pop();
  const found = { duplicates: ours.map((c) => c.id), scannedAll };
  if (newest !== undefined && newest.body === body)
    return { ...found, action: 'unchanged', id: newest.id, url: newest.html_url };
  const { data } =
    newest === undefined
      ? await octokit.rest.issues.createComment({ ...repo, issue_number: o.issueNumber, body })
      : await octokit.rest.issues.updateComment({ ...repo, comment_id: newest.id, body });
  return { ...found, action: newest ? 'updated' : 'created', id: data.id, url: data.html_url };
}

/** A last guard for bodies not made by the renderers below, which keep under BODY_BUDGET themselves. */
function capBody(body: string): string {
  if (body.length <= COMMENT_LIMIT) return body;
  const note = '\n\n… (cut: GitHub limits a comment to 65,536 characters)';
  return body.slice(0, COMMENT_LIMIT - note.length) + note;
}

export type CommentOutcome =
  | { readonly status: 'posted'; readonly message: string; readonly url?: string | undefined }
  | { readonly status: 'skipped' | 'failed'; readonly message: string };

export interface PublishOptions {
  /** The `pr-comment` input. */
  readonly enabled: boolean;
  readonly token: string | undefined;
  /** From commentTarget(ctx): undefined when the run is not for a pull request. */
  readonly target: CommentTarget | undefined;
  /** Builds the client only when a comment will be made, e.g. `(t) => github.getOctokit(t)`. */
  readonly octokit: (token: string) => OctokitLike;
  readonly deploymentId: string;
  readonly body: string;
}

/** Posts or updates the comment. Never throws: every problem comes back as an outcome. */
export async function publishPrComment(o: PublishOptions): Promise<CommentOutcome> {
  const skip = (why: string) => ({ status: 'skipped' as const, message: `PR comment: ${why}` });
  if (!o.enabled) return skip('off (pr-comment: false)');
  if (o.target === undefined) return skip('skipped, this run is not for a pull request');
  if (o.token === undefined) return skip('skipped, no `github-token` (not in Actions)');
  const pr = `pull request #${o.target.issueNumber}`;
  try {
    const marker = commentMarker(o.deploymentId);
    const r = await upsertPrComment(o.octokit(o.token), { ...o.target, marker, body: o.body });
    const notes = [
      ...(r.duplicates.length > 0
        ? [`; older comments with the same marker left as they are: ${r.duplicates.join(', ')}`]
        : []),
      ...(r.scannedAll ? [] : [`; only the first ${MAX_PAGES * PER_PAGE} comments were searched`]),
    ];
    const where = r.url === undefined ? '' : ` ${r.url}`;
    return {
      status: 'posted',
      url: r.url,
      message: `PR comment ${r.action} on ${pr}:${where}${notes.join('')}`,
    };
  } catch (e) {
    return { status: 'failed', message: `Could not comment on ${pr}: ${explainCommentError(e)}` };
  }
}

function explainCommentError(e: unknown): string {
  const raw = (e as { status?: unknown } | null)?.status;
  const status = typeof raw === 'number' || typeof raw === 'string' ? raw : undefined;
  const msg = errorMessage(e);
  if ((status === 403 || /not accessible by integration/i.test(msg)) && !/rate limit/i.test(msg)) {
    return `GitHub refused (${status ?? 403}: ${msg}). Give the job \`permissions: pull-requests: write\`; pull requests from forks get a read-only token and cannot be commented on this way. The deploy itself is unaffected.`;
  }
  return `${status === undefined ? '' : `${String(status)}: `}${msg}. The deploy itself is unaffected.`;
}

export function reportPrComment(sink: Sink, outcome: CommentOutcome): void {
  if (outcome.status === 'failed') sink.warning(outcome.message);
  else sink.info(outcome.message);
}
