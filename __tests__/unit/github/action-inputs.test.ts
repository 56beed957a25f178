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

  it('masks values as the instance reads them: without quotes (B12b)', () => {
    const masked: string[] = [];
    maskEnvLike(`TOKEN="quoted-secret-1"\nOTHER='single-quoted-2'`, (s) => masked.push(s));
    expect(masked).toContain('quoted-secret-1');
    expect(masked).toContain('single-quoted-2');
  });

  it('leaves short values that cannot be secrets unmasked (B16a)', () => {
    const masked: string[] = [];
    maskEnvLike('DEBUG=true\nPORT=8080\nLOG=info\nAPI_KEY=abcd', (s) => masked.push(s));
    for (const v of ['true', '8080', 'info', 'DEBUG=true', 'PORT=8080']) {
      expect(masked).not.toContain(v);
    }
    expect(masked).toContain('abcd');
  });
});
