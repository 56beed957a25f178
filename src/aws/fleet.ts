/**
 * The spot fleet launcher of one region: CreateFleet `instant` for one lifecycle, with fallbacks
 * across the region's pools. The order regions are asked in is fleet-regions.ts's count rule.
 *
 * Within one region (launchInRegion), pools (type × subnet) that answered with a capacity error
 * are dropped and the remainder is asked again, bounded by MAX_CALLS. A quota (spot count, vCPUs,
 * instances, fleets) ends that lifecycle in that region only: quotas are per region, so the next
 * region is asked (fleet-regions.ts).
 *
 * The launch template was created (or given a version) by this run moments before: CreateFleet
 * answering that it does not exist is EC2's eventual consistency, waited out (untilVisible).
 */
import { randomUUID } from 'node:crypto';
import { CreateFleetCommand, type CreateFleetResult, type EC2Client } from '@aws-sdk/client-ec2';
import { classify, errorCode, type ErrorKind } from './aws-errors.js';
import {
  allPools,
  buildFleetRequest,
  clientToken,
  errorHitsPool,
  fleetError,
  fleetErrorFromPools,
  poolKey,
  templateNotVisible,
  readFleetResult,
  summarizeErrors,
  type Pool,
} from './fleet-request.js';
import type { InstanceInfo, LaunchError, Lifecycle, RegionResources, Tags } from './types.js';
import { TEMPLATE_NOT_VISIBLE, untilVisible } from './visibility.js';
import { errorMessage } from '../errors.js';
import { realSleep, type Sleep } from '../time.js';

export type { Pool } from './fleet-request.js';
export type OnLaunched = (instances: readonly InstanceInfo[]) => void | Promise<void>;

/** CreateFleet calls per launchInRegion, throttling retries included: a stubborn API cannot loop us. */
export const MAX_CALLS = 8;
/** Backoffs after throttling, on top of the SDK's own retries: 1, 2, 4, 8 s. */
export const MAX_THROTTLE_RETRIES = 4;
const BACKOFF_BASE_MS = 1_000;

export interface RegionTarget {
  readonly region: string;
  readonly client: EC2Client;
  readonly resources: RegionResources;
}

export interface LaunchRequest extends RegionTarget {
  readonly lifecycle: Lifecycle;
  readonly count: number;
  readonly instanceTypes: readonly string[];
  readonly maxPrice?: string | undefined;
  readonly tags: Tags;
  /** Pools still worth asking (default: every instance type × every subnet). */
  readonly pools?: readonly Pool[] | undefined;
}

export interface LaunchOptions {
  readonly onLaunched: OnLaunched;
  readonly sleep?: Sleep | undefined;
  readonly log?: ((line: string) => void) | undefined;
  /** Per-run nonce the ClientTokens derive from (default: a random UUID). */
  readonly runToken?: string | undefined;
  /** Milliseconds clock for the wait on a just-created launch template (Date.now by default). */
  readonly now?: (() => number) | undefined;
}

export interface LaunchResult {
  readonly instances: InstanceInfo[];
  readonly errors: LaunchError[];
  /** Pools not ruled out by this attempt: empty when the region has no more of this lifecycle. */
  readonly pools: Pool[];
}

const noLog = (): void => {};

const FATAL: ReadonlySet<ErrorKind> = new Set(['permission', 'other']);
/** Region-wide for the lifecycle: no other pool of this region will do better. */
export const EXHAUSTED: ReadonlySet<ErrorKind> = new Set(['spot-quota', 'quota']);

/**
 * Launches up to `req.count` instances of one lifecycle in one region. Returns what launched and
 * every error EC2 reported; throws AwsError only when retrying elsewhere cannot help.
 */
export async function launchInRegion(
  req: LaunchRequest,
  opts: LaunchOptions,
): Promise<LaunchResult> {
  const sleep = opts.sleep ?? realSleep;
  const log = opts.log ?? noLog;
  const runToken = opts.runToken ?? randomUUID();
  const { region, lifecycle } = req;
  let pools = [...(req.pools ?? allPools(req.instanceTypes, req.resources.subnets))];
  const instances: InstanceInfo[] = [];
  const errors: LaunchError[] = [];
  let throttles = 0;

  for (let call = 0; call < MAX_CALLS; call++) {
    const want = req.count - instances.length;
    if (want <= 0 || pools.length === 0) break;
    const keys = pools.map((p) => poolKey(p.instanceType, p.subnet.subnetId));
    const token = clientToken([runToken, region, lifecycle, call, want, ...keys]);
    const input = buildFleetRequest({ ...req, count: want, pools, clientToken: token });
    const line = (launched: number, errs: readonly LaunchError[]) =>
      log(
        `CreateFleet ${region} ${lifecycle}: asked ${want}, launched ${launched} (${pools.length} pools); errors: ${summarizeErrors(errs)}`,
      );

    const lt = req.resources.launchTemplate;
    // Each retry its own ClientToken: with the first one EC2 would replay the NotFound answer.
    const send = (n: number) =>
      req.client.send(
        new CreateFleetCommand(
          n === 0 ? input : { ...input, ClientToken: clientToken([token, 'visible', n]) },
        ),
      );
    let out: CreateFleetResult;
    try {
      out = await untilVisible(
        {
          action: 'CreateFleet',
          region,
          resource: `launch template ${lt.id} version ${lt.version}`,
          codes: TEMPLATE_NOT_VISIBLE,
        },
        send,
        { sleep, now: opts.now, log, notVisible: templateNotVisible },
      );
    } catch (err) {
      const code = errorCode(err);
      const kind = classify(code);
      const e: LaunchError = { region, lifecycle, code, message: errorMessage(err) };
      line(0, [e]);
      if (kind === 'throttling' && throttles < MAX_THROTTLE_RETRIES) {
        await sleep(BACKOFF_BASE_MS * 2 ** throttles++);
        continue;
      }
      // Whole-request answers that another region (or on-demand) may not get: report, move on.
      if (kind === 'throttling' || kind === 'capacity' || EXHAUSTED.has(kind)) {
        errors.push(e);
        if (kind !== 'throttling') pools = [];
        break;
      }
      throw fleetError(region, lifecycle, want, err);
    }

    const got = readFleetResult(out, region, lifecycle, req.resources.subnets);
    // First thing after the call: the caller records the ids for cleanup before we go on.
    if (got.instances.length > 0) await opts.onLaunched(got.instances);
    instances.push(...got.instances);
    errors.push(...got.errors);
    line(got.instances.length, got.errors);

    const kinds = got.errors.map((e) => classify(e.code));
    // Per-override permission/quota/invalid-parameter errors can be pool-specific (an SCP that
    // denies some types, a type that does not fit the AMI's architecture), so while some pool
    // works they only drop their pool and stay in `errors`. When nothing has launched in this
    // region and no error so far says "capacity/throttling, try elsewhere", the configuration is
    // wrong everywhere: fail loudly instead of rolling the same mistake over to every region.
    const capacitySeen = errors.some((e) => classify(e.code) === 'capacity');
    if (
      instances.length === 0 &&
      !capacitySeen &&
      kinds.length > 0 &&
      kinds.every((k) => FATAL.has(k))
    )
      throw fleetErrorFromPools(region, lifecycle, want, got.errors);
    // A spot-count quota ends spot here; per-pool vCPU/instance quotas (they are per instance
    // family) only drop their pools below, which ends the region once every pool has one.
    if (kinds.includes('spot-quota')) {
      pools = [];
      break;
    }
    const dead = got.errors.filter((e) => classify(e.code) !== 'throttling');
    const before = pools.length;
    pools = pools.filter((p) => !dead.some((e) => errorHitsPool(e, p)));
    if (kinds.includes('throttling')) {
      if (throttles >= MAX_THROTTLE_RETRIES) break;
      await sleep(BACKOFF_BASE_MS * 2 ** throttles++);
      continue;
    }
    // The same request again would get the same answer.
    if (got.instances.length === 0 && pools.length === before) break;
  }
  return { instances, errors, pools };
}
