import {
  DeleteLaunchTemplateCommand,
  DeleteSecurityGroupCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type Filter,
  type Tag,
} from '@aws-sdk/client-ec2';
import { errorMessage } from '../errors.js';
import { awsError, errorCode } from './aws-errors.js';
import { allPages } from './pages.js';
import { TAG, type Tags } from './types.js';
import { pollClock, type PollOptions } from './wait.js';

/** A security group or launch template spot-deploy created (tagged managed=true). */
export interface ManagedResource {
  readonly kind: 'security-group' | 'launch-template';
  readonly id: string;
  readonly name?: string;
  readonly deploymentId: string;
  readonly tags: Tags;
}

const MAX_PAGES = 20;
/** ENIs of terminated instances linger for a while and keep their security groups in use. */
const IN_USE = new Set(['DependencyViolation', 'InvalidGroup.InUse']);
const SG_GONE = new Set(['InvalidGroup.NotFound', 'InvalidGroupId.NotFound']);
const LT_GONE = new Set([
  'InvalidLaunchTemplateId.NotFound',
  'InvalidLaunchTemplateName.NotFoundException',
]);

function tagRecord(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/**
 * Security groups and launch templates tagged both managed=true and with a deployment id (the
 * given one, or any when `deploymentId` is undefined). Anything without both tags is never returned.
 */
export async function findManagedResources(
  client: EC2Client,
  region: string,
  deploymentId?: string,
  which: { readonly securityGroups?: boolean } = {},
): Promise<ManagedResource[]> {
  const filters: Filter[] = [
    { Name: `tag:${TAG.managed}`, Values: ['true'] },
    deploymentId !== undefined
      ? { Name: `tag:${TAG.deployment}`, Values: [deploymentId] }
      : { Name: 'tag-key', Values: [TAG.deployment] },
  ];
  const find = 'find the managed security groups and launch templates';
  // Both reads at once: they are independent, and every deploy's report phase waits on them.
  const [groups, templates] = await Promise.all([
    allPages('DescribeSecurityGroups', region, find, MAX_PAGES, async (token) => {
      if (which.securityGroups === false) return { items: [], next: undefined };
      const r = await client.send(
        new DescribeSecurityGroupsCommand({
          Filters: filters,
          MaxResults: 1000,
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
      );
      return { items: r.SecurityGroups ?? [], next: r.NextToken };
    }),
    allPages('DescribeLaunchTemplates', region, find, MAX_PAGES, async (token) => {
      const r = await client.send(
        new DescribeLaunchTemplatesCommand({
          Filters: filters,
          MaxResults: 200,
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
      );
      return { items: r.LaunchTemplates ?? [], next: r.NextToken };
    }),
  ]);
  const out: ManagedResource[] = [];
  const add = (kind: ManagedResource['kind'], id?: string, name?: string, tags?: Tag[]) => {
    const t = tagRecord(tags);
    const dep = t[TAG.deployment];
    // Emulators and eventual consistency aside, the filter already ensures this: checked again
    // because deleting the wrong group is not recoverable.
    if (id === undefined || dep === undefined || t[TAG.managed] !== 'true') return;
    if (deploymentId !== undefined && dep !== deploymentId) return;
    out.push({ kind, id, deploymentId: dep, tags: t, ...(name !== undefined ? { name } : {}) });
  };
  for (const g of groups) add('security-group', g.GroupId, g.GroupName, g.Tags);
  for (const lt of templates)
    add('launch-template', lt.LaunchTemplateId, lt.LaunchTemplateName, lt.Tags);
  return out;
}

/**
 * Deletes a security group, retrying while EC2 says it is still in use (bounded by `timeoutMs`).
 * Returns false when it was already gone.
 */
export async function deleteSecurityGroup(
  client: EC2Client,
  region: string,
  groupId: string,
  opts: PollOptions,
): Promise<boolean> {
  const clock = pollClock(opts, { minDelayMs: 2_000, maxDelayMs: 15_000 });
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
      return true;
    } catch (err) {
      const code = errorCode(err);
      if (SG_GONE.has(code)) return false;
      if (!IN_USE.has(code) || clock.expired())
        throw awsError('DeleteSecurityGroup', region, err, `delete security group ${groupId}`);
      opts.log?.(`${region}: ${groupId} still in use (attempt ${attempt}), retrying`);
    }
    await clock.pause();
  }
}

/** Deletes a launch template; returns false when it was already gone. */
export async function deleteLaunchTemplate(
  client: EC2Client,
  region: string,
  templateId: string,
): Promise<boolean> {
  try {
    await client.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: templateId }));
    return true;
  } catch (err) {
    if (LT_GONE.has(errorCode(err))) return false;
    throw awsError('DeleteLaunchTemplate', region, err, `delete launch template ${templateId}`);
  }
}

export interface ResourceDeletion {
  readonly securityGroupsDeleted: string[];
  readonly launchTemplatesDeleted: string[];
  readonly errors: string[];
}

/**
 * Deletes launch templates first (nothing depends on them), then security groups. One failure
 * is recorded and the rest still go.
 */
export async function deleteManagedResources(
  client: EC2Client,
  region: string,
  resources: readonly ManagedResource[],
  opts: PollOptions,
): Promise<ResourceDeletion> {
  const out: ResourceDeletion = {
    securityGroupsDeleted: [],
    launchTemplatesDeleted: [],
    errors: [],
  };
  for (const r of resources.filter((x) => x.kind === 'launch-template')) {
    try {
      if (await deleteLaunchTemplate(client, region, r.id)) out.launchTemplatesDeleted.push(r.id);
    } catch (err) {
      out.errors.push(errorMessage(err));
    }
  }
  for (const r of resources.filter((x) => x.kind === 'security-group')) {
    try {
      if (await deleteSecurityGroup(client, region, r.id, opts))
        out.securityGroupsDeleted.push(r.id);
    } catch (err) {
      out.errors.push(errorMessage(err));
    }
  }
  return out;
}
