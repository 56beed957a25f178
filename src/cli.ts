import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { INPUT_NAMES, parseInputs, type InputName } from './inputs.js';
import { errorMessage } from './errors.js';
import { actionRoot } from './paths.js';
import { runPlan } from './run-plan.js';
import type { Sink } from './sink.js';

const USAGE = `usage: spot-deploy plan [--config FILE.yml] [--<input> VALUE ...] [--summary FILE]

  --config FILE   a YAML mapping of action inputs (the same names as in action.yml's \`with:\`)
  --<input> VALUE one action input, e.g. --bundle-path deploy --regions eu-west-1 (overrides --config)
  --summary FILE  write the Markdown summary there instead of stdout
Outputs are printed as name=value lines. Only 'plan' is available in this version.`;

/** The command line: the same core as the action, with inputs from flags and a YAML file. */
export async function cli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'plan') {
    console.error(
      `spot-deploy: '${command}' is not available in this version yet; only 'plan' is.\n\n${USAGE}`,
    );
    return 2;
  }
  const values = new Map<string, string>();
  let summaryFile: string | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i] ?? '';
    const value = rest[i + 1];
    if (!flag.startsWith('--') || value === undefined) {
      console.error(`spot-deploy: expected --name value pairs, got '${flag}'.\n\n${USAGE}`);
      return 2;
    }
    const name = flag.slice(2);
    if (name === 'config') {
      const config = readConfig(value);
      if (config instanceof Error) {
        console.error(`spot-deploy: ${config.message}`);
        return 2;
      }
      config.forEach((v, k) => values.has(k) || values.set(k, v));
    } else if (name === 'summary') summaryFile = value;
    else if ((INPUT_NAMES as readonly string[]).includes(name)) values.set(name, value);
    else {
      console.error(
        `spot-deploy: unknown option --${name}; inputs are: ${INPUT_NAMES.join(', ')}.`,
      );
      return 2;
    }
  }
  values.set('mode', 'plan');
  const sink: Sink = {
    info: (m) => console.error(m),
    warning: (m) => console.error(`warning: ${m}`),
    setOutput: (n, v) => console.log(`${n}=${v}`),
    setSecret: () => undefined,
    summary: async (md) => {
      if (summaryFile) await writeFile(summaryFile, md);
      else console.log(md);
    },
  };
  try {
    const inputs = parseInputs((n: InputName) => values.get(n) ?? '', {
      workspace: process.cwd(),
      defaultRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    });
    await runPlan(
      inputs,
      { tempDir: env.RUNNER_TEMP || tmpdir() },
      sink,
      actionRoot(import.meta.url),
    );
    return 0;
  } catch (e) {
    console.error(`spot-deploy: ${errorMessage(e)}`);
    return 1;
  }
}

/** Config-file keys override nothing given on the command line; values may be YAML scalars. */
function readConfig(file: string): Map<string, string> | Error {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return new Error(`could not read --config ${file}: ${errorMessage(e)}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return new Error(`--config ${file}: expected a YAML mapping of input names to values`);
  }
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(doc)) {
    if (!(INPUT_NAMES as readonly string[]).includes(k)) {
      return new Error(
        `--config ${file}: unknown input '${k}'; inputs are: ${INPUT_NAMES.join(', ')}`,
      );
    }
    out.set(k, Array.isArray(v) ? v.join('\n') : String(v));
  }
  return out;
}
