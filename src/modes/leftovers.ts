/*
 * What a post step that could not finish says: exactly what is left and how to remove it. Pure,
 * so the wording is tested without EC2.
 */
import type { CreatedResource } from '../aws/types.js';
import { CleanupError } from '../errors.js';

/** The commands that remove a deployment's resources, with valid credentials. */
export function removeCommand(deploymentId: string, regions: readonly string[]): string {
  const r = regions.join(',');
  return (
    `run \`mode: destroy\` with \`deployment-id: ${deploymentId}\` and \`regions: ${r}\` ` +
    `(command line: \`node dist/cli.js destroy --deployment-id ${deploymentId} --regions ${r}\`), ` +
    'or let the janitor (`mode: destroy` with `deployment-id: expired`) remove them once their ' +
    '`spot-deploy:expires-at` has passed'
  );
}

/** What the TTL does for instances nobody removes. */
export function ttlNote(ttlMinutes: number | undefined): string {
  if (ttlMinutes === 0)
    return 'ttl-minutes is 0: the instances run (and cost) until they are removed.';
  const within = ttlMinutes === undefined ? 'ttl-minutes' : `${ttlMinutes} minutes (ttl-minutes)`;
  return `Each instance also shuts itself down, and is terminated, ${within} after the last deploy that reached it.`;
}

export interface Leftovers {
  readonly deploymentId: string;
  /** Every region of the run, for the destroy command. */
  readonly regions: readonly string[];
  /** Instance ids per region that were not (known to be) terminated. */
  readonly instances: Readonly<Record<string, readonly string[]>>;
  /** Security groups and launch templates this run created, per region. */
  readonly created: Readonly<Record<string, readonly CreatedResource[]>>;
  readonly ttlMinutes: number | undefined;
  /** Per-run SSH rules (`ssh-cidr: runner`) that could not be revoked, one line each. */
  readonly runnerRules?: readonly string[];
  /** What already went wrong before the credentials were refused (other regions). */
  readonly problems?: readonly string[];
}

/**
 * The post step's credentials were refused (an assumed-role session that ended before the job):
 * nothing more can be done from here, so the error lists what is left, per region, and the ways
 * to remove it.
 */
export function credentialsExpiredError(
  code: string,
  region: string,
  left: Leftovers,
): CleanupError {
  const lines: string[] = [];
  for (const r of left.regions) {
    const ids = left.instances[r] ?? [];
    if (ids.length > 0) lines.push(`${r}: instances ${ids.join(', ')}`);
    for (const c of left.created[r] ?? [])
      lines.push(`${r}: ${c.kind} ${c.name} (${c.id}), created by this run`);
  }
  if (lines.length === 0) lines.push('no instance of this run is known to be left');
  lines.push(...(left.runnerRules ?? []));
  lines.push(...(left.problems ?? []));
  return new CleanupError(
    `spot-deploy post: the AWS credentials were refused (${code} in ${region}), so the post step ` +
      'could not clean up. Left behind',
    lines,
    `To remove them, with valid credentials: ${removeCommand(left.deploymentId, left.regions)}. ` +
      `${ttlNote(left.ttlMinutes)} ` +
      'Why: the job outlived its AWS session (keep the job timeout well under the OIDC ' +
      "role-duration-seconds; see docs/troubleshooting.md, 'Credentials expired before cleanup').",
  );
}
