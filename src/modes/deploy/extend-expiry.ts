/**
 * After delivery: the instances whose TTL this deploy re-armed, and their expires-at tags (with
 * the deployment's security group and launch template) moved to now + ttl-minutes.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { expiresAtAfter, refreshExpiry, type ExpiryUpdate } from '../../aws/expiry.js';
import { errorMessage } from '../../errors.js';
import type { Cleanup } from '../../inputs/types.js';
import type { InstanceStep } from '../../report/results.js';
import type { InstanceResult } from '../../report/results.js';
import type { Sink } from '../../report/sink.js';

/**
 * Steps that stop a delivery before the activation script writes ttl-minutes: the instance's
 * shutdown was not re-armed, so its tag must not promise more time than it has (an instance the
 * runner cannot reach is exactly the one the janitor must still collect).
 */
const BEFORE_TTL: ReadonlySet<InstanceStep> = new Set<InstanceStep>([
  'running',
  'connect',
  'prepare',
  'upload',
  'upload-verify',
  'env',
  'ttl-config',
  'internal',
]);

/**
 * The instances this deploy re-armed: ready, or failed after ttl-minutes was written; not the
 * skipped ones (untouched), nor the failed ones this run launched and is terminating.
 */
export function rearmed(results: readonly InstanceResult[], cleanup: Cleanup): InstanceResult[] {
  return results.filter((r) => {
    if (r.status === 'ready') return true;
    if (r.status !== 'failed' || r.step === undefined || BEFORE_TTL.has(r.step)) return false;
    return r.adopted || cleanup === 'never';
  });
}

/**
 * Moves the expiry of what this deploy re-armed, region by region. A refused call is a warning:
 * the release is out and each instance's own shutdown follows the new TTL; only the janitor's
 * view lags (it would collect the fleet at the old expiry), which the warning says.
 */
export async function extendExpiry(
  results: readonly InstanceResult[],
  o: { deploymentId: string; ttlMinutes: number; cleanup: Cleanup; now: Date },
  deps: { ec2: (region: string) => EC2Client; sink: Sink },
): Promise<ExpiryUpdate[]> {
  const expiresAt = expiresAtAfter(o.now, o.ttlMinutes);
  const reached = rearmed(results, o.cleanup);
  const out: ExpiryUpdate[] = [];
  for (const region of new Set(reached.map((r) => r.region))) {
    const ids = reached.filter((r) => r.region === region).map((r) => r.id);
    try {
      const u = await refreshExpiry(deps.ec2(region), region, o.deploymentId, ids, expiresAt);
      out.push(u);
      const what = `${u.instanceIds.length} instance(s), ${u.securityGroupIds.length} security group(s), ${u.launchTemplateIds.length} launch template(s)`;
      deps.sink.info(
        expiresAt === undefined
          ? `${region}: removed expires-at (ttl-minutes 0) from ${what}`
          : `${region}: expires-at ${expiresAt} on ${what}`,
      );
    } catch (e) {
      deps.sink.warning(
        `Could not move the expiry of ${ids.join(', ')} (${region}); the janitor may remove them at their previous expires-at: ${errorMessage(e)}`,
      );
    }
  }
  return out;
}
