import { formatBytes } from './markdown.js';
import { setOutputs } from './outputs.js';
import type { Sink } from './sink.js';

/** What became of the run's artifact upload (github/artifact.ts makes it; a failure is never fatal). */
export type ArtifactOutcome =
  | {
      readonly status: 'uploaded';
      readonly name: string;
      readonly id: number;
      readonly size: number;
      readonly url?: string;
      readonly files: readonly string[];
    }
  | { readonly status: 'skipped'; readonly message: string }
  | { readonly status: 'failed'; readonly name: string; readonly message: string };

/** Logs an outcome and sets `artifact-id`; a failure is a warning, never a failed step. */
export function reportArtifact(sink: Sink, outcome: ArtifactOutcome): void {
  if (outcome.status === 'uploaded') {
    setOutputs(sink, { 'artifact-id': String(outcome.id) });
    const where = outcome.url === undefined ? '' : ` → ${outcome.url}`;
    sink.info(
      `artifact '${outcome.name}': id ${outcome.id}, ${formatBytes(outcome.size)} (${outcome.files.join(', ')})${where}`,
    );
  } else if (outcome.status === 'skipped') {
    sink.info(outcome.message);
  } else {
    sink.warning(outcome.message);
  }
}
