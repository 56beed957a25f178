import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import { classify, errorCode } from './aws-errors.js';
import { chunk, DESCRIBE_BATCH, describeIds, toInstanceInfo } from './describe-instances.js';
import { launchFailureHint } from './launch-failure.js';
import type { InstanceInfo } from './types.js';
import type { SshAddress } from '../inputs/types.js';
import { formatDuration, realSleep, type Sleep } from '../time.js';

/** What every polling loop here takes, so tests can run minutes of polling in milliseconds. */
export interface PollOptions {
  readonly timeoutMs: number;
  readonly sleep?: Sleep;
  /** Milliseconds clock (Date.now by default). */
  readonly now?: () => number;
  readonly log?: (message: string) => void;
  /** First pause between polls; it doubles up to maxDelayMs. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface PollClock {
  elapsedMs(): number;
  /** Past the deadline, or past the poll count the deadline allows (a clock that never moves). */
  expired(): boolean;
  /** Sleeps the current backoff (never past the deadline) and grows it. */
  pause(): Promise<void>;
}

export function pollClock(opts: PollOptions, defaults = { minDelayMs: 1_000, maxDelayMs: 5_000 }) {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const min = Math.max(1, opts.minDelayMs ?? defaults.minDelayMs);
  const max = Math.max(min, opts.maxDelayMs ?? defaults.maxDelayMs);
  const start = now();
  const deadline = start + Math.max(0, opts.timeoutMs);
  const maxPolls = Math.ceil(Math.max(0, opts.timeoutMs) / min) + 2;
  let delay = min;
  let polls = 0;
  const clock: PollClock = {
    elapsedMs: () => now() - start,
    expired: () => now() >= deadline || polls >= maxPolls,
    async pause() {
      polls++;
      await sleep(Math.max(0, Math.min(delay, deadline - now())));
      delay = Math.min(delay * 2, max);
    },
  };
  return clock;
}

export type WaitResult =
  | { readonly id: string; readonly ok: true; readonly info: InstanceInfo }
  | {
      readonly id: string;
      readonly ok: false;
      readonly reason: string;
      readonly info?: InstanceInfo;
    };

export interface WaitRunningOptions extends PollOptions {
  readonly address: SshAddress;
  /** How long an id may stay unknown to DescribeInstances (normal right after launch) before it fails. */
  readonly notFoundGraceMs?: number;
}

const DEAD_STATES = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);
const SPOT_REASON = /Server\.SpotInstance(Termination|Shutdown)/;

export function addressOf(info: InstanceInfo, kind: SshAddress): string | undefined {
  if (kind === 'public-ip') return info.publicIp;
  if (kind === 'private-ip') return info.privateIp;
  return info.publicDns;
}

/** Why an instance that should be starting is going away, with spot reclaims named as such. */
export function deathReason(i: Instance): string {
  const state = i.State?.Name ?? 'unknown';
  const code = i.StateReason?.Code ?? '';
  const message = i.StateReason?.Message ?? '';
  const why = message !== '' ? message : code !== '' ? code : 'EC2 gave no reason';
  if (SPOT_REASON.test(code) || SPOT_REASON.test(message))
    return `spot capacity reclaimed by EC2 (state ${state}: ${why})`;
  return `instance went ${state} while starting (${why})${launchFailureHint(code, message)}`;
}

/**
 * Polls until every id is `running` with the chosen address, or has failed. One DescribeInstances
 * per poll for all the ids still waiting (up to 1000 per call), backoff from 1 s to 5 s. Results
 * come back in the order of `ids`.
 */
export async function waitRunning(
  client: EC2Client,
  region: string,
  ids: readonly string[],
  opts: WaitRunningOptions,
): Promise<WaitResult[]> {
  const order = [...new Set(ids)];
  const clock = pollClock(opts);
  const grace = opts.notFoundGraceMs ?? 60_000;
  const waiting = new Set(order);
  const results = new Map<string, WaitResult>();
  const last = new Map<string, InstanceInfo>();
  const missingSince = new Map<string, number>();
  let logged = -1;
  const fail = (id: string, reason: string) => {
    const info = last.get(id);
    results.set(id, { id, ok: false, reason, ...(info !== undefined ? { info } : {}) });
    waiting.delete(id);
  };

  while (waiting.size > 0) {
    for (const batch of chunk([...waiting], DESCRIBE_BATCH)) {
      let res;
      try {
        res = await describeIds(client, region, batch);
      } catch (err) {
        // The SDK already retried; keep polling (still bounded) rather than give up the run.
        if (classify(errorCode(err)) !== 'throttling') throw err;
        opts.log?.(`${region}: DescribeInstances throttled, backing off`);
        continue;
      }
      for (const inst of res.found) {
        const info = toInstanceInfo(region, inst);
        if (!waiting.has(info.id)) continue;
        last.set(info.id, info);
        missingSince.delete(info.id);
        if (info.state !== undefined && DEAD_STATES.has(info.state))
          fail(info.id, deathReason(inst));
        else if (info.state === 'running' && addressOf(info, opts.address) !== undefined) {
          results.set(info.id, { id: info.id, ok: true, info });
          waiting.delete(info.id);
        }
      }
      for (const id of res.missing) {
        // Also after it was seen once: reads are eventually consistent, so only the grace decides.
        const since = missingSince.get(id) ?? clock.elapsedMs();
        missingSince.set(id, since);
        if (waiting.has(id) && clock.elapsedMs() - since >= grace)
          fail(
            id,
            `EC2 does not know this instance (InvalidInstanceID.NotFound for ${formatDuration(clock.elapsedMs() - since, { digits: 0 })})`,
          );
      }
    }
    if (waiting.size === 0 || clock.expired()) break;
    if (waiting.size !== logged) {
      opts.log?.(
        `${region}: waiting for ${waiting.size} instance(s) to be running with a ${opts.address}`,
      );
      logged = waiting.size;
    }
    await clock.pause();
  }

  for (const id of waiting) {
    const state = last.get(id)?.state ?? 'unknown to DescribeInstances';
    const hint =
      state === 'running' && opts.address !== 'private-ip'
        ? `; no ${opts.address} assigned: does the subnet give instances public addresses?`
        : '';
    fail(
      id,
      `not running with a ${opts.address} after ${formatDuration(clock.elapsedMs(), { digits: 0 })} (state ${state})${hint}`,
    );
  }
  return order.map((id) => results.get(id) ?? { id, ok: false, reason: 'not waited for' });
}

export interface TerminatedWait {
  /** Ids that reached `terminated` or that EC2 no longer knows. */
  readonly terminated: string[];
  /** Ids still not terminated when the time ran out, with their last state. */
  readonly remaining: { readonly id: string; readonly state: string }[];
}

/** Polls until every id is `terminated` (or purged), bounded by `timeoutMs`. */
export async function waitTerminated(
  client: EC2Client,
  region: string,
  ids: readonly string[],
  opts: PollOptions,
): Promise<TerminatedWait> {
  const clock = pollClock(opts, { minDelayMs: 2_000, maxDelayMs: 10_000 });
  const waiting = new Map([...new Set(ids)].map((id) => [id, 'unknown']));
  const terminated: string[] = [];
  const done = (id: string) => {
    if (waiting.delete(id)) terminated.push(id);
  };
  while (waiting.size > 0) {
    for (const batch of chunk([...waiting.keys()], DESCRIBE_BATCH)) {
      let res;
      try {
        res = await describeIds(client, region, batch);
      } catch (err) {
        if (classify(errorCode(err)) !== 'throttling') throw err;
        continue;
      }
      for (const id of res.missing) done(id);
      for (const inst of res.found) {
        const id = inst.InstanceId ?? '';
        if (inst.State?.Name === 'terminated') done(id);
        else if (waiting.has(id)) waiting.set(id, inst.State?.Name ?? 'unknown');
      }
    }
    if (waiting.size === 0 || clock.expired()) break;
    opts.log?.(`${region}: waiting for ${waiting.size} instance(s) to terminate`);
    await clock.pause();
  }
  return { terminated, remaining: [...waiting].map(([id, state]) => ({ id, state })) };
}
