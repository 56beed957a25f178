/**
 * One in-memory Sink (src/report/sink.ts) for the tests: it records what a run reports instead
 * of writing to the Actions runner or a terminal.
 */
import type { Sink } from '../../src/report/sink.js';

export interface RecordingSink extends Sink {
  /** Every info and warning line in order, as `info: …` / `warning: …` (groups as `group: …`). */
  readonly lines: string[];
  /** The warnings alone, without the prefix. */
  readonly warnings: string[];
  readonly outputs: Map<string, string>;
  readonly secrets: string[];
  /** Everything written to the step summary, concatenated. */
  summaryText(): string;
  /** Forgets everything recorded so far (for a sink shared by a file's tests). */
  clear(): void;
}

export function recordingSink(): RecordingSink {
  const lines: string[] = [];
  const warnings: string[] = [];
  const outputs = new Map<string, string>();
  const secrets: string[] = [];
  const summaries: string[] = [];
  return {
    lines,
    warnings,
    outputs,
    secrets,
    info: (m) => void lines.push(`info: ${m}`),
    warning: (m) => {
      lines.push(`warning: ${m}`);
      warnings.push(m);
    },
    setOutput: (n, v) => void outputs.set(n, v),
    setSecret: (v) => void secrets.push(v),
    summary: async (md) => void summaries.push(md),
    group: async (name, fn) => {
      lines.push(`group: ${name}`);
      return fn();
    },
    summaryText: () => summaries.join(''),
    clear: () => {
      for (const list of [lines, warnings, secrets, summaries]) list.length = 0;
      outputs.clear();
    },
  };
}
