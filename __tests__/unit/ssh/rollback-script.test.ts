// The rollback command as a string and the reader of its output (no SSH: the sshd integration
// test runs the script against a stub agent).
import { describe, expect, it } from 'vitest';
import { SCRIPT_EXIT } from '../../../src/instance/contract.js';
import { DEFAULT_REMOTE } from '../../../src/ssh/remote-scripts.js';
import { parseRollback, rollbackScript } from '../../../src/ssh/rollback-script.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const link = (sha: string) => `/opt/spot-deploy/releases/${sha}`;

/** What the script prints: current before, agent output, current after, exit status, status.json. */
function out(o: { before?: string; after?: string; rc?: number; status?: object | string }) {
  const body = typeof o.status === 'string' ? o.status : JSON.stringify(o.status ?? {});
  return [
    `__SPOT_DEPLOY_BEFORE__ ${o.before === undefined ? '' : link(o.before)}`,
    'agent chatter, before the real marks: __SPOT_DEPLOY_STATUS__ 7 __SPOT_DEPLOY_AFTER__ x',
    `__SPOT_DEPLOY_AFTER__ ${o.after === undefined ? '' : link(o.after)}`,
    `__SPOT_DEPLOY_STATUS__ ${o.rc ?? 0}`,
    body,
    '',
  ].join('\n');
}
const answer = (sha: string, from: string, current: string, extra: object = {}) => ({
  sha256: sha,
  state: 'ready',
  step: 'done',
  rolledBackFrom: from,
  current,
  log_tail: '',
  ...extra,
});

describe('rollbackScript', () => {
  it('writes ttl-minutes with sudo before the agent, and runs the active release agent', () => {
    const s = rollbackScript(DEFAULT_REMOTE, 240);
    const ttl = s.indexOf(
      "printf '%s\\n' 240 | sudo -n install -D -m 0644 /dev/stdin '/etc/spot-deploy/ttl-minutes'",
    );
    const agent = s.indexOf(
      'sudo -n python3 /opt/spot-deploy/current/.spot-deploy/agent.py rollback </dev/null',
    );
    expect(ttl).toBeGreaterThan(0);
    expect(agent).toBeGreaterThan(ttl);
    expect(s).toContain(`|| exit ${SCRIPT_EXIT.ttlConfig}`);
    expect(s).toContain("readlink '/opt/spot-deploy/current'");
    expect(s).toContain("sudo -n cat '/var/lib/spot-deploy/status.json'");
  });

  it('passes rollback-to to the agent and 0 (no time limit) through as written', () => {
    const s = rollbackScript(DEFAULT_REMOTE, 0, C);
    expect(s).toContain(`agent.py rollback ${C} </dev/null`);
    expect(s).toContain("printf '%s\\n' 0 |");
  });

  it('refuses what is not a sha256 or a ttl, rather than pasting it into a shell', () => {
    expect(() => rollbackScript(DEFAULT_REMOTE, 1, `${C}; reboot`)).toThrow(/not a sha256/);
    expect(() => rollbackScript(DEFAULT_REMOTE, -1)).toThrow(/ttl-minutes/);
    expect(() => rollbackScript(DEFAULT_REMOTE, 1.5)).toThrow(/ttl-minutes/);
  });
});

describe('parseRollback', () => {
  it('reads a rollback to the previous release as ready, with the sha256 before and after', () => {
    const r = parseRollback(
      undefined,
      0,
      out({ before: B, after: A, status: answer(A, B, A) }),
      '',
    );
    expect(r).toEqual({ status: 'ready', sha256Before: B, sha256After: A });
  });

  it('reads a rollback-to that the instance is already on as ready (a re-run converges)', () => {
    const r = parseRollback(A, 0, out({ before: A, after: A, status: answer(A, A, A) }), '');
    expect(r).toEqual({ status: 'ready', sha256Before: A, sha256After: A });
  });

  it('reads an unknown rollback-to as failed at rollback, unchanged', () => {
    const status = answer(C, B, B, { state: 'failed', step: 'rollback', log_tail: 'no release c' });
    expect(parseRollback(C, 1, out({ before: B, after: B, rc: 1, status }), '')).toEqual({
      status: 'failed',
      step: 'rollback',
      logTail: 'no release c',
      sha256Before: B,
      sha256After: B,
    });
  });

  it('reports the agent step of a rollback whose units or health check failed', () => {
    const status = answer(A, B, B, {
      state: 'rollback-failed',
      step: 'health-check',
      log_tail: 'curl: (7)',
    });
    expect(parseRollback(undefined, 1, out({ before: B, after: B, rc: 1, status }), '')).toEqual({
      status: 'failed',
      step: 'health-check',
      logTail: 'curl: (7)',
      sha256Before: B,
      sha256After: B,
    });
  });

  it('does not call ready what is not on the target', () => {
    // The agent says ready but current did not move: nothing was rolled back.
    const same = parseRollback(
      undefined,
      0,
      out({ before: B, after: B, status: answer(B, B, B) }),
      '',
    );
    expect(same).toMatchObject({ status: 'failed', step: 'rollback' });
    expect(same.logTail).toContain('nothing was rolled back');
    // rollback-to asked for C, current is A.
    const other = parseRollback(C, 0, out({ before: B, after: A, status: answer(C, B, A) }), '');
    expect(other).toMatchObject({ status: 'failed', step: 'rollback', sha256After: A });
    // A ready status with a failing exit status.
    const rc = parseRollback(
      undefined,
      1,
      out({ before: B, after: A, rc: 1, status: answer(A, B, A) }),
      '',
    );
    expect(rc).toMatchObject({ status: 'failed', step: 'rollback' });
  });

  it('refuses a status.json that an older deploy wrote, and names an agent too old to roll back', () => {
    const deploy = { sha256: B, state: 'ready', step: 'done', log_tail: '' };
    const old = parseRollback(
      undefined,
      2,
      out({ before: B, after: B, rc: 2, status: deploy }),
      'usage: agent.py <sha256> <staging-dir>',
    );
    expect(old).toMatchObject({ status: 'failed', step: 'rollback', sha256Before: B });
    expect(old.logTail).toContain('does not know `rollback`');
    const stale = parseRollback(C, 1, out({ before: B, rc: 1, status: answer(A, B, B) }), '');
    expect(stale).toMatchObject({ status: 'failed', step: 'status' });
    expect(stale.logTail).toContain(`describes ${A}, not ${C}`);
  });

  it('reads the script own failures and a lost connection', () => {
    expect(
      parseRollback(
        undefined,
        SCRIPT_EXIT.ttlConfig,
        out({ before: B }).split('\n')[0] ?? '',
        'sudo: a password is required',
      ),
    ).toEqual({
      status: 'failed',
      step: 'ttl-config',
      logTail: 'sudo: a password is required\ncould not write the ttl-minutes file',
      sha256Before: B,
    });
    const lost = parseRollback(undefined, null, '', '');
    expect(lost).toMatchObject({ status: 'failed', step: 'rollback' });
    expect(lost.logTail).toContain('the connection was lost');
    const garbled = parseRollback(
      undefined,
      0,
      out({ before: B, after: A, status: 'not json' }),
      '',
    );
    expect(garbled).toMatchObject({
      status: 'failed',
      step: 'status',
      sha256Before: B,
      sha256After: A,
    });
  });

  it('names a step the contract does not know, and uses status.json current without the link', () => {
    const status = answer(A, B, A, { state: 'failed', step: 'warp', log_tail: 'x' });
    const r = parseRollback(undefined, 1, out({ rc: 1, status }), '');
    expect(r).toEqual({
      status: 'failed',
      step: 'rollback',
      logTail: 'status.json names an unknown step "warp"\nx',
      sha256Before: B,
      sha256After: A,
    });
  });
});
