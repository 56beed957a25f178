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
  readonly status: 'ready' | 'failed';
  /** True when an earlier run launched it and this run redeployed to it. */
  readonly adopted: boolean;
  /** The phase that failed: launch, running, connect, upload, upload-verify, setup, … */
  readonly step?: InstanceStep;
  readonly error?: string;
  /** The bundle failed on the instance and the agent put this earlier ready release back. */
  readonly rolledBackTo?: string;
  readonly diagnostics?: string;
  /** Milliseconds since the deploy started (running) and since its delivery started (the rest). */
  readonly timings: {
    readonly runningMs?: number;
    readonly sshReadyMs?: number;
    readonly uploadedMs?: number;
    readonly activeMs?: number;
  };
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

export function fromDelivery(
  i: InstanceInfo,
  adopted: boolean,
  d: InstanceDelivery,
  runningMs: number | undefined,
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
    ...(d.diagnostics !== undefined ? { diagnostics: d.diagnostics } : {}),
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
  const line = `${ready} of ${results.length + shortfall} instance(s) ready (min-ready ${minReady})`;
  if (ready >= minReady) return { ok: true as const, line };
  const why = failed.map((r) => {
    const first = (r.error ?? '').trim().split('\n')[0] ?? '';
    return `  - ${r.id} (${r.region}) failed at ${r.step ?? 'unknown'}: ${first.length > 300 ? `${first.slice(0, 300)}…` : first}`;
  });
  if (shortfall > 0)
    why.push(`  - ${shortfall} instance(s) could not be launched (see the launch errors above)`);
  return { ok: false as const, line: `${line}:\n${why.join('\n')}` };
}
