// A redeploy of what the instance already runs (issue 15, item 2), end to end through
// deliverToMany: a real sshd behind a byte-counting TCP proxy, the real bootstrap and agent.py in
// a scratch root (started by the fake systemctl). The second deploy of the same sha256 with the
// same env and health check must send no bundle byte and still re-arm the TTL; a changed env or
// health check, or a status other than ready, must upload and activate.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverToMany, type InstanceDelivery } from '../../src/ssh/deliver-many.js';
import { Instance, v1, WATCHER_RESTART, type Built } from '../helpers/agent-instance.js';
import { hasSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

if (process.env.CI && !hasSshd)
  throw new Error('sshd (Debian package openssh-server) is required in CI');

describe.skipIf(!hasSshd)('a redeploy of the release an instance runs (sshd, real agent)', () => {
  let sshd: Sshd;
  let proxy: TcpProxy;
  let box: Instance;
  let built: Built;
  let bytes: number;

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
    // ~1 MiB that gzip cannot shrink: a bundle far bigger than what SSH itself exchanges.
    built = box.bundle(v1({ 'blob.txt': randomBytes(768 * 1024).toString('base64') }));
    bytes = statSync(built.archive).size;
  });
  afterEach(async () => {
    await proxy?.close();
    box?.cleanup();
  });

  const remote = () => {
    const vars = `env SPOT_DEPLOY_ROOT=${box.root} PATH=${box.bin}:/usr/bin:/bin`;
    return {
      incomingDir: box.incoming,
      statusPath: box.path('var/lib/spot-deploy/status.json'),
      envPath: box.path('etc/spot-deploy/env'),
      healthCheckPath: box.path('etc/spot-deploy/health-check'),
      healthDeadlinePath: box.path('etc/spot-deploy/health-deadline'),
      ttlPath: box.path('etc/spot-deploy/ttl-minutes'),
      currentPath: box.path('opt/spot-deploy/current'),
      startCommand: `${vars} systemctl start spot-deploy.service`,
      // The active release's agent, as the default layout runs it (python3 <current>/.spot-deploy/agent.py).
      agentCommand: `${vars} python3 ${box.path('opt/spot-deploy/current')}/.spot-deploy/agent.py`,
      sudo: '',
    };
  };

  /** One deploy through the proxy; returns its result and the client→server bytes it took. */
  async function deploy(o: { envFile?: string; healthCheck?: string; ttlMinutes?: number }) {
    const logs: string[] = [];
    const before = proxy.accepted;
    const [r] = await deliverToMany([{ id: 'i-same', host: proxy.host, port: proxy.port }], {
      concurrency: 1,
      username: sshd.user,
      privateKey: sshd.client.privateKey,
      hostKey: sshd.hostKey,
      connectDeadlineMs: 10_000,
      bundle: { file: built.archive, sha256: built.sha, bytes },
      readyTimeoutMs: 30_000,
      remote: remote(),
      log: (l) => logs.push(l),
      ...o,
    });
    const sent = proxy.upstreamBytes.slice(before).reduce((a, b) => a + b, 0);
    return { r: r as InstanceDelivery, sent, logs };
  }
  const first = {
    envFile: 'GREETING=hi\nTOKEN=s3cret-value-1\n',
    healthCheck: 'true',
    ttlMinutes: 60,
  };
  const incoming = () => readdirSync(box.incoming);
  const ready = (r: InstanceDelivery) => expect(r.status, `${r.step}: ${r.error}`).toBe('ready');

  it('sends no bundle byte for the same sha256, env and health check; still re-arms the TTL', async () => {
    const one = await deploy(first);
    ready(one.r);
    expect(one.sent).toBeGreaterThan(bytes);
    expect(one.r.timings.uploadedMs).toBeDefined();
    expect(one.r.note).toBeUndefined();
    const status = readFileSync(box.path('var/lib/spot-deploy/status.json'), 'utf8');
    const calls = readFileSync(box.systemctlLog, 'utf8');

    const two = await deploy({ ...first, ttlMinutes: 30 });
    ready(two.r);
    expect(two.r.note).toBe(
      `unchanged: already running ${built.sha.slice(0, 12)}, nothing uploaded`,
    );
    expect(two.r.timings.uploadedMs).toBeUndefined();
    expect(two.r.timings.activeMs).toBeDefined();
    // The handshake, the command and the answer: a few KiB, not the bundle.
    expect(two.sent).toBeLessThan(32 * 1024);
    expect(incoming()).toEqual([]); // no .part, no digest, no archive
    expect(readFileSync(box.path('var/lib/spot-deploy/status.json'), 'utf8')).toBe(status);
    // Nothing started nor restarted: the running watcher is only asked whether it runs.
    expect(readFileSync(box.systemctlLog, 'utf8')).toBe(
      `${calls}is-active --quiet spot-deploy-watcher.service\n`,
    );
    // The TTL follows activity: written and re-armed by the agent, as its no-op redeploy does.
    expect(readFileSync(box.path('etc/spot-deploy/ttl-minutes'), 'utf8')).toBe('30\n');
    expect(box.shutdowns().at(-1)).toBe('-P +30');
    expect(two.logs.join('\n')).toContain('unchanged: already running');
    expect(two.logs.join('\n')).not.toContain('s3cret');
  }, 60_000);

  it('uploads and activates when the env, the health check or the state differ', async () => {
    ready((await deploy(first)).r);
    const cases: Array<[string, Parameters<typeof deploy>[0], () => void]> = [
      ['a changed env', { ...first, envFile: 'GREETING=changed\n' }, () => {}],
      ['a changed health check', { ...first, healthCheck: 'true && true' }, () => {}],
      ['a removed health check', { ...first, healthCheck: '' }, () => {}],
      [
        'a failed status of the same sha256',
        first,
        () => {
          const p = box.path('var/lib/spot-deploy/status.json');
          const s = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
          writeFileSync(p, JSON.stringify({ ...s, state: 'failed', step: 'health-check' }));
        },
      ],
    ];
    let last: Parameters<typeof deploy>[0] = first;
    for (const [what, o, arrange] of cases) {
      arrange();
      const restarts = box.calls().filter((c) => c === WATCHER_RESTART).length;
      const { r, sent } = await deploy(o);
      ready(r);
      expect(r.note, what).toBeUndefined();
      expect(r.timings.uploadedMs, what).toBeDefined();
      expect(sent, what).toBeGreaterThan(bytes);
      // The agent ran (its no-op path: same release, re-armed, watcher restarted on the new env).
      expect(box.calls().filter((c) => c === WATCHER_RESTART).length, what).toBe(restarts + 1);
      expect(box.status()).toMatchObject({ sha256: built.sha, state: 'ready' });
      expect(readFileSync(box.path('etc/spot-deploy/env'), 'utf8')).toBe(o.envFile ?? '');
      last = o;
    }
    expect(existsSync(box.path('etc/spot-deploy/health-check'))).toBe(last.healthCheck !== '');
  }, 120_000);
});
