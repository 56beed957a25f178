import {
  DescribeInstancesCommand,
  type EC2Client,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import { AwsError, awsError, errorCode } from './aws-errors.js';
import type { InstanceInfo } from './types.js';

/** DescribeInstances refuses more ids than this in one call. */
export const DESCRIBE_BATCH = 1000;
/** Kept well under EC2's limit on values per filter. */
export const FILTER_VALUES = 200;
export const DEFAULT_MAX_PAGES = 50;

export const NOT_FOUND = 'InvalidInstanceID.NotFound';

type OptionalText =
  | 'availabilityZone'
  | 'subnetId'
  | 'state'
  | 'stateReason'
  | 'publicIp'
  | 'privateIp'
  | 'publicDns'
  | 'launchTime';

/** Maps the SDK's Instance to spot-deploy's view; empty strings EC2 uses for "none" become absent. */
export function toInstanceInfo(region: string, i: Instance): InstanceInfo {
  const tags: Record<string, string> = {};
  for (const t of i.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  const info: { -readonly [K in keyof InstanceInfo]: InstanceInfo[K] } = {
    id: i.InstanceId ?? '',
    region,
    instanceType: i.InstanceType ?? 'unknown',
    lifecycle: i.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
    tags,
  };
  const optional: [OptionalText, string | undefined][] = [
    ['availabilityZone', i.Placement?.AvailabilityZone],
    ['subnetId', i.SubnetId],
    ['state', i.State?.Name],
    ['stateReason', i.StateReason?.Message],
    ['publicIp', i.PublicIpAddress],
    ['privateIp', i.PrivateIpAddress],
    ['publicDns', i.PublicDnsName],
    ['launchTime', i.LaunchTime?.toISOString()],
  ];
  for (const [k, v] of optional) if (v !== undefined && v !== '') info[k] = v;
  return info;
}

/**
 * Instance ids named in an InvalidInstanceID.NotFound message ("The instance IDs 'i-1, i-2' do not
 * exist"), so the rest of a batch can be asked again without them.
 */
export function missingIds(err: unknown): string[] {
  const msg = err instanceof Error ? err.message : '';
  return [...new Set(msg.match(/\bi-[0-9a-f]+\b/g) ?? [])];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Paginated DescribeInstances over filters (never InstanceIds, so unknown ids are no error). */
export async function describeByFilters(
  client: EC2Client,
  region: string,
  filters: Filter[],
  maxPages = DEFAULT_MAX_PAGES,
): Promise<Instance[]> {
  const out: Instance[] = [];
  let token: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= maxPages) {
      throw new AwsError(
        'DescribeInstances',
        region,
        'TooManyPages',
        `Could not list instances in ${region}: more than ${maxPages} pages (${out.length} instances); narrow the filter`,
      );
    }
    let res;
    try {
      res = await client.send(
        new DescribeInstancesCommand({
          Filters: filters,
          MaxResults: DESCRIBE_BATCH,
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
      );
    } catch (err) {
      throw awsError('DescribeInstances', region, err, 'list instances');
    }
    for (const r of res.Reservations ?? []) out.push(...(r.Instances ?? []));
    const next = res.NextToken;
    // A token that does not move would loop for ever.
    if (next === undefined || next === '' || next === token) return out;
    token = next;
  }
}

/**
 * One DescribeInstances by id for up to DESCRIBE_BATCH ids. Ids EC2 does not know (yet, or any
 * more) come back in `missing` instead of failing the whole batch.
 */
export async function describeIds(
  client: EC2Client,
  region: string,
  ids: readonly string[],
): Promise<{ found: Instance[]; missing: string[] }> {
  let ask = [...ids];
  const missing: string[] = [];
  // Each NotFound removes at least one id, so this ends after at most ids.length + 1 calls.
  while (ask.length > 0) {
    try {
      const res = await client.send(new DescribeInstancesCommand({ InstanceIds: ask }));
      const found = (res.Reservations ?? []).flatMap((r) => r.Instances ?? []);
      return { found, missing };
    } catch (err) {
      if (errorCode(err) !== NOT_FOUND) throw awsError('DescribeInstances', region, err);
      const named = missingIds(err).filter((id) => ask.includes(id));
      // Unreadable message: count the whole batch as not visible this time.
      const gone = named.length > 0 ? named : ask;
      missing.push(...gone);
      ask = ask.filter((id) => !gone.includes(id));
    }
  }
  return { found: [], missing };
}
