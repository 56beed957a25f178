/**
 * What an instance runs, as one read: the `current` symlink's target, the sha256 of the env and
 * health-check files, and status.json, in one privileged call (they are root's). The upload
 * command says it before the bundle is sent (unchanged.ts decides from it); mode reconcile's
 * read-only probe (status-probe.ts) is this alone. The env file holds secrets: only its digest
 * leaves the instance.
 */
import { shq, withSudo, type RemoteLayout } from './remote-scripts.js';

/** Opens what the instance says it runs: the line goes on with `current`'s target. */
export const HAVE_MARK = '__SPOT_DEPLOY_HAVE__';
/** Ends it (the upload command then waits for the runner's answer). */
export const HAVE_END = '__SPOT_DEPLOY_HAVE_END__';

/** What the instance said it runs; absent fields were not there or not readable. */
export interface Have {
  /** The release `current` points to. */
  readonly current?: string;
  /** status.json's `state` (ready, failed, interrupted, …) and the release it is about. */
  readonly state?: string;
  readonly sha256?: string;
  /** sha256 of the env file, of the health-check file. */
  readonly envSha256?: string;
  readonly healthCheckSha256?: string;
}

/** Shell lines that print what the instance runs, from HAVE_MARK to HAVE_END; they never fail. */
export function haveScript(r: RemoteLayout): string[] {
  // sha256sum over openssl here: the files are small, and it starts in a millisecond.
  const read = [
    `sha256sum -- ${shq(r.envPath)} ${shq(r.healthCheckPath)} 2>/dev/null`,
    `cat ${shq(r.statusPath)} 2>/dev/null`,
    'exit 0',
  ].join('; ');
  return [
    `echo "${HAVE_MARK} $(readlink ${shq(r.currentPath)} 2>/dev/null)"`,
    `${withSudo(r.sudo, `sh -c ${shq(read)}`)} </dev/null 2>/dev/null`,
    `echo; echo ${HAVE_END}`,
  ];
}

const SHA = /^[0-9a-f]{64}$/;

/**
 * Reads haveScript's output (pure); undefined when it holds no HAVE_MARK … HAVE_END (nothing
 * readable came back).
 */
export function readHave(
  text: string,
  r: Pick<RemoteLayout, 'envPath' | 'healthCheckPath'>,
): Have | undefined {
  const start = text.indexOf(HAVE_MARK);
  const end = text.indexOf(`\n${HAVE_END}`, start);
  if (start < 0 || end < start) return undefined;
  const lines = text.slice(start, end).split('\n');
  const target = (lines[0] ?? '').slice(HAVE_MARK.length).trim().replace(/\/+$/, '');
  const current = target.slice(target.lastIndexOf('/') + 1);
  const digests = new Map<string, string>();
  let i = 1;
  for (; i < lines.length && !(lines[i] ?? '').startsWith('{'); i++) {
    // sha256sum's "<hex>  <path>" (a path it had to escape starts with '\': never matches).
    const m = /^([0-9a-f]{64}) [ *](.*)$/.exec(lines[i] ?? '');
    if (m?.[1] !== undefined && m[2] !== undefined) digests.set(m[2], m[1]);
  }
  let status: { state?: unknown; sha256?: unknown } = {};
  try {
    const v: unknown = JSON.parse(lines.slice(i).join('\n'));
    if (v !== null && typeof v === 'object') status = v;
  } catch {
    // No status.json (a fresh instance), a torn one, or none readable: nothing is known.
  }
  const env = digests.get(r.envPath);
  const hc = digests.get(r.healthCheckPath);
  return {
    ...(SHA.test(current) ? { current } : {}),
    ...(typeof status.state === 'string' ? { state: status.state } : {}),
    ...(typeof status.sha256 === 'string' && SHA.test(status.sha256)
      ? { sha256: status.sha256 }
      : {}),
    ...(env === undefined ? {} : { envSha256: env }),
    ...(hc === undefined ? {} : { healthCheckSha256: hc }),
  };
}
