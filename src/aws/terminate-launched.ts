/*
 * Terminating the instances this run's own CreateFleet answers named. EC2 is eventually
 * consistent: TerminateInstances may answer InvalidInstanceID.NotFound for an id launched seconds
 * ago, and AWS documents that this "doesn't mean that the instance is or will be terminated". For
 * ids from a tag search (destroy, the janitor, the post step's fallback) NotFound means gone and
 * terminateInstances stays idempotent; for fresh ids it means "ask again", and an id EC2 never
 * shows is a possible leak the caller must report loudly.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { classify, errorCode } from './aws-errors.js';
import { chunk, DESCRIBE_BATCH, describeIds } from './describe-instances.js';
import { TERMINATE_BATCH, terminateChunk } from './instances.js';
import { pollClock, type PollOptions } from './wait.js';

/** How long NotFound is retried for a fresh id: AWS's "seconds", with a wide margin. */
export const FRESH_NOT_FOUND_MS = 60_000;

/** States that mean EC2 has the instance going away (a spot reclaim, the TTL, an earlier call). */
const GOING = new Set(['shutting-down', 'terminated']);

export interface TerminateLaunchedResult {
  /** Ids this call moved towards termination. */
  readonly terminated: string[];
  /** Ids EC2 showed already terminated or shutting down (NotFound after that is fine too). */
  readonly alreadyGone: string[];
  /** Ids EC2 answered NotFound for until the time ran out and never showed: maybe still running. */
  readonly unseen: string[];
}

/**
 * Terminates `ids`, all from this run's CreateFleet answers. NotFound is retried with backoff
 * (1 s doubling to 8 s, within `timeoutMs`, 60 s by default; sleep and clock injectable) until
 * EC2 accepts the id or DescribeInstances shows it terminated or shutting down. What is still
 * unknown at the end comes back in `unseen`, never counted as terminated. Other errors throw.
 */
export async function terminateLaunched(
  client: EC2Client,
  region: string,
  ids: readonly string[],
  opts: Partial<PollOptions> = {},
): Promise<TerminateLaunchedResult> {
  const clock = pollClock(
    { ...opts, timeoutMs: opts.timeoutMs ?? FRESH_NOT_FOUND_MS },
    { minDelayMs: 1_000, maxDelayMs: 8_000 },
  );
  const terminated: string[] = [];
  const alreadyGone: string[] = [];
  let pending = [...new Set(ids)];
  let round = 0;
  // Bounded by the poll clock: its deadline and its poll count (a clock that never moves).
  while (pending.length > 0) {
    round++;
    const notFound: string[] = [];
    for (const batch of chunk(pending, TERMINATE_BATCH)) {
      const res = await terminateChunk(client, region, batch);
      notFound.push(...res.gone);
      for (const a of res.accepted)
        (a.previous === 'terminated' ? alreadyGone : terminated).push(a.id);
    }
    pending = notFound;
    if (pending.length === 0) break;
    // Was it there and gone already (reclaimed, its TTL, an earlier call)? Then it is done.
    pending = await stillUnknown(client, region, pending, alreadyGone, opts.log);
    if (pending.length === 0 || clock.expired()) break;
    opts.log?.(
      `${region}: EC2 does not know ${pending.join(', ')} yet (InvalidInstanceID.NotFound, try ${round}); asking again`,
    );
    await clock.pause();
  }
  if (terminated.length > 0) opts.log?.(`${region}: terminating ${terminated.join(', ')}`);
  return { terminated, alreadyGone, unseen: pending };
}

/** The ids DescribeInstances does not show going away; those it does are added to `gone`. */
async function stillUnknown(
  client: EC2Client,
  region: string,
  ids: readonly string[],
  gone: string[],
  log: ((m: string) => void) | undefined,
): Promise<string[]> {
  const left = new Set(ids);
  for (const batch of chunk(ids, DESCRIBE_BATCH)) {
    let res;
    try {
      res = await describeIds(client, region, batch);
    } catch (err) {
      // A look that failed proves nothing: the ids stay pending, TerminateInstances asks again.
      if (classify(errorCode(err)) !== 'throttling') throw err;
      log?.(`${region}: DescribeInstances throttled, backing off`);
      continue;
    }
    for (const inst of res.found) {
      const id = inst.InstanceId ?? '';
      if (left.has(id) && GOING.has(inst.State?.Name ?? '')) {
        left.delete(id);
        gone.push(id);
      }
    }
  }
  return [...left];
}
