"use strict";
exports.id = 875;
exports.ids = [875,866];
exports.modules = {

/***/ 94875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cli: () => (/* binding */ cli)
});

// UNUSED EXPORTS: reconcileSource, unreadable, unwritable

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/inputs/parse.ts + 4 modules
var parse = __webpack_require__(2512);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/inputs/types.ts
var types = __webpack_require__(53448);
;// CONCATENATED MODULE: ./src/inputs/command-line.ts


// The command line's words (src/cli.ts): the arguments and the --config file, parsed without
// I/O. A config value is the text the user wrote: YAML's type guessing would read
// `deployment-id: 007` as 7 (a destroy of another deployment), a blank value as null, 0x20 as 32.
const COMMANDS = ['plan', 'deploy', 'rollback', 'destroy', 'status', 'reconcile'];
const ABOUT = {
    plan: 'render user-data, bundle and launch plan; no AWS calls',
    deploy: 'launch or adopt instances and deliver the bundle (AWS credentials from the environment);\n' +
        'a deploy that fails or is interrupted (Ctrl-C) terminates what it launched unless\n' +
        "--cleanup never, as the action's post step does",
    rollback: 'switch every running instance back to its previous ready release, or to\n' +
        "--rollback-to <sha256>; needs --ssh-private-key (the deployment's key)",
    destroy: "remove everything of the deployment (deployment-id 'expired': every expired one)",
    status: "list the deployment's instances in the given regions (EC2 tags; no SSH)",
    reconcile: 'bring the deployment (deployment-id all: every live one of GITHUB_REPOSITORY) back to its\n' +
        'recorded size: instances gone, interrupted or failing are replaced with the release the\n' +
        'ready ones run, which are never touched; needs --ssh-private-key and, to launch, the\n' +
        "release's bundle: --bundle-file, or GITHUB_TOKEN and GITHUB_REPOSITORY to download it",
};
/** Options of one command only, besides the inputs. */
const OWN_FLAGS = {
    reconcile: `  --bundle-file FILE
                  the release's bundle.tar.gz, e.g. from gh run download <run> -n <artifact>
                  (the run and artifact the instances' spot-deploy:bundle-run and
                  spot-deploy:bundle-artifact tags name); its sha256 must be the instances'
                  release. Without it, GITHUB_TOKEN (or GH_TOKEN, with actions: read) and
                  GITHUB_REPOSITORY download the artifact; with neither, only a reconcile that
                  needs no replacement succeeds.`,
};
/** Inputs the command line accepts: all but `mode`, which the command sets. */
const ACCEPTED = types/* INPUT_NAMES */.Q.filter((n) => n !== 'mode');
const FLAGS = `  --config FILE   a YAML mapping of action inputs (the same names as in action.yml's \`with:\`);
                  every value is read as the text written (007 stays 007), a blank one is unset
  --<input> VALUE one action input, e.g. --bundle-path deploy --regions eu-west-1 (overrides --config)
  --summary FILE  write the Markdown summary there instead of stdout`;
const HELP_AND_NOTE = `  --help          this help
Outputs are printed as name=value lines. The command is the mode: --mode is refused, and a
mode in the --config file is ignored.`;
const OPTIONS = `${FLAGS}\n${HELP_AND_NOTE}`;
const USAGE = `usage: spot-deploy ${COMMANDS.join('|')} [--config FILE.yml] [--<input> VALUE ...] [--summary FILE]

${COMMANDS.map((c) => `  ${c.padEnd(9)} ${ABOUT[c].split('\n').join(`\n${' '.repeat(12)}`)}`).join('\n')}

${OPTIONS}`;
/** One command's usage (`spot-deploy deploy --help`). */
function commandUsage(command) {
    const own = OWN_FLAGS[command];
    return `usage: spot-deploy ${command} [--config FILE.yml] [--<input> VALUE ...] [--summary FILE]${own ? ' [--bundle-file FILE]' : ''}

${ABOUT[command]}

${FLAGS}${own ? `\n${own}` : ''}
${HELP_AND_NOTE}
inputs: ${ACCEPTED.join(', ')}`;
}
const isCommand = (s) => COMMANDS.includes(s);
const isHelp = (s) => s === '--help' || s === '-h';
/** The arguments after `spot-deploy`. */
function parseCommandLine(argv) {
    const [command, ...rest] = argv;
    if (command === undefined)
        return { kind: 'help', text: USAGE, exitCode: 2 };
    if (isHelp(command))
        return { kind: 'help', text: USAGE, exitCode: 0 };
    if (!isCommand(command)) {
        return { kind: 'error', message: `unknown command '${command}'.\n\n${USAGE}` };
    }
    if (rest.some(isHelp))
        return { kind: 'help', text: commandUsage(command), exitCode: 0 };
    const values = new Map();
    let configFile;
    let summaryFile;
    let bundleFile;
    const seen = new Set();
    const fail = (message) => ({
        kind: 'error',
        message: `${message}\nSee: spot-deploy ${command} --help`,
    });
    for (let i = 0; i < rest.length; i += 2) {
        const flag = rest[i] ?? '';
        const value = rest[i + 1];
        if (!flag.startsWith('--'))
            return fail(`expected --name value pairs, got '${flag}'.`);
        const name = flag.slice(2);
        if (name === 'mode') {
            return fail(`--mode is not accepted: the command is the mode (spot-deploy ${command}).`);
        }
        if (name === 'bundle-file' && command !== 'reconcile') {
            return fail(`--bundle-file is an option of spot-deploy reconcile only (${command} builds its bundle from bundle-path).`);
        }
        if (!['config', 'summary', 'bundle-file'].includes(name) && !ACCEPTED.includes(name)) {
            return fail(`unknown option --${name}; inputs are: ${ACCEPTED.join(', ')}.`);
        }
        if (value === undefined)
            return fail(`--${name} needs a value.`);
        if (seen.has(name))
            return fail(`--${name} is given twice.`);
        seen.add(name);
        if (name === 'config')
            configFile = value;
        else if (name === 'summary')
            summaryFile = value;
        else if (name === 'bundle-file')
            bundleFile = value;
        else
            values.set(name, value);
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
function parseConfig(text, file) {
    const where = `--config ${file}`;
    const doc = (0,dist/* parseDocument */.Tp)(text, { schema: 'failsafe', uniqueKeys: true });
    if (doc.errors.length > 0) {
        return new Error(`could not read ${where}: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
    }
    const root = doc.contents;
    if (root === null || ((0,dist/* isScalar */.jn)(root) && NULL_WORDS.has(String(root.value))))
        return new Map();
    if (!(0,dist/* isMap */.jh)(root))
        return new Error(`${where}: expected a YAML mapping of input names to values`);
    const out = new Map();
    for (const pair of root.items) {
        const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
        // The command is the mode; a file shared with the action (examples/plan.yml) may name one.
        if (key === 'mode')
            continue;
        if (!ACCEPTED.includes(key)) {
            return new Error(`${where}: unknown input '${key}'; inputs are: ${ACCEPTED.join(', ')}`);
        }
        const value = configValue(pair.value);
        if (value instanceof Error)
            return new Error(`${where}: ${key}: ${value.message}`);
        if (value !== undefined)
            out.set(key, value);
    }
    return out;
}
function configValue(node) {
    if (node === null || node === undefined)
        return undefined;
    if ((0,dist/* isAlias */.Vj)(node))
        return new Error('anchors and aliases are not supported; write the value.');
    if ((0,dist/* isScalar */.jn)(node)) {
        const text = String(node.value);
        return node.type === dist/* Scalar */.X5.PLAIN && NULL_WORDS.has(text) ? undefined : text;
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        const items = [];
        for (const item of node.items) {
            if (!(0,dist/* isScalar */.jn)(item))
                return new Error('a list may only hold plain values.');
            items.push(String(item.value));
        }
        return items.join('\n');
    }
    return new Error('expected a value or a list of values; write a multi-line value as a block scalar (|).');
}

// EXTERNAL MODULE: ./src/modes/state.ts
var modes_state = __webpack_require__(90373);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
;// CONCATENATED MODULE: ./src/modes/reconcile/bundle-file.ts
/**
 * The command line's BundleSources for mode reconcile: a local copy of the release
 * (`--bundle-file`), or none, which fails only when a replacement needs the bundle.
 */



/** How to get the release's bundle by hand: the artifact the instances' tags name. */
const download = (s) => `gh run download ${s.runId} -n ${s.artifactName}, then --bundle-file <dir>/bundle.tar.gz`;
/**
 * `--bundle-file FILE`: copied into the run's private directory, so the bytes whose sha256
 * fleet.ts checks are the bytes uploaded, whatever happens to FILE in between.
 */
function fileBundleSource(file) {
    return {
        fetch: async (_source, dir) => {
            const to = (0,external_node_path_.join)(dir, 'bundle.tar.gz');
            await (0,promises_.copyFile)(file, to);
            return to;
        },
        local: true,
        describe: (s) => ({
            what: `--bundle-file ${file}`,
            remedy: s.runId === ''
                ? "It is not the release the instances run: pass the bundle.tar.gz their deploy built (spot-deploy deploy's bundle-file output), or redeploy (spot-deploy deploy)."
                : `It is not the release the instances run: pass the bundle of artifact '${s.artifactName}' of run ${s.runId} (${download(s)}), or redeploy (spot-deploy deploy).`,
        }),
    };
}
/** No way to the bundle: a reconcile that replaces nothing still runs; a launch fails, saying how. */
function noBundleSource() {
    return {
        fetch: (s) => Promise.reject(new errors/* DeployFailedError */.P2(`spot-deploy reconcile: replacements need the release's bundle (artifact '${s.artifactName}' of run ${s.runId}), and there is no way to it here. Pass --bundle-file (${download(s)}), or set GITHUB_TOKEN (or GH_TOKEN; the token needs actions: read) and GITHUB_REPOSITORY to download it. Nothing was launched or terminated.`)),
    };
}

// EXTERNAL MODULE: ./src/github/artifact-download.ts
var artifact_download = __webpack_require__(68866);
;// CONCATENATED MODULE: ./src/cli.ts











/** The command line: the same core as the action, with inputs from flags and a YAML file. */
async function cli(argv, env = process.env) {
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
    const mode = cmd === 'status' ? 'destroy' : cmd;
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
    const sink = {
        info: (m) => console.error(m),
        warning: (m) => console.error(`warning: ${m}`),
        setOutput: (n, v) => console.log(`${n}=${v}`),
        setSecret: () => undefined,
        summary: async (md) => {
            if (summaryFile)
                await (0,promises_.writeFile)(summaryFile, md);
            else
                console.log(md);
        },
    };
    try {
        const inputs = (0,parse/* parseInputs */.T)((n) => values.get(n) ?? '', {
            workspace: process.cwd(),
            defaultRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
        });
        // Every run renders into a directory of its own there (prepare: mkdtemp, 0700), kept
        // afterwards since the outputs name the files.
        const ctx = {
            tempDir: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
            // reconcile: `deployment-id all` is every live deployment of this repository, and the
            // artifact download needs it; other commands keep their tags as before.
            ...(cmd === 'reconcile' ? { repository: env.GITHUB_REPOSITORY || undefined } : {}),
        };
        const root = (0,paths/* actionRoot */.X)();
        // Each command imports its mode only now (a chunk of its own in dist/), as the action does:
        // `plan` loads neither the EC2 client nor ssh2 (docs/architecture.md, "Start-up").
        if (mode === 'plan') {
            const { runPlan } = await Promise.all(/* import() */[__webpack_require__.e(407), __webpack_require__.e(10), __webpack_require__.e(588), __webpack_require__.e(921)]).then(__webpack_require__.bind(__webpack_require__, 10727));
            await runPlan(inputs, ctx, sink, root);
            return 0;
        }
        const { ec2Clients } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 40201));
        const clients = ec2Clients();
        const ec2 = clients.get;
        try {
            if (cmd === 'status') {
                const { runStatus } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(829), __webpack_require__.e(516)]).then(__webpack_require__.bind(__webpack_require__, 44047));
                await runStatus(inputs, ctx, { sink, ec2 });
            }
            else if (mode === 'destroy') {
                const { runDestroy } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(239)]).then(__webpack_require__.bind(__webpack_require__, 55239));
                await withCleanup(sink, ec2, (state) => runDestroy(inputs, ctx, { sink, ec2, state }));
            }
            else if (mode === 'reconcile') {
                const { runReconcile } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(472), __webpack_require__.e(407), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(10), __webpack_require__.e(607), __webpack_require__.e(420), __webpack_require__.e(588), __webpack_require__.e(242), __webpack_require__.e(335)]).then(__webpack_require__.bind(__webpack_require__, 82716));
                const source = reconcileSource(bundleFile, env);
                await withCleanup(sink, ec2, (state) => runReconcile(inputs, ctx, { sink, state, ec2, root, source }));
            }
            else if (mode === 'rollback') {
                const { runRollback } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(472), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(10), __webpack_require__.e(607), __webpack_require__.e(420), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 86258));
                await withCleanup(sink, ec2, (state) => runRollback(inputs, ctx, { sink, ec2, state }));
            }
            else {
                const { runDeploy } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(472), __webpack_require__.e(407), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(10), __webpack_require__.e(607), __webpack_require__.e(420), __webpack_require__.e(588), __webpack_require__.e(242), __webpack_require__.e(459)]).then(__webpack_require__.bind(__webpack_require__, 90540));
                await withCleanup(sink, ec2, (state) => runDeploy(inputs, ctx, { sink, state, ec2, root }));
            }
        }
        finally {
            clients.destroy();
        }
        return 0;
    }
    catch (e) {
        console.error(`spot-deploy: ${(0,errors/* errorMessage */.gJ)(e)}`);
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
function reconcileSource(bundleFile, env, load = async () => new (await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(690)]).then(__webpack_require__.bind(__webpack_require__, 35690))).DefaultArtifactClient()) {
    if (bundleFile !== undefined)
        return fileBundleSource(bundleFile);
    const token = env.GITHUB_TOKEN || env.GH_TOKEN || undefined;
    const repository = env.GITHUB_REPOSITORY || undefined;
    if (token === undefined || repository === undefined)
        return noBundleSource();
    return {
        fetch: async (source, dir) => (0,artifact_download.artifactBundleSource)(await load(), { token, repository }).fetch(source, dir),
    };
}
/**
 * A deploy or destroy followed by what the action's post step does (terminate what a failed deploy
 * launched, release the deploy lock), also on Ctrl-C / SIGTERM.
 */
async function withCleanup(sink, ec2, run) {
    const { runPost } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(607), __webpack_require__.e(716)]).then(__webpack_require__.bind(__webpack_require__, 54497));
    const state = (0,modes_state/* memoryState */.Rv)();
    let stopping;
    const onSignal = (sig) => {
        console.error(`spot-deploy: ${sig}: cleaning up what this run launched…`);
        stopping ??= runPost(state, ec2, sink).then(() => process.exit(130), (e) => {
            console.error((0,errors/* errorMessage */.gJ)(e));
            process.exit(1);
        });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
        await run(state);
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        if (!stopping)
            await runPost(state, ec2, sink);
    }
}
/** The --config file: its values as written (inputs/command-line.ts: parseConfig). */
function readConfig(file) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (e) {
        return new Error(`could not read --config ${file}: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    return parseConfig(text, file);
}
/** Why `--bundle-file` cannot be read, checked before any cloud call: undefined when it can. */
function unreadable(file) {
    try {
        const st = (0,external_node_fs_.statSync)(file, { throwIfNoEntry: false });
        if (st === undefined)
            return 'no such file.';
        if (!st.isFile())
            return 'is not a regular file; give the bundle.tar.gz of the artifact.';
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.R_OK);
        return undefined;
    }
    catch (e) {
        return `cannot be read (${(0,errors/* errorMessage */.gJ)(e)}).`;
    }
}
/**
 * Why the summary could not be written there, checked before any work (a deploy must not run for
 * minutes and then lose its summary to a typo): undefined when it can.
 */
function unwritable(file) {
    try {
        const st = (0,external_node_fs_.statSync)(file, { throwIfNoEntry: false });
        if (st?.isDirectory())
            return 'is a directory; give a file name.';
        if (st) {
            (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.W_OK);
            return undefined;
        }
        const dir = (0,external_node_path_.dirname)(file);
        if (!(0,external_node_fs_.statSync)(dir).isDirectory())
            return `${dir} is not a directory.`;
        (0,external_node_fs_.accessSync)(dir, external_node_fs_.constants.W_OK);
        return undefined;
    }
    catch (e) {
        return `cannot be written (${(0,errors/* errorMessage */.gJ)(e)}).`;
    }
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $9: () => (/* binding */ CommandTimeoutError),
/* harmony export */   DZ: () => (/* binding */ SshError),
/* harmony export */   G: () => (/* binding */ InputErrors),
/* harmony export */   P2: () => (/* binding */ DeployFailedError),
/* harmony export */   Rk: () => (/* binding */ LockHeldError),
/* harmony export */   Ue: () => (/* binding */ CloudInitError),
/* harmony export */   _W: () => (/* binding */ HostKeyMismatchError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   ev: () => (/* binding */ ArtifactGoneError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   pJ: () => (/* binding */ CleanupError),
/* harmony export */   rJ: () => (/* binding */ BundleError)
/* harmony export */ });
/** The message of anything thrown (libraries sometimes throw strings). */
function errorMessage(e) {
    return e instanceof Error ? e.message : String(e);
}
/** An action input is missing or malformed. The message always names the input and what it accepts. */
class InputError extends Error {
    input;
    name = 'InputError';
    constructor(input, message) {
        super(`Input '${input}': ${message}`);
        this.input = input;
    }
}
/** All input problems of one run, reported together. */
class InputErrors extends Error {
    errors;
    name = 'InputErrors';
    constructor(errors) {
        super(errors.length === 1
            ? (errors[0]?.message ?? '')
            : `${errors.length} inputs need fixing:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
        this.errors = errors;
    }
}
/** The user-data document cannot be built: a refused `cloud-config` key, or too large for EC2. */
class CloudInitError extends Error {
    name = 'CloudInitError';
    input;
    constructor(message, input) {
        super(input === undefined ? message : `Input '${input}': ${message}`);
        if (input !== undefined)
            this.input = input;
    }
}
/**
 * The deployment bundle could not be built from the user's tree. `input` is absent when the
 * problem is in the action's own files (the agent directory) rather than in anything the user set.
 */
class BundleError extends Error {
    path;
    name = 'BundleError';
    input;
    constructor(what, path, fix, input) {
        super(`Could not build the bundle: ${what} (${path}); ${fix}`);
        this.path = path;
        if (input !== undefined)
            this.input = input;
    }
}
/** An SSH connection or remote command failed. `retryable: false` marks errors connect must not retry. */
class SshError extends Error {
    name = 'SshError';
    retryable;
    constructor(message, options) {
        super(message, options?.cause === undefined ? undefined : { cause: options.cause });
        this.retryable = options?.retryable ?? true;
    }
}
/** The server presented a host key other than the pinned one. Never retried. */
class HostKeyMismatchError extends SshError {
    host;
    port;
    expected;
    presented;
    name = 'HostKeyMismatchError';
    constructor(host, port, expected, presented) {
        super(`Host key mismatch for ${host}:${port}: expected ${expected}, the server presented ${presented}; refusing to connect.`, { retryable: false });
        this.host = host;
        this.port = port;
        this.expected = expected;
        this.presented = presented;
    }
}
/**
 * A remote command ran past its bound and its channel was closed: the connection itself may be
 * fine (unlike a command that ended without an exit status because the connection was lost).
 */
class CommandTimeoutError extends SshError {
    name = 'CommandTimeoutError';
}
/** Fewer instances than `min-ready` ended ready. The message lists each failure. */
class DeployFailedError extends Error {
    name = 'DeployFailedError';
}
/** A release's workflow artifact no longer exists (retention expired, deleted): reconcile cannot rebuild it. */
class ArtifactGoneError extends Error {
    name = 'ArtifactGoneError';
}
/**
 * Something that should be gone is not: the post step could not terminate what the run launched,
 * or a destroy left resources. `problems` has one line per region and resource; the message
 * says how to finish the job.
 */
class CleanupError extends Error {
    problems;
    name = 'CleanupError';
    constructor(heading, problems, 
    /** How to finish the job, after the list (when the heading alone would bury it). */
    fix) {
        super(`${heading}:\n  ${problems.join('\n  ')}${fix === undefined ? '' : `\n${fix}`}`);
        this.problems = problems;
    }
}
/**
 * Another run holds the deployment's deploy lock and `lock-timeout` ran out (or was 0). The
 * message names the holder and since when, and how to remove a lock whose holder is known dead.
 */
class LockHeldError extends Error {
    deploymentId;
    holder;
    since;
    expiresAt;
    waitedSeconds;
    name = 'LockHeldError';
    constructor(deploymentId, holder, since, expiresAt, waitedSeconds, fix) {
        super(`Could not take the deploy lock of deployment ${deploymentId}: held by ${holder} since ${since} ` +
            `(lease until ${expiresAt} unless renewed); waited ${waitedSeconds} s (lock-timeout). ${fix}`);
        this.deploymentId = deploymentId;
        this.holder = holder;
        this.since = since;
        this.expiresAt = expiresAt;
        this.waitedSeconds = waitedSeconds;
    }
}


/***/ }),

/***/ 68866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BUNDLE_IN_ARTIFACT: () => (/* binding */ BUNDLE_IN_ARTIFACT),
/* harmony export */   artifactBundleSource: () => (/* binding */ artifactBundleSource)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/**
 * The bundle of an earlier run, back from its workflow artifact (mode reconcile's BundleSource).
 * Another run's artifact goes through the public REST API (`findBy`), which needs a token with
 * `actions: read`.
 */


/** The bundle's name inside the deploy artifact (github/artifact.ts uploads it from the work dir). */
const BUNDLE_IN_ARTIFACT = 'bundle.tar.gz';
/** Not found (never uploaded, deleted) or gone (410: retention expired): no retry brings it back. */
function gone(err) {
    const e = err;
    return e.name === 'ArtifactNotFoundError' || e.status === 404 || e.status === 410;
}
/** A token the API refuses: the job lacks the permission to read another run's artifacts. */
function refused(err) {
    const status = err.status;
    return status === 401 || status === 403
        ? ". The job's token may not read this run's artifacts: give the job `permissions: actions: read` (and pass github-token if it is not the job's)."
        : '';
}
function artifactBundleSource(client, o) {
    return {
        fetch: async ({ runId, artifactName }, dir) => {
            const [owner, repo] = (o.repository ?? '').split('/');
            if (!o.token || !owner || !repo)
                throw new Error('Could not download the release artifact: no github-token or repository (run mode reconcile inside GitHub Actions, with permissions actions: read).');
            const findBy = {
                token: o.token,
                workflowRunId: Number(runId),
                repositoryOwner: owner,
                repositoryName: repo,
            };
            const where = `artifact '${artifactName}' of run ${runId}`;
            try {
                const { artifact } = await client.getArtifact(artifactName, { findBy });
                await client.downloadArtifact(artifact.id, { findBy, path: dir });
            }
            catch (err) {
                if (gone(err))
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ArtifactGoneError */ .ev(`The ${where} no longer exists (its retention ended, it was deleted, or that run's upload failed: see its log), so the release cannot be rebuilt: redeploy (mode: deploy) to upload it again, and keep artifact-retention-days at least as long as the fleet lives. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}`);
                throw new Error(`Could not download the ${where}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}${refused(err)}`, {
                    cause: err,
                });
            }
            return (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, BUNDLE_IN_ARTIFACT);
        },
    };
}


/***/ }),

/***/ 90373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Z: () => (/* binding */ markSucceeded),
/* harmony export */   Jj: () => (/* binding */ readDeployState),
/* harmony export */   Nq: () => (/* binding */ clearLock),
/* harmony export */   RB: () => (/* binding */ saveLock),
/* harmony export */   Rv: () => (/* binding */ memoryState),
/* harmony export */   c4: () => (/* binding */ STATE),
/* harmony export */   eY: () => (/* binding */ postHasWork),
/* harmony export */   ff: () => (/* binding */ NOTHING_LAUNCHED),
/* harmony export */   fj: () => (/* binding */ savePlanStart),
/* harmony export */   mF: () => (/* binding */ readLock),
/* harmony export */   qF: () => (/* binding */ parseJson),
/* harmony export */   wA: () => (/* binding */ recordIds),
/* harmony export */   yo: () => (/* binding */ recordCreated)
/* harmony export */ });
/* unused harmony exports saveDeployStart, parseIds */
/** Named state keys, so main and post cannot drift apart. */
const STATE = {
    isPost: 'isPost',
    /** Set when the main step reaches the point where it may launch instances. */
    mode: 'mode',
    deploymentId: 'deploymentId',
    regions: 'regions',
    cleanup: 'cleanup',
    runId: 'runId',
    runAttempt: 'runAttempt',
    /** JSON `{ [region]: instanceId[] }`: every instance this run launched, grown per launch call. */
    launched: 'launched',
    /** Instances the step already terminated itself (failed ones), JSON like `launched`. */
    terminated: 'terminated',
    /** 'true' once the main step finished successfully; absent when it failed or was killed. */
    succeeded: 'succeeded',
    /** `ttl-minutes` of the run, so a post step that cannot clean up can say when instances end. */
    ttlMinutes: 'ttlMinutes',
    /**
     * JSON `{ [region]: CreatedResource[] }`: the security group and launch template this run
     * created (not reused), saved right after creation, so a post step that cannot clean up can
     * name them.
     */
    created: 'created',
    /**
     * JSON `{id, region, holder}`: the deploy lock this run holds, saved right after taking it and
     * cleared when released; the post step releases what is still here (a killed main step).
     */
    lock: 'lock',
    /**
     * JSON `[{region, groupId, cidr, port, owner}]`: the per-run SSH rules (`ssh-cidr: runner`)
     * this run authorised, each saved right after its call returned; the post step revokes them.
     */
    runnerRules: 'runnerRules',
};
const CLEANUPS = ['on-failure', 'always', 'never'];
/** The start of a deploy: saved before the first launch call. */
function saveDeployStart(state, s) {
    state.save(STATE.mode, 'deploy');
    state.save(STATE.deploymentId, s.deploymentId);
    state.save(STATE.regions, JSON.stringify(s.regions));
    state.save(STATE.cleanup, s.cleanup);
    if (s.runId)
        state.save(STATE.runId, s.runId);
    if (s.runAttempt)
        state.save(STATE.runAttempt, s.runAttempt);
    if (s.ttlMinutes !== undefined)
        state.save(STATE.ttlMinutes, String(s.ttlMinutes));
}
/** saveDeployStart from a run's plan: what deploy and reconcile save before their first launch. */
function savePlanStart(state, plan, ctx) {
    saveDeployStart(state, {
        deploymentId: plan.deploymentId,
        regions: plan.regions.map((r) => r.region),
        cleanup: plan.inputs.cleanup,
        runId: ctx.runId,
        runAttempt: ctx.runAttempt,
        ttlMinutes: plan.inputs.ttlMinutes,
    });
}
/** Adds resources this run created in `region` and saves the record again at once. */
function recordCreated(state, region, resources) {
    if (resources.length === 0)
        return;
    const all = parseCreated(state.get(STATE.created));
    all[region] = [...(all[region] ?? []), ...resources];
    state.save(STATE.created, JSON.stringify(all));
}
/** The main step's last act when it succeeded; a failed or killed step never reaches it. */
function markSucceeded(state) {
    state.save(STATE.succeeded, 'true');
}
/** Adds ids to a saved `{region: ids}` record and saves it again at once. */
function recordIds(state, key, region, ids) {
    if (ids.length === 0)
        return;
    const all = parseIds(state.get(key));
    all[region] = [...new Set([...(all[region] ?? []), ...ids])];
    state.save(key, JSON.stringify(all));
}
/**
 * The deploy's saved state, or undefined when the main step never got to launching (plan,
 * destroy, an input error). A cleanup policy that is not one of the three (state written by
 * another version) reads as the default, `on-failure`: it never keeps what a failed run launched.
 */
function readDeployState(state) {
    if (state.get(STATE.mode) !== 'deploy')
        return undefined;
    const cleanup = state.get(STATE.cleanup);
    return {
        deploymentId: state.get(STATE.deploymentId),
        regions: parseStrings(state.get(STATE.regions)),
        cleanup: CLEANUPS.includes(cleanup) ? cleanup : 'on-failure',
        runId: state.get(STATE.runId) || undefined,
        runAttempt: state.get(STATE.runAttempt) || undefined,
        launched: parseIds(state.get(STATE.launched)),
        terminated: parseIds(state.get(STATE.terminated)),
        succeeded: state.get(STATE.succeeded) === 'true',
        ttlMinutes: parseMinutes(state.get(STATE.ttlMinutes)),
        created: parseCreated(state.get(STATE.created)),
    };
}
function parseMinutes(raw) {
    return /^\d{1,7}$/.test(raw) ? Number(raw) : undefined;
}
const CREATED_KINDS = ['security group', 'launch template'];
/** A `{region: CreatedResource[]}` record; unreadable entries are left out. */
function parseCreated(raw) {
    const v = parseJson(raw);
    if (v === null || typeof v !== 'object' || Array.isArray(v))
        return {};
    const out = {};
    for (const [region, list] of Object.entries(v)) {
        if (!Array.isArray(list))
            continue;
        out[region] = list.flatMap((x) => {
            const { kind, name, id } = (x ?? {});
            return CREATED_KINDS.includes(kind) &&
                typeof name === 'string' &&
                typeof id === 'string'
                ? [{ kind: kind, name, id }]
                : [];
        });
    }
    return out;
}
/** What the post step says when the main step left it nothing to do. */
const NOTHING_LAUNCHED = 'spot-deploy post: nothing was launched by this step.';
/**
 * Whether the post step has anything to do: a deploy's launch state, a deploy lock or runner rules
 * (saved, even if unreadable). When not, the entry says NOTHING_LAUNCHED without loading the
 * cleanup and the EC2 client at all: the post step of a plan, or of a run that failed on its
 * inputs, then starts as fast as node itself (docs/architecture.md, "Start-up").
 */
function postHasWork(state) {
    const rules = parseJson(state.get(STATE.runnerRules));
    return (readDeployState(state) !== undefined ||
        readLock(state) !== undefined ||
        (Array.isArray(rules) && rules.length > 0));
}
function saveLock(state, lock) {
    state.save(STATE.lock, JSON.stringify({ id: lock.id, region: lock.region, holder: lock.holder }));
}
/** Marks the lock released: the post step then leaves it alone. */
function clearLock(state) {
    state.save(STATE.lock, '');
}
/** The lock the main step still held when it ended, or undefined (none, released, unreadable). */
function readLock(state) {
    const v = parseJson(state.get(STATE.lock));
    if (v === null || typeof v !== 'object')
        return undefined;
    const { id, region, holder } = v;
    if (typeof id !== 'string' || typeof region !== 'string' || typeof holder !== 'string')
        return undefined;
    return id !== '' && region !== '' ? { id, region, holder } : undefined;
}
/** A `{region: ids}` record; anything unreadable is empty (the tag search still finds them). */
function parseIds(raw) {
    const v = parseJson(raw);
    if (v === null || typeof v !== 'object' || Array.isArray(v))
        return {};
    const out = {};
    for (const [region, ids] of Object.entries(v)) {
        if (Array.isArray(ids))
            out[region] = ids.filter((i) => typeof i === 'string');
    }
    return out;
}
function parseStrings(raw) {
    const v = parseJson(raw);
    return Array.isArray(v) ? v.filter((r) => typeof r === 'string') : [];
}
/** JSON from a state value; undefined when it is empty or unreadable. */
function parseJson(raw) {
    if (raw.trim() === '')
        return undefined;
    try {
        return JSON.parse(raw);
    }
    catch {
        return undefined;
    }
}
function memoryState(initial = {}) {
    const values = new Map(Object.entries(initial));
    return {
        values,
        save: (k, v) => void values.set(k, v),
        get: (k) => values.get(k) ?? '',
    };
}


/***/ })

};
;