/**
 * Whether a delivery has anything to deliver (pure): what the upload command says the instance
 * runs (upload-script.ts), read and compared with what this deploy would put
 * there. Only a release the agent itself would call a no-op is skipped: status.json `ready` on
 * the same sha256 with `current` pointing at it, and the same env and health-check files (a
 * redeploy that changes either must still activate: the services read the env at start, the
 * agent runs the check). Anything unreadable or unknown means "upload".
 */
import { createHash } from 'node:crypto';
import type { RemoteLayout } from './remote-scripts.js';
import { HAVE_END, HAVE_MARK } from './upload-script.js';

/** What the instance said it runs; absent fields were not there or not readable. */
export interface Have {
  readonly current?: string;
  readonly state?: string;
  readonly sha256?: string;
  /** sha256 of the env file, of the health-check file. */
  readonly envSha256?: string;
  readonly healthCheckSha256?: string;
}

/** What this delivery would leave on the instance. */
export interface Want {
  readonly sha256: string;
  /** The env file's text ('' for none: the file is written empty). */
  readonly envFile: string;
  /** The health-check command; '' removes the file; undefined leaves it alone (not compared). */
  readonly healthCheck?: string | undefined;
}

export type UploadDecision =
  | { readonly upload: true; readonly why: string }
  | { readonly upload: false; readonly note: string };

const SHA = /^[0-9a-f]{64}$/;
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reads the upload command's first words (from its first line to `HAVE_END`). */
export function readHave(head: string, r: Pick<RemoteLayout, 'envPath' | 'healthCheckPath'>): Have {
  const start = head.indexOf(HAVE_MARK);
  const end = head.indexOf(`\n${HAVE_END}`);
  if (start < 0 || end < start) return {};
  const lines = head.slice(start, end).split('\n');
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

/** Upload, or skip with the note the instance's result carries. */
export function decideUpload(have: Have, want: Want): UploadDecision {
  const sha12 = want.sha256.slice(0, 12);
  if (have.sha256 !== want.sha256 || have.current !== want.sha256)
    return { upload: true, why: `the instance does not run ${sha12}` };
  if (have.state !== 'ready')
    return { upload: true, why: `${sha12} is ${have.state ?? 'of unknown state'} there` };
  if (have.envSha256 !== sha256(want.envFile)) return { upload: true, why: 'the env file differs' };
  const hc = want.healthCheck;
  if (hc !== undefined && have.healthCheckSha256 !== (hc === '' ? undefined : sha256(`${hc}\n`)))
    return { upload: true, why: 'the health check differs' };
  return { upload: false, note: `unchanged: already running ${sha12}, nothing uploaded` };
}
