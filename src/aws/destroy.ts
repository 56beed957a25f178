/*
 * The two ways spot-deploy removes what it made: `destroyDeployment` (one deployment id, on
 * request) and `janitor` (every deployment past its expires-at). Both share the per-region report.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { errorMessage } from '../errors.js';
import {
  deleteManagedResources,
  findManagedResources,
  type ManagedResource,
} from './destroy-resources.js';
import { findInstances, terminateInstances } from './instances.js';
import { TAG, type InstanceInfo, type Tags } from './types.js';
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
}

function emptyReport(region: string): DestroyReport {
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
async function terminateForCleanup(
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
    const resources = await findManagedResources(client, region, deploymentId);
    const deletable = instancesGone
      ? resources
      : resources.filter((r) => r.kind === 'launch-template');
    await deleteInto(report, client, region, deletable, opts);
  } catch (err) {
    report.errors.push(errorMessage(err));
  }
  return report;
}

/** Deletes managed resources and adds what happened to the region's report. */
async function deleteInto(
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

export interface JanitorReport extends DestroyReport {
  /** Resources left alone because their expiry could not be read. */
  readonly warnings: string[];
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date-time with an explicit zone, or undefined for
 * anything else: a date the janitor cannot read must never count as expired.
 */
export function parseExpiresAt(value: string): number | undefined {
  const m = ISO_8601.exec(value.trim());
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.parse rolls 2026-02-30 over to March; refuse it instead.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

type Expiry = 'expired' | 'live' | 'unreadable' | 'none';

function expiry(tags: Tags | undefined, nowMs: number): { kind: Expiry; raw?: string } {
  const raw = tags?.[TAG.expiresAt];
  if (raw === undefined) return { kind: 'none' };
  const at = parseExpiresAt(raw);
  if (at === undefined) return { kind: 'unreadable', raw };
  return { kind: at <= nowMs ? 'expired' : 'live', raw };
}

function unreadable(what: string, raw: string | undefined): string {
  return `${what}: ${TAG.expiresAt} '${raw ?? ''}' is not an ISO 8601 date-time with a zone; left alone`;
}

async function janitorRegion(
  { region, client }: RegionClient,
  nowMs: number,
  opts: DestroyOptions,
): Promise<JanitorReport> {
  const report: JanitorReport = { ...emptyReport(region), warnings: [] };
  const warn = (msg: string) => {
    report.warnings.push(msg);
    opts.log?.(msg);
  };

  let instances: InstanceInfo[];
  try {
    instances = await findInstances(client, region, { managedOnly: true });
  } catch (err) {
    // Without the instance list no deployment can be known to be empty: touch nothing.
    report.errors.push(errorMessage(err));
    return report;
  }
  const expired: InstanceInfo[] = [];
  for (const i of instances) {
    const e = expiry(i.tags, nowMs);
    if (e.kind === 'expired') expired.push(i);
    else if (e.kind === 'unreadable') warn(unreadable(`${region} ${i.id}`, e.raw));
    else if (e.kind === 'none') warn(`${region} ${i.id}: no ${TAG.expiresAt} tag; left alone`);
  }

  let stillThere = new Set(instances.map((i) => i.id));
  try {
    const t = await terminateForCleanup(
      client,
      region,
      expired.map((i) => i.id),
      opts,
      report,
    );
    const gone = new Set(expired.map((i) => i.id).filter((id) => !t.stillThere.has(id)));
    stillThere = new Set([...stillThere].filter((id) => !gone.has(id)));
  } catch (err) {
    report.errors.push(errorMessage(err));
  }
  const occupied = new Set(
    instances.filter((i) => stillThere.has(i.id)).map((i) => i.tags?.[TAG.deployment] ?? ''),
  );

  try {
    const resources = await findManagedResources(client, region);
    const deletable: ManagedResource[] = [];
    for (const r of resources) {
      if (occupied.has(r.deploymentId)) continue;
      const e = expiry(r.tags, nowMs);
      if (e.kind === 'expired') deletable.push(r);
      else if (e.kind === 'unreadable') warn(unreadable(`${region} ${r.id}`, e.raw));
    }
    await deleteInto(report, client, region, deletable, opts);
  } catch (err) {
    report.errors.push(errorMessage(err));
  }
  return report;
}

/**
 * Removes what spot-deploy left behind past its time, in every given region (in parallel):
 * instances whose `spot-deploy:expires-at` is at or before `now`, then managed security groups
 * and launch templates whose own expires-at is past and whose deployment has no instance left.
 * Anything without the deployment tag, unexpired, or with an unreadable date is never touched.
 */
export async function janitor(
  regions: readonly RegionClient[],
  now: Date,
  opts: DestroyOptions = {},
): Promise<JanitorReport[]> {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new Error('janitor needs a valid current time');
  return Promise.all(regions.map((r) => janitorRegion(r, nowMs, opts)));
}
