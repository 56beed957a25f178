import type { EC2Client } from '@aws-sdk/client-ec2';
import { describeIds } from '../../aws/describe-instances.js';
import { errorMessage } from '../../errors.js';
import type { Sink } from '../../report/sink.js';
import type { InstanceResult } from '../../report/results.js';

const GONE = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);

/**
 * A delivery that failed because EC2 took the instance away (spot reclaim) looks like a lost
 * connection from the runner. Reading the failed instances' state once more says which it was.
 */
export async function refreshFailed(
  results: InstanceResult[],
  ec2: (region: string) => EC2Client,
  sink: Sink,
): Promise<void> {
  const failed = results.filter((r) => r.status === 'failed');
  for (const region of new Set(failed.map((r) => r.region))) {
    const here = failed.filter((r) => r.region === region);
    let found;
    try {
      ({ found } = await describeIds(
        ec2(region),
        region,
        here.map((r) => r.id),
      ));
    } catch (e) {
      sink.warning(
        `Could not read the state of the failed instances in ${region}: ${errorMessage(e)}`,
      );
      continue;
    }
    for (const i of found) {
      const n = results.findIndex((r) => r.id === i.InstanceId);
      const r = results[n];
      const state = i.State?.Name;
      if (!r || !state) continue;
      const why = i.StateReason?.Message || i.StateReason?.Code;
      const gone = GONE.has(state) ? `\nEC2 now reports it ${state}${why ? `: ${why}` : ''}` : '';
      results[n] = { ...r, state, ...(gone ? { error: `${r.error ?? ''}${gone}` } : {}) };
    }
  }
}
