/**
 * The PR comment's text: one comment per pull request and deployment, recognised by a hidden
 * marker at its start (github/pr-comment.ts finds it and edits it in place).
 */
import { formatDuration } from '../time.js';
import { cell } from './markdown.js';
import type { InstanceResult } from './results.js';
import type { ReconcileReport } from './reconcile-summary.js';
import { linksCell, type ServiceLinks } from './service-urls.js';

/** GitHub refuses bodies over 65,536 characters; the margin covers the truncation note. */
export const COMMENT_LIMIT = 65_536;
/** What the renderers below keep each body under. */
const BODY_BUDGET = 60_000;

export function commentMarker(deploymentId: string): string {
  return `<!-- spot-deploy:${deploymentId} -->`;
}

/** Inline code for a table cell: neutralises Markdown, HTML and @mentions in error text. */
function code(text: string, max = 160): string {
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  const short = line.length > max ? `${line.slice(0, max)}…` : line;
  return short === '' ? '–' : `\`${cell(short.replace(/`/g, "'"))}\``;
}

const secs = (ms: number | undefined) =>
  ms === undefined ? '' : ` in ${formatDuration(ms, { digits: 0 })}`;

const ICON = { ready: '✅', failed: '❌', skipped: '⏭️' } as const;

function row(r: InstanceResult, links: ServiceLinks | undefined): string {
  const detail =
    r.status === 'ready'
      ? r.note === undefined
        ? `active${secs(r.timings.activeMs)}`
        : code(r.note)
      : r.status === 'skipped'
        ? `skipped: the rollout stopped before batch ${r.batch?.number ?? '?'}; still on its previous release`
        : r.rolledBackTo !== undefined
          ? `${code(r.step ?? 'unknown')}: rolled back to \`${r.rolledBackTo.slice(0, 12).replace(/[^0-9a-f]/g, '')}\``
          : `${code(r.step ?? 'unknown')}: ${code(r.error ?? '')}`;
  return `| ${ICON[r.status]} | \`${cell(r.id)}\`${r.adopted ? ' (adopted)' : ''} | ${cell(r.region)} / ${cell(r.availabilityZone ?? '–')} | ${cell(r.instanceType)} | ${r.lifecycle} | ${cell(r.publicIp ?? r.privateIp ?? '–')} | ${detail} |${links ? ` ${linksCell(r, links)} |` : ''}`;
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
  /** `ports` and `ssh-address`: a links column when ports were opened. */
  readonly links?: ServiceLinks | undefined;
  readonly runUrl?: string | undefined;
  readonly artifact?: { readonly name: string; readonly url?: string | undefined } | undefined;
  readonly now?: Date;
}

/** The fleet table; failed instances first, then skipped, so a cut table never hides a failure. */
export function renderPrComment(d: DeployCommentData): string {
  const ready = d.instances.filter((r) => r.status === 'ready').length;
  const failed = d.instances.filter((r) => r.status === 'failed').length;
  // Skipped instances only exist when a rolling redeploy stopped, which fails the step.
  const skipped = d.instances.length - ready - failed;
  const shortfall = d.shortfall ?? 0;
  const ok = (d.minReady === undefined || ready >= d.minReady) && skipped === 0;
  const facts = [
    `**${ready}** ready`,
    `**${failed}** failed`,
    ...(skipped > 0 ? [`**${skipped}** skipped (rollout stopped)`] : []),
    ...(shortfall > 0 ? [`**${shortfall}** not launched`] : []),
    ...(d.minReady === undefined ? [] : [`min-ready ${d.minReady}`]),
    `bundle \`${d.bundleSha256.slice(0, 12)}\``,
    ...(d.artifact ? [link(`artifact ${d.artifact.name}`, d.artifact.url)] : []),
    link('workflow run', d.runUrl),
  ];
  const rank = { failed: 0, skipped: 1, ready: 2 } as const;
  const links = d.links && d.links.ports.length > 0 ? d.links : undefined;
  const rows = [...d.instances]
    .sort((a, b) => rank[a.status] - rank[b.status])
    .map((r) => row(r, links));
  return fit(
    [
      commentMarker(d.deploymentId),
      `### ${ok ? '✅' : '❌'} spot-deploy \`${cell(d.deploymentId)}\`: ${ready}/${d.instances.length + shortfall} ready`,
      '',
      facts.join(' · '),
      '',
      `| | instance | region / AZ | type | lifecycle | address | detail |${links ? ' links |' : ''}`,
      `|---|---|---|---|---|---|---|${links ? '---|' : ''}`,
    ],
    rows,
    ['', `<sub>Updated ${stamp(d.now)} by spot-deploy; this comment is edited in place.</sub>`],
    (left) =>
      `… ${left} more instance(s) not shown (comment size limit); ${link('see the run summary', d.runUrl)}.`,
  );
}

export interface RollbackCommentData {
  readonly deploymentId: string;
  readonly instances: readonly InstanceResult[];
  /** `rollback-to`; undefined: each instance's previous ready release. */
  readonly rollbackTo: string | undefined;
  readonly runUrl?: string | undefined;
  readonly now?: Date;
}

const sha12 = (sha: string | undefined) => (sha === undefined ? '?' : `\`${sha.slice(0, 12)}\``);

function rollbackRow(r: InstanceResult): string {
  const detail =
    r.status === 'ready'
      ? `rolled back${secs(r.timings.activeMs)}`
      : `${code(r.step ?? 'unknown')}: ${code(r.error ?? '')}`;
  return `| ${r.status === 'ready' ? '✅' : '❌'} | \`${cell(r.id)}\` | ${cell(r.region)} / ${cell(r.availabilityZone ?? '–')} | ${cell(r.publicIp ?? r.privateIp ?? '–')} | ${sha12(r.sha256Before)} → ${sha12(r.sha256After)} | ${detail} |`;
}

/** The comment after `mode: rollback`: each instance's release before → after, failed ones first. */
export function renderRollbackComment(d: RollbackCommentData): string {
  const ready = d.instances.filter((r) => r.status === 'ready').length;
  const ok = d.instances.length > 0 && ready === d.instances.length;
  const target =
    d.rollbackTo === undefined
      ? 'to the previous ready release'
      : `to \`${d.rollbackTo.slice(0, 12)}\``;
  const rows = [...d.instances]
    .sort((a, b) => Number(a.status === 'ready') - Number(b.status === 'ready'))
    .map(rollbackRow);
  return fit(
    [
      commentMarker(d.deploymentId),
      `### ${ok ? '⏪' : '❌'} spot-deploy \`${cell(d.deploymentId)}\`: ${ready}/${d.instances.length} rolled back`,
      '',
      [
        `rollback ${target}`,
        `**${d.instances.length - ready}** failed`,
        link('workflow run', d.runUrl),
      ].join(' · '),
      '',
      '| | instance | region / AZ | address | release before → after | detail |',
      '|---|---|---|---|---|---|',
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

/**
 * Mode reconcile's report for one deployment (instances: the ones kept, adopted and untouched,
 * and the replacements; replaced: what was terminated and why, redacted by the caller), with
 * what only the comment needs.
 */
export interface ReconcileCommentData extends ReconcileReport {
  readonly runUrl?: string | undefined;
  readonly now?: Date;
}

/** At most this many "replaced" lines; a fleet lost whole would otherwise push the table out. */
const MAX_REPLACED_LINES = 20;

function reconcileRow(r: InstanceResult): string {
  const detail =
    r.status === 'failed'
      ? `${code(r.step ?? 'unknown')}: ${code(r.error ?? '')}`
      : !r.adopted
        ? `replacement, active${secs(r.timings.activeMs)}`
        : r.status === 'ready'
          ? 'ready, untouched'
          : 'pending (a launch in progress), untouched';
  return `| ${ICON[r.status]} | \`${cell(r.id)}\` | ${cell(r.region)} / ${cell(r.availabilityZone ?? '–')} | ${cell(r.instanceType)} | ${r.lifecycle} | ${cell(r.publicIp ?? r.privateIp ?? '–')} | ${detail} |`;
}

/**
 * The comment after `mode: reconcile`, under the deployment's marker so it replaces the deploy's
 * table: "replaced N of M", why each replaced instance went, then the fleet (failures first).
 */
export function renderReconcileComment(d: ReconcileCommentData): string {
  const ready = d.instances.filter((r) => r.status === 'ready').length;
  const failed = d.instances.filter((r) => r.status === 'failed').length;
  const ok = ready >= d.size && failed === 0;
  const why = d.replaced
    .slice(0, MAX_REPLACED_LINES)
    .map((x) => `- replaced \`${cell(x.info.id)}\`: ${code(x.why, 300)}`);
  const more = d.replaced.length - why.length;
  const rank = { failed: 0, skipped: 1, ready: 2 } as const;
  const rows = [...d.instances]
    .sort((a, b) => rank[a.status] - rank[b.status] || Number(a.adopted) - Number(b.adopted))
    .map(reconcileRow);
  return fit(
    [
      commentMarker(d.deploymentId),
      `### ${ok ? '✅' : '❌'} spot-deploy \`${cell(d.deploymentId)}\`: replaced ${d.launched} of ${d.size}, ${ready}/${d.size} ready`,
      '',
      [
        'reconcile',
        `**${ready}** ready`,
        `**${failed}** failed`,
        ...(d.sha256 === undefined ? [] : [`release \`${d.sha256.slice(0, 12)}\``]),
        link('workflow run', d.runUrl),
      ].join(' · '),
      ...(why.length > 0
        ? ['', ...why, ...(more > 0 ? [`- … and ${more} more (see the run summary)`] : [])]
        : []),
      '',
      '| | instance | region / AZ | type | lifecycle | address | detail |',
      '|---|---|---|---|---|---|---|',
    ],
    rows,
    [
      '',
      `<sub>Updated ${stamp(d.now)} by spot-deploy reconcile; this comment is edited in place.</sub>`,
    ],
    (left) =>
      `… ${left} more instance(s) not shown (comment size limit); ${link('see the run summary', d.runUrl)}.`,
  );
}

function link(text: string, url: string | undefined): string {
  return url === undefined ? text : `[${text}](${url})`;
}

function stamp(now: Date | undefined): string {
  return (now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
}
