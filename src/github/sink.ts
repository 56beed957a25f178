import * as core from '@actions/core';
import type { Sink } from '../report/sink.js';

/** The runner's log, outputs and step summary. */
export function actionsSink(): Sink {
  return {
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
    setOutput: (n, v) => core.setOutput(n, v),
    setSecret: (v) => maskSecret(v, core.setSecret),
    summary: async (md) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(md, true).write();
    },
    group: (name, fn) => core.group(name, fn),
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
