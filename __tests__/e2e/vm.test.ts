import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import type { BundleResult } from '../../src/bundle/build.js';
import { HostKeyMismatchError } from '../../src/errors.js';
import { fingerprint, generateEd25519, type KeyPair } from '../../src/keys.js';
import { connect, exec, parsePinnedKey } from '../../src/ssh/connect.js';
import { deliverBundle } from '../../src/ssh/deliver.js';
import { deliverToMany } from '../../src/ssh/deliver-many.js';
import { ACTION_PATH, FakeImds } from '../helpers/fake-imds.js';
import {
  bootVm,
  buildVmImage,
  exampleBundle,
  vmEnabled,
  type Vm,
  type VmSuite,
} from '../helpers/vm.js';

// A real Debian VM booted by qemu from the user-data our code renders, reached over SSH on
// loopback, with the bundle delivered by the real delivery code. Opt out with SPOT_DEPLOY_VM=0.
// One boot per image (30-60 s under TCG): the scenarios run in order on the same VM. Debian 12
// (cloud-init 22.4) runs every scenario; Debian 13 (cloud-init 25.1, systemd 257, OpenSSH 10)
// those that touch what differs between them (boot, sshd, the first delivery, redeploy, a failing
// hook, host keys), in the same file so that one VM runs at a time.

/** The scenarios Debian 13 runs (the rest exercise the agent, which both images run alike). */
const ON_EVERY_IMAGE = new Set([
  'refuses a host key other than the pinned one, before any upload',
  'delivers right after SSH answers, while cloud-init may still run: ready, no reboot',
  'sshd ran once this boot: no restart after the first login, and cloud-init reports no error or deprecation',
  'is a no-op for the same bundle and switches release for a new one',
  'deliverToMany with a wrong pinned key: failed at connect, nothing reaches the instance',
  'reports a failing setup hook with its output and leaves the running release alone',
]);

function vmScenarios(suite: VmSuite, everything: boolean): void {
  const name = `e2e-${suite}-${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), 'vm-e2e-'));
  const host = generateEd25519('spot-deploy');
  const client: KeyPair = generateEd25519('spot-deploy');
  const USER = 'spot-deploy';
  let vm: Vm | undefined;
  let ssh: Client | undefined;
  /** The fake IMDS on the host's loopback; the guest reaches it at GUEST_IMDS (boot.sh --imds-port). */
  let imds: FakeImds | undefined;
  const GUEST_IMDS = 'http://10.0.2.100';

  async function sh(command: string, timeoutMs = 60_000): Promise<string> {
    if (!ssh) throw new Error('not connected');
    const r = await exec(ssh, command, undefined, { timeoutMs });
    return r.stdout.trim();
  }

  /** What the example service answers on :8080 (its GREETING and the release's sha256). */
  const answer = (): Promise<string> =>
    sh(
      'sleep 1; python3 -c "import urllib.request as u; print(u.urlopen(\'http://127.0.0.1:8080\').read().decode())"',
    );

  /** The on-instance state a refused or broken delivery must leave alone. */
  const snapshot = async () => ({
    incoming: await sh('sudo ls -A /var/lib/spot-deploy/incoming'),
    releases: await sh('sudo ls -A /opt/spot-deploy/releases'),
    current: await sh('readlink /opt/spot-deploy/current'),
    status: await sh('sudo cat /var/lib/spot-deploy/status.json'),
  });

  /** Connects once (a scenario run alone with -t skips the one that connects first). */
  async function ensureConnected(): Promise<void> {
    ssh ??= await connect({
      host: '127.0.0.1',
      port: vm?.port ?? 0,
      username: USER,
      privateKey: client.privateKey,
      hostKey: host.publicKey,
      // Alone, this scenario also waits for the boot (minutes under TCG on a loaded machine).
      deadlineMs: 840_000,
    });
  }

  /** cloud-init finished without error; else what it says went wrong (status and its log). */
  async function expectCloudInitDone(): Promise<void> {
    // Minutes under TCG on a loaded machine when a scenario runs alone (-t), before any delivery.
    const status = await sh(
      'cloud-init status --wait >/dev/null; cloud-init status --long',
      480_000,
    );
    const why = status.includes('status: done')
      ? ''
      : await sh('sudo grep -E "WARNING|ERROR|Traceback" /var/log/cloud-init.log | tail -n 30');
    expect(status, why).toMatch(/^status: done$/m);
  }

  const bundleOf = (mutate: (dir: string) => void, tag: string) => exampleBundle(work, tag, mutate);

  const deliver = (
    b: { file: string; sha256: string; bytes: number },
    env?: string,
    healthCheck?: string,
  ) =>
    deliverBundle(ssh as Client, {
      file: b.file,
      sha256: b.sha256,
      bytes: b.bytes,
      readyTimeoutMs: 300_000,
      ...(env ? { envFile: env } : {}),
      ...(healthCheck === undefined ? {} : { healthCheck }),
    });

  describe.skipIf(!vmEnabled)(`a Debian ${suite} VM running our cloud-init`, () => {
    const seen = new Set<string>();
    const it = (title: string, fn: () => Promise<void>, timeoutMs: number) => {
      seen.add(title);
      if (everything || ON_EVERY_IMAGE.has(title)) vitestIt(title, fn, timeoutMs);
    };
    let bootId = '';
    let first: BundleResult;

    beforeAll(async () => {
      await buildVmImage(suite);
      imds = await FakeImds.start();
      vm = await bootVm({
        suite,
        name,
        work,
        host,
        client,
        sshUser: USER,
        directories: ['/srv/e2e'],
        imdsPort: imds.port,
      });
      first = await bundleOf(() => undefined, 'first');
    }, 1_500_000);

    afterAll(async () => {
      ssh?.end();
      await vm?.stop();
      await imds?.close();
    }, 120_000);

    it('refuses a host key other than the pinned one, before any upload', async () => {
      const other = generateEd25519('other');
      const started = Date.now();
      await expect(
        connect({
          host: '127.0.0.1',
          port: vm?.port ?? 0,
          username: USER,
          privateKey: client.privateKey,
          hostKey: other.publicKey,
          deadlineMs: 300_000,
        }),
      ).rejects.toBeInstanceOf(HostKeyMismatchError);
      // Mismatch is not retried: it fails as soon as sshd presents its key (boot time aside).
      expect(Date.now() - started).toBeLessThan(300_000);
    }, 400_000);

    it('delivers right after SSH answers, while cloud-init may still run: ready, no reboot', async () => {
      ssh = await connect({
        host: '127.0.0.1',
        port: vm?.port ?? 0,
        username: USER,
        privateKey: client.privateKey,
        hostKey: host.publicKey,
        deadlineMs: 300_000,
      });
      bootId = await sh('cat /proc/sys/kernel/random/boot_id');
      const ciAtUpload = await sh('cloud-init status || true');
      const result = await deliver(first, 'GREETING=hello-e2e\nPORT=8080');
      expect(
        result.status,
        `${result.step}: ${result.logTail} (cloud-init at upload: ${ciAtUpload})`,
      ).toBe('ready');
      console.log(
        `vm e2e: cloud-init at upload: ${ciAtUpload.replace(/\n/g, ' ')}; timings ${JSON.stringify(result.timings)}`,
      );
      expect(await sh('sudo systemctl is-active example-web.service')).toBe('active');
      expect(await answer()).toBe(`hello-e2e ${first.sha256}`);
      expect(await sh('cat /proc/sys/kernel/random/boot_id')).toBe(bootId);
      expect(await sh('sudo wc -l < /var/lib/example/setup.log')).toBe('1');
      await expectCloudInitDone();
      expect(await sh('stat -c %U /srv/e2e')).toBe(USER);
      expect(await sh('sudo stat -c %a /etc/spot-deploy/env')).toBe('600');
    }, 600_000);

    it('sshd ran once this boot: no restart after the first login, and cloud-init reports no error or deprecation', async () => {
      await ensureConnected();
      await expectCloudInitDone();
      const versions = await sh(
        'cloud-init --version 2>&1; systemctl --version | head -n1; ssh -V 2>&1; python3 --version',
      );
      console.log(`vm e2e (${suite}): ${versions.replace(/\n/g, '; ')}`);
      // Every line of the boot about sshd: its starts and stops (systemd's and its own) and logins.
      const journal = await sh('sudo journalctl -b -u ssh.service -o short-monotonic --no-pager');
      const lines = journal.split('\n');
      const events = lines.filter((l) =>
        /Received signal|Server listening on 0\.0\.0\.0|Stopping|Stopped|Starting|Started|Accepted publickey/.test(
          l,
        ),
      );
      console.log(`vm e2e (${suite}): sshd this boot:\n  ${events.slice(0, 12).join('\n  ')}`);
      const first = lines.findIndex((l) => /Accepted publickey for spot-deploy/.test(l));
      expect(first, journal).toBeGreaterThan(-1);
      // A restart (cloud-init's set-passwords module does one when ssh_pwauth is set) shows as
      // sshd's "Received signal 15", systemd stopping the unit and a second "Server listening".
      const restart = /Received signal 15|Stopping|Stopped|Server listening on 0\.0\.0\.0/;
      expect(
        lines.slice(first + 1).filter((l) => restart.test(l)),
        journal,
      ).toEqual([]);
      expect(
        lines.filter((l) => /Server listening on 0\.0\.0\.0/.test(l)),
        journal,
      ).toHaveLength(1);
      // cloud-init's own verdict on this boot: no error, and (25.x) no deprecation among its
      // recoverable errors; the user-data it read validates against its own schema.
      const status = JSON.parse(await sh('cloud-init status --format json')) as {
        errors?: unknown[];
        recoverable_errors?: Record<string, unknown>;
      };
      console.log(
        `vm e2e (${suite}): cloud-init recoverable errors ${JSON.stringify(status.recoverable_errors ?? {})}`,
      );
      expect(status.errors ?? []).toEqual([]);
      expect(Object.keys(status.recoverable_errors ?? {})).not.toContain('DEPRECATED');
      const schema = await sh('sudo cloud-init schema --system 2>&1; echo "rc=$?"');
      expect(schema).toMatch(/rc=0$/);
      expect(schema).not.toMatch(/deprecat|invalid/i);
    }, 600_000);

    it('is a no-op for the same bundle and switches release for a new one', async () => {
      const again = await deliver(first);
      expect(again.status).toBe('ready');
      expect(await sh('sudo wc -l < /var/lib/example/setup.log')).toBe('1');
      const second = await bundleOf((d) => writeFileSync(join(d, 'VERSION'), '2\n'), 'second');
      const result = await deliver(second, 'GREETING=second\nPORT=8080');
      expect(result.status, `${result.step}: ${result.logTail}`).toBe('ready');
      console.log(`vm e2e: redeploy timings ${JSON.stringify(result.timings)}`);
      expect(await sh('readlink /opt/spot-deploy/current')).toContain(second.sha256);
      expect(await answer()).toBe(`second ${second.sha256}`);
      expect(await sh('cat /proc/sys/kernel/random/boot_id')).toBe(bootId);
    }, 600_000);

    it('delivers after cloud-init is done: ready, new content served, no reboot', async () => {
      // `cloud-init status` without --wait: it must already say done when the upload starts.
      expect(await sh('cloud-init status')).toMatch(/^status: done$/m);
      const third = await bundleOf((d) => writeFileSync(join(d, 'VERSION'), '3\n'), 'third');
      // The agent runs the health check after the services start; it stays for later deliveries.
      const check = `python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8080', timeout=2)"`;
      const result = await deliver(third, 'GREETING=after-cloud-init\nPORT=8080', check);
      expect(result.status, `${result.step}: ${result.logTail}`).toBe('ready');
      expect(await sh('sudo cat /etc/spot-deploy/health-check')).toBe(check);
      expect(await sh('sudo grep -c "health-check" /var/log/spot-deploy/agent.log')).not.toBe('0');
      console.log(`vm e2e: after cloud-init timings ${JSON.stringify(result.timings)}`);
      expect(await sh('readlink /opt/spot-deploy/current')).toContain(third.sha256);
      expect(await sh('sudo systemctl is-active example-web.service')).toBe('active');
      expect(await answer()).toBe(`after-cloud-init ${third.sha256}`);
      expect(await sh('cat /proc/sys/kernel/random/boot_id')).toBe(bootId);
    }, 600_000);

    it('deliverToMany with a wrong pinned key: failed at connect, nothing reaches the instance', async () => {
      const before = await snapshot();
      const unreached = await bundleOf(
        (d) => writeFileSync(join(d, 'VERSION'), 'x\n'),
        'unreached',
      );
      const wrong = generateEd25519('not-this-vm');
      const logs: string[] = [];
      const t0 = Date.now();
      const [r, ...rest] = await deliverToMany(
        [{ id: 'vm-wrong-key', host: '127.0.0.1', port: vm?.port ?? 0, hostKey: wrong.publicKey }],
        {
          concurrency: 1,
          username: USER,
          privateKey: client.privateKey,
          hostKey: host.publicKey, // the right key, for targets without their own: overridden here
          connectDeadlineMs: 60_000,
          bundle: { file: unreached.file, sha256: unreached.sha256, bytes: unreached.bytes },
          envFile: 'GREETING=must-not-arrive\nPORT=8080',
          readyTimeoutMs: 300_000,
          log: (l) => logs.push(l),
        },
      );
      const elapsed = Date.now() - t0;
      console.log(`vm e2e: host key mismatch refused in ${elapsed} ms`);
      expect(rest).toEqual([]);
      expect(r).toMatchObject({ id: 'vm-wrong-key', status: 'failed', step: 'connect' });
      const presented = fingerprint(parsePinnedKey(host.publicKey).blob);
      expect(r?.error).toMatch(
        /^Host key mismatch for 127\.0\.0\.1:\d+: expected ssh-ed25519 SHA256:/,
      );
      expect(r?.error).toContain(`the server presented ${presented}`);
      expect(r?.timings.sshReadyMs).toBeUndefined();
      expect(logs).toContainEqual(
        expect.stringMatching(/^\[vm-wrong-key\] failed at connect: Host/),
      );
      expect(elapsed).toBeLessThan(30_000); // refused at the handshake, never retried
      // Checked over the good connection: the instance is exactly as before.
      expect(await snapshot()).toEqual(before);
      expect(before.releases).not.toContain(unreached.sha256);
      expect(await sh('sudo cat /etc/spot-deploy/env')).not.toContain('must-not-arrive');
    }, 600_000);

    it('a corrupted upload fails at upload-verify, a short file at upload before sending; neither is extracted; the real one then succeeds', async () => {
      const fourth = await bundleOf((d) => writeFileSync(join(d, 'VERSION'), '4\n'), 'fourth');
      const bytes = readFileSync(fourth.file);
      const truncated = join(work, 'fourth-truncated.tar.gz');
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const corrupted = join(work, 'fourth-corrupted.tar.gz');
      const flipped = Buffer.from(bytes);
      const at = Math.floor(flipped.length / 3);
      flipped[at] = (flipped[at] ?? 0) ^ 0xff; // same size, one byte changed
      writeFileSync(corrupted, flipped);

      for (const [what, file] of [
        ['truncated', truncated],
        ['corrupted', corrupted],
      ] as const) {
        const before = await snapshot();
        // The real sha256 and size, the wrong bytes: what a broken transfer looks like.
        const res = await deliver({ file, sha256: fourth.sha256, bytes: fourth.bytes });
        console.log(`vm e2e: ${what} upload refused, timings ${JSON.stringify(res.timings)}`);
        expect(res.status).toBe('failed');
        if (what === 'truncated') {
          // Not the announced size: refused by the runner before anything is sent (the instance
          // would wait for the missing bytes, stdin staying open for `activate`).
          expect(res.step).toBe('upload');
          expect(res.logTail).toContain(`not the ${fourth.bytes} bytes announced`);
        } else {
          expect(res.step).toBe('upload-verify');
          expect(res.logTail).toContain(
            `expected sha256 ${fourth.sha256} and ${fourth.bytes} bytes`,
          );
        }
        const after = await snapshot();
        expect(after).toEqual(before); // no .part, no tar.gz, no release dir, same current
        expect(after.incoming).toBe('');
        expect(after.releases).not.toContain(fourth.sha256);
        expect(await sh('sudo systemctl is-active example-web.service')).toBe('active');
      }

      const result = await deliver(fourth, 'GREETING=fourth\nPORT=8080');
      expect(result.status, `${result.step}: ${result.logTail}`).toBe('ready');
      expect(await sh('readlink /opt/spot-deploy/current')).toContain(fourth.sha256);
      expect(await answer()).toBe(`fourth ${fourth.sha256}`);
      expect(await sh('cat /proc/sys/kernel/random/boot_id')).toBe(bootId);
    }, 600_000);

    it('reports a failing setup hook with its output and leaves the running release alone', async () => {
      const before = await sh('readlink /opt/spot-deploy/current');
      const broken = await bundleOf(
        (d) => writeFileSync(join(d, 'setup.sh'), 'echo "hook says no" >&2\nexit 3\n'),
        'broken',
      );
      const result = await deliver(broken);
      expect(result.status).toBe('failed');
      expect(result.step).toBe('setup');
      expect(result.logTail).toContain('hook says no');
      expect(await sh('readlink /opt/spot-deploy/current')).toBe(before);
      expect(await sh('sudo systemctl is-active example-web.service')).toBe('active');
    }, 600_000);

    it('rolls back to the previous release when the new one fails its health check; ttl-minutes re-arms the shutdown', async () => {
      await ensureConnected();
      // The check runs in the release dir: the bad release carries UNHEALTHY, the good one not.
      const check = `python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8080', timeout=2)" && test ! -e UNHEALTHY`;
      const env = (greeting: string) =>
        `GREETING=${greeting}\nPORT=8080\nSPOT_DEPLOY_HEALTH_TIMEOUT=10`;
      // As the runner writes it (the directory may not exist before the first delivery).
      await sh('echo 240 | sudo install -D -m 0644 /dev/stdin /etc/spot-deploy/ttl-minutes');
      const good = await bundleOf((d) => writeFileSync(join(d, 'VERSION'), 'good\n'), 'rb-good');
      const ok = await deliver(good, env('rollback-e2e'), check);
      expect(ok.status, `${ok.step}: ${ok.logTail}`).toBe('ready');
      expect(await answer()).toBe(`rollback-e2e ${good.sha256}`);

      const bad = await bundleOf((d) => writeFileSync(join(d, 'UNHEALTHY'), 'yes\n'), 'rb-bad');
      const result = await deliver(bad, env('bad'));
      expect(result).toMatchObject({
        status: 'failed',
        step: 'health-check',
        rolledBackTo: good.sha256,
      });
      expect(result.logTail).toMatch(new RegExp(`^rolled back to ${good.sha256.slice(0, 12)}`));
      // The first release answers again, with the environment it was ready with.
      expect(await sh('sudo systemctl is-active example-web.service')).toBe('active');
      expect(await answer()).toBe(`rollback-e2e ${good.sha256}`);
      expect(await sh('readlink /opt/spot-deploy/current')).toContain(good.sha256);
      const status = JSON.parse(await sh('sudo cat /var/lib/spot-deploy/status.json')) as Record<
        string,
        unknown
      >;
      expect(status).toMatchObject({
        sha256: bad.sha256,
        state: 'rolled-back',
        step: 'health-check',
        rolledBackTo: good.sha256,
        current: good.sha256,
      });
      expect(await sh('sudo ls -A /opt/spot-deploy/releases')).not.toContain(bad.sha256);
      const log = await sh('sudo cat /var/log/spot-deploy/agent.log');
      const active = /units of \w+ active after (\d+) ms/.exec(
        log.slice(log.lastIndexOf('rolling back to')),
      );
      console.log(
        `vm e2e: rollback after the failed health check: units of the previous release active in ${active?.[1]} ms, healthy again in ${String(status.rollbackMs)} ms; delivery timings ${JSON.stringify(result.timings)}`,
      );
      expect(Number(status.rollbackMs)).toBeGreaterThan(0);
      // ttl-minutes: `shutdown -P +240` after the good deploy and again after the rollback. logind
      // keeps one scheduled shutdown (the last one wins): it must be 240 minutes from the rollback.
      const vmNow = Number(await sh('date +%s'));
      const runs = log.slice(log.lastIndexOf(`step: verify`, log.lastIndexOf('rolling back to')));
      const scheduled = await sh('sudo cat /run/systemd/shutdown/scheduled 2>&1 || true');
      const armed = log.split('\n').filter((l) => /shutdown|ttl-minutes/.test(l));
      console.log(
        `vm e2e: scheduled shutdown ${JSON.stringify(scheduled)}; agent: ${armed.slice(-4).join(' | ')}`,
      );
      expect(runs).toContain('$ shutdown -P +240');
      expect(runs).toContain('shutdown re-armed: power-off at');
      const usec = Number(/USEC=(\d+)/.exec(scheduled)?.[1]);
      expect(Math.abs(usec / 1e6 - (vmNow + 240 * 60)), scheduled).toBeLessThan(120);
      expect(ok.status).toBe('ready');
    }, 1_200_000);
    it('the interruption watcher: installed by a deploy, running after a redeploy, drains on a notice from a fake IMDS', async () => {
      await ensureConnected();
      const unit = 'spot-deploy-watcher.service';
      // Installed and started by the deploys above (pointed nowhere: the real IMDS address, which
      // this isolated guest cannot reach; it logs that and backs off).
      expect(await sh(`systemctl is-enabled ${unit}`)).toBe('enabled');
      expect(await sh(`systemctl is-active ${unit}`)).toBe('active');
      const env = `GREETING=watched\nPORT=8080\nAWS_EC2_METADATA_SERVICE_ENDPOINT=${GUEST_IMDS}`;
      const stopSh =
        'echo "$GREETING $SPOT_DEPLOY_INTERRUPTION_ACTION $SPOT_DEPLOY_INTERRUPTION_TIME ' +
        '$(systemctl is-active example-web.service)" >> /var/lib/example/stop.log\n';
      const withStop = (tag: string) =>
        bundleOf((d) => {
          writeFileSync(join(d, 'stop.sh'), stopSh);
          writeFileSync(join(d, 'VERSION'), `${tag}\n`);
        }, tag);
      const one = await withStop('watch-1');
      const r1 = await deliver(one, env);
      expect(r1.status, `${r1.step}: ${r1.logTail}`).toBe('ready');
      const pid = () => sh(`systemctl show -p MainPID --value ${unit}`);
      const pid1 = await pid();
      // A redeploy restarts it (new env, new code), and it keeps running.
      const two = await withStop('watch-2');
      const r2 = await deliver(two, env);
      expect(r2.status, `${r2.step}: ${r2.logTail}`).toBe('ready');
      expect(await sh(`systemctl is-active ${unit}`)).toBe('active');
      const pid2 = await pid();
      expect(pid2).not.toBe(pid1);
      expect(pid2).not.toBe('0');
      // It polls the fake through the guest's 10.0.2.100 (a token, then GETs): wait for one.
      const t0 = Date.now();
      while ((imds?.count('GET', ACTION_PATH) ?? 0) === 0 && Date.now() - t0 < 60_000)
        await new Promise((r) => setTimeout(r, 500));
      expect(imds?.count('GET', ACTION_PATH)).toBeGreaterThan(0);

      const noticeTime = new Date(Date.now() + 120_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const appearsAt = imds?.interrupt('terminate', noticeTime) ?? 0;
      let status: Record<string, unknown> = {};
      while (Date.now() - appearsAt < 60_000) {
        status = JSON.parse(await sh('sudo cat /var/lib/spot-deploy/status.json')) as Record<
          string,
          unknown
        >;
        if (status.state === 'interrupted') break;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      const tookMs = Date.now() - appearsAt;
      console.log(
        `vm e2e: watcher: notice → status interrupted (stop.sh run, units stopped) in ${tookMs} ms (polled over SSH every 1 s); drain ${String(status.drainMs)} ms`,
      );
      expect(status).toMatchObject({
        sha256: two.sha256,
        state: 'interrupted',
        step: 'interrupted',
        interruptedAt: noticeTime,
        interruptionAction: 'terminate',
        stopScript: 'exit 0',
        stoppedUnits: ['example-web.service'],
      });
      expect(tookMs).toBeLessThan(30_000);
      // stop.sh ran with the service environment while the service still ran; then it stopped.
      expect(await sh('sudo cat /var/lib/example/stop.log')).toBe(
        `watched terminate ${noticeTime} active`,
      );
      expect(await sh('systemctl is-active example-web.service || true')).toBe('inactive');
      expect(await sh(`systemctl is-active ${unit}`)).toBe('active');
      expect(await sh(`systemctl show -p MainPID --value ${unit}`)).toBe(pid2);
      expect(await sh('cat /proc/sys/kernel/random/boot_id')).toBe(bootId);
    }, 900_000);

    // A title in ON_EVERY_IMAGE that no scenario has would drop it from Debian 13 unseen.
    for (const t of ON_EVERY_IMAGE) if (!seen.has(t)) throw new Error(`no scenario '${t}'`);
  });
}

vmScenarios('bookworm', true);
vmScenarios('trixie', false);
