/**
 * The pure half of the fleet launcher: CreateFleet requests, InstanceInfo / LaunchError out of
 * its answers, and the AwsErrors it throws. No client, no I/O.
 */
import { createHash } from 'node:crypto';
import type {
  _InstanceType,
  CreateFleetCommandInput,
  CreateFleetError,
  CreateFleetInstance,
  CreateFleetResult,
  FleetLaunchTemplateOverridesRequest,
  TagSpecification,
} from '@aws-sdk/client-ec2';
import { AwsError, awsError, classify, type ErrorKind } from './aws-errors.js';
import { isBurstable } from './launch-options.js';
import type {
  InstanceInfo,
  LaunchError,
  Lifecycle,
  RegionResources,
  SubnetRef,
  Tags,
} from './types.js';
import { TEMPLATE_NOT_VISIBLE } from './visibility.js';

/** A capacity pool: one instance type in one subnet (so one AZ). */
export interface Pool {
  readonly instanceType: string;
  readonly subnet: SubnetRef;
}

export function poolKey(instanceType: string, subnetId: string): string {
  return `${instanceType}@${subnetId}`;
}

/** Every instance type in every subnet, types first so the request reads in the user's order. */
export function allPools(instanceTypes: readonly string[], subnets: readonly SubnetRef[]): Pool[] {
  return instanceTypes.flatMap((instanceType) =>
    subnets.map((subnet) => ({ instanceType, subnet })),
  );
}

export interface FleetRequestArgs {
  readonly resources: RegionResources;
  readonly lifecycle: Lifecycle;
  readonly count: number;
  readonly pools: readonly Pool[];
  readonly tags: Tags;
  /** USD per instance-hour; spot only (on-demand pays the list price). */
  readonly maxPrice?: string | undefined;
  readonly clientToken: string;
}

export function buildFleetRequest(a: FleetRequestArgs): CreateFleetCommandInput {
  // The subnet fixes the AZ; naming the AZ as well only adds a way to disagree with it.
  const override = (p: Pool): FleetLaunchTemplateOverridesRequest => ({
    InstanceType: p.instanceType as _InstanceType,
    SubnetId: p.subnet.subnetId,
    ...(a.lifecycle === 'spot' && a.maxPrice !== undefined ? { MaxPrice: a.maxPrice } : {}),
  });
  // T types of a mixed list launch from the version with their CreditSpecification (creditVersions).
  const lt = a.resources.launchTemplate;
  const versionOf = (p: Pool): string =>
    lt.burstableVersion !== undefined && isBurstable(p.instanceType)
      ? lt.burstableVersion
      : lt.version;
  const versions = [...new Set(a.pools.map(versionOf))];
  const configs = (versions.length > 0 ? versions : [lt.version]).map((Version) => ({
    LaunchTemplateSpecification: { LaunchTemplateId: lt.id, Version },
    Overrides: a.pools.filter((p) => versionOf(p) === Version).map(override),
  }));
  const tagList = Object.entries(a.tags).map(([Key, Value]) => ({ Key, Value }));
  const tagSpecs: TagSpecification[] =
    tagList.length === 0
      ? []
      : (['instance', 'volume'] as const).map((ResourceType) => ({ ResourceType, Tags: tagList }));
  return {
    Type: 'instant',
    ClientToken: a.clientToken,
    LaunchTemplateConfigs: configs,
    TargetCapacitySpecification: {
      TotalTargetCapacity: a.count,
      DefaultTargetCapacityType: a.lifecycle,
    },
    ...(a.lifecycle === 'spot'
      ? { SpotOptions: { AllocationStrategy: 'price-capacity-optimized' } }
      : { OnDemandOptions: { AllocationStrategy: 'lowest-price' } }),
    ...(tagSpecs.length > 0 ? { TagSpecifications: tagSpecs } : {}),
  };
}

/**
 * ClientToken makes an SDK-level retry of the same call idempotent (EC2 returns the first
 * answer instead of launching twice). It is derived from a per-run nonce plus everything that
 * makes this call distinct, so it is stable for the call and never reused by another call.
 * A sha256 in hex is exactly the 64 characters EC2 allows.
 */
export function clientToken(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export interface FleetOutcome {
  readonly instances: InstanceInfo[];
  readonly errors: LaunchError[];
}

/** Reads one CreateFleet answer; subnets map a SubnetId back to its AZ when EC2 leaves it out. */
export function readFleetResult(
  out: CreateFleetResult,
  region: string,
  lifecycle: Lifecycle,
  subnets: readonly SubnetRef[],
): FleetOutcome {
  const azOf = new Map(subnets.map((s) => [s.subnetId, s.availabilityZone]));
  const where = (e: CreateFleetInstance | CreateFleetError) => {
    const o = e.LaunchTemplateAndOverrides?.Overrides;
    const subnetId = ('SubnetId' in e ? e.SubnetId : undefined) ?? o?.SubnetId;
    const az =
      ('AvailabilityZone' in e ? e.AvailabilityZone : undefined) ??
      (subnetId !== undefined ? azOf.get(subnetId) : undefined) ??
      o?.AvailabilityZone;
    return {
      ...(subnetId !== undefined ? { subnetId } : {}),
      ...(az !== undefined ? { availabilityZone: az } : {}),
    };
  };
  const lc = (v: string | undefined): Lifecycle =>
    v === 'spot' || v === 'on-demand' ? v : lifecycle;

  const instances = (out.Instances ?? []).flatMap((i) => {
    const type = i.InstanceType ?? i.LaunchTemplateAndOverrides?.Overrides?.InstanceType ?? '';
    return (i.InstanceIds ?? []).map((id): InstanceInfo => ({
      id,
      region,
      instanceType: type,
      lifecycle: lc(i.Lifecycle),
      ...where(i),
    }));
  });
  const errors = (out.Errors ?? []).map((e): LaunchError => {
    const type = e.LaunchTemplateAndOverrides?.Overrides?.InstanceType;
    return {
      region,
      lifecycle: lc(e.Lifecycle),
      code: e.ErrorCode ?? 'Unknown',
      message: e.ErrorMessage ?? '',
      ...(type !== undefined ? { instanceType: type } : {}),
      ...where(e),
    };
  });
  return { instances, errors };
}

/** "InsufficientInstanceCapacity (c5.large in eu-west-1a) ×2, …" for the one-line log. */
export function summarizeErrors(errors: readonly LaunchError[]): string {
  if (errors.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const e of errors) {
    const where = [e.instanceType, e.availabilityZone ?? e.subnetId].filter(Boolean).join(' in ');
    const k = where === '' ? e.code : `${e.code} (${where})`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
}

/** An error names a pool when its type and subnet (those it gives) are the pool's. */
export function errorHitsPool(e: LaunchError, p: Pool): boolean {
  return (
    (e.instanceType === undefined || e.instanceType === p.instanceType) &&
    (e.subnetId === undefined || e.subnetId === p.subnet.subnetId)
  );
}

const DENIED = /^(UnauthorizedOperation|AccessDenied)/;

/** A CreateFleet failure as AwsError; a denial also lists what else an instant fleet needs. */
export function fleetError(
  region: string,
  lifecycle: Lifecycle,
  want: number,
  err: unknown,
): AwsError {
  const e = awsError('CreateFleet', region, err, `launch ${want} ${lifecycle} instance(s)`);
  if (!DENIED.test(e.code)) return e;
  const extra =
    '; an instant fleet also needs ec2:RunInstances and ec2:CreateTags, and iam:PassRole if the launch template has an instance profile';
  return new AwsError(e.action, e.region, e.code, e.message + extra, { cause: err });
}

const FATAL_ORDER: readonly ErrorKind[] = ['permission', 'quota', 'other'];

/** Every pool failed for a non-retryable reason: one AwsError, the most actionable code first. */
export function fleetErrorFromPools(
  region: string,
  lifecycle: Lifecycle,
  want: number,
  errors: readonly LaunchError[],
): AwsError {
  const rank = (e: LaunchError) => FATAL_ORDER.indexOf(classify(e.code));
  const first = [...errors].sort((a, b) => rank(a) - rank(b))[0];
  const cause = new Error(`${first?.message ?? ''} (pools: ${summarizeErrors(errors)})`);
  cause.name = first?.code ?? 'Unknown';
  return fleetError(region, lifecycle, want, cause);
}

/**
 * The code when a CreateFleet answer launched nothing and every per-override error says the
 * launch template does not exist (how EC2 reports a template it has not propagated yet).
 */
export function templateNotVisible(out: CreateFleetResult): string | undefined {
  if ((out.Instances ?? []).some((i) => (i.InstanceIds ?? []).length > 0)) return undefined;
  const codes = (out.Errors ?? []).map((e) => e.ErrorCode ?? '');
  if (codes.length === 0 || !codes.every((c) => TEMPLATE_NOT_VISIBLE.has(c))) return undefined;
  return codes[0];
}

/**
 * Nothing launched and every region refused for a quota: one AwsError listing each region's and
 * lifecycle's reason, so the user sees which quotas to raise where.
 */
export function quotaExhaustedError(want: number, errors: readonly LaunchError[]): AwsError {
  const reasons = new Map<string, string>();
  for (const e of errors) {
    const k = `${e.region} ${e.lifecycle}`;
    if (!reasons.has(k)) reasons.set(k, `${k}: ${e.code}${e.message ? ` (${e.message})` : ''}`);
  }
  const first = errors[0];
  return new AwsError(
    'CreateFleet',
    first?.region ?? '',
    first?.code ?? 'Unknown',
    `Could not launch ${want} instance(s): an EC2 service quota is reached in every region asked: ${[...reasons.values()].join('; ')}. Raise the quota (Service Quotas console, per region: "Running On-Demand … instances" or "All … Spot Instance Requests" in vCPUs) or ask for fewer or smaller instances.`,
  );
}
