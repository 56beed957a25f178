/*
 * The two ways spot-deploy removes what it made: `destroyDeployment` (one deployment id, on
 * request, here) and `janitor` (every deployment past its expires-at, janitor.ts). Both share the
 * per-region report and the steps exported here.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { errorMessage } from '../errors.js';
import {
  deleteManagedResources,
  findManagedResources,
  type ManagedResource,
} from './destroy-resources.js';
import { findInstances, terminateInstances } from './instances.js';
import { splitLocks, sweepLocks } from './lock-sweep.js';
import type { PollOptions } from './wait.js';

export interface RegionClient {
  readonly region: string;
  readonly client: EC2Client;
}

export interface DestroyReport {
  readonly region: string;
  readonly instancesTerminated: string[];
  readonly securityGroupsDeleted: string[];
  readonly launchTemplatesDeleted: string[];
  /** One line per thing that could not be done; the other steps still ran. */
  readonly errors: string[];
}

export interface DestroyOptions extends Omit<PollOptions, 'timeoutMs'> {
  /** Bound on waiting for the instances of one region to terminate (default 5 min). */
  readonly terminateTimeoutMs?: number;
  /** Bound on retrying one security group that lingering ENIs keep in use (default 5 min). */
  readonly securityGroupTimeoutMs?: number;
  /** The deploy lock this destroy holds: its caller deletes it last, after everything else. */
  readonly ownLockId?: string;
}

export function emptyReport(region: string): DestroyReport {
  return {
    region,
    instancesTerminated: [],
    securityGroupsDeleted: [],
    launchTemplatesDeleted: [],
    errors: [],
  };
}

/**
 * Terminates `ids` and waits; returns false (with the reason in `report.errors`) when some were
 * not confirmed terminated, since their ENIs then still hold the security groups.
 */
export async function terminateForCleanup(
  client: EC2Client,
  region: string,
  ids: readonly string[],
  opts: DestroyOptions,
  report: DestroyReport,
): Promise<{ allGone: boolean; stillThere: Set<string> }> {
  if (ids.length === 0) return { allGone: true, stillThere: new Set() };
  const timeoutMs = opts.terminateTimeoutMs ?? 300_000;
  const t = await terminateInstances(client, region, ids, { ...opts, wait: true, timeoutMs });
  report.instancesTerminated.push(...t.terminated);
  if (t.notConfirmed.length === 0) return { allGone: true, stillThere: new Set() };
  const list = t.notConfirmed.map((x) => `${x.id} (${x.state})`).join(', ');
  report.errors.push(
    `${region}: not terminated after ${Math.round(timeoutMs / 1000)} s: ${list}; their security groups are left for the next run`,
  );
  return { allGone: false, stillThere: new Set(t.notConfirmed.map((x) => x.id)) };
}

async function destroyRegion(
  { region, client }: RegionClient,
  deploymentId: string,
  opts: DestroyOptions,
): Promise<DestroyReport> {
  const report = emptyReport(region);
  // Unknown until the instances are confirmed gone: deleting their security group before that
  // only burns the retry budget on DependencyViolation.
  let instancesGone = false;
  try {
    const found = await findInstances(client, region, { deploymentId });
    const ids = found.map((i) => i.id);
    instancesGone = (await terminateForCleanup(client, region, ids, opts, report)).allGone;
  } catch (err) {
    report.errors.push(errorMessage(err));
  }
  try {
    const { locks, others } = splitLocks(await findManagedResources(client, region, deploymentId));
    const deletable = instancesGone ? others : others.filter((r) => r.kind === 'launch-template');
    await deleteInto(report, client, region, deletable, opts);
    // Locks left in other regions (a deploy whose regions were in another order): the stale ones.
    const sweep = await sweepLocks(
      client,
      region,
      locks.filter((l) => l.id !== opts.ownLockId),
      (opts.now ?? Date.now)(),
    );
    report.launchTemplatesDeleted.push(...sweep.removed);
    report.errors.push(...sweep.errors);
    for (const w of sweep.warnings) opts.log?.(w);
  } catch (err) {
    report.errors.push(errorMessage(err));
  }
  return report;
}

/** Deletes managed resources and adds what happened to the region's report. */
export async function deleteInto(
  report: DestroyReport,
  client: EC2Client,
  region: string,
  resources: ManagedResource[],
  opts: DestroyOptions,
): Promise<void> {
  const del = await deleteManagedResources(client, region, resources, {
    ...opts,
    timeoutMs: opts.securityGroupTimeoutMs ?? 300_000,
  });
  report.securityGroupsDeleted.push(...del.securityGroupsDeleted);
  report.launchTemplatesDeleted.push(...del.launchTemplatesDeleted);
  report.errors.push(...del.errors);
}

/**
 * Removes one deployment in every given region (in parallel): its instances (terminated and
 * waited for), then the security groups and launch templates tagged with both its id and
 * managed=true. Idempotent: a second run finds nothing and reports nothing. Never throws for an
 * AWS failure: each region's report lists its errors.
 */
export async function destroyDeployment(
  regions: readonly RegionClient[],
  deploymentId: string,
  opts: DestroyOptions = {},
): Promise<DestroyReport[]> {
  // An empty tag value would match every resource tagged with an empty deployment id.
  if (deploymentId.trim() === '') throw new Error('destroy needs a non-empty deployment id');
  return Promise.all(regions.map((r) => destroyRegion(r, deploymentId, opts)));
}
