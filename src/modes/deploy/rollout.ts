/**
 * Rolling redeploys (inputs `batch-size`, `max-failed`): which instances go together, and the
 * loop that delivers one batch after the other and stops once too many have failed.
 *
 * Instances this run launched serve nothing yet, so they go first, all at once, in their own
 * batch: a bad bundle then fails there (counting against `max-failed`) before any adopted
 * instance is touched. The adopted instances follow `batch-size` at a time, in the order given.
 * Without `batch-size` everything is one batch, delivered as before.
 */
import type { BatchSize } from '../../inputs/types.js';
import type { BatchRecord, RolloutStop } from '../../report/batches.js';

/** The most batches a rollout can have: `count` is at most 100, and each batch holds one or more. */
export const MAX_BATCHES = 101;

/** Instances per adopted batch: the count, or the percentage of the adopted ones rounded up. */
export function batchLength(size: BatchSize, adopted: number): number {
  const n = size.kind === 'count' ? size.count : Math.ceil((adopted * size.percent) / 100);
  return Math.max(1, n);
}

/**
 * The batches, in delivery order, none empty: the new instances first (one batch), then the
 * adopted ones in chunks of `batchLength`. No `size`: one batch of everything, order kept.
 */
export function planBatches<T extends { readonly adopted: boolean }>(
  items: readonly T[],
  size: BatchSize | undefined,
): T[][] {
  if (items.length === 0) return [];
  if (size === undefined) return [[...items]];
  const fresh = items.filter((x) => !x.adopted);
  const adopted = items.filter((x) => x.adopted);
  const n = batchLength(size, adopted.length);
  const out: T[][] = fresh.length > 0 ? [fresh] : [];
  for (let i = 0; i < adopted.length; i += n) out.push(adopted.slice(i, i + n));
  return out;
}

export interface Rollout<D> {
  readonly batches: readonly BatchRecord[];
  /** Each attempted instance's delivery with the number of its batch, in delivery order. */
  readonly delivered: ReadonlyArray<{ readonly delivery: D; readonly batch: number }>;
  /** Instances never attempted (the rollout stopped before their batch). */
  readonly skipped: ReadonlyArray<{ readonly id: string; readonly batch: number }>;
  /** Set when `max-failed` was exceeded (only for a rolling redeploy). */
  readonly stop?: RolloutStop;
}

export interface RolloutOptions {
  /** Failures tolerated in total; undefined: no limit (not a rolling redeploy). */
  readonly maxFailed: number | undefined;
  /** Whether a batch is new instances only (the report says so). */
  readonly fresh?: (batch: number) => boolean;
  readonly now: () => Date;
  readonly log?: (line: string) => void;
}

const iso = (d: Date): string => d.toISOString();

/**
 * Delivers `batches` one after the other: a batch starts only when `deliverBatch` has returned
 * for the previous one (every instance in it ready or failed). Once more than `maxFailed`
 * instances have failed in total, no later batch is started. `deliverBatch` must return one
 * result per target (deliverToMany does, failures included).
 */
export async function runRollout<
  T extends { readonly id: string },
  D extends { readonly id: string; readonly status: 'ready' | 'failed' },
>(
  batches: ReadonlyArray<readonly T[]>,
  deliverBatch: (targets: readonly T[]) => Promise<D[]>,
  o: RolloutOptions,
): Promise<Rollout<D>> {
  if (batches.length > MAX_BATCHES) throw new RangeError(`${batches.length} batches`);
  const records: BatchRecord[] = [];
  const delivered: Array<{ delivery: D; batch: number }> = [];
  const failedIds: string[] = [];
  let stop: RolloutStop | undefined;
  for (const [k, targets] of batches.entries()) {
    const number = k + 1;
    const fresh = o.fresh?.(number) ?? false;
    const ids = targets.map((t) => t.id);
    if (stop !== undefined) {
      records.push({ number, ids, fresh, outcome: 'skipped', failed: 0 });
      continue;
    }
    if (batches.length > 1)
      o.log?.(`batch ${number} of ${batches.length}: ${ids.join(', ')}${fresh ? ' (new)' : ''}`);
    const startedAt = iso(o.now());
    const results = await deliverBatch(targets);
    const finishedAt = iso(o.now());
    const failed = results.filter((d) => d.status !== 'ready');
    failedIds.push(...failed.map((d) => d.id));
    for (const delivery of results) delivered.push({ delivery, batch: number });
    const outcome = failed.length === 0 ? 'ready' : 'failed';
    records.push({ number, ids, fresh, outcome, failed: failed.length, startedAt, finishedAt });
    if (o.maxFailed !== undefined && failedIds.length > o.maxFailed) {
      const skippedIds = batches.slice(number).flatMap((b) => b.map((t) => t.id));
      stop = {
        batch: number,
        of: batches.length,
        maxFailed: o.maxFailed,
        failedIds: [...failedIds],
        skippedIds,
      };
      if (skippedIds.length > 0)
        o.log?.(
          `rollout stopped after batch ${number}: ${failedIds.length} failed (max-failed ${o.maxFailed}); ${skippedIds.length} instance(s) keep their release`,
        );
    }
  }
  const skipped = records
    .filter((b) => b.outcome === 'skipped')
    .flatMap((b) => b.ids.map((id) => ({ id, batch: b.number })));
  return { batches: records, delivered, skipped, ...(stop ? { stop } : {}) };
}
