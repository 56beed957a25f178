import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import { INPUT_NAMES } from './types.js';

// The command line's words (src/cli.ts): the arguments and the --config file, parsed without
// I/O. A config value is the text the user wrote: YAML's type guessing would read
// `deployment-id: 007` as 7 (a destroy of another deployment), a blank value as null, 0x20 as 32.

export const COMMANDS = ['plan', 'deploy', 'rollback', 'destroy', 'status', 'reconcile'] as const;
export type Command = (typeof COMMANDS)[number];

const ABOUT: Record<Command, string> = {
  plan: 'render user-data, bundle and launch plan; no AWS calls',
  deploy:
    'launch or adopt instances and deliver the bundle (AWS credentials from the environment);\n' +
    'a deploy that fails or is interrupted (Ctrl-C) terminates what it launched unless\n' +
    "--cleanup never, as the action's post step does",
  rollback:
    'switch every running instance back to its previous ready release, or to\n' +
    "--rollback-to <sha256>; needs --ssh-private-key (the deployment's key)",
  destroy: "remove everything of the deployment (deployment-id 'expired': every expired one)",
  status: "list the deployment's instances in the given regions (EC2 tags; no SSH)",
  reconcile:
    'bring the deployment (deployment-id all: every live one of GITHUB_REPOSITORY) back to its\n' +
    'recorded size: instances gone, interrupted or failing are replaced with the release the\n' +
    'ready ones run, which are never touched; needs --ssh-private-key and, to launch, the\n' +
    "release's bundle: --bundle-file, or GITHUB_TOKEN and GITHUB_REPOSITORY to download it",
};

/** Options of one command only, besides the inputs. */
const OWN_FLAGS: Partial<Record<Command, string>> = {
  reconcile: `  --bundle-file FILE
                  the release's bundle.tar.gz, e.g. from gh run download <run> -n <artifact>
                  (the run and artifact the instances' spot-deploy:bundle-run and
                  spot-deploy:bundle-artifact tags name); its sha256 must be the instances'
                  release. Without it, GITHUB_TOKEN (or GH_TOKEN, with actions: read) and
                  GITHUB_REPOSITORY download the artifact; with neither, only a reconcile that
                  needs no replacement succeeds.`,
};

/** Inputs the command line accepts: all but `mode`, which the command sets. */
const ACCEPTED: readonly string[] = INPUT_NAMES.filter((n) => n !== 'mode');

const FLAGS = `  --config FILE   a YAML mapping of action inputs (the same names as in action.yml's \`with:\`);
                  every value is read as the text written (007 stays 007), a blank one is unset
  --<input> VALUE one action input, e.g. --bundle-path deploy --regions eu-west-1 (overrides --config)
  --summary FILE  write the Markdown summary there instead of stdout`;
const HELP_AND_NOTE = `  --help          this help
Outputs are printed as name=value lines. The command is the mode: --mode is refused, and a
mode in the --config file is ignored.`;
const OPTIONS = `${FLAGS}\n${HELP_AND_NOTE}`;

export const USAGE = `usage: spot-deploy ${COMMANDS.join('|')} [--config FILE.yml] [--<input> VALUE ...] [--summary FILE]

${COMMANDS.map((c) => `  ${c.padEnd(9)} ${ABOUT[c].split('\n').join(`\n${' '.repeat(12)}`)}`).join('\n')}

${OPTIONS}`;

/** One command's usage (`spot-deploy deploy --help`). */
export function commandUsage(command: Command): string {
  const own = OWN_FLAGS[command];
  return `usage: spot-deploy ${command} [--config FILE.yml] [--<input> VALUE ...] [--summary FILE]${own ? ' [--bundle-file FILE]' : ''}

${ABOUT[command]}

${FLAGS}${own ? `\n${own}` : ''}
${HELP_AND_NOTE}
inputs: ${ACCEPTED.join(', ')}`;
}

export type CommandLine =
  | { readonly kind: 'help'; readonly text: string; readonly exitCode: 0 | 2 }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'run';
      readonly command: Command;
      /** Inputs given as flags (they override the config file). */
      readonly values: ReadonlyMap<string, string>;
      readonly configFile?: string;
      readonly summaryFile?: string;
      /** reconcile: `--bundle-file`, the release's bundle.tar.gz (checked by cli.ts before any call). */
      readonly bundleFile?: string;
    };

const isCommand = (s: string): s is Command => (COMMANDS as readonly string[]).includes(s);
const isHelp = (s: string | undefined): boolean => s === '--help' || s === '-h';

/** The arguments after `spot-deploy`. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'help', text: USAGE, exitCode: 2 };
  if (isHelp(command)) return { kind: 'help', text: USAGE, exitCode: 0 };
  if (!isCommand(command)) {
    return { kind: 'error', message: `unknown command '${command}'.\n\n${USAGE}` };
  }
  if (rest.some(isHelp)) return { kind: 'help', text: commandUsage(command), exitCode: 0 };
  const values = new Map<string, string>();
  let configFile: string | undefined;
  let summaryFile: string | undefined;
  let bundleFile: string | undefined;
  const seen = new Set<string>();
  const fail = (message: string): CommandLine => ({
    kind: 'error',
    message: `${message}\nSee: spot-deploy ${command} --help`,
  });
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i] ?? '';
    const value = rest[i + 1];
    if (!flag.startsWith('--')) return fail(`expected --name value pairs, got '${flag}'.`);
    const name = flag.slice(2);
    if (name === 'mode') {
      return fail(`--mode is not accepted: the command is the mode (spot-deploy ${command}).`);
    }
    if (name === 'bundle-file' && command !== 'reconcile') {
      return fail(
        `--bundle-file is an option of spot-deploy reconcile only (${command} builds its bundle from bundle-path).`,
      );
    }
    if (!['config', 'summary', 'bundle-file'].includes(name) && !ACCEPTED.includes(name)) {
      return fail(`unknown option --${name}; inputs are: ${ACCEPTED.join(', ')}.`);
    }
    if (value === undefined) return fail(`--${name} needs a value.`);
    if (seen.has(name)) return fail(`--${name} is given twice.`);
    seen.add(name);
    if (name === 'config') configFile = value;
    else if (name === 'summary') summaryFile = value;
    else if (name === 'bundle-file') bundleFile = value;
    else values.set(name, value);
  }
  return {
    kind: 'run',
    command,
    values,
    ...(configFile === undefined ? {} : { configFile }),
    ...(summaryFile === undefined ? {} : { summaryFile }),
    ...(bundleFile === undefined ? {} : { bundleFile }),
  };
}

/** The YAML 1.2 core schema's null spellings: a plain scalar written like this is unset. */
const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);

/**
 * A --config file's text → input name → value, every value the text as written (the failsafe
 * schema keeps each scalar a string); a list (flow or block) is its items, one per line; a plain
 * blank or null is left out (unset). Anything else (a mapping, an alias, a nested list) is refused.
 */
export function parseConfig(text: string, file: string): Map<string, string> | Error {
  const where = `--config ${file}`;
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true });
  if (doc.errors.length > 0) {
    return new Error(`could not read ${where}: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && NULL_WORDS.has(String(root.value)))) return new Map();
  if (!isMap(root)) return new Error(`${where}: expected a YAML mapping of input names to values`);
  const out = new Map<string, string>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    // The command is the mode; a file shared with the action (examples/plan.yml) may name one.
    if (key === 'mode') continue;
    if (!ACCEPTED.includes(key)) {
      return new Error(`${where}: unknown input '${key}'; inputs are: ${ACCEPTED.join(', ')}`);
    }
    const value = configValue(pair.value);
    if (value instanceof Error) return new Error(`${where}: ${key}: ${value.message}`);
    if (value !== undefined) out.set(key, value);
  }
  return out;
}

function configValue(node: unknown): string | undefined | Error {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return new Error('anchors and aliases are not supported; write the value.');
  if (isScalar(node)) {
    const text = String(node.value);
    return node.type === Scalar.PLAIN && NULL_WORDS.has(text) ? undefined : text;
  }
  if (isSeq(node)) {
    const items: string[] = [];
    for (const item of node.items) {
      if (!isScalar(item)) return new Error('a list may only hold plain values.');
      items.push(String(item.value));
    }
    return items.join('\n');
  }
  return new Error(
    'expected a value or a list of values; write a multi-line value as a block scalar (|).',
  );
}
