// Rolling redeploys without SSH: the batch plan (pure) and the loop, over a fake deliverer that
// records when each batch ran.
import { describe, expect, it } from 'vitest';
import type { BatchSize } from '../../../../src/inputs/types.js';
import {
  batchLength,
  MAX_BATCHES,
  planBatches,
  runRollout,
} from '../../../../src/modes/deploy/rollout.js';
import { stopMessage } from '../../../../src/report/batches.js';

const count = (n: number): BatchSize => ({ kind: 'count', count: n });
const percent = (p: number): BatchSize => ({ kind: 'percent', percent: p });
const adopted = (n: number) =>
  Array.from({ length: n }, (_, k) => ({ id: `i-a${k + 1}`, adopted: true }));
const fresh = (n: number) =>
  Array.from({ length: n }, (_, k) => ({ id: `i-n${k + 1}`, adopted: false }));
const ids = (bs: Array<Array<{ id: string }>>) => bs.map((b) => b.map((x) => x.id));

describe('batchLength', () => {
  it.each([
    [count(1), 4, 1],
    [count(3), 4, 3],
    [count(10), 4, 10],
    [percent(50), 4, 2],
    [percent(25), 4, 1],
    [percent(30), 4, 2], // 1.2 → 2: rounded up
    [percent(34), 3, 2], // 1.02 → 2
    [percent(33), 3, 1], // 0.99 → 1
    [percent(1), 4, 1], // 0.04 → 1: never 0
    [percent(100), 7, 7],
    [percent(50), 0, 1],
  ])('%j of %i adopted → %i per batch', (size, n, expected) => {
    expect(batchLength(size, n)).toBe(expected);
  });
});

describe('planBatches', () => {
  it('without batch-size: one batch of everything, in the order given', () => {
    const items = [...adopted(2), ...fresh(1), ...adopted(3).slice(2)];
    expect(ids(planBatches(items, undefined))).toEqual([['i-a1', 'i-a2', 'i-n1', 'i-a3']]);
    expect(planBatches([], undefined)).toEqual([]);
    expect(planBatches([], count(1))).toEqual([]);
  });

  it('splits the adopted instances by count, the last batch taking the rest', () => {
    expect(ids(planBatches(adopted(4), count(1)))).toEqual([
      ['i-a1'],
      ['i-a2'],
      ['i-a3'],
      ['i-a4'],
    ]);
    expect(ids(planBatches(adopted(5), count(2)))).toEqual([
      ['i-a1', 'i-a2'],
      ['i-a3', 'i-a4'],
      ['i-a5'],
    ]);
    expect(ids(planBatches(adopted(3), count(10)))).toEqual([['i-a1', 'i-a2', 'i-a3']]);
  });

  it('splits by a percentage of the adopted instances, rounded up', () => {
    expect(ids(planBatches(adopted(4), percent(50)))).toEqual([
      ['i-a1', 'i-a2'],
      ['i-a3', 'i-a4'],
    ]);
    expect(ids(planBatches(adopted(5), percent(50)))).toEqual([
      ['i-a1', 'i-a2', 'i-a3'],
      ['i-a4', 'i-a5'],
    ]);
    expect(planBatches(adopted(10), percent(10))).toHaveLength(10);
  });

  it('puts the new instances first, all at once, in their own batch (the percentage counts only adopted ones)', () => {
    const items = [adopted(1)[0], fresh(3)[0], ...adopted(4).slice(1), ...fresh(3).slice(1)];
    expect(ids(planBatches(items as Array<{ id: string; adopted: boolean }>, percent(50)))).toEqual(
      [
        ['i-n1', 'i-n2', 'i-n3'],
        ['i-a1', 'i-a2'],
        ['i-a3', 'i-a4'],
      ],
    );
    // Only new instances (a first deploy): one batch.
    expect(ids(planBatches(fresh(4), count(1)))).toEqual([['i-n1', 'i-n2', 'i-n3', 'i-n4']]);
  });

  it('never plans more batches than the loop accepts', () => {
    expect(planBatches([...fresh(1), ...adopted(100)], count(1)).length).toBeLessThanOrEqual(
      MAX_BATCHES,
    );
  });
});

/** A deliverer whose instances fail when listed; records each call with fake start/end ticks. */
function fakeDeliverer(failing: readonly string[] = []) {
  let tick = 0;
  const calls: Array<{ ids: string[]; start: number; end: number }> = [];
  const now = () => new Date(Date.UTC(2026, 11, 1, 12, 0, tick));
  const deliver = async (targets: ReadonlyArray<{ id: string }>) => {
    const call = { ids: targets.map((t) => t.id), start: ++tick, end: 0 };
    calls.push(call);
    await new Promise((r) => setTimeout(r, 1));
    call.end = ++tick;
    return targets.map((t): { id: string; status: 'ready' | 'failed' } => ({
      id: t.id,
      status: failing.includes(t.id) ? 'failed' : 'ready',
    }));
  };
  return { deliver, calls, now };
}

describe('runRollout', () => {
  it('runs the batches one after the other, each after the previous one returned', async () => {
    const f = fakeDeliverer();
    const batches = planBatches(adopted(4), percent(50));
    const r = await runRollout(batches, f.deliver, { maxFailed: 0, now: f.now });

    expect(f.calls.map((c) => c.ids)).toEqual([
      ['i-a1', 'i-a2'],
      ['i-a3', 'i-a4'],
    ]);
    expect(f.calls[1]?.start).toBeGreaterThan(f.calls[0]?.end ?? Infinity);
    expect(r.stop).toBeUndefined();
    expect(r.skipped).toEqual([]);
    expect(r.delivered.map((d) => [d.delivery.id, d.batch])).toEqual([
      ['i-a1', 1],
      ['i-a2', 1],
      ['i-a3', 2],
      ['i-a4', 2],
    ]);
    expect(r.batches.map((b) => [b.number, b.outcome, b.failed])).toEqual([
      [1, 'ready', 0],
      [2, 'ready', 0],
    ]);
    const [b1, b2] = r.batches;
    // The record's times bracket the batch: the second starts after the first finished.
    expect(Date.parse(b1?.finishedAt ?? '')).toBeGreaterThan(Date.parse(b1?.startedAt ?? ''));
    expect(Date.parse(b2?.startedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(b1?.finishedAt ?? ''),
    );
  });

  it('max-failed 0: the first failure stops the rollout; later batches are never attempted', async () => {
    const f = fakeDeliverer(['i-a1']);
    const r = await runRollout(planBatches(adopted(4), count(1)), f.deliver, {
      maxFailed: 0,
      now: f.now,
    });

    expect(f.calls.map((c) => c.ids)).toEqual([['i-a1']]);
    expect(r.stop).toEqual({
      batch: 1,
      of: 4,
      maxFailed: 0,
      failedIds: ['i-a1'],
      skippedIds: ['i-a2', 'i-a3', 'i-a4'],
    });
    expect(r.skipped).toEqual([
      { id: 'i-a2', batch: 2 },
      { id: 'i-a3', batch: 3 },
      { id: 'i-a4', batch: 4 },
    ]);
    expect(r.batches.map((b) => b.outcome)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
    expect(r.batches[1]?.startedAt).toBeUndefined();
    expect(stopMessage(r.stop!)).toBe(
      'rolling redeploy stopped at batch 1 of 4: 1 instance(s) failed, more than max-failed 0: i-a1; 3 instance(s) of later batches were not touched and keep their release: i-a2, i-a3, i-a4',
    );
  });

  it('max-failed counts failures in total across batches', async () => {
    const f = fakeDeliverer(['i-a1', 'i-a3']);
    const r = await runRollout(planBatches(adopted(5), count(1)), f.deliver, {
      maxFailed: 1,
      now: f.now,
    });
    // Batch 1's failure is tolerated; batch 3's is the second: stop there.
    expect(f.calls.map((c) => c.ids)).toEqual([['i-a1'], ['i-a2'], ['i-a3']]);
    expect(r.stop).toMatchObject({
      batch: 3,
      failedIds: ['i-a1', 'i-a3'],
      skippedIds: ['i-a4', 'i-a5'],
    });
  });

  it('exceeding max-failed in the last batch still fails the rollout, with nothing skipped', async () => {
    const f = fakeDeliverer(['i-a2']);
    const r = await runRollout(planBatches(adopted(2), count(1)), f.deliver, {
      maxFailed: 0,
      now: f.now,
    });
    expect(r.stop).toMatchObject({ batch: 2, of: 2, skippedIds: [] });
    expect(r.skipped).toEqual([]);
    expect(stopMessage(r.stop!)).not.toContain('not touched');
  });

  it('a failing batch of new instances stops before any adopted instance is touched', async () => {
    const f = fakeDeliverer(['i-n1']);
    const batches = planBatches([...adopted(2), ...fresh(2)], count(1));
    const r = await runRollout(batches, f.deliver, {
      maxFailed: 0,
      fresh: (n) => batches[n - 1]?.every((x) => !x.adopted) ?? false,
      now: f.now,
    });
    expect(f.calls.map((c) => c.ids)).toEqual([['i-n1', 'i-n2']]);
    expect(r.batches[0]).toMatchObject({ fresh: true, outcome: 'failed', failed: 1 });
    expect(r.skipped.map((s) => s.id)).toEqual(['i-a1', 'i-a2']);
  });

  it('without a limit (no batch-size), failures never stop anything', async () => {
    const f = fakeDeliverer(['i-a1', 'i-a2']);
    const r = await runRollout(planBatches(adopted(3), undefined), f.deliver, {
      maxFailed: undefined,
      now: f.now,
    });
    expect(f.calls).toHaveLength(1);
    expect(r.stop).toBeUndefined();
    expect(r.batches).toMatchObject([{ number: 1, outcome: 'failed', failed: 2 }]);
  });

  it('refuses more batches than its bound', async () => {
    const f = fakeDeliverer();
    const many = Array.from({ length: MAX_BATCHES + 1 }, (_, k) => [{ id: `i-${k}` }]);
    await expect(runRollout(many, f.deliver, { maxFailed: 0, now: f.now })).rejects.toThrow(
      RangeError,
    );
    expect(f.calls).toEqual([]);
  });
});
