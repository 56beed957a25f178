/**
 * One comment per pull request and deployment, found again by a hidden marker and edited in place
 * on every run. A comment is a courtesy: no failure here fails the deploy.
 */
import type { InstanceResult } from '../report/results.js';
import { errorMessage } from '../errors.js';
import type { CommentTarget } from './context.js';
import { cell } from '../report/markdown.js';
import type { Sink } from '../report/sink.js';

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

/** GitHub refuses bodies over 65,536 characters; the margin covers the truncation note. */
export const COMMENT_LIMIT = 65_536;
const BODY_BUDGET = 60_000;
const PER_PAGE = 100;
/** 3,000 comments: beyond that a PR gets a new comment rather than an unbounded scan. */
const MAX_PAGES = 30;

export function commentMarker(deploymentId: string): string {
  return `<!-- spot-deploy:${deploymentId} -->`;
}

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

/** Inline code for a table cell: neutralises Markdown, HTML and @mentions in error text. */
function code(text: string, max = 160): string {
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  const short = line.length > max ? `${line.slice(0, max)}…` : line;
  return short === '' ? '–' : `\`${cell(short.replace(/`/g, "'"))}\``;
}

const secs = (ms: number | undefined) =>
  ms === undefined ? '' : ` in ${(ms / 1000).toFixed(0)} s`;

function row(r: InstanceResult): string {
  const detail =
    r.status === 'ready'
      ? `active${secs(r.timings.activeMs)}`
      : `${code(r.step ?? 'unknown')}: ${code(r.error ?? '')}`;
  return `| ${r.status === 'ready' ? '✅' : '❌'} | \`${cell(r.id)}\`${r.adopted ? ' (adopted)' : ''} | ${cell(r.region)} / ${cell(r.availabilityZone ?? '–')} | ${cell(r.instanceType)} | ${r.lifecycle} | ${cell(r.publicIp ?? r.privateIp ?? '–')} | ${detail} |`;
}

/** Lines up to the budget, then a note on what was left out. */
function fit(head: string[], rows: string[], tail: string[], note: (left: number) => string) {
  let used = [...head, ...tail, note(rows.length)].join('\n').length;
  const kept: string[] = [];
  for (const r of rows) {
    if (used + r.length + 1 > BODY_BUDGET) break;
    kept.push(r);
    used += r.length + 1;
  }
  const left = rows.length - kept.length;
  return [...head, ...kept, ...(left > 0 ? ['', note(left)] : []), ...tail].join('\n');
}

export interface DeployCommentData {
  readonly deploymentId: string;
  readonly instances: readonly InstanceResult[];
  readonly bundleSha256: string;
  /** Instances asked for but never launched (no capacity). */
  readonly shortfall?: number;
  readonly minReady?: number;
  readonly runUrl?: string | undefined;
  readonly artifact?: { readonly name: string; readonly url?: string | undefined } | undefined;
  readonly now?: Date;
}

/** The fleet table; failed instances first, so a cut table never hides a failure. */
export function renderPrComment(d: DeployCommentData): string {
  const ready = d.instances.filter((r) => r.status === 'ready').length;
  const failed = d.instances.length - ready;
  const shortfall = d.shortfall ?? 0;
  const ok = d.minReady === undefined || ready >= d.minReady;
  const facts = [
    `**${ready}** ready`,
    `**${failed}** failed`,
    ...(shortfall > 0 ? [`**${shortfall}** not launched`] : []),
    ...(d.minReady === undefined ? [] : [`min-ready ${d.minReady}`]),
    `bundle \`${d.bundleSha256.slice(0, 12)}\``,
    ...(d.artifact ? [link(`artifact ${d.artifact.name}`, d.artifact.url)] : []),
    link('workflow run', d.runUrl),
  ];
  const rows = [...d.instances]
    .sort((a, b) => Number(a.status === 'ready') - Number(b.status === 'ready'))
    .map(row);
  return fit(
    [
      commentMarker(d.deploymentId),
      `### ${ok ? '✅' : '❌'} spot-deploy \`${cell(d.deploymentId)}\`: ${ready}/${d.instances.length + shortfall} ready`,
      '',
      facts.join(' · '),
      '',
      '| | instance | region / AZ | type | lifecycle | address | detail |',
      '|---|---|---|---|---|---|---|',
    ],
    rows,
    ['', `<sub>Updated ${stamp(d.now)} by spot-deploy; this comment is edited in place.</sub>`],
    (left) =>
      `… ${left} more instance(s) not shown (comment size limit); ${link('see the run summary', d.runUrl)}.`,
  );
}

export interface DestroyCommentData {
  readonly deploymentId: string;
  readonly terminated: ReadonlyArray<{ readonly id: string; readonly region: string }>;
  /** Resources that could not be removed (the destroy step fails with these). */
  readonly errors?: readonly string[];
  readonly runUrl?: string | undefined;
  readonly now?: Date;
}

/** The comment after `mode: destroy`: what was terminated, and anything left behind. */
export function renderDestroyComment(d: DestroyCommentData): string {
  const errors = (d.errors ?? []).slice(0, 20).map((e) => `- ⚠️ ${code(e, 300)}`);
  const title = errors.length === 0 ? '🧹' : '⚠️';
  const rows = d.terminated.map((t) => `| \`${cell(t.id)}\` | ${cell(t.region)} |`);
  return fit(
    [
      commentMarker(d.deploymentId),
      `### ${title} spot-deploy \`${cell(d.deploymentId)}\`: fleet destroyed`,
      '',
      `${d.terminated.length} instance(s) terminated · ${link('workflow run', d.runUrl)}`,
      ...(errors.length > 0 ? ['', 'Some resources remain:', ...errors] : []),
      ...(rows.length > 0 ? ['', '| instance | region |', '|---|---|'] : []),
    ],
    rows,
    ['', `<sub>Updated ${stamp(d.now)} by spot-deploy.</sub>`],
    (left) => `… ${left} more instance(s) not shown (comment size limit).`,
  );
}

function link(text: string, url: string | undefined): string {
  return url === undefined ? text : `[${text}](${url})`;
}

function stamp(now: Date | undefined): string {
  return (now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
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
  const status = (e as { status?: unknown } | null)?.status;
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
