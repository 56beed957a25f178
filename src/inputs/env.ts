import { InputError } from '../errors.js';

// The `env` input: one reading of KEY=value lines shared by input validation, masking, redaction
// and the env file the instance gets, so that all of them see a value exactly as the agent
// (bundle/.spot-deploy/agent.py, load_env) and systemd's EnvironmentFile= will read it.
//
// systemd's parser (src/basic/env-file.c) and a line-by-line reader differ on backslashes
// (escapes, continuations), on quotes that do not wrap the whole value (`"a"b` is `ab`, an
// unclosed `'` runs on over the next lines) and on carriage returns (a line end for systemd).
// Rather than reimplement that state machine twice, such values are refused at input: what is
// accepted reads the same everywhere, and the agent ignores (and logs by number) any other line.

export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whitespace as systemd trims it around keys and values (not Unicode spaces like U+00A0). */
const BLANK = /^[ \t]+|[ \t]+$/g;
const trimBlank = (s: string): string => s.replace(BLANK, '');

export type EnvLine =
  | { readonly kind: 'skip' }
  | { readonly kind: 'pair'; readonly key: string; readonly value: string }
  /** `key` only when it is a valid name: the rest of a bad line may be the secret itself. */
  | { readonly kind: 'bad'; readonly key?: string; readonly why: string };

const QUOTES = `"'`;
/** Whether c (one character, possibly none) is a quote: `''.includes` would say yes to none. */
const isQuote = (c: string): boolean => c !== '' && QUOTES.includes(c);

/** One line, as the agent and systemd both read it, or why they might not agree on it. */
export function readEnvLine(line: string): EnvLine {
  const text = line.replace(/\r$/, '');
  const lead = trimBlank(text);
  // systemd also takes `;` as a comment; the agent does the same.
  if (lead === '' || lead.startsWith('#') || lead.startsWith(';')) return { kind: 'skip' };
  const eq = text.indexOf('=');
  if (eq < 0) return { kind: 'bad', why: 'is not KEY=value' };
  const key = trimBlank(text.slice(0, eq));
  if (!ENV_KEY.test(key)) {
    return {
      kind: 'bad',
      why: 'does not start with an environment variable name ([A-Za-z_][A-Za-z0-9_]*) and =',
    };
  }
  const raw = trimBlank(text.slice(eq + 1));
  const bad = (why: string): EnvLine => ({ kind: 'bad', key, why });
  // Tab is the one control character both readers keep (inside a value, like a space).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(raw))
    return bad('its value holds a control character');
  if (raw.includes('\\')) {
    return bad('its value holds a backslash (systemd reads escapes and line continuations)');
  }
  const first = raw.charAt(0);
  const last = raw.charAt(raw.length - 1);
  if (raw.length >= 2 && isQuote(first) && first === last) {
    const inner = raw.slice(1, -1);
    if (!inner.includes(first)) return { kind: 'pair', key, value: inner };
  }
  if (isQuote(first) || isQuote(last)) {
    return bad(
      `its value starts or ends with a quote that does not wrap the whole value once ("…" or '…')`,
    );
  }
  return { kind: 'pair', key, value: raw };
}

/**
 * The `env` input → [key, value] pairs, values as the instance will read them (a simple pair of
 * quotes removed, blanks around trimmed). An error names the line and, when it has one, the key;
 * never the value.
 */
export function parseEnv(raw: string, input: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const seen = new Set<string>();
  raw.split('\n').forEach((line, i) => {
    const r = readEnvLine(line);
    const at = `line ${i + 1}`;
    if (r.kind === 'skip') return;
    if (r.kind === 'bad') {
      const who = r.key === undefined ? at : `${at} (${r.key})`;
      throw new InputError(input, `${who} ${r.why}; it is not repeated here, as it may be secret.`);
    }
    if (seen.has(r.key)) throw new InputError(input, `${at}: key '${r.key}' is set twice.`);
    seen.add(r.key);
    out.push([r.key, r.value]);
  });
  return out;
}

/** The pairs of env text that both readers agree on; other lines are skipped, as the agent does. */
export function readEnv(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const r = readEnvLine(line);
    if (r.kind === 'pair') out.push([r.key, r.value]);
  }
  return out;
}

/** The env file text: each value written so that readEnvLine (and so agent and systemd) gives it back. */
export function renderEnvFile(env: ReadonlyArray<readonly [string, string]>): string {
  return env.map(([k, v]) => `${k}=${quoteForEnvFile(v)}`).join('\n');
}

function quoteForEnvFile(v: string): string {
  const plain = v === trimBlank(v) && !isQuote(v.charAt(0)) && !isQuote(v.charAt(v.length - 1));
  if (plain) return v;
  // A value from a quoted pair lacks that pair's quote, so one of the two always fits.
  return v.includes("'") ? `"${v}"` : `'${v}'`;
}

/**
 * Which env values can be secrets (masked in the log and blanked out of what instances print):
 * every value of 8 characters or more, and every value of 3 or more whose key names a secret.
 * Shorter ones (`DEBUG=true`, `PORT=80`, `LOG=info`) are left alone: masking them would hide
 * every `true` and `80` in the log, and no credential is that short.
 */
export const SECRET_MIN_LENGTH = 8;
export const SECRET_KEY_MIN_LENGTH = 3;
export const SECRET_KEY = /SECRET|TOKEN|PASS|PWD|KEY|CREDENTIAL|AUTH|PRIVATE|CERT|SALT|DSN|COOKIE/i;

export function canBeSecret(key: string, value: string): boolean {
  const v = value.trim();
  return (
    v.length >= SECRET_MIN_LENGTH || (SECRET_KEY.test(key) && v.length >= SECRET_KEY_MIN_LENGTH)
  );
}

/**
 * The texts to mask or redact for these pairs: each value that can be a secret, and its trimmed
 * form (a shell prints `$V` unquoted without the blanks a quoted value kept), longest first so a
 * value containing another is replaced whole.
 */
export function secretValues(env: ReadonlyArray<readonly [string, string]>): string[] {
  const out = new Set<string>();
  for (const [k, v] of env) {
    if (!canBeSecret(k, v)) continue;
    out.add(v);
    out.add(v.trim());
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * What to mask of the raw `env` input, before it is validated: the secret values of the lines
 * that read, and the value (or whole text) of each line that does not, whatever its length
 * beyond two characters, since nothing tells whether it is a secret.
 */
export function envMaskValues(raw: string): string[] {
  const out = new Set(secretValues(readEnv(raw)));
  for (const line of raw.split('\n')) {
    if (readEnvLine(line).kind !== 'bad') continue;
    const eq = line.indexOf('=');
    const rest = line.slice(eq + 1).trim();
    if (rest.length >= SECRET_KEY_MIN_LENGTH) out.add(rest);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

export const REDACTED = '[redacted]';

/** Replaces every occurrence of each value (longest first) with `[redacted]`. */
export function redactor(values: readonly string[]): (text: string) => string {
  const sorted = [...new Set(values)].filter((v) => v !== '').sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, v) => out.split(v).join(REDACTED), text);
}
