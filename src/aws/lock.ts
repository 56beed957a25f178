/*
 * The deploy lock: one launch template per deployment, named `spot-deploy-<id>.lock`, in the first
 * region. EC2 has no compare-and-set on tags, but creating a named launch template is atomic: of
 * two CreateLaunchTemplate calls with the same name, exactly one succeeds and the other gets
 * InvalidLaunchTemplateName.AlreadyExistsException. The holder and its lease travel as tags set
 * in the same call (TagSpecifications), so a lock never exists without them on real EC2.
 *
 * Every removal is by template id, never by name: ids are never reused, so deleting "the expired
 * lock I read" can never delete a lock someone else created after that read.
 */
import {
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeTagsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { LockHeldError } from '../errors.js';
import type { Clock, Sleep } from '../time.js';
import { awsError, errorCode } from './aws-errors.js';
import { deleteLaunchTemplate } from './destroy-resources.js';
import { TAG, type Tags } from './types.js';

/**
 * How far a reader's clock may run ahead of the holder's before a live lock could look expired.
 * The lease itself adds more slack: a live holder renews every lease/4, so its expiry is always
 * at least 3/4 of a lease ahead of its own clock.
 */
export const SKEW_MARGIN_MS = 10_000;
/** A lock whose expiry tag cannot be read expires this long after EC2 created it (the longest lease). */
export const UNREADABLE_LEASE_MS = 3_600_000;
const MIN_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10_000;
const ALREADY_EXISTS = 'InvalidLaunchTemplateName.AlreadyExistsException';
const NAME_GONE = 'InvalidLaunchTemplateName.NotFoundException';
const ID_GONE = new Set(['InvalidLaunchTemplateId.NotFound', NAME_GONE]);

/**
 * The lock's name. Deployment ids are lowercase letters, digits and hyphens, so a name with a dot
 * can never be the launch template `spot-deploy-<id>` of another deployment (with
 * `spot-deploy-lock-<id>`, deployment `lock-x`'s template would be deployment `x`'s lock).
 */
export function lockName(deploymentId: string): string {
  return `spot-deploy-${deploymentId}.lock`;
}

/** A lock as read from EC2 (what a waiter sees). */
export interface LockInfo {
  readonly id: string;
  readonly holder: string;
  readonly since: string;
  /** The end of the lease as written by the holder, or undefined when unreadable. */
  readonly expiresAt: string | undefined;
  /** When a reader may remove it: the lease end (or creation + UNREADABLE_LEASE_MS) + SKEW_MARGIN_MS. */
  readonly staleAfterMs: number;
}

/** A lock this process holds. */
export interface HeldLock {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly holder: string;
  readonly since: string;
}

export interface AcquireOptions {
  readonly region: string;
  readonly deploymentId: string;
  /** Who is asking, as people should read it (run URL, or user@host pid). */
  readonly holder: string;
  readonly leaseMs: number;
  /** How long to wait for a held lock; 0 fails at once. */
  readonly timeoutMs: number;
  /** The run's tags (repository, run id, user tags…); expires-at and Name are replaced. */
  readonly tags: Tags;
  readonly now: Clock;
  readonly sleep: Sleep;
  readonly log?: (message: string) => void;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function lockTags(o: AcquireOptions, nowMs: number): Array<{ Key: string; Value: string }> {
  const {
    [TAG.expiresAt]: _ttl, // the deployment's TTL: the janitor must not read it as the lock's
    Name: _name,
    ...runTags
  } = o.tags;
  const tags: Record<string, string> = {
    ...runTags,
    [TAG.deployment]: o.deploymentId,
    [TAG.managed]: 'true',
    [TAG.lockHolder]: o.holder.slice(0, 256),
    [TAG.lockSince]: iso(nowMs),
    [TAG.lockExpiresAt]: iso(nowMs + o.leaseMs),
    Name: lockName(o.deploymentId),
  };
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** One atomic attempt: the lock, or undefined when the name is taken. */
async function tryCreate(client: EC2Client, o: AcquireOptions): Promise<HeldLock | undefined> {
  const nowMs = o.now().getTime();
  const name = lockName(o.deploymentId);
  try {
    const out = await client.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        VersionDescription: 'spot-deploy deploy lock (not for launching)',
        // EC2 wants some launch data; this one launches nothing useful (no image).
        LaunchTemplateData: { InstanceInitiatedShutdownBehavior: 'terminate' },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: lockTags(o, nowMs) }],
      }),
    );
    const id = out.LaunchTemplate?.LaunchTemplateId;
    if (id === undefined) throw new Error('CreateLaunchTemplate answered without an id');
    return { id, region: o.region, name, holder: o.holder.slice(0, 256), since: iso(nowMs) };
  } catch (err) {
    if (errorCode(err) === ALREADY_EXISTS) return undefined;
    throw awsError('CreateLaunchTemplate', o.region, err, `take the deploy lock ${name}`);
  }
}

/**
 * The live tags of a launch template, read with DescribeTags: DescribeLaunchTemplates' tags are
 * the same on EC2, but moto freezes them at creation, and a renewed lease must be seen.
 */
async function liveTags(client: EC2Client, region: string, id: string): Promise<Tags> {
  try {
    const out = await client.send(
      new DescribeTagsCommand({
        Filters: [{ Name: 'resource-id', Values: [id] }],
        MaxResults: 1000,
      }),
    );
    const tags: Record<string, string> = {};
    for (const t of out.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
    return tags;
  } catch (err) {
    throw awsError('DescribeTags', region, err, `read the deploy lock ${id}`);
  }
}

function lockInfo(id: string, tags: Tags, createdMs: number | undefined): LockInfo | undefined {
  // No tags at all: deleted since it was listed (or, just created, not yet visible to DescribeTags;
  // readLock, which has just seen it by name, then reads it as a lock with an unreadable lease).
  if (Object.keys(tags).length === 0 && createdMs === undefined) return undefined;
  const raw = tags[TAG.lockExpiresAt];
  const parsed = raw === undefined ? NaN : Date.parse(raw);
  const end = Number.isNaN(parsed) ? (createdMs ?? 0) + UNREADABLE_LEASE_MS : parsed;
  return {
    id,
    holder: tags[TAG.lockHolder] ?? 'an unknown holder',
    since: tags[TAG.lockSince] ?? 'an unknown time',
    expiresAt: Number.isNaN(parsed) ? undefined : (raw ?? undefined),
    staleAfterMs: end + SKEW_MARGIN_MS,
  };
}

/** The deployment's lock as EC2 has it now, or undefined when there is none. */
export async function readLock(
  client: EC2Client,
  region: string,
  deploymentId: string,
): Promise<LockInfo | undefined> {
  let lt;
  try {
    const out = await client.send(
      new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [lockName(deploymentId)] }),
    );
    lt = out.LaunchTemplates?.[0];
  } catch (err) {
    if (errorCode(err) === NAME_GONE) return undefined;
    throw awsError('DescribeLaunchTemplates', region, err, `read the deploy lock`);
  }
  if (lt?.LaunchTemplateId === undefined) return undefined;
  const tags = await liveTags(client, region, lt.LaunchTemplateId);
  return lockInfo(lt.LaunchTemplateId, tags, lt.CreateTime?.getTime() ?? 0);
}

/** A lock known by id (the janitor's listing, the post step's state). */
export async function readLockById(
  client: EC2Client,
  region: string,
  id: string,
): Promise<LockInfo | undefined> {
  return lockInfo(id, await liveTags(client, region, id), undefined);
}

/** Deletes a lock read as stale (by its id: never a lock re-created since). True when deleted. */
export async function removeIfStale(
  client: EC2Client,
  region: string,
  lock: LockInfo,
  nowMs: number,
): Promise<boolean> {
  if (nowMs <= lock.staleAfterMs) return false;
  return deleteLaunchTemplate(client, region, lock.id);
}

/**
 * Takes the deployment's lock, waiting (2 s → 10 s backoff) while a live holder has it, up to
 * `timeoutMs`; a stale lock (holder dead: its lease ran out) is removed and taken. Throws
 * LockHeldError naming the holder when the time is up.
 */
export async function acquireLock(client: EC2Client, o: AcquireOptions): Promise<HeldLock> {
  const start = o.now().getTime();
  const deadline = start + o.timeoutMs;
  let delay = MIN_DELAY_MS;
  let last: LockInfo | undefined;
  let announced = false;
  // Every pass either sleeps at least MIN_DELAY_MS or removed a lock: bounded either way.
  const maxPasses = Math.ceil(o.timeoutMs / MIN_DELAY_MS) + 10;
  for (let pass = 0; pass < maxPasses; pass++) {
    const held = await tryCreate(client, o);
    if (held) return held;
    const info = await readLock(client, o.region, o.deploymentId);
    if (info === undefined) continue; // released between our two calls: try again at once
    last = info;
    const nowMs = o.now().getTime();
    if (await removeIfStale(client, o.region, info, nowMs)) {
      o.log?.(
        `${o.region}: removed the stale deploy lock of ${info.holder} (lease ended ${info.expiresAt ?? 'unreadable'})`,
      );
      continue;
    }
    if (nowMs >= deadline) break;
    if (!announced) {
      o.log?.(
        `${o.region}: deploy lock held by ${info.holder} since ${info.since}; waiting up to ${Math.round(o.timeoutMs / 1000)} s`,
      );
      announced = true;
    }
    await o.sleep(Math.min(delay, deadline - nowMs));
    delay = Math.min(Math.round(delay * 1.5), MAX_DELAY_MS);
  }
  const name = lockName(o.deploymentId);
  throw new LockHeldError(
    o.deploymentId,
    last?.holder ?? 'another run',
    last?.since ?? 'an unknown time',
    last?.expiresAt ?? 'unknown',
    Math.round((o.now().getTime() - start) / 1000),
    `Wait for that run to end or raise lock-timeout; a holder that died loses the lock when its lease ends. ` +
      `If you know it is dead: aws ec2 delete-launch-template --region ${o.region} --launch-template-name ${name}`,
  );
}

export type Renewal = 'renewed' | 'lost';

/** Moves the lease end to now + leaseMs; 'lost' when the lock is gone (someone found it stale). */
export async function renewLock(
  client: EC2Client,
  lock: HeldLock,
  expiresAtMs: number,
): Promise<Renewal> {
  try {
    await client.send(
      new CreateTagsCommand({
        Resources: [lock.id],
        Tags: [{ Key: TAG.lockExpiresAt, Value: iso(expiresAtMs) }],
      }),
    );
    return 'renewed';
  } catch (err) {
    if (ID_GONE.has(errorCode(err))) return 'lost';
    throw awsError('CreateTags', lock.region, err, `renew the deploy lock ${lock.id}`);
  }
}

export type Release = 'released' | 'gone' | 'not-ours';

/** Deletes the lock this holder took, only if it is still there and still names this holder. */
export async function releaseLock(
  client: EC2Client,
  lock: Pick<HeldLock, 'id' | 'region' | 'holder'>,
): Promise<Release> {
  const info = await readLockById(client, lock.region, lock.id);
  if (info === undefined) return 'gone';
  if (info.holder !== lock.holder) return 'not-ours';
  return (await deleteLaunchTemplate(client, lock.region, lock.id)) ? 'released' : 'gone';
}

/** Whether a managed launch template is a deploy lock (by its name, which no deployment's template can have). */
export function isLockTemplate(r: {
  readonly kind: string;
  readonly name?: string;
  readonly deploymentId: string;
}): boolean {
  return r.kind === 'launch-template' && r.name === lockName(r.deploymentId);
}
