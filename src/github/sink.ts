import * as runner from './runner.js';
import type { Sink } from '../report/sink.js';

/** The runner's log, outputs and step summary. */
export function actionsSink(): Sink {
  return {
    info: (m) => runner.info(m),
    warning: (m) => runner.warning(m),
    setOutput: (n, v) => runner.setOutput(n, v),
    setSecret: (v) => maskSecret(v, runner.setSecret),
    summary: async (md) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await runner.appendSummary(md);
    },
    group: (name, fn) => runner.group(name, fn),
  };
}

/** The runner masks line by line, so a multi-line secret (a PEM key) is registered per line too. */
export function maskSecret(value: string, register: (s: string) => void): void {
  if (value.trim() === '') return;
  register(value);
  for (const line of value.split(/\r?\n/)) {
    if (line.trim().length >= 8) register(line.trim());
  }
}
