// After a connection lost during activation: the probe as a string, its reader, the bounded wait
// (fake clock and sleep) and the result it gives. The sshd tests (deliver-lost.test.ts) run it.
import { describe, expect, it } from 'vitest';
import { healthDeadlineSeconds } from '../../../src/ssh/deliver.js';
import { DEFAULT_REMOTE } from '../../../src/ssh/remote-scripts.js';
import type { ActivationOutcome } from '../../../src/ssh/activation-result.js';
import {
  lostOutcome,
  probeScript,
  readProbe,
  waitForStatus,
  type Progress,
  type WaitResult,
} from '../../../src/ssh/status-wait.js';

const SHA = 'a'.repeat(64);
const OLD = 'b'.repeat(64);
const MARK = '__SPOT_DEPLOY_PROBE__';
const out = (facts: { part?: 0 | 1; final?: 0 | 1; fresh?: 0 | 1 }, status?: object | string) =>
  `${MARK} part=${facts.part ?? 0} final=${facts.final ?? 0} fresh=${facts.fresh ?? 0}\n` +
  (status === undefined ? '' : typeof status === 'string' ? status : JSON.stringify(status));

describe('probeScript', () => {
  it('looks at the .part, the renamed upload and status.json against the env file, with sudo', () => {
    const s = probeScript(DEFAULT_REMOTE, SHA);
    expect(s).toContain(`[ -e '/var/lib/spot-deploy/incoming/.${SHA}.part' ] && p=1`);
    expect(s).toContain(`[ -e '/var/lib/spot-deploy/incoming/${SHA}.tar.gz' ] && f=1`);
    expect(s).toContain(
      "sudo -n find '/var/lib/spot-deploy/status.json' -prune -newer '/etc/spot-deploy/env'",
    );
    expect(s).toContain(`echo "${MARK} part=$p final=$f fresh=$n"`);
    expect(s).toContain("sudo -n cat '/var/lib/spot-deploy/status.json'");
    expect(s.split('\n').at(-1)).toBe('exit 0');
  });
});

describe('readProbe', () => {
  const mine = (state: string, step = 'done', extra: object = {}) => ({
    sha256: SHA,
    state,
    step,
    log_tail: 'agent says',
    ...extra,
  });

  it('a fresh terminal status of this sha decides, read like the activation script output', () => {
    expect(readProbe(SHA, out({ fresh: 1 }, mine('ready')))).toMatchObject({
      kind: 'decided',
      outcome: { status: 'ready' },
    });
    expect(readProbe(SHA, out({ fresh: 1 }, mine('failed', 'setup')))).toMatchObject({
      kind: 'decided',
      outcome: { status: 'failed', step: 'setup', logTail: 'agent says' },
    });
    const back = mine('rolled-back', 'health-check', { rolledBackTo: OLD });
    expect(readProbe(SHA, out({ fresh: 1 }, back))).toMatchObject({
      kind: 'decided',
      outcome: { status: 'failed', step: 'health-check', rolledBackTo: OLD },
    });
    // The watcher drained this release on a spot interruption notice: a verdict, not a wait.
    const gone = mine('interrupted', 'interrupted', { interruptionAction: 'terminate' });
    expect(readProbe(SHA, out({ fresh: 1 }, gone))).toMatchObject({
      kind: 'decided',
      outcome: { status: 'failed', step: 'interrupted' },
    });
    // The bootstrap's own failure: only sha256, state and step.
    const boot = { sha256: SHA, state: 'failed', step: 'verify-archive' };
    expect(readProbe(SHA, out({ fresh: 1 }, boot))).toMatchObject({
      kind: 'decided',
      outcome: { status: 'failed', step: 'verify-archive' },
    });
  });

  it('this activation still running, or its renamed upload waiting, keeps waiting', () => {
    const running = readProbe(SHA, out({ fresh: 1 }, mine('activating', 'setup')));
    expect(running).toEqual({
      kind: 'running',
      seen: 'status.json: aaaaaaaaaaaa activating at step setup',
    });
    const waiting = readProbe(
      SHA,
      out({ final: 1 }, { sha256: OLD, state: 'ready', step: 'done' }),
    );
    expect(waiting.kind).toBe('running');
    expect(waiting.seen).toMatch(
      /bbbbbbbbbbbb ready at step done \(written before this delivery\); the upload waits for the bootstrap/,
    );
  });

  it('a status of this sha from before this delivery is not the answer', () => {
    // A retry of a release that failed: the old failure must not end the wait.
    for (const state of ['failed', 'ready']) {
      const p = readProbe(SHA, out({}, mine(state, 'setup')));
      expect(p.kind).toBe('pending');
      expect(p.seen).toContain('(written before this delivery)');
    }
  });

  it('an upload still .part is not started; nothing of this activation yet is pending', () => {
    const part = readProbe(SHA, out({ part: 1 }, { sha256: OLD, state: 'ready', step: 'done' }));
    expect(part.kind).toBe('not-started');
    expect(part.seen).toMatch(/the upload was never renamed$/);
    // Neither .part nor renamed upload: the bootstrap is extracting (or an older agent holds the lock).
    expect(readProbe(SHA, out({}, { sha256: OLD, state: 'ready' })).kind).toBe('pending');
    expect(readProbe(SHA, out({})).seen).toBe('no readable status.json');
    expect(readProbe(SHA, out({ fresh: 1 }, '{"sha256": "aa')).kind).toBe('pending');
    expect(readProbe(SHA, 'garbage')).toEqual({
      kind: 'pending',
      seen: 'the status probe printed nothing readable',
    });
  });
});

/** A clock that only the fake sleep moves, and a probe that replays answers (the last repeats). */
function fakes(answers: ReadonlyArray<Progress | Error>) {
  let t = 1_000;
  const sleeps: number[] = [];
  let calls = 0;
  return {
    now: () => t,
    sleep: (ms: number) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
    probe: () => {
      const a = answers[Math.min(calls++, answers.length - 1)];
      if (a === undefined) throw new Error('no answer');
      if (a instanceof Error) return Promise.reject(a);
      t += 100; // a probe takes a little time
      return Promise.resolve(a);
    },
    sleeps,
    calls: () => calls,
  };
}

describe('waitForStatus', () => {
  const running: Progress = { kind: 'running', seen: 'status.json: aaaa activating at step setup' };
  const ready: Progress = { kind: 'decided', outcome: { status: 'ready' }, seen: 'ready' };
  const part: Progress = { kind: 'not-started', seen: 'the upload was never renamed' };

  it('waits through running and unreachable probes until the instance decides', async () => {
    const f = fakes([new Error('connect ECONNREFUSED'), running, running, ready]);
    const r = await waitForStatus({ ...f, deadline: 60_000 });
    expect(r).toEqual({ kind: 'decided', outcome: { status: 'ready' }, probes: 4 });
    expect(f.sleeps).toEqual([2_000, 2_000, 2_000]);
  });

  it('gives up at the deadline with what it saw last, bounded in count', async () => {
    const f = fakes([running]);
    const r = await waitForStatus({ ...f, deadline: 1_000 + 9_000 });
    expect(r).toMatchObject({ kind: 'timeout', seen: running.seen });
    expect(f.now()).toBeLessThanOrEqual(10_000 + 100);
    expect(f.calls()).toBeLessThanOrEqual(6);
    // Unreachable to the end: says so.
    const g = fakes([new Error('connect ETIMEDOUT')]);
    const u = await waitForStatus({ ...g, deadline: 5_000 });
    expect(u).toMatchObject({ kind: 'timeout' });
    expect((u as { seen: string }).seen).toBe(
      'the instance could not be reached: connect ETIMEDOUT',
    );
  });

  it('probes once even when the deadline has passed', async () => {
    const f = fakes([ready]);
    expect(await waitForStatus({ ...f, deadline: 0 })).toMatchObject({ kind: 'decided' });
    const g = fakes([running]);
    expect(await waitForStatus({ ...g, deadline: 0 })).toMatchObject({
      kind: 'timeout',
      probes: 1,
    });
  });

  it('ends early once an upload has stayed .part for the grace period, not before', async () => {
    const f = fakes([part]);
    const r = await waitForStatus({ ...f, deadline: 600_000 });
    expect(r).toMatchObject({ kind: 'not-started', seen: part.seen });
    expect(f.now() - 1_000).toBeLessThan(10_000); // about the 4 s grace, not the 10 minutes
    expect(f.calls()).toBe(3); // first seen at 0.1 s, again at 2.2 s, and at 4.3 s: 4.2 s ≥ 4 s
    // A .part that the script renames meanwhile (the probe caught it mid-script) is no failure.
    const g = fakes([part, part, running, ready]);
    expect(await waitForStatus({ ...g, deadline: 600_000 })).toMatchObject({ kind: 'decided' });
  });
});

describe('lostOutcome', () => {
  const decided = (outcome: ActivationOutcome): WaitResult => ({
    kind: 'decided',
    outcome,
    probes: 3,
  });

  it('ready stays ready; a failure keeps its step and tail and says the connection was lost', () => {
    expect(lostOutcome('x', 3_000, decided({ status: 'ready' }), 120_000)).toEqual({
      status: 'ready',
    });
    const o = lostOutcome(
      'the activation command ended without an exit status',
      3_200,
      decided({ status: 'failed', step: 'setup', logTail: 'setup.sh exited with status 3' }),
      120_000,
    );
    expect(o).toMatchObject({ status: 'failed', step: 'setup' });
    expect(o.logTail).toBe(
      'the SSH connection was lost during activation after 3.2 s (the activation command ended without an exit status); ' +
        'status.json, read over a new connection, says it failed at setup\nsetup.sh exited with status 3',
    );
  });

  it('a timeout or an upload never renamed fails at activate, with what was seen last', () => {
    const t = lostOutcome(
      'x',
      1_000,
      { kind: 'timeout', seen: 'status.json: aaaa activating', probes: 9 },
      120_000,
    );
    expect(t).toEqual({
      status: 'failed',
      step: 'activate',
      logTail:
        'the SSH connection was lost during activation after 1.0 s (x); the instance had not decided when ' +
        'ready-timeout (120 s) ran out; last seen: status.json: aaaa activating',
    });
    const n = lostOutcome(
      'x',
      1_000,
      { kind: 'not-started', seen: 'never renamed', probes: 3 },
      120_000,
    );
    expect(n).toMatchObject({ status: 'failed', step: 'activate' });
    expect(n.logTail).toMatch(
      /before the upload was renamed into place: the agent never started; last seen: never renamed$/,
    );
  });
});

describe('healthDeadlineSeconds', () => {
  it('leaves 10 s of ready-timeout (a quarter of short ones) for the rollback and the status read', () => {
    expect(healthDeadlineSeconds(600_000)).toBe(590);
    expect(healthDeadlineSeconds(120_000)).toBe(110);
    expect(healthDeadlineSeconds(30_000)).toBe(23);
    expect(healthDeadlineSeconds(30_500)).toBe(23);
    expect(healthDeadlineSeconds(1_000)).toBe(1);
  });
});
