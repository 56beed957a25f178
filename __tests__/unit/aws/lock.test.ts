import {
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  DescribeTagsCommand,
  EC2Client,
  type CreateLaunchTemplateCommandInput,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  lockName,
  releaseLock,
  renewLock,
  SKEW_MARGIN_MS,
  type AcquireOptions,
} from '../../../src/aws/lock.js';
import { TAG } from '../../../src/aws/types.js';
import { LockHeldError } from '../../../src/errors.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { withDeployLock } from '../../../src/modes/lock.js';
import { memoryState } from '../../../src/modes/state.js';
import type { Sink } from '../../../src/report/sink.js';
import { ec2Error } from '../../helpers/instances-fixtures.js';

// The lock's EC2 calls against a small in-memory EC2 that behaves as EC2 does for launch
// templates: unique names, ids never reused, tags by id. Time is a number the fake sleep moves.

const ec2 = mockClient(EC2Client);
const client = new EC2Client({ region: 'eu-west-1' });
const R = 'eu-west-1';
const DEP = 'pr-7';
const NAME = lockName(DEP);
const T0 = Date.parse('2026-12-01T12:00:00Z');
const LEASE = 90_000;

interface Template {
  id: string;
  name: string;
  tags: Record<string, string>;
}

let t = T0;
let world: Map<string, Template>;
let nextId = 0;
let sleeps: number[];
/** Runs at each sleep (another run releasing, re-creating…), after time has moved. */
let onSleep: (n: number) => void;

function put(name: string, tags: Record<string, string>): Template {
  const tpl = { id: `lt-${++nextId}`, name, tags };
  world.set(tpl.id, tpl);
  return tpl;
}
const byName = (name: string) => [...world.values()].find((x) => x.name === name);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const otherLock = (expiresAt: number) =>
  put(NAME, {
    [TAG.deployment]: DEP,
    [TAG.managed]: 'true',
    [TAG.lockHolder]: 'https://github.com/o/r/actions/runs/1 (attempt 1)',
    [TAG.lockSince]: '2026-12-01T11:59:00Z',
    [TAG.lockExpiresAt]: iso(expiresAt),
  });

beforeEach(() => {
  ec2.reset();
  t = T0;
  world = new Map();
  sleeps = [];
  onSleep = () => undefined;
  ec2.on(CreateLaunchTemplateCommand).callsFake((i: CreateLaunchTemplateCommandInput) => {
    const name = i.LaunchTemplateName ?? '';
    if (byName(name)) throw ec2Error('InvalidLaunchTemplateName.AlreadyExistsException', 'in use');
    const tags = Object.fromEntries(
      (i.TagSpecifications?.[0]?.Tags ?? []).map((x) => [x.Key ?? '', x.Value ?? '']),
    );
    return { LaunchTemplate: { LaunchTemplateId: put(name, tags).id, LaunchTemplateName: name } };
  });
  ec2.on(DescribeLaunchTemplatesCommand).callsFake((i: { LaunchTemplateNames?: string[] }) => {
    const tpl = byName(i.LaunchTemplateNames?.[0] ?? '');
    if (!tpl) throw ec2Error('InvalidLaunchTemplateName.NotFoundException', 'no such');
    return {
      LaunchTemplates: [
        { LaunchTemplateId: tpl.id, LaunchTemplateName: tpl.name, CreateTime: new Date(T0) },
      ],
    };
  });
  ec2.on(DescribeTagsCommand).callsFake((i: { Filters?: Array<{ Values?: string[] }> }) => {
    const tpl = world.get(i.Filters?.[0]?.Values?.[0] ?? '');
    return { Tags: Object.entries(tpl?.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) };
  });
  ec2
    .on(CreateTagsCommand)
    .callsFake((i: { Resources?: string[]; Tags?: Array<{ Key?: string; Value?: string }> }) => {
      const tpl = world.get(i.Resources?.[0] ?? '');
      if (!tpl) throw ec2Error('InvalidLaunchTemplateId.NotFound', 'gone');
      for (const x of i.Tags ?? []) tpl.tags[x.Key ?? ''] = x.Value ?? '';
      return {};
    });
  ec2.on(DeleteLaunchTemplateCommand).callsFake((i: { LaunchTemplateId?: string }) => {
    if (!world.delete(i.LaunchTemplateId ?? ''))
      throw ec2Error('InvalidLaunchTemplateId.NotFound', 'gone');
    return {};
  });
});

function opts(o: Partial<AcquireOptions> = {}): AcquireOptions & { logs: string[] } {
  const logs: string[] = [];
  return {
    region: R,
    deploymentId: DEP,
    holder: 'alice@laptop pid 42 (command line)',
    leaseMs: LEASE,
    timeoutMs: 300_000,
    tags: {
      [TAG.deployment]: DEP,
      [TAG.expiresAt]: '2026-12-01T16:00:00Z',
      Name: `spot-deploy-${DEP}`,
      team: 'web',
    },
    now: () => new Date(t),
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
      onSleep(sleeps.length);
    },
    log: (m) => void logs.push(m),
    logs,
    ...o,
  };
}

const deletes = () =>
  ec2.commandCalls(DeleteLaunchTemplateCommand).map((c) => c.args[0].input.LaunchTemplateId);

describe('acquireLock', () => {
  it('takes a free lock in one atomic call, with holder, since and lease as tags', async () => {
    const lock = await acquireLock(client, opts());
    expect(lock).toMatchObject({ region: R, name: NAME, since: '2026-12-01T12:00:00Z' });
    expect(ec2.commandCalls(CreateLaunchTemplateCommand)).toHaveLength(1);
    expect(world.get(lock.id)?.tags).toEqual({
      [TAG.deployment]: DEP,
      [TAG.managed]: 'true',
      [TAG.lockHolder]: 'alice@laptop pid 42 (command line)',
      [TAG.lockSince]: '2026-12-01T12:00:00Z',
      [TAG.lockExpiresAt]: '2026-12-01T12:01:30Z',
      // The deployment's TTL tag is not the lock's: the janitor reads the lease instead.
      Name: NAME,
      team: 'web',
    });
    expect(sleeps).toEqual([]);
  });

  it('never shares a name with a deployment launch template', () => {
    expect(lockName('x')).toBe('spot-deploy-x.lock');
    // Deployment ids are [a-z0-9-]: no id gives `spot-deploy-<id>` = a lock's name.
    expect(lockName('x')).not.toMatch(/^spot-deploy-[a-z0-9-]+$/);
  });

  it('waits while a live holder has it and takes it once released', async () => {
    const other = otherLock(T0 + LEASE);
    onSleep = (n) => {
      // The holder renews meanwhile, then releases at the third poll.
      other.tags[TAG.lockExpiresAt] = iso(t + LEASE);
      if (n === 3) world.delete(other.id);
    };
    const o = opts();
    const lock = await acquireLock(client, o);
    expect(sleeps).toEqual([2000, 3000, 4500]);
    expect(lock.id).not.toBe(other.id);
    expect(deletes()).toEqual([]);
    expect(o.logs[0]).toContain('held by https://github.com/o/r/actions/runs/1 (attempt 1)');
  });

  it('fails after lock-timeout naming the holder and since when, without touching its lock', async () => {
    const other = otherLock(T0 + LEASE);
    onSleep = () => void (other.tags[TAG.lockExpiresAt] = iso(t + LEASE));
    const err = await acquireLock(client, opts({ timeoutMs: 60_000 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect((err as Error).message).toContain(
      'held by https://github.com/o/r/actions/runs/1 (attempt 1) since 2026-12-01T11:59:00Z',
    );
    expect((err as Error).message).toContain('waited 60 s (lock-timeout)');
    expect((err as Error).message).toContain(`--launch-template-name ${NAME}`);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(10_000);
    expect(world.has(other.id)).toBe(true);
    expect(deletes()).toEqual([]);
  });

  it('lock-timeout 0 fails at once', async () => {
    otherLock(T0 + LEASE);
    await expect(acquireLock(client, opts({ timeoutMs: 0 }))).rejects.toThrow(
      /held by https:\/\/github.com\/o\/r\/actions\/runs\/1 \(attempt 1\).*waited 0 s/,
    );
    expect(sleeps).toEqual([]);
  });

  it('removes a stale lock (lease + margin past) by its id and takes the name', async () => {
    const dead = otherLock(T0 - SKEW_MARGIN_MS - 1);
    const o = opts();
    const lock = await acquireLock(client, o);
    expect(deletes()).toEqual([dead.id]);
    expect(world.get(lock.id)?.tags[TAG.lockHolder]).toBe('alice@laptop pid 42 (command line)');
    expect(o.logs.join('\n')).toContain('removed the stale deploy lock');
    expect(sleeps).toEqual([]);
  });

  it('does not take a lock whose lease ended within the clock-skew margin', async () => {
    otherLock(T0 - SKEW_MARGIN_MS + 1);
    await expect(acquireLock(client, opts({ timeoutMs: 0 }))).rejects.toThrow(LockHeldError);
    expect(deletes()).toEqual([]);
  });

  it('never deletes a lock re-created after its stale one was read (delete is by id)', async () => {
    const dead = otherLock(T0 - 60_000);
    // Another waiter removes the stale lock and takes the name between our read and our delete.
    let fresh: Template | undefined;
    ec2.on(DeleteLaunchTemplateCommand).callsFakeOnce((i: { LaunchTemplateId?: string }) => {
      world.delete(dead.id);
      fresh = otherLock(t + LEASE);
      expect(i.LaunchTemplateId).toBe(dead.id);
      throw ec2Error('InvalidLaunchTemplateId.NotFound', 'gone');
    });
    onSleep = () => void (fresh!.tags[TAG.lockExpiresAt] = iso(t + LEASE));
    await expect(acquireLock(client, opts({ timeoutMs: 10_000 }))).rejects.toThrow(LockHeldError);
    expect(fresh && world.has(fresh.id)).toBe(true);
    expect(deletes()).toEqual([dead.id]);
  });
});

describe('renewLock and releaseLock', () => {
  it('renews by id and says lost once the lock is gone', async () => {
    const lock = await acquireLock(client, opts());
    expect(await renewLock(client, lock, T0 + 200_000)).toBe('renewed');
    expect(world.get(lock.id)?.tags[TAG.lockExpiresAt]).toBe(iso(T0 + 200_000));
    world.delete(lock.id);
    expect(await renewLock(client, lock, T0 + 300_000)).toBe('lost');
  });

  it('releases only its own lock', async () => {
    const lock = await acquireLock(client, opts());
    expect(await releaseLock(client, { ...lock, holder: 'someone else' })).toBe('not-ours');
    expect(world.has(lock.id)).toBe(true);
    expect(await releaseLock(client, lock)).toBe('released');
    expect(world.has(lock.id)).toBe(false);
    expect(await releaseLock(client, lock)).toBe('gone');
  });
});

describe('withDeployLock', () => {
  const sink = (warnings: string[], lines: string[]): Sink => ({
    info: (m) => void lines.push(m),
    warning: (m) => void warnings.push(m),
    setOutput: () => undefined,
    setSecret: () => undefined,
    summary: async () => undefined,
  });
  const plan = (values: Partial<Record<InputName, string>>) =>
    buildPlan(
      parseInputs(
        (n) => ({ regions: R, 'deployment-id': DEP, mode: 'destroy', ...values })[n] ?? '',
        {
          workspace: '/',
          defaultRegion: undefined,
        },
      ),
      { tempDir: '/tmp' },
      new Date(T0),
    );

  it('renews the lease every quarter of lock-lease while the work runs, then releases', async () => {
    const beats: Array<() => void> = [];
    const warnings: string[] = [];
    const lines: string[] = [];
    const state = memoryState();
    let lockId = '';
    const out = await withDeployLock(
      {
        sink: sink(warnings, lines),
        ec2: () => client,
        state,
        now: () => new Date(t),
        holder: 'me',
        // Each heartbeat wait resolves when the test says so (or when the work ends).
        wait: (ms, signal) =>
          new Promise<void>((r) => {
            expect(ms).toBe(LEASE / 4);
            beats.push(r);
            signal.addEventListener('abort', () => r(), { once: true });
          }),
      },
      plan({ 'lock-lease': '90s' }),
      { tempDir: '/tmp' },
      async (lock) => {
        lockId = lock.id;
        expect(JSON.parse(state.get('lock'))).toEqual({ id: lock.id, region: R, holder: 'me' });
        for (const step of [30_000, 25_000]) {
          t += step;
          const n = beats.length;
          beats[n - 1]?.();
          await settleUntil(() => beats.length > n);
          expect(world.get(lock.id)?.tags[TAG.lockExpiresAt]).toBe(iso(t + LEASE));
        }
        return 'done';
      },
    );
    expect(out).toBe('done');
    expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(2);
    expect(world.has(lockId)).toBe(false);
    expect(state.get('lock')).toBe('');
    expect(warnings).toEqual([]);
  });

  it('releases the lock when the work throws, and rethrows', async () => {
    const warnings: string[] = [];
    await expect(
      withDeployLock(
        { sink: sink(warnings, []), ec2: () => client, holder: 'me', now: () => new Date(t) },
        plan({}),
        { tempDir: '/tmp' },
        async () => {
          throw new Error('boom');
        },
      ),
    ).rejects.toThrow('boom');
    expect(world.size).toBe(0);
  });

  it('names the run as holder in Actions', async () => {
    await withDeployLock(
      { sink: sink([], []), ec2: () => client, now: () => new Date(t) },
      plan({}),
      { tempDir: '/tmp', repository: 'o/r', runId: '9', runAttempt: '2' },
      async (lock) => {
        expect(world.get(lock.id)?.tags[TAG.lockHolder]).toBe(
          'https://github.com/o/r/actions/runs/9 (attempt 2)',
        );
      },
    );
  });
});

/** Lets the heartbeat's promise chain run until `ok` (bounded: a broken heartbeat fails fast). */
async function settleUntil(ok: () => boolean): Promise<void> {
  for (let n = 0; n < 100 && !ok(); n++) await new Promise((r) => setImmediate(r));
  expect(ok()).toBe(true);
}
