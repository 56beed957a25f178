import { readEnv, redactor, secretValues } from '../inputs/env.js';
import { cleanDiagnostics } from './remote-scripts.js';

// The one door through which text from an instance (the agent's log tail, a script's stderr, the
// diagnostics, status.json's fields, a rollback's answer, an SSH error) enters the action's
// results and log. Delivery and rollback both hand every result and every log line through here,
// so a secret `env` value a failing setup.sh prints never reaches the `instances` output, the
// step summary, the PR comment or the log (the CLI's log has no runner masking at all).

export type Redact = (text: string) => string;

/** The redaction of every `env` value that can be a secret (inputs/env.ts: canBeSecret). */
export function envRedactor(env: string | ReadonlyArray<readonly [string, string]>): Redact {
  return redactor(secretValues(typeof env === 'string' ? readEnv(env) : env));
}

/** Fields the action writes itself: the target, the outcome, a step checked against the contract. */
const OWN_FIELDS: ReadonlySet<string> = new Set(['id', 'host', 'port', 'status', 'step']);

/**
 * Every other string field redacted, then the diagnostics shortened (in that order: a cut must
 * not leave the first half of a secret behind).
 */
export function sealResult<R extends { readonly diagnostics?: string }>(r: R, redact: Redact): R {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    out[k] = typeof v === 'string' && !OWN_FIELDS.has(k) ? redact(v) : v;
  }
  if (typeof out.diagnostics === 'string') out.diagnostics = cleanDiagnostics(out.diagnostics);
  return out as R;
}

/** A log that redacts each line. */
export function sealLog(
  log: ((line: string) => void) | undefined,
  redact: Redact,
): (line: string) => void {
  return (line) => log?.(redact(line));
}

/** The log line of a failed (sealed) result: where it failed and the last line of why. */
export function failureLine(
  r: { readonly step?: string; readonly error?: string },
  what: string,
): string {
  const last = (r.error ?? '').trim().split('\n').pop() ?? '';
  return `${what} at ${r.step ?? 'unknown'}: ${last.length > 300 ? `${last.slice(0, 300)}…` : last}`;
}
