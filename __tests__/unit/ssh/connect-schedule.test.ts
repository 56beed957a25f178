import { describe, expect, it } from 'vitest';
import { retryDelayMs, TCP_CONNECT_MS } from '../../../src/ssh/connect.js';

// A deploy ends with its slowest instance, and an instance whose sshd comes up just after a
// failed attempt waits out the whole gap: the worst gap of N instances nears the cap as N grows.
describe('connect retry schedule', () => {
  it('starts at 250 ms and never waits more than 500 ms between attempts', () => {
    const gaps = Array.from({ length: 40 }, (_, k) => retryDelayMs(k + 1));
    expect(gaps.slice(0, 4)).toEqual([250, 500, 500, 500]);
    expect(Math.max(...gaps)).toBe(500);
  });

  it('stays bounded for any attempt number', () => {
    for (const a of [0, 1, 1_000, 1e9, Number.MAX_SAFE_INTEGER])
      expect(retryDelayMs(a)).toBeLessThanOrEqual(500);
  });

  it('bounds the TCP connect of an attempt well below the SYN resends of a dark host (1, 3, 7 s)', () => {
    expect(TCP_CONNECT_MS).toBeGreaterThanOrEqual(1_000);
    expect(TCP_CONNECT_MS).toBeLessThanOrEqual(2_000);
  });

  it('keeps a whole attempt cycle (TCP bound + gap) within two seconds', () => {
    expect(TCP_CONNECT_MS + retryDelayMs(10)).toBeLessThanOrEqual(2_000);
  });
});
