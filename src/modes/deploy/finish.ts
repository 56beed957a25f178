import type { EC2Client } from '@aws-sdk/client-ec2';
import { terminateLaunched } from '../../aws/terminate-launched.js';
import { priceKey, spotPrices } from '../../aws/spot-price.js';
import { errorMessage } from '../../errors.js';
import type { Inputs } from '../../inputs/types.js';
import type { InstanceResult } from '../../report/results.js';
import type { Sink } from '../../report/sink.js';
import type { Sleep } from '../../time.js';
import { recordIds, STATE, type StateStore } from '../state.js';

// The report phase's EC2 work after delivery: prices, and retiring the failed instances.

/** Adds the spot price each instance pays; a price EC2 does not give stays unknown. */
export async function priceResults(
  results: InstanceResult[],
  ec2: (region: string) => EC2Client,
  sink: Sink,
  now: Date,
): Promise<void> {
  for (const region of new Set(results.map((r) => r.region))) {
    const here = results.filter((r) => r.region === region && r.lifecycle === 'spot');
    let prices: Map<string, string>;
    try {
      prices = await spotPrices(ec2(region), region, here, now);
    } catch (e) {
      sink.warning(`Spot prices are unknown: ${errorMessage(e)}`);
      continue;
    }
    for (const r of here) {
      const price = prices.get(priceKey(r.instanceType, r.availabilityZone ?? ''));
      if (price !== undefined) results[results.indexOf(r)] = { ...r, spotPrice: price };
    }
  }
}

/**
 * Failed instances this run launched cost money and serve nothing: terminate them now, unless the
 * user keeps everything (`cleanup: never`) to debug. Adopted ones are never touched here. They
 * are this run's CreateFleet ids, so NotFound is asked again (terminateLaunched); ids EC2 never
 * shows are not recorded as terminated, so the post step tries them again.
 */
export async function retireFailed(
  results: InstanceResult[],
  inputs: Inputs,
  deps: { sink: Sink; state: StateStore; ec2: (region: string) => EC2Client; sleep?: Sleep },
) {
  if (inputs.cleanup === 'never') return;
  const doomed = results.filter((r) => r.status === 'failed' && !r.adopted);
  for (const region of new Set(doomed.map((r) => r.region))) {
    const ids = doomed.filter((r) => r.region === region).map((r) => r.id);
    deps.sink.info(`${region}: terminating ${ids.length} failed instance(s): ${ids.join(', ')}`);
    try {
      const r = await terminateLaunched(deps.ec2(region), region, ids, {
        log: (m) => deps.sink.info(m),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      });
      recordIds(deps.state, STATE.terminated, region, [...r.terminated, ...r.alreadyGone]);
      if (r.unseen.length > 0)
        deps.sink.warning(
          `Could not terminate failed instances ${r.unseen.join(', ')}: EC2 answered InvalidInstanceID.NotFound and never showed them; the post step tries again`,
        );
    } catch (e) {
      // The post step tries again (they are still in the launched list).
      deps.sink.warning(
        `Could not terminate failed instances ${ids.join(', ')}: ${errorMessage(e)}`,
      );
    }
  }
}
