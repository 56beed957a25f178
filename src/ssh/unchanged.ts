/**
 * Whether a delivery has anything to deliver (pure): what the upload command says the instance
 * runs (upload-script.ts), read and compared with what this deploy would put
 * there. Only a release the agent itself would call a no-op is skipped: status.json `ready` on
 * the same sha256 with `current` pointing at it, and the same env and health-check files (a
 * redeploy that changes either must still activate: the services read the env at start, the
 * agent runs the check). Anything unreadable or unknown means "upload".
 */
import { createHash } from 'node:crypto';
import type { Have } from './have.js';

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

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

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
