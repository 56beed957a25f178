// End-to-end tests of the on-instance side: the real cloud-init/bootstrap.sh and
// bundle/.spot-deploy/agent.py run as subprocesses against a scratch root (SPOT_DEPLOY_ROOT),
// with a fake `systemctl` and a fake `shutdown` on PATH that record their calls. A unit file with a
// `# fail-start` line fails to (re)start, so a failure can belong to one release and not another.
//
// SPOT_DEPLOY_TEST_PYTHON=/path/to/python3.6 runs the agent under another interpreter.
//
// The bootstrap runs as user-data carries it (comments and indentation dropped by
// loadCloudInitAssets), so the tested bytes are the shipped ones.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_SERVICE,
  HELPER_SERVICE,
  ISO_UTC,
  Instance,
  TICK_TIMER,
  V1_CALLS,
  WATCHER_RESTART,
  WATCHER_UNIT,
  isAlive,
  run,
  sha256,
  v1,
  type Built,
  type Files,
} from '../helpers/agent-instance.js';
import { parseEnv, renderEnvFile } from '../../src/inputs/env.js';

let box: Instance;
beforeEach(() => {
  box = new Instance();
});
afterEach(() => {
  box.cleanup();
});

describe('bootstrap + agent', { timeout: 60_000 }, () => {
  it('activates a fresh bundle: release, current, units, systemctl sequence, status', () => {
    const { sha, code, output } = box.deploy(v1());
    expect(output).toContain('step: setup');
    expect(code).toBe(0);

    const status = box.status();
    expect(status).toMatchObject({
      sha256: sha,
      state: 'ready',
      step: 'done',
      release: box.release(sha),
    });
    expect(status.started_at).toMatch(ISO_UTC);
    expect(status.finished_at).toMatch(ISO_UTC);
    expect(status.log_tail).toContain(`release ${sha} is ready`);

    expect(box.current()).toBe(box.release(sha));
    expect(fs.readFileSync(box.path('opt/spot-deploy/current/app.txt'), 'utf8')).toBe('hello v1');
    expect(fs.statSync(path.join(box.release(sha), 'bin/run.sh')).mode & 0o111).not.toBe(0);
    expect(box.unit('app.service')).toBe(APP_SERVICE);
    expect(box.unit('helper.service')).toBe(HELPER_SERVICE);
    expect(box.unit('tick.timer')).toBe(TICK_TIMER);
    expect(fs.statSync(box.path('etc/systemd/system/app.service')).mode & 0o777).toBe(0o644);
    expect(box.calls()).toEqual(V1_CALLS);

    expect(JSON.parse(fs.readFileSync(box.path('var/lib/spot-deploy/units.json'), 'utf8'))).toEqual(
      { sha256: sha, units: ['app.service', 'helper.service', 'tick.timer'] },
    );
    expect(fs.readdirSync(box.incoming)).toEqual([]);
    expect(box.releaseNames()).toEqual([sha]);
    const log = fs.readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8');
    expect(log).toContain('$ /bin/sh setup.sh');
    expect(log).toContain('$ systemctl restart app.service');
  });

  it('passes /etc/spot-deploy/env, SPOT_DEPLOY_RELEASE and SPOT_DEPLOY_SHA256 to setup.sh', () => {
    fs.writeFileSync(
      box.path('etc/spot-deploy/env'),
      '# a comment\n\nGREETING=hello world\nQUOTED="quoted value"\n',
      { mode: 0o600 },
    );
    const { sha, code } = box.deploy(v1());
    expect(code).toBe(0);
    const lines = fs.readFileSync(path.join(box.release(sha), 'setup-ran.txt'), 'utf8').split('\n');
    expect(lines).toEqual([
      'hello world',
      'quoted value',
      sha,
      box.release(sha),
      fs.realpathSync(box.release(sha)),
      '',
    ]);
  });

  it('reads the env file exactly as the action parsed it, and ignores lines systemd reads otherwise', () => {
    // The bytes a delivery writes: the action's parse of the env input, rendered back (B16b).
    const env = parseEnv(
      [
        'PLAIN=hello world',
        'PADDED=   trimmed   ',
        'DQ="  kept blanks  "',
        "SQ='single'",
        `MIXED='say "hi"'`,
        `APOS="it's"`,
        'NBSP=\u00a0x\u00a0',
        'TAB=a\tb',
        'EMPTY=',
        'HASH=a#b;c',
      ].join('\n'),
      'env',
    );
    const refused = ['BS=abc\\def', 'OPEN="unclosed', 'GLUED="a"b', 'TRAIL=ab"'];
    fs.writeFileSync(
      box.path('etc/spot-deploy/env'),
      `${renderEnvFile(env)}\n; a systemd comment\n${refused.join('\n')}\n`,
      { mode: 0o600 },
    );
    const names = [...env.map(([k]) => k), 'BS', 'OPEN', 'GLUED', 'TRAIL'];
    const setup = `set -e\n: > env-seen.txt\n${names
      .map((k) => `printf '%s=[%s]\\n' ${k} "\${${k}-UNSET}" >> env-seen.txt`)
      .join('\n')}\n`;
    const { sha, code } = box.deploy(v1({ 'setup.sh': setup }));
    expect(code).toBe(0);
    const seen = fs.readFileSync(path.join(box.release(sha), 'env-seen.txt'), 'utf8');
    expect(seen).toBe(
      [...env, ...refused.map((l) => [l.split('=')[0], 'UNSET'])]
        .map(([k, v]) => `${k}=[${v}]\n`)
        .join(''),
    );
    const log = fs.readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8');
    expect(log).toMatch(/line 12 ignored: a backslash or control character in the value of BS/);
    expect(log).toMatch(/line 13 ignored: a quote that does not wrap the value of OPEN once/);
    expect(log).not.toContain('unclosed');
  });

  it('accepts a manifest that lists no directories (tar creates them)', () => {
    const { sha, code } = box.deploy(v1(), { omitDirs: true });
    expect(code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: sha, state: 'ready' });
  });

  it('is idempotent: the same sha again is a no-op with no restart', () => {
    const { sha, archive } = box.bundle(v1());
    box.upload(archive, `${sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    const first = box.status();
    const log = fs.readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8');

    box.upload(archive, `${sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    expect(box.status()).toEqual(first);
    // No unit of the bundle restarted; the watcher is, after every run that leaves a release serving.
    expect(box.calls()).toEqual([...V1_CALLS, WATCHER_RESTART]);
    expect(box.releaseNames()).toEqual([sha]);
    expect(fs.readdirSync(box.incoming)).toEqual([]);
    const again = fs
      .readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8')
      .slice(log.length);
    expect(again).toContain('nothing to do');
    expect(again).not.toContain('setup.sh');
  });

  it('redeploys a new sha: switches current and stops, disables and removes a dropped unit', () => {
    const first = box.deploy(v1());
    const files = v1({ 'app.txt': 'hello v2' });
    delete files['systemd/helper.service'];
    const second = box.deploy(files);
    expect(second.code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: second.sha, state: 'ready' });
    expect(box.current()).toBe(box.release(second.sha));
    expect(fs.readFileSync(box.path('opt/spot-deploy/current/app.txt'), 'utf8')).toBe('hello v2');
    expect(box.unit('helper.service')).toBeUndefined();
    expect(box.unit('app.service')).toBe(APP_SERVICE);
    expect(box.calls().slice(V1_CALLS.length)).toEqual([
      'stop helper.service',
      'disable helper.service',
      'daemon-reload',
      // app.service and tick.timer are byte-identical to v1's: already enabled, not again.
      'restart app.service',
      'start tick.timer',
      WATCHER_RESTART,
    ]);
    expect(box.releaseNames()).toEqual([first.sha, second.sha].sort());
  });

  it('skips daemon-reload and enable when no unit file changed; reloads and enables a changed one', () => {
    box.deploy(v1());
    const before = box.calls().length;
    expect(box.deploy(v1({ 'app.txt': 'same units' })).code).toBe(0);
    expect(box.calls().slice(before)).not.toContain('daemon-reload');
    expect(
      box
        .calls()
        .slice(before)
        .filter((c) => c.startsWith('enable')),
    ).toEqual([]);
    expect(box.calls().slice(before)).toContain('restart app.service');
    const mid = box.calls().length;
    const changed = APP_SERVICE.replace('[Service]', '[Service]\nEnvironment=CHANGED=1');
    expect(changed).not.toBe(APP_SERVICE);
    expect(box.deploy(v1({ 'systemd/app.service': changed })).code).toBe(0);
    const calls = box.calls().slice(mid);
    expect(calls).toContain('daemon-reload');
    expect(calls.filter((c) => c.startsWith('enable'))).toEqual(['enable app.service']);
    expect(box.unit('app.service')).toBe(changed);
  });

  it('processes several uploads oldest first (by mtime, not by name), so the newest wins', () => {
    const built = [box.bundle(v1({ 'app.txt': 'A' })), box.bundle(v1({ 'app.txt': 'B' }))];
    // The newer upload gets the name that sorts first, so name order would activate it first.
    const [newer, older] = built.sort((x, y) => (x.sha < y.sha ? -1 : 1)) as [Built, Built];
    const now = Date.now() / 1000;
    fs.utimesSync(box.upload(newer.archive, `${newer.sha}.tar.gz`), now, now);
    fs.utimesSync(box.upload(older.archive, `${older.sha}.tar.gz`), now - 100, now - 100);
    expect(box.bootstrap().code).toBe(0);
    expect(box.current()).toBe(box.release(newer.sha));
    expect(box.releaseNames()).toEqual([newer.sha, older.sha]);
  });

  it('a failing setup hook fails at setup, keeps current and services as they were', () => {
    const first = box.deploy(v1());
    const failing = box.deploy(
      v1({ 'app.txt': 'hello v2', 'setup.sh': 'echo "setup-boom-42 ✗"\nexit 3\n' }),
    );
    expect(failing.code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: failing.sha, state: 'failed', step: 'setup' });
    expect(status.finished_at).toMatch(ISO_UTC);
    expect(status.log_tail).toContain('setup-boom-42 ✗');
    expect(status.log_tail).toContain('setup.sh exited with status 3');
    expect(box.current()).toBe(box.release(first.sha));
    expect(box.calls()).toEqual(V1_CALLS);
  });

  it('a setup hook that runs too long is killed with its children and fails at setup', async () => {
    const started = Date.now();
    const { sha, code } = box.deploy(
      v1({
        'setup.sh':
          'echo "setup-started"\nsleep 30 &\necho $! > "$SLEEP_PID_FILE"\nwait\necho "never"\n',
      }),
      {},
      { SPOT_DEPLOY_SETUP_TIMEOUT: '1', SLEEP_PID_FILE: box.path('sleep.pid') },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ state: 'failed', step: 'setup' });
    expect(status.log_tail).toContain('setup-started');
    expect(status.log_tail).toContain('timed out after 1 s');
    expect(status.log_tail).not.toContain('never');
    expect(box.current()).toBeUndefined();
    // A failed release takes no retention slot: its directory is gone.
    expect(box.releaseNames()).toEqual([]);
    expect(status.sha256).toBe(sha);
    const pid = Number(fs.readFileSync(box.path('sleep.pid'), 'utf8'));
    for (let i = 0; i < 20 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pid)).toBe(false);
  });

  it.each<[string, Files, (tree: string) => void, string]>([
    [
      'a tampered file',
      {},
      (t) => fs.writeFileSync(path.join(t, 'app.txt'), 'HELLO v1'),
      'app.txt: sha256 does not match the manifest',
    ],
    [
      'a file of another size',
      {},
      (t) => fs.writeFileSync(path.join(t, 'app.txt'), 'hello v1!'),
      'app.txt: size 9, manifest says 8',
    ],
    [
      'a flipped executable bit',
      {},
      (t) => fs.chmodSync(path.join(t, 'app.txt'), 0o755),
      'app.txt: executable bit does not match the manifest',
    ],
    [
      'an unlisted file',
      {},
      (t) => fs.writeFileSync(path.join(t, 'bin/extra.sh'), 'echo extra\n'),
      'bin/extra.sh: not in the manifest',
    ],
    ['a missing file', {}, (t) => fs.rmSync(path.join(t, 'app.txt')), 'app.txt: missing'],
    [
      'a symlink escaping the release',
      { 'etc-link': { symlink: '../../etc' } },
      () => {},
      'etc-link: symlink escapes the release (-> ../../etc)',
    ],
    [
      'a fifo',
      {},
      (t) => run('mkfifo', [path.join(t, 'pipe')]),
      "archive member 'pipe': only files, directories and symlinks are allowed",
    ],
  ])('rejects %s at verify and activates nothing', (_name, extra, tamper, message) => {
    const { sha, code } = box.deploy(v1(extra), { tamper });
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'verify' });
    expect(status.log_tail).toContain(message);
    expect(box.current()).toBeUndefined();
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
    expect(box.unit('app.service')).toBeUndefined();
  });

  it('a tampered bundle does not disturb the running release', () => {
    const first = box.deploy(v1());
    const bad = box.deploy(v1({ 'app.txt': 'v2' }), {
      tamper: (t) => fs.writeFileSync(path.join(t, 'app.txt'), 'v3'),
    });
    expect(box.status()).toMatchObject({ sha256: bad.sha, state: 'failed', step: 'verify' });
    expect(box.current()).toBe(box.release(first.sha));
    expect(box.releaseNames()).toEqual([first.sha]);
    expect(box.calls()).toEqual(V1_CALLS);
  });

  it('an archive whose sha256 does not match its name fails verify-archive and is removed', () => {
    const { sha, archive } = box.bundle(v1());
    const data = fs.readFileSync(archive);
    const upload = path.join(box.incoming, `${sha}.tar.gz`);
    fs.writeFileSync(upload, Buffer.concat([data, Buffer.from('garbage')]));
    expect(box.bootstrap().code).toBe(1);
    expect(box.status()).toEqual({ sha256: sha, state: 'failed', step: 'verify-archive' });
    expect(fs.existsSync(upload)).toBe(false);
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
  });

  // A name that is not all lowercase hex is not even echoed into status.json (it could break JSON).
  it.each<[string, (sha: string) => string, boolean]>([
    ['uppercase hex', (sha) => sha.toUpperCase(), false],
    ['a non-hex digit', (sha) => `${sha.slice(0, 63)}g`, false],
    ['a quote', (sha) => `${sha.slice(0, 63)}"`, false],
    ['a space', (sha) => `${sha.slice(0, 32)} ${sha.slice(32)}`, false],
    ['63 digits', (sha) => sha.slice(0, 63), true],
    ['65 digits', (sha) => `${sha}0`, true],
  ])('rejects a name with %s without running anything', (_name, rename, echoed) => {
    const { sha, archive } = box.bundle(v1());
    const name = rename(sha);
    const upload = box.upload(archive, `${name}.tar.gz`);
    expect(box.bootstrap().code).toBe(1);
    expect(box.status()).toEqual({
      sha256: echoed ? name : '',
      state: 'failed',
      step: 'verify-archive',
    });
    expect(fs.existsSync(upload)).toBe(false);
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
  });

  it('ignores uploads still in progress (.<sha>.part)', () => {
    const { sha, archive } = box.bundle(v1());
    const part = box.upload(archive, `.${sha}.part`);
    expect(box.bootstrap().code).toBe(0);
    expect(fs.existsSync(part)).toBe(true);
    expect(fs.existsSync(box.path('var/lib/spot-deploy/status.json'))).toBe(false);
    expect(box.calls()).toEqual([]);
  });

  it('an archive that does not extract fails at extract and leaves no staging dir', () => {
    const junk = Buffer.from('this is not a tarball');
    const sha = sha256(junk);
    const upload = path.join(box.incoming, `${sha}.tar.gz`);
    fs.writeFileSync(upload, junk);
    expect(box.bootstrap().code).toBe(1);
    expect(box.status()).toEqual({ sha256: sha, state: 'failed', step: 'extract' });
    expect(fs.existsSync(upload)).toBe(false);
    expect(box.releaseNames()).toEqual([]);
  });

  it('an archive without the agent fails at extract', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'spot-deploy-noagent-'));
    try {
      fs.writeFileSync(path.join(tree, 'app.txt'), 'x');
      const archive = path.join(tree, '..', `${path.basename(tree)}.tar.gz`);
      run('tar', ['-czf', archive, '-C', tree, '.']);
      const sha = sha256(fs.readFileSync(archive));
      box.upload(archive, `${sha}.tar.gz`);
      fs.rmSync(archive);
      expect(box.bootstrap().code).toBe(1);
      expect(box.status()).toEqual({ sha256: sha, state: 'failed', step: 'extract' });
      expect(box.releaseNames()).toEqual([]);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it.each([
    ['systemd/app.conf', 'app.conf'],
    ['systemd/bad name.service', 'bad name.service'],
    ['systemd/spot-deploy.service', 'spot-deploy.service'],
    ['systemd/app.service.d/override.conf', 'app.service.d'],
  ])('rejects %s at check-units before touching anything', (file, shown) => {
    const { sha, code } = box.deploy(v1({ [file]: '[Service]\n' }));
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'check-units' });
    expect(status.log_tail).toContain(`invalid entries in systemd/: ${shown}`);
    expect(box.current()).toBeUndefined();
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
  });

  it('a unit that fails to start fails at start with its systemctl status in the log tail', () => {
    const { sha, code } = box.deploy(v1(), {}, { FAKE_SYSTEMCTL_FAIL: 'app.service' });
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'start' });
    expect(status.log_tail).toContain('Job for app.service failed.');
    expect(status.log_tail).toContain('fake status of app.service: failed (Result: exit-code)');
    expect(status.log_tail).toContain('failed to start: app.service');
    expect(box.calls()).toEqual([
      'daemon-reload',
      `enable ${WATCHER_UNIT}`,
      'enable app.service',
      'enable tick.timer',
      'restart app.service',
      'status --no-pager -n 20 app.service',
      'restart helper.service',
      'start tick.timer',
    ]);
    expect(box.current()).toBe(box.release(sha));
  });

  it('a failed daemon-reload fails at install-units, after current moved', () => {
    const { sha, code } = box.deploy(v1(), {}, { FAKE_SYSTEMCTL_FAIL: 'daemon-reload' });
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'install-units' });
    expect(status.log_tail).toContain('systemctl daemon-reload failed');
    expect(box.calls()).toEqual(['daemon-reload']);
    expect(box.current()).toBe(box.release(sha));
  });

  it('retries the health check until it passes', () => {
    fs.writeFileSync(
      box.path('etc/spot-deploy/health-check'),
      'n=$(cat hc 2>/dev/null || echo 0); echo $((n + 1)) > hc; echo "probe $n"; [ "$n" -ge 1 ]\n',
    );
    const { sha, code } = box.deploy(v1());
    expect(code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: sha, state: 'ready', step: 'done' });
    expect(fs.readFileSync(path.join(box.release(sha), 'hc'), 'utf8')).toBe('2\n');
  });

  it('a health check that never passes fails at health-check', () => {
    fs.writeFileSync(box.path('etc/spot-deploy/health-check'), 'echo "unhealthy-7"; exit 1\n');
    const { sha, code } = box.deploy(v1(), {}, { SPOT_DEPLOY_HEALTH_TIMEOUT: '1' });
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'health-check' });
    expect(status.log_tail).toContain('unhealthy-7');
    expect(status.log_tail).toContain('health check did not pass within 1 s');
  });

  it('ends the health check at the deadline the runner wrote (ready-timeout), not after 300 s', () => {
    fs.writeFileSync(box.path('etc/spot-deploy/health-check'), 'echo "unhealthy-8"; exit 1\n');
    const deadline = box.path('etc/spot-deploy/health-deadline');
    fs.writeFileSync(deadline, `${Math.floor(Date.now() / 1000) + 3}\n`);
    const t0 = Date.now();
    const { sha, code } = box.deploy(v1()); // SPOT_DEPLOY_HEALTH_TIMEOUT unset: 300 s
    expect(code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'health-check' });
    expect(status.log_tail).toMatch(
      /health check did not pass within [1-3] s \(the time ready-timeout left; last exit status 1\)/,
    );
    expect(fs.existsSync(deadline)).toBe(false); // it belonged to that delivery only
  });

  it('a smaller SPOT_DEPLOY_HEALTH_TIMEOUT wins over the deadline; a past deadline still gives 1 s', () => {
    fs.writeFileSync(box.path('etc/spot-deploy/health-check'), 'exit 1\n');
    const deadline = box.path('etc/spot-deploy/health-deadline');
    fs.writeFileSync(deadline, `${Math.floor(Date.now() / 1000) + 120}\n`);
    const first = box.deploy(v1(), {}, { SPOT_DEPLOY_HEALTH_TIMEOUT: '1' });
    expect(first.code).toBe(1);
    expect(box.status().log_tail).toContain(
      'health check did not pass within 1 s (last exit status 1)',
    );
    fs.writeFileSync(deadline, `${Math.floor(Date.now() / 1000) - 60}\n`);
    const second = box.deploy(v1({ 'app.txt': 'v2' }));
    expect(second.code).toBe(1);
    expect(box.status().log_tail).toContain(
      'health check did not pass within 1 s (the time ready-timeout left; last exit status 1)',
    );
  });

  it('keeps current and the two newest other releases', () => {
    const shas = [1, 2, 3, 4, 5].map((n) => {
      const { sha, code } = box.deploy(v1({ 'app.txt': `v${n}` }));
      expect(code).toBe(0);
      return sha;
    });
    expect(box.current()).toBe(box.release(shas[4]!));
    expect(box.releaseNames()).toEqual(shas.slice(2).sort());
  });
});
