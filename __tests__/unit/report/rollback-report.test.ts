// What mode rollback shows people: the step summary and the PR comment, one row per instance
// with its release before → after, failures visible and escaped, both within GitHub's limits.
import { describe, expect, it } from 'vitest';
import {
  COMMENT_LIMIT,
  commentMarker,
  renderRollbackComment,
} from '../../../src/report/pr-comment.js';
import { rollbackVerdict, type InstanceResult } from '../../../src/report/results.js';
import { renderRollbackSummary } from '../../../src/report/rollback-summary.js';

const OLD = 'b'.repeat(64);
const PREV = 'a'.repeat(64);

function result(id: string, failed = false): InstanceResult {
  const base = {
    id,
    region: 'eu-west-1',
    availabilityZone: 'eu-west-1b',
    instanceType: 't3.small',
    lifecycle: 'spot' as const,
    publicIp: '198.51.100.7',
    state: 'running',
    adopted: true,
    sha256Before: OLD,
  };
  return failed
    ? {
        ...base,
        status: 'failed',
        step: 'health-check',
        error: 'curl: <b>refused</b> | `x` @team\nsecond line',
        diagnostics: '$ journalctl\nunit failed',
        sha256After: OLD,
        timings: { sshReadyMs: 1_200 },
      }
    : {
        ...base,
        status: 'ready',
        sha256After: PREV,
        timings: { sshReadyMs: 1_200, activeMs: 4_800 },
      };
}

describe('rollbackVerdict', () => {
  it('passes only when every instance rolled back, naming each failure', () => {
    expect(rollbackVerdict([result('i-1'), result('i-2')])).toEqual({
      ok: true,
      line: '2 of 2 instance(s) rolled back',
    });
    const v = rollbackVerdict([result('i-1'), result('i-2', true)]);
    expect(v.ok).toBe(false);
    expect(v.line).toBe(
      '1 of 2 instance(s) rolled back:\n  - i-2 (eu-west-1) failed at health-check: curl: <b>refused</b> | `x` @team',
    );
  });
});

describe('renderRollbackSummary', () => {
  it('shows each instance before → after, the target, the new expiry and each failure', () => {
    const instances = [result('i-1'), result('i-2', true)];
    const md = renderRollbackSummary({
      deploymentId: 'pr-7',
      instances,
      rollbackTo: undefined,
      verdictLine: rollbackVerdict(instances).line,
      expiresAt: '2026-12-01T13:00:00Z',
      runUrl: 'https://github.com/o/r/actions/runs/42',
    });
    expect(md).toContain('## ❌ spot-deploy rollback `pr-7`: 1 of 2 rolled back');
    expect(md).toContain(
      '| ✅ rolled back | `i-1` | eu-west-1 / eu-west-1b | 198.51.100.7 | `bbbbbbbbbbbb` → `aaaaaaaaaaaa` | 1.2 s | 4.8 s |',
    );
    expect(md).toContain(
      '| ❌ failed: health-check | `i-2` | eu-west-1 / eu-west-1b | 198.51.100.7 | `bbbbbbbbbbbb` → `bbbbbbbbbbbb` (unchanged) | 1.2 s | – |',
    );
    expect(md).toContain("| target | each instance's previous ready release |");
    expect(md).toContain('| expiry | re-armed: instances expire at 2026-12-01T13:00:00Z |');
    // The failure's text is escaped in its block, never raw HTML.
    expect(md).toContain('<summary>i-2 (eu-west-1): failed at health-check</summary>');
    expect(md).toContain('curl: &lt;b&gt;refused&lt;/b&gt;');
    expect(md).not.toContain('<b>refused');
    expect(md).toContain('unit failed');
  });

  it('names rollback-to and an unknown release, and a lifted time limit', () => {
    const { sha256Before: _b, sha256After: _a, ...unknown } = result('i-1');
    const md = renderRollbackSummary({
      deploymentId: 'pr-7',
      instances: [unknown],
      rollbackTo: PREV,
      verdictLine: rollbackVerdict([unknown]).line,
      expiresAt: undefined,
    });
    expect(md).toContain('## ✅ spot-deploy rollback `pr-7`: 1 of 1 rolled back');
    expect(md).toContain('| ? → ? |');
    expect(md).toContain(`| target | rollback-to \`${PREV}\` |`);
    expect(md).toContain('| expiry | no time limit (ttl-minutes 0) |');
  });
});

describe('renderRollbackComment', () => {
  it('replaces the deployment comment: failures first, escaped, before → after', () => {
    const body = renderRollbackComment({
      deploymentId: 'pr-7',
      instances: [result('i-1'), result('i-2', true)],
      rollbackTo: PREV,
      runUrl: 'https://github.com/o/r/actions/runs/42',
      now: new Date('2026-12-01T12:00:00.123Z'),
    });
    expect(body.startsWith(`${commentMarker('pr-7')}\n`)).toBe(true);
    expect(body).toContain('### ❌ spot-deploy `pr-7`: 1/2 rolled back');
    expect(body).toContain(
      'rollback to `aaaaaaaaaaaa` · **1** failed · [workflow run](https://github.com/o/r/actions/runs/42)',
    );
    expect(body.indexOf('`i-2`')).toBeLessThan(body.indexOf('`i-1`'));
    expect(body).toContain(
      '| ✅ | `i-1` | eu-west-1 / eu-west-1b | 198.51.100.7 | `bbbbbbbbbbbb` → `aaaaaaaaaaaa` | rolled back in 5 s |',
    );
    // Error text is inline code with Markdown, HTML and the mention neutralised.
    expect(body).toContain("`health-check`: `curl: <b>refused</b> \\| 'x' @team`");
    expect(body).toContain('Updated 2026-12-01T12:00:00Z');
  });

  it('stays under the size limit for a huge fleet', () => {
    const many = Array.from({ length: 2_000 }, (_, k) =>
      result(`i-${k.toString(16).padStart(17, '0')}`, k % 2 === 0),
    );
    const body = renderRollbackComment({
      deploymentId: 'pr-7',
      instances: many,
      rollbackTo: undefined,
    });
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body).toMatch(/… \d+ more instance\(s\) not shown/);
    expect(body).toContain('### ❌ spot-deploy `pr-7`: 1000/2000 rolled back');
    expect(body).toContain('rollback to the previous ready release');
  });
});
