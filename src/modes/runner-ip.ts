/*
 * The runner's egress IPv4 address, asked of the `runner-ip-lookup` URLs in order until one
 * answers with an address. Runs before any AWS call: a runner that cannot learn its address fails
 * here, before anything is written or launched. The fetch is passed in (the unit tier has no sockets).
 */
import { InputError, errorMessage } from '../errors.js';
import { LOOKUP_MAX_BYTES, parseEchoedIp } from '../inputs/runner-ip.js';
import { printable } from '../inputs/primitives.js';

/** The part of WHATWG fetch this uses; Node's global `fetch` fits. */
export type Fetch = (
  url: string,
  init: { signal: AbortSignal; redirect: 'error'; headers: Record<string, string> },
) => Promise<{ ok: boolean; status: number; body: ReadableStream<Uint8Array> | null }>;

export interface LookupOptions {
  readonly fetch: Fetch;
  /** Per URL (5 s by default). */
  readonly perUrlMs?: number;
  /** All URLs together (15 s by default). */
  readonly totalMs?: number;
  /** Milliseconds clock. */
  readonly now?: () => number;
}

export const LOOKUP_PER_URL_MS = 5_000;
export const LOOKUP_TOTAL_MS = 15_000;

/** At most `max` bytes of a body, then the rest is cancelled (a huge answer is no address). */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  max: number,
): Promise<{ text: string; over: boolean }> {
  if (body === null) return { text: '', over: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // Bounded: every round adds at least one byte or ends, and stops past `max`.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > max) return { text: '', over: true };
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), over: false };
}

async function askOne(
  url: string,
  ms: number,
  fetch: Fetch,
): Promise<{ ip: string } | { error: string }> {
  const signal = AbortSignal.timeout(ms);
  try {
    const res = await fetch(url, {
      signal,
      redirect: 'error',
      headers: { accept: 'text/plain', 'user-agent': 'spot-deploy' },
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { error: `HTTP ${res.status}` };
    }
    const { text, over } = await readCapped(res.body, LOOKUP_MAX_BYTES);
    if (over) return { error: `answered more than ${LOOKUP_MAX_BYTES} bytes, not one address` };
    return parseEchoedIp(text);
  } catch (e) {
    if (signal.aborted) return { error: `no answer within ${ms / 1000} s` };
    const cause = (e as { cause?: unknown }).cause;
    return { error: printable(cause === undefined ? errorMessage(e) : errorMessage(cause)) };
  }
}

/**
 * The runner's egress IPv4 address from the first URL that answers with one. Each URL has
 * `perUrlMs`, all of them `totalMs`. Throws InputError naming `runner-ip-lookup` with each URL's
 * answer and what to do instead.
 */
export async function lookupRunnerIp(
  urls: readonly string[],
  opts: LookupOptions,
): Promise<string> {
  const now = opts.now ?? Date.now;
  const perUrl = opts.perUrlMs ?? LOOKUP_PER_URL_MS;
  const end = now() + (opts.totalMs ?? LOOKUP_TOTAL_MS);
  const answers: string[] = [];
  for (const url of urls) {
    const left = end - now();
    if (left <= 0) {
      answers.push(
        `${url}: not asked (the lookup's ${(opts.totalMs ?? LOOKUP_TOTAL_MS) / 1000} s were used up)`,
      );
      continue;
    }
    const r = await askOne(url, Math.min(perUrl, left), opts.fetch);
    if ('ip' in r) return r.ip;
    answers.push(`${url}: ${r.error}`);
  }
  throw new InputError(
    'runner-ip-lookup',
    `could not learn this runner's IPv4 address for ssh-cidr: runner (${answers.join('; ')}). ` +
      'Allow the runner to reach the lookup URL, give another one (https://, a list is tried in order), ' +
      'set ssh-cidr to explicit CIDR blocks that hold the runner, or run the runner inside the VPC ' +
      'with ssh-address: private-ip.',
  );
}
