"use strict";
exports.id = 716;
exports.ids = [716];
exports.modules = {

/***/ 24613:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ terminateLaunched)
/* harmony export */ });
/* unused harmony export FRESH_NOT_FOUND_MS */
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);
/* harmony import */ var _describe_instances_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57033);
/* harmony import */ var _instances_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46829);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40768);




/** How long NotFound is retried for a fresh id: AWS's "seconds", with a wide margin. */
const FRESH_NOT_FOUND_MS = 60_000;
/** States that mean EC2 has the instance going away (a spot reclaim, the TTL, an earlier call). */
const GOING = new Set(['shutting-down', 'terminated']);
/**
 * Terminates `ids`, all from this run's CreateFleet answers. NotFound is retried with backoff
 * (1 s doubling to 8 s, within `timeoutMs`, 60 s by default; sleep and clock injectable) until
 * EC2 accepts the id or DescribeInstances shows it terminated or shutting down. What is still
 * unknown at the end comes back in `unseen`, never counted as terminated. Other errors throw.
 */
async function terminateLaunched(client, region, ids, opts = {}) {
    const clock = (0,_wait_js__WEBPACK_IMPORTED_MODULE_3__/* .pollClock */ .kO)({ ...opts, timeoutMs: opts.timeoutMs ?? FRESH_NOT_FOUND_MS }, { minDelayMs: 1_000, maxDelayMs: 8_000 });
    const terminated = [];
    const alreadyGone = [];
    let pending = [...new Set(ids)];
    let round = 0;
    // Bounded by the poll clock: its deadline and its poll count (a clock that never moves).
    while (pending.length > 0) {
        round++;
        const notFound = [];
        for (const batch of (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .chunk */ .iv)(pending, _instances_js__WEBPACK_IMPORTED_MODULE_2__/* .TERMINATE_BATCH */ .vG)) {
            const res = await (0,_instances_js__WEBPACK_IMPORTED_MODULE_2__/* .terminateChunk */ .dK)(client, region, batch);
            notFound.push(...res.gone);
            for (const a of res.accepted)
                (a.previous === 'terminated' ? alreadyGone : terminated).push(a.id);
        }
        pending = notFound;
        if (pending.length === 0)
            break;
        // Was it there and gone already (reclaimed, its TTL, an earlier call)? Then it is done.
        pending = await stillUnknown(client, region, pending, alreadyGone, opts.log);
        if (pending.length === 0 || clock.expired())
            break;
        opts.log?.(`${region}: EC2 does not know ${pending.join(', ')} yet (InvalidInstanceID.NotFound, try ${round}); asking again`);
        await clock.pause();
    }
    if (terminated.length > 0)
        opts.log?.(`${region}: terminating ${terminated.join(', ')}`);
    return { terminated, alreadyGone, unseen: pending };
}
/** The ids DescribeInstances does not show going away; those it does are added to `gone`. */
async function stillUnknown(client, region, ids, gone, log) {
    const left = new Set(ids);
    for (const batch of (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .chunk */ .iv)(ids, _describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .DESCRIBE_BATCH */ .xV)) {
        let res;
        try {
            res = await (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .describeIds */ .Sh)(client, region, batch);
        }
        catch (err) {
            // A look that failed proves nothing: the ids stay pending, TerminateInstances asks again.
            if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .classify */ .L8)((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorCode */ .CA)(err)) !== 'throttling')
                throw err;
            log?.(`${region}: DescribeInstances throttled, backing off`);
            continue;
        }
        for (const inst of res.found) {
            const id = inst.InstanceId ?? '';
            if (left.has(id) && GOING.has(inst.State?.Name ?? '')) {
                left.delete(id);
                gone.push(id);
            }
        }
    }
    return [...left];
}


/***/ }),

/***/ 54497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPost: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./src/aws/aws-errors.ts
var aws_errors = __webpack_require__(38098);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(46829);
// EXTERNAL MODULE: ./src/aws/terminate-launched.ts
var terminate_launched = __webpack_require__(24613);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/modes/leftovers.ts

/** The commands that remove a deployment's resources, with valid credentials. */
function removeCommand(deploymentId, regions) {
    const r = regions.join(',');
    return (`run \`mode: destroy\` with \`deployment-id: ${deploymentId}\` and \`regions: ${r}\` ` +
        `(command line: \`node dist/cli.js destroy --deployment-id ${deploymentId} --regions ${r}\`), ` +
        'or let the janitor (`mode: destroy` with `deployment-id: expired`) remove them once their ' +
        '`spot-deploy:expires-at` has passed');
}
/** What the TTL does for instances nobody removes. */
function ttlNote(ttlMinutes) {
    if (ttlMinutes === 0)
        return 'ttl-minutes is 0: the instances run (and cost) until they are removed.';
    const within = ttlMinutes === undefined ? 'ttl-minutes' : `${ttlMinutes} minutes (ttl-minutes)`;
    return `Each instance also shuts itself down, and is terminated, ${within} after the last deploy that reached it.`;
}
/**
 * The post step's credentials were refused (an assumed-role session that ended before the job):
 * nothing more can be done from here, so the error lists what is left, per region, and the ways
 * to remove it.
 */
function credentialsExpiredError(code, region, left) {
    const lines = [];
    for (const r of left.regions) {
        const ids = left.instances[r] ?? [];
        if (ids.length > 0)
            lines.push(`${r}: instances ${ids.join(', ')}`);
        for (const c of left.created[r] ?? [])
            lines.push(`${r}: ${c.kind} ${c.name} (${c.id}), created by this run`);
    }
    if (lines.length === 0)
        lines.push('no instance of this run is known to be left');
    lines.push(...(left.runnerRules ?? []));
    lines.push(...(left.problems ?? []));
    return new errors/* CleanupError */.pJ(`spot-deploy post: the AWS credentials were refused (${code} in ${region}), so the post step ` +
        'could not clean up. Left behind', lines, `To remove them, with valid credentials: ${removeCommand(left.deploymentId, left.regions)}. ` +
        `${ttlNote(left.ttlMinutes)} ` +
        'Why: the job outlived its AWS session (keep the job timeout well under the OIDC ' +
        "role-duration-seconds; see docs/troubleshooting.md, 'Credentials expired before cleanup').");
}

// EXTERNAL MODULE: ./src/modes/state.ts
var modes_state = __webpack_require__(90373);
// EXTERNAL MODULE: ./src/modes/lock.ts
var lock = __webpack_require__(94189);
// EXTERNAL MODULE: ./src/modes/runner-access.ts + 1 modules
var runner_access = __webpack_require__(10607);
;// CONCATENATED MODULE: ./src/modes/cleanup.ts








/**
 * The post step: reads saved state only. `cleanup: on-failure` terminates what this run launched
 * unless the main step recorded success (a failed, cancelled or killed main step never does);
 * `always` terminates regardless; `never` keeps them (their TTL still applies). Besides the saved
 * ids it searches by this run's tags, for instances launched in the instant before a kill.
 * Idempotent for what the tag search finds; an id from this run's CreateFleet answers that EC2
 * answers NotFound for is asked again (EC2 is eventually consistent) and, if EC2 never shows it,
 * fails the step naming it. Refused credentials (an expired session) fail it listing everything
 * left. Then releases the deploy lock the main step left (killed, or a failed deploy whose cleanup
 * happens here). First of all, whatever the policy and however the main step ended, it revokes
 * the per-run SSH rules (`ssh-cidr: runner`) the main step saved; a failure there fails the step
 * after the instance cleanup and the lock release have run.
 */
async function runPost(state, ec2, sink, opts = {}) {
    try {
        const rules = await (0,runner_access/* revokeSavedRules */.dq)(state, ec2, sink);
        const result = await cleanUp(state, ec2, sink, opts, rules);
        throwIfRulesLeft(rules);
        return result;
    }
    finally {
        // After the cleanup: no other run may adopt instances this one is still terminating.
        await (0,lock/* releaseSavedLock */.an)(state, ec2, sink);
    }
}
/** The runner rules the post step could not revoke, as an error that says how to remove them. */
function throwIfRulesLeft(rules) {
    const left = rules.refused?.left ?? [];
    if (left.length + rules.problems.length === 0)
        return;
    const why = rules.refused
        ? ` (the AWS credentials were refused: ${rules.refused.code} in ${rules.refused.region})`
        : '';
    // Every rule left gets its command: a refused one, and one whose revoke failed otherwise.
    const commands = [...left, ...rules.failed].map(runner_access/* revokeCommand */.Ar).join('; ');
    throw new errors/* CleanupError */.pJ(`spot-deploy post: could not remove this runner's SSH rule(s)${why}; left open`, [...left.map(runner_access/* describeRunnerRule */.Ku), ...rules.problems], `Remove them${rules.refused ? ' with valid credentials' : ''}${commands ? ` (${commands})` : ''}; otherwise the next ` +
        'deploy of the deployment and the janitor remove them once they are 6 hours old.');
}
async function cleanUp(state, ec2, sink, opts, rules) {
    const saved = (0,modes_state/* readDeployState */.Jj)(state);
    if (!saved) {
        sink.info(modes_state/* NOTHING_LAUNCHED */.ff);
        return { terminated: {}, kept: 0 };
    }
    const { cleanup: policy, succeeded, launched, deploymentId } = saved;
    const count = Object.values(launched).reduce((n, ids) => n + ids.length, 0);
    if (policy === 'never' || (policy === 'on-failure' && succeeded)) {
        const why = policy === 'never' ? 'cleanup is never' : 'the deploy succeeded';
        sink.info(`spot-deploy post: ${why}; keeping the ${count} instance(s) this run launched.`);
        return { terminated: {}, kept: count };
    }
    const regions = [...new Set([...saved.regions, ...Object.keys(launched)])];
    const terminated = {};
    const problems = [];
    const left = {};
    for (const [n, region] of regions.entries()) {
        const r = await cleanRegion(saved, region, ec2(region), sink, opts);
        if (r.terminated.length > 0)
            terminated[region] = r.terminated;
        problems.push(...r.problems);
        if (r.refused) {
            // Every further call fails the same way: say what is left everywhere from here on.
            left[region] = r.left;
            for (const later of regions.slice(n + 1))
                left[later] = freshIds(saved, later);
            throw credentialsExpiredError(r.refused, region, {
                deploymentId,
                regions,
                instances: left,
                // The post step never deletes them (destroy does): all of them are left.
                created: saved.created,
                ttlMinutes: saved.ttlMinutes,
                runnerRules: (rules.refused?.left ?? []).map(runner_access/* describeRunnerRule */.Ku),
                problems: [...rules.problems, ...problems],
            });
        }
    }
    if (problems.length > 0) {
        problems.unshift(...rules.problems, ...(rules.refused?.left ?? []).map(runner_access/* describeRunnerRule */.Ku));
        throw new errors/* CleanupError */.pJ(`spot-deploy post: could not clean up everything; ${removeCommand(deploymentId, regions)}. ${ttlNote(saved.ttlMinutes)} What is left`, problems);
    }
    if (Object.keys(terminated).length === 0)
        sink.info('spot-deploy post: no instance to terminate.');
    return { terminated, kept: 0 };
}
/** The ids this run launched in `region` that its main step did not terminate itself. */
function freshIds(saved, region) {
    const gone = saved.terminated[region] ?? [];
    return (saved.launched[region] ?? []).filter((id) => !gone.includes(id));
}
const refusedCode = (e) => {
    const code = (0,aws_errors/* errorCode */.CA)(e);
    return (0,aws_errors/* classify */.L8)(code) === 'credentials' ? code : undefined;
};
/**
 * One region: this run's tag search, then its CreateFleet ids (NotFound retried) and whatever the
 * search found besides (NotFound is gone), then, if some ids were never seen, the search again.
 */
async function cleanRegion(saved, region, client, sink, opts) {
    const fresh = freshIds(saved, region);
    const problems = [];
    const done = [];
    const log = (m) => sink.info(`spot-deploy post: ${m}`);
    const search = async () => {
        const { runId, runAttempt, deploymentId } = saved;
        if (!runId || !deploymentId)
            return [];
        const filter = { runId, deploymentId, ...(runAttempt ? { runAttempt } : {}) };
        return (await (0,instances/* findInstances */.wG)(client, region, filter)).map((x) => x.id);
    };
    let tagged = [];
    try {
        tagged = await search();
    }
    catch (e) {
        const refused = refusedCode(e);
        if (refused)
            return { terminated: [], problems, refused, left: fresh };
        problems.push(`${region}: tag search failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    const others = tagged.filter((id) => !fresh.includes(id));
    try {
        if (fresh.length > 0) {
            const r = await (0,terminate_launched/* terminateLaunched */.I)(client, region, fresh, {
                log,
                ...(opts.sleep ? { sleep: opts.sleep } : {}),
                ...(opts.now ? { now: opts.now } : {}),
                ...(opts.notFoundTimeoutMs !== undefined ? { timeoutMs: opts.notFoundTimeoutMs } : {}),
            });
            done.push(...r.terminated, ...r.alreadyGone);
            if (r.unseen.length > 0) {
                // The fallback: anything this run launched that EC2 lists by now under the run's tags.
                const late = (await search()).filter((id) => !done.includes(id) && !others.includes(id));
                others.push(...late);
                problems.push(`${region}: ${r.unseen.join(', ')}: EC2 answered InvalidInstanceID.NotFound for every ` +
                    'TerminateInstances and never showed them: they may still be running');
            }
        }
        if (others.length > 0) {
            await (0,instances/* terminateInstances */.ch)(client, region, others, { wait: false });
            done.push(...others);
        }
    }
    catch (e) {
        const refused = refusedCode(e);
        const left = [...fresh, ...others].filter((id) => !done.includes(id));
        if (refused)
            return { terminated: done, problems, refused, left };
        problems.push(`${region}: ${left.join(', ')}: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    if (done.length > 0)
        sink.info(`spot-deploy post: ${region}: terminated ${done.join(', ')}`);
    return { terminated: done, problems, left: [] };
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