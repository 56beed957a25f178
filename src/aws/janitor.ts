/*
 * The janitor (`deployment-id: expired`): every spot-deploy deployment past its expires-at, and
 * every deploy lock past its lease.
 */
import { errorMessage } from '../errors.js';
import {
  deleteInto,
  emptyReport,
  terminateForCleanup,
  type DestroyOptions,
  type DestroyReport,
  type RegionClient,
} from './destroy.js';
import { findManagedResources, type ManagedResource } from './destroy-resources.js';
import { findInstances } from './instances.js';
import { pruneStaleRunnerRules } from './runner-access.js';
import { splitLocks, sweepLocks, type LockSweep } from './lock-sweep.js';
import { TAG, type InstanceInfo, type Tags } from './types.js';

export interface JanitorReport extends DestroyReport {
  /** Resources left alone because their expiry could not be read. */
  readonly warnings: string[];
  /** Runner rules (`ssh-cidr: runner`) older than a job can live, removed: one line per group. */
  readonly runnerRulesRemoved?: string[];
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

/** One region's first pass: its instances and its deploy locks (the stale ones removed). */
interface Scan {
  readonly instances?: InstanceInfo[];
  readonly locks: LockSweep;
}

async function scanRegion({ region, client }: RegionClient, nowMs: number): Promise<Scan> {
  const locks: LockSweep = { removed: [], live: new Set(), warnings: [], errors: [] };
  let instances: InstanceInfo[];
  try {
    instances = await findInstances(client, region, { managedOnly: true });
  } catch (err) {
    // Without the instance list no deployment can be known to be empty: touch nothing.
    return { locks: { ...locks, errors: [errorMessage(err)] } };
  }
  try {
    // A lock whose lease ended guards nothing, whatever its deployment: removed.
    const { locks: found } = splitLocks(
      await findManagedResources(client, region, undefined, { securityGroups: false }),
    );
    return { instances, locks: await sweepLocks(client, region, found, nowMs) };
  } catch (err) {
    return { instances, locks: { ...locks, errors: [errorMessage(err)] } };
  }
}

async function janitorRegion(
  { region, client }: RegionClient,
  nowMs: number,
  scan: Scan,
  locked: ReadonlySet<string>,
  opts: DestroyOptions,
): Promise<JanitorReport> {
  const report: JanitorReport & { readonly runnerRulesRemoved: string[] } = {
    runnerRulesRemoved: [],
    ...emptyReport(region),
    launchTemplatesDeleted: [...scan.locks.removed],
    errors: [...scan.locks.errors],
    warnings: [],
  };
  const warn = (msg: string) => {
    report.warnings.push(msg);
    opts.log?.(msg);
  };
  for (const w of scan.locks.warnings) warn(w);
  const instances = scan.instances;
  if (instances === undefined) return report;
  try {
    // Every managed group, live deployments too: a rule this old outlived the run that added it.
    const removed = await pruneStaleRunnerRules(client, region, nowMs);
    report.runnerRulesRemoved.push(...removed);
    for (const line of removed) opts.log?.(line);
  } catch (err) {
    report.errors.push(errorMessage(err));
  }
  const expired: InstanceInfo[] = [];
  for (const i of instances) {
    // A run holds this deployment's lock: it is adopting or re-arming these instances right now.
    if (locked.has(i.tags?.[TAG.deployment] ?? '')) continue;
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
  const occupied = new Set([
    ...locked,
    ...instances.filter((i) => stillThere.has(i.id)).map((i) => i.tags?.[TAG.deployment] ?? ''),
  ]);

  try {
    // Locks were swept before (lockPass): never deleted here by the deployment's expires-at.
    const { others } = splitLocks(await findManagedResources(client, region));
    const deletable: ManagedResource[] = [];
    for (const r of others) {
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
 * Deploy locks whose lease ended are removed first; a deployment whose lock is live (a run is
 * working on it) is left alone entirely.
 */
export async function janitor(
  regions: readonly RegionClient[],
  now: Date,
  opts: DestroyOptions = {},
): Promise<JanitorReport[]> {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new Error('janitor needs a valid current time');
  // Locks first, in every region: a deployment locked in its first region is left alone in all.
  const scans = await Promise.all(regions.map((r) => scanRegion(r, nowMs)));
  const locked = new Set(scans.flatMap((s) => [...s.locks.live]));
  return Promise.all(
    regions.map((r, n) => janitorRegion(r, nowMs, scans[n] ?? scans[0]!, locked, opts)),
  );
}
