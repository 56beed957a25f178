import type { SshAddress } from '../inputs/types.js';
import type { InstanceResult } from './results.js';

/** What a link to a service needs: the ports opened (`ports`) and which address the runner used. */
export interface ServiceLinks {
  readonly ports: readonly number[];
  readonly sshAddress: SshAddress;
}

/**
 * The address a service is reached at: the private IP when the runner itself connects to that
 * (`ssh-address: private-ip`, a runner inside the VPC), else the public IP (`public-dns` included:
 * the result carries no DNS name, and the IP reaches the same instance).
 */
export function serviceAddress(r: InstanceResult, sshAddress: SshAddress): string | undefined {
  return sshAddress === 'private-ip' ? r.privateIp : r.publicIp;
}

/** `https://a` for 443, `http://a` for 80 (the schemes' defaults), `http://a:port` otherwise. */
export function serviceUrl(address: string, port: number): string {
  // An IPv6 literal goes in brackets, or its colons would read as the port's.
  const host = address.includes(':') ? `[${address}]` : address;
  if (port === 443) return `https://${host}`;
  if (port === 80) return `http://${host}`;
  return `http://${host}:${port}`;
}

/** One link per port for a ready instance with an address; none for any other. */
export function instanceUrls(r: InstanceResult, links: ServiceLinks): string[] {
  const address = serviceAddress(r, links.sshAddress);
  if (r.status !== 'ready' || !address) return [];
  return links.ports.map((port) => serviceUrl(address, port));
}

/** Every ready instance's links, instance by instance, in the order of `results`. */
export function fleetUrls(results: readonly InstanceResult[], links: ServiceLinks): string[] {
  return results.flatMap((r) => instanceUrls(r, links));
}

/** A table cell of Markdown links to an instance's services ('–' when it has none). */
export function linksCell(r: InstanceResult, links: ServiceLinks): string {
  const urls = instanceUrls(r, links);
  return urls.length === 0 ? '–' : urls.map((u) => `[${u}](${u})`).join(' ');
}
