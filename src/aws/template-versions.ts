/**
 * Every deploy adds a launch template version, and each carries that run's user-data with its
 * SSH host private key. Old versions serve nothing (instances never go back to them) but would pile
 * up to EC2's limit and keep old keys readable to anyone allowed DescribeLaunchTemplateVersions, so
 * after a launch the template keeps only its default version and the newest few.
 */
import {
  DeleteLaunchTemplateVersionsCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { errorMessage } from '../errors.js';

/** Versions kept besides the default one: this run's and the one before it. */
export const KEEP_NEWEST = 2;
/** DeleteLaunchTemplateVersions takes at most 200 versions per call. */
const DELETE_BATCH = 200;
/** 50 pages of 200: more versions than EC2 allows a template; the rest waits for the next run. */
const MAX_PAGES = 50;

export interface PruneResult {
  readonly deleted: readonly number[];
  /** What could not be listed or deleted: the run goes on, the caller warns. */
  readonly warnings: readonly string[];
}

/**
 * Deletes the versions of template `templateId` other than the default one, the newest
 * `keep` and `current` (this run's: two when a mixed type list split the CPU credits). Never throws: a refusal is a warning, since the launch it
 * follows has already succeeded.
 */
export async function pruneTemplateVersions(
  client: EC2Client,
  region: string,
  templateId: string,
  current: string | readonly string[],
  keep = KEEP_NEWEST,
): Promise<PruneResult> {
  const mine = new Set(typeof current === 'string' ? [current] : current);
  const versions: { n: number; isDefault: boolean }[] = [];
  try {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await client.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: templateId,
          MaxResults: 200,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const v of out.LaunchTemplateVersions ?? [])
        if (v.VersionNumber !== undefined)
          versions.push({ n: v.VersionNumber, isDefault: v.DefaultVersion === true });
      token = out.NextToken;
      if (!token) break;
    }
  } catch (err) {
    return {
      deleted: [],
      warnings: [
        `could not list the versions of launch template ${templateId} in ${region} to delete old ones (ec2:DescribeLaunchTemplateVersions): ${errorMessage(err)}`,
      ],
    };
  }
  const newest = new Set(
    [...versions]
      .sort((a, b) => b.n - a.n)
      .slice(0, keep)
      .map((v) => v.n),
  );
  const doomed = versions
    .filter((v) => !v.isDefault && !newest.has(v.n) && !mine.has(String(v.n)))
    .map((v) => v.n)
    .sort((a, b) => a - b);
  const deleted: number[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < doomed.length; i += DELETE_BATCH) {
    const batch = doomed.slice(i, i + DELETE_BATCH);
    try {
      const out = await client.send(
        new DeleteLaunchTemplateVersionsCommand({
          LaunchTemplateId: templateId,
          Versions: batch.map(String),
        }),
      );
      for (const v of out.SuccessfullyDeletedLaunchTemplateVersions ?? [])
        if (v.VersionNumber !== undefined) deleted.push(v.VersionNumber);
      for (const v of out.UnsuccessfullyDeletedLaunchTemplateVersions ?? [])
        warnings.push(
          `could not delete version ${v.VersionNumber ?? '?'} of launch template ${templateId} in ${region}: ${v.ResponseError?.Code ?? 'Unknown'}: ${v.ResponseError?.Message ?? ''}`,
        );
    } catch (err) {
      warnings.push(
        `could not delete old versions ${batch[0]}–${batch.at(-1)} of launch template ${templateId} in ${region} (ec2:DeleteLaunchTemplateVersions): ${errorMessage(err)}`,
      );
      break;
    }
  }
  return { deleted, warnings };
}
