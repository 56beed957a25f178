import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { InstanceResult } from '../../src/report/results.js';

/** Reads a GITHUB_OUTPUT / GITHUB_STATE file (`name<<DELIM … DELIM` blocks or `name=value` lines). */
export function readCommandFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = /^([^<=]+)<<(.+)$/.exec(line);
    if (m?.[1] && m[2]) {
      const value: string[] = [];
      while (i + 1 < lines.length && lines[++i] !== m[2]) value.push(lines[i] ?? '');
      out[m[1]] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

export interface ActionFiles {
  readonly dir: string;
  readonly output: string;
  readonly summary: string;
  readonly state: string;
}

/** A fresh runner-like directory with the files the runner gives a step. */
export function actionFiles(): ActionFiles {
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'));
  const files = {
    dir,
    output: join(dir, 'output'),
    summary: join(dir, 'summary'),
    state: join(dir, 'state'),
  };
  for (const f of [files.output, files.summary, files.state]) writeFileSync(f, '');
  return files;
}

/**
 * The environment the runner gives `node dist/index.js`: INPUT_* per input, the command files,
 * and for the post step STATE_* from what the main step saved.
 */
export function actionEnv(
  files: ActionFiles,
  inputs: Record<string, string>,
  extra: Record<string, string> = {},
  state?: Record<string, string>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: files.dir,
    GITHUB_WORKSPACE: resolve('.'),
    GITHUB_REPOSITORY: 'example/spot-deploy-test',
    GITHUB_RUN_ID: String(1000 + Math.floor(Math.random() * 1e6)),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REF_NAME: 'main',
    ...extra,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(state ?? {})) env[`STATE_${k}`] = v;
  return env;
}

export interface Running {
  readonly pid: number;
  readonly done: Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts `node dist/index.js` as the runner does; `onStdout` gets all its output so far, as it grows. */
export function startAction(env: NodeJS.ProcessEnv, onStdout?: (text: string) => void): Running {
  const child = spawn(process.execPath, ['dist/index.js'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    onStdout?.(stdout);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((r) => child.once('exit', (code, signal) => r({ code, signal, stdout, stderr })));
  return { pid: child.pid ?? 0, done, kill: (s) => void child.kill(s) };
}

/**
 * A run cancelled as the runner cancels it: SIGINT, SIGTERM a moment later (7.5 s on GitHub,
 * 1 s here), then SIGKILL if it is still there 5 s after that. Resolves once the signals are sent.
 */
export async function cancelAsTheRunnerDoes(run: Running): Promise<void> {
  const wait = (ms: number) => new Promise<false>((r) => setTimeout(() => r(false), ms));
  run.kill('SIGINT');
  await Promise.race([run.done, wait(1_000)]);
  run.kill('SIGTERM');
  const ended = await Promise.race([run.done.then(() => true), wait(5_000)]);
  if (!ended) run.kill('SIGKILL');
}

/** What one step of the built action left: its exit, its output and the command files read back. */
export interface StepResult {
  readonly code: number | null;
  readonly signal: string | null;
  /** stdout, then stderr. */
  readonly log: string;
  /** stdout alone: where the runner reads `::error::` and the log lines. */
  readonly stdout: string;
  readonly files: ActionFiles;
  readonly outputs: Record<string, string>;
  /** The `instances` output, parsed ([] when there is none). */
  readonly instances: InstanceResult[];
  readonly state: Record<string, string>;
  readonly summary: string;
  /** Date.now() when the step was started and when it had ended. */
  readonly start: number;
  readonly end: number;
  /** Milliseconds from the start until each of the `marks` first showed on stdout. */
  readonly at: Record<string, number>;
}

export interface StepOptions {
  /** More environment for the step (AWS endpoints, GITHUB_RUN_ID, …). */
  readonly env?: Record<string, string>;
  /** The post step: STATE_* from what the main step saved. */
  readonly state?: Record<string, string> | undefined;
  readonly marks?: readonly string[];
}

/**
 * Starts one step of `node dist/index.js` with these inputs in a fresh runner-like directory;
 * `result` waits for its end and reads back what it left. `main` can be killed meanwhile.
 */
export function startStep(
  inputs: Record<string, string>,
  o: StepOptions = {},
): { files: ActionFiles; main: Running; result: () => Promise<StepResult> } {
  const files = actionFiles();
  const start = Date.now();
  const at: Record<string, number> = {};
  const main = startAction(actionEnv(files, inputs, o.env, o.state), (out) => {
    for (const m of o.marks ?? [])
      if (at[m] === undefined && out.includes(m)) at[m] = Date.now() - start;
  });
  const result = async (): Promise<StepResult> => {
    const r = await main.done;
    const end = Date.now();
    const outputs = readCommandFile(files.output);
    return {
      code: r.code,
      signal: r.signal,
      log: `${r.stdout}\n${r.stderr}`,
      stdout: r.stdout,
      files,
      outputs,
      instances: JSON.parse(outputs.instances ?? '[]') as InstanceResult[],
      state: readCommandFile(files.state),
      summary: readFileSync(files.summary, 'utf8'),
      start,
      end,
      at,
    };
  };
  return { files, main, result };
}

/** One step of the built action to its end (startStep). */
export const runStep = (inputs: Record<string, string>, o: StepOptions = {}) =>
  startStep(inputs, o).result();
