import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type IpPermission,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { InputError, errorMessage } from '../errors.js';
import { awsError, errorCode } from './aws-errors.js';
import { isSingleTcpPort, withBlocks } from './ip-permissions.js';
import { reclaimStatic } from './runner-access.js';
import { isLiveRunnerRule } from './runner-rule.js';
import { TAG, type Tags } from './types.js';
import { GROUP_NOT_VISIBLE, untilVisible, type VisibilityOptions } from './visibility.js';

/** A TCP port and the blocks allowed to reach it. */
export interface IngressRule {
  readonly port: number;
  readonly cidrs: readonly string[];
}

export interface SecurityGroupSpec {
  readonly vpcId: string;
  /** The plan's group name; a redeploy finds its group again by it. */
  readonly name: string;
  readonly sshPort: number;
  readonly cidrs: readonly string[];
  /**
   * The service ports (`ports` from `ports-cidr`), kept exactly like SSH's rule (none when unset).
   * `keep`: rules on other ports are left as they are (mode reconcile, which does not know a
   * deployment's ports).
   */
  readonly services?: readonly IngressRule[] | 'keep' | undefined;
  readonly tags: Tags;
  /** `security-group-ids`: when set, these are used as they are and nothing is created. */
  readonly given: readonly string[];
}

export interface SecurityGroupResult {
  readonly groupIds: string[];
  readonly status: 'given' | 'created' | 'reused';
}

const GROUP_NOT_FOUND: ReadonlySet<string> = new Set([
  'InvalidGroup.NotFound',
  'InvalidGroupId.Malformed',
  'InvalidGroupId.NotFound',
]);

/**
 * The security groups for the instances of one VPC. Given groups are only checked. Otherwise the
 * deployment's own group is found by name (a redeploy reuses it) or created, and its ingress is
 * made exactly TCP `sshPort` from `cidrs` and each service port from its blocks: in a group
 * spot-deploy manages, rules of earlier runs (another address, a port no longer listed) are
 * revoked, so they neither stay open nor pile up to the per-group rule quota. Other runs'
 * `ssh-cidr: runner` rules younger than RUNNER_RULE_MAX_AGE_MS stay (those runs are alive and
 * revoke them in their post steps); older ones go.
 */
export async function ensureSecurityGroup(
  client: EC2Client,
  region: string,
  spec: SecurityGroupSpec,
  visibility: VisibilityOptions = {},
): Promise<SecurityGroupResult> {
  if (spec.given.length > 0) {
    return { groupIds: await checkGiven(client, region, spec), status: 'given' };
  }
  let group = await findByName(client, region, spec);
  let status: SecurityGroupResult['status'] = 'reused';
  if (!group) {
    const made = await create(client, region, spec);
    group = made.group;
    if (made.created) status = 'created';
  }
  const groupId = group.GroupId ?? '';
  const managed =
    status === 'created' || group.Tags?.some((t) => t.Key === TAG.managed && t.Value === 'true');
  // A group created a moment ago may be unknown to the next call for a few seconds: wait for it.
  // A reused one was found by DescribeSecurityGroups, so NotFound there is a real error.
  const fresh = status === 'created' ? visibility : undefined;
  const nowMs = (visibility.now ?? Date.now)();
  await syncIngress(client, region, groupId, group.IpPermissions ?? [], spec, {
    prune: managed === true,
    fresh,
    nowMs,
  });
  return { groupIds: [groupId], status };
}

async function checkGiven(
  client: EC2Client,
  region: string,
  spec: SecurityGroupSpec,
): Promise<string[]> {
  const ids = [...new Set(spec.given)];
  const fix = `security groups belong to one region and VPC: give groups of ${spec.vpcId} in ${region}.`;
  let groups: SecurityGroup[];
  try {
    const out = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: ids }));
    groups = out.SecurityGroups ?? [];
  } catch (err) {
    if (GROUP_NOT_FOUND.has(errorCode(err))) {
      throw new InputError('security-group-ids', `${errorMessage(err)} in ${region}; ${fix}`);
    }
    throw awsError(
      'DescribeSecurityGroups',
      region,
      err,
      `look up security groups ${ids.join(', ')}`,
    );
  }
  const missing = ids.filter((id) => !groups.some((g) => g.GroupId === id));
  if (missing.length > 0) {
    throw new InputError(
      'security-group-ids',
      `${missing.join(', ')} not found in ${region}; ${fix}`,
    );
  }
  const elsewhere = groups.filter((g) => g.VpcId !== spec.vpcId);
  if (elsewhere.length > 0) {
    const list = elsewhere.map((g) => `${g.GroupId} (${g.VpcId})`).join(', ');
    throw new InputError(
      'security-group-ids',
      `${list} not in ${spec.vpcId}, the VPC of the subnets; ${fix}`,
    );
  }
  return ids;
}

/**
 * The deployment's own groups in a region, found by the plan's group name (one per VPC it was
 * deployed to), for modes that do not create one (rollback, reconcile). Only groups tagged with
 * the deployment: those spot-deploy created.
 */
export async function findDeploymentGroups(
  client: EC2Client,
  region: string,
  name: string,
  deploymentId: string,
): Promise<SecurityGroup[]> {
  try {
    const out = await client.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'group-name', Values: [name] },
          { Name: `tag:${TAG.deployment}`, Values: [deploymentId] },
        ],
      }),
    );
    return out.SecurityGroups ?? [];
  } catch (err) {
    throw awsError('DescribeSecurityGroups', region, err, `find security group ${name}`);
  }
}

async function findByName(
  client: EC2Client,
  region: string,
  spec: SecurityGroupSpec,
): Promise<SecurityGroup | undefined> {
  try {
    const out = await client.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'group-name', Values: [spec.name] },
          { Name: 'vpc-id', Values: [spec.vpcId] },
        ],
      }),
    );
    return out.SecurityGroups?.[0];
  } catch (err) {
    throw awsError('DescribeSecurityGroups', region, err, `find security group ${spec.name}`);
  }
}

async function create(
  client: EC2Client,
  region: string,
  spec: SecurityGroupSpec,
): Promise<{ group: SecurityGroup; created: boolean }> {
  const deployment = spec.tags[TAG.deployment] ?? spec.name;
  const tags = { ...spec.tags, [TAG.managed]: 'true' };
  try {
    const out = await client.send(
      new CreateSecurityGroupCommand({
        GroupName: spec.name,
        Description: `SSH to the instances of spot-deploy deployment ${deployment}`,
        VpcId: spec.vpcId,
        TagSpecifications: [
          {
            ResourceType: 'security-group',
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          },
        ],
      }),
    );
    return { group: { GroupId: out.GroupId ?? '' }, created: true };
  } catch (err) {
    // A concurrent run of the same deployment created it first: use theirs.
    if (errorCode(err) === 'InvalidGroup.Duplicate') {
      const group = await findByName(client, region, spec);
      if (group) return { group, created: false };
    }
    throw awsError('CreateSecurityGroup', region, err, `create security group ${spec.name}`);
  }
}

/** IPv6 blocks compare in canonical form (EC2 answers `2001:db8::/32` for `2001:DB8:0::/32`). */
function canonical(cidr: string): string {
  const [addr = '', prefix = ''] = cidr.split('/');
  if (!addr.includes(':')) return cidr;
  try {
    return `${new URL(`http://[${addr}]/`).hostname.slice(1, -1)}/${prefix}`;
  } catch {
    return cidr.toLowerCase();
  }
}

function rangeOf(cidr: string): Pick<IpPermission, 'IpRanges' | 'Ipv6Ranges'> {
  return cidr.includes(':')
    ? { Ipv6Ranges: [{ CidrIpv6: cidr }] }
    : { IpRanges: [{ CidrIp: cidr }] };
}

async function syncIngress(
  client: EC2Client,
  region: string,
  groupId: string,
  existing: readonly IpPermission[],
  spec: SecurityGroupSpec,
  opts: { prune: boolean; fresh: VisibilityOptions | undefined; nowMs: number },
): Promise<void> {
  const { prune, fresh, nowMs } = opts;
  const isSsh = (p: IpPermission): boolean => isSingleTcpPort(p, spec.sshPort);
  // Rules compare as (port, block) pairs: one port's block says nothing about another port.
  const keepOthers = spec.services === 'keep';
  const rules: readonly IngressRule[] = [
    { port: spec.sshPort, cidrs: spec.cidrs },
    ...(spec.services === 'keep' ? [] : (spec.services ?? [])),
  ];
  const pair = (port: number | undefined, cidr: string): string => `${port} ${canonical(cidr)}`;
  const wanted = new Set(rules.flatMap((r) => r.cidrs.map((c) => pair(r.port, c))));
  const present = new Set(
    existing
      .filter((p) => isSingleTcpPort(p))
      .flatMap((p) => [
        ...(p.IpRanges ?? []).map((r) => pair(p.FromPort, r.CidrIp ?? '')),
        ...(p.Ipv6Ranges ?? []).map((r) => pair(p.FromPort, r.CidrIpv6 ?? '')),
      ]),
  );
  const missing = rules.flatMap((r) =>
    r.cidrs.filter((c) => !present.has(pair(r.port, c))).map((cidr) => ({ port: r.port, cidr })),
  );
  // One call per block: EC2 rejects a whole batch when any rule in it exists already.
  for (const { port, cidr } of missing) {
    const authorize = () =>
      client.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...rangeOf(cidr) }],
        }),
      );
    try {
      if (fresh === undefined) await authorize();
      else
        await untilVisible(
          {
            action: 'AuthorizeSecurityGroupIngress',
            region,
            resource: `security group ${groupId}`,
            codes: GROUP_NOT_VISIBLE,
          },
          authorize,
          fresh,
        );
    } catch (err) {
      if (errorCode(err) === 'InvalidPermission.Duplicate') continue;
      throw awsError(
        'AuthorizeSecurityGroupIngress',
        region,
        err,
        `allow TCP ${port} from ${cidr} in security group ${groupId}`,
      );
    }
  }
  // A listed block held only as another run's runner rule: made static, or its post step revokes it.
  await reclaimStatic(client, region, groupId, existing, spec.sshPort, spec.cidrs);
  if (!prune) return;
  // Revoked after the new rules exist, so the current addresses are never locked out.
  const stale: IpPermission[] = existing.flatMap((p) => {
    if (keepOthers && !isSsh(p)) return [];
    const keep = (cidr: string | undefined): boolean =>
      isSingleTcpPort(p) && wanted.has(pair(p.FromPort, cidr ?? ''));
    // Another live run's per-run rule (ssh-cidr: runner): its own post step revokes it.
    const live = (d: string | undefined) => isSsh(p) && isLiveRunnerRule(d, nowMs);
    const v4 = (p.IpRanges ?? []).filter((r) => !keep(r.CidrIp) && !live(r.Description));
    const v6 = (p.Ipv6Ranges ?? []).filter((r) => !keep(r.CidrIpv6) && !live(r.Description));
    // Just the stale parts: a revoke removes exactly the sources it lists.
    const revoke = withBlocks(p, {
      IpRanges: v4,
      Ipv6Ranges: v6,
      UserIdGroupPairs: p.UserIdGroupPairs,
      PrefixListIds: p.PrefixListIds,
    });
    return revoke === undefined ? [] : [revoke];
  });
  if (stale.length === 0) return;
  try {
    await client.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: stale }),
    );
  } catch (err) {
    throw awsError(
      'RevokeSecurityGroupIngress',
      region,
      err,
      `remove earlier runs' ingress rules from security group ${groupId}`,
    );
  }
}
