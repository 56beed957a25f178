/*
 * `ssh-cidr: runner`: this run's own SSH rule on the deployment's group, added while the run works
 * and revoked by its post step. The rule's description names the run (runner-rule.ts), so two
 * runs from one egress address (self-hosted runners behind one NAT) can tell whose rule it is.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
  type EC2Client,
  type IpPermission,
  type IpRange,
} from '@aws-sdk/client-ec2';
import { awsError, errorCode } from './aws-errors.js';
import { isSingleTcpPort } from './ip-permissions.js';
import { allPages } from './pages.js';
import {
  parseRunnerRuleDescription,
  runnerRuleDescription,
  staleRunnerRules,
} from './runner-rule.js';
import { TAG } from './types.js';
import { GROUP_NOT_VISIBLE, untilVisible, type VisibilityOptions } from './visibility.js';

/** Pages of 1,000 managed groups the janitor reads per region (a bound, never reached in practice). */
const MAX_GROUP_PAGES = 100;

/** One per-run rule, as the post step needs it to revoke it (saved in state). */
export interface RunnerRule {
  readonly region: string;
  readonly groupId: string;
  /** `<ip>/32`. */
  readonly cidr: string;
  readonly port: number;
  /** `run=<id>/<attempt>` (runner-rule.ts: runnerRuleOwner). */
  readonly owner: string;
}

function permission(rule: RunnerRule, description?: string): IpPermission {
  return {
    IpProtocol: 'tcp',
    FromPort: rule.port,
    ToPort: rule.port,
    IpRanges: [
      { CidrIp: rule.cidr, ...(description === undefined ? {} : { Description: description }) },
    ],
  };
}

/**
 * Authorises TCP `port` from `cidr` with this run's description. When the rule exists already
 * (another live run from the same address, or a dead one's), it is taken over: its description
 * becomes this run's, so this run's post step revokes it and the other run's leaves it; a static
 * rule (no runner description) is left as it is ('static': nothing for the post step). `fresh`:
 * the group was created in this run (NotFound is EC2's eventual consistency: retried).
 */
export async function authorizeRunnerRule(
  client: EC2Client,
  rule: RunnerRule,
  at: Date,
  fresh?: VisibilityOptions,
): Promise<'added' | 'taken over' | 'static'> {
  const description = runnerRuleDescription(rule.owner, at);
  const what = `allow TCP ${rule.port} from ${rule.cidr} (this runner) in security group ${rule.groupId}`;
  const authorize = () =>
    client.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: rule.groupId,
        IpPermissions: [permission(rule, description)],
      }),
    );
  try {
    if (fresh === undefined) await authorize();
    else
      await untilVisible(
        {
          action: 'AuthorizeSecurityGroupIngress',
          region: rule.region,
          resource: `security group ${rule.groupId}`,
          codes: GROUP_NOT_VISIBLE,
        },
        authorize,
        fresh,
      );
    return 'added';
  } catch (err) {
    if (errorCode(err) !== 'InvalidPermission.Duplicate')
      throw awsError('AuthorizeSecurityGroupIngress', rule.region, err, what);
  }
  // Only another run's rule is taken over. A rule without a runner description is a static one
  // (`ssh-cidr` lists this very /32): taken over, the post step would revoke what the deploy
  // keeps, and the address would lose SSH until the next deploy.
  const existing = await findRange(client, rule);
  if (
    typeof existing === 'object' &&
    parseRunnerRuleDescription(existing.Description) === undefined
  )
    return 'static';
  try {
    await client.send(
      new UpdateSecurityGroupRuleDescriptionsIngressCommand({
        GroupId: rule.groupId,
        IpPermissions: [permission(rule, description)],
      }),
    );
    return 'taken over';
  } catch (err) {
    throw awsError(
      'UpdateSecurityGroupRuleDescriptionsIngress',
      rule.region,
      err,
      `take over the existing rule to ${what}`,
    );
  }
}

export type RevokeOutcome =
  | { readonly kind: 'revoked' }
  | { readonly kind: 'gone' }
  /** Another run took the rule over (same address); that run revokes it. */
  | { readonly kind: 'taken over'; readonly by: string };

const GROUP_GONE: ReadonlySet<string> = new Set([
  'InvalidGroup.NotFound',
  'InvalidGroupId.NotFound',
]);

/** The group's range of exactly TCP `port` from `cidr`; 'group gone' when the group is. Throws AwsError. */
async function findRange(
  client: EC2Client,
  rule: RunnerRule,
): Promise<IpRange | 'group gone' | undefined> {
  let perms: IpPermission[];
  try {
    const out = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: [rule.groupId] }));
    perms = out.SecurityGroups?.[0]?.IpPermissions ?? [];
  } catch (err) {
    if (GROUP_GONE.has(errorCode(err))) return 'group gone';
    throw awsError(
      'DescribeSecurityGroups',
      rule.region,
      err,
      `read security group ${rule.groupId}`,
    );
  }
  return perms
    .filter((p) => isSingleTcpPort(p, rule.port))
    .flatMap((p) => p.IpRanges ?? [])
    .find((r) => r.CidrIp === rule.cidr);
}

/**
 * The post step's revoke: reads the group; revokes exactly `cidr` on `port` when its description
 * still names `rule.owner`; leaves a rule another run took over; nothing when it is gone.
 */
export async function revokeRunnerRule(
  client: EC2Client,
  rule: RunnerRule,
): Promise<RevokeOutcome> {
  const range = await findRange(client, rule);
  if (range === undefined || range === 'group gone') return { kind: 'gone' };
  const owner = parseRunnerRuleDescription(range.Description)?.owner;
  if (owner !== rule.owner)
    return { kind: 'taken over', by: range.Description ?? '(no description)' };
  try {
    await client.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: rule.groupId,
        IpPermissions: [permission(rule)],
      }),
    );
  } catch (err) {
    if (errorCode(err) === 'InvalidPermission.NotFound') return { kind: 'gone' };
    throw awsError(
      'RevokeSecurityGroupIngress',
      rule.region,
      err,
      `remove this runner's rule (TCP ${rule.port} from ${rule.cidr}) from security group ${rule.groupId}`,
    );
  }
  return { kind: 'revoked' };
}

/**
 * The janitor's part: in every managed spot-deploy group of a region, the runner rules older than
 * RUNNER_RULE_MAX_AGE_MS (runners that died before their post step), also of live deployments.
 * Returns one line per group cleaned; throws AwsError.
 */
export async function pruneStaleRunnerRules(
  client: EC2Client,
  region: string,
  nowMs: number,
): Promise<string[]> {
  const groups = await allPages(
    'DescribeSecurityGroups',
    region,
    'find the managed security groups',
    MAX_GROUP_PAGES,
    async (token) => {
      const out = await client.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: `tag:${TAG.managed}`, Values: ['true'] }],
          MaxResults: 1000,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      return { items: out.SecurityGroups ?? [], next: out.NextToken };
    },
  );
  const done: string[] = [];
  for (const g of groups) {
    if (!g.Tags?.some((t) => t.Key === TAG.deployment)) continue;
    const stale = staleRunnerRules(g.IpPermissions ?? [], nowMs);
    if (stale.length === 0) continue;
    const ranges = stale.flatMap((p) => [
      ...(p.IpRanges ?? []).map((r) => r.CidrIp ?? ''),
      ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? ''),
    ]);
    try {
      await client.send(
        new RevokeSecurityGroupIngressCommand({ GroupId: g.GroupId, IpPermissions: stale }),
      );
    } catch (err) {
      throw awsError(
        'RevokeSecurityGroupIngress',
        region,
        err,
        `remove stale runner rules from security group ${g.GroupId ?? ''}`,
      );
    }
    done.push(`${region} ${g.GroupId ?? ''}: removed stale runner rule(s) ${ranges.join(', ')}`);
  }
  return done;
}

/** The description a block of `ssh-cidr` gets back when it was reclaimed from a runner rule. */
export const STATIC_RULE_DESCRIPTION = 'spot-deploy ssh-cidr';

/**
 * Blocks `ssh-cidr` lists that exist on the group only as another run's runner rule (the same
 * /32): EC2 holds one rule per block, so the sync finds them present and adds nothing, and that
 * run's post step would revoke them. Re-described as static, they stay: a post step revokes only
 * a rule whose description names its run. Returns the blocks reclaimed.
 */
export async function reclaimStatic(
  client: EC2Client,
  region: string,
  groupId: string,
  existing: readonly IpPermission[],
  port: number,
  cidrs: readonly string[],
): Promise<string[]> {
  const taken = existing
    .filter((p) => isSingleTcpPort(p, port))
    .flatMap((p) => p.IpRanges ?? [])
    .filter((r) => cidrs.includes(r.CidrIp ?? '') && parseRunnerRuleDescription(r.Description))
    .map((r) => r.CidrIp ?? '');
  for (const cidr of taken) {
    const rule = { region, groupId, cidr, port, owner: '' };
    try {
      await client.send(
        new UpdateSecurityGroupRuleDescriptionsIngressCommand({
          GroupId: groupId,
          IpPermissions: [permission(rule, STATIC_RULE_DESCRIPTION)],
        }),
      );
    } catch (err) {
      throw awsError(
        'UpdateSecurityGroupRuleDescriptionsIngress',
        region,
        err,
        `keep TCP ${port} from ${cidr} (listed in ssh-cidr) in security group ${groupId} after the run that added it ends`,
      );
    }
  }
  return taken;
}
