import * as core from '@actions/core';
import { parseInputs } from '../inputs/parse.js';
import { INPUT_NAMES, type Inputs, type InputName } from '../inputs/types.js';
import { maskSecret } from './sink.js';
import { envLineValues } from '../inputs/primitives.js';

const SECRET_INPUTS: ReadonlySet<InputName> = new Set(['ssh-private-key', 'env', 'github-token']);

/** The only caller of core.getInput. Secret inputs are masked before anything parses them. */
export function readInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const raw = new Map<InputName, string>();
  for (const name of INPUT_NAMES) {
    const value = core.getInput(name);
    if (SECRET_INPUTS.has(name)) maskEnvLike(value);
    raw.set(name, value);
  }
  return parseInputs((name) => raw.get(name) ?? '', {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    defaultRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
  });
}

/** Masks a whole secret input and, for KEY=value lines, each value on its own. */
export function maskEnvLike(value: string, register: (s: string) => void = core.setSecret): void {
  maskSecret(value, register);
  for (const secret of envLineValues(value, 3)) register(secret);
}
