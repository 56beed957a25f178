"use strict";
exports.id = 154;
exports.ids = [154];
exports.modules = {

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

/***/ 39154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19373);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _sink_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99960);
/* harmony import */ var _modes_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90373);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98862);





// What every step loads before it knows what to do is kept to this file's static imports: the
// main step (inputs, modes) and the post step's cleanup come with import(), each a chunk of its
// own in dist/, and a post step with nothing to clean up loads neither (docs/architecture.md,
// "Start-up"; __tests__/unit/github/start-up.test.ts keeps it so).
/** The action's main and post steps (the runner runs the same file twice; state tells which). */
async function run() {
    try {
        if (_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_modes_state_js__WEBPACK_IMPORTED_MODULE_3__/* .STATE */ .c4.isPost) === 'true') {
            await post();
            return;
        }
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(_modes_state_js__WEBPACK_IMPORTED_MODULE_3__/* .STATE */ .c4.isPost, 'true');
        const { runMain } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(457), __webpack_require__.e(651)]).then(__webpack_require__.bind(__webpack_require__, 37651));
        await runMain(withEc2);
    }
    catch (e) {
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e));
    }
}
/** The post step: the cleanup, loaded only when main saved something for it. */
async function post() {
    const sink = (0,_sink_js__WEBPACK_IMPORTED_MODULE_2__/* .actionsSink */ .l)();
    if (!(0,_modes_state_js__WEBPACK_IMPORTED_MODULE_3__/* .postHasWork */ .eY)(_state_js__WEBPACK_IMPORTED_MODULE_4__/* .actionsState */ .R)) {
        sink.info(_modes_state_js__WEBPACK_IMPORTED_MODULE_3__/* .NOTHING_LAUNCHED */ .ff);
        return;
    }
    const { runPost } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(607), __webpack_require__.e(520)]).then(__webpack_require__.bind(__webpack_require__, 54497));
    await withEc2((ec2) => runPost(_state_js__WEBPACK_IMPORTED_MODULE_4__/* .actionsState */ .R, ec2, sink));
}
/** Runs `work` with the per-region EC2 clients (aws/clients.ts), destroyed afterwards. */
async function withEc2(work) {
    const { ec2Clients } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 40201));
    const clients = ec2Clients();
    try {
        await work(clients.get);
    }
    finally {
        clients.destroy();
    }
}


/***/ }),

/***/ 19373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony export commandLine */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/**
 * The runner's side of a step: inputs and state from the environment, outputs, state and the
 * summary through the runner's files, masks, warnings and groups as workflow commands on stdout.
 * The same protocol @actions/core 3 speaks (its command.js, file-command.js, summary.js), written
 * out here because importing @actions/core loads its HTTP client with undici (1 MB of dist/, the
 * largest part of a plan's start-up) for OIDC tokens this action never asks for
 * (docs/architecture.md, "Start-up"). __tests__/unit/github/runner.test.ts holds it to
 * @actions/core's own output.
 */




/** An input as the runner passes it (`INPUT_<NAME>`, spaces as `_`), trimmed; '' when unset. */
function getInput(name, env = process.env) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** What the main step saved under `name` (`STATE_<name>`); '' when unset. */
function getState(name, env = process.env) {
    return env[`STATE_${name}`] ?? '';
}
function saveState(name, value, env = process.env) {
    keyValue('STATE', 'save-state', name, value, env, '');
}
function setOutput(name, value, env = process.env) {
    // The old set-output command starts on a line of its own, as @actions/core writes it.
    keyValue('OUTPUT', 'set-output', name, value, env, node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
/** Registers a secret: the runner replaces it with *** in every later log line. */
function setSecret(secret) {
    command('add-mask', {}, secret);
}
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
function warning(message) {
    command('warning', {}, message);
}
/** Marks the step failed (exit code 1) with an error annotation; neither throws nor exits. */
function setFailed(message) {
    process.exitCode = 1;
    command('error', {}, message);
}
/** Runs `fn` inside a collapsible log group. */
async function group(name, fn) {
    command('group', {}, name);
    try {
        return await fn();
    }
    finally {
        command('endgroup', {}, '');
    }
}
/** Appends markdown (and a newline) to the step summary file; throws when it cannot be written. */
async function appendSummary(markdown, env = process.env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(file, node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.appendFile)(file, markdown + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL, { encoding: 'utf8' });
}
/** `name<<delimiter` in the runner's file `GITHUB_<kind>`, or the old stdout command without it. */
function keyValue(kind, legacy, name, value, env, before) {
    const file = env[`GITHUB_${kind}`];
    if (!file) {
        if (before)
            process.stdout.write(before);
        command(legacy, { name }, value);
        return;
    }
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter))
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    if (value.includes(delimiter))
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, {
        encoding: 'utf8',
    });
}
/** `::command key=value::message`, escaped as the runner unescapes it. */
function commandLine(name, properties, message) {
    const props = Object.entries(properties)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => `${k}=${escapeProperty(v)}`)
        .join(',');
    return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}
function command(name, properties, message) {
    process.stdout.write(commandLine(name, properties, message) + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
function escapeData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}


/***/ }),

/***/ 99960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ maskSecret),
/* harmony export */   l: () => (/* binding */ actionsSink)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19373);

/** The runner's log, outputs and step summary. */
function actionsSink() {
    return {
        info: (m) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(m),
        warning: (m) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(m),
        setOutput: (n, v) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(n, v),
        setSecret: (v) => maskSecret(v, _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq),
        summary: async (md) => {
            if (!process.env.GITHUB_STEP_SUMMARY)
                return;
            await _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .appendSummary */ .fe(md);
        },
        group: (name, fn) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, fn),
    };
}
/** The runner masks line by line, so a multi-line secret (a PEM key) is registered per line too. */
function maskSecret(value, register) {
    if (value.trim() === '')
        return;
    register(value);
    for (const line of value.split(/\r?\n/)) {
        if (line.trim().length >= 8)
            register(line.trim());
    }
}


/***/ }),

/***/ 98862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ actionsState)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19373);

/** The runner's step state: what main saves, post reads (modes/state.ts is the codec over it). */
const actionsState = {
    save: (k, v) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(k, v),
    get: (k) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(k),
};


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