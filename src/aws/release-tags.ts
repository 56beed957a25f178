/**
 * The release tags: which bundle an instance runs and where mode reconcile finds it again (the
 * run that uploaded it, the artifact's name there), with the deployment's size. Launched
 * instances get them from the create call; instances a later deploy readies get them moved here
 * (IAM: CreateTags on instances of a deployment, these keys only).
 */
import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { awsError } from './aws-errors.js';
import { TAG, type Tags } from './types.js';

/** The keys CreateTags may write outside a create call (docs/iam-policy.json). */
export const RELEASE_TAG_KEYS = [
  TAG.bundleSha256,
  TAG.bundleRun,
  TAG.bundleArtifact,
  TAG.count,
] as const;

export interface ReleaseRecord {
  readonly sha256: string;
  /** The workflow run that uploaded the artifact; undefined outside Actions. */
  readonly runId?: string | undefined;
  /** The artifact's name; false when none was uploaded (`artifact-name: none`, command line). */
  readonly artifactName: string | false;
  readonly count: number;
}

/** The tags for a release (pure). Without a run or an artifact, only the sha256 and the count. */
export function releaseTags(r: ReleaseRecord): Tags {
  const findable = r.runId !== undefined && r.runId !== '' && r.artifactName !== false;
  return {
    [TAG.bundleSha256]: r.sha256,
    [TAG.count]: String(r.count),
    ...(findable ? { [TAG.bundleRun]: r.runId, [TAG.bundleArtifact]: r.artifactName } : {}),
  };
}

/** What the tags of one instance say (pure); undefined fields when a tag is absent or malformed. */
export function readReleaseTags(tags: Tags | undefined): {
  sha256?: string;
  runId?: string;
  artifactName?: string;
  count?: number;
} {
  const t = tags ?? {};
  const sha = t[TAG.bundleSha256];
  const count = Number(t[TAG.count]);
  const run = t[TAG.bundleRun];
  const name = t[TAG.bundleArtifact];
  return {
    ...(sha !== undefined && /^[0-9a-f]{64}$/.test(sha) ? { sha256: sha } : {}),
    ...(run !== undefined && /^\d+$/.test(run) ? { runId: run } : {}),
    ...(name ? { artifactName: name } : {}),
    ...(Number.isSafeInteger(count) && count >= 1 ? { count } : {}),
  };
}

/**
 * Writes the release tags on `ids` (one region). The keys not in `tags` (no artifact this run)
 * are set empty rather than left behind, so an old run's artifact is never taken for this
 * release. Throws AwsError naming CreateTags.
 */
export async function recordRelease(
  client: EC2Client,
  region: string,
  ids: readonly string[],
  tags: Tags,
): Promise<void> {
  if (ids.length === 0) return;
  const Tags = RELEASE_TAG_KEYS.map((Key) => ({ Key, Value: tags[Key] ?? '' }));
  for (let i = 0; i < ids.length; i += 200) {
    try {
      await client.send(new CreateTagsCommand({ Resources: ids.slice(i, i + 200), Tags }));
    } catch (err) {
      throw awsError('CreateTags', region, err);
    }
  }
}
