import { InputError } from '../errors.js';
import { parseCidr, parseIntIn, parseList, printable } from './primitives.js';

/**
 * At most this many service ports: each becomes one ingress rule per `ports-cidr` block, and a
 * security group holds 60 inbound rules per IP version by default (EC2's quota), SSH's included.
 */
export const MAX_PORTS = 20;
/** Rules for the service ports (ports × ports-cidr) kept under the quota with room for SSH's. */
export const MAX_PORT_RULES = 50;

/** `ports`: TCP ports opened on the deployment's own security group; never `ssh-port`. */
export function parsePorts(raw: string, input: string, sshPort: number | undefined): number[] {
  const items = parseList(input, raw);
  if (items.length > MAX_PORTS)
    throw new InputError(input, `at most ${MAX_PORTS} ports, got ${items.length}.`);
  const ports: number[] = [];
  for (const item of items) {
    // No leading zeros: `080` would read as 80 here but as octal or text elsewhere.
    if (!/^[1-9]\d*$/.test(item))
      throw new InputError(input, `expected TCP ports from 1 to 65535, got '${printable(item)}'.`);
    const port = parseIntIn(input, item, 1, 65535);
    if (ports.includes(port)) throw new InputError(input, `${port} is listed twice.`);
    if (port === sshPort)
      throw new InputError(
        input,
        `${port} is ssh-port: SSH has its own rule, from ssh-cidr; leave it out of ports.`,
      );
    ports.push(port);
  }
  return ports;
}

/** `ports-cidr`: who may reach the service ports; the rule count stays under EC2's quota. */
export function parsePortsCidr(raw: string, input: string, portCount: number): string[] {
  const cidrs = parseList(input, raw).map((c) => parseCidr(input, c));
  if (cidrs.length === 0) throw new InputError(input, 'needs at least one CIDR block.');
  if (cidrs.length * portCount > MAX_PORT_RULES)
    throw new InputError(
      input,
      `${portCount} port(s) × ${cidrs.length} block(s) are ${cidrs.length * portCount} ingress rules; at most ${MAX_PORT_RULES} (a security group holds 60 inbound rules by default, SSH's included).`,
    );
  return cidrs;
}
