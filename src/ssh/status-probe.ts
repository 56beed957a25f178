/**
 * mode reconcile's look at an instance: status.json, the `current` symlink and the sha256 of its
 * env file, read over SSH with the instance's pinned host key. Read-only: nothing is written,
 * started or uploaded. The env file holds secrets: only its digest leaves the instance.
 */
import { connect, exec } from './connect.js';
import type { Target } from './deliver-many.js';
import { mapBounded } from './pool.js';
import { DEFAULT_REMOTE, shq, withSudo, type RemoteLayout } from './remote-scripts.js';

/** Separates the `current` symlink's target from status.json in the probe's output. */
export const CURRENT_MARK = '__SPOT_DEPLOY_CURRENT__';
/** Precedes the env file's sha256 (`none` when the instance has no env file). */
export const ENV_MARK = '__SPOT_DEPLOY_ENV__';

/** What one instance said; `reachable: false` when no answer could be read. */
export type InstanceStatus =
  | {
      readonly id: string;
      readonly reachable: true;
      /** status.json's `state` (ready, failed, interrupted, …); undefined when there is none. */
      readonly state?: string;
      /** The release status.json is about. */
      readonly sha256?: string;
      /** The release `current` points to. */
      readonly current?: string;
      /** sha256 of /etc/spot-deploy/env (the services' environment); undefined when unknown. */
      readonly envSha256?: string;
    }
  | { readonly id: string; readonly reachable: false; readonly error: string };

export function statusProbeScript(r: RemoteLayout): string {
  const env = shq(r.envPath);
  return [
    // Before the current mark: everything after that line is status.json.
    `if ${withSudo(r.sudo, `test -f ${env}`)} 2>/dev/null; then`,
    `  e=$(${withSudo(r.sudo, `cat ${env}`)} 2>/dev/null | { openssl dgst -sha256 -r || sha256sum; } 2>/dev/null | cut -c1-64)`,
    'else e=none; fi',
    `echo "${ENV_MARK} $e"`,
    `echo "${CURRENT_MARK} $(readlink ${shq(r.currentPath)} 2>/dev/null)"`,
    `${withSudo(r.sudo, `cat ${shq(r.statusPath)}`)} 2>/dev/null`,
    'exit 0',
  ].join('\n');
}

const SHA = /^[0-9a-f]{64}$/;

/** Reads the probe's output (pure). */
export function readStatusProbe(id: string, stdout: string): InstanceStatus {
  const m = new RegExp(`${CURRENT_MARK} ([^\\n]*)\\n`).exec(stdout);
  if (m === null)
    return { id, reachable: false, error: 'the status probe printed nothing readable' };
  const target = (m[1] ?? '').trim().replace(/\/+$/, '');
  const current = target.slice(target.lastIndexOf('/') + 1);
  const e = new RegExp(`${ENV_MARK} ([0-9a-f]{64})\\n`).exec(stdout.slice(0, m.index));
  let status: { state?: unknown; sha256?: unknown } = {};
  try {
    const v: unknown = JSON.parse(stdout.slice(m.index + m[0].length));
    if (v !== null && typeof v === 'object') status = v;
  } catch {
    // No status.json (a fresh instance) or a torn one: no state.
  }
  return {
    id,
    reachable: true,
    ...(typeof status.state === 'string' ? { state: status.state } : {}),
    ...(typeof status.sha256 === 'string' && SHA.test(status.sha256)
      ? { sha256: status.sha256 }
      : {}),
    ...(SHA.test(current) ? { current } : {}),
    ...(e?.[1] !== undefined ? { envSha256: e[1] } : {}),
  };
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
      return readStatusProbe(t.id, x.stdout);
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
