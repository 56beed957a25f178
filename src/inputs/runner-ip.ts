/*
 * `ssh-cidr: runner` and `runner-ip-lookup`: the words, the URLs and the strict reading of an
 * IP-echo service's answer (pure; the fetch itself is src/modes/runner-ip.ts).
 */
import { InputError } from '../errors.js';
import { parseCidr, parseList, printable } from './primitives.js';

/** The `ssh-cidr` word for "the deploying runner's own egress address, for this run only". */
export const RUNNER = 'runner';

export interface SshCidr {
  /** `runner` was listed: a per-run /32 of the runner's looked-up address (or, with private-ip, the VPC). */
  readonly runner: boolean;
  /** The CIDR blocks written out: static rules, kept in sync on every deploy. */
  readonly cidrs: readonly string[];
}

/** `ssh-cidr`: a list whose entries are `runner` or CIDR blocks (mixing allowed). */
export function parseSshCidr(raw: string, input: string): SshCidr {
  const items = parseList(input, raw);
  const cidrs = items.filter((c) => c !== RUNNER).map((c) => parseCidr(input, c));
  return { runner: items.includes(RUNNER), cidrs };
}

/** The world-open blocks that are only ever used when written out, with a warning. */
const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** The warning for an `ssh-cidr` that opens SSH to every address, or undefined. */
export function worldOpenWarning(cidrs: readonly string[], port: number): string | undefined {
  const open = cidrs.filter((c) => WORLD.has(c.toLowerCase()));
  if (open.length === 0) return undefined;
  return (
    `ssh-cidr ${open.join(', ')} opens TCP ${port} of every instance to the whole internet for ` +
    "the instances' lifetime. The default, `runner`, opens it only to this runner's address and " +
    'only while the step runs.'
  );
}

export const RUNNER_IP_LOOKUP_DEFAULT = 'https://checkip.amazonaws.com';

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * `runner-ip-lookup`: URLs tried in order. `https://` anywhere; `http://` only to a loopback host,
 * since an unencrypted answer could be forged on the path and would open SSH to the forger.
 */
export function parseRunnerIpLookup(raw: string, input: string): string[] {
  return parseList(input, raw).map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new InputError(input, `'${printable(item)}' is not a URL (https://…).`);
    }
    if (url.username !== '' || url.password !== '')
      throw new InputError(input, `'${printable(item)}': no user or password in the URL.`);
    if (url.protocol === 'https:') return url.href;
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url.href;
    if (url.protocol === 'http:')
      throw new InputError(
        input,
        `'${printable(item)}': http:// only to a loopback host (127.0.0.1, ::1, localhost); an unencrypted answer could be forged on the way. Use https://.`,
      );
    throw new InputError(input, `'${printable(item)}' is not an https:// URL.`);
  });
}

/** Answers longer than this are not an address: read no further. */
export const LOOKUP_MAX_BYTES = 64;

/**
 * The runner's address from an IP-echo body: the trimmed body must be exactly one dotted-quad
 * IPv4 address (no leading zeros, each part ≤ 255) that a host can have as its source: not
 * 0.0.0.0/8, loopback, multicast, reserved or broadcast. A private address is accepted (an echo
 * service inside the runner's network sees one, and a /32 of it opens nothing to the internet).
 * Returns the address, or why the answer was refused.
 */
export function parseEchoedIp(body: string): { ip: string } | { error: string } {
  const text = body.trim();
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  const shown = `'${printable(text)}'`;
  if (!m) return { error: `answered ${shown}, not one IPv4 address` };
  const parts = m.slice(1);
  if (parts.some((p) => p.length > 1 && p.startsWith('0')))
    return { error: `answered ${shown}: a part with a leading zero` };
  const [a = 0, b = 0, c = 0, d = 0] = parts.map(Number);
  if ([a, b, c, d].some((n) => n > 255)) return { error: `answered ${shown}: a part above 255` };
  if (a === 0) return { error: `answered ${shown}: 0.0.0.0/8 is not an address a runner has` };
  if (a === 127) return { error: `answered ${shown}: a loopback address` };
  if (a >= 224) return { error: `answered ${shown}: a multicast, reserved or broadcast address` };
  return { ip: `${a}.${b}.${c}.${d}` };
}

/** Who may reach `ssh-port`, as the plan and the log say it (no address is looked up here). */
export function sshAccessText(i: {
  readonly sshRunner: boolean;
  readonly sshCidrs: readonly string[];
  readonly sshAddress: string;
  readonly securityGroupIds: readonly string[];
}): string {
  if (i.securityGroupIds.length > 0)
    return `the given security groups (${i.securityGroupIds.join(', ')}) as they are; spot-deploy adds no rule to them`;
  const runner = !i.sshRunner
    ? []
    : i.sshAddress === 'private-ip'
      ? ["the VPC's IPv4 blocks (ssh-address: private-ip)"]
      : ['runner (looked up at run time, for the run only)'];
  return [...runner, ...i.sshCidrs].join(', ') || 'nobody';
}
