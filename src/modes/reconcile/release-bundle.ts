/**
 * The release's bundle for mode reconcile's replacements: fetched into the run's private
 * directory and checked against the sha256 the instances run. Nothing is terminated or launched
 * before it is here and right.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TAG } from '../../aws/types.js';
import { DeployFailedError } from '../../errors.js';
import { makePrivateDir } from '../../private-files.js';
import type { Sink } from '../../report/sink.js';
import type { BundleSource } from '../bundle-source.js';

type Source = { readonly runId: string; readonly artifactName: string };

export interface ReleaseBundle {
  readonly file: string;
  readonly sha256: string;
  /** The run and artifact the bytes came from (empty for a local `--bundle-file`). */
  readonly source: Source;
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * The bundle of release `release.sha256`, from where the instances' tags say (`release.source`)
 * or a local copy (`--bundle-file`, checked by its sha256 alone: it also serves a release
 * deployed without an artifact, the command line's deploy). Throws DeployFailedError saying what
 * to do when there is no way to it or its bytes are another release's.
 */
export async function fetchReleaseBundle(
  deploymentId: string,
  release: { readonly sha256: string | undefined; readonly source: Source | undefined },
  from: BundleSource | undefined,
  workDirPrefix: string,
  sink: Sink,
): Promise<ReleaseBundle> {
  const { sha256 } = release;
  const source = release.source ?? (from?.local ? { runId: '', artifactName: '' } : undefined);
  if (sha256 === undefined || source === undefined)
    throw new DeployFailedError(
      `spot-deploy reconcile: deployment '${deploymentId}' has no instance whose tags name its release's artifact (${TAG.bundleSha256}, ${TAG.bundleRun}, ${TAG.bundleArtifact}): it was deployed without an artifact or by an older spot-deploy. Redeploy it (mode: deploy)${sha256 === undefined ? '' : `, or on the command line pass the bundle of release ${sha256} with --bundle-file`}.`,
    );
  if (from === undefined)
    throw new DeployFailedError(
      'spot-deploy reconcile: no way to download the release artifact here (run it in GitHub Actions).',
    );
  const said = from.describe?.(source) ?? {
    what: `the bundle of artifact '${source.artifactName}' (run ${source.runId})`,
    remedy: 'Redeploy (mode: deploy).',
  };
  const file = await from.fetch(source, await makePrivateDir(workDirPrefix));
  const got = await sha256File(file);
  if (got !== sha256)
    throw new DeployFailedError(
      `spot-deploy reconcile: ${said.what} has sha256 ${got}, but the instances' release is ${sha256}: not used, nothing was launched or terminated. ${said.remedy}`,
    );
  sink.info(`bundle ${sha256} from ${said.what}`);
  return { file, sha256, source };
}
