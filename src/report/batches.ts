/**
 * A rolling redeploy as people read it: the record of each batch (modes/deploy/rollout.ts makes
 * them), the summary's batch table and the step's failure message when the rollout stopped.
 */
import { cell } from './markdown.js';

/** One batch. Times are ISO 8601; a skipped batch has none. */
export interface BatchRecord {
  /** 1-based, in delivery order. */
  readonly number: number;
  readonly ids: readonly string[];
  /** True for the batch of instances this run launched (they go first, all at once). */
  readonly fresh: boolean;
  readonly outcome: 'ready' | 'failed' | 'skipped';
  readonly failed: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

/** Why a rolling redeploy failed: more failures than `max-failed` once `batch` was done. */
export interface RolloutStop {
  readonly batch: number;
  readonly of: number;
  readonly maxFailed: number;
  /** Every instance that failed so far, in delivery order. */
  readonly failedIds: readonly string[];
  /** Instances of later batches, never attempted: they keep the release they had. */
  readonly skippedIds: readonly string[];
}

/** The step's failure message for a stopped rollout, naming the batch and the instances. */
export function stopMessage(s: RolloutStop): string {
  const kept =
    s.skippedIds.length > 0
      ? `; ${s.skippedIds.length} instance(s) of later batches were not touched and keep their release: ${s.skippedIds.join(', ')}`
      : '';
  return `rolling redeploy stopped at batch ${s.batch} of ${s.of}: ${s.failedIds.length} instance(s) failed, more than max-failed ${s.maxFailed}: ${s.failedIds.join(', ')}${kept}`;
}

/** `12:04:31Z` of an ISO 8601 time (a deploy's batches share a day); '–' when absent. */
function clock(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '–';
  const hms = /T(\d\d:\d\d:\d\d)/.exec(iso)?.[1];
  return hms === undefined ? cell(iso) : `${hms}Z`;
}

const MAX_IDS_PER_ROW = 20;

function outcome(b: BatchRecord, stop: RolloutStop | undefined): string {
  if (b.outcome === 'skipped') return '⏭️ skipped: not touched';
  const ready = b.ids.length - b.failed;
  const text =
    b.outcome === 'ready' ? `✅ ${ready} ready` : `❌ ${b.failed} failed, ${ready} ready`;
  return stop?.batch === b.number ? `${text}; rollout stopped` : text;
}

/**
 * The batch table of a rolling redeploy; empty when there was one batch (everything at once, the
 * table would only repeat the instance table).
 */
export function batchTable(
  batches: readonly BatchRecord[],
  stop: RolloutStop | undefined,
): string[] {
  if (batches.length <= 1) return [];
  const rows = batches.map((b) => {
    const shown = b.ids.slice(0, MAX_IDS_PER_ROW).map((id) => `\`${cell(id)}\``);
    const more =
      b.ids.length > MAX_IDS_PER_ROW ? ` and ${b.ids.length - MAX_IDS_PER_ROW} more` : '';
    const ids = `${shown.join(', ')}${more}${b.fresh ? ' (new)' : ''}`;
    return `| ${b.number} | ${ids} | ${clock(b.startedAt)} | ${clock(b.finishedAt)} | ${outcome(b, stop)} |`;
  });
  return [
    `**Rolling redeploy**: ${batches.length} batches${stop ? `, stopped after batch ${stop.batch} (max-failed ${stop.maxFailed})` : ''}.`,
    '',
    '| batch | instances | started | finished | outcome |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ];
}
