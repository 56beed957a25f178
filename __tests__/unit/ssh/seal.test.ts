import { describe, expect, it } from 'vitest';
import type { InstanceRollback } from '../../../src/ssh/rollback.js';
import { envRedactor, failureLine, sealLog, sealResult } from '../../../src/ssh/seal.js';

const SECRET = 'hunter2-do-not-leak';

describe('sealResult: the one door instance text enters results through (B12)', () => {
  const failed: InstanceRollback = {
    id: 'i-1',
    host: '10.0.0.1',
    port: 22,
    status: 'failed',
    step: 'setup',
    error: `setup.sh: connecting with ${SECRET} failed`,
    diagnostics: `journal: ${SECRET}`,
    rolledBackTo: `${SECRET}`,
    sha256Before: `x${SECRET}`,
    sha256After: `${SECRET}y`,
    timings: { totalMs: 5 },
  };

  it('redacts every field an instance may have written, keeping the ones the action wrote', () => {
    // The env file carries the value quoted: the agent strips the quotes, so must the redaction.
    const sealed = sealResult(failed, envRedactor(`TOKEN="${SECRET}"\nDEBUG=true\n`));
    expect(JSON.stringify(sealed)).not.toContain(SECRET);
    expect(sealed).toMatchObject({
      id: 'i-1',
      host: '10.0.0.1',
      step: 'setup',
      error: 'setup.sh: connecting with [redacted] failed',
      diagnostics: 'journal: [redacted]',
      rolledBackTo: '[redacted]',
      sha256Before: 'x[redacted]',
      sha256After: '[redacted]y',
      timings: { totalMs: 5 },
    });
  });

  it('takes the values from parsed pairs as well (rollback passes the env input)', () => {
    const sealed = sealResult(failed, envRedactor([['TOKEN', SECRET]]));
    expect(JSON.stringify(sealed)).not.toContain(SECRET);
  });

  it('redacts before shortening the diagnostics, so no half secret is left at the cut', () => {
    // Shortened first, the cut at 7,988 would leave 'hunter2-' in place.
    const diagnostics = `${'d'.repeat(7_980)}${SECRET}${'e'.repeat(100)}`;
    const sealed = sealResult({ ...failed, diagnostics }, envRedactor(`TOKEN=${SECRET}`));
    expect(sealed.diagnostics).toHaveLength(8_000);
    expect(sealed.diagnostics).not.toContain('hunter2');
    expect(sealed.diagnostics).toContain('[redacte');
  });

  it('leaves short values that cannot be secrets (DEBUG=true) in the text', () => {
    const sealed = sealResult({ ...failed, error: 'DEBUG is true' }, envRedactor('DEBUG=true'));
    expect(sealed.error).toBe('DEBUG is true');
  });
});

describe('sealLog and failureLine', () => {
  it('redacts each log line', () => {
    const lines: string[] = [];
    sealLog((l) => lines.push(l), envRedactor(`TOKEN='${SECRET}'`))(`[i-1] saw ${SECRET}`);
    expect(lines).toEqual(['[i-1] saw [redacted]']);
  });

  it('says where it failed and the last line of why', () => {
    expect(failureLine({ step: 'setup', error: 'a\nb\n' }, 'failed')).toBe('failed at setup: b');
  });
});
