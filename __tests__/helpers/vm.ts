import { execFile } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildBundle, type BundleResult } from '../../src/bundle/build.js';
import { loadCloudInitAssets, renderUserData } from '../../src/cloud-init/render.js';
import type { KeyPair } from '../../src/keys.js';
import { freePort } from './sshd.js';

// The real-VM harness (scripts/vm/*) driven from tests and benchmarks. Needs root.
const run = promisify(execFile);

export const VM_CACHE = process.env.SPOT_DEPLOY_VM_CACHE ?? '/var/cache/spot-deploy-vm';
/** The VM tests are on unless SPOT_DEPLOY_VM=0. */
export const vmEnabled = process.env.SPOT_DEPLOY_VM !== '0';

/**
 * The guest images scripts/vm/build-image.sh builds from Debian's archive: Debian 12 (cloud-init
 * 22.4, systemd 252, OpenSSH 9.2) and Debian 13 (cloud-init 25.1, systemd 257, OpenSSH 10.0).
 */
export type VmSuite = 'bookworm' | 'trixie';
export const VM_SUITES: readonly VmSuite[] = ['bookworm', 'trixie'];

/** The base image is built already (the benchmark boots only then; it never builds one). */
export const vmImageExists = (suite: VmSuite = 'bookworm'): boolean =>
  ['base.raw', 'vmlinuz', 'initrd.img'].every((f) => existsSync(join(VM_CACHE, suite, f)));

export interface Vm {
  readonly name: string;
  readonly port: number;
  /** Milliseconds boot.sh took to start qemu. */
  readonly bootMs: number;
  stop(): Promise<void>;
}

/** Builds the suite's image if needed (≤ 20 min, once per cache). */
export async function buildVmImage(suite: VmSuite = 'bookworm'): Promise<void> {
  await run('bash', ['scripts/vm/build-image.sh', '--suite', suite], { timeout: 1_200_000 });
}

/**
 * Boots one VM from the user-data our code renders for `sshUser` with `client` authorised and
 * `host` as its host key; SSH is forwarded from a free 127.0.0.1 port. With `imdsPort`, the
 * guest's connections to http://10.0.2.100 reach 127.0.0.1:imdsPort (a fake IMDS).
 */
export async function bootVm(o: {
  name: string;
  work: string;
  host: KeyPair;
  client: KeyPair;
  sshUser: string;
  directories?: string[];
  imdsPort?: number;
  suite?: VmSuite;
}): Promise<Vm> {
  const userData = renderUserData(
    {
      deploymentId: 'e2e',
      sshUser: o.sshUser,
      authorizedKeys: [o.client.publicKey],
      hostKey: o.host,
      sshPort: 22,
      directories: o.directories ?? [],
      packages: [],
      packageUpgrade: false,
      ttlMinutes: 60,
    },
    loadCloudInitAssets('cloud-init'),
  );
  const file = join(o.work, `user-data-${o.name}`);
  writeFileSync(file, userData.body);
  const port = await freePort();
  const t0 = Date.now();
  const args = ['scripts/vm/boot.sh', '--user-data', file, '--port', String(port)];
  const imds = o.imdsPort === undefined ? [] : ['--imds-port', String(o.imdsPort)];
  const suite = ['--suite', o.suite ?? 'bookworm'];
  await run('bash', [...args, '--name', o.name, ...imds, ...suite], { timeout: 60_000 });
  return {
    name: o.name,
    port,
    bootMs: Date.now() - t0,
    async stop() {
      await run('bash', ['scripts/vm/stop.sh', o.name], { timeout: 60_000 }).catch(() => undefined);
    },
  };
}

/** The example bundle (examples/bundle), changed by `mutate`, built by the real bundle code. */
export async function exampleBundle(
  work: string,
  tag: string,
  mutate: (dir: string) => void = () => undefined,
): Promise<BundleResult> {
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
