import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  TerminateInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { freePort } from './sshd.js';

/**
 * moto's EC2 emulator (`pip install 'moto[server]'`, installed by .ci/run), started per test file
 * on a free loopback port. Product code is pointed at it only through the environment
 * (`AWS_ENDPOINT_URL_EC2` + dummy credentials), exactly as a user could.
 */
export interface Moto {
  readonly endpoint: string;
  /** Environment for a child process (or `process.env`) that talks to this moto. */
  readonly env: Readonly<Record<string, string>>;
  /** A client for the test's own assertions (not for product code, which builds its own). */
  client(region: string): EC2Client;
  /** Wipes every resource (moto's reset API), between tests. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function motoBinary(): string | undefined {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

export const hasMoto = motoBinary() !== undefined;

// .ci/run installs moto: in CI every moto test file fails without it instead of skipping.
if (process.env.CI && !hasMoto)
  throw new Error("moto_server is required in CI: pip install 'moto[server]'");

/** One AMI in moto's catalogue format (MOTO_AMIS_PATH). */
export interface MotoAmi {
  readonly ami_id: string;
  readonly name: string;
  readonly owner_id: string;
  readonly architecture: 'x86_64' | 'arm64';
  readonly creation_date: string;
  /** Default /dev/sda1 (Ubuntu, Debian); Amazon Linux boots from /dev/xvda. */
  readonly root_device_name?: string;
}

const image = (
  ami_id: string,
  name: string,
  owner_id: string,
  architecture: 'x86_64' | 'arm64',
  creation_date: string,
  root_device_name?: string,
): MotoAmi => ({
  ami_id,
  name,
  owner_id,
  architecture,
  creation_date,
  ...(root_device_name ? { root_device_name } : {}),
});

/** Amazon's account for Amazon Linux (the `amazon-linux-2023` alias's owner). */
const AMAZON = '137112412989';

/**
 * moto's built-in images stop at Ubuntu 16.04; the aliases spot-deploy resolves (Canonical's
 * noble and jammy, Debian 12, Amazon Linux 2023) are given to the emulator as its catalogue, as
 * the real EC2 has them. Each alias's newest build comes after its older ones: moto stamps the load
 * time as CreationDate (see catalogueFile), and the name breaks a tie.
 */
export const IMAGE_CATALOGUE: readonly MotoAmi[] = [
  image(
    'ami-0a000000000000001',
    'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250101',
    '099720109477',
    'x86_64',
    '2025-01-01T00:00:00.000Z',
  ),
  image(
    'ami-0a000000000000002',
    'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20260301',
    '099720109477',
    'x86_64',
    '2026-03-01T00:00:00.000Z',
  ),
  image(
    'ami-0a000000000000003',
    'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20260301',
    '099720109477',
    'arm64',
    '2026-03-01T00:00:00.000Z',
  ),
  image(
    'ami-0a000000000000004',
    'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20260301',
    '099720109477',
    'x86_64',
    '2026-03-01T00:00:00.000Z',
  ),
  image(
    'ami-0a000000000000005',
    'debian-12-amd64-20260301-1234',
    '136693071363',
    'x86_64',
    '2026-03-01T00:00:00.000Z',
  ),
  // Someone else's image with a matching name: must never be picked for an alias.
  image(
    'ami-0a000000000000666',
    'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20991231',
    '111111111111',
    'x86_64',
    '2099-12-31T00:00:00.000Z',
  ),
  image(
    'ami-0a000000000000011',
    'al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64',
    AMAZON,
    'x86_64',
    '2024-11-21T00:00:00.000Z',
    '/dev/xvda',
  ),
  image(
    'ami-0a000000000000012',
    'al2023-ami-2023.7.20260301.0-kernel-6.12-x86_64',
    AMAZON,
    'x86_64',
    '2026-03-01T00:00:00.000Z',
    '/dev/xvda',
  ),
  image(
    'ami-0a000000000000013',
    'al2023-ami-2023.7.20260301.0-kernel-6.12-arm64',
    AMAZON,
    'arm64',
    '2026-03-01T00:00:00.000Z',
    '/dev/xvda',
  ),
  // Newer, Amazon's, but the minimal image: the alias's name pattern leaves it out.
  image(
    'ami-0a000000000000014',
    'al2023-ami-minimal-2023.7.20260401.0-kernel-6.12-x86_64',
    AMAZON,
    'x86_64',
    '2026-04-01T00:00:00.000Z',
    '/dev/xvda',
  ),
  // Someone else's Amazon Linux name: never picked (moto gives every catalogue image the owner
  // alias `amazon`, one reason the alias asks by account id).
  image(
    'ami-0a000000000000667',
    'al2023-ami-2023.99.20991231.0-kernel-6.12-x86_64',
    '111111111111',
    'x86_64',
    '2099-12-31T00:00:00.000Z',
    '/dev/xvda',
  ),
];

function catalogueFile(amis: readonly MotoAmi[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'moto-amis-'));
  const file = join(dir, 'amis.json');
  // moto parses creation_date in place, once per region backend, and fails on the second region:
  // without it moto stamps the load time, and the image name (which carries the date) decides.
  const full = amis.map(({ creation_date: _date, ...a }) => ({
    ...a,
    state: 'available',
    public: true,
    image_location: 'amazon/spot-deploy-test',
    root_device_type: 'ebs',
    root_device_name: a.root_device_name ?? '/dev/sda1',
    description: a.name,
    image_type: 'machine',
    platform: null,
    virtualization_type: 'hvm',
    hypervisor: 'xen',
  }));
  writeFileSync(file, JSON.stringify(full));
  return file;
}

/**
 * Starts moto on a free loopback port. `amis` replaces moto's built-in image catalogue
 * (e.g. with IMAGE_CATALOGUE, so that AMI aliases resolve as on real EC2).
 */
export async function startMoto(opts: { amis?: readonly MotoAmi[] } = {}): Promise<Moto> {
  const bin = motoBinary();
  if (!bin) throw new Error("moto_server not found: pip install 'moto[server]'");
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: opts.amis ? { ...process.env, MOTO_AMIS_PATH: catalogueFile(opts.amis) } : process.env,
  });
  child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited early: ${log}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${endpoint} within 30 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const env = {
    AWS_ENDPOINT_URL_EC2: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    // Never fall back to a real profile or to instance metadata.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    endpoint,
    env,
    client: (region) =>
      new EC2Client({
        region,
        endpoint,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      }),
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const done = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
        ]);
        if (!done) child.kill('SIGKILL');
      }
    },
  };
}

/** Sets `process.env` for product code in this test process; returns a function that restores it. */
export function useMotoEnv(moto: Moto): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(moto.env)) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/**
 * A VPC and subnet whose CIDRs are inside 127.0.0.0/8, so the private IPs moto gives instances
 * there are loopback addresses: anything that connects to them (SSH) stays on this machine.
 */
export async function loopbackSubnet(
  moto: Moto,
  region: string,
  vpcCidr: string,
  subnetCidr: string,
): Promise<string> {
  if (!vpcCidr.startsWith('127.') || !subnetCidr.startsWith('127.'))
    throw new Error(`not a loopback CIDR: ${vpcCidr} / ${subnetCidr}`);
  const c = moto.client(region);
  try {
    const vpc = await c.send(new CreateVpcCommand({ CidrBlock: vpcCidr }));
    const s = await c.send(
      new CreateSubnetCommand({
        VpcId: vpc.Vpc?.VpcId ?? '',
        CidrBlock: subnetCidr,
        AvailabilityZone: `${region}a`,
      }),
    );
    return s.Subnet?.SubnetId ?? '';
  } finally {
    c.destroy();
  }
}

/** Every instance moto holds for a deployment id (any state). */
export async function deploymentInstances(
  moto: Moto,
  region: string,
  deploymentId: string,
): Promise<Instance[]> {
  const c = moto.client(region);
  try {
    const r = await c.send(
      new DescribeInstancesCommand({
        Filters: [{ Name: 'tag:spot-deploy:deployment', Values: [deploymentId] }],
      }),
    );
    return (r.Reservations ?? []).flatMap((x) => x.Instances ?? []);
  } finally {
    c.destroy();
  }
}

/**
 * Terminates every instance of `region` that is not (being) terminated: a suite's cleanup, so a
 * later test's watcher boots no body for what an earlier one left.
 */
export async function terminateAll(moto: Moto, region: string): Promise<void> {
  const c = moto.client(region);
  try {
    const r = await c.send(new DescribeInstancesCommand({}));
    const left = (r.Reservations ?? [])
      .flatMap((x) => x.Instances ?? [])
      .filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''))
      .map((i) => i.InstanceId ?? '');
    if (left.length > 0) await c.send(new TerminateInstancesCommand({ InstanceIds: left }));
  } finally {
    c.destroy();
  }
}

/**
 * One of moto's stock Canonical images, for tests that launch from an explicit id: moto carries
 * only old builds, so the aliases (noble, jammy) find nothing there. Its root device and that
 * volume's size come with it.
 */
export async function stockImage(
  client: EC2Client,
): Promise<{ id: string; rootDevice: string; rootGiB: number | undefined }> {
  const out = await client.send(
    new DescribeImagesCommand({
      Owners: ['099720109477'],
      Filters: [{ Name: 'name', Values: ['ubuntu/images/hvm-ssd/ubuntu-xenial-16.04-amd64-*'] }],
    }),
  );
  const img = out.Images?.[0];
  const rootDevice = img?.RootDeviceName ?? '';
  return {
    id: img?.ImageId ?? '',
    rootDevice,
    rootGiB: img?.BlockDeviceMappings?.find((m) => m.DeviceName === rootDevice)?.Ebs?.VolumeSize,
  };
}
