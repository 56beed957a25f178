import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostKeyMismatchError, SshError } from '../../src/errors.js';
import { generateEd25519 } from '../../src/keys.js';
import { connect, exec } from '../../src/ssh/connect.js';
import { deliverBundle } from '../../src/ssh/deliver.js';
import { freePort, hasSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

// Needs OpenSSH's server: `apt-get install -y openssh-server` (Debian/Ubuntu). Skipped without it.
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

// CI installs openssh-server: there a missing sshd is a failure, not a reason to skip.
if (process.env.CI && !hasSshd)
  throw new Error('sshd (Debian package openssh-server) is required in CI');

describe.skipIf(!hasSshd)('ssh against a real sshd on 127.0.0.1', () => {
  let sshd: Sshd;
  const clients: Client[] = [];
  const base = () => ({
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    privateKey: sshd.client.privateKey,
    hostKey: sshd.hostKey,
  });
  const open = async (): Promise<Client> => {
    const c = await connect({ ...base(), deadlineMs: 10_000 });
    clients.push(c);
    return c;
  };

  const layout = () => {
    const root = join(sshd.dir, `remote-${randomBytes(4).toString('hex')}`);
    mkdirSync(root);
    // Stands in for `systemctl start spot-deploy.service`: records the uploaded sha as ready.
    const fake = join(root, 'fake-start.sh');
    writeFileSync(
      fake,
      [
        'set -eu',
        `f=$(ls ${root}/incoming/*.tar.gz | head -n1)`,
        'sha=$(basename "$f" .tar.gz)',
        `printf '{"sha256":"%s","state":"ready","step":"done","log_tail":""}' "$sha" > ${root}/status.json`,
      ].join('\n'),
    );
    return {
      root,
      remote: {
        incomingDir: join(root, 'incoming'),
        statusPath: join(root, 'status.json'),
        envPath: join(root, 'etc', 'env'),
        healthCheckPath: join(root, 'etc', 'health-check'),
        healthDeadlinePath: join(root, 'etc', 'health-deadline'),
        ttlPath: join(root, 'etc', 'ttl-minutes'),
        startCommand: `sh ${fake}`,
        sudo: '',
      },
    };
  };

  beforeAll(async () => {
    sshd = await startSshd();
  }, 20_000);
  afterAll(async () => {
    for (const c of clients) c.end();
    await sshd?.stop();
  }, 20_000);

  it('connects with the pinned host key and runs a command', async () => {
    const c = await open();
    const r = await exec(c, 'echo out; echo err >&2; exit 3', undefined, { timeoutMs: 5_000 });
    expect(r).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    const fed = await exec(c, 'wc -c', Buffer.from('12345'), { timeoutMs: 5_000 });
    expect(fed.stdout.trim()).toBe('5');
  });

  it('turns Nagle off before the first byte of the handshake, not after it', async () => {
    // With Nagle on, each of the four round trips of the authentication waited for the server's
    // delayed ACK (~40 ms): a connect took 221 ms against 61 ms with it off (loopback, load ~4).
    const first: Array<{ on: boolean; written: number }> = [];
    const spy = vi.spyOn(Socket.prototype, 'setNoDelay');
    spy.mockImplementation(function (this: Socket, on?: boolean) {
      first.push({ on: on !== false, written: this.bytesWritten });
      spy.mockRestore();
      return this.setNoDelay(on);
    });
    try {
      const c = await open();
      const r = await exec(c, 'echo ok', undefined, { timeoutMs: 5_000 });
      expect(r.stdout).toBe('ok\n');
    } finally {
      spy.mockRestore();
    }
    expect(first[0]).toEqual({ on: true, written: 0 });
  });

  it('a private key ssh2 cannot use fails at once, without retrying until the deadline', async () => {
    const t0 = Date.now();
    const err = await connect({ ...base(), privateKey: 'not a key', deadlineMs: 20_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SshError);
    expect((err as SshError).retryable).toBe(false);
    expect(String((err as Error).message)).toMatch(/^Invalid SSH configuration: /);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('refuses a different host key at once, without retrying', async () => {
    const logs: string[] = [];
    const t0 = Date.now();
    const err = await connect({
      ...base(),
      hostKey: generateEd25519('other').publicKey,
      deadlineMs: 20_000,
      log: (m) => logs.push(m),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyMismatchError);
    expect(err).toBeInstanceOf(SshError);
    expect(String((err as Error).message)).toContain(`127.0.0.1:${sshd.port}`);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(logs.filter((l) => l.includes('retrying'))).toEqual([]);
  });

  it('retries until an sshd that starts 2 s late is up', async () => {
    const late = await startSshd({ delayMs: 2_000 });
    const logs: string[] = [];
    try {
      const t0 = Date.now();
      const c = await connect({
        host: late.host,
        port: late.port,
        username: late.user,
        privateKey: late.client.privateKey,
        hostKey: late.hostKey,
        deadlineMs: 15_000,
        log: (m) => logs.push(m),
      });
      clients.push(c);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
      // Refused while sshd was not listening: retried every 100 ms, not on the 250 → 500 backoff.
      const refused = logs.filter((l) => l.includes('ECONNREFUSED'));
      expect(refused.length).toBeGreaterThanOrEqual(10);
      for (const l of refused) expect(l).toMatch(/retrying in (100|\d{1,2}) ms$/);
      expect((await exec(c, 'echo ok', undefined, { timeoutMs: 5_000 })).stdout).toBe('ok\n');
    } finally {
      await late.stop();
    }
  });

  it('gives up after the deadline when nobody listens, naming host:port and attempts', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const err = await connect({ ...base(), port, deadlineMs: 2_500 }).catch((e: unknown) => e);
    const elapsed = Date.now() - t0;
    expect(err).toBeInstanceOf(SshError);
    expect(err).not.toBeInstanceOf(HostKeyMismatchError);
    expect((err as Error).message).toMatch(
      new RegExp(`127\\.0\\.0\\.1:${port} within 2500 ms \\(\\d+ attempts`),
    );
    expect(elapsed).toBeGreaterThanOrEqual(2_450);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('retries an authentication failure until the deadline', async () => {
    const t0 = Date.now();
    const err = await connect({
      ...base(),
      privateKey: generateEd25519('stranger').privateKey,
      deadlineMs: 1_500,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshError);
    expect((err as Error).message).toMatch(/attempts.*authentication/i);
    expect(Date.now() - t0).toBeLessThan(4_000);
  });

  describe('deliverBundle', () => {
    it('uploads 5 MB intact, writes the env file 0600 and reads status.json', async () => {
      const c = await open();
      const { root, remote } = layout();
      const data = randomBytes(5 * 1024 * 1024);
      const file = join(sshd.dir, 'bundle-5mb.tar.gz');
      writeFileSync(file, data);
      const sha = sha256(data);
      const logs: string[] = [];
      const env = 'SECRET_TOKEN=hunter2-do-not-log\n';
      const res = await deliverBundle(c, {
        file,
        sha256: sha,
        bytes: data.length,
        envFile: env,
        readyTimeoutMs: 10_000,
        remote,
        log: (m) => logs.push(m),
      });
      expect(res.status).toBe('ready');
      expect(res.step).toBeUndefined();
      const landed = join(root, 'incoming', `${sha}.tar.gz`);
      expect(sha256(readFileSync(landed))).toBe(sha);
      expect(existsSync(join(root, 'incoming', `.${sha}.part`))).toBe(false);
      expect(readFileSync(remote.envPath, 'utf8')).toBe(env);
      expect(statSync(remote.envPath).mode & 0o777).toBe(0o600);
      expect(logs.join('\n')).not.toContain('hunter2');
      expect(res.timings.totalMs).toBeGreaterThanOrEqual(res.timings.uploadMs);
    });

    it('writes the health-check command for the agent, quoting intact, and removes it when cleared', async () => {
      const c = await open();
      const { remote } = layout();
      const data = randomBytes(1024);
      const file = join(sshd.dir, 'bundle-hc.tar.gz');
      writeFileSync(file, data);
      const check = `curl -fsS 'http://127.0.0.1:8080/health?a=1&b=2' | grep -q "ok" && echo $HOME`;
      const opts = {
        file,
        sha256: sha256(data),
        bytes: data.length,
        readyTimeoutMs: 10_000,
        remote,
      };
      const before = Math.floor(Date.now() / 1000);
      expect((await deliverBundle(c, { ...opts, healthCheck: check })).status).toBe('ready');
      expect(readFileSync(remote.healthCheckPath, 'utf8')).toBe(`${check}\n`);
      // The deadline on the instance's clock: activation start + 10 s less a quarter (2 s).
      const deadline = Number(readFileSync(remote.healthDeadlinePath, 'utf8'));
      expect(deadline).toBeGreaterThanOrEqual(before + 8);
      expect(deadline).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 8);
      expect((await deliverBundle(c, opts)).status).toBe('ready');
      expect(existsSync(remote.healthCheckPath)).toBe(true); // undefined leaves it alone
      expect((await deliverBundle(c, { ...opts, healthCheck: '' })).status).toBe('ready');
      expect(existsSync(remote.healthCheckPath)).toBe(false);
    });

    it('replaces the env file as a whole on every delivery: a removed variable is gone, none leaves it empty', async () => {
      const c = await open();
      const { remote } = layout();
      // One bundle: the stand-in start command reports the first upload's sha.
      const data = randomBytes(1024);
      const file = join(sshd.dir, 'bundle-env.tar.gz');
      writeFileSync(file, data);
      const opts = {
        file,
        sha256: sha256(data),
        bytes: data.length,
        readyTimeoutMs: 10_000,
        remote,
      };
      const first = await deliverBundle(c, { ...opts, envFile: 'KEEP=1\nDROP=secret-2\n' });
      expect(first.status).toBe('ready');
      expect(readFileSync(remote.envPath, 'utf8')).toBe('KEEP=1\nDROP=secret-2\n');
      const second = await deliverBundle(c, { ...opts, envFile: 'KEEP=1\n' });
      expect(second.status).toBe('ready');
      expect(readFileSync(remote.envPath, 'utf8')).toBe('KEEP=1\n');
      // No env at all (the input emptied): the file stays, empty and still 0600.
      const third = await deliverBundle(c, opts);
      expect(third.status).toBe('ready');
      expect(readFileSync(remote.envPath, 'utf8')).toBe('');
      expect(statSync(remote.envPath).mode & 0o777).toBe(0o600);
    });

    it('writes ttl-minutes for the agent on every delivery that carries one, 0 included', async () => {
      const c = await open();
      const { remote } = layout();
      const data = randomBytes(1024);
      const file = join(sshd.dir, 'bundle-ttl.tar.gz');
      writeFileSync(file, data);
      const opts = {
        file,
        sha256: sha256(data),
        bytes: data.length,
        readyTimeoutMs: 10_000,
        remote,
      };
      expect((await deliverBundle(c, { ...opts, ttlMinutes: 240 })).status).toBe('ready');
      expect(readFileSync(remote.ttlPath, 'utf8')).toBe('240\n');
      expect(statSync(remote.ttlPath).mode & 0o777).toBe(0o644);
      expect((await deliverBundle(c, { ...opts, ttlMinutes: 0 })).status).toBe('ready');
      expect(readFileSync(remote.ttlPath, 'utf8')).toBe('0\n');
    });

    it('fails with ttl-config when the ttl file cannot be written, before activation', async () => {
      const c = await open();
      const { root, remote } = layout();
      writeFileSync(join(root, 'blocker'), 'x');
      const data = randomBytes(1024);
      const file = join(sshd.dir, 'bundle-ttl-bad.tar.gz');
      writeFileSync(file, data);
      const res = await deliverBundle(c, {
        file,
        sha256: sha256(data),
        bytes: data.length,
        ttlMinutes: 60,
        readyTimeoutMs: 10_000,
        remote: { ...remote, ttlPath: join(root, 'blocker', 'ttl-minutes') },
      });
      expect(res).toMatchObject({ status: 'failed', step: 'ttl-config' });
      expect(existsSync(remote.statusPath)).toBe(false);
    });

    it('fails with env when the privileged shell is refused, before the rename', async () => {
      const c = await open();
      const { root, remote } = layout();
      mkdirSync(remote.incomingDir); // ours already: the upload itself needs no sudo
      const data = randomBytes(1024);
      const file = join(sshd.dir, 'bundle-sudo-refused.tar.gz');
      writeFileSync(file, data);
      const sha = sha256(data);
      // `false` stands for a sudo that refuses (`sudo -n` wanting a password exits 1 too).
      const res = await deliverBundle(c, {
        file,
        sha256: sha,
        bytes: data.length,
        envFile: 'A=1\n',
        ttlMinutes: 60,
        healthCheck: 'true',
        readyTimeoutMs: 10_000,
        remote: { ...remote, sudo: 'false' },
      });
      expect(res).toMatchObject({ status: 'failed', step: 'env' });
      expect(existsSync(join(root, 'incoming', `${sha}.tar.gz`))).toBe(false);
      for (const f of [remote.envPath, remote.ttlPath, remote.healthCheckPath, remote.statusPath])
        expect(existsSync(f)).toBe(false);
    });

    it('fails with upload-verify when the bytes do not match the sha, leaving nothing', async () => {
      const c = await open();
      const { root, remote } = layout();
      const claimed = randomBytes(256 * 1024);
      const sent = Buffer.from(claimed);
      sent[1000] = (sent[1000] ?? 0) ^ 0xff; // one flipped byte, same size
      const file = join(sshd.dir, 'corrupt.tar.gz');
      writeFileSync(file, sent);
      const sha = sha256(claimed);
      const res = await deliverBundle(c, {
        file,
        sha256: sha,
        bytes: claimed.length,
        readyTimeoutMs: 10_000,
        remote,
      });
      expect(res.status).toBe('failed');
      expect(res.step).toBe('upload-verify');
      expect(res.logTail).toContain('upload-verify');
      expect(existsSync(join(root, 'incoming', `${sha}.tar.gz`))).toBe(false);
      expect(existsSync(join(root, 'incoming', `.${sha}.part`))).toBe(false);
      expect(existsSync(remote.statusPath)).toBe(false);
    });

    it('fails with prepare when the incoming dir cannot be made, before reading the bundle', async () => {
      const c = await open();
      const { root, remote } = layout();
      writeFileSync(join(root, 'not-a-dir'), 'x');
      const data = randomBytes(2 * 1024 * 1024);
      const file = join(sshd.dir, 'unprepared.tar.gz');
      writeFileSync(file, data);
      const res = await deliverBundle(c, {
        file,
        sha256: sha256(data),
        bytes: data.length,
        readyTimeoutMs: 10_000,
        remote: { ...remote, incomingDir: join(root, 'not-a-dir', 'incoming') },
      });
      expect(res).toMatchObject({ status: 'failed', step: 'prepare' });
      expect(res.logTail).toMatch(/install/);
      expect(existsSync(remote.statusPath)).toBe(false);
      // The same connection still works.
      expect((await exec(c, 'echo ok', undefined, { timeoutMs: 5_000 })).stdout).toBe('ok\n');
    });

    it('reports the failed step from status.json when activation fails', async () => {
      const c = await open();
      const { remote } = layout();
      const data = randomBytes(1024);
      const file = join(sshd.dir, 'small.tar.gz');
      writeFileSync(file, data);
      const sha = sha256(data);
      const failing = `sh -c 'printf "{\\"sha256\\":\\"${sha}\\",\\"state\\":\\"failed\\",\\"step\\":\\"setup\\",\\"log_tail\\":\\"boom\\"}" > ${remote.statusPath}; exit 1'`;
      const res = await deliverBundle(c, {
        file,
        sha256: sha,
        bytes: data.length,
        readyTimeoutMs: 10_000,
        remote: { ...remote, startCommand: failing },
      });
      expect(res).toMatchObject({ status: 'failed', step: 'setup', logTail: 'boom' });
    });
  });

  describe('a broken link during the upload', () => {
    let proxy: TcpProxy;
    beforeAll(async () => {
      proxy = await startTcpProxy(sshd.port);
    });
    afterAll(async () => {
      await proxy?.close();
    });
    const viaProxy = async (): Promise<Client> => {
      const c = await connect({ ...base(), port: proxy.port, deadlineMs: 10_000 });
      clients.push(c);
      return c;
    };
    const bundle = (name: string, mib: number) => {
      const data = randomBytes(mib * 1024 * 1024);
      const file = join(sshd.dir, name);
      writeFileSync(file, data);
      return { file, sha256: sha256(data), bytes: data.length };
    };
    /** Lists the incoming dir: name → size. */
    const incoming = (root: string): Record<string, number> => {
      const dir = join(root, 'incoming');
      if (!existsSync(dir)) return {};
      const out: Record<string, number> = {};
      for (const f of readdirSync(dir)) out[f] = statSync(join(dir, f)).size;
      return out;
    };
    /** Whether any process of ours holds `path` open (the cut session's `cat`). */
    const heldOpen = (path: string): boolean =>
      readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .some((pid) => {
          try {
            const fds = readdirSync(`/proc/${pid}/fd`);
            return fds.some((fd) => {
              try {
                return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
              } catch {
                return false;
              }
            });
          } catch {
            return false; // gone, or not ours to look at
          }
        });
    /** Waits (≤ 5 s) until no process holds `path` open any more. */
    const writerGone = async (path: string): Promise<void> => {
      for (let i = 0; i < 50 && heldOpen(path); i++) await new Promise((r) => setTimeout(r, 100));
      if (heldOpen(path)) throw new Error(`a process still holds ${path} open after 5 s`);
    };

    it('a cut mid-upload fails at upload quickly, activates nothing; a retry replaces the stale .part', async () => {
      const { root, remote } = layout();
      const b = bundle('drop-12mb.tar.gz', 12);
      const part = join(root, 'incoming', `.${b.sha256}.part`);
      const logs: string[] = [];
      const opts = { ...b, readyTimeoutMs: 10_000, remote, log: (m: string) => logs.push(m) };

      proxy.cutAfter(3 * 1024 * 1024); // the handshake is a few KiB: this cuts inside the upload
      const c = await viaProxy();
      const t0 = Date.now();
      const res = await deliverBundle(c, opts);
      const elapsed = Date.now() - t0;
      expect(proxy.cuts).toBe(1);
      expect(res).toMatchObject({ status: 'failed', step: 'upload' });
      expect(res.logTail).toMatch(/no exit status: the connection was lost/);
      expect(elapsed).toBeLessThan(5_000);
      await writerGone(part);
      const left = incoming(root);
      expect(Object.keys(left).filter((f) => f !== `.${b.sha256}.part`)).toEqual([]);
      expect(left[`.${b.sha256}.part`] ?? 0).toBeLessThan(3 * 1024 * 1024);
      expect(existsSync(remote.statusPath)).toBe(false); // activation never started

      // The same delivery again over a fresh connection (the proxy forwards it untouched).
      const retry = await deliverBundle(await viaProxy(), opts);
      expect(retry.status, retry.logTail).toBe('ready');
      expect(proxy.accepted).toBe(2);
      expect(incoming(root)).toEqual({ [`${b.sha256}.tar.gz`]: b.bytes });
      expect(sha256(readFileSync(join(root, 'incoming', `${b.sha256}.tar.gz`)))).toBe(b.sha256);
      expect(JSON.parse(readFileSync(remote.statusPath, 'utf8'))).toMatchObject({
        sha256: b.sha256,
        state: 'ready',
      });
    }, 30_000);

    it('a stalled link is bounded by uploadTimeoutMs and throws; nothing is activated', async () => {
      const { root, remote } = layout();
      const b = bundle('stall-8mb.tar.gz', 8);
      proxy.stallAfter(1024 * 1024);
      const c = await viaProxy();
      const closed = new Promise<boolean>((r) => {
        c.once('close', () => r(true));
        setTimeout(() => r(false), 5_000).unref();
      });
      const t0 = Date.now();
      const err = await deliverBundle(c, {
        ...b,
        readyTimeoutMs: 10_000,
        uploadTimeoutMs: 1_500,
        remote,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SshError);
      expect((err as Error).message).toMatch(/timed out after 1500 ms/);
      expect(Date.now() - t0).toBeLessThan(4_000);
      // The connection is torn down (end() would wait forever on the queued data).
      expect(await closed).toBe(true);
      expect(Object.keys(incoming(root)).filter((f) => f.endsWith('.tar.gz'))).toEqual([]);
      expect(existsSync(remote.statusPath)).toBe(false);
    }, 30_000);
  });

  it('bounds activation by readyTimeoutMs', async () => {
    const c = await open();
    const { root, remote } = layout();
    const data = randomBytes(1024);
    const file = join(sshd.dir, 'slow.tar.gz');
    writeFileSync(file, data);
    const sha = sha256(data);
    const t0 = Date.now();
    const res = await deliverBundle(c, {
      file,
      sha256: sha,
      bytes: data.length,
      readyTimeoutMs: 1_000,
      remote: { ...remote, startCommand: 'sleep 4' },
    });
    expect(res.status).toBe('failed');
    expect(res.step).toBe('activate');
    expect(res.logTail).toMatch(/timed out after 1000 ms/);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(existsSync(join(root, 'incoming', `${sha}.tar.gz`))).toBe(true);
  });
});
