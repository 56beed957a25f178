import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';
import { rollbackMany, type InstanceRollback } from '../../src/ssh/rollback.js';
import { hasSshd, startSshd, type Sshd } from '../helpers/sshd.js';

// The rollback command over real sshds on loopback, against a stub agent: the runner's side of
// mode rollback (the real agent's rollback is tested by the agent's own tests). Needs OpenSSH's
// server: `apt-get install -y openssh-server`. Skipped without it, except in CI.
if (process.env.CI && !hasSshd)
  throw new Error('sshd (Debian package openssh-server) is required in CI');

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

/**
 * Stands in for `agent.py rollback [<sha>]` in a scratch root (relative to the daemon's dir):
 * switches `current` to the given release, or to the one in `root/previous`, and writes
 * status.json as the contract says; an unknown release changes nothing. It records the
 * ttl-minutes file it found, which must be written before it runs.
 */
const STUB = [
  'set -u',
  '[ "$1" = rollback ] || exit 2',
  'cur=$(basename "$(readlink root/current)")',
  'if [ $# -ge 2 ]; then to=$2; else to=$(cat root/previous); fi',
  'echo "ttl=$(cat root/etc/ttl-minutes 2>/dev/null || echo none) args=$*" >> root/agent.log',
  'if [ ! -d "root/releases/$to" ]; then',
  `  printf '{"sha256":"%s","state":"failed","step":"rollback","rolledBackFrom":"%s","current":"%s","log_tail":"release %s is not on this instance"}' "$to" "$cur" "$cur" "$to" > root/status.json`,
  '  exit 1',
  'fi',
  'ln -s "$PWD/root/releases/$to" root/current.new && mv -T root/current.new root/current',
  `printf '{"sha256":"%s","state":"ready","step":"done","rolledBackFrom":"%s","current":"%s","log_tail":""}' "$to" "$cur" "$to" > root/status.json`,
].join('\n');

describe.skipIf(!hasSshd)('rollbackMany against real sshds on 127.0.0.1', () => {
  const hostKey = generateEd25519('shared-host');
  const clientKey = generateEd25519('shared-client');
  const daemons: Sshd[] = [];
  let work: string;
  let stub: string;

  const remote = () => ({
    currentPath: 'root/current',
    ttlPath: 'root/etc/ttl-minutes',
    statusPath: 'root/status.json',
    agentCommand: `sh ${stub}`,
    sudo: '',
  });
  /** A fresh instance: releases A and B, B current, A the previous ready one. */
  const reset = (s: Sshd, releases = [A, B]) => {
    const root = join(s.dir, 'root');
    rmSync(root, { recursive: true, force: true });
    for (const r of releases) mkdirSync(join(root, 'releases', r), { recursive: true });
    symlinkSync(join(root, 'releases', B), join(root, 'current'));
    writeFileSync(join(root, 'previous'), A);
    writeFileSync(join(root, 'status.json'), JSON.stringify({ sha256: B, state: 'ready' }));
  };
  const current = (s: Sshd) => basename(readlinkSync(join(s.dir, 'root', 'current')));
  const opts = (over: object = {}) => ({
    concurrency: 2,
    username: daemons[0]?.user ?? 'root',
    privateKey: clientKey.privateKey,
    connectDeadlineMs: 10_000,
    ttlMinutes: 90,
    readyTimeoutMs: 10_000,
    remote: remote(),
    ...over,
  });
  const targets = () =>
    daemons.map((s, n) => ({
      id: `i-${n}`,
      host: s.host,
      port: s.port,
      hostKey: hostKey.publicKey,
    }));
  const byId = (rs: InstanceRollback[], id: string) => rs.find((r) => r.id === id);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'spot-deploy-rollback-'));
    stub = join(work, 'agent.sh');
    writeFileSync(stub, STUB);
    daemons.push(
      ...(await Promise.all([0, 1].map(() => startSshd({ hostKey, clientKey, chdir: true })))),
    );
  }, 30_000);
  afterAll(async () => {
    await Promise.all(daemons.map((s) => s.stop()));
    rmSync(work, { recursive: true, force: true });
  }, 30_000);

  it('rolls every instance back to its previous release, writing ttl-minutes first', async () => {
    daemons.forEach((s) => reset(s));
    const logs: string[] = [];
    const rs = await rollbackMany(targets(), opts({ log: (l: string) => logs.push(l) }));
    expect(rs.map((r) => [r.id, r.status, r.sha256Before, r.sha256After])).toEqual([
      ['i-0', 'ready', B, A],
      ['i-1', 'ready', B, A],
    ]);
    for (const s of daemons) {
      expect(current(s)).toBe(A);
      expect(readFileSync(join(s.dir, 'root', 'etc', 'ttl-minutes'), 'utf8')).toBe('90\n');
      expect(readFileSync(join(s.dir, 'root', 'agent.log'), 'utf8')).toBe('ttl=90 args=rollback\n');
    }
    expect(logs.filter((l) => l.includes('rolled back bbbbbbbbbbbb → aaaaaaaaaaaa'))).toHaveLength(
      2,
    );
  });

  it('reports an instance without the rollback-to release failed and leaves it unchanged', async () => {
    reset(daemons[0] as Sshd, [A, B, C]);
    reset(daemons[1] as Sshd);
    const rs = await rollbackMany(targets(), opts({ to: C }));
    expect(byId(rs, 'i-0')).toMatchObject({ status: 'ready', sha256Before: B, sha256After: C });
    const miss = byId(rs, 'i-1');
    expect(miss).toMatchObject({
      status: 'failed',
      step: 'rollback',
      error: `release ${C} is not on this instance`,
      sha256Before: B,
      sha256After: B,
    });
    // The agent ran, so the instance was asked what happened (whatever tools it has).
    expect(miss?.diagnostics).toContain('$ cloud-init status --long');
    expect(current(daemons[0] as Sshd)).toBe(C);
    expect(current(daemons[1] as Sshd)).toBe(B);
  });

  it('fails at ttl-config without running the agent when the ttl file cannot be written', async () => {
    const s = daemons[0] as Sshd;
    reset(s);
    writeFileSync(join(s.dir, 'root', 'etc'), 'a file where a directory should be');
    const [r] = await rollbackMany(targets().slice(0, 1), opts());
    expect(r).toMatchObject({ status: 'failed', step: 'ttl-config', sha256Before: B });
    expect(r?.diagnostics).toBeUndefined();
    expect(current(s)).toBe(B);
    expect(() => readFileSync(join(s.dir, 'root', 'agent.log'))).toThrow(/ENOENT/);
  });

  it('refuses a host that presents another key, before running anything', async () => {
    reset(daemons[0] as Sshd);
    const wrong = { ...targets()[0]!, hostKey: generateEd25519('other').publicKey };
    const [r] = await rollbackMany([wrong], opts());
    expect(r).toMatchObject({ status: 'failed', step: 'connect' });
    expect(r?.error).toMatch(/host key/i);
    expect(current(daemons[0] as Sshd)).toBe(B);
  });
});
