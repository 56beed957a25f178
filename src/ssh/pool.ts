import { errorMessage } from '../errors.js';

/**
 * Runs `one` over every item, at most `concurrency` at once, results in the order of `items`.
 * `one` is expected to return its own failures; a throw is a last resort, turned into a result by
 * `onThrow`, so that one instance never stops the others (delivery and rollback share this).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  one: (item: T) => Promise<R>,
  onThrow: (item: T, message: string) => R,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be an integer ≥ 1, got ${concurrency}`);
  }
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i] as T;
      results[i] = await one(item).catch((err: unknown) => onThrow(item, errorMessage(err)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
