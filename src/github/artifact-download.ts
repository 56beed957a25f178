/**
 * The bundle of an earlier run, back from its workflow artifact (mode reconcile's BundleSource).
 * Another run's artifact goes through the public REST API (`findBy`), which needs a token with
 * `actions: read`.
 */
import { join } from 'node:path';
import type {
  DownloadArtifactOptions,
  DownloadArtifactResponse,
  FindOptions,
  GetArtifactResponse,
} from '@actions/artifact';
import { ArtifactGoneError, errorMessage } from '../errors.js';
import type { BundleSource } from '../modes/bundle-source.js';

/** The part of @actions/artifact's DefaultArtifactClient used here (passed in, so tests fake it). */
export interface ArtifactReaderLike {
  getArtifact(name: string, options?: FindOptions): Promise<GetArtifactResponse>;
  downloadArtifact(
    id: number,
    options?: DownloadArtifactOptions & FindOptions,
  ): Promise<DownloadArtifactResponse>;
}

/** The bundle's name inside the deploy artifact (github/artifact.ts uploads it from the work dir). */
export const BUNDLE_IN_ARTIFACT = 'bundle.tar.gz';

/** Not found (never uploaded, deleted) or gone (410: retention expired): no retry brings it back. */
function gone(err: unknown): boolean {
  const e = err as { name?: unknown; status?: unknown };
  return e.name === 'ArtifactNotFoundError' || e.status === 404 || e.status === 410;
}

/** A token the API refuses: the job lacks the permission to read another run's artifacts. */
function refused(err: unknown): string {
  const status = (err as { status?: unknown }).status;
  return status === 401 || status === 403
    ? ". The job's token may not read this run's artifacts: give the job `permissions: actions: read` (and pass github-token if it is not the job's)."
    : '';
}

export function artifactBundleSource(
  client: ArtifactReaderLike,
  o: { token: string | undefined; repository: string | undefined },
): BundleSource {
  return {
    fetch: async ({ runId, artifactName }, dir) => {
      const [owner, repo] = (o.repository ?? '').split('/');
      if (!o.token || !owner || !repo)
        throw new Error(
          'Could not download the release artifact: no github-token or repository (run mode reconcile inside GitHub Actions, with permissions actions: read).',
        );
      const findBy = {
        token: o.token,
        workflowRunId: Number(runId),
        repositoryOwner: owner,
        repositoryName: repo,
      };
      const where = `artifact '${artifactName}' of run ${runId}`;
      try {
        const { artifact } = await client.getArtifact(artifactName, { findBy });
        await client.downloadArtifact(artifact.id, { findBy, path: dir });
      } catch (err) {
        if (gone(err))
          throw new ArtifactGoneError(
            `The ${where} no longer exists (its retention ended, it was deleted, or that run's upload failed: see its log), so the release cannot be rebuilt: redeploy (mode: deploy) to upload it again, and keep artifact-retention-days at least as long as the fleet lives. ${errorMessage(err)}`,
          );
        throw new Error(`Could not download the ${where}: ${errorMessage(err)}${refused(err)}`, {
          cause: err,
        });
      }
      return join(dir, BUNDLE_IN_ARTIFACT);
    },
  };
}
