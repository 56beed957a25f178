import { isIPv4, isIPv6 } from 'node:net';
import { InputError } from '../errors.js';

// Small, strict parsers for action input strings. Each throws InputError naming the input and
// saying what it accepts; none of them echo a value that might be secret.

export function parseIntIn(input: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) {
    throw new InputError(
      input,
      `expected a whole number from ${min} to ${max}, got '${printable(raw)}'.`,
    );
  }
  const n = Number(raw);
  if (n < min || n > max) {
    throw new InputError(input, `expected a whole number from ${min} to ${max}, got ${raw}.`);
  }
  return n;
}

// The same spellings as core.getBooleanInput (YAML 1.2 core schema).
export function parseBool(input: string, raw: string): boolean {
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(input, `expected true or false, got '${printable(raw)}'.`);
}

export function parseEnum<T extends string>(input: string, raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new InputError(input, `expected one of ${allowed.join(', ')}, got '${printable(raw)}'.`);
}

/** Items separated by commas or newlines; blanks dropped; duplicates refused. */
export function parseList(input: string, raw: string): string[] {
  const items = raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) throw new InputError(input, `'${printable(item)}' is listed twice.`);
    seen.add(item);
  }
  return items;
}

/** Items matching a pattern; `what` describes the accepted form for the error. */
export function parsePatternList(
  input: string,
  raw: string,
  pattern: RegExp,
  what: string,
): string[] {
  const items = parseList(input, raw);
  for (const item of items) {
    if (!pattern.test(item)) {
      throw new InputError(input, `'${printable(item)}' is not ${what}.`);
    }
  }
  return items;
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** Seconds, or a number with s/m/h. */
export function parseDuration(input: string, raw: string, min: number, max: number): number {
  const m = /^(\d+)(s|m|h)?$/.exec(raw);
  const accepted = `a duration such as 90s, 10m or 1h (a bare number is seconds), from ${min}s to ${max}s`;
  if (!m) throw new InputError(input, `expected ${accepted}, got '${printable(raw)}'.`);
  const seconds = Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 1);
  if (seconds < min || seconds > max) {
    throw new InputError(input, `expected ${accepted}, got ${seconds}s.`);
  }
  return seconds;
}

const SIZE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Bytes, or a number with K, M or G (binary multiples; KB/KiB spellings accepted). */
export function parseSize(input: string, raw: string, min: number, max: number): number {
  const m = /^(\d+)\s*([KMG])?(?:i?B)?$/i.exec(raw);
  const accepted = `a size such as 200M or 1G (a bare number is bytes), from ${min} to ${max} bytes`;
  if (!m) throw new InputError(input, `expected ${accepted}, got '${printable(raw)}'.`);
  const bytes = Number(m[1]) * (SIZE_UNITS[(m[2] ?? '').toUpperCase()] ?? 1);
  if (bytes < min || bytes > max) {
    throw new InputError(input, `expected ${accepted}, got ${bytes} bytes.`);
  }
  return bytes;
}

/** An IPv6 address (already checked by isIPv6, no zone) as a 128-bit number. */
function ipv6Value(addr: string): bigint {
  let text = addr;
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1] !== undefined) {
    const o = v4[1].split('.').map(Number);
    const hex = (a = 0, b = 0) => ((a << 8) | b).toString(16);
    text = `${text.slice(0, v4.index + 1)}${hex(o[0], o[1])}:${hex(o[2], o[3])}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}

function ipv6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((value >> BigInt(16 * (7 - i))) & 0xffffn).toString(16),
  );
  // The longest run of two or more zero groups becomes '::' (RFC 5952).
  let best = [-1, 0];
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > (best[1] ?? 0) && j - i > 1) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const [at = -1, len = 0] = best;
  if (at < 0) return groups.join(':');
  return `${groups.slice(0, at).join(':')}::${groups.slice(at + len).join(':')}`;
}

/**
 * A canonical IPv4 or IPv6 CIDR block: host bits zero, no zone id, a prefix without leading
 * zeros. EC2 masks an IPv4 block's host bits silently (10.0.0.1/8 becomes 10.0.0.0/8, a wider
 * rule than the text suggests), so both families refuse them and name the block meant.
 */
export function parseCidr(input: string, raw: string): string {
  const accepted = 'a CIDR block such as 203.0.113.0/24, 0.0.0.0/0 or 2001:db8::/32';
  const m = /^([^/\s%]+)\/(0|[1-9]\d{0,2})$/.exec(raw);
  if (!m) {
    const why = raw.includes('%')
      ? ' (a zone id such as %eth0 names an interface of one host, not a network)'
      : /\/0\d/.test(raw)
        ? ' (the prefix length has a leading zero)'
        : '';
    throw new InputError(input, `'${printable(raw)}' is not ${accepted}${why}.`);
  }
  const [, addr = '', prefixRaw = ''] = m;
  const prefix = Number(prefixRaw);
  if (isIPv4(addr)) {
    if (prefix > 32) throw new InputError(input, `'${printable(raw)}': an IPv4 prefix is 0 to 32.`);
    const value = addr.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
    const hostBits = 2 ** (32 - prefix);
    if (value % hostBits !== 0) {
      const base = value - (value % hostBits);
      const canon = [24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.');
      throw new InputError(
        input,
        `'${printable(raw)}' has host bits set; write ${canon}/${prefix}.`,
      );
    }
    return raw;
  }
  if (isIPv6(addr)) {
    if (prefix > 128)
      throw new InputError(input, `'${printable(raw)}': an IPv6 prefix is 0 to 128.`);
    const value = ipv6Value(addr);
    const hostMask = (1n << BigInt(128 - prefix)) - 1n;
    if ((value & hostMask) !== 0n) {
      const canon = ipv6Text(value & ~hostMask);
      throw new InputError(
        input,
        `'${printable(raw)}' has host bits set; write ${canon}/${prefix}.`,
      );
    }
    return raw;
  }
  throw new InputError(input, `'${printable(raw)}' is not ${accepted}.`);
}

/** `KEY=value` lines; blank lines and `#` comments skipped. Values are never echoed. */
export function parseKeyValueLines(
  input: string,
  raw: string,
  keyPattern: RegExp,
  keyWhat: string,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const seen = new Set<string>();
  raw.split('\n').forEach((line, i) => {
    const text = line.replace(/\r$/, '');
    if (text.trim() === '' || text.trimStart().startsWith('#')) return;
    const eq = text.indexOf('=');
    if (eq <= 0) {
      throw new InputError(
        input,
        `line ${i + 1} is not KEY=value (expected ${keyWhat}, '=', then the value).`,
      );
    }
    const key = text.slice(0, eq).trim();
    if (!keyPattern.test(key)) {
      throw new InputError(input, `line ${i + 1}: key '${printable(key)}' is not ${keyWhat}.`);
    }
    if (seen.has(key))
      throw new InputError(input, `line ${i + 1}: key '${printable(key)}' is set twice.`);
    seen.add(key);
    out.push([key, text.slice(eq + 1)]);
  });
  return out;
}

/** How much of an input value an error message repeats: enough to recognise it. */
export const ECHO_MAX_CHARS = 64;

/**
 * An input value as an error message repeats it: control characters shown instead of breaking the
 * log line, and cut after ECHO_MAX_CHARS with its length (a 100 KB value is not echoed in full).
 */
export function printable(s: string): string {
  const shown = s.length > ECHO_MAX_CHARS ? s.slice(0, ECHO_MAX_CHARS) : s;
  const escaped = shown.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return s.length > ECHO_MAX_CHARS ? `${escaped}… (${s.length} characters)` : escaped;
}
