/**
 * The command line's BundleSources for mode reconcile: a local copy of the release
 * (`--bundle-file`), or none, which fails only when a replacement needs the bundle.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeployFailedError } from '../../errors.js';
import type { BundleSource } from '../bundle-source.js';

type Source = { readonly runId: string; readonly artifactName: string };

/** How to get the release's bundle by hand: the artifact the instances' tags name. */
const download = (s: Source) =>
  `gh run download ${s.runId} -n ${s.artifactName}, then --bundle-file <dir>/bundle.tar.gz`;

/**
 * `--bundle-file FILE`: copied into the run's private directory, so the bytes whose sha256
 * fleet.ts checks are the bytes uploaded, whatever happens to FILE in between.
 */
export function fileBundleSource(file: string): BundleSource {
  return {
    fetch: async (_source, dir) => {
      const to = join(dir, 'bundle.tar.gz');
      await copyFile(file, to);
      return to;
    },
    local: true,
    describe: (s) => ({
      what: `--bundle-file ${file}`,
      remedy:
        s.runId === ''
          ? "It is not the release the instances run: pass the bundle.tar.gz their deploy built (spot-deploy deploy's bundle-file output), or redeploy (spot-deploy deploy)."
          : `It is not the release the instances run: pass the bundle of artifact '${s.artifactName}' of run ${s.runId} (${download(s)}), or redeploy (spot-deploy deploy).`,
    }),
  };
}

/** No way to the bundle: a reconcile that replaces nothing still runs; a launch fails, saying how. */
export function noBundleSource(): BundleSource {
  return {
    fetch: (s) =>
      Promise.reject(
        new DeployFailedError(
          `spot-deploy reconcile: replacements need the release's bundle (artifact '${s.artifactName}' of run ${s.runId}), and there is no way to it here. Pass --bundle-file (${download(s)}), or set GITHUB_TOKEN (or GH_TOKEN; the token needs actions: read) and GITHUB_REPOSITORY to download it. Nothing was launched or terminated.`,
        ),
      ),
  };
}
