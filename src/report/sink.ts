import * as core from '@actions/core';

/** Where a run's progress, outputs and summary go: the Actions runner or a terminal. */
export interface Sink {
  info(message: string): void;
  warning(message: string): void;
  setOutput(name: string, value: string): void;
  /** Masks a value in everything logged after this call. */
  setSecret(value: string): void;
  summary(markdown: string): Promise<void>;
  /** Runs `fn` inside a collapsible log group (Actions) or under a heading (terminal). */
  group?<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** `sink.group` when the sink has one, else a plain heading line. */
export function inGroup<T>(sink: Sink, name: string, fn: () => Promise<T>): Promise<T> {
  if (sink.group) return sink.group(name, fn);
  sink.info(`== ${name}`);
  return fn();
}

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
