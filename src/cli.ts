import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { writeFile } from 'node:fs/promises';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { parseInputs } from './inputs/parse.js';
import { parseCommandLine, parseConfig } from './inputs/command-line.js';
import type { InputName, Mode } from './inputs/types.js';
import { memoryState, type StateStore } from './modes/state.js';
import { errorMessage } from './errors.js';
import { actionRoot } from './paths.js';
import { fileBundleSource, noBundleSource } from './modes/reconcile/bundle-file.js';
import type { BundleSource } from './modes/bundle-source.js';
import { artifactBundleSource, type ArtifactReaderLike } from './github/artifact-download.js';
import type { Sink } from './report/sink.js';

/** The command line: the same core as the action, with inputs from flags and a YAML file. */
export async function cli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const line = parseCommandLine(argv);
  if (line.kind === 'help') {
    console.log(line.text);
    return line.exitCode;
  }
  if (line.kind === 'error') {
    console.error(`spot-deploy: ${line.message}`);
    return 2;
  }
  const cmd = line.command;
  // status reads like destroy does (no bundle needed); every other command is an action mode.
  const mode: Mode = cmd === 'status' ? 'destroy' : cmd;
  const values = new Map(line.values);
  if (line.configFile !== undefined) {
    const config = readConfig(line.configFile);
    if (config instanceof Error) {
      console.error(`spot-deploy: ${config.message}`);
      return 2;
    }
    config.forEach((v, k) => values.has(k) || values.set(k, v));
  }
  const summaryFile = line.summaryFile;
  const summaryProblem = summaryFile === undefined ? undefined : unwritable(summaryFile);
  if (summaryProblem !== undefined) {
    console.error(`spot-deploy: --summary ${summaryFile}: ${summaryProblem}`);
    return 2;
  }
  const bundleFile = line.bundleFile;
  const bundleProblem = bundleFile === undefined ? undefined : unreadable(bundleFile);
  if (bundleProblem !== undefined) {
    console.error(`spot-deploy: --bundle-file ${bundleFile}: ${bundleProblem}`);
    return 2;
  }
  values.set('mode', mode);
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
    const ctx = {
      tempDir: env.RUNNER_TEMP || tmpdir(),
      // reconcile: `deployment-id all` is every live deployment of this repository, and the
      // artifact download needs it; other commands keep their tags as before.
      ...(cmd === 'reconcile' ? { repository: env.GITHUB_REPOSITORY || undefined } : {}),
    };
    const root = actionRoot();
    // Each command imports its mode only now (a chunk of its own in dist/), as the action does:
    // `plan` loads neither the EC2 client nor ssh2 (docs/architecture.md, "Start-up").
    if (mode === 'plan') {
      const { runPlan } = await import('./modes/plan.js');
      await runPlan(inputs, ctx, sink, root);
      return 0;
    }
    const { ec2Clients } = await import('./aws/clients.js');
    const clients = ec2Clients();
    const ec2 = clients.get;
    try {
      if (cmd === 'status') {
        const { runStatus } = await import('./modes/status.js');
        await runStatus(inputs, ctx, { sink, ec2 });
      } else if (mode === 'destroy') {
        const { runDestroy } = await import('./modes/destroy.js');
        await withCleanup(sink, ec2, (state) => runDestroy(inputs, ctx, { sink, ec2, state }));
      } else if (mode === 'reconcile') {
        const { runReconcile } = await import('./modes/reconcile/run.js');
        const source = reconcileSource(bundleFile, env);
        await withCleanup(sink, ec2, (state) =>
          runReconcile(inputs, ctx, { sink, state, ec2, root, source }),
        );
      } else if (mode === 'rollback') {
        const { runRollback } = await import('./modes/rollback.js');
        await withCleanup(sink, ec2, (state) => runRollback(inputs, ctx, { sink, ec2, state }));
      } else {
        const { runDeploy } = await import('./modes/deploy/run.js');
        await withCleanup(sink, ec2, (state) => runDeploy(inputs, ctx, { sink, state, ec2, root }));
      }
    } finally {
      clients.destroy();
    }
    return 0;
  } catch (e) {
    console.error(`spot-deploy: ${errorMessage(e)}`);
    return 1;
  }
}

/**
 * Where reconcile gets the release's bundle: `--bundle-file`; else, with a token and the repository
 * in the environment, the run's artifact (github/artifact-download.ts; cli.ts is an entry point and
 * may import github/); else nowhere, which fails only when a replacement needs it.
 * @actions/artifact is loaded only when a download is asked for: not by other commands, nor by a
 * reconcile that replaces nothing.
 */
export function reconcileSource(
  bundleFile: string | undefined,
  env: NodeJS.ProcessEnv,
  load: () => Promise<ArtifactReaderLike> = async () =>
    new (await import('@actions/artifact')).DefaultArtifactClient(),
): BundleSource {
  if (bundleFile !== undefined) return fileBundleSource(bundleFile);
  const token = env.GITHUB_TOKEN || env.GH_TOKEN || undefined;
  const repository = env.GITHUB_REPOSITORY || undefined;
  if (token === undefined || repository === undefined) return noBundleSource();
  return {
    fetch: async (source, dir) =>
      artifactBundleSource(await load(), { token, repository }).fetch(source, dir),
  };
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
  const { runPost } = await import('./modes/cleanup.js');
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

/** The --config file: its values as written (inputs/command-line.ts: parseConfig). */
function readConfig(file: string): Map<string, string> | Error {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return new Error(`could not read --config ${file}: ${errorMessage(e)}`);
  }
  return parseConfig(text, file);
}

/** Why `--bundle-file` cannot be read, checked before any cloud call: undefined when it can. */
export function unreadable(file: string): string | undefined {
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    if (st === undefined) return 'no such file.';
    if (!st.isFile()) return 'is not a regular file; give the bundle.tar.gz of the artifact.';
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (e) {
    return `cannot be read (${errorMessage(e)}).`;
  }
}

/**
 * Why the summary could not be written there, checked before any work (a deploy must not run for
 * minutes and then lose its summary to a typo): undefined when it can.
 */
export function unwritable(file: string): string | undefined {
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) return 'is a directory; give a file name.';
    if (st) {
      accessSync(file, constants.W_OK);
      return undefined;
    }
    const dir = dirname(file);
    if (!statSync(dir).isDirectory()) return `${dir} is not a directory.`;
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (e) {
    return `cannot be written (${errorMessage(e)}).`;
  }
}
