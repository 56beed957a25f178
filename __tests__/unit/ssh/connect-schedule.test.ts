import { describe, expect, it } from 'vitest';
import { REFUSED_RETRY_MS, retryDelayMs, TCP_CONNECT_MS } from '../../../src/ssh/connect.js';

// A deploy ends with its slowest instance, and an instance whose sshd comes up just after a
// failed attempt waits out the whole gap: the worst gap of N instances nears the cap as N grows.
describe('connect retry schedule', () => {
  it('starts at 250 ms and never waits more than 500 ms between attempts', () => {
    const gaps = Array.from({ length: 40 }, (_, k) => retryDelayMs(k + 1));
    expect(gaps.slice(0, 4)).toEqual([250, 500, 500, 500]);
    expect(Math.max(...gaps)).toBe(500);
  });

  it('tries again after 100 ms when the connect was refused (the host is up, sshd not yet)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:22'), {
      code: 'ECONNREFUSED',
    });
    expect(REFUSED_RETRY_MS).toBe(100);
    for (const a of [1, 2, 10]) expect(retryDelayMs(a, refused)).toBe(100);
    // A timeout or a failed authentication keeps the backoff.
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(retryDelayMs(3, reset)).toBe(500);
    expect(retryDelayMs(3, new Error('All configured authentication methods failed'))).toBe(500);
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
