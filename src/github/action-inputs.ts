import * as runner from './runner.js';
import { envMaskValues } from '../inputs/env.js';
import { parseInputs } from '../inputs/parse.js';
import { INPUT_NAMES, type Inputs, type InputName } from '../inputs/types.js';
import { maskSecret } from './sink.js';

const SECRET_INPUTS: ReadonlySet<InputName> = new Set(['ssh-private-key', 'github-token']);

/** The only caller of runner.getInput. Secret inputs are masked before anything parses them. */
export function readInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const raw = new Map<InputName, string>();
  for (const name of INPUT_NAMES) {
    const value = runner.getInput(name);
    if (name === 'env') maskEnvLike(value);
    else if (SECRET_INPUTS.has(name)) maskSecret(value, runner.setSecret);
    raw.set(name, value);
  }
  return parseInputs((name) => raw.get(name) ?? '', {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    defaultRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
  });
}

/**
 * Masks the `env` input: the whole text, and each value that can be a secret (inputs/env.ts:
 * `canBeSecret`) exactly as the instance will read it, quotes removed. Short values such as
 * `DEBUG=true` are not masked: every `true` in the log would turn into `***`.
 */
export function maskEnvLike(value: string, register: (s: string) => void = runner.setSecret): void {
  if (value.trim() === '') return;
  register(value);
  for (const secret of envMaskValues(value)) register(secret);
}
