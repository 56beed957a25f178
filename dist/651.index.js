"use strict";
exports.id = 651;
exports.ids = [651];
exports.modules = {

/***/ 37651:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMain: () => (/* binding */ runMain)
});

// EXTERNAL MODULE: ./src/github/runner.ts
var runner = __webpack_require__(19373);
// EXTERNAL MODULE: ./src/inputs/env.ts
var env = __webpack_require__(65078);
// EXTERNAL MODULE: ./src/inputs/parse.ts + 4 modules
var parse = __webpack_require__(2512);
// EXTERNAL MODULE: ./src/inputs/types.ts
var types = __webpack_require__(53448);
// EXTERNAL MODULE: ./src/github/sink.ts
var github_sink = __webpack_require__(99960);
;// CONCATENATED MODULE: ./src/github/action-inputs.ts





const SECRET_INPUTS = new Set(['ssh-private-key', 'github-token']);
/** The only caller of runner.getInput. Secret inputs are masked before anything parses them. */
function readInputs(env = process.env) {
    const raw = new Map();
    for (const name of types/* INPUT_NAMES */.Q) {
        const value = runner/* getInput */.V4(name);
        if (name === 'env')
            maskEnvLike(value);
        else if (SECRET_INPUTS.has(name))
            (0,github_sink/* maskSecret */.$)(value, runner/* setSecret */.Pq);
        raw.set(name, value);
    }
    return (0,parse/* parseInputs */.T)((name) => raw.get(name) ?? '', {
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        defaultRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    });
}
/**
 * Masks the `env` input: the whole text, and each value that can be a secret (inputs/env.ts:
 * `canBeSecret`) exactly as the instance will read it, quotes removed. Short values such as
 * `DEBUG=true` are not masked: every `true` in the log would turn into `***`.
 */
function maskEnvLike(value, register = runner/* setSecret */.Pq) {
    if (value.trim() === '')
        return;
    register(value);
    for (const secret of (0,env/* envMaskValues */.O5)(value))
        register(secret);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/github/context.ts



function commentTarget(ctx) {
    const [owner, repo, ...rest] = (ctx.repository ?? '').split('/');
    if (!owner || !repo || rest.length > 0)
        return undefined;
    if (ctx.prNumber === undefined || !Number.isInteger(ctx.prNumber) || ctx.prNumber < 1)
        return undefined;
    return { owner, repo, issueNumber: ctx.prNumber };
}
/** The run's identity from the runner's environment variables and event payload. */
function runContextFromEnv(env, event) {
    return {
        repository: env.GITHUB_REPOSITORY || undefined,
        runId: env.GITHUB_RUN_ID || undefined,
        runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
        prNumber: event?.pull_request?.number,
        refName: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || undefined,
        serverUrl: env.GITHUB_SERVER_URL || undefined,
        tempDir: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
    };
}
/**
 * The event payload (GITHUB_EVENT_PATH); none when the variable is unset or the file is missing
 * (a run outside Actions). A file that is there but unreadable or not JSON is an error that says
 * so, thrown before any cloud call, instead of @actions/github's stack trace on import.
 */
function readEvent(path) {
    if (!path || !(0,external_node_fs_.existsSync)(path))
        return undefined;
    const fail = (why) => new Error(`Could not read the event payload ${path} (GITHUB_EVENT_PATH): ${why}. The runner writes this file; check that no earlier step overwrote it.`);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (e) {
        throw fail((0,errors/* errorMessage */.gJ)(e));
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw fail(`not valid JSON (${(0,errors/* errorMessage */.gJ)(e)})`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        throw fail('not a JSON object');
    }
    return doc;
}

// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
;// CONCATENATED MODULE: ./src/github/clients.ts
/** Runs `load` once, on the first call; later calls share its promise. */
function once(load) {
    let loaded;
    return () => (loaded ??= load());
}
/** A DefaultArtifactClient made on the first upload or download. */
function lazyArtifactClient(load = async () => new (await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(690)]).then(__webpack_require__.bind(__webpack_require__, 35690))).DefaultArtifactClient()) {
    const client = once(load);
    return {
        uploadArtifact: async (...args) => (await client()).uploadArtifact(...args),
        getArtifact: async (...args) => (await client()).getArtifact(...args),
        downloadArtifact: async (...args) => (await client()).downloadArtifact(...args),
    };
}
/**
 * An Octokit for `token` whose package is loaded on its first request. Loading @actions/github
 * also parses GITHUB_EVENT_PATH: by then context.ts's readEvent has said what is wrong with it.
 */
function lazyOctokit(token, load = async (t) => (await __webpack_require__.e(/* import() */ 351).then(__webpack_require__.bind(__webpack_require__, 61351))).getOctokit(t)) {
    const octokit = once(() => load(token));
    return {
        rest: {
            issues: {
                listComments: async (p) => (await octokit()).rest.issues.listComments(p),
                createComment: async (p) => (await octokit()).rest.issues.createComment(p),
                updateComment: async (p) => (await octokit()).rest.issues.updateComment(p),
            },
        },
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(83303);
// EXTERNAL MODULE: ./src/private-files.ts
var private_files = __webpack_require__(26490);
;// CONCATENATED MODULE: ./src/github/artifact.ts
/**
 * The run's workflow artifact: the bundle exactly as delivered, the user-data with its private
 * keys removed, and a manifest. It lets a reviewer see what an instance received without access
 * to the runner. An artifact is a by-product: no failure here fails the deploy.
 */





const ARTIFACT_FILES = {
    userData: 'user-data.redacted.yaml',
    manifest: 'manifest.json',
};
// Whitespace may separate the words: a folded YAML scalar can break a line inside the marker.
const KEY_BLOCK = /-----BEGIN\s+((?:[A-Z0-9]+\s+)*?)PRIVATE\s+KEY-----[\s\S]*?-----END\s+(?:[A-Z0-9]+\s+)*?PRIVATE\s+KEY-----/g;
const UNTERMINATED = /-----BEGIN\s+(?:[A-Z0-9]+\s+)*?PRIVATE\s+KEY-----[\s\S]*$/;
function redact(text) {
    let count = 0;
    // The placeholder starts with a letter and holds no `: ` or `#`, so it stays one plain string
    // wherever the key was: a block scalar, a quoted string, or a plain multi-line scalar.
    const out = text
        .replace(KEY_BLOCK, (_block, label) => {
        count++;
        return `REDACTED ${label.replace(/\s+/g, ' ')}PRIVATE KEY (removed by spot-deploy)`;
    })
        // A BEGIN with no END: where the key stops is unknown, so nothing after it is kept.
        .replace(UNTERMINATED, () => {
        count++;
        return 'REDACTED everything from here on (a PRIVATE KEY block without its END line, removed by spot-deploy)\n';
    });
    return { text: out, count };
}
/**
 * Replaces every PEM/OpenSSH private key block with a one-line placeholder, whatever its YAML
 * indentation or quoting; everything else is kept byte for byte.
 */
function redactUserData(text) {
    return redact(text).text;
}
/**
 * The file put in the artifact: the redacted document with a note on its second line (the first
 * must stay `#cloud-config` for the file to remain a valid cloud-config).
 */
function renderRedactedUserData(userData) {
    const { text, count } = redact(userData.text);
    const sent = userData.gzipped
        ? `EC2 received this document gzip-compressed (${userData.bytes} bytes)`
        : `EC2 received this document as is (${userData.bytes} bytes)`;
    const note = `# spot-deploy: ${count} private key block(s) replaced by a placeholder; otherwise unchanged. ${sent}.\n`;
    const eol = text.indexOf('\n');
    return text.startsWith('#') && eol >= 0
        ? text.slice(0, eol + 1) + note + text.slice(eol + 1)
        : note + text;
}
// Named here for the upload; mode deploy records the same name in the instances' tags.

/** Uploads the artifact. Never throws: a failure comes back as an outcome to log as a warning. */
async function uploadDeployArtifact(client, opts) {
    const env = opts.env ?? process.env;
    const { name } = opts;
    if (name === false)
        return { status: 'skipped', message: 'artifact: none (artifact-name: none)' };
    if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
        return {
            status: 'skipped',
            message: `artifact: skipped, no artifact service here (not a GitHub Actions job); the bundle is at ${opts.bundle.file}`,
        };
    }
    try {
        const inside = (0,external_node_path_.relative)(opts.workDir, opts.bundle.file);
        if (inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside))
            throw new Error(`the bundle ${opts.bundle.file} is outside ${opts.workDir}`);
        const userData = Buffer.from(renderRedactedUserData(opts.userData), 'utf8');
        const userDataPath = (0,external_node_path_.join)(opts.workDir, ARTIFACT_FILES.userData);
        const manifestPath = (0,external_node_path_.join)(opts.workDir, ARTIFACT_FILES.manifest);
        // New files in the run's own directory, never through a planted symlink (private-files.ts).
        await (0,private_files/* writeNewFile */.S0)(userDataPath, userData);
        await (0,private_files/* writeNewFile */.S0)(manifestPath, `${JSON.stringify(manifest(opts, inside, userData), null, 2)}\n`);
        const files = [opts.bundle.file, userDataPath, manifestPath];
        const options = opts.retentionDays === undefined ? {} : { retentionDays: opts.retentionDays };
        const res = await client.uploadArtifact(name, files, opts.workDir, options);
        if (res.id === undefined)
            throw new Error('the artifact service returned no artifact id');
        const url = (0,links/* artifactUrl */.Wk)({
            serverUrl: env.GITHUB_SERVER_URL,
            repository: env.GITHUB_REPOSITORY,
            runId: env.GITHUB_RUN_ID,
        }, res.id);
        return {
            status: 'uploaded',
            name,
            id: res.id,
            size: res.size ?? 0,
            ...(url === undefined ? {} : { url }),
            files: files.map((f) => (0,external_node_path_.relative)(opts.workDir, f)),
        };
    }
    catch (e) {
        return { status: 'failed', name, message: failureMessage(name, e) };
    }
}
function failureMessage(name, e) {
    const cause = (0,errors/* errorMessage */.gJ)(e);
    const conflict = /\(409\)|\bConflict\b|already exists/i.test(cause)
        ? ` An artifact named '${name}' already exists in this run (names are unique per run): give each spot-deploy step of the run its own \`artifact-name\`, or \`none\`.`
        : '';
    return `Could not upload the artifact '${name}': ${cause}.${conflict} The deploy goes on without it.`;
}
function manifest(opts, bundlePath, userData) {
    const sha = (b) => (0,external_node_crypto_.createHash)('sha256').update(b).digest('hex');
    const p = opts.plan;
    const i = p?.inputs;
    return {
        format: 'spot-deploy-artifact/1',
        deploymentId: opts.deploymentId,
        createdAt: (opts.now ?? new Date()).toISOString(),
        files: [
            { path: bundlePath, bytes: opts.bundle.bytes, sha256: opts.bundle.sha256 },
            { path: ARTIFACT_FILES.userData, bytes: userData.length, sha256: sha(userData) },
        ],
        userData: {
            bytesSentToEc2: opts.userData.bytes,
            gzipped: opts.userData.gzipped,
            textBytes: opts.userData.textBytes,
        },
        // A whitelist: Inputs also holds the SSH key, env, token and cloud-config, none of which belong here.
        ...(p && i
            ? {
                plan: {
                    mode: i.mode,
                    regions: p.regions,
                    count: i.count,
                    minReady: i.minReady,
                    instanceTypes: i.instanceTypes,
                    ami: i.ami,
                    architecture: i.architecture,
                    onDemandFallback: i.onDemandFallback,
                    maxPrice: i.maxPrice ?? null,
                    sshUser: i.sshUser,
                    sshPort: i.sshPort,
                    ttlMinutes: i.ttlMinutes,
                    expiresAt: p.expiresAt ?? null,
                    cleanup: i.cleanup,
                    tags: p.tags,
                },
            }
            : {}),
    };
}

// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
;// CONCATENATED MODULE: ./src/github/pr-comment.ts
/**
 * One comment per pull request and deployment, found again by a hidden marker and edited in place
 * on every run. A comment is a courtesy: no failure here fails the deploy.
 */


const PER_PAGE = 100;
/** 3,000 comments: beyond that a PR gets a new comment rather than an unbounded scan. */
const MAX_PAGES = 30;
/**
 * Updates the comment whose body starts with `marker`, else creates one. Only a body that starts
 * with it counts, so a quote or a mention of the marker is never taken over. If several carry it
 * (two first runs raced; a `concurrency` group per PR prevents that), the newest is updated and the
 * others are reported, not deleted. Throws the API's errors; publishPrComment turns them into warnings.
 */
async function upsertPrComment(octokit, o) {
    const repo = { owner: o.owner, repo: o.repo };
    const body = capBody(o.body);
    const ours = [];
    let scannedAll = false;
    for (let page = 1; page <= MAX_PAGES; page++) {
        const { data } = await octokit.rest.issues.listComments({
            ...repo,
            issue_number: o.issueNumber,
            per_page: PER_PAGE,
            page,
        });
        ours.push(...data.filter((c) => (c.body ?? '').startsWith(o.marker)));
        if (data.length < PER_PAGE) {
            scannedAll = true;
            break;
        }
    }
    // Comment ids grow with time: the largest is the newest.
    ours.sort((a, b) => a.id - b.id);
    const newest = ours.pop();
    const found = { duplicates: ours.map((c) => c.id), scannedAll };
    if (newest !== undefined && newest.body === body)
        return { ...found, action: 'unchanged', id: newest.id, url: newest.html_url };
    const { data } = newest === undefined
        ? await octokit.rest.issues.createComment({ ...repo, issue_number: o.issueNumber, body })
        : await octokit.rest.issues.updateComment({ ...repo, comment_id: newest.id, body });
    return { ...found, action: newest ? 'updated' : 'created', id: data.id, url: data.html_url };
}
/** A last guard for bodies not made by the renderers below, which keep under BODY_BUDGET themselves. */
function capBody(body) {
    if (body.length <= pr_comment/* COMMENT_LIMIT */.W$)
        return body;
    const note = '\n\n… (cut: GitHub limits a comment to 65,536 characters)';
    return body.slice(0, pr_comment/* COMMENT_LIMIT */.W$ - note.length) + note;
}
/** Posts or updates the comment. Never throws: every problem comes back as an outcome. */
async function publishPrComment(o) {
    const skip = (why) => ({ status: 'skipped', message: `PR comment: ${why}` });
    if (!o.enabled)
        return skip('off (pr-comment: false)');
    if (o.target === undefined)
        return skip('skipped, this run is not for a pull request');
    if (o.token === undefined)
        return skip('skipped, no `github-token` (not in Actions)');
    const pr = `pull request #${o.target.issueNumber}`;
    try {
        const marker = (0,pr_comment/* commentMarker */.Ql)(o.deploymentId);
        const r = await upsertPrComment(o.octokit(o.token), { ...o.target, marker, body: o.body });
        const notes = [
            ...(r.duplicates.length > 0
                ? [`; older comments with the same marker left as they are: ${r.duplicates.join(', ')}`]
                : []),
            ...(r.scannedAll ? [] : [`; only the first ${MAX_PAGES * PER_PAGE} comments were searched`]),
        ];
        const where = r.url === undefined ? '' : ` ${r.url}`;
        return {
            status: 'posted',
            url: r.url,
            message: `PR comment ${r.action} on ${pr}:${where}${notes.join('')}`,
        };
    }
    catch (e) {
        return { status: 'failed', message: `Could not comment on ${pr}: ${explainCommentError(e)}` };
    }
}
function explainCommentError(e) {
    const raw = e?.status;
    const status = typeof raw === 'number' || typeof raw === 'string' ? raw : undefined;
    const msg = (0,errors/* errorMessage */.gJ)(e);
    if ((status === 403 || /not accessible by integration/i.test(msg)) && !/rate limit/i.test(msg)) {
        return `GitHub refused (${status ?? 403}: ${msg}). Give the job \`permissions: pull-requests: write\`; pull requests from forks get a read-only token and cannot be commented on this way. The deploy itself is unaffected.`;
    }
    return `${status === undefined ? '' : `${String(status)}: `}${msg}. The deploy itself is unaffected.`;
}
function reportPrComment(sink, outcome) {
    if (outcome.status === 'failed')
        sink.warning(outcome.message);
    else
        sink.info(outcome.message);
}

;// CONCATENATED MODULE: ./src/github/publish.ts



/** The Publisher of a run inside GitHub Actions. */
function githubPublisher(clients, inputs, ctx, sink) {
    return {
        artifact: (mode, plan, files) => uploadDeployArtifact(clients.artifacts, {
            name: (0,links/* artifactNameFor */.FP)(inputs.artifactName, plan.deploymentId, mode, ctx),
            retentionDays: inputs.artifactRetentionDays,
            workDir: files.workDir,
            deploymentId: plan.deploymentId,
            bundle: files.bundle,
            userData: files.userData,
            plan,
        }),
        comment: async (deploymentId, body, pr) => reportPrComment(sink, await publishPrComment({
            enabled: inputs.prComment,
            token: inputs.githubToken,
            target: commentTarget(pr === undefined ? ctx : { repository: ctx.repository, prNumber: pr }),
            octokit: clients.octokit,
            deploymentId,
            body,
        })),
    };
}

// EXTERNAL MODULE: ./src/github/state.ts
var github_state = __webpack_require__(98862);
;// CONCATENATED MODULE: ./src/github/main-step.ts







/**
 * The action's main step: inputs → the mode. Each mode is imported only when it runs (a chunk of
 * its own in dist/): a plan never loads the EC2 client or ssh2 (docs/architecture.md, "Start-up").
 */
async function runMain(withEc2) {
    const inputs = readInputs();
    const ctx = runContextFromEnv(process.env, readEvent(process.env.GITHUB_EVENT_PATH));
    const sink = (0,github_sink/* actionsSink */.l)();
    const root = (0,paths/* actionRoot */.X)();
    // The artifact client and Octokit load on first use (github/clients.ts).
    const artifacts = lazyArtifactClient();
    const publisher = githubPublisher({ artifacts, octokit: (token) => lazyOctokit(token) }, inputs, ctx, sink);
    if (inputs.mode === 'plan') {
        const { runPlan } = await Promise.all(/* import() */[__webpack_require__.e(407), __webpack_require__.e(10), __webpack_require__.e(588), __webpack_require__.e(727)]).then(__webpack_require__.bind(__webpack_require__, 10727));
        await runPlan(inputs, ctx, sink, root, new Date(), publisher);
        return;
    }
    const state = github_state/* actionsState */.R;
    await withEc2(async (ec2) => {
        if (inputs.mode === 'destroy') {
            const { runDestroy } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(620)]).then(__webpack_require__.bind(__webpack_require__, 55239));
            await runDestroy(inputs, ctx, { sink, ec2, publisher, state });
        }
        else if (inputs.mode === 'rollback') {
            const { runRollback } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(472), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(10), __webpack_require__.e(607), __webpack_require__.e(420), __webpack_require__.e(877)]).then(__webpack_require__.bind(__webpack_require__, 86258));
            await runRollback(inputs, ctx, { sink, ec2, publisher, state });
        }
        else if (inputs.mode === 'reconcile') {
            const [{ runReconcile }, { artifactBundleSource }] = await Promise.all([
                Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(472), __webpack_require__.e(407), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(10), __webpack_require__.e(607), __webpack_require__.e(420), __webpack_require__.e(588), __webpack_require__.e(242), __webpack_require__.e(954)]).then(__webpack_require__.bind(__webpack_require__, 82716)),
                __webpack_require__.e(/* import() */ 866).then(__webpack_require__.bind(__webpack_require__, 68866)),
            ]);
            const source = artifactBundleSource(artifacts, {
                token: inputs.githubToken,
                repository: ctx.repository,
            });
            await runReconcile(inputs, ctx, { sink, ec2, root, source, publisher, state });
        }
        else {
            const { runDeploy } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(472), __webpack_require__.e(407), __webpack_require__.e(829), __webpack_require__.e(464), __webpack_require__.e(10), __webpack_require__.e(607), __webpack_require__.e(420), __webpack_require__.e(588), __webpack_require__.e(242), __webpack_require__.e(540)]).then(__webpack_require__.bind(__webpack_require__, 90540));
            await runDeploy(inputs, ctx, { sink, state, ec2, root, publisher });
        }
    });
}


/***/ }),

/***/ 26490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S0: () => (/* binding */ writeNewFile),
/* harmony export */   Ul: () => (/* binding */ CREATE_NEW),
/* harmony export */   hI: () => (/* binding */ makePrivateDir),
/* harmony export */   ti: () => (/* binding */ removeIfPresent)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



// Files the action writes on the runner (the user-data with the host private key, the bundle,
// the artifact's copies) live in a directory of the run's own, never at a predictable path in a
// shared temp directory: with /tmp/spot-deploy/<id>/user-data, another user of the machine could
// create that directory first, or plant a symlink there that the action would write through.
/** Created, never reused: fails if anything (a file, a symlink) is already at the path. */
const CREATE_NEW = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW;
/** A fresh directory (mode 0700, random suffix) named `<prefix>XXXXXX`; its parent is created if missing. */
async function makePrivateDir(prefix) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(prefix), { recursive: true, mode: 0o700 });
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(prefix);
}
/** Writes a new file (mode 0600 unless given) with CREATE_NEW: never through a symlink, never over a file. */
async function writeNewFile(path, data, mode = 0o600) {
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, CREATE_NEW, mode);
    try {
        await fh.writeFile(data);
    }
    finally {
        await fh.close();
    }
}
/** Removes what is at `path` (a stale output, or a symlink itself, never its target), if anything. */
async function removeIfPresent(path) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path).catch((e) => {
        if (e.code !== 'ENOENT')
            throw e;
    });
}


/***/ }),

/***/ 83303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $E: () => (/* binding */ runLinks),
/* harmony export */   FP: () => (/* binding */ artifactNameFor),
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   Wk: () => (/* binding */ artifactUrl)
/* harmony export */ });
/** The workflow run's page, e.g. https://github.com/o/r/actions/runs/123 (GHES: its own server). */
function runUrl(ctx) {
    if (!ctx.repository || !ctx.runId)
        return undefined;
    const server = (ctx.serverUrl || 'https://github.com').replace(/\/+$/, '');
    return `${server}/${ctx.repository}/actions/runs/${ctx.runId}`;
}
/** The download page of an artifact of this run (the form upload-artifact reports). */
function artifactUrl(ctx, artifactId) {
    const run = runUrl(ctx);
    return run === undefined || artifactId === '' ? undefined : `${run}/artifacts/${artifactId}`;
}
/** Both links at once, for summaries and comments ('' as the id: no artifact). */
function runLinks(ctx, artifactId) {
    const run = runUrl(ctx);
    const artifact = artifactUrl(ctx, artifactId);
    return { ...(run ? { run } : {}), ...(artifact ? { artifact } : {}) };
}
/**
 * The deploy artifact's name: `none` → false; empty → unique per run, attempt and mode (artifact
 * names are unique per run). The upload (github/artifact.ts) and the instances' release tags
 * (mode deploy, read back by mode reconcile) both take it from here.
 */
function artifactNameFor(setting, deploymentId, mode, ctx) {
    if (setting !== undefined)
        return setting;
    const kind = mode === 'plan' ? '-plan' : '';
    return `spot-deploy-${deploymentId}${kind}-${ctx.runId ?? 'local'}-${ctx.runAttempt ?? '1'}`;
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   qy: () => (/* binding */ html),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
// Markdown and HTML building blocks every summary and comment uses.
/** Markdown-safe table cell: pipes and newlines would break the table. */
function cell(value) {
    return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    if (n < 1024 ** 2)
        return `${(n / 1024).toFixed(1)} KiB`;
    return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
/** Escapes text for the summary's HTML (`<pre>`, `<summary>`). */
function html(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function percent(part, whole) {
    return `${((100 * part) / whole).toFixed(1)}%`;
}


/***/ }),

/***/ 71914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ renderReconcileComment),
/* harmony export */   Q1: () => (/* binding */ renderPrComment),
/* harmony export */   Ql: () => (/* binding */ commentMarker),
/* harmony export */   Sn: () => (/* binding */ renderRollbackComment),
/* harmony export */   Uo: () => (/* binding */ renderDestroyComment),
/* harmony export */   W$: () => (/* binding */ COMMENT_LIMIT)
/* harmony export */ });
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29834);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/* harmony import */ var _service_urls_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61172);
/**
 * The PR comment's text: one comment per pull request and deployment, recognised by a hidden
 * marker at its start (github/pr-comment.ts finds it and edits it in place).
 */



/** GitHub refuses bodies over 65,536 characters; the margin covers the truncation note. */
const COMMENT_LIMIT = 65_536;
/** What the renderers below keep each body under. */
const BODY_BUDGET = 60_000;
function commentMarker(deploymentId) {
    return `<!-- spot-deploy:${deploymentId} -->`;
}
/** Inline code for a table cell: neutralises Markdown, HTML and @mentions in error text. */
function code(text, max = 160) {
    const line = text.trim().split(/\r?\n/)[0] ?? '';
    const short = line.length > max ? `${line.slice(0, max)}…` : line;
    return short === '' ? '–' : `\`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(short.replace(/`/g, "'"))}\``;
}
const secs = (ms) => ms === undefined ? '' : ` in ${(0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(ms, { digits: 0 })}`;
const ICON = { ready: '✅', failed: '❌', skipped: '⏭️' };
function row(r, links) {
    const detail = r.status === 'ready'
        ? r.note === undefined
            ? `active${secs(r.timings.activeMs)}`
            : code(r.note)
        : r.status === 'skipped'
            ? `skipped: the rollout stopped before batch ${r.batch?.number ?? '?'}; still on its previous release`
            : r.rolledBackTo !== undefined
                ? `${code(r.step ?? 'unknown')}: rolled back to \`${r.rolledBackTo.slice(0, 12).replace(/[^0-9a-f]/g, '')}\``
                : `${code(r.step ?? 'unknown')}: ${code(r.error ?? '')}`;
    return `| ${ICON[r.status]} | \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.id)}\`${r.adopted ? ' (adopted)' : ''} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.region)} / ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.availabilityZone ?? '–')} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.instanceType)} | ${r.lifecycle} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.publicIp ?? r.privateIp ?? '–')} | ${detail} |${links ? ` ${(0,_service_urls_js__WEBPACK_IMPORTED_MODULE_2__/* .linksCell */ .Sb)(r, links)} |` : ''}`;
}
/** Lines up to the budget, then a note on what was left out. */
function fit(head, rows, tail, note) {
    let used = [...head, ...tail, note(rows.length)].join('\n').length;
    const kept = [];
    for (const r of rows) {
        if (used + r.length + 1 > BODY_BUDGET)
            break;
        kept.push(r);
        used += r.length + 1;
    }
    const left = rows.length - kept.length;
    return [...head, ...kept, ...(left > 0 ? ['', note(left)] : []), ...tail].join('\n');
}
/** The fleet table; failed instances first, then skipped, so a cut table never hides a failure. */
function renderPrComment(d) {
    const ready = d.instances.filter((r) => r.status === 'ready').length;
    const failed = d.instances.filter((r) => r.status === 'failed').length;
    // Skipped instances only exist when a rolling redeploy stopped, which fails the step.
    const skipped = d.instances.length - ready - failed;
    const shortfall = d.shortfall ?? 0;
    const ok = (d.minReady === undefined || ready >= d.minReady) && skipped === 0;
    const facts = [
        `**${ready}** ready`,
        `**${failed}** failed`,
        ...(skipped > 0 ? [`**${skipped}** skipped (rollout stopped)`] : []),
        ...(shortfall > 0 ? [`**${shortfall}** not launched`] : []),
        ...(d.minReady === undefined ? [] : [`min-ready ${d.minReady}`]),
        `bundle \`${d.bundleSha256.slice(0, 12)}\``,
        ...(d.artifact ? [link(`artifact ${d.artifact.name}`, d.artifact.url)] : []),
        link('workflow run', d.runUrl),
    ];
    const rank = { failed: 0, skipped: 1, ready: 2 };
    const links = d.links && d.links.ports.length > 0 ? d.links : undefined;
    const rows = [...d.instances]
        .sort((a, b) => rank[a.status] - rank[b.status])
        .map((r) => row(r, links));
    return fit([
        commentMarker(d.deploymentId),
        `### ${ok ? '✅' : '❌'} spot-deploy \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(d.deploymentId)}\`: ${ready}/${d.instances.length + shortfall} ready`,
        '',
        facts.join(' · '),
        '',
        `| | instance | region / AZ | type | lifecycle | address | detail |${links ? ' links |' : ''}`,
        `|---|---|---|---|---|---|---|${links ? '---|' : ''}`,
    ], rows, ['', `<sub>Updated ${stamp(d.now)} by spot-deploy; this comment is edited in place.</sub>`], (left) => `… ${left} more instance(s) not shown (comment size limit); ${link('see the run summary', d.runUrl)}.`);
}
const sha12 = (sha) => (sha === undefined ? '?' : `\`${sha.slice(0, 12)}\``);
function rollbackRow(r) {
    const detail = r.status === 'ready'
        ? `rolled back${secs(r.timings.activeMs)}`
        : `${code(r.step ?? 'unknown')}: ${code(r.error ?? '')}`;
    return `| ${r.status === 'ready' ? '✅' : '❌'} | \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.id)}\` | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.region)} / ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.availabilityZone ?? '–')} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.publicIp ?? r.privateIp ?? '–')} | ${sha12(r.sha256Before)} → ${sha12(r.sha256After)} | ${detail} |`;
}
/** The comment after `mode: rollback`: each instance's release before → after, failed ones first. */
function renderRollbackComment(d) {
    const ready = d.instances.filter((r) => r.status === 'ready').length;
    const ok = d.instances.length > 0 && ready === d.instances.length;
    const target = d.rollbackTo === undefined
        ? 'to the previous ready release'
        : `to \`${d.rollbackTo.slice(0, 12)}\``;
    const rows = [...d.instances]
        .sort((a, b) => Number(a.status === 'ready') - Number(b.status === 'ready'))
        .map(rollbackRow);
    return fit([
        commentMarker(d.deploymentId),
        `### ${ok ? '⏪' : '❌'} spot-deploy \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(d.deploymentId)}\`: ${ready}/${d.instances.length} rolled back`,
        '',
        [
            `rollback ${target}`,
            `**${d.instances.length - ready}** failed`,
            link('workflow run', d.runUrl),
        ].join(' · '),
        '',
        '| | instance | region / AZ | address | release before → after | detail |',
        '|---|---|---|---|---|---|',
    ], rows, ['', `<sub>Updated ${stamp(d.now)} by spot-deploy; this comment is edited in place.</sub>`], (left) => `… ${left} more instance(s) not shown (comment size limit); ${link('see the run summary', d.runUrl)}.`);
}
/** The comment after `mode: destroy`: what was terminated, and anything left behind. */
function renderDestroyComment(d) {
    const errors = (d.errors ?? []).slice(0, 20).map((e) => `- ⚠️ ${code(e, 300)}`);
    const title = errors.length === 0 ? '🧹' : '⚠️';
    const rows = d.terminated.map((t) => `| \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(t.id)}\` | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(t.region)} |`);
    return fit([
        commentMarker(d.deploymentId),
        `### ${title} spot-deploy \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(d.deploymentId)}\`: fleet destroyed`,
        '',
        `${d.terminated.length} instance(s) terminated · ${link('workflow run', d.runUrl)}`,
        ...(errors.length > 0 ? ['', 'Some resources remain:', ...errors] : []),
        ...(rows.length > 0 ? ['', '| instance | region |', '|---|---|'] : []),
    ], rows, ['', `<sub>Updated ${stamp(d.now)} by spot-deploy.</sub>`], (left) => `… ${left} more instance(s) not shown (comment size limit).`);
}
/** At most this many "replaced" lines; a fleet lost whole would otherwise push the table out. */
const MAX_REPLACED_LINES = 20;
function reconcileRow(r) {
    const detail = r.status === 'failed'
        ? `${code(r.step ?? 'unknown')}: ${code(r.error ?? '')}`
        : !r.adopted
            ? `replacement, active${secs(r.timings.activeMs)}`
            : r.status === 'ready'
                ? 'ready, untouched'
                : 'pending (a launch in progress), untouched';
    return `| ${ICON[r.status]} | \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.id)}\` | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.region)} / ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.availabilityZone ?? '–')} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.instanceType)} | ${r.lifecycle} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(r.publicIp ?? r.privateIp ?? '–')} | ${detail} |`;
}
/**
 * The comment after `mode: reconcile`, under the deployment's marker so it replaces the deploy's
 * table: "replaced N of M", why each replaced instance went, then the fleet (failures first).
 */
function renderReconcileComment(d) {
    const ready = d.instances.filter((r) => r.status === 'ready').length;
    const failed = d.instances.filter((r) => r.status === 'failed').length;
    const ok = ready >= d.size && failed === 0;
    const why = d.replaced
        .slice(0, MAX_REPLACED_LINES)
        .map((x) => `- replaced \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(x.info.id)}\`: ${code(x.why, 300)}`);
    const more = d.replaced.length - why.length;
    const rank = { failed: 0, skipped: 1, ready: 2 };
    const rows = [...d.instances]
        .sort((a, b) => rank[a.status] - rank[b.status] || Number(a.adopted) - Number(b.adopted))
        .map(reconcileRow);
    return fit([
        commentMarker(d.deploymentId),
        `### ${ok ? '✅' : '❌'} spot-deploy \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(d.deploymentId)}\`: replaced ${d.launched} of ${d.size}, ${ready}/${d.size} ready`,
        '',
        [
            'reconcile',
            `**${ready}** ready`,
            `**${failed}** failed`,
            ...(d.sha256 === undefined ? [] : [`release \`${d.sha256.slice(0, 12)}\``]),
            link('workflow run', d.runUrl),
        ].join(' · '),
        ...(why.length > 0
            ? ['', ...why, ...(more > 0 ? [`- … and ${more} more (see the run summary)`] : [])]
            : []),
        '',
        '| | instance | region / AZ | type | lifecycle | address | detail |',
        '|---|---|---|---|---|---|---|',
    ], rows, [
        '',
        `<sub>Updated ${stamp(d.now)} by spot-deploy reconcile; this comment is edited in place.</sub>`,
    ], (left) => `… ${left} more instance(s) not shown (comment size limit); ${link('see the run summary', d.runUrl)}.`);
}
function link(text, url) {
    return url === undefined ? text : `[${text}](${url})`;
}
function stamp(now) {
    return (now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
}


/***/ }),

/***/ 61172:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ fleetUrls),
/* harmony export */   Sb: () => (/* binding */ linksCell)
/* harmony export */ });
/* unused harmony exports serviceAddress, serviceUrl, instanceUrls */
/**
 * The address a service is reached at: the private IP when the runner itself connects to that
 * (`ssh-address: private-ip`, a runner inside the VPC), else the public IP (`public-dns` included:
 * the result carries no DNS name, and the IP reaches the same instance).
 */
function serviceAddress(r, sshAddress) {
    return sshAddress === 'private-ip' ? r.privateIp : r.publicIp;
}
/** `https://a` for 443, `http://a` for 80 (the schemes' defaults), `http://a:port` otherwise. */
function serviceUrl(address, port) {
    // An IPv6 literal goes in brackets, or its colons would read as the port's.
    const host = address.includes(':') ? `[${address}]` : address;
    if (port === 443)
        return `https://${host}`;
    if (port === 80)
        return `http://${host}`;
    return `http://${host}:${port}`;
}
/** One link per port for a ready instance with an address; none for any other. */
function instanceUrls(r, links) {
    const address = serviceAddress(r, links.sshAddress);
    if (r.status !== 'ready' || !address)
        return [];
    return links.ports.map((port) => serviceUrl(address, port));
}
/** Every ready instance's links, instance by instance, in the order of `results`. */
function fleetUrls(results, links) {
    return results.flatMap((r) => instanceUrls(r, links));
}
/** A table cell of Markdown links to an instance's services ('–' when it has none). */
function linksCell(r, links) {
    const urls = instanceUrls(r, links);
    return urls.length === 0 ? '–' : urls.map((u) => `[${u}](${u})`).join(' ');
}


/***/ }),

/***/ 29834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   dQ: () => (/* binding */ realClock),
/* harmony export */   uk: () => (/* binding */ realSleep)
/* harmony export */ });
/**
 * Time, the one thing every stage waits on: one sleep type (injected so polling and retry tests
 * run in milliseconds), one wall clock type, and one way to show a duration to people.
 */
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const realClock = () => new Date();
/**
 * A duration in seconds for logs, summaries and comments: `12.3 s`; `digits: 0` → `12 s`;
 * `compact` drops the space (`12.3s`), for per-line log prefixes where width matters.
 */
function formatDuration(ms, opts = {}) {
    return `${(ms / 1000).toFixed(opts.digits ?? 1)}${opts.compact ? 's' : ' s'}`;
}


/***/ })

};
;