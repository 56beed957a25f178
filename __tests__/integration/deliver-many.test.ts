import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';
import { deliverToMany, type InstanceDelivery, type Target } from '../../src/ssh/deliver-many.js';
import { freePort, hasSshd, startSshd, type Sshd } from '../helpers/sshd.js';

// Needs OpenSSH's server: `apt-get install -y openssh-server` (Debian/Ubuntu). Skipped without it.
if (process.env.CI && !hasSshd)
  throw new Error('sshd (Debian package openssh-server) is required in CI');

describe.skipIf(!hasSshd)('deliverToMany against real sshds on 127.0.0.1', () => {
  const hostKey = generateEd25519('shared-host');
  const clientKey = generateEd25519('shared-client');
  const good: Sshd[] = [];
  let other: Sshd; // a different host key than the pinned one
  let deadPort: number;
  let work: string;
  let bundle: { file: string; sha256: string; bytes: number };

  // Every daemon runs commands from its own dir (chdir), so these relative paths never collide.
  const remote = (startCommand: string) => ({
    incomingDir: 'remote/incoming',
    statusPath: 'remote/status.json',
    envPath: 'remote/env',
    startCommand,
    sudo: '',
  });
  // Stands in for `systemctl start spot-deploy.service`: writes status.json as ready, and
  // records start/end (ns) per daemon in a shared file to measure overlap.
  const fakeStart = (events: string, sleepS: number): string => {
    const script = join(work, `fake-start-${randomBytes(4).toString('hex')}.sh`);
    writeFileSync(
      script,
      [
        'set -eu',
        `echo "start $PWD $(date +%s%N)" >> ${events}`,
        `sleep ${sleepS}`,
        `echo "end $PWD $(date +%s%N)" >> ${events}`,
        'sha=$(basename "$(ls remote/incoming/*.tar.gz | head -n1)" .tar.gz)',
        `printf '{"sha256":"%s","state":"ready","step":"done","log_tail":""}' "$sha" > remote/status.json`,
      ].join('\n'),
    );
    return `sh ${script}`;
  };
  const base = () => ({
    username: good[0]?.user ?? 'root',
    privateKey: clientKey.privateKey,
    hostKey: hostKey.publicKey,
    bundle,
    readyTimeoutMs: 10_000,
  });
  const target = (id: string, s: Sshd): Target => ({ id, host: s.host, port: s.port });
  const byId = (rs: InstanceDelivery[], id: string): InstanceDelivery => {
    const r = rs.find((x) => x.id === id);
    if (r === undefined) throw new Error(`no result for ${id}`);
    return r;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'spot-deploy-many-'));
    const data = randomBytes(64 * 1024);
    const file = join(work, 'bundle.tar.gz');
    writeFileSync(file, data);
    bundle = { file, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
    const started = await Promise.all([
      ...[0, 1, 2].map(() => startSshd({ hostKey, clientKey, chdir: true })),
      startSshd({ clientKey, chdir: true }),
    ]);
    good.push(...started.slice(0, 3));
    other = started[3] as Sshd;
    deadPort = await freePort();
  }, 30_000);
  afterAll(async () => {
    await Promise.all([...good, other].filter(Boolean).map((s) => s.stop()));
    rmSync(work, { recursive: true, force: true });
  }, 30_000);

  it('delivers to the live ones; the dead and the mismatched one fail at connect', async () => {
    const [a, b, c] = good as [Sshd, Sshd, Sshd];
    const logs: string[] = [];
    const targets: Target[] = [
      target('a', a),
      { id: 'dead', host: '127.0.0.1', port: deadPort },
      target('b', b),
      target('mismatch', other),
      target('c', c),
    ];
    const t0 = Date.now();
    const rs = await deliverToMany(targets, {
      ...base(),
      concurrency: 5,
      connectDeadlineMs: 2_000,
      remote: remote(fakeStart(join(work, 'events-all'), 0)),
      log: (l) => logs.push(l),
    });
    expect(rs.map((r) => r.id)).toEqual(['a', 'dead', 'b', 'mismatch', 'c']);
    for (const id of ['a', 'b', 'c']) {
      const r = byId(rs, id);
      expect(r).toMatchObject({ status: 'ready', host: '127.0.0.1' });
      expect(r.step).toBeUndefined();
      expect(r.timings.sshReadyMs).toBeGreaterThanOrEqual(0);
      expect(r.timings.uploadedMs).toBeGreaterThanOrEqual(r.timings.sshReadyMs ?? 0);
      expect(r.timings.activeMs).toBeGreaterThanOrEqual(r.timings.uploadedMs ?? 0);
      expect(logs.filter((l) => l.startsWith(`[${id}] `))).toEqual([
        expect.stringMatching(new RegExp(`^\\[${id}\\] ssh ready in \\d+\\.\\ds$`)),
        expect.stringMatching(new RegExp(`^\\[${id}\\] uploaded in \\d+\\.\\ds$`)),
        expect.stringMatching(new RegExp(`^\\[${id}\\] active in \\d+\\.\\ds$`)),
      ]);
    }
    const dead = byId(rs, 'dead');
    expect(dead).toMatchObject({ status: 'failed', step: 'connect', port: deadPort });
    expect(dead.error).toMatch(new RegExp(`127\\.0\\.0\\.1:${deadPort} within 2000 ms`));
    expect(dead.timings.totalMs).toBeGreaterThanOrEqual(1_950);
    expect(dead.timings.sshReadyMs).toBeUndefined();
    const mm = byId(rs, 'mismatch');
    expect(mm).toMatchObject({ status: 'failed', step: 'connect' });
    expect(mm.error).toMatch(/Host key mismatch/);
    expect(mm.timings.totalMs).toBeLessThan(1_500);
    expect(logs).toContainEqual(expect.stringMatching(/^\[dead\] failed at connect: /));
    expect(logs).toContainEqual(expect.stringMatching(/^\[mismatch\] failed at connect: Host key/));
    expect(Date.now() - t0).toBeLessThan(8_000);
  }, 30_000);

  it('runs at most `concurrency` instances at once', async () => {
    const events = join(work, 'events-conc');
    const rs = await deliverToMany(
      good.map((s, i) => target(`n${i}`, s)),
      {
        ...base(),
        concurrency: 2,
        connectDeadlineMs: 5_000,
        remote: remote(fakeStart(events, 0.6)),
      },
    );
    expect(rs.map((r) => r.status)).toEqual(['ready', 'ready', 'ready']);
    const lines = readFileSync(events, 'utf8').trim().split('\n');
    const points = lines
      .map((l) => l.split(' '))
      .map(([kind, , ns]) => ({ d: kind === 'start' ? 1 : -1, at: BigInt(ns ?? '0') }))
      .sort((x, y) => (x.at === y.at ? x.d - y.d : x.at < y.at ? -1 : 1));
    let live = 0;
    let peak = 0;
    for (const p of points) peak = Math.max(peak, (live += p.d));
    expect(lines).toHaveLength(6);
    expect(peak).toBe(2); // 2 overlapped (parallel), never 3
  }, 30_000);

  it('collects diagnostics when activation fails, never with env contents', async () => {
    const [a, b] = good as [Sshd, Sshd];
    const logs: string[] = [];
    const secret = 'hunter2-do-not-leak';
    const rs = await deliverToMany([target('bad', a), target('bad2', b)], {
      ...base(),
      concurrency: 2,
      connectDeadlineMs: 5_000,
      envFile: `TOKEN=${secret}\n`,
      remote: remote(
        `sh -c 'rm -f remote/status.json; echo activation-exploded >&2; echo "$(cat remote/env)"; exit 1'`,
      ),
      log: (l) => logs.push(l),
    });
    for (const r of rs) {
      expect(r).toMatchObject({ status: 'failed', step: 'activate' });
      expect(r.error).toContain('activation-exploded');
      expect(typeof r.diagnostics).toBe('string');
      const d = r.diagnostics ?? '';
      expect(d).toContain('cloud-init status --long');
      expect(d).toContain('journalctl -u spot-deploy.service -n 50 --no-pager');
      expect(d).toContain('systemctl --failed --no-legend --plain');
      expect(d.length).toBeLessThanOrEqual(8_000);
      expect(JSON.stringify(r)).not.toContain(secret);
    }
    expect(logs).toContainEqual(expect.stringMatching(/^\[bad\] failed at activate: /));
    expect(logs.join('\n')).not.toContain(secret);
  }, 60_000);

  it('redacts a quoted env value a failing activation prints from the error and the log (B12)', async () => {
    const [a] = good as [Sshd];
    const logs: string[] = [];
    const secret = 'quoted-secret-value';
    const rs = await deliverToMany([target('bad', a)], {
      ...base(),
      concurrency: 1,
      connectDeadlineMs: 5_000,
      // As the user wrote it: the agent strips the quotes, so setup.sh sees the bare value.
      envFile: `API_TOKEN="${secret}"\n`,
      remote: remote(
        `sh -c 'rm -f remote/status.json; echo "setup: login with ${secret} refused" >&2; exit 1'`,
      ),
      log: (l) => logs.push(l),
    });
    expect(rs[0]).toMatchObject({ status: 'failed', step: 'activate' });
    expect(rs[0]?.error).toContain('setup: login with [redacted] refused');
    expect(JSON.stringify(rs)).not.toContain(secret);
    expect(logs).toContainEqual(expect.stringMatching(/^\[bad\] failed at activate: /));
    expect(logs.join('\n')).not.toContain(secret);
  }, 60_000);
});
