/*
 * Reading and shaping a security group's IpPermissions (pure): which permissions are one TCP port,
 * and the permission a revoke sends for just some of a permission's blocks.
 */
import type { IpPermission } from '@aws-sdk/client-ec2';

/**
 * A TCP permission for exactly one port: `port` when given, else any single port. Ranges and
 * other protocols are never ours (we only ever add single TCP ports).
 */
export function isSingleTcpPort(p: IpPermission, port?: number): boolean {
  return (
    p.IpProtocol === 'tcp' &&
    p.FromPort !== undefined &&
    p.FromPort === p.ToPort &&
    (port === undefined || p.FromPort === port)
  );
}

/** The source lists of a permission a revoke can name. */
export type Blocks = Pick<
  IpPermission,
  'IpRanges' | 'Ipv6Ranges' | 'UserIdGroupPairs' | 'PrefixListIds'
>;

/**
 * `p`'s protocol and ports with only the given sources (empty lists left out): a revoke removes
 * exactly the sources it lists, so it sends this rather than `p` itself. undefined when none is left.
 */
export function withBlocks(p: IpPermission, blocks: Blocks): IpPermission | undefined {
  const lists = Object.entries(blocks).filter(([, v]) => Array.isArray(v) && v.length > 0);
  if (lists.length === 0) return undefined;
  return {
    IpProtocol: p.IpProtocol,
    ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}),
    ...Object.fromEntries(lists),
  };
}
