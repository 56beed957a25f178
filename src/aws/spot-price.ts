import {
  DescribeSpotPriceHistoryCommand,
  type _InstanceType,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError } from './aws-errors.js';
import type { InstanceInfo } from './types.js';

const MAX_PAGES = 10;

export const priceKey = (instanceType: string, availabilityZone: string): string =>
  `${instanceType}@${availabilityZone}`;

/**
 * The current spot price (USD per hour) of each instance's type in its AZ, for the summary's cost
 * line. A price is what the instance pays now, not a promise; any failure leaves it unknown
 * (the caller reports "unknown") rather than failing a deploy over a display value.
 */
export async function spotPrices(
  client: EC2Client,
  region: string,
  instances: readonly InstanceInfo[],
  now: Date,
): Promise<Map<string, string>> {
  const spot = instances.filter((i) => i.lifecycle === 'spot' && i.availabilityZone);
  const out = new Map<string, string>();
  if (spot.length === 0) return out;
  const wanted = new Set(spot.map((i) => priceKey(i.instanceType, i.availabilityZone ?? '')));
  const newest = new Map<string, number>();
  let token: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await client.send(
        new DescribeSpotPriceHistoryCommand({
          InstanceTypes: [...new Set(spot.map((i) => i.instanceType as _InstanceType))],
          ProductDescriptions: ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'],
          // A start time of now returns the price in force now for each type and AZ.
          StartTime: now,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const p of r.SpotPriceHistory ?? []) {
        if (!p.InstanceType || !p.AvailabilityZone || !p.SpotPrice) continue;
        const key = priceKey(p.InstanceType, p.AvailabilityZone);
        const at = p.Timestamp ? new Date(p.Timestamp).getTime() : 0;
        if (wanted.has(key) && at >= (newest.get(key) ?? -1)) {
          newest.set(key, at);
          out.set(key, p.SpotPrice);
        }
      }
      token = r.NextToken || undefined;
      if (!token || out.size === wanted.size) break;
    }
  } catch (err) {
    throw awsError('DescribeSpotPriceHistory', region, err, 'read spot prices');
  }
  return out;
}
