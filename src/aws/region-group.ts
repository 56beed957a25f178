import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SshAddress } from '../inputs/types.js';
import { resolveSubnets, vpcIpv4Blocks } from './network.js';
import {
  ensureSecurityGroup,
  type IngressRule,
  type SecurityGroupResult,
} from './security-group.js';
import type { Tags } from './types.js';
import type { VisibilityOptions } from './visibility.js';

/** What the group needs of a RegionSpec (region.ts, which imports this module and extends it). */
export interface GroupSpec {
  /** Empty: the default VPC's default subnets. */
  readonly subnetIds: readonly string[];
  /** Empty: the deployment's own group, created or reused. */
  readonly securityGroupIds: readonly string[];
  readonly sshAddress: SshAddress;
  readonly sshPort: number;
  readonly sshCidrs: readonly string[];
  /** `ssh-cidr` lists `runner`: with `ssh-address: private-ip` the VPC's blocks are allowed too. */
  readonly sshRunner?: boolean | undefined;
  /** `ports` from `ports-cidr` (none when unset); `keep`: the group's other rules are left alone. */
  readonly services?: readonly IngressRule[] | 'keep';
  readonly names: { readonly securityGroup: string };
  /** Tags of the deployment's resources (security group, launch template). */
  readonly tags: Tags;
}

/**
 * The blocks the group allows SSH from: `ssh-cidr`'s written-out CIDRs, plus, for `runner` with
 * `ssh-address: private-ip`, the VPC's IPv4 blocks (a runner inside the VPC: a static rule, no
 * per-run lookup). Given groups are never modified, so nothing is read for them. One function for
 * a launch (region.ts) and an adopt-only redeploy (syncRegionGroup): the latter prunes, so a
 * block missing here would be revoked.
 */
export async function sshBlocks(
  client: EC2Client,
  region: string,
  spec: Pick<GroupSpec, 'sshRunner' | 'sshAddress' | 'securityGroupIds' | 'sshCidrs'>,
  vpcId: string,
): Promise<{ cidrs: string[]; vpcBlocks: string[] }> {
  const vpcBlocks =
    spec.sshRunner === true &&
    spec.sshAddress === 'private-ip' &&
    spec.securityGroupIds.length === 0
      ? await vpcIpv4Blocks(client, region, vpcId)
      : [];
  return { cidrs: [...new Set([...spec.sshCidrs, ...vpcBlocks])], vpcBlocks };
}

/** The log line about `ports` once the group is settled: opened, or left to the user. */
export function portsLines(region: string, spec: GroupSpec, sg: SecurityGroupResult): string[] {
  const ports = spec.services === 'keep' ? [] : (spec.services ?? []);
  if (ports.length === 0) return [];
  const list = ports.map((r) => r.port).join(', ');
  return [
    sg.status === 'given'
      ? `${region}: ports ${list} not opened: security groups given in security-group-ids are never changed; allow them there yourself.`
      : `${region}: ports ${list} open to ${ports[0]?.cidrs.join(', ')}`,
  ];
}

/**
 * The deployment's group in a region where this run launches nothing (every instance adopted):
 * prepareRegion is not called there, yet the group's rules must follow the inputs all the same (a
 * port taken out of `ports` is closed by the redeploy, not by the next launch). Its subnets give
 * the VPC the group is found in; a given group is only checked, as in a launch.
 */
export async function syncRegionGroup(
  client: EC2Client,
  region: string,
  spec: GroupSpec,
  log: (line: string) => void = () => {},
  visibility: VisibilityOptions = {},
): Promise<SecurityGroupResult> {
  const subnets = await resolveSubnets(client, region, spec.subnetIds, spec.sshAddress);
  return settleGroup(client, region, spec, subnets[0]?.vpcId ?? '', {
    log,
    visibility,
    note: ' (nothing to launch here)',
  });
}

/**
 * The deployment's group brought to the inputs (SSH blocks, service ports), and the log lines that
 * say so: the one path of a launch (prepareRegion) and an adopt-only redeploy (syncRegionGroup).
 */
export async function settleGroup(
  client: EC2Client,
  region: string,
  spec: GroupSpec,
  vpcId: string,
  o: { log: (line: string) => void; visibility?: VisibilityOptions | undefined; note?: string },
): Promise<SecurityGroupResult> {
  const { log } = o;
  const { cidrs, vpcBlocks } = await sshBlocks(client, region, spec, vpcId);
  const sg = await ensureSecurityGroup(
    client,
    region,
    {
      vpcId,
      name: spec.names.securityGroup,
      sshPort: spec.sshPort,
      cidrs,
      services: spec.services,
      tags: spec.tags,
      given: spec.securityGroupIds,
    },
    { ...o.visibility, log },
  );
  const vpc = vpcBlocks.length > 0 ? " (the VPC's blocks: ssh-address private-ip)" : '';
  log(
    sg.status === 'given'
      ? `${region}: security groups ${sg.groupIds.join(', ')} (given)`
      : `${region}: security group ${spec.names.securityGroup} ${sg.groupIds.join(', ')} ${sg.status}, TCP ${spec.sshPort} from ${cidrs.join(', ') || 'no fixed address'}${vpc}${o.note ?? ''}`,
  );
  for (const l of portsLines(region, spec, sg)) log(l);
  return sg;
}
