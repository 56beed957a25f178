import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { ec2Clients } from './aws/clients.js';
import { runDeploy } from './modes/deploy/run.js';
import { parseInputs } from './inputs/parse.js';
import { INPUT_NAMES, type InputName, type Mode } from './inputs/types.js';
import { runPost } from './modes/cleanup.js';
import { runDestroy } from './modes/destroy.js';
import { runStatus } from './modes/status.js';
import { memoryState, type StateStore } from './modes/state.js';
import { errorMessage } from './errors.js';
import { actionRoot } from './paths.js';
import { runPlan } from './modes/plan.js';
import { runRollback } from './modes/rollback.js';
import type { Sink } from './report/sink.js';

const USAGE = `usage: spot-deploy plan|deploy|rollback|destroy|status [--config FILE.yml] [--<input> VALUE ...] [--summary FILE]

  plan      render user-data, bundle and launch plan; no AWS calls
  deploy    launch or adopt instances and deliver the bundle (AWS credentials from the environment)
  rollback  switch every running instance back to its previous ready release, or to
            --rollback-to <sha256>; needs --ssh-private-key (the deployment's key)
  destroy   remove everything of the deployment (deployment-id 'expired': every expired one)
  status    list the deployment's instances in the given regions (EC2 tags; no SSH)

  --config FILE   a YAML mapping of action inputs (the same names as in action.yml's \`with:\`)
  --<input> VALUE one action input, e.g. --bundle-path deploy --regions eu-west-1 (overrides --config)
  --summary FILE  write the Markdown summary there instead of stdout
Outputs are printed as name=value lines. A deploy that fails or is interrupted (Ctrl-C) terminates
what it launched unless --cleanup never, as the action's post step does.`;

const COMMANDS = ['plan', 'deploy', 'rollback', 'destroy', 'status'] as const;
type Command = (typeof COMMANDS)[number];

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
  if (!(COMMANDS as readonly string[]).includes(command)) {
    console.error(`spot-deploy: unknown command '${command}'.\n\n${USAGE}`);
    return 2;
  }
  const cmd = command as Command;
  // status reads like destroy does (no bundle needed); every other command is an action mode.
  const mode: Mode = cmd === 'status' ? 'destroy' : cmd;
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
  values.set('mode', mode);
  const clients = ec2Clients();
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
    // Every run renders into a directory of its own there (prepare: mkdtemp, 0700), kept
    // afterwards since the outputs name the files.
    const ctx = { tempDir: env.RUNNER_TEMP || tmpdir() };
    const root = actionRoot();
    if (cmd === 'status') await runStatus(inputs, ctx, { sink, ec2: clients.get });
    else if (mode === 'plan') await runPlan(inputs, ctx, sink, root);
    else if (mode === 'destroy')
      await withCleanup(sink, clients.get, (state) =>
        runDestroy(inputs, ctx, { sink, ec2: clients.get, state }),
      );
    else if (mode === 'rollback')
      await withCleanup(sink, clients.get, (state) =>
        runRollback(inputs, ctx, { sink, ec2: clients.get, state }),
      );
    else
      await withCleanup(sink, clients.get, (state) =>
        runDeploy(inputs, ctx, { sink, state, ec2: clients.get, root }),
      );
    return 0;
  } catch (e) {
    console.error(`spot-deploy: ${errorMessage(e)}`);
    return 1;
  } finally {
    clients.destroy();
  }
}

/**
 * A deploy or destroy followed by what the action's post step does (terminate what a failed deploy
 * launched, release the deploy lock), also on Ctrl-C / SIGTERM.
 */
async function withCleanup(
  sink: Sink,
  ec2: (region: string) => EC2Client,
  run: (state: StateStore) => Promise<unknown>,
): Promise<void> {
  const state = memoryState();
  let stopping: Promise<void> | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    console.error(`spot-deploy: ${sig}: cleaning up what this run launched…`);
    stopping ??= runPost(state, ec2, sink).then(
      () => process.exit(130),
      (e: unknown) => {
        console.error(errorMessage(e));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await run(state);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!stopping) await runPost(state, ec2, sink);
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
