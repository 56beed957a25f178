import type { InstanceInfo, Lifecycle } from '../aws/types.js';
import type { DeliveryStep } from '../instance/contract.js';
import type { InstanceDelivery } from '../ssh/deliver-many.js';

/** Where an instance failed: `running` (launch and wait), or a step of its delivery. */
export type InstanceStep = 'running' | DeliveryStep;

/** One instance in the `instances` output and the summary. */
export interface InstanceResult {
  readonly id: string;
  readonly region: string;
  readonly availabilityZone?: string;
  readonly instanceType: string;
  readonly lifecycle: Lifecycle;
  /** USD per instance-hour at launch (spot market price in its AZ), when EC2 told us. */
  readonly spotPrice?: string;
  readonly publicIp?: string;
  readonly privateIp?: string;
  /** EC2 state when last seen. */
  readonly state?: string;
  /**
   * `skipped`: a rolling redeploy stopped before this instance's batch; it was not touched and
   * keeps serving the release it had (not a failure of this release).
   */
  readonly status: 'ready' | 'failed' | 'skipped';
  /** True when an earlier run launched it and this run redeployed to it. */
  readonly adopted: boolean;
  /** The phase that failed: launch, running, connect, upload, upload-verify, setup, … */
  readonly step?: InstanceStep;
  readonly error?: string;
  /** The bundle failed on the instance and the agent put this earlier ready release back. */
  readonly rolledBackTo?: string;
  /** Ready without an upload (the instance already ran this release, unchanged): says so. */
  readonly note?: string;
  readonly diagnostics?: string;
  /** mode rollback: the release (bundle sha256) active before, and after, when the instance said. */
  readonly sha256Before?: string;
  readonly sha256After?: string;
  /** The delivery batch it was in (1-based) and that batch's start and end (ISO 8601; none when skipped). */
  readonly batch?: InstanceBatch;
  /** Milliseconds since the deploy started (running) and since its delivery started (the rest). */
  readonly timings: {
    readonly runningMs?: number;
    readonly sshReadyMs?: number;
    readonly uploadedMs?: number;
    readonly activeMs?: number;
  };
}

export interface InstanceBatch {
  readonly number: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

function base(i: InstanceInfo, adopted: boolean) {
  return {
    id: i.id,
    region: i.region,
    ...(i.availabilityZone ? { availabilityZone: i.availabilityZone } : {}),
    instanceType: i.instanceType,
    lifecycle: i.lifecycle,
    ...(i.publicIp ? { publicIp: i.publicIp } : {}),
    ...(i.privateIp ? { privateIp: i.privateIp } : {}),
    ...(i.state ? { state: i.state } : {}),
    adopted,
  };
}

/** An instance that never reached delivery (not running, no address, host key unknown). */
export function failedBeforeDelivery(
  i: InstanceInfo,
  adopted: boolean,
  step: InstanceStep,
  error: string,
  runningMs?: number,
): InstanceResult {
  return {
    ...base(i, adopted),
    status: 'failed',
    step,
    error,
    timings: runningMs === undefined ? {} : { runningMs },
  };
}

/**
 * mode reconcile: an instance found serving (`ready`) or still launching (`skipped`), left as it
 * is: no upload, no timings.
 */
export function untouched(i: InstanceInfo, status: 'ready' | 'skipped'): InstanceResult {
  return { ...base(i, true), status, timings: {} };
}

/** An instance a stopped rolling redeploy never attempted: untouched, still on its release. */
export function skippedInRollout(
  i: InstanceInfo,
  adopted: boolean,
  batch: number,
  runningMs?: number,
): InstanceResult {
  return {
    ...base(i, adopted),
    status: 'skipped',
    batch: { number: batch },
    timings: runningMs === undefined ? {} : { runningMs },
  };
}

export function fromDelivery(
  i: InstanceInfo,
  adopted: boolean,
  d: InstanceDelivery,
  runningMs: number | undefined,
  batch?: InstanceBatch,
): InstanceResult {
  const { sshReadyMs, uploadedMs, activeMs } = d.timings;
  return {
    ...base(i, adopted),
    status: d.status,
    ...(d.step !== undefined && d.status === 'failed' ? { step: d.step } : {}),
    ...(d.error !== undefined ? { error: d.error } : {}),
    ...(d.rolledBackTo !== undefined && d.status === 'failed'
      ? { rolledBackTo: d.rolledBackTo }
      : {}),
    ...(d.note !== undefined && d.status === 'ready' ? { note: d.note } : {}),
    ...(d.diagnostics !== undefined ? { diagnostics: d.diagnostics } : {}),
    ...(batch === undefined ? {} : { batch }),
    timings: {
      ...(runningMs === undefined ? {} : { runningMs }),
      ...(sshReadyMs === undefined ? {} : { sshReadyMs }),
      ...(uploadedMs === undefined ? {} : { uploadedMs }),
      ...(activeMs === undefined ? {} : { activeMs }),
    },
  };
}

/** Why the step fails, listing each failed instance (or undefined when min-ready is met). */
export function verdict(results: readonly InstanceResult[], minReady: number, shortfall: number) {
  const ready = results.filter((r) => r.status === 'ready').length;
  const failed = results.filter((r) => r.status === 'failed');
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const kept = skipped > 0 ? `, ${skipped} skipped` : '';
  const line = `${ready} of ${results.length + shortfall} instance(s) ready${kept} (min-ready ${minReady})`;
  if (ready >= minReady) return { ok: true as const, line };
  const why = failureLines(failed);
  if (shortfall > 0)
    why.push(`  - ${shortfall} instance(s) could not be launched (see the launch errors above)`);
  return { ok: false as const, line: `${line}:\n${why.join('\n')}` };
}

/** One line per failed instance: where it failed and the first line of why. */
export function failureLines(failed: readonly InstanceResult[]): string[] {
  return failed.map((r) => {
    const first = (r.error ?? '').trim().split('\n')[0] ?? '';
    return `  - ${r.id} (${r.region}) failed at ${r.step ?? 'unknown'}: ${first.length > 300 ? `${first.slice(0, 300)}…` : first}`;
  });
}

/**
 * A rollback succeeds only when every instance found ended ready on its target: `min-ready` does
 * not apply, since an instance left on the release being rolled back from is the problem the
 * rollback was run to fix.
 */
export function rollbackVerdict(results: readonly InstanceResult[]) {
  const failed = results.filter((r) => r.status === 'failed');
  const line = `${results.length - failed.length} of ${results.length} instance(s) rolled back`;
  if (failed.length === 0) return { ok: true as const, line };
  return { ok: false as const, line: `${line}:\n${failureLines(failed).join('\n')}` };
}
