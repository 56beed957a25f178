/**
 * The fleet across regions: which region is asked for which lifecycle and count, in what order.
 * Apart from fleet.ts, which launches in one region (pools, throttling, quotas); this module only
 * orders those launches and adds up what they got.
 *
 * Count rule (provisionFleet):
 *  1. Regions are tried in the given order; each asks for spot for its own count plus whatever
 *     the regions before it could not launch (so 0-count fallback regions only see shortfall).
 *  2. Spot still short after the last region: wrap around and ask, in order, every region that
 *     still has pools not ruled out (no capacity error, no spot quota) for the remaining count.
 *  3. Only when `onDemandFallback` is set and spot is still short, ask for on-demand region by
 *     region in the same order for what remains.
 *  4. Whatever is still missing is returned as `shortfall`; the caller decides if that fails.
 *  5. Every CreateFleet call that launched anything reports its instances to `onLaunched`
 *     before any other call, so an error or a cancellation later never leaks an instance.
 *
 * Only when nothing launched anywhere and every answer was a quota does the run fail, with each
 * region's reason (quotaExhaustedError).
 */
import { randomUUID } from 'node:crypto';
import { classify } from './aws-errors.js';
import { EXHAUSTED, launchInRegion, type OnLaunched, type RegionTarget } from './fleet.js';
import { quotaExhaustedError, type Pool } from './fleet-request.js';
import type { InstanceInfo, LaunchError, Lifecycle, Tags } from './types.js';
import type { Sleep } from '../time.js';

const noLog = (): void => {};

/** A region to launch in: where (template, subnets) and how many (not the plan's RegionPlan, which only names the region). */
export interface RegionLaunch extends RegionTarget {
  /** Instances wanted here; 0 for a fallback-only region. */
  readonly count: number;
}

export interface ProvisionOptions {
  readonly instanceTypes: readonly string[];
  readonly maxPrice?: string | undefined;
  readonly onDemandFallback: boolean;
  readonly tags: Tags;
  readonly onLaunched: OnLaunched;
  readonly sleep?: Sleep | undefined;
  readonly log?: ((line: string) => void) | undefined;
  readonly runToken?: string | undefined;
  readonly now?: (() => number) | undefined;
  /**
   * Whether "every region refused for a quota" fails the launch (default true). A scale-up of a
   * deployment that still has running instances passes false: the shortfall then goes to
   * min-ready like any other, with each region's reason in the launch errors.
   */
  readonly quotaIsFatal?: boolean | undefined;
}

export interface ProvisionResult {
  readonly instances: InstanceInfo[];
  readonly errors: LaunchError[];
  /** Instances asked for but not launched. */
  readonly shortfall: number;
}

/** Launches the planned counts across regions by the rule at the top of this file. */
export async function provisionFleet(
  regions: readonly RegionLaunch[],
  opts: ProvisionOptions,
): Promise<ProvisionResult> {
  const log = opts.log ?? noLog;
  const runToken = opts.runToken ?? randomUUID();
  const instances: InstanceInfo[] = [];
  const errors: LaunchError[] = [];
  const spotPools = new Map<string, Pool[]>();
  let seq = 0;

  const launch = async (r: RegionLaunch, lifecycle: Lifecycle, count: number, pools?: Pool[]) => {
    const res = await launchInRegion(
      {
        region: r.region,
        client: r.client,
        resources: r.resources,
        lifecycle,
        count,
        instanceTypes: opts.instanceTypes,
        maxPrice: opts.maxPrice,
        tags: opts.tags,
        pools,
      },
      // A distinct token per launch: asking a region again for the same count and pools must
      // launch again, not replay the earlier answer.
      {
        onLaunched: opts.onLaunched,
        sleep: opts.sleep,
        now: opts.now,
        log,
        runToken: `${runToken}/${seq++}`,
      },
    );
    instances.push(...res.instances);
    errors.push(...res.errors);
    if (lifecycle === 'spot') spotPools.set(r.region, res.pools);
    return count - res.instances.length;
  };

  let short = 0;
  try {
    for (const r of regions) {
      const ask = r.count + short;
      if (ask > 0) short = await launch(r, 'spot', ask);
    }
    for (const r of regions) {
      if (short <= 0) break;
      const pools = spotPools.get(r.region);
      if (pools === undefined || pools.length > 0) short = await launch(r, 'spot', short, pools);
    }
    if (opts.onDemandFallback)
      for (const r of regions) {
        if (short <= 0) break;
        short = await launch(r, 'on-demand', short);
      }
  } catch (err) {
    if (instances.length > 0)
      log(
        `fleet: stopping after ${instances.length} launched instance(s), already reported for cleanup`,
      );
    throw err;
  }
  // Every region (and lifecycle asked) refused for a quota: nothing here will change on a retry.
  const asked = regions.reduce((n, r) => n + r.count, 0);
  if (opts.quotaIsFatal !== false && instances.length === 0 && asked > 0 && errors.length > 0) {
    if (errors.every((e) => EXHAUSTED.has(classify(e.code))))
      throw quotaExhaustedError(asked, errors);
  }
  const spot = instances.filter((i) => i.lifecycle === 'spot').length;
  log(
    `fleet: launched ${instances.length} (spot ${spot}, on-demand ${instances.length - spot}); shortfall ${short}`,
  );
  return { instances, errors, shortfall: short };
}
