/**
 * Time, the one thing every stage waits on: one sleep type (injected so polling and retry tests
 * run in milliseconds), one wall clock type, and one way to show a duration to people.
 */

/** Waits `ms` milliseconds. Tests pass a fake that resolves at once and records the waits. */
export type Sleep = (ms: number) => Promise<void>;

/** The current time. Tests pass a fixed or stepping clock. */
export type Clock = () => Date;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const realClock: Clock = () => new Date();

/**
 * A duration in seconds for logs, summaries and comments: `12.3 s`; `digits: 0` → `12 s`;
 * `compact` drops the space (`12.3s`), for per-line log prefixes where width matters.
 */
export function formatDuration(
  ms: number,
  opts: { readonly digits?: 0 | 1; readonly compact?: boolean } = {},
): string {
  return `${(ms / 1000).toFixed(opts.digits ?? 1)}${opts.compact ? 's' : ' s'}`;
}
