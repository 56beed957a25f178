/*
 * The per-run SSH rule of `ssh-cidr: runner`, as its description names it, and which such rules
 * are stale (pure: the clock is passed in).
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { withBlocks } from './ip-permissions.js';

/**
 * How long a runner rule may live: a GitHub-hosted job's limit (6 h). A rule older than that
 * belongs to a runner that died before its post step; the next deploy of the deployment and the
 * janitor remove it. A self-hosted job running longer may lose its rule to them.
 */
export const RUNNER_RULE_MAX_AGE_MS = 6 * 3600 * 1000;

const PREFIX = 'spot-deploy runner';

/** The rule's description: who owns it and since when (EC2 allows these characters). */
export function runnerRuleDescription(owner: string, at: Date): string {
  return `${PREFIX} ${owner} at=${at.toISOString()}`;
}

/** A runner rule's description read back; undefined when it is not one. `atMs` undefined: unreadable. */
export function parseRunnerRuleDescription(
  description: string | undefined,
): { owner: string; atMs: number | undefined } | undefined {
  if (description === undefined || !description.startsWith(`${PREFIX} `)) return undefined;
  const m = /^spot-deploy runner (run=\S+) at=(\S+)$/.exec(description);
  if (m === null) return { owner: '', atMs: undefined };
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(m[2] ?? '');
  const ms = iso ? Date.parse(m[2] ?? '') : NaN;
  return { owner: m[1] ?? '', atMs: Number.isNaN(ms) ? undefined : ms };
}

/**
 * The owner of this run's rule, from characters EC2 allows in a rule description: the workflow
 * run and attempt, or on the command line the process and host.
 */
export function runnerRuleOwner(
  ctx: { readonly runId?: string | undefined; readonly runAttempt?: string | undefined },
  cli: { readonly pid: number; readonly host: string },
): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
  if (ctx.runId) return `run=${safe(ctx.runId)}/${safe(ctx.runAttempt ?? '1')}`;
  return `run=cli-${cli.pid}@${safe(cli.host) || 'host'}`;
}

/**
 * Whether a range of an SSH rule is a live runner rule that a prune must leave alone: another
 * run's, younger than RUNNER_RULE_MAX_AGE_MS (a date in the future counts as young: clock skew).
 * An old one, or one whose date cannot be read, is not.
 */
export function isLiveRunnerRule(description: string | undefined, nowMs: number): boolean {
  const r = parseRunnerRuleDescription(description);
  if (r === undefined || r.atMs === undefined) return false;
  return nowMs - r.atMs < RUNNER_RULE_MAX_AGE_MS;
}

/**
 * The runner rules in `perms` that are stale at `nowMs` (older than RUNNER_RULE_MAX_AGE_MS, or
 * with no readable date), as exactly the ranges to revoke. Other rules are not looked at.
 */
export function staleRunnerRules(perms: readonly IpPermission[], nowMs: number): IpPermission[] {
  return perms.flatMap((p) => {
    const stale = (d: string | undefined) =>
      parseRunnerRuleDescription(d) !== undefined && !isLiveRunnerRule(d, nowMs);
    const v4 = (p.IpRanges ?? []).filter((r) => stale(r.Description));
    const v6 = (p.Ipv6Ranges ?? []).filter((r) => stale(r.Description));
    const revoke = withBlocks(p, {
      IpRanges: v4.map((r) => ({ CidrIp: r.CidrIp })),
      Ipv6Ranges: v6.map((r) => ({ CidrIpv6: r.CidrIpv6 })),
    });
    return revoke === undefined ? [] : [revoke];
  });
}
