import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BundleResult } from '../../src/bundle.js';
import { loadCloudInitAssets, renderUserData } from '../../src/cloud-init.js';
import { HostKeyMismatchError } from '../../src/errors.js';
import { generateEd25519, type KeyPair } from '../../src/keys.js';
import { connect, exec } from '../../src/ssh/connect.js';
import { deliverBundle } from '../../src/ssh/deliver.js';
import { freePort } from '../helpers/sshd.js';

// A real Debian VM booted by qemu from the user-data our code renders, reached over SSH on
// loopback, with the bundle delivered by the real delivery code. Opt out with SPOT_DEPLOY_VM=0.
const run = promisify(execFile);
const enabled = process.env.SPOT_DEPLOY_VM !== '0';
const name = `e2e-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), 'vm-e2e-'));
const host = generateEd25519('spot-deploy');
const client: KeyPair = generateEd25519('spot-deploy');
let port = 0;
let ssh: Client | undefined;

async function sh(command: string): Promise<string> {
  if (!ssh) throw new Error('not connected');
  const r = await exec(ssh, command, undefined, { timeoutMs: 60_000 });
  return r.stdout.trim();
}

async function bundleOf(mutate: (dir: string) => void, tag: string): Promise<BundleResult> {
  const dir = join(work, `src-${tag}`);
  cpSync('examples/bundle', dir, { recursive: true });
  mutate(dir);
  return buildBundle({
    sourceDir: dir,
    exclude: [],
    maxBytes: 1 << 26,
    agentDir: 'bundle/.spot-deploy',
    outFile: join(work, `${tag}.tar.gz`),
  });
}

const deliver = (b: BundleResult, env?: string) =>
  deliverBundle(ssh as Client, {
    file: b.file,
    sha256: b.sha256,
    bytes: b.bytes,
    readyTimeoutMs: 300_000,
    ...(env ? { envFile: env } : {}),
  });

describe.skipIf(!enabled)('a VM running our cloud-init', () => {
  let bootId = '';
  let first: BundleResult;

  beforeAll(async () => {
    await run('bash', ['scripts/vm/build-image.sh'], { timeout: 1_200_000 });
    const userData = renderUserData(
      {
        deploymentId: 'e2e',
        sshUser: 'spot-deploy',
        authorizedKeys: [client.publicKey],
        hostKey: host,
        sshPort: 22,
        directories: ['/srv/e2e'],
        packages: [],
        packageUpgrade: false,
        ttlMinutes: 60,
      },
      loadCloudInitAssets('cloud-init'),
    );
    writeFileSync(join(work, 'user-data'), userData.body);
    port = await freePort();
    await run(
      'bash',
      [
        'scripts/vm/boot.sh',
        '--user-data',
        join(work, 'user-data'),
        '--port',
        String(port),
        '--name',
        name,
      ],
      { timeout: 60_000 },
    );
    first = await bundleOf(() => undefined, 'first');
  }, 1_500_000);

  afterAll(async () => {
    ssh?.end();
    await run('bash', ['scripts/vm/stop.sh', name], { timeout: 60_000 }).catch(() => undefined);
  }, 120_000);

  it('refuses a host key other than the pinned one, before any upload', async () => {
    const other = generateEd25519('other');
    const started = Date.now();
    await expect(
      connect({
        host: '127.0.0.1',
        port,
        username: 'spot-deploy',
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
      port,
      username: 'spot-deploy',
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
    expect(
      await sh(
        'sleep 1; python3 -c "import urllib.request as u; print(u.urlopen(\'http://127.0.0.1:8080\').read().decode())"',
      ),
    ).toBe(`hello-e2e ${first.sha256}`);
    expect(await sh('cat /proc/sys/kernel/random/boot_id')).toBe(bootId);
    expect(await sh('sudo wc -l < /var/lib/example/setup.log')).toBe('1');
    expect(await sh('cloud-init status --wait >/dev/null; cloud-init status')).toContain('done');
    expect(await sh('stat -c %U /srv/e2e')).toBe('spot-deploy');
    expect(await sh('sudo stat -c %a /etc/spot-deploy/env')).toBe('600');
  }, 600_000);

  it('is a no-op for the same bundle and switches release for a new one', async () => {
    const again = await deliver(first);
    expect(again.status).toBe('ready');
    expect(await sh('sudo wc -l < /var/lib/example/setup.log')).toBe('1');
    const second = await bundleOf((d) => writeFileSync(join(d, 'VERSION'), '2\n'), 'second');
    const result = await deliver(second, 'GREETING=second\nPORT=8080');
    expect(result.status, `${result.step}: ${result.logTail}`).toBe('ready');
    expect(await sh('readlink /opt/spot-deploy/current')).toContain(second.sha256);
    expect(
      await sh(
        'sleep 1; python3 -c "import urllib.request as u; print(u.urlopen(\'http://127.0.0.1:8080\').read().decode())"',
      ),
    ).toBe(`second ${second.sha256}`);
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
});
