// The deploy lock, end to end (issue 11's acceptance): the built command line (`node dist/cli.js`,
// run `npm run build` first) against moto, with a fake instance (helpers/fake-instance.ts) for
// every instance moto launches, as the fault matrix does.
//
// - two deploys of one deployment started together: one takes the lock, the other waits (its log
//   names the holder) and proceeds once it is released; their lock-holding intervals, timed from
//   the outside by the test as their log lines arrive, do not overlap;
// - the same with `lock-timeout: 0`: the second fails at once naming the holder (user@host pid);
// - a holder killed with SIGKILL: a new deploy waits, then removes the stale lock once its lease
//   (`lock-lease: 15s`, the smallest accepted, a documented input) plus the 10 s margin has passed;
// - destroy removes the deployment and its lock.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockName } from '../../src/aws/lock.js';
import { generateEd25519 } from '../../src/keys.js';
import {
  fakeFleetUnsupported,
  watchMoto,
  type MotoWatcher,
} from '../helpers/fake-instance-moto.js';
import {
  deploymentInstances,
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  type Moto,
} from '../helpers/moto.js';
import { freePort } from '../helpers/sshd.js';

const REGION = 'eu-west-1';
const unsupported = fakeFleetUnsupported('lock e2e');

const userKey = generateEd25519('lock-e2e-user');

interface Line {
  readonly at: number;
  readonly text: string;
}

/** One `node dist/cli.js` process whose stderr lines are timestamped as they arrive. */
interface Cli {
  readonly pid: number;
  readonly lines: Line[];
  readonly done: Promise<{ code: number | null; signal: string | null }>;
  kill(signal: NodeJS.Signals): void;
  /** Waits (bounded) for a line containing `text`; its arrival time. */
  waitFor(text: string, ms: number): Promise<number>;
  /** The arrival time of the first line containing `text`. */
  at(text: string): number | undefined;
  log(): string;
}

function cli(args: string[], env: NodeJS.ProcessEnv): Cli {
  const child = spawn(process.execPath, ['dist/cli.js', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Line[] = [];
  let partial = '';
  child.stderr.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ at: Date.now(), text });
  });
  child.stdout.resume();
  const done = new Promise<{ code: number | null; signal: string | null }>((r) =>
    child.once('exit', (code, signal) => {
      if (partial !== '') lines.push({ at: Date.now(), text: partial });
      r({ code, signal });
    }),
  );
  const at = (text: string) => lines.find((l) => l.text.includes(text))?.at;
  return {
    pid: child.pid ?? 0,
    lines,
    done,
    kill: (s) => void child.kill(s),
    at,
    log: () => lines.map((l) => l.text).join('\n'),
    async waitFor(text, ms) {
      const deadline = Date.now() + ms;
      for (;;) {
        const t = at(text);
        if (t !== undefined) return t;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(
            `no line with '${text}' within ${ms} ms:\n${lines.map((l) => l.text).join('\n')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

const TAKEN = 'deploy lock spot-deploy-';
const RELEASED = 'deploy lock released';

describe.skipIf(unsupported !== undefined)('deploy lock (built CLI, moto, fake instances)', () => {
  let moto: Moto;
  let subnet = '';
  let port = 0;
  let watcher: MotoWatcher | undefined;
  let dir = '';

  beforeAll(async () => {
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    subnet = await loopbackSubnet(moto, REGION, '127.5.0.0/16', '127.5.9.0/24');
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'lock-e2e-'));
    watcher = watchMoto(moto, REGION, { port, maxMs: 8 * 60_000, maxInstances: 8 });
  }, 60_000);
  afterAll(async () => {
    await watcher?.stop();
    await moto?.stop();
  });
  afterEach(() => {
    expect(watcher?.errors ?? []).toEqual([]);
  });

  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...moto.env,
    RUNNER_TEMP: dir,
  });

  /** A --config file with the inputs every run shares (the key stays out of argv). */
  function config(id: string, extra: Record<string, string> = {}): string {
    const file = join(dir, `${id}-${Math.random().toString(36).slice(2)}.yml`);
    writeFileSync(
      file,
      stringify({
        'deployment-id': id,
        regions: REGION,
        count: '1',
        'instance-types': 't3.small',
        'subnet-ids': subnet,
        'ssh-address': 'private-ip',
        'ssh-port': String(port),
        'bundle-path': 'examples/bundle',
        'ssh-private-key': userKey.privateKey,
        'launch-timeout': '30s',
        'ready-timeout': '60s',
        ...extra,
      }),
    );
    return file;
  }
  const deploy = (id: string, extra: Record<string, string> = {}) =>
    cli(['deploy', '--config', config(id, extra), '--summary', join(dir, 'summary.md')], env());

  async function lockTemplates(): Promise<string[]> {
    const c = moto.client(REGION);
    try {
      const r = await c.send(new DescribeLaunchTemplatesCommand({}));
      return (r.LaunchTemplates ?? [])
        .map((t) => t.LaunchTemplateName ?? '')
        .filter((n) => n.endsWith('.lock'));
    } finally {
      c.destroy();
    }
  }
  const alive = async (id: string) =>
    (await deploymentInstances(moto, REGION, id))
      .filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''))
      .map((i) => i.InstanceId ?? '');

  it('two deploys started together: one proceeds, the other waits for it, then proceeds', async () => {
    const a = deploy('lk', { 'lock-timeout': '5m' });
    const b = deploy('lk', { 'lock-timeout': '5m' });
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, a.log()).toBe(0);
    expect(rb.code, b.log()).toBe(0);
    const [first, second] = (a.at(TAKEN) ?? 0) < (b.at(TAKEN) ?? 0) ? [a, b] : [b, a];
    // The second saw the first's lock, named by user@host and pid, and waited.
    expect(second.log()).toContain(`pid ${first.pid} (command line)`);
    expect(second.log()).toMatch(/deploy lock held by .* waiting up to 300 s/);
    const firstReleased = first.at(RELEASED);
    const secondTaken = second.at(TAKEN);
    expect(firstReleased).toBeDefined();
    expect(secondTaken).toBeDefined();
    // Never interleaved: the second took the lock only after the first released it.
    expect(secondTaken!).toBeGreaterThanOrEqual(firstReleased!);
    // The second adopted the first's instance: the deployment converged on one instance.
    expect(await alive('lk')).toHaveLength(1);
    expect(await lockTemplates()).toEqual([]);
  }, 300_000);

  it('with lock-timeout 0 the second fails at once, naming the holder', async () => {
    // A fresh deployment whose health check takes 10 s: the holder is still delivering when the
    // second starts (an adopting redeploy of the same bundle would be done before node starts).
    const a = deploy('lk0', { 'health-check': 'sleep 10' });
    await a.waitFor(TAKEN, 60_000);
    const started = Date.now();
    const b = deploy('lk0', { 'lock-timeout': '0' });
    const rb = await b.done;
    expect(rb.code, b.log()).toBe(1);
    expect(b.log()).toMatch(
      new RegExp(
        `Could not take the deploy lock of deployment lk0: held by .*pid ${a.pid} \\(command line\\) since `,
      ),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(a.at(RELEASED)).toBeUndefined();
    expect((await a.done).code, a.log()).toBe(0);
    const d = cli(['destroy', '--deployment-id', 'lk0', '--regions', REGION], env());
    expect((await d.done).code, d.log()).toBe(0);
  }, 300_000);

  it('a holder killed with SIGKILL blocks only until its lease ends; then a new deploy takes over', async () => {
    const a = deploy('lk', { 'lock-lease': '15s' });
    await a.waitFor(TAKEN, 60_000);
    a.kill('SIGKILL');
    await a.done;
    const killedAt = Date.now();
    expect(await lockTemplates()).toEqual([lockName('lk')]);
    const b = deploy('lk', { 'lock-lease': '15s', 'lock-timeout': '2m' });
    expect((await b.done).code, b.log()).toBe(0);
    const taken = b.at(TAKEN) ?? 0;
    expect(b.log()).toContain(`pid ${a.pid} (command line)`);
    expect(b.log()).toContain('removed the stale deploy lock');
    // Stale after the lease (15 s from its last renewal, at most 15 s before the kill) + 10 s;
    // then at most one poll (≤ 10 s) and the deploy's own start.
    const waited = taken - killedAt;
    console.log(`lock e2e: SIGKILLed holder's lock taken over after ${waited} ms`);
    expect(waited).toBeGreaterThan(5_000);
    expect(waited).toBeLessThan(15_000 + 10_000 + 10_000 + 15_000);
    expect(await lockTemplates()).toEqual([]);
  }, 300_000);

  it('destroy removes the deployment and its lock', async () => {
    const d = cli(
      ['destroy', '--deployment-id', 'lk', '--regions', REGION, '--summary', join(dir, 'd.md')],
      env(),
    );
    expect((await d.done).code, d.log()).toBe(0);
    expect(d.log()).toContain(TAKEN);
    expect(d.log()).toContain(RELEASED);
    expect(await lockTemplates()).toEqual([]);
    expect(await alive('lk')).toEqual([]);
    await watcher?.settle(60_000);
  }, 300_000);
});
