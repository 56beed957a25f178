/*
 * Stale deploy locks, as destroy and the janitor see them: a lock whose lease ended (plus the
 * clock-skew margin) has no live holder and is removed; a live one means a run is working on that
 * deployment right now, so the janitor leaves the whole deployment alone.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { errorMessage } from '../errors.js';
import type { ManagedResource } from './destroy-resources.js';
import { isLockTemplate, readLockById, removeIfStale } from './lock.js';
import { TAG } from './types.js';

export interface LockSweep {
  /** Lock templates removed because their lease had ended. */
  readonly removed: string[];
  /** Deployments whose lock is live (a run holds it now). */
  readonly live: Set<string>;
  readonly warnings: string[];
  readonly errors: string[];
}

/** The deploy locks among managed resources, and everything else. */
export function splitLocks(resources: readonly ManagedResource[]): {
  locks: ManagedResource[];
  others: ManagedResource[];
} {
  return {
    locks: resources.filter((r) => isLockTemplate(r)),
    others: resources.filter((r) => !isLockTemplate(r)),
  };
}

/**
 * Reads each lock's live tags again (the listing may be older than the holder's last renewal)
 * and removes the stale ones, by id. A lock whose lease cannot be read is left alone, as the
 * janitor leaves any date it cannot read.
 */
export async function sweepLocks(
  client: EC2Client,
  region: string,
  locks: readonly ManagedResource[],
  nowMs: number,
): Promise<LockSweep> {
  const out: LockSweep = { removed: [], live: new Set(), warnings: [], errors: [] };
  for (const r of locks) {
    try {
      const info = await readLockById(client, region, r.id);
      if (info === undefined) continue;
      if (info.expiresAt === undefined) {
        out.warnings.push(
          `${region} ${r.id}: deploy lock without a readable ${TAG.lockExpiresAt}; left alone`,
        );
        out.live.add(r.deploymentId);
      } else if (await removeIfStale(client, region, info, nowMs)) {
        out.removed.push(r.id);
      } else if (nowMs <= info.staleAfterMs) {
        out.live.add(r.deploymentId);
        out.warnings.push(
          `${region}: deployment ${r.deploymentId} is locked by ${info.holder} since ${info.since}; left alone`,
        );
      }
    } catch (err) {
      out.errors.push(errorMessage(err));
    }
  }
  return out;
}
