/*
 * Finding and removing instances. The DescribeInstances primitives live in describe-instances.ts
 * so that wait.ts can use them without importing this module back.
 */
import { TerminateInstancesCommand, type EC2Client, type Filter } from '@aws-sdk/client-ec2';
import { awsError, errorCode } from './aws-errors.js';
import {
  chunk,
  describeByFilters,
  FILTER_VALUES,
  missingIds,
  NOT_FOUND,
  toInstanceInfo,
} from './describe-instances.js';
import { TAG, type InstanceInfo } from './types.js';
import { waitTerminated, type PollOptions } from './wait.js';

export { toInstanceInfo } from './describe-instances.js';

/** Which spot-deploy instances to look for. */
export type InstanceFilter =
  | { readonly deploymentId: string }
  | { readonly runId: string; readonly deploymentId?: string; readonly runAttempt?: string }
  | { readonly ids: readonly string[] }
  /** Every instance carrying the deployment tag key, whatever its value. */
  | { readonly managedOnly: true };

export interface FindOptions {
  /** Also leave out `shutting-down` instances (adoption wants only those that will live on). */
  readonly excludeShuttingDown?: boolean;
  /** Upper bound on DescribeInstances pages (1000 instances each). */
  readonly maxPages?: number;
}

function liveStates(excludeShuttingDown: boolean): string[] {
  const states = ['pending', 'running', 'stopping', 'stopped'];
  return excludeShuttingDown ? states : [...states, 'shutting-down'];
}

function tagFilters(filter: InstanceFilter): Filter[] {
  if ('ids' in filter) return [];
  if ('managedOnly' in filter) return [{ Name: 'tag-key', Values: [TAG.deployment] }];
  if ('runId' in filter) {
    return [
      { Name: `tag:${TAG.runId}`, Values: [filter.runId] },
      filter.deploymentId !== undefined
        ? { Name: `tag:${TAG.deployment}`, Values: [filter.deploymentId] }
        : // A run id alone is not unique across tools: keep to what spot-deploy tagged.
          { Name: 'tag-key', Values: [TAG.deployment] },
      ...(filter.runAttempt !== undefined
        ? [{ Name: `tag:${TAG.runAttempt}`, Values: [filter.runAttempt] }]
        : []),
    ];
  }
  return [{ Name: `tag:${TAG.deployment}`, Values: [filter.deploymentId] }];
}

/**
 * The instances matching `filter` in one region, `terminated` ones left out (and `shutting-down`
 * ones too with `excludeShuttingDown`).
 */
export async function findInstances(
  client: EC2Client,
  region: string,
  filter: InstanceFilter,
  opts: FindOptions = {},
): Promise<InstanceInfo[]> {
  const state: Filter = {
    Name: 'instance-state-name',
    Values: liveStates(opts.excludeShuttingDown ?? false),
  };
  const base = [...tagFilters(filter), state];
  const groups =
    'ids' in filter
      ? chunk([...new Set(filter.ids)], FILTER_VALUES).map((ids) => [
          ...base,
          { Name: 'instance-id', Values: ids },
        ])
      : [base];
  const seen = new Map<string, InstanceInfo>();
  for (const filters of groups) {
    for (const i of await describeByFilters(client, region, filters, opts.maxPages)) {
      // The filter already excludes them; kept in case an emulator or a race lets one through.
      if (i.InstanceId === undefined || i.State?.Name === 'terminated') continue;
      seen.set(i.InstanceId, toInstanceInfo(region, i));
    }
  }
  return [...seen.values()];
}

/** Ids per TerminateInstances call, kept at DescribeInstances' limit. */
export const TERMINATE_BATCH = 1000;

export interface TerminateOptions extends Partial<PollOptions> {
  /** Wait until every instance is `terminated` (bounded by timeoutMs, 5 min by default). */
  readonly wait?: boolean;
}

export interface TerminateResult {
  /** Ids this call moved towards termination (they were not already terminated). */
  readonly terminated: string[];
  /** Ids EC2 no longer knows or that were terminated already: nothing to do, not an error. */
  readonly alreadyGone: string[];
  /** With `wait`: ids still not `terminated` when the time ran out, with their last state. */
  readonly notConfirmed: { readonly id: string; readonly state: string }[];
}

export interface ChunkResult {
  accepted: { id: string; previous: string; current: string }[];
  /** Ids TerminateInstances answered InvalidInstanceID.NotFound for. */
  gone: string[];
}

/** One TerminateInstances round for up to TERMINATE_BATCH ids; NotFound ids are set apart. */
export async function terminateChunk(
  client: EC2Client,
  region: string,
  ids: readonly string[],
): Promise<ChunkResult> {
  const out: ChunkResult = { accepted: [], gone: [] };
  let ask = [...ids];
  // One unknown id fails the whole call: drop the ids EC2 names and ask again. Each round removes
  // at least one id, so this ends after at most ids.length + 1 calls.
  while (ask.length > 0) {
    try {
      const res = await client.send(new TerminateInstancesCommand({ InstanceIds: ask }));
      for (const t of res.TerminatingInstances ?? []) {
        if (t.InstanceId === undefined) continue;
        out.accepted.push({
          id: t.InstanceId,
          previous: t.PreviousState?.Name ?? 'unknown',
          current: t.CurrentState?.Name ?? 'unknown',
        });
      }
      return out;
    } catch (err) {
      if (errorCode(err) !== NOT_FOUND)
        throw awsError('TerminateInstances', region, err, `terminate ${ask.length} instance(s)`);
      const named = missingIds(err).filter((id) => ask.includes(id));
      if (named.length > 0) {
        out.gone.push(...named);
        ask = ask.filter((id) => !named.includes(id));
      } else if (ask.length === 1) {
        out.gone.push(...ask);
        ask = [];
      } else {
        // The message did not say which: one id per call settles it.
        for (const id of ask) {
          const one = await terminateChunk(client, region, [id]);
          out.accepted.push(...one.accepted);
          out.gone.push(...one.gone);
        }
        return out;
      }
    }
  }
  return out;
}

/**
 * Terminates `ids` in chunks. Idempotent: ids that are already terminated or unknown to EC2 are
 * reported in `alreadyGone`, not thrown. With `wait`, polls until they are all terminated.
 */
export async function terminateInstances(
  client: EC2Client,
  region: string,
  ids: readonly string[],
  opts: TerminateOptions = {},
): Promise<TerminateResult> {
  const terminated: string[] = [];
  const alreadyGone: string[] = [];
  const pending: string[] = [];
  for (const batch of chunk([...new Set(ids)], TERMINATE_BATCH)) {
    const res = await terminateChunk(client, region, batch);
    alreadyGone.push(...res.gone);
    for (const a of res.accepted) {
      if (a.previous === 'terminated') alreadyGone.push(a.id);
      else terminated.push(a.id);
      if (a.current !== 'terminated') pending.push(a.id);
    }
  }
  if (terminated.length > 0) opts.log?.(`${region}: terminating ${terminated.join(', ')}`);
  let notConfirmed: TerminateResult['notConfirmed'] = [];
  if (opts.wait === true && pending.length > 0) {
    const waited = await waitTerminated(client, region, pending, {
      ...opts,
      timeoutMs: opts.timeoutMs ?? 300_000,
    });
    notConfirmed = waited.remaining;
  }
  return { terminated, alreadyGone, notConfirmed };
}
