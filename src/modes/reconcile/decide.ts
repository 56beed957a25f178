/**
 * mode reconcile's decisions (pure): which instances keep serving, which are replaced, which
 * release the replacements get and how many of them. No I/O: the instances EC2 lists and what each
 * said over SSH come in, a plan goes out.
 */
import { parseExpiresAt } from '../../aws/janitor.js';
import { readReleaseTags } from '../../aws/release-tags.js';
import { TAG, type InstanceInfo, type Tags } from '../../aws/types.js';
import type { InstanceStatus } from '../../ssh/status-probe.js';

export interface Replaced {
  readonly info: InstanceInfo;
  readonly why: string;
}

export interface ReconcilePlan {
  /** Ready on a release: never touched (no upload, no restart), only reported. */
  readonly healthy: readonly InstanceInfo[];
  /** Still pending (a launch in progress): counted, not probed, not touched. */
  readonly pending: readonly InstanceInfo[];
  /** Running but not serving: terminated and replaced. */
  readonly unhealthy: readonly Replaced[];
  /** The release the healthy instances run; undefined when none runs and no tag names one. */
  readonly sha256: string | undefined;
  /** The size the fleet is brought back to. */
  readonly size: number;
  /** Replacements to launch: size − healthy − pending (never negative). */
  readonly launch: number;
  /** Where the release's bundle is: the run and the artifact name, from an instance's tags. */
  readonly source: { readonly runId: string; readonly artifactName: string } | undefined;
}

/** Why a reachable instance is not serving, or undefined when it is. */
export function unhealthyBecause(s: InstanceStatus): string | undefined {
  if (!s.reachable) return `unreachable over SSH: ${s.error}`;
  if (s.state === undefined) return 'no status.json: no release was ever activated';
  if (s.state !== 'ready') return `its agent says ${s.state}`;
  if (s.current === undefined) return 'ready, but no current release';
  return undefined;
}

/**
 * True when instances were probed and not one answered over SSH. Then the runner's own path
 * (network, `ssh-cidr`, `ssh-address`, a wrong key) is the likelier cause than every instance
 * dying at once, and replacing them all would terminate a fleet that may be serving: the caller
 * refuses instead. One answer is enough to trust the path, and an instance that gives none is
 * then replaced.
 */
export function noneAnswered(statuses: readonly InstanceStatus[]): boolean {
  return statuses.length > 0 && statuses.every((s) => !s.reachable);
}

/**
 * The release most healthy instances run (ties: the one whose instance launched last, then
 * the smaller sha256, so that the choice never depends on EC2's order).
 */
function chooseRelease(
  healthy: ReadonlyArray<{ info: InstanceInfo; current: string }>,
  live: readonly InstanceInfo[],
): string | undefined {
  const votes = new Map<string, { n: number; newest: string }>();
  for (const h of healthy) {
    const v = votes.get(h.current) ?? { n: 0, newest: '' };
    const at = h.info.launchTime ?? '';
    votes.set(h.current, { n: v.n + 1, newest: at > v.newest ? at : v.newest });
  }
  const ranked = [...votes.entries()].sort(
    ([a, x], [b, y]) => y.n - x.n || y.newest.localeCompare(x.newest) || a.localeCompare(b),
  );
  if (ranked[0]) return ranked[0][0];
  // Nothing serves: the release the newest instance was given, as its tags say.
  const byAge = [...live].sort((a, b) => (b.launchTime ?? '').localeCompare(a.launchTime ?? ''));
  for (const i of byAge) {
    const sha = readReleaseTags(i.tags).sha256;
    if (sha !== undefined) return sha;
  }
  return undefined;
}

/**
 * From the deployment's live instances (pending or running; stopped ones are left out by the
 * caller) and the status of each running one: keep the ready ones, replace the others, and
 * launch up to the size recorded in the tags (`spot-deploy:count` of the instances on the
 * release; else `fallbackCount`, the `count` input).
 */
export function planReconcile(
  live: readonly InstanceInfo[],
  statuses: readonly InstanceStatus[],
  fallbackCount: number,
): ReconcilePlan {
  const byId = new Map(statuses.map((s) => [s.id, s]));
  const pending = live.filter((i) => i.state === 'pending');
  const healthy: Array<{ info: InstanceInfo; current: string }> = [];
  const unhealthy: Replaced[] = [];
  for (const info of live) {
    if (info.state === 'pending') continue;
    const s = byId.get(info.id) ?? { id: info.id, reachable: false, error: 'not probed' };
    const why = unhealthyBecause(s);
    if (why === undefined && s.reachable && s.current !== undefined)
      healthy.push({ info, current: s.current });
    else unhealthy.push({ info, why: why ?? 'not serving' });
  }
  const sha256 = chooseRelease(healthy, live);
  const onRelease = live.filter((i) => readReleaseTags(i.tags).sha256 === sha256);
  const counts = onRelease.map((i) => readReleaseTags(i.tags).count ?? 0).filter((n) => n > 0);
  const size = counts.length > 0 ? Math.max(...counts) : fallbackCount;
  const launch = Math.max(0, size - healthy.length - pending.length);
  const tagged = onRelease
    .map((i) => readReleaseTags(i.tags))
    .find((t) => t.runId !== undefined && t.artifactName !== undefined);
  const source =
    tagged?.runId !== undefined && tagged.artifactName !== undefined
      ? { runId: tagged.runId, artifactName: tagged.artifactName }
      : undefined;
  return {
    healthy: healthy.map((h) => h.info),
    pending,
    unhealthy,
    sha256,
    size,
    launch,
    source,
  };
}

/**
 * The ready instances whose env file differs from the one the replacements would get (the step's
 * `env`, as `wantSha256` of the rendered file). The env is not in the artifact (it holds
 * secrets): a replacement gets the step's, so a step that does not pass the deploy's env would
 * start the release without its variables. Instances that could not say are not counted.
 */
export function envDiffers(
  healthy: readonly InstanceInfo[],
  statuses: readonly InstanceStatus[],
  wantSha256: string,
): string[] {
  const ids = new Set(healthy.map((i) => i.id));
  return statuses
    .filter(
      (s) =>
        ids.has(s.id) && s.reachable && s.envSha256 !== undefined && s.envSha256 !== wantSha256,
    )
    .map((s) => s.id);
}

/** Replacements launched closer than this to the fleet's expiry would hardly serve. */
export const MIN_REPLACEMENT_LIFE_MS = 10 * 60_000;

export type ReplacementTtl =
  { readonly ttlMinutes: number } | { readonly expiredAt: string; readonly why: string };

/**
 * The TTL the replacements get: what is left of the fleet's, never a fresh one. A reconcile is
 * not activity (only deploy and rollback move the expiry, aws/expiry.ts): a replacement with a
 * new `ttl-minutes` would outlive its fleet, and a scheduled reconcile would keep an expired fleet
 * alive for ever. `tags` are those of the deployment's live instances and its own security group
 * and launch template (each carries `spot-deploy:expires-at`, moved together by every deploy);
 * the latest date wins. One without the tag means a fleet with no time limit (`ttl-minutes: 0`),
 * so the replacements get none either; an unreadable date counts as none too, as the janitor
 * never expires it. With nothing to go by, the step's own `ttl-minutes` applies.
 */
export function replacementTtl(
  tags: ReadonlyArray<Tags | undefined>,
  nowMs: number,
  stepTtlMinutes: number,
): ReplacementTtl {
  if (tags.length === 0) return { ttlMinutes: stepTtlMinutes };
  const dates = tags.map((t) => {
    const raw = t?.[TAG.expiresAt];
    return raw === undefined ? undefined : parseExpiresAt(raw);
  });
  if (dates.some((d) => d === undefined)) return { ttlMinutes: 0 };
  const until = Math.max(...(dates as number[]));
  const expiredAt = new Date(until).toISOString().replace(/\.\d+Z$/, 'Z');
  if (until - nowMs < MIN_REPLACEMENT_LIFE_MS)
    return {
      expiredAt,
      why:
        until <= nowMs
          ? `the fleet expired at ${expiredAt}`
          : `the fleet expires at ${expiredAt}, in less than ${MIN_REPLACEMENT_LIFE_MS / 60_000} minutes`,
    };
  return { ttlMinutes: Math.ceil((until - nowMs) / 60_000) };
}

/**
 * The pull request the deployment was deployed from: the `spot-deploy:pr` tag of its newest
 * instance that carries one (a deployment id can be redeployed from another PR). A scheduled
 * reconcile has no pull request of its own: this is where its comment goes, and what its
 * replacements are tagged with so the next reconcile still finds it.
 */
export function deploymentPr(instances: readonly InstanceInfo[]): number | undefined {
  const byAge = [...instances].sort((a, b) =>
    (b.launchTime ?? '').localeCompare(a.launchTime ?? ''),
  );
  for (const i of byAge) {
    const tag = i.tags?.[TAG.pr] ?? '';
    if (/^[1-9][0-9]{0,9}$/.test(tag)) return Number(tag);
  }
  return undefined;
}
