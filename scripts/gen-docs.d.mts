// Types of scripts/gen-docs.mjs for the TypeScript tests that import it.

/** A missing marker, an unreadable or invalid source: the command line's exit status 1. */
export class DocsError extends Error {}

/** Section bodies keyed by marker name (inputs, outputs, workflow-inputs, workflow-secrets). */
export type Sections = Record<string, string>;

/** The generated body of every section; paths are shown relative to `base`. */
export function renderSections(files: { action: string; workflow: string; base: string }): Sections;

/** README text with each section replaced; `stale` names the sections that changed. */
export function applySections(
  readme: string,
  sections: Sections,
  readmeName?: string,
): { text: string; stale: string[] };

export interface RunResult {
  /** The exit status the command line sets. */
  readonly status: 0 | 1;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node scripts/gen-docs.mjs ...argv` in process (README.md is rewritten unless --check). */
export function run(argv: readonly string[], options?: { cwd?: string }): RunResult;
