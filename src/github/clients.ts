/**
 * The GitHub clients the action's main step hands to the modes, each package loaded on its first
 * call. @actions/artifact (with Azure's storage stack) and @actions/github (Octokit) cost a few
 * hundred milliseconds to load; a plan without the artifact service, or a run with no PR comment,
 * never calls them and so never pays that (docs/architecture.md, "Start-up").
 */
import type { ArtifactClientLike } from './artifact.js';
import type { ArtifactReaderLike } from './artifact-download.js';
import type { OctokitLike } from './pr-comment.js';

/** Runs `load` once, on the first call; later calls share its promise. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** A DefaultArtifactClient made on the first upload or download. */
export function lazyArtifactClient(
  load: () => Promise<ArtifactClientLike & ArtifactReaderLike> = async () =>
    new (await import('@actions/artifact')).DefaultArtifactClient(),
): ArtifactClientLike & ArtifactReaderLike {
  const client = once(load);
  return {
    uploadArtifact: async (...args) => (await client()).uploadArtifact(...args),
    getArtifact: async (...args) => (await client()).getArtifact(...args),
    downloadArtifact: async (...args) => (await client()).downloadArtifact(...args),
  };
}

/**
 * An Octokit for `token` whose package is loaded on its first request. Loading @actions/github
 * also parses GITHUB_EVENT_PATH: by then context.ts's readEvent has said what is wrong with it.
 */
export function lazyOctokit(
  token: string,
  load: (token: string) => Promise<OctokitLike> = async (t) =>
    (await import('@actions/github')).getOctokit(t),
): OctokitLike {
  const octokit = once(() => load(token));
  return {
    rest: {
      issues: {
        listComments: async (p) => (await octokit()).rest.issues.listComments(p),
        createComment: async (p) => (await octokit()).rest.issues.createComment(p),
        updateComment: async (p) => (await octokit()).rest.issues.updateComment(p),
      },
    },
  };
}
