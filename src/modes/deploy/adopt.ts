import type { InstanceInfo } from '../../aws/types.js';
import { TAG } from '../../aws/types.js';
import { InputError } from '../../errors.js';
import { fingerprint } from '../../keys.js';

/** `SHA256:…` of a public key line (`type base64 [comment]`), as OpenSSH prints it. */
export function keyFingerprint(publicKeyLine: string): string {
  return fingerprint(Buffer.from(publicKeyLine.trim().split(/\s+/)[1] ?? '', 'base64'));
}

export interface Adoption {
  /** Running instances of the deployment that this run redeploys to (oldest first, ≤ count). */
  readonly kept: readonly InstanceInfo[];
  /** Running instances beyond `count`: the deployment converges by terminating them. */
  readonly surplus: readonly InstanceInfo[];
  /** Instances that are neither (stopping, stopped): left alone, reported. */
  readonly ignored: readonly InstanceInfo[];
}

const ADOPTABLE = new Set(['pending', 'running']);

/**
 * Decides what a deploy does with the instances its deployment id already has. Pure.
 *
 * A later run can only reach them with the key they authorise: the first run's key is either the
 * user's `ssh-private-key` (then every run holds it) or an ephemeral key that died with its run.
 * Both cases are checked before anything is launched, so the error comes first, not after a
 * half-converged fleet.
 */
export function chooseAdopted(
  found: readonly InstanceInfo[],
  count: number,
  deploymentId: string,
  userKey: { readonly publicKey: string } | undefined,
): Adoption {
  const live = found.filter((i) => ADOPTABLE.has(i.state ?? 'running'));
  const ignored = found.filter((i) => !ADOPTABLE.has(i.state ?? 'running'));
  if (live.length === 0) return { kept: [], surplus: [], ignored };
  const ids = live.map((i) => `${i.id} (${i.region})`).join(', ');
  if (userKey === undefined) {
    throw new InputError(
      'ssh-private-key',
      `deployment '${deploymentId}' already runs ${live.length} instance(s) (${ids}) that authorise the key of the run that launched them, which this run does not have. ` +
        'Set ssh-private-key (from a secret) so that every run of a deployment can reach its instances, or remove them first with mode: destroy.',
    );
  }
  const mine = keyFingerprint(userKey.publicKey);
  const foreign = live.filter((i) => {
    const theirs = i.tags?.[TAG.clientKey];
    return theirs !== undefined && theirs !== mine;
  });
  if (foreign.length > 0) {
    const f = foreign[0] as InstanceInfo;
    throw new InputError(
      'ssh-private-key',
      `deployment '${deploymentId}' has instances that authorise key ${String(f.tags?.[TAG.clientKey])} (${foreign.map((i) => i.id).join(', ')}), but this key is ${mine}. ` +
        'Use the same ssh-private-key secret as the run that launched them, or remove them first with mode: destroy.',
    );
  }
  const byAge = [...live].sort(
    (a, b) => (a.launchTime ?? '').localeCompare(b.launchTime ?? '') || a.id.localeCompare(b.id),
  );
  return { kept: byAge.slice(0, count), surplus: byAge.slice(count), ignored };
}

/**
 * How many new instances each region gets once `kept` are adopted: the plan's share minus what the
 * region already runs, trimmed from the last region so the total is exactly `count - kept`.
 */
export function launchCounts(
  planned: ReadonlyArray<{ readonly region: string; readonly count: number }>,
  kept: readonly InstanceInfo[],
  count: number,
): Array<{ region: string; count: number }> {
  const need = Math.max(0, count - kept.length);
  const want = planned.map((r) => ({
    region: r.region,
    count: Math.max(0, r.count - kept.filter((i) => i.region === r.region).length),
  }));
  let total = want.reduce((n, r) => n + r.count, 0);
  for (let i = want.length - 1; i >= 0 && total > need; i--) {
    const r = want[i] as { region: string; count: number };
    const cut = Math.min(r.count, total - need);
    r.count -= cut;
    total -= cut;
  }
  // Adopted instances may sit in regions the plan gives less to: the rest goes to the first region.
  if (total < need && want[0]) want[0].count += need - total;
  return want;
}
