// The deploy lock against moto: the real CreateLaunchTemplate / AlreadyExists / DescribeTags /
// CreateTags / DeleteLaunchTemplate round trips, destroy deleting the lock last, and the janitor
// removing a stale lock while leaving a live one (and its deployment) alone.
import {
  CreateLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { janitor } from '../../../src/aws/janitor.js';
import {
  acquireLock,
  lockName,
  readLock,
  releaseLock,
  renewLock,
  type AcquireOptions,
} from '../../../src/aws/lock.js';
import { TAG } from '../../../src/aws/types.js';
import { LockHeldError } from '../../../src/errors.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { runDestroy } from '../../../src/modes/destroy.js';
import type { Sink } from '../../../src/report/sink.js';
import { hasMoto, startMoto, type Moto } from '../../helpers/moto.js';

const R = 'eu-west-1';
let moto: Moto;
let c: EC2Client;

const noSleep = async () => undefined;
function opts(holder: string, o: Partial<AcquireOptions> = {}): AcquireOptions {
  return {
    region: R,
    deploymentId: 'web',
    holder,
    leaseMs: 90_000,
    timeoutMs: 0,
    tags: { [TAG.deployment]: 'web' },
    now: () => new Date(),
    sleep: noSleep,
    ...o,
  };
}

async function templateNames(): Promise<string[]> {
  const r = await c.send(new DescribeLaunchTemplatesCommand({}));
  return (r.LaunchTemplates ?? []).map((t) => t.LaunchTemplateName ?? '').sort();
}

const quiet: Sink = {
  info: () => undefined,
  warning: () => undefined,
  setOutput: () => undefined,
  setSecret: () => undefined,
  summary: async () => undefined,
};

describe.skipIf(!hasMoto)('deploy lock against moto', () => {
  beforeAll(async () => {
    moto = await startMoto();
    c = moto.client(R);
  }, 60_000);
  afterAll(async () => {
    c.destroy();
    await moto.stop();
  });
  beforeEach(async () => {
    await moto.reset();
  });

  it('one holder at a time: AlreadyExists → LockHeldError naming the holder; renew; release; take', async () => {
    const a = await acquireLock(c, opts('run A'));
    expect(a.name).toBe('spot-deploy-web.lock');
    const err = await acquireLock(c, opts('run B')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect((err as Error).message).toContain(`held by run A since ${a.since}`);

    const later = Date.now() + 600_000;
    expect(await renewLock(c, a, later)).toBe('renewed');
    const seen = await readLock(c, R, 'web');
    expect(seen?.id).toBe(a.id);
    expect(seen?.expiresAt).toBe(new Date(later).toISOString().replace(/\.\d+Z$/, 'Z'));

    expect(await releaseLock(c, { ...a, holder: 'run B' })).toBe('not-ours');
    expect(await releaseLock(c, a)).toBe('released');
    expect(await readLock(c, R, 'web')).toBeUndefined();
    expect(await renewLock(c, a, later)).toBe('lost');
    const b = await acquireLock(c, opts('run B'));
    expect(b.id).not.toBe(a.id);
  });

  it('a stale lock (holder dead, lease over) is removed and taken', async () => {
    const dead = await acquireLock(
      c,
      opts('dead run', { now: () => new Date(Date.now() - 3_600_000) }),
    );
    const b = await acquireLock(c, opts('run B'));
    expect(b.id).not.toBe(dead.id);
    expect(await readLock(c, R, 'web')).toMatchObject({ id: b.id, holder: 'run B' });
  });

  it('the lock never collides with the deployment launch template of another deployment', async () => {
    // Deployment `lock-web`'s template would have been `spot-deploy-lock-web` under a prefix scheme.
    await c.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'spot-deploy-lock-web',
        LaunchTemplateData: {},
      }),
    );
    const a = await acquireLock(c, opts('run A'));
    expect(a.name).toBe(lockName('web'));
  });

  it('destroy takes the lock, waits for nobody, and deletes it last with the deployment', async () => {
    await c.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'spot-deploy-web',
        LaunchTemplateData: {},
        TagSpecifications: [
          {
            ResourceType: 'launch-template',
            Tags: [
              { Key: TAG.deployment, Value: 'web' },
              { Key: TAG.managed, Value: 'true' },
            ],
          },
        ],
      }),
    );
    const inputs = parseInputs(
      (n) => ({ mode: 'destroy', regions: R, 'deployment-id': 'web' })[n as string] ?? '',
      { workspace: '/', defaultRegion: undefined },
    );
    const lines: string[] = [];
    const reports = await runDestroy(
      inputs,
      { tempDir: '/tmp' },
      { sink: { ...quiet, info: (m) => void lines.push(m) }, ec2: () => c, sleep: noSleep },
    );
    expect(reports[0]?.launchTemplatesDeleted).toHaveLength(1);
    expect(await templateNames()).toEqual([]);
    expect(lines.some((l) => l.includes('deploy lock released'))).toBe(true);
  });

  it('destroy waits for a live lock and fails naming its holder (lock-timeout 0)', async () => {
    await acquireLock(c, opts('deploying run'));
    const inputs = parseInputs(
      (n) =>
        ({ mode: 'destroy', regions: R, 'deployment-id': 'web', 'lock-timeout': '0' })[
          n as string
        ] ?? '',
      { workspace: '/', defaultRegion: undefined },
    );
    await expect(
      runDestroy(inputs, { tempDir: '/tmp' }, { sink: quiet, ec2: () => c, sleep: noSleep }),
    ).rejects.toThrow(/held by deploying run/);
    expect(await templateNames()).toEqual([lockName('web')]);
  });

  it('the janitor removes an expired lock and leaves a live one', async () => {
    await acquireLock(
      c,
      opts('dead run', { deploymentId: 'old', now: () => new Date(Date.now() - 3_600_000) }),
    );
    const live = await acquireLock(c, opts('live run', { deploymentId: 'busy' }));
    const [report] = await janitor([{ region: R, client: c }], new Date());
    expect(report?.launchTemplatesDeleted).toHaveLength(1);
    expect(await templateNames()).toEqual([lockName('busy')]);
    expect(report?.warnings.join('\n')).toContain('deployment busy is locked by live run');
    expect(await readLock(c, R, 'busy')).toMatchObject({ id: live.id });
  });
});
