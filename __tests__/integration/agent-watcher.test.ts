// The interruption watcher (bundle/.spot-deploy/watcher.py) in a scratch root: installed by a
// real deploy (bootstrap + agent, helpers/agent-instance.ts), then run as its unit would run it
// (the unit's ExecStart, a clean environment, the fake systemctl on PATH) against a fake IMDSv2
// on loopback (helpers/fake-imds.ts). Issue 13's first acceptance bullet: on a spot
// interruption notice stop.sh runs with the service environment, the units stop in reverse start
// order and status.json says `interrupted` with the notice's time, within 30 s of the notice; a
// rebalance recommendation only sets `rebalanceAt`; with no notice nothing happens, cheaply.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_PATH, FakeImds, REBALANCE_PATH } from '../helpers/fake-imds.js';
import {
  ISO_UTC,
  Instance,
  WATCHER_RESTART,
  WATCHER_UNIT,
  repo,
  v1,
  type Status,
} from '../helpers/agent-instance.js';

const NOTICE_TIME = '2026-12-02T10:02:00Z';
/** Stop order: timers, paths, services, sockets (the reverse of the agent's start order). */
const REVERSE = ['stop tick.timer', 'stop helper.service', 'stop app.service'];
/** Records its environment, cwd, time and how many units were stopped before it ran. */
const STOP_SH = [
  'out=$SPOT_DEPLOY_ROOT/stop-ran.txt',
  'printf "%s\\n" "$GREETING" "$SPOT_DEPLOY_SHA256" "$SPOT_DEPLOY_RELEASE" \\',
  '  "$SPOT_DEPLOY_INTERRUPTION_ACTION" "$SPOT_DEPLOY_INTERRUPTION_TIME" "$(pwd)" >> "$out"',
  'echo "stops-before=$(grep -c "^stop " "$SPOT_DEPLOY_ROOT/var/lib/fake-instance/systemctl.log")" >> "$out"',
  'echo "at=$(date +%s%3N)" >> "$out"',
  '',
].join('\n');

interface Watcher {
  readonly child: ChildProcess;
  output: string;
  exited: boolean;
}

let box: Instance;
let imds: FakeImds;
let watcher: Watcher | undefined;

beforeEach(async () => {
  box = new Instance();
  imds = await FakeImds.start();
});
afterEach(async () => {
  if (watcher !== undefined && !watcher.exited) {
    const gone = new Promise((resolve) => watcher?.child.once('exit', resolve));
    watcher.child.kill('SIGKILL');
    await gone;
  }
  watcher = undefined;
  await imds.close();
  box.cleanup();
});

/** The env file as the runner writes it (0600): the endpoint, the watcher's knobs, a greeting. */
function writeEnv(extra: Record<string, string> = {}): void {
  const vars = { GREETING: 'hello from env', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint };
  const text = Object.entries({ ...vars, ...extra })
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  fs.writeFileSync(box.path('etc/spot-deploy/env'), text, { mode: 0o600 });
}

/** Deploys v1 with stop.sh (units app.service, helper.service, tick.timer); its sha. */
function deploy(stopSh = STOP_SH): string {
  const { sha, code, output } = box.deploy(v1({ 'stop.sh': stopSh }));
  expect(code, output).toBe(0);
  return sha;
}

/**
 * Starts the watcher as systemd would start the unit the agent installed: its ExecStart (the
 * path under the scratch root), a clean environment (systemd's PATH, with the fake systemctl
 * first), SPOT_DEPLOY_ROOT as every on-instance test sets it.
 */
function startWatcher(): Watcher {
  const unit = box.unit(WATCHER_UNIT);
  const exec = /^ExecStart=(\S+) (\S+)$/m.exec(unit ?? '');
  expect(exec?.[2]).toBe('/opt/spot-deploy/watcher/watcher.py');
  const script = box.path(exec?.[2] ?? '');
  const child = spawn(exec?.[1] ?? 'python3', [script], {
    cwd: '/',
    env: {
      PATH: `${box.bin}${path.delimiter}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      LANG: 'C.UTF-8',
      SPOT_DEPLOY_ROOT: box.root,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: Watcher = { child, output: '', exited: false };
  child.stdout?.on('data', (d: Buffer) => (w.output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (w.output += d.toString()));
  child.once('exit', () => (w.exited = true));
  watcher = w;
  return w;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms for up to `ms`; its last value. */
async function waitFor<T>(check: () => T | undefined, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined || Date.now() > end) return value;
    await sleep(50);
  }
}

const statusText = (): string =>
  fs.readFileSync(box.path('var/lib/spot-deploy/status.json'), 'utf8');
const stopRan = (): string[] => {
  const file = box.path('stop-ran.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
};

/** utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15, clock ticks). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime 15. Linux's USER_HZ is 100.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('the watcher installed by the agent', { timeout: 60_000 }, () => {
  const copy = (name: string): string =>
    fs.readFileSync(box.path(`opt/spot-deploy/watcher/${name}`), 'utf8');
  const shipped = (name: string): string =>
    fs.readFileSync(path.join(repo, 'bundle/.spot-deploy', name), 'utf8');

  it('is installed by a deploy, restarted by a redeploy and by a rollback to a release without it', () => {
    // A release built before the watcher (only agent.py in .spot-deploy/).
    const old = box.deploy(v1({ 'app.txt': 'old' }), { withoutWatcher: true });
    expect(old.code, old.output).toBe(0);
    const fresh = box.deploy(v1({ 'app.txt': 'new' }));
    expect(fresh.code, fresh.output).toBe(0);
    const unit = box.unit(WATCHER_UNIT) ?? '';
    expect(unit).toMatch(/^ExecStart=\/\S+ \/opt\/spot-deploy\/watcher\/watcher\.py$/m);
    expect(unit).toContain('Restart=always');
    expect(unit).toContain('WantedBy=multi-user.target');
    expect(copy('watcher.py')).toBe(shipped('watcher.py'));
    expect(copy('agent.py')).toBe(shipped('agent.py'));
    expect(fs.statSync(box.path('opt/spot-deploy/watcher/watcher.py')).mode & 0o777).toBe(0o644);
    expect(box.calls()).toContain(`enable ${WATCHER_UNIT}`);

    // mode: rollback to the old release: the copy and the unit stay, the watcher restarts.
    let before = box.calls().length;
    const back = box.rollback(old.sha);
    expect(back.code, back.output).toBe(0);
    expect(box.current()).toBe(box.release(old.sha));
    expect(fs.existsSync(path.join(box.release(old.sha), '.spot-deploy/watcher.py'))).toBe(false);
    expect(copy('watcher.py')).toBe(shipped('watcher.py'));
    expect(box.unit(WATCHER_UNIT)).toBe(unit);
    expect(box.calls().slice(before)).toContain(WATCHER_RESTART);
    expect(box.calls().slice(before)).not.toContain(`enable ${WATCHER_UNIT}`);

    // A redeploy: restarted (it reads the env file again), its unit file untouched.
    before = box.calls().length;
    const again = box.deploy(v1({ 'app.txt': 'newer' }));
    expect(again.code, again.output).toBe(0);
    expect(box.calls().slice(before).at(-1)).toBe(WATCHER_RESTART);
    expect(box.calls().slice(before)).not.toContain(`enable ${WATCHER_UNIT}`);
    expect(box.unit(WATCHER_UNIT)).toBe(unit);
  });

  it('a daemon-reload that fails leaves no watcher unit behind: the next deploy installs it', () => {
    const failed = box.deploy(v1(), {}, { FAKE_SYSTEMCTL_FAIL: 'daemon-reload' });
    expect(failed.code, failed.output).toBe(1);
    expect(box.status()).toMatchObject({ state: 'failed', step: 'install-units' });
    expect(box.unit(WATCHER_UNIT)).toBeUndefined();
    expect(failed.output).toContain('the interruption watcher is not enabled (ignored)');
    const before = box.calls().length;
    const next = box.deploy(v1({ 'app.txt': 'again' }));
    expect(next.code, next.output).toBe(0);
    expect(box.unit(WATCHER_UNIT)).toContain('ExecStart=');
    expect(box.calls().slice(before)).toContain(`enable ${WATCHER_UNIT}`);
    expect(box.calls().slice(before).at(-1)).toBe(WATCHER_RESTART);
  });

  it('reserves its unit name: a bundle unit named like it fails check-units, nothing changed', () => {
    const { code, output } = box.deploy(
      v1({ 'systemd/spot-deploy-watcher.service': '[Service]\nExecStart=/bin/true\n' }),
    );
    expect(code, output).toBe(1);
    expect(box.status()).toMatchObject({ state: 'failed', step: 'check-units' });
    expect(box.status().log_tail).toContain('spot-deploy-watcher.service are reserved');
    expect(box.calls()).toEqual([]);
  });
});

describe('the interruption watcher', { timeout: 120_000 }, () => {
  it('drains on a spot interruption notice: stop.sh with the env, units in reverse order, status interrupted, within 30 s', async () => {
    writeEnv(); // the default poll interval, 5 s
    const sha = deploy();
    const before = box.calls().length;
    const appearsAt = imds.interrupt('terminate', NOTICE_TIME, 3_000);
    const w = startWatcher();

    const status = await waitFor(() => {
      const s = JSON.parse(statusText()) as Status & Record<string, unknown>;
      return s.state === 'interrupted' ? s : undefined;
    }, 40_000);
    const drainedAt = Date.now();
    expect(status, w.output).toBeDefined();
    const tookMs = drainedAt - appearsAt;
    console.log(`notice → status interrupted (units stopped): ${tookMs} ms`);
    expect(tookMs).toBeLessThan(30_000);

    // stop.sh: the service environment (env file + SPOT_DEPLOY_*), in the release, before any stop.
    const ran = stopRan();
    expect(ran.slice(0, 7)).toEqual([
      'hello from env',
      sha,
      box.release(sha),
      'terminate',
      NOTICE_TIME,
      box.release(sha),
      'stops-before=0',
    ]);
    expect(Number(ran[7]?.replace('at=', ''))).toBeGreaterThanOrEqual(appearsAt);
    // Then the units, in reverse start order, and nothing else.
    expect(box.calls().slice(before)).toEqual(REVERSE);
    expect(status).toMatchObject({
      sha256: sha,
      state: 'interrupted',
      step: 'interrupted',
      current: sha,
      release: box.release(sha),
      interruptedAt: NOTICE_TIME,
      interruptionAction: 'terminate',
      stopScript: 'exit 0',
      stoppedUnits: ['tick.timer', 'helper.service', 'app.service'],
    });
    expect(status?.noticeSeenAt).toMatch(ISO_UTC);
    expect(status?.finished_at).toMatch(ISO_UTC);
    expect(status?.log_tail).toContain('$ /bin/sh stop.sh');
    expect(status?.log_tail).toContain('$ systemctl stop tick.timer');
    expect(fs.statSync(box.path('var/lib/spot-deploy/status.json')).mode & 0o777).toBe(0o600);

    // Once: the notice stays visible, the drain does not run again at the next poll.
    await sleep(5_500);
    expect(stopRan()).toHaveLength(8);
    expect(box.calls().slice(before)).toEqual(REVERSE);
    expect(imds.count('PUT', '/latest/api/token')).toBe(1); // the token is reused
    expect(w.exited).toBe(false);

    // A restarted watcher (systemd, a redeploy's restart) sees the same notice: status.json
    // says it was drained, so nothing runs again.
    const gone = new Promise((resolve) => w.child.once('exit', resolve));
    w.child.kill('SIGTERM');
    await gone;
    const polls = imds.count('GET', ACTION_PATH);
    const again = startWatcher();
    await waitFor(() => (imds.count('GET', ACTION_PATH) > polls ? true : undefined), 10_000);
    await sleep(1_000);
    expect(imds.count('GET', ACTION_PATH), again.output).toBeGreaterThan(polls);
    expect(stopRan()).toHaveLength(8);
    expect(box.calls().slice(before)).toEqual(REVERSE);
    expect(JSON.parse(statusText())).toEqual(status);
  });

  it('bounds stop.sh by the grace, then still stops the units', async () => {
    writeEnv({ SPOT_DEPLOY_WATCH_INTERVAL: '0.5', SPOT_DEPLOY_STOP_GRACE: '1' });
    const sha = deploy('echo started > "$SPOT_DEPLOY_ROOT/stop-ran.txt"\nexec sleep 60\n');
    const before = box.calls().length;
    const appearsAt = imds.interrupt('stop', NOTICE_TIME);
    startWatcher();
    const status = await waitFor(() => {
      const s = JSON.parse(statusText()) as Status & Record<string, unknown>;
      return s.state === 'interrupted' ? s : undefined;
    }, 20_000);
    expect(Date.now() - appearsAt).toBeLessThan(10_000);
    expect(stopRan()).toEqual(['started']);
    expect(status).toMatchObject({
      sha256: sha,
      interruptionAction: 'stop',
      stopScript: 'killed after 1 s',
    });
    expect(box.calls().slice(before)).toEqual(REVERSE);
  });

  it('a rebalance recommendation only sets rebalanceAt; IMDS errors and an expired token are survived', async () => {
    writeEnv({ SPOT_DEPLOY_WATCH_INTERVAL: '0.5' });
    deploy();
    const before = box.calls().length;
    const ready = JSON.parse(statusText()) as Record<string, unknown>;
    imds.failNext = 2; // a sick IMDS first: logged, backed off, never fatal
    imds.rebalance('2026-12-02T09:50:00Z');
    const w = startWatcher();

    const first = await waitFor(() => {
      const s = JSON.parse(statusText()) as Record<string, unknown>;
      return s.rebalanceAt === '2026-12-02T09:50:00Z' ? s : undefined;
    }, 20_000);
    expect(first, w.output).toEqual({ ...ready, rebalanceAt: '2026-12-02T09:50:00Z' });
    expect(w.output).toContain('IMDS error (will retry, backing off)');
    expect(w.output).toContain('HTTP 500');
    // Logged once the poll that recorded it returns.
    await waitFor(() => (w.output.includes('polling works again') ? true : undefined), 5_000);
    expect(w.output).toContain('polling works again');

    // Every token refused (as after its TTL): a new one, and the next recommendation is recorded.
    imds.expireTokens();
    imds.rebalance('2026-12-02T09:55:00Z');
    const second = await waitFor(() => {
      const s = JSON.parse(statusText()) as Record<string, unknown>;
      return s.rebalanceAt === '2026-12-02T09:55:00Z' ? s : undefined;
    }, 20_000);
    expect(second, w.output).toEqual({ ...ready, rebalanceAt: '2026-12-02T09:55:00Z' });
    expect(imds.requests.some((r) => r.status === 401)).toBe(true);
    // Two tokens issued: the first (after the two 500s) and the one after the 401.
    expect(imds.requests.filter((r) => r.method === 'PUT' && r.status === 200)).toHaveLength(2);
    // Nothing stopped, nothing run.
    expect(box.calls().slice(before)).toEqual([]);
    expect(stopRan()).toEqual([]);
    expect(w.exited).toBe(false);
  });

  it('with no notice does nothing over 60 polls (5 minutes at 5 s), and its CPU time stays negligible', async () => {
    // The poll interval scaled down 20 times (0.25 s): the same number of polls as 5 minutes at
    // the default, in 15 s. The cost is per poll, so the CPU time is that of 5 minutes.
    writeEnv({ SPOT_DEPLOY_WATCH_INTERVAL: '0.25' });
    deploy();
    const before = box.calls().length;
    const status = statusText();
    const w = startWatcher();
    const pid = w.child.pid ?? 0;
    // After start-up (the interpreter, agent.py compiled, the first token and poll).
    await waitFor(() => (imds.count('GET', ACTION_PATH) >= 2 ? true : undefined), 10_000);
    const startCpu = cpuSeconds(pid);
    const startPolls = imds.count('GET', ACTION_PATH);
    await sleep(15_000);
    const cpu = cpuSeconds(pid) - startCpu;
    const polls = imds.count('GET', ACTION_PATH) - startPolls;
    console.log(
      `no notice: ${polls} polls in 15 s (interval 0.25 s), ${cpu.toFixed(2)} s CPU after ` +
        `start-up (${startCpu.toFixed(2)} s); ${((cpu / polls) * 1000).toFixed(2)} ms per poll, ` +
        `so ${((cpu / polls) * 60).toFixed(2)} s per 5 minutes at 5 s ` +
        `(${((cpu / polls / 5) * 100).toFixed(3)} % of one CPU)`,
    );
    expect(polls).toBeGreaterThanOrEqual(45); // about 60: no poll skipped, no busy loop
    expect(polls).toBeLessThanOrEqual(65);
    // Every poll reads both paths, the action first: counted between a poll's two reads (CI,
    // 60 against 61), they differ by that poll, so compare once it has read both.
    const both = await waitFor(() => {
      const action = imds.count('GET', ACTION_PATH);
      return imds.count('GET', REBALANCE_PATH) === action ? action : undefined;
    }, 2_000);
    expect(both, 'every poll read the rebalance recommendation too').toBeGreaterThanOrEqual(
      startPolls + polls,
    );
    expect(imds.count('PUT', '/latest/api/token')).toBe(1);
    // Negligible: under 5 ms of CPU per poll (0.1 % of a CPU at 5 s); a busy loop would use 15 s.
    expect(cpu / polls).toBeLessThan(0.005);
    expect(statusText()).toBe(status);
    expect(box.calls().slice(before)).toEqual([]);
    expect(stopRan()).toEqual([]);
    expect(w.exited).toBe(false);
  });
});
