/**
 * The TTL follows activity: after a deploy (or a rollback) reaches instances, their
 * `spot-deploy:expires-at` tag, and that of the deployment's managed security group and launch
 * template in the region, move to now + `ttl-minutes`, so the janitor keeps a fleet that is in
 * use. `ttl-minutes: 0` (no time limit) removes the tag: the janitor never expires an instance or
 * a resource without one (aws/destroy.ts).
 */
import { CreateTagsCommand, DeleteTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { awsError } from './aws-errors.js';
import { findManagedResources } from './destroy-resources.js';
import { TAG } from './types.js';

/** CreateTags and DeleteTags take up to 1,000 resources per call; stay well below. */
const RESOURCES_PER_CALL = 200;

/** The expires-at value for a TTL counted from `now` (the plan's format), or undefined for 0. */
export function expiresAtAfter(now: Date, ttlMinutes: number): string | undefined {
  if (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0)
    throw new RangeError(`ttlMinutes must be an integer ≥ 0, got ${ttlMinutes}`);
  if (ttlMinutes === 0) return undefined;
  return new Date(now.getTime() + ttlMinutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
}

export interface ExpiryUpdate {
  readonly region: string;
  /** The new value; undefined: the tag was removed (ttl-minutes 0). */
  readonly expiresAt: string | undefined;
  readonly instanceIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly launchTemplateIds: readonly string[];
}

/**
 * Sets (or, with `expiresAt` undefined, removes) `spot-deploy:expires-at` on `instanceIds` and on
 * the deployment's managed security groups and launch templates in `region`. Nothing is done when
 * `instanceIds` is empty: a region the deploy did not reach keeps its expiry. Throws AwsError
 * (naming the IAM action) on the first refused call; callers warn, since the deploy itself
 * succeeded and the instances' own shutdown was re-armed on them.
 */
export async function refreshExpiry(
  client: EC2Client,
  region: string,
  deploymentId: string,
  instanceIds: readonly string[],
  expiresAt: string | undefined,
): Promise<ExpiryUpdate> {
  const none = { region, expiresAt, instanceIds: [], securityGroupIds: [], launchTemplateIds: [] };
  if (instanceIds.length === 0) return none;
  if (deploymentId.trim() === '') throw new Error('refreshExpiry needs a deployment id');
  const managed = await findManagedResources(client, region, deploymentId);
  const securityGroupIds = managed.filter((r) => r.kind === 'security-group').map((r) => r.id);
  // The deploy lock is a launch template of the deployment too; its lease is its own expiry.
  const launchTemplateIds = managed
    .filter((r) => r.kind === 'launch-template' && r.tags[TAG.lockHolder] === undefined)
    .map((r) => r.id);
  const all = [...new Set([...instanceIds, ...securityGroupIds, ...launchTemplateIds])];
  const action = expiresAt === undefined ? 'DeleteTags' : 'CreateTags';
  for (let i = 0; i < all.length; i += RESOURCES_PER_CALL) {
    const Resources = all.slice(i, i + RESOURCES_PER_CALL);
    try {
      if (expiresAt === undefined)
        await client.send(new DeleteTagsCommand({ Resources, Tags: [{ Key: TAG.expiresAt }] }));
      else
        await client.send(
          new CreateTagsCommand({ Resources, Tags: [{ Key: TAG.expiresAt, Value: expiresAt }] }),
        );
    } catch (err) {
      throw awsError(action, region, err);
    }
  }
  return { region, expiresAt, instanceIds: [...instanceIds], securityGroupIds, launchTemplateIds };
}
