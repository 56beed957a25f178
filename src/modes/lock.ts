/*
 * The deploy lock around a mode's work: take it (aws/lock.ts), save it for the post step, renew
 * its lease while the work runs, release it at the end, whatever the outcome. Deploy, destroy and
 * rollback wrap their runner in `withDeployLock`; the janitor takes none.
 */
import { hostname, userInfo } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { acquireLock, releaseLock, renewLock, type HeldLock } from '../aws/lock.js';
import { errorMessage } from '../errors.js';
import type { Plan, RunContext } from '../inputs/plan.js';
import { runUrl } from '../report/links.js';
import type { Sink } from '../report/sink.js';
import { realClock, realSleep, type Clock, type Sleep } from '../time.js';
import { clearLock, readLock, saveLock, type StateStore } from './state.js';

/** Waits `ms` or until `signal` aborts, whichever comes first; never rejects. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

const abortableWait: Wait = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

export interface LockDeps {
  readonly sink: Sink;
  readonly ec2: (region: string) => EC2Client;
  /** Where the post step finds a lock the main step could not release (killed). */
  readonly state?: StateStore;
  readonly now?: Clock;
  /** Between polls of a held lock. */
  readonly sleep?: Sleep;
  /** Between heartbeats (cut short when the work ends). */
  readonly wait?: Wait;
  /** Overrides `lockHolder(ctx)` (tests). */
  readonly holder?: string;
}

export interface LockOptions {
  /**
   * True when the post step will still act on the deployment after this step (a failed deploy's
   * instances are terminated there): the lock is then left for the post step to release after
   * that, so no other run adopts instances about to be terminated. Default: never.
   */
  readonly holdForPost?: (succeeded: boolean) => boolean;
}

/** Who holds a lock, as people should read it: the run's URL, or user@host and pid on a CLI. */
export function lockHolder(ctx: RunContext): string {
  const url = runUrl(ctx);
  if (url !== undefined) return ctx.runAttempt ? `${url} (attempt ${ctx.runAttempt})` : url;
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return `${user}@${hostname()} pid ${process.pid} (command line)`;
}

/** A day of heartbeats at the shortest lease: longer than any job GitHub runs. */
const MAX_BEATS = Math.ceil(86_400 / (15 / 4));

function heartbeat(client: EC2Client, lock: HeldLock, leaseMs: number, deps: LockDeps) {
  const now = deps.now ?? realClock;
  const wait = deps.wait ?? abortableWait;
  const stop = new AbortController();
  // A quarter of the lease: three renewals in a row may fail (throttling, a network blip) before
  // anyone may see the lease as ended.
  const intervalMs = leaseMs / 4;
  const loop = (async () => {
    for (let n = 0; n < MAX_BEATS; n++) {
      await wait(intervalMs, stop.signal);
      if (stop.signal.aborted) return;
      try {
        if ((await renewLock(client, lock, now().getTime() + leaseMs)) === 'lost') {
          deps.sink.warning(
            `The deploy lock ${lock.name} is gone (another run found its lease ended and removed it): runs of this deployment may now overlap.`,
          );
          return;
        }
      } catch (e) {
        deps.sink.warning(`Could not renew the deploy lock (retrying): ${errorMessage(e)}`);
      }
    }
  })();
  return async (): Promise<void> => {
    stop.abort();
    await loop;
  };
}

/** Releases a lock; a failure is a warning (the lease ends it anyway), never the run's error. */
async function release(client: EC2Client, lock: HeldLock | SavedRef, sink: Sink, who: string) {
  try {
    const r = await releaseLock(client, lock);
    if (r === 'released') sink.info(`${who}: deploy lock released.`);
    else if (r === 'not-ours')
      sink.warning(`${who}: the deploy lock ${lock.id} names another holder now; left alone.`);
  } catch (e) {
    sink.warning(
      `${who}: could not release the deploy lock ${lock.id} in ${lock.region} (its lease ends it): ${errorMessage(e)}`,
    );
  }
}

type SavedRef = Pick<HeldLock, 'id' | 'region' | 'holder'>;

/**
 * Runs `fn` holding the deployment's deploy lock: a launch template in the plan's first region,
 * taken before `fn` (waiting up to `lock-timeout`, then LockHeldError naming the holder), renewed
 * every `lock-lease`/4 while `fn` runs, and released when it ends, also when it throws (unless
 * `opts.holdForPost` leaves it to the post step).
 */
export async function withDeployLock<T>(
  deps: LockDeps,
  plan: Plan,
  ctx: RunContext,
  fn: (lock: HeldLock) => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const region = plan.regions[0]?.region;
  if (region === undefined) throw new Error('the deploy lock needs a region');
  const client = deps.ec2(region);
  const leaseMs = plan.inputs.lockLeaseSeconds * 1000;
  const lock = await acquireLock(client, {
    region,
    deploymentId: plan.deploymentId,
    holder: deps.holder ?? lockHolder(ctx),
    leaseMs,
    timeoutMs: plan.inputs.lockTimeoutSeconds * 1000,
    tags: plan.tags,
    now: deps.now ?? realClock,
    sleep: deps.sleep ?? realSleep,
    log: (m) => deps.sink.info(m),
  });
  if (deps.state) saveLock(deps.state, lock);
  deps.sink.info(`${region}: deploy lock ${lock.name} taken (${lock.id}).`);
  const stopHeartbeat = heartbeat(client, lock, leaseMs, deps);
  let succeeded = false;
  try {
    const out = await fn(lock);
    succeeded = true;
    return out;
  } finally {
    await stopHeartbeat();
    if (deps.state && opts.holdForPost?.(succeeded)) {
      deps.sink.info('The deploy lock stays until the post step has cleaned up.');
    } else {
      await release(client, lock, deps.sink, 'spot-deploy');
      if (deps.state) clearLock(deps.state);
    }
  }
}

/** The post step's part: releases a lock the main step saved and did not release. */
export async function releaseSavedLock(
  state: StateStore,
  ec2: (region: string) => EC2Client,
  sink: Sink,
): Promise<void> {
  const saved = readLock(state);
  if (saved === undefined) return;
  await release(ec2(saved.region), saved, sink, 'spot-deploy post');
  clearLock(state);
}
