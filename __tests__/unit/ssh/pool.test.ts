import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src/ssh/pool.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('mapBounded', () => {
  it('keeps the order of the items, never runs more than `concurrency` at once, and runs them all', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded(
      [5, 1, 4, 2, 3, 0],
      2,
      async (n) => {
        running++;
        peak = Math.max(peak, running);
        for (let i = 0; i < n; i++) await tick();
        running--;
        return n * 10;
      },
      () => -1,
    );
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('turns a throw into that item’s result and carries on with the others', async () => {
    const out = await mapBounded(
      ['a', 'b', 'c'],
      3,
      async (s) => {
        if (s === 'b') throw new Error('boom');
        return s.toUpperCase();
      },
      (s, message) => `${s}: ${message}`,
    );
    expect(out).toEqual(['A', 'b: boom', 'C']);
  });

  it('refuses a concurrency that is not a positive integer, and maps nothing to nothing', async () => {
    await expect(
      mapBounded(
        [1],
        0,
        async (n) => n,
        () => 0,
      ),
    ).rejects.toThrow(RangeError);
    await expect(
      mapBounded(
        [1],
        1.5,
        async (n) => n,
        () => 0,
      ),
    ).rejects.toThrow(RangeError);
    expect(
      await mapBounded(
        [],
        4,
        async (n: number) => n,
        () => 0,
      ),
    ).toEqual([]);
  });
});
