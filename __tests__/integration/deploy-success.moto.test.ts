// The built action (node dist/index.js, unmodified) deploys to instances that exist: moto plays
// EC2, and every instance moto launches in a loopback VPC (127.3.0.0/16, so private IPs are
// loopback addresses) gets a fake instance (helpers/fake-instance.ts): a real sshd at its private
// IP, configured from the user-data read back from moto, with the contract's paths private to it,
// real sudo, and a systemctl that runs the user-data's bootstrap and then the bundle's agent.
// Nothing here is sent anywhere but 127.0.0.0/8.
import { type Instance } from '@aws-sdk/client-ec2';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../src/aws/types.js';
import type { InstanceResult } from '../../src/report/results.js';
import { generateEd25519 } from '../../src/keys.js';
import { actionEnv, actionFiles, readCommandFile, startAction } from '../helpers/action-run.js';
import { readCloudConfig, type FakeInstance } from '../helpers/fake-instance.js';
import {
  fakeFleetUnsupported,
  watchMoto,
  type MotoWatcher,
  type WatchOptions,
} from '../helpers/fake-instance-moto.js';
import {
  deploymentInstances,
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  type Moto,
} from '../helpers/moto.js';
import { tagsOf } from '../helpers/instances-fixtures.js';
import { freePort } from '../helpers/sshd.js';

const REGION = 'eu-west-1';
const unsupported = fakeFleetUnsupported('deploy-success');

const userKey = generateEd25519('deploy-success-user');
const token = randomBytes(12).toString('hex');
const ENV = `GREETING=hi\nAPI_TOKEN=${token}`;

describe.skipIf(unsupported !== undefined)('deploy to fake instances (moto + sshd)', () => {
  let moto: Moto;
  let subnet = '';
  let port = 0;
  let watcher: MotoWatcher | undefined;
  const scratch: string[] = [];

  beforeAll(async () => {
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    subnet = await loopbackSubnet(moto, REGION, '127.3.0.0/16', '127.3.7.0/24');
    port = await freePort();
  }, 60_000);
  afterEach(async () => {
    await watcher?.stop();
    watcher = undefined;
  });
  afterAll(async () => {
    await moto?.stop();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });

  const watch = (o: Omit<WatchOptions, 'port'> = {}) => {
    watcher = watchMoto(moto, REGION, { port, maxMs: 5 * 60_000, maxInstances: 6, ...o });
    return watcher;
  };

  const instancesOf = (id: string): Promise<Instance[]> => deploymentInstances(moto, REGION, id);
  const live = (xs: Instance[]) =>
    xs.filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''));

  const inputs = (id: string, extra: Record<string, string> = {}) => ({
    mode: 'deploy',
    'deployment-id': id,
    regions: REGION,
    count: '3',
    'subnet-ids': subnet,
    'ssh-address': 'private-ip',
    'ssh-port': String(port),
    'bundle-path': 'examples/bundle',
    'ssh-private-key': userKey.privateKey,
    env: ENV,
    'launch-timeout': '30s',
    'ready-timeout': '30s',
    ...extra,
  });

  /** Runs the action; returns its result with outputs and instances parsed. */
  async function run(
    env: Record<string, string>,
    state?: Record<string, string>,
    workspace?: string,
  ) {
    const files = actionFiles();
    const extra = workspace === undefined ? moto.env : { ...moto.env, GITHUB_WORKSPACE: workspace };
    const r = await startAction(actionEnv(files, env, extra, state)).done;
    const outputs = readCommandFile(files.output);
    const instances = JSON.parse(outputs.instances ?? '[]') as InstanceResult[];
    return { ...r, files, outputs, instances, state: readCommandFile(files.state) };
  }

  /** What a runner shows: stdout without the `::add-mask::` commands it consumes. */
  const shown = (stdout: string) =>
    stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');

  function fakeOf(w: MotoWatcher, id: string): FakeInstance {
    const inst = w.byId(id)?.instance;
    if (!inst) throw new Error(`no fake instance for ${id}: ${w.errors.join('; ')}`);
    return inst;
  }

  it('deploys 3 instances, redeploys to the same 3 (adopted), then destroys them', async () => {
    const w = watch();
    const hostSetupLog = '/var/lib/example/setup.log';
    const hostHadSetupLog = existsSync(hostSetupLog);

    // 1. A fresh deployment of examples/bundle.
    const t0 = Date.now();
    const first = await run(inputs('fake-fleet'));
    const firstMs = Date.now() - t0;
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(w.errors).toEqual([]);
    expect(first.outputs['ready-count']).toBe('3');
    expect(first.outputs['failed-count']).toBe('0');
    const sha1 = first.outputs['bundle-sha256'] ?? '';
    expect(sha1).toMatch(/^[0-9a-f]{64}$/);
    expect(first.instances).toHaveLength(3);
    expect(w.seen.map((s) => s.id).sort()).toEqual(first.instances.map((i) => i.id).sort());
    const tags = new Map(
      (await instancesOf('fake-fleet')).map((i) => [i.InstanceId, tagsOf(i.Tags)]),
    );
    for (const i of first.instances) {
      expect(i).toMatchObject({ status: 'ready', adopted: false, region: REGION });
      expect(i.privateIp).toMatch(/^127\.3\.7\.\d+$/);
      for (const k of ['runningMs', 'sshReadyMs', 'uploadedMs', 'activeMs'] as const)
        expect(i.timings[k], `${i.id} ${k}`).toBeGreaterThanOrEqual(0);
      const fake = fakeOf(w, i.id);
      expect(fake.address).toBe(i.privateIp);
      // The key sshd serves came from this instance's user-data; the action pinned it.
      expect(tags.get(i.id)?.[TAG.hostKey]).toBe(fake.hostKey.split(' ').slice(0, 2).join(' '));
      expect(fake.status()).toMatchObject({ sha256: sha1, state: 'ready', step: 'done' });
      const env = statSync(fake.path('/etc/spot-deploy/env'));
      expect(env.mode & 0o777).toBe(0o600);
      expect(env.uid).toBe(0);
      expect(fake.read('/etc/spot-deploy/env')).toBe(`${ENV}`);
      expect(readlinkSync(fake.path('/opt/spot-deploy/current'))).toBe(
        `/opt/spot-deploy/releases/${sha1}`,
      );
      // Made by `sudo -n install -d -o "$(id -un)"`: owned by the (non-root) login user.
      expect(statSync(fake.path('/var/lib/spot-deploy/incoming')).uid).not.toBe(0);
      expect(readdirSync(fake.path('/var/lib/spot-deploy/incoming'))).toEqual([]);
      // The bundle's setup hook ran as root inside the instance, not on this machine.
      expect(fake.read('/var/lib/example/setup.log')).toContain(`release ${sha1}`);
      // runcmd ran first (it enables spot-deploy.path and asks for the TTL), then the delivery.
      const calls = fake.systemctlCalls();
      expect(calls).toContain('enable --now spot-deploy.path');
      expect(calls.slice(-6)).toEqual([
        'start spot-deploy.service',
        'daemon-reload',
        // The interruption watcher, installed by the agent with the bundle's units.
        'enable spot-deploy-watcher.service',
        'enable example-web.service',
        'restart example-web.service',
        'restart spot-deploy-watcher.service',
      ]);
      expect(fake.read('/var/lib/fake-instance/runcmd.rc')).toBe('0\n');
      expect(fake.read('/var/lib/fake-instance/shutdown.log')).toMatch(/ shutdown -P \+240\n$/);
    }
    expect(existsSync(hostSetupLog)).toBe(hostHadSetupLog);
    // The env values are secrets: masked (the runner hides them), never printed.
    for (const text of [
      shown(first.stdout),
      first.stderr,
      readCommandFile(first.files.output).instances ?? '',
    ])
      expect(text).not.toContain(token);
    expect(first.stdout).toContain(`::add-mask::${token}`);
    expect(shown(first.stdout)).not.toContain('GREETING=hi');

    // 2. The same deployment, same key, a changed bundle: the 3 instances are adopted (each pinned
    //    by its spot-deploy:host-key tag: this run's new host key is not the one they serve).
    const dir = mkdtempSync(join(tmpdir(), 'deploy-success-'));
    scratch.push(dir);
    const v2 = join(dir, 'bundle');
    cpSync(resolve('examples/bundle'), v2, { recursive: true });
    writeFileSync(join(v2, 'app', 'VERSION'), 'v2\n');
    const t1 = Date.now();
    const second = await run(
      inputs('fake-fleet', {
        'bundle-path': v2,
        'health-check': 'test -s /var/lib/example/setup.log',
        // All variables removed: the env file must not keep the first run's.
        env: '',
        'ttl-minutes': '120',
      }),
      undefined,
      // bundle-path must be inside the workspace: the scratch dir is this run's.
      dir,
    );
    const secondMs = Date.now() - t1;
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs['ready-count']).toBe('3');
    const sha2 = second.outputs['bundle-sha256'] ?? '';
    expect(sha2).toMatch(/^[0-9a-f]{64}$/);
    expect(sha2).not.toBe(sha1);
    expect(second.instances.map((i) => i.id).sort()).toEqual(
      first.instances.map((i) => i.id).sort(),
    );
    expect(w.seen).toHaveLength(3); // nothing new launched
    // This run made a new host key; the adopted instances still serve the first run's.
    const newHostKey = readCloudConfig(
      readFileSync(second.outputs['user-data-path'] ?? ''),
    ).hostKey;
    for (const i of second.instances) {
      expect(i).toMatchObject({ status: 'ready', adopted: true });
      const fake = fakeOf(w, i.id);
      expect(fake.hostKey).not.toBe(newHostKey.publicKey.trim());
      expect(fake.status()).toMatchObject({ sha256: sha2, state: 'ready' });
      expect(readlinkSync(fake.path('/opt/spot-deploy/current'))).toBe(
        `/opt/spot-deploy/releases/${sha2}`,
      );
      expect(fake.read('/opt/spot-deploy/releases/' + sha2 + '/app/VERSION')).toBe('v2\n');
      // The health-check input reached the agent, which ran it after the units started.
      expect(fake.read('/etc/spot-deploy/health-check')).toBe(
        'test -s /var/lib/example/setup.log\n',
      );
      expect(fake.read('/var/log/spot-deploy/agent.log')).toContain('step: health-check');
      // env is replaced as a whole: emptied, still 0600; the TTL for the agent to re-arm.
      expect(fake.read('/etc/spot-deploy/env')).toBe('');
      expect(statSync(fake.path('/etc/spot-deploy/env')).mode & 0o777).toBe(0o600);
      expect(fake.read('/etc/spot-deploy/ttl-minutes')).toBe('120\n');
      expect(lstatSync(fake.path(`/opt/spot-deploy/releases/${sha1}`)).isDirectory()).toBe(true);
      expect(fake.systemctlCalls().filter((c) => c === 'restart example-web.service')).toHaveLength(
        2,
      );
    }

    // The TTL follows activity: expires-at moved to the redeploy's time + 120 minutes.
    const firstExpiry = tags.get(second.instances[0]?.id ?? '')?.[TAG.expiresAt] ?? '';
    for (const i of await instancesOf('fake-fleet')) {
      const at = Date.parse(i.Tags?.find((t) => t.Key === TAG.expiresAt)?.Value ?? '');
      expect(at).toBeGreaterThanOrEqual(Math.floor(t1 / 1000) * 1000 + 120 * 60_000);
      expect(at).toBeLessThanOrEqual(t1 + secondMs + 120 * 60_000);
      expect(at).not.toBe(Date.parse(firstExpiry));
    }
    expect(second.stdout).toMatch(
      /expires-at \S+ on 3 instance\(s\), 1 security group\(s\), 1 launch template\(s\)/,
    );

    // 3. Destroy: nothing left in moto, every fake instance powered off.
    const gone = await run({ mode: 'destroy', 'deployment-id': 'fake-fleet', regions: REGION });
    expect(gone.code, gone.stdout + gone.stderr).toBe(0);
    expect(live(await instancesOf('fake-fleet'))).toEqual([]);
    await w.settle();
    expect(w.seen.every((s) => s.instance?.stopped)).toBe(true);
    expect(w.errors).toEqual([]);
    console.log(`deploy ${firstMs} ms, redeploy ${secondMs} ms`);
  }, 120_000);

  it('one instance never answers SSH: min-ready 1 passes, the silent one fails at connect and is terminated', async () => {
    const w = watch({ failures: { 0: 'no-ssh' } });
    const r = await run(inputs('fake-half', { count: '2', 'min-ready': '1' }));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(w.errors).toEqual([]);
    expect(r.outputs['ready-count']).toBe('1');
    expect(r.outputs['failed-count']).toBe('1');
    const silent = w.seen.find((s) => s.failure === 'no-ssh');
    const answering = w.seen.find((s) => s.failure === undefined);
    expect(silent?.instance).toBeUndefined();
    const failed = r.instances.find((i) => i.status === 'failed');
    const ready = r.instances.find((i) => i.status === 'ready');
    expect(failed).toMatchObject({ id: silent?.id, step: 'connect', adopted: false });
    expect(ready?.id).toBe(answering?.id);
    expect(fakeOf(w, ready?.id ?? '').status()).toMatchObject({ state: 'ready' });
    // Terminated in-step: the post step has nothing of it left to do.
    const states = new Map(
      (await instancesOf('fake-half')).map((i) => [i.InstanceId, i.State?.Name]),
    );
    expect(['shutting-down', 'terminated']).toContain(states.get(silent?.id));
    expect(states.get(ready?.id)).toBe('running');
    expect(r.stdout).toContain(`terminating 1 failed instance(s): ${silent?.id}`);

    // The post step after a successful main step keeps the ready instance (cleanup: on-failure).
    const post = await run({}, r.state);
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(live(await instancesOf('fake-half')).map((i) => i.InstanceId)).toEqual([ready?.id]);

    const gone = await run({ mode: 'destroy', 'deployment-id': 'fake-half', regions: REGION });
    expect(gone.code, gone.stdout + gone.stderr).toBe(0);
    expect(live(await instancesOf('fake-half'))).toEqual([]);
  }, 120_000);
});
