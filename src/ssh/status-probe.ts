/**
 * mode reconcile's look at an instance: what it runs (have.ts: status.json, the `current` symlink
 * and the sha256 of its env file), read over SSH with the instance's pinned host key. Read-only:
 * nothing is written, started or uploaded.
 */
import { connect, exec } from './connect.js';
import type { Target } from './deliver-many.js';
import { mapBounded } from './pool.js';
import { haveScript, readHave, type Have } from './have.js';
import { DEFAULT_REMOTE, shq, type RemoteLayout } from './remote-scripts.js';

/** What one instance said; `reachable: false` when no answer could be read. */
export type InstanceStatus =
  | ({ readonly id: string; readonly reachable: true } & Omit<Have, 'healthCheckSha256'>)
  | { readonly id: string; readonly reachable: false; readonly error: string };

/** The probe: what the instance runs (have.ts), and nothing else. */
export function statusProbeScript(r: RemoteLayout): string {
  return [...haveScript(r), 'exit 0'].join('\n');
}

/** Reads the probe's output (pure). */
export function readStatusProbe(
  id: string,
  stdout: string,
  r: Pick<RemoteLayout, 'envPath' | 'healthCheckPath'> = DEFAULT_REMOTE,
): InstanceStatus {
  const have = readHave(stdout, r);
  if (have === undefined)
    return { id, reachable: false, error: 'the status probe printed nothing readable' };
  const { healthCheckSha256: _, ...rest } = have;
  return { id, reachable: true, ...rest };
}

export interface StatusProbeOptions {
  readonly concurrency: number;
  readonly username: string;
  readonly privateKey: string;
  /** Bound on connecting to one instance (a live instance answers in seconds). */
  readonly connectDeadlineMs: number;
  readonly timeoutMs: number;
  readonly remote?: Partial<RemoteLayout>;
}

/** Probes every target, bounded in concurrency and time; results in the order of `targets`. */
export async function probeStatuses(
  targets: ReadonlyArray<Target & { hostKey: string }>,
  o: StatusProbeOptions,
): Promise<InstanceStatus[]> {
  const r: RemoteLayout = { ...DEFAULT_REMOTE, ...o.remote };
  const one = async (t: Target & { hostKey: string }): Promise<InstanceStatus> => {
    const client = await connect({
      host: t.host,
      port: t.port,
      username: o.username,
      privateKey: o.privateKey,
      hostKey: t.hostKey,
      deadlineMs: o.connectDeadlineMs,
    });
    try {
      const x = await exec(client, `sh -c ${shq(statusProbeScript(r))}`, undefined, {
        timeoutMs: o.timeoutMs,
      });
      return readStatusProbe(t.id, x.stdout, r);
    } finally {
      client.end();
    }
  };
  return mapBounded(targets, o.concurrency, one, (t, e): InstanceStatus => ({
    id: t.id,
    reachable: false,
    error: e,
  }));
}
