// The agent's safe releases, in a scratch root (helpers/agent-instance.ts): a release that fails
// at or after `switch` puts the previous ready release back (units, start, health check), the
// `agent.py rollback [<sha>]` entry point, retention that keeps only ready releases, and the TTL
// re-armed through `shutdown` after every run that leaves a release serving.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_SERVICE,
  HELPER_SERVICE,
  Instance,
  TICK_TIMER,
  WATCHER_RESTART,
  v1,
  type Files,
} from '../helpers/agent-instance.js';

/** Passes in a release that carries health.txt = ok (the check runs in the release dir). */
const HEALTH = 'grep -qx ok health.txt\n';
const EXTRA_SERVICE = '[Unit]\nDescription=extra\n[Service]\nExecStart=/bin/true\n';
const FAIL_START = APP_SERVICE.replace('[Service]', '# fail-start\n[Service]');
const FAST = { SPOT_DEPLOY_HEALTH_TIMEOUT: '1' };

const healthy = (tag: string, extra: Files = {}): Files =>
  v1({ 'app.txt': tag, 'health.txt': 'ok\n', ...extra });
/** A release whose health check never passes, with one unit more and app.service changed. */
const unhealthy = (tag: string): Files =>
  v1({
    'app.txt': tag,
    'systemd/extra.service': EXTRA_SERVICE,
    'systemd/app.service': APP_SERVICE.replace('[Service]', '[Service]\nEnvironment=B=1'),
  });

let box: Instance;
beforeEach(() => {
  box = new Instance();
  fs.writeFileSync(box.path('etc/spot-deploy/health-check'), HEALTH);
});
afterEach(() => {
  box.cleanup();
});

/** The systemctl calls made after `from` calls. */
const callsSince = (from: number): string[] => box.calls().slice(from);

describe('automatic rollback', { timeout: 60_000 }, () => {
  it('a health check that fails puts the previous ready release back', () => {
    const envFile = box.path('etc/spot-deploy/env');
    fs.writeFileSync(envFile, 'GREETING=for-a\n', { mode: 0o600 });
    const a = box.deploy(healthy('A'));
    expect(a.code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: a.sha, state: 'ready', current: a.sha });
    const before = box.calls().length;

    fs.writeFileSync(envFile, 'GREETING=for-b\n', { mode: 0o600 }); // as the runner does
    const b = box.deploy(unhealthy('B'), {}, FAST);
    expect(b.code).toBe(1);
    // A runs with the environment it was ready with, not B's.
    expect(fs.readFileSync(envFile, 'utf8')).toBe('GREETING=for-a\n');
    expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
    const status = box.status();
    expect(status).toMatchObject({
      sha256: b.sha,
      state: 'rolled-back',
      step: 'health-check',
      rolledBackTo: a.sha,
      current: a.sha,
    });
    expect(status.log_tail).toContain('health check did not pass within 1 s');
    expect(status.log_tail).toContain(`rolled back to ${a.sha}`);
    expect(status.rollbackMs).toBeGreaterThanOrEqual(0);
    expect(box.current()).toBe(box.release(a.sha));
    expect(fs.readFileSync(box.path('opt/spot-deploy/current/app.txt'), 'utf8')).toBe('A');
    // B's extra unit is gone, A's own app.service is back, the rest as A installed them.
    expect(box.unit('extra.service')).toBeUndefined();
    expect(box.unit('app.service')).toBe(APP_SERVICE);
    expect(box.unit('helper.service')).toBe(HELPER_SERVICE);
    expect(box.unit('tick.timer')).toBe(TICK_TIMER);
    expect(callsSince(before)).toEqual([
      // B
      'daemon-reload',
      'enable app.service',
      'restart app.service',
      'restart extra.service',
      'restart helper.service',
      'start tick.timer',
      // the rollback: B's extra unit out, A's changed one back (so a reload), A's units restarted
      'stop extra.service',
      'disable extra.service',
      'daemon-reload',
      'enable app.service',
      'restart app.service',
      'restart helper.service',
      'start tick.timer',
      WATCHER_RESTART,
    ]);
    expect(JSON.parse(fs.readFileSync(box.path('var/lib/spot-deploy/units.json'), 'utf8'))).toEqual(
      { sha256: a.sha, units: ['app.service', 'helper.service', 'tick.timer'] },
    );
    // The failed release takes no retention slot.
    expect(box.releaseNames()).toEqual([a.sha]);
    expect(box.ready()).toEqual([a.sha]);
    expect(fs.readdirSync(box.path('var/lib/spot-deploy/envs'))).toEqual([a.sha]);
  });

  it('a unit that fails to start puts the previous ready release back, with no reload when no unit file changed', () => {
    const a = box.deploy(healthy('A'));
    const before = box.calls().length;
    const c = box.deploy(healthy('C', { 'systemd/app.service': FAIL_START }));
    expect(c.code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({
      sha256: c.sha,
      state: 'rolled-back',
      step: 'start',
      rolledBackTo: a.sha,
      current: a.sha,
    });
    expect(status.log_tail).toContain('failed to start: app.service');
    expect(box.unit('app.service')).toBe(APP_SERVICE);
    expect(callsSince(before)).toEqual([
      'daemon-reload',
      'enable app.service',
      'restart app.service',
      'status --no-pager -n 20 app.service',
      'restart helper.service',
      'start tick.timer',
      'daemon-reload',
      'enable app.service',
      'restart app.service',
      'restart helper.service',
      'start tick.timer',
      WATCHER_RESTART,
    ]);
    expect(box.releaseNames()).toEqual([a.sha]);

    // Same unit files as A, failing elsewhere (health): the rollback skips the reload.
    const mid = box.calls().length;
    const d = box.deploy(v1({ 'app.txt': 'D' }), {}, FAST);
    expect(box.status()).toMatchObject({
      sha256: d.sha,
      state: 'rolled-back',
      rolledBackTo: a.sha,
    });
    expect(callsSince(mid)).toEqual([
      'restart app.service',
      'restart helper.service',
      'start tick.timer',
      'restart app.service',
      'restart helper.service',
      'start tick.timer',
      WATCHER_RESTART,
    ]);
  });

  it('a first release that fails reports failed: nothing to roll back to, it stays current', () => {
    const b = box.deploy(unhealthy('B'), {}, FAST);
    expect(b.code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({
      sha256: b.sha,
      state: 'failed',
      step: 'health-check',
      current: b.sha,
    });
    expect(status.rolledBackTo).toBeUndefined();
    expect(status.log_tail).toContain('no earlier ready release on this instance');
    expect(box.current()).toBe(box.release(b.sha));
    expect(box.releaseNames()).toEqual([b.sha]);
    expect(box.ready()).toEqual([]);
  });

  it('a rollback whose own start fails is rollback-failed, never ready', () => {
    const a = box.bundle(healthy('A'));
    box.upload(a.archive, `${a.sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    // helper.service fails to start for every release from now on: B fails at start, and so does A.
    const b = box.deploy(unhealthy('B'), {}, { FAKE_SYSTEMCTL_FAIL: 'helper.service' });
    expect(b.code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({
      sha256: b.sha,
      state: 'rollback-failed',
      step: 'start',
      rolledBackTo: a.sha,
      current: a.sha,
    });
    expect(status.error).toBe(
      `rollback to ${a.sha.slice(0, 12)} failed: failed to start: helper.service`,
    );
    expect(status.log_tail).toContain('ROLLBACK to');
    // A failed its own activation now: no longer ready, but kept since it is current.
    expect(box.ready()).toEqual([]);
    expect(box.releaseNames()).toEqual([a.sha]);
    // ... so the same A again is activated in full, not a no-op.
    const again = box.calls().length;
    box.upload(a.archive, `${a.sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: a.sha, state: 'ready', current: a.sha });
    expect(callsSince(again)).toContain('restart helper.service');
    expect(box.ready()).toEqual([a.sha]);
  });

  it('a release that fails 5 times in a row leaves only ready releases on disk', () => {
    const a = box.deploy(healthy('A'));
    const b = box.deploy(healthy('B'));
    const failures: [Files, string, Record<string, string>][] = [
      [unhealthy('F1'), 'health-check', FAST],
      [healthy('F2', { 'systemd/app.service': FAIL_START }), 'start', {}],
      [healthy('F3', { 'setup.sh': 'exit 4\n' }), 'setup', {}],
      [unhealthy('F4'), 'health-check', FAST],
      [healthy('F5', { 'systemd/app.service': FAIL_START }), 'start', {}],
    ];
    for (const [files, step, env] of failures) {
      const f = box.deploy(files, {}, env);
      expect(f.code).toBe(1);
      const state = step === 'setup' ? 'failed' : 'rolled-back';
      expect(box.status()).toMatchObject({ sha256: f.sha, state, step, current: b.sha });
      expect(box.releaseNames()).toEqual([a.sha, b.sha].sort());
    }
    expect(box.current()).toBe(box.release(b.sha));
    expect(box.ready()).toEqual([b.sha, a.sha]);
  });

  it('keeps current plus the 2 newest ready releases and records only those', () => {
    const shas = ['A', 'B', 'C', 'D'].map((t) => box.deploy(healthy(t)).sha);
    expect(box.releaseNames()).toEqual(shas.slice(1).sort());
    expect(box.ready()).toEqual(shas.slice(1).reverse());
  });
});

describe('agent.py rollback [<sha256>]', { timeout: 60_000 }, () => {
  it('without a sha goes to the newest ready release other than current, and back', () => {
    const a = box.deploy(healthy('A', { 'systemd/extra.service': EXTRA_SERVICE }));
    fs.writeFileSync(box.path('etc/spot-deploy/env'), 'ONLY_B=1\n', { mode: 0o600 });
    const b = box.deploy(healthy('B'));
    const before = box.calls().length;
    const r = box.rollback();
    // A became ready without an env file: the rollback removes B's.
    expect(fs.existsSync(box.path('etc/spot-deploy/env'))).toBe(false);
    expect(r.code).toBe(0);
    expect(box.status()).toMatchObject({
      sha256: a.sha,
      state: 'ready',
      step: 'done',
      rolledBackFrom: b.sha,
      current: a.sha,
    });
    expect(box.current()).toBe(box.release(a.sha));
    expect(box.unit('extra.service')).toBe(EXTRA_SERVICE);
    expect(callsSince(before)).toEqual([
      'daemon-reload',
      'restart app.service',
      'restart extra.service',
      'restart helper.service',
      'start tick.timer',
      WATCHER_RESTART,
    ]);
    expect(box.ready()).toEqual([a.sha, b.sha]);
    expect(box.rollback().code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: b.sha, state: 'ready', rolledBackFrom: a.sha });
    expect(box.unit('extra.service')).toBeUndefined();
    expect(box.releaseNames()).toEqual([a.sha, b.sha].sort());
  });

  it('with a kept ready sha switches to it', () => {
    const a = box.deploy(healthy('A'));
    box.deploy(healthy('B'));
    const c = box.deploy(healthy('C'));
    expect(box.rollback(a.sha).code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: a.sha, state: 'ready', rolledBackFrom: c.sha });
    expect(fs.readFileSync(box.path('opt/spot-deploy/current/app.txt'), 'utf8')).toBe('A');
  });

  it('with a sha that is not a kept ready release fails and changes nothing', () => {
    const a = box.deploy(healthy('A'));
    const bad = box.deploy(unhealthy('B'), {}, FAST); // rolled back: not ready, not kept
    const units = fs.readFileSync(box.path('var/lib/spot-deploy/units.json'), 'utf8');
    const before = box.calls().length;
    for (const sha of [bad.sha, 'f'.repeat(64)]) {
      const r = box.rollback(sha);
      expect(r.code).toBe(1);
      const status = box.status();
      expect(status).toMatchObject({
        sha256: sha,
        state: 'failed',
        step: 'rollback',
        current: a.sha,
      });
      expect(status.log_tail).toContain(
        `release ${sha} is not a ready release kept on this instance (ready here: ${a.sha.slice(0, 12)}): nothing changed`,
      );
    }
    expect(box.current()).toBe(box.release(a.sha));
    expect(callsSince(before)).toEqual([]);
    expect(fs.readFileSync(box.path('var/lib/spot-deploy/units.json'), 'utf8')).toBe(units);
    expect(box.releaseNames()).toEqual([a.sha]);
    // And with nothing else to go to.
    expect(box.rollback().code).toBe(1);
    expect(box.status().log_tail).toContain('no ready release other than the current one');
    expect(box.rollback('not-a-sha').code).toBe(2);
  });

  it('a rollback whose target fails its health check is rollback-failed', () => {
    const a = box.deploy(v1({ 'app.txt': 'A', 'health.txt': 'ok\n' }));
    const b = box.deploy(healthy('B'));
    fs.rmSync(path.join(box.release(a.sha), 'health.txt'));
    const r = box.rollback(undefined, FAST);
    expect(r.code).toBe(1);
    expect(box.status()).toMatchObject({
      sha256: a.sha,
      state: 'rollback-failed',
      step: 'rollback',
      rolledBackTo: a.sha,
      rolledBackFrom: b.sha,
      current: a.sha,
    });
    expect(box.ready()).toEqual([b.sha]);
  });
});

describe('ttl-minutes re-arms the shutdown', { timeout: 60_000 }, () => {
  const ttl = (text: string | undefined): void => {
    const file = box.path('etc/spot-deploy/ttl-minutes');
    if (text === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, text);
  };

  it('after a ready deploy, a no-op redeploy, an automatic rollback and a rollback', () => {
    ttl('90\n');
    const { sha, archive } = box.bundle(healthy('A'));
    box.upload(archive, `${sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    expect(box.shutdowns()).toEqual(['-P +90']);
    expect(box.status().log_tail).toMatch(/shutdown re-armed: power-off at \S+Z \(ttl-minutes 90/);
    ttl('45');
    box.upload(archive, `${sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    expect(box.shutdowns()).toEqual(['-P +90', '-P +45']);
    box.deploy(unhealthy('B'), {}, FAST);
    expect(box.status().state).toBe('rolled-back');
    expect(box.shutdowns()).toEqual(['-P +90', '-P +45', '-P +45']);
    box.deploy(healthy('C'));
    expect(box.rollback().code).toBe(0);
    expect(box.shutdowns()).toEqual(['-P +90', '-P +45', '-P +45', '-P +45', '-P +45']);
  });

  it('agent.py unchanged (a redeploy that sent nothing) re-arms and keeps the running watcher: status, current and units untouched', () => {
    ttl('90\n');
    const { sha } = box.deploy(healthy('A'));
    expect(box.shutdowns()).toEqual(['-P +90']);
    const status = fs.readFileSync(box.path('var/lib/spot-deploy/status.json'), 'utf8');
    const calls = box.calls();
    ttl('45\n');
    expect(box.unchanged().code).toBe(0);
    expect(box.shutdowns()).toEqual(['-P +90', '-P +45']);
    ttl('0\n');
    expect(box.unchanged().code).toBe(0);
    expect(box.shutdowns()).toEqual(['-P +90', '-P +45', '-c']);
    expect(fs.readFileSync(box.path('var/lib/spot-deploy/status.json'), 'utf8')).toBe(status);
    expect(box.current()).toBe(box.release(sha));
    // Nothing started, stopped or restarted: the running watcher is only asked whether it runs.
    const asked = 'is-active --quiet spot-deploy-watcher.service';
    expect(box.calls()).toEqual([...calls, asked, asked]);
    const log = fs.readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8');
    expect(log).toContain(`${sha.slice(0, 12)} ttl-minutes is 0: scheduled shutdown cancelled`);
    expect(box.unchanged('now').code).toBe(2); // usage
    expect(box.shutdowns()).toHaveLength(3);
  });

  it('agent.py unchanged puts back a watcher an earlier run dropped, and starts one that stopped', () => {
    box.deploy(healthy('A'));
    const unit = box.path('etc/systemd/system/spot-deploy-watcher.service');
    expect(fs.existsSync(unit)).toBe(true);
    // What drop_watcher_unit leaves after a failed daemon-reload or enable.
    fs.rmSync(unit);
    let calls = box.calls();
    expect(box.unchanged().code).toBe(0);
    expect(fs.existsSync(unit)).toBe(true);
    expect(box.calls().slice(calls.length)).toEqual([
      'daemon-reload',
      'enable spot-deploy-watcher.service',
      WATCHER_RESTART,
    ]);
    // Unit in place but the watcher not running (e.g. killed): started, not re-installed.
    fs.rmSync(box.path('var/lib/fake-instance/active/spot-deploy-watcher.service'), {
      force: true,
    });
    calls = box.calls();
    expect(box.unchanged().code).toBe(0);
    expect(box.calls().slice(calls.length)).toEqual([
      'is-active --quiet spot-deploy-watcher.service',
      WATCHER_RESTART,
    ]);
  });

  it('0 cancels the shutdown; no file or a bad one leaves it alone; a failed first release does not re-arm', () => {
    ttl('0');
    box.deploy(healthy('A'));
    expect(box.shutdowns()).toEqual(['-c']);
    ttl(undefined);
    box.deploy(healthy('B'));
    expect(box.status().log_tail).toContain('shutdown schedule left as it is');
    ttl('soon');
    box.deploy(healthy('C'));
    expect(box.shutdowns()).toEqual(['-c']);
    const fresh = new Instance();
    try {
      fs.writeFileSync(fresh.path('etc/spot-deploy/ttl-minutes'), '30');
      fs.writeFileSync(fresh.path('etc/spot-deploy/health-check'), HEALTH);
      expect(fresh.deploy(unhealthy('X'), {}, FAST).code).toBe(1);
      expect(fresh.shutdowns()).toEqual([]);
    } finally {
      fresh.cleanup();
    }
  });

  it('a shutdown that fails is logged and does not fail a healthy release', () => {
    ttl('30');
    const { sha, code } = box.deploy(healthy('A'), {}, { FAKE_SHUTDOWN_FAIL: '1' });
    expect(code).toBe(0);
    expect(box.shutdowns()).toEqual(['-P +30']);
    expect(box.status()).toMatchObject({ sha256: sha, state: 'ready' });
    expect(box.status().log_tail).toContain('re-arming the shutdown failed (ignored): 1');
  });
});
