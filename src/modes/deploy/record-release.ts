/**
 * After delivery: the adopted instances that became ready on this release get its release tags
 * (launched ones got them at launch), so mode reconcile finds this bundle, not the one they were
 * launched with.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { recordRelease } from '../../aws/release-tags.js';
import type { Tags } from '../../aws/types.js';
import { errorMessage } from '../../errors.js';
import type { InstanceResult } from '../../report/results.js';
import type { Sink } from '../../report/sink.js';

/**
 * Tags the ready adopted instances, region by region. A refused call is a warning: the release
 * is out; only a later reconcile would read the older release from those instances' tags.
 */
export async function recordReadyRelease(
  results: readonly InstanceResult[],
  tags: Tags,
  deps: { ec2: (region: string) => EC2Client; sink: Sink },
): Promise<void> {
  const ready = results.filter((r) => r.status === 'ready' && r.adopted);
  for (const region of new Set(ready.map((r) => r.region))) {
    const ids = ready.filter((r) => r.region === region).map((r) => r.id);
    try {
      await recordRelease(deps.ec2(region), region, ids, tags);
    } catch (e) {
      deps.sink.warning(
        `Could not record the release on ${ids.join(', ')} (${region}); mode reconcile would read their previous release: ${errorMessage(e)}`,
      );
    }
  }
}
