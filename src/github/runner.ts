/**
 * The runner's side of a step: inputs and state from the environment, outputs, state and the
 * summary through the runner's files, masks, warnings and groups as workflow commands on stdout.
 * The same protocol @actions/core 3 speaks (its command.js, file-command.js, summary.js), written
 * out here because importing @actions/core loads its HTTP client with undici (1 MB of dist/, the
 * largest part of a plan's start-up) for OIDC tokens this action never asks for
 * (docs/architecture.md, "Start-up"). __tests__/unit/github/runner.test.ts holds it to
 * @actions/core's own output.
 */
import { randomUUID } from 'node:crypto';
import { access, appendFile } from 'node:fs/promises';
import { appendFileSync, constants, existsSync } from 'node:fs';
import { EOL } from 'node:os';

type Env = NodeJS.ProcessEnv;

/** An input as the runner passes it (`INPUT_<NAME>`, spaces as `_`), trimmed; '' when unset. */
export function getInput(name: string, env: Env = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** What the main step saved under `name` (`STATE_<name>`); '' when unset. */
export function getState(name: string, env: Env = process.env): string {
  return env[`STATE_${name}`] ?? '';
}

export function saveState(name: string, value: string, env: Env = process.env): void {
  keyValue('STATE', 'save-state', name, value, env, '');
}

export function setOutput(name: string, value: string, env: Env = process.env): void {
  // The old set-output command starts on a line of its own, as @actions/core writes it.
  keyValue('OUTPUT', 'set-output', name, value, env, EOL);
}

/** Registers a secret: the runner replaces it with *** in every later log line. */
export function setSecret(secret: string): void {
  command('add-mask', {}, secret);
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function warning(message: string): void {
  command('warning', {}, message);
}

/** Marks the step failed (exit code 1) with an error annotation; neither throws nor exits. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  command('error', {}, message);
}

/** Runs `fn` inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  command('group', {}, name);
  try {
    return await fn();
  } finally {
    command('endgroup', {}, '');
  }
}

/** Appends markdown (and a newline) to the step summary file; throws when it cannot be written. */
export async function appendSummary(markdown: string, env: Env = process.env): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file)
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
    );
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`,
    );
  }
  await appendFile(file, markdown + EOL, { encoding: 'utf8' });
}

/** `name<<delimiter` in the runner's file `GITHUB_<kind>`, or the old stdout command without it. */
function keyValue(
  kind: string,
  legacy: string,
  name: string,
  value: string,
  env: Env,
  before: string,
): void {
  const file = env[`GITHUB_${kind}`];
  if (!file) {
    if (before) process.stdout.write(before);
    command(legacy, { name }, value);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (value.includes(delimiter))
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, {
    encoding: 'utf8',
  });
}

/** `::command key=value::message`, escaped as the runner unescapes it. */
export function commandLine(
  name: string,
  properties: Readonly<Record<string, string>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function command(name: string, properties: Readonly<Record<string, string>>, message: string) {
  process.stdout.write(commandLine(name, properties, message) + EOL);
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
