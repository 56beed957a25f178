import { describe, expect, it } from 'vitest';
import { maskEnvLike } from '../../../src/github/action-inputs.js';

describe('maskEnvLike', () => {
  it('masks the whole secret, its long lines and each KEY=value value of 3+ characters', () => {
    const masked: string[] = [];
    maskEnvLike('DB_PASSWORD=s3cr3t-value\nFLAG=1\nTOKEN=abc', (s) => masked.push(s));
    expect(masked).toContain('DB_PASSWORD=s3cr3t-value\nFLAG=1\nTOKEN=abc');
    expect(masked).toContain('s3cr3t-value');
    expect(masked).toContain('abc');
    // A one-character value would mask every "1" in the log: it is left alone.
    expect(masked).not.toContain('1');
  });
});
