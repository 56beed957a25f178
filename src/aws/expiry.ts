/**
 * The `spot-deploy:expires-at` tag after the fact: a rollback (and, in its own part, a redeploy)
 * that reaches instances re-arms their on-instance shutdown, so the tag the janitor reads must
 * move with it, or the janitor would terminate a fleet still in use.
 */
import { CreateTagsCommand, DeleteTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { awsError } from './aws-errors.js';
import { chunk } from './describe-instances.js';
import { TAG } from './types.js';

/** Resource ids per CreateTags/DeleteTags call (EC2 accepts up to 1000). */
const TAG_BATCH = 1000;

/**
 * Sets `expires-at` on `resourceIds` (instances, security groups, launch templates), or removes it
 * when `expiresAt` is undefined (`ttl-minutes: 0`: no time limit, as a deploy with 0 tags none).
 * Throws an AwsError naming the action; the caller decides whether that fails the step.
 */
export async function retagExpiry(
  client: EC2Client,
  region: string,
  resourceIds: readonly string[],
  expiresAt: string | undefined,
): Promise<void> {
  for (const ids of chunk([...new Set(resourceIds)], TAG_BATCH)) {
    try {
      if (expiresAt === undefined) {
        await client.send(
          new DeleteTagsCommand({ Resources: ids, Tags: [{ Key: TAG.expiresAt }] }),
        );
      } else {
        const Tags = [{ Key: TAG.expiresAt, Value: expiresAt }];
        await client.send(new CreateTagsCommand({ Resources: ids, Tags }));
      }
    } catch (e) {
      const action = expiresAt === undefined ? 'DeleteTags' : 'CreateTags';
      throw awsError(action, region, e, `update ${TAG.expiresAt} of ${ids.join(', ')}`);
    }
  }
}
