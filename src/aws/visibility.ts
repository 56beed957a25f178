/**
 * EC2 is eventually consistent: a security group or launch template this run has just created can
 * be unknown to the next call for a few seconds ("InvalidGroup.NotFound",
 * "InvalidLaunchTemplateId.NotFound"). Such answers are retried here with backoff, bounded in time
 * and count, and only for resources this run created: an id the user gave that is not found is
 * their mistake and stays an immediate error at the caller.
 */
import { AwsError, errorCode } from './aws-errors.js';
import { pollClock } from './wait.js';
import { formatDuration, type Sleep } from '../time.js';

/** AuthorizeSecurityGroupIngress right after CreateSecurityGroup. */
export const GROUP_NOT_VISIBLE: ReadonlySet<string> = new Set([
  'InvalidGroup.NotFound',
  'InvalidGroupId.NotFound',
]);

/** CreateFleet right after CreateLaunchTemplate(Version), thrown or per override in its errorSet. */
export const TEMPLATE_NOT_VISIBLE: ReadonlySet<string> = new Set([
  'InvalidLaunchTemplateId.NotFound',
  'InvalidLaunchTemplateId.Malformed',
  'InvalidLaunchTemplateId.VersionNotFound',
  'InvalidLaunchTemplateName.NotFoundException',
]);

/** About a minute: AWS documents seconds; past this something else is wrong. */
export const VISIBILITY_TIMEOUT_MS = 60_000;

export interface VisibilityOptions {
  readonly sleep?: Sleep | undefined;
  /** Milliseconds clock (Date.now by default). */
  readonly now?: (() => number) | undefined;
  readonly timeoutMs?: number | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

/** What is being retried, for the log and the final error. */
export interface VisibilityTarget {
  /** The EC2 action, e.g. `AuthorizeSecurityGroupIngress`. */
  readonly action: string;
  readonly region: string;
  /** "security group sg-1", "launch template lt-1 version 3". */
  readonly resource: string;
  /** The not-found codes that mean "not visible yet" for this call. */
  readonly codes: ReadonlySet<string>;
}

/**
 * Calls `attempt(n)` (n = 0, 1, …) until it neither throws one of `target.codes` nor returns a
 * result `notVisible` maps to one of them; pauses 0.5 s doubling to 5 s between attempts, within
 * `timeoutMs`. `n` lets a caller make each attempt distinct (a CreateFleet ClientToken must not
 * replay the answer of the failed attempt). Other errors are thrown as they are. When the time
 * runs out: an AwsError saying the resource never became visible.
 */
export async function untilVisible<T>(
  target: VisibilityTarget,
  attempt: (n: number) => Promise<T>,
  opts: VisibilityOptions & { readonly notVisible?: (result: T) => string | undefined } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? VISIBILITY_TIMEOUT_MS;
  const clock = pollClock(
    {
      timeoutMs,
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    },
    { minDelayMs: 500, maxDelayMs: 5_000 },
  );
  for (let n = 0; ; n++) {
    let code: string | undefined;
    let cause: unknown;
    try {
      const result = await attempt(n);
      code = opts.notVisible?.(result);
      if (code === undefined || !target.codes.has(code)) return result;
    } catch (err) {
      code = errorCode(err);
      if (!target.codes.has(code)) throw err;
      cause = err;
    }
    if (clock.expired()) {
      throw new AwsError(
        target.action,
        target.region,
        code,
        `Could not call ec2:${target.action} in ${target.region}: ${target.resource}, which this run has just created, never became visible to it (${code} for ${formatDuration(clock.elapsedMs(), { digits: 0 })}, ${n + 1} attempts). EC2 is eventually consistent and usually catches up within seconds: run again; if it persists, check the AWS Health Dashboard for ${target.region}.`,
        { cause },
      );
    }
    opts.log?.(
      `${target.region}: ${target.resource} not visible to ec2:${target.action} yet (${code}), retrying`,
    );
    await clock.pause();
  }
}
