// A connection lost during activation (issue 12, A8), end to end through deliverToMany: a real
// sshd behind a TCP proxy that cuts every connection while the real agent (bootstrap + agent.py in
// a scratch root, started by the fake systemctl as systemd would: output to a journal, not to the
// SSH session) runs a slow setup.sh. The agent finishes without the session; the runner must
// reconnect and take its verdict instead of failing the instance at once.
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCRIPT_EXIT } from '../../src/instance/contract.js';
import { connect, exec } from '../../src/ssh/connect.js';
import { deliverToMany, type InstanceDelivery } from '../../src/ssh/deliver-many.js';
import { activationScript, DEFAULT_REMOTE, shq } from '../../src/ssh/remote-scripts.js';
import { Instance, v1, type Built } from '../helpers/agent-instance.js';
import { hasSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

if (process.env.CI && !hasSshd)
  throw new Error('sshd (Debian package openssh-server) is required in CI');

describe.skipIf(!hasSshd)('a connection lost during activation (sshd, real agent)', () => {
  let sshd: Sshd;
  let proxy: TcpProxy;
  let box: Instance;

  beforeAll(async () => {
    sshd = await startSshd();
  }, 20_000);
  afterAll(async () => {
    await sshd?.stop();
  }, 20_000);
  beforeEach(async () => {
    proxy = await startTcpProxy(sshd.port);
    box = new Instance();
    box.installService();
  });
  afterEach(async () => {
    await proxy?.close();
    box?.cleanup();
  });

  const remote = () => ({
    incomingDir: box.incoming,
    statusPath: box.path('var/lib/spot-deploy/status.json'),
    envPath: box.path('etc/spot-deploy/env'),
    healthCheckPath: box.path('etc/spot-deploy/health-check'),
    healthDeadlinePath: box.path('etc/spot-deploy/health-deadline'),
    ttlPath: box.path('etc/spot-deploy/ttl-minutes'),
    startCommand: `env SPOT_DEPLOY_ROOT=${box.root} PATH=${box.bin}:/usr/bin:/bin systemctl start spot-deploy.service`,
    sudo: '',
  });

  /** deliverToMany through the proxy; cuts every connection once the agent runs setup.sh. */
  async function deliverCutDuringSetup(built: Built, readyTimeoutMs: number) {
    const logs: string[] = [];
    const delivery = deliverToMany([{ id: 'i-lost', host: proxy.host, port: proxy.port }], {
      concurrency: 1,
      username: sshd.user,
      privateKey: sshd.client.privateKey,
      hostKey: sshd.hostKey,
      connectDeadlineMs: 10_000,
      bundle: { file: built.archive, sha256: built.sha, bytes: statSync(built.archive).size },
      envFile: 'GREETING=hi\nTOKEN=s3cret-value-1\n',
      readyTimeoutMs,
      remote: remote(),
      log: (l) => logs.push(l),
    });
    let cut = 0;
    for (let i = 0; i < 200 && cut === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      let s;
      try {
        s = box.status();
      } catch {
        continue; // not written yet
      }
      if (s.sha256 === built.sha && s.state === 'activating' && s.step === 'setup')
        cut = proxy.cutNow();
    }
    const [r] = await delivery;
    return { r: r as InstanceDelivery, cut, logs };
  }

  const slowSetup = (tail: string) => v1({ 'setup.sh': `echo setup-started\nsleep 3\n${tail}\n` });

  it('the agent finishes after the cut: reconnect, ready, the instance kept', async () => {
    const built = box.bundle(slowSetup('echo setup-done'));
    const t0 = Date.now();
    const { r, cut, logs } = await deliverCutDuringSetup(built, 30_000);
    expect(cut).toBeGreaterThanOrEqual(1); // the activation's connection was cut mid-setup
    expect(r.status, r.error).toBe('ready');
    expect(r.step).toBeUndefined();
    expect(proxy.accepted).toBeGreaterThanOrEqual(2); // the reconnect went through the proxy
    expect(box.status()).toMatchObject({ sha256: built.sha, state: 'ready', step: 'done' });
    expect(box.current()).toBe(box.release(built.sha));
    expect(logs).toContainEqual(
      expect.stringMatching(/^\[i-lost\] connection lost during activation: reconnecting$/),
    );
    expect(logs).toContainEqual(expect.stringMatching(/^\[i-lost\] active in /));
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 40_000);

  it('the agent fails after the cut: failed at its step, saying the connection was lost, with diagnostics', async () => {
    const built = box.bundle(slowSetup('echo setup-broke-7\nexit 3'));
    const { r, cut } = await deliverCutDuringSetup(built, 30_000);
    expect(cut).toBeGreaterThanOrEqual(1);
    expect(r).toMatchObject({ status: 'failed', step: 'setup' });
    expect(r.error).toMatch(/^the SSH connection was lost during activation after \d+\.\d s \(/);
    expect(r.error).toContain('status.json, read over a new connection, says it failed at setup');
    expect(r.error).toContain('setup-broke-7');
    // Collected over a new connection: the delivery's own was cut.
    expect(r.diagnostics).toContain('cloud-init status --long');
    expect(r.diagnostics).toContain('journalctl -u spot-deploy.service');
    expect(JSON.stringify(r)).not.toContain('s3cret-value-1');
    expect(box.status()).toMatchObject({ sha256: built.sha, state: 'failed', step: 'setup' });
  }, 40_000);

  it('the agent outlasts ready-timeout after the cut: failed at activate, naming what was last seen', async () => {
    const built = box.bundle(v1({ 'setup.sh': 'sleep 12\n' }));
    const t0 = Date.now();
    const { r, cut } = await deliverCutDuringSetup(built, 6_000);
    const took = Date.now() - t0;
    expect(cut).toBeGreaterThanOrEqual(1);
    expect(r).toMatchObject({ status: 'failed', step: 'activate' });
    expect(r.error).toMatch(/the SSH connection was lost during activation after/);
    expect(r.error).toMatch(
      /had not decided when ready-timeout \(6 s\) ran out; last seen: status\.json: [0-9a-f]{12} activating at step setup$/,
    );
    expect(r.diagnostics).toContain('cloud-init status --long');
    // Bounded by ready-timeout from the start of activation (plus upload and diagnostics).
    expect(took).toBeLessThan(12_000);
  }, 40_000);

  it('an env file cut short on stdin is refused whole: the old one stays, nothing is renamed', async () => {
    const built = box.bundle(v1());
    const part = `${box.incoming}/.${built.sha}.part`;
    copyFileSync(built.archive, part);
    // What a whole upload leaves next to it: the digest it took while writing.
    writeFileSync(`${part}.sha256`, `${built.sha}\n`);
    const envPath = box.path('etc/spot-deploy/env');
    writeFileSync(envPath, 'OLD=1\n', { mode: 0o600 });
    const layout = { ...DEFAULT_REMOTE, ...remote() };
    const full = 'GREETING=hi\nTOKEN=s3cret-value-1\n';
    const script = activationScript(layout, built.sha, statSync(part).size, {
      envBytes: Buffer.byteLength(full),
    });
    const c = await connect({
      host: sshd.host,
      port: sshd.port,
      username: sshd.user,
      privateKey: sshd.client.privateKey,
      hostKey: sshd.hostKey,
      deadlineMs: 10_000,
    });
    try {
      // What sshd hands the script when the link drops mid-stdin: the first bytes, then EOF.
      const r = await exec(c, `sh -c ${shq(script)}`, Buffer.from(full.slice(0, 9)), {
        timeoutMs: 10_000,
      });
      expect(r.code).toBe(SCRIPT_EXIT.env);
      expect(r.stderr).toContain(`env: expected ${Buffer.byteLength(full)} bytes on stdin, got 9`);
    } finally {
      c.end();
    }
    expect(readFileSync(envPath, 'utf8')).toBe('OLD=1\n');
    expect(existsSync(part)).toBe(true);
    expect(existsSync(`${box.incoming}/${built.sha}.tar.gz`)).toBe(false);
  }, 30_000);
});
