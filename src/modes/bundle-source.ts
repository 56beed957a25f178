/**
 * The port through which mode reconcile gets a release's bundle back: the artifact of the run
 * that deployed it. The action's entry builds the real one (github/artifact-download.ts); the
 * command line and the tests pass their own.
 */
export interface BundleSource {
  /**
   * Downloads `bundle.tar.gz` of the artifact `artifactName` of workflow run `runId` into `dir`
   * and returns its path. Throws ArtifactGoneError when the artifact no longer exists (retention
   * expired, deleted), another error for anything else.
   */
  fetch(source: { runId: string; artifactName: string }, dir: string): Promise<string>;
  /**
   * True when fetch needs neither the run nor the artifact (a local file): a release deployed
   * without an artifact (the command line's deploy) is then served too, by its sha256 alone, and
   * fetch is given an empty runId and artifactName.
   */
  readonly local?: boolean;
  /**
   * How a refusal names the bytes fetch returned and what to do instead (the command line's
   * `--bundle-file`); without it, the artifact's name and a redeploy.
   */
  describe?(source: { runId: string; artifactName: string }): {
    readonly what: string;
    readonly remedy: string;
  };
}
