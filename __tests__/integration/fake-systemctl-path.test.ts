// The fake instance's .path watcher (scripts/fake-instance/systemctl.sh): it stands in for
// systemd's inotify watch, so it must start the service when a matching file appears, again for
// the next one, and stop with its unit; and, like systemd, it must not wake up while nothing
// happens (its old 0.1 s poll took ~1.4 of 2 cores with 100 fake instances).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realSleep as sleep } from '../../src/time.js';
import { FAKE_SYSTEMCTL } from '../helpers/agent-instance.js';
import { until } from '../helpers/until.js';

const hasInotify = existsSync('/usr/bin/inotifywait');
// As for the fake instances (fakeFleetUnsupported): CI installs it, so there a skip would hide a
// missing install step.
if (process.env.CI && !hasInotify)
  throw new Error('inotifywait is missing (apt-get install inotify-tools)');

describe.skipIf(!hasInotify)('fake systemctl: a .path unit', () => {
  let root: string;
  const incoming = () => join(root, 'incoming');
  const ran = () => join(root, 'ran.log');
  // Installed as an instance has it: executable, so that the watcher can call it again.
  const systemctl = (...args: string[]) =>
    spawnSync(join(root, 'bin/systemctl'), args, {
      env: { PATH: process.env.PATH, SPOT_DEPLOY_ROOT: root },
      encoding: 'utf8',
      timeout: 10_000,
    });
  const runs = () => (existsSync(ran()) ? readFileSync(ran(), 'utf8').trim().split('\n') : []);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fake-systemctl-path-'));
    mkdirSync(join(root, 'etc/systemd/system'), { recursive: true });
    mkdirSync(incoming());
    mkdirSync(join(root, 'bin'));
    writeFileSync(join(root, 'bin/systemctl'), readFileSync(FAKE_SYSTEMCTL), { mode: 0o755 });
    // Only spot-deploy.service runs for real in the fake. It takes what arrived, as the agent
    // does, so the glob stops matching.
    const take = join(root, 'take.sh');
    writeFileSync(
      take,
      `for f in ${incoming()}/*.tar.gz; do echo "$f" >>${ran()}; rm -f "$f"; done\n`,
    );
    writeFileSync(
      join(root, 'etc/systemd/system/spot-deploy.service'),
      `[Service]\nType=oneshot\nExecStart=/bin/sh ${take}\n`,
    );
    writeFileSync(
      join(root, 'etc/systemd/system/spot-deploy.path'),
      `[Path]\nPathExistsGlob=${incoming()}/*.tar.gz\nUnit=spot-deploy.service\n`,
    );
  });
  afterEach(async () => {
    systemctl('stop', 'spot-deploy.path');
    await sleep(1_200); // the watcher's wait is bounded by 1 s
    rmSync(root, { recursive: true, force: true });
  });

  it('waits on an inotify watch, starts its service when a file matches, for each file, and stops with the unit', async () => {
    // `start` returns at once: the watcher it leaves behind holds none of its caller's pipes.
    const started = systemctl('start', 'spot-deploy.path');
    expect(started.error).toBeUndefined();
    expect(started.status).toBe(0);
    await sleep(1_500);
    expect(runs()).toEqual([]);
    // Idle, it sits in inotifywait on the glob's directory (not in a poll's `sleep`).
    const waiting = () =>
      spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .stdout.split('\n')
        .some((l) => l.startsWith('inotifywait') && l.endsWith(` ${incoming()}`));
    expect(await until(waiting, 3_000)).toBe(true);

    // A rename into place, as the upload does: seen by the watch, not by a poll's next turn.
    const t0 = Date.now();
    writeFileSync(join(incoming(), '.a.part'), 'a');
    spawnSync('mv', [join(incoming(), '.a.part'), join(incoming(), 'a.tar.gz')]);
    expect(await until(() => runs().length === 1, 5_000)).toBe(true);
    const firstMs = Date.now() - t0;
    expect(firstMs).toBeLessThan(3_000);

    writeFileSync(join(incoming(), 'b.tar.gz'), 'b');
    expect(await until(() => runs().length === 2, 5_000)).toBe(true);
    expect(runs()).toEqual([join(incoming(), 'a.tar.gz'), join(incoming(), 'b.tar.gz')]);

    expect(systemctl('stop', 'spot-deploy.path').status).toBe(0);
    await sleep(1_500);
    writeFileSync(join(incoming(), 'c.tar.gz'), 'c');
    await sleep(1_500);
    expect(runs()).toHaveLength(2);
    expect(existsSync(join(incoming(), 'c.tar.gz'))).toBe(true);
  }, 30_000);
});
