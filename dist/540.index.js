"use strict";
exports.id = 540;
exports.ids = [540];
exports.modules = {

/***/ 43910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ expiresAtAfter),
/* harmony export */   r: () => (/* binding */ refreshExpiry)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(35193);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);
/* harmony import */ var _destroy_resources_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52807);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23228);
/**
 * The TTL follows activity: after a deploy (or a rollback) reaches instances, their
 * `spot-deploy:expires-at` tag, and that of the deployment's managed security group and launch
 * template in the region, move to now + `ttl-minutes`, so the janitor keeps a fleet that is in
 * use. `ttl-minutes: 0` (no time limit) removes the tag: the janitor never expires an instance or
 * a resource without one (aws/destroy.ts).
 */




/** CreateTags and DeleteTags take up to 1,000 resources per call; stay well below. */
const RESOURCES_PER_CALL = 200;
/** The expires-at value for a TTL counted from `now` (the plan's format), or undefined for 0. */
function expiresAtAfter(now, ttlMinutes) {
    if (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0)
        throw new RangeError(`ttlMinutes must be an integer ≥ 0, got ${ttlMinutes}`);
    if (ttlMinutes === 0)
        return undefined;
    return new Date(now.getTime() + ttlMinutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
}
/**
 * Sets (or, with `expiresAt` undefined, removes) `spot-deploy:expires-at` on `instanceIds` and on
 * the deployment's managed security groups and launch templates in `region`. Nothing is done when
 * `instanceIds` is empty: a region the deploy did not reach keeps its expiry. Throws AwsError
 * (naming the IAM action) on the first refused call; callers warn, since the deploy itself
 * succeeded and the instances' own shutdown was re-armed on them.
 */
async function refreshExpiry(client, region, deploymentId, instanceIds, expiresAt) {
    const none = { region, expiresAt, instanceIds: [], securityGroupIds: [], launchTemplateIds: [] };
    if (instanceIds.length === 0)
        return none;
    if (deploymentId.trim() === '')
        throw new Error('refreshExpiry needs a deployment id');
    const managed = await (0,_destroy_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .findManagedResources */ .y8)(client, region, deploymentId);
    const securityGroupIds = managed.filter((r) => r.kind === 'security-group').map((r) => r.id);
    // The deploy lock is a launch template of the deployment too; its lease is its own expiry.
    const launchTemplateIds = managed
        .filter((r) => r.kind === 'launch-template' && r.tags[_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.lockHolder] === undefined)
        .map((r) => r.id);
    const all = [...new Set([...instanceIds, ...securityGroupIds, ...launchTemplateIds])];
    const action = expiresAt === undefined ? 'DeleteTags' : 'CreateTags';
    for (let i = 0; i < all.length; i += RESOURCES_PER_CALL) {
        const Resources = all.slice(i, i + RESOURCES_PER_CALL);
        try {
            if (expiresAt === undefined)
                await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DeleteTagsCommand */ .MVD({ Resources, Tags: [{ Key: _types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.expiresAt }] }));
            else
                await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .CreateTagsCommand */ .RmG({ Resources, Tags: [{ Key: _types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.expiresAt, Value: expiresAt }] }));
        }
        catch (err) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)(action, region, err);
        }
    }
    return { region, expiresAt, instanceIds: [...instanceIds], securityGroupIds, launchTemplateIds };
}


/***/ }),

/***/ 90540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDeploy: () => (/* binding */ runDeploy)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: ./src/keys.ts + 1 modules
var keys = __webpack_require__(47243);
// EXTERNAL MODULE: ./src/inputs/plan.ts
var inputs_plan = __webpack_require__(37786);
// EXTERNAL MODULE: ./src/modes/prepare.ts + 3 modules
var prepare = __webpack_require__(4196);
// EXTERNAL MODULE: ./src/report/sink.ts
var report_sink = __webpack_require__(86443);
// EXTERNAL MODULE: ./src/ssh/deliver-many.ts + 6 modules
var deliver_many = __webpack_require__(64382);
// EXTERNAL MODULE: ./src/modes/state.ts
var modes_state = __webpack_require__(90373);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/modes/deploy/provision.ts + 9 modules
var provision = __webpack_require__(12397);
// EXTERNAL MODULE: ./src/aws/describe-instances.ts
var describe_instances = __webpack_require__(57033);
;// CONCATENATED MODULE: ./src/modes/deploy/refresh.ts


const GONE = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);
/**
 * A delivery that failed because EC2 took the instance away (spot reclaim) looks like a lost
 * connection from the runner. Reading the failed instances' state once more says which it was.
 */
async function refreshFailed(results, ec2, sink) {
    const failed = results.filter((r) => r.status === 'failed');
    for (const region of new Set(failed.map((r) => r.region))) {
        const here = failed.filter((r) => r.region === region);
        let found;
        try {
            ({ found } = await (0,describe_instances/* describeIds */.Sh)(ec2(region), region, here.map((r) => r.id)));
        }
        catch (e) {
            sink.warning(`Could not read the state of the failed instances in ${region}: ${(0,errors/* errorMessage */.gJ)(e)}`);
            continue;
        }
        for (const i of found) {
            const n = results.findIndex((r) => r.id === i.InstanceId);
            const r = results[n];
            const state = i.State?.Name;
            if (!r || !state)
                continue;
            const why = i.StateReason?.Message || i.StateReason?.Code;
            const gone = GONE.has(state) ? `\nEC2 now reports it ${state}${why ? `: ${why}` : ''}` : '';
            results[n] = { ...r, state, ...(gone ? { error: `${r.error ?? ''}${gone}` } : {}) };
        }
    }
}

// EXTERNAL MODULE: ./src/report/results.ts
var report_results = __webpack_require__(98940);
// EXTERNAL MODULE: ./src/modes/deploy/deliver-fleet.ts + 1 modules
var deliver_fleet = __webpack_require__(16735);
// EXTERNAL MODULE: ./src/aws/expiry.ts
var expiry = __webpack_require__(43910);
;// CONCATENATED MODULE: ./src/modes/deploy/extend-expiry.ts


/**
 * Steps that stop a delivery before the activation script writes ttl-minutes: the instance's
 * shutdown was not re-armed, so its tag must not promise more time than it has (an instance the
 * runner cannot reach is exactly the one the janitor must still collect).
 */
const BEFORE_TTL = new Set([
    'running',
    'connect',
    'prepare',
    'upload',
    'upload-verify',
    'env',
    'ttl-config',
    'internal',
]);
/**
 * The instances this deploy re-armed: ready, or failed after ttl-minutes was written; not the
 * skipped ones (untouched), nor the failed ones this run launched and is terminating.
 */
function rearmed(results, cleanup) {
    return results.filter((r) => {
        if (r.status === 'ready')
            return true;
        if (r.status !== 'failed' || r.step === undefined || BEFORE_TTL.has(r.step))
            return false;
        return r.adopted || cleanup === 'never';
    });
}
/**
 * Moves the expiry of what this deploy re-armed, region by region. A refused call is a warning:
 * the release is out and each instance's own shutdown follows the new TTL; only the janitor's
 * view lags (it would collect the fleet at the old expiry), which the warning says.
 */
async function extendExpiry(results, o, deps) {
    const expiresAt = (0,expiry/* expiresAtAfter */.m)(o.now, o.ttlMinutes);
    const reached = rearmed(results, o.cleanup);
    const out = [];
    for (const region of new Set(reached.map((r) => r.region))) {
        const ids = reached.filter((r) => r.region === region).map((r) => r.id);
        try {
            const u = await (0,expiry/* refreshExpiry */.r)(deps.ec2(region), region, o.deploymentId, ids, expiresAt);
            out.push(u);
            const what = `${u.instanceIds.length} instance(s), ${u.securityGroupIds.length} security group(s), ${u.launchTemplateIds.length} launch template(s)`;
            deps.sink.info(expiresAt === undefined
                ? `${region}: removed expires-at (ttl-minutes 0) from ${what}`
                : `${region}: expires-at ${expiresAt} on ${what}`);
        }
        catch (e) {
            deps.sink.warning(`Could not move the expiry of ${ids.join(', ')} (${region}); the janitor may remove them at their previous expires-at: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/report/batches.ts
var report_batches = __webpack_require__(35026);
// EXTERNAL MODULE: ./src/modes/deploy/finish.ts + 1 modules
var finish = __webpack_require__(73427);
// EXTERNAL MODULE: ./src/report/deploy-summary.ts
var deploy_summary = __webpack_require__(53742);
// EXTERNAL MODULE: ./src/report/links.ts
var report_links = __webpack_require__(83303);
// EXTERNAL MODULE: ./src/report/artifact.ts
var report_artifact = __webpack_require__(80954);
// EXTERNAL MODULE: ./src/modes/publisher.ts
var publisher = __webpack_require__(22268);
// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
// EXTERNAL MODULE: ./src/modes/lock.ts
var lock = __webpack_require__(94189);
// EXTERNAL MODULE: ./src/aws/release-tags.ts
var release_tags = __webpack_require__(23780);
;// CONCATENATED MODULE: ./src/modes/deploy/record-release.ts


/**
 * Tags the ready adopted instances, region by region. A refused call is a warning: the release
 * is out; only a later reconcile would read the older release from those instances' tags.
 */
async function recordReadyRelease(results, tags, deps) {
    const ready = results.filter((r) => r.status === 'ready' && r.adopted);
    for (const region of new Set(ready.map((r) => r.region))) {
        const ids = ready.filter((r) => r.region === region).map((r) => r.id);
        try {
            await (0,release_tags/* recordRelease */.ty)(deps.ec2(region), region, ids, tags);
        }
        catch (e) {
            deps.sink.warning(`Could not record the release on ${ids.join(', ')} (${region}); mode reconcile would read their previous release: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
}

// EXTERNAL MODULE: ./src/inputs/runner-ip.ts
var runner_ip = __webpack_require__(49021);
// EXTERNAL MODULE: ./src/modes/runner-access.ts + 1 modules
var runner_access = __webpack_require__(10607);
;// CONCATENATED MODULE: ./src/modes/deploy/run.ts



























/** Prefixes every line with the time since the deploy started, so phases can be read off the log. */
function timed(sink, t0) {
    const at = () => `+${(0,time/* formatDuration */.a3)(Date.now() - t0, { compact: true })}`;
    return {
        ...sink,
        info: (m) => sink.info(`${at()} ${m}`),
        warning: (m) => sink.warning(`${at()} ${m}`),
    };
}
/**
 * mode: deploy. inputs → plan → keys, user-data, bundle (no AWS yet) → the deploy lock →
 * provision (adopt, launch, wait) → deliver → outputs and summary → lock released. Throws
 * DeployFailedError when fewer than `min-ready` instances end ready; the post step then cleans up
 * per `cleanup` (and releases the lock after that).
 */
async function runDeploy(inputs, ctx, deps) {
    const started = (deps.now ?? time/* realClock */.dQ)();
    const sink = timed(deps.sink, Date.now());
    const plan = (0,inputs_plan/* buildPlan */.Gg)(inputs, ctx, started);
    // The runner's address first: a failed lookup fails before anything is written or launched.
    const access = await (0,runner_access/* resolveRunnerAccess */.j6)(inputs, ctx, sink, deps.fetch);
    const client = inputs.sshPrivateKey ?? (0,keys/* generateEd25519 */.bY)('spot-deploy');
    const host = (0,keys/* generateEd25519 */.bY)('spot-deploy');
    const prepared = await (0,report_sink/* inGroup */.H)(sink, 'spot-deploy: user-data and bundle', () => (0,prepare/* prepare */.i)(plan, { client, host }, sink, deps.root));
    const lockDeps = { ...deps, ...deps.lock, sink };
    // The post step terminates what this run launched when it failed (or always): the lock stays
    // until then, so that no other run adopts instances about to be terminated.
    const holdForPost = (ok) => inputs.cleanup === 'always' || (inputs.cleanup === 'on-failure' && !ok);
    return (0,lock/* withDeployLock */.Jg)(lockDeps, plan, ctx, () => converge(inputs, ctx, { ...deps, sink }, { plan, prepared, client, host, started, access }), { holdForPost });
}
/** Everything a deploy does while holding the lock. */
async function converge(inputs, ctx, deps, p) {
    const { state, sink } = deps;
    const clock = deps.now ?? time/* realClock */.dQ;
    const { plan, prepared, client, host, started, access } = p;
    const worldOpen = inputs.securityGroupIds.length === 0
        ? (0,runner_ip/* worldOpenWarning */.t0)(inputs.sshCidrs, inputs.sshPort)
        : undefined;
    if (worldOpen !== undefined)
        sink.warning(worldOpen);
    // From here on instances may exist: tell the post step what it needs before the first launch.
    (0,modes_state/* savePlanStart */.fj)(state, plan, ctx);
    // The artifact uploads while instances launch; it exists even when the deploy fails.
    const artifactP = deps.publisher
        ? deps.publisher.artifact('deploy', plan, prepared)
        : Promise.resolve(publisher/* NO_ARTIFACT */.B);
    let fleet;
    let results;
    let batches;
    let stop;
    let artifact;
    // What mode reconcile needs to rebuild a lost instance with the same bytes.
    const release = (0,release_tags/* releaseTags */.dt)({
        sha256: prepared.bundle.sha256,
        runId: ctx.runId,
        artifactName: deps.publisher
            ? (0,report_links/* artifactNameFor */.FP)(inputs.artifactName, plan.deploymentId, 'deploy', ctx)
            : false,
        count: inputs.count,
    });
    try {
        fleet = await (0,report_sink/* inGroup */.H)(sink, 'spot-deploy: launch and wait', () => (0,provision/* provision */.m)(plan, {
            clientPublicKey: client.publicKey,
            hostPublicKey: host.publicKey,
            instanceTags: release,
        }, prepared.userData.body, { sink, state, ec2: deps.ec2, access, ...(deps.sleep ? { sleep: deps.sleep } : {}) }));
        const f = fleet;
        const delivered = await (0,report_sink/* inGroup */.H)(sink, 'spot-deploy: deliver the bundle', () => (0,deliver_fleet/* deliverFleet */.I)(inputs, f, prepared, { client, host }, {
            sink,
            now: clock,
            deliver: deps.deliver ?? deliver_many/* deliverToMany */.Sm,
        }));
        const r = (results = delivered.results);
        ({ batches, stop } = delivered.rollout);
        await (0,report_sink/* inGroup */.H)(sink, 'spot-deploy: report', async () => {
            // The failed instances' state first (it replaces their entries); then the rest at once:
            // prices replace entries too, the others only read ids, statuses and steps (a deploy of 100
            // waited on them one after the other: 0.19 s against 0.08 s for 1 on moto).
            await refreshFailed(r, deps.ec2, sink);
            const { ttlMinutes, cleanup } = inputs;
            const o = { deploymentId: plan.deploymentId, ttlMinutes, cleanup, now: clock() };
            // Each ends before the group does; an unexpected throw is rethrown once all have.
            const ends = await Promise.allSettled([
                (0,finish/* priceResults */.o)(r, deps.ec2, sink, started),
                (0,finish/* retireFailed */.P)(r, inputs, { ...deps, sink }),
                extendExpiry(r, o, { ec2: deps.ec2, sink }),
                recordReadyRelease(r, release, { ec2: deps.ec2, sink }),
            ]);
            for (const e of ends)
                if (e.status === 'rejected')
                    throw e.reason;
        });
    }
    finally {
        artifact = await artifactP;
        (0,report_artifact/* reportArtifact */.x)(sink, artifact);
    }
    const artifactId = artifact.status === 'uploaded' ? String(artifact.id) : '';
    const v = (0,report_results/* verdict */.WJ)(results, inputs.minReady, fleet.shortfall);
    const links = { ports: inputs.ports, sshAddress: inputs.sshAddress };
    (0,outputs/* setDeployOutputs */.OL)(deps.sink, plan.deploymentId, prepared, results, artifactId, links);
    const summary = (0,deploy_summary/* renderDeploySummary */.AY)(plan, prepared, results, { ...fleet, batches, stop }, v.line, {
        ...(0,report_links/* runLinks */.$E)(ctx, artifactId),
    });
    await deps.sink.summary(worldOpen === undefined ? summary : `${summary}\n> [!WARNING]\n> ${worldOpen}\n`);
    if (deps.publisher) {
        const body = (0,pr_comment/* renderPrComment */.Q1)({
            deploymentId: plan.deploymentId,
            instances: results,
            bundleSha256: prepared.bundle.sha256,
            shortfall: fleet.shortfall,
            minReady: inputs.minReady,
            links,
            runUrl: (0,report_links/* runLinks */.$E)(ctx, '').run,
            artifact: artifact.status === 'uploaded'
                ? { name: artifact.name, url: (0,report_links/* runLinks */.$E)(ctx, artifactId).artifact }
                : undefined,
        });
        await deps.publisher.comment(plan.deploymentId, body);
    }
    // A stopped rollout fails the step whatever min-ready says: the release was refused.
    const why = [...(stop ? [(0,report_batches/* stopMessage */.k)(stop)] : []), ...(v.ok ? [] : [v.line])];
    if (why.length > 0)
        throw new errors/* DeployFailedError */.P2(`spot-deploy: ${why.join('\n')}`);
    (0,modes_state/* markSucceeded */.$Z)(state);
    sink.info(`spot-deploy: ${v.line}`);
    return { plan, prepared, instances: results, shortfall: fleet.shortfall };
}


/***/ }),

/***/ 22268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ NO_ARTIFACT)
/* harmony export */ });
const NO_ARTIFACT = {
    status: 'skipped',
    message: 'artifact: skipped outside GitHub Actions',
};


/***/ }),

/***/ 80954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ reportArtifact)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54285);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65468);


/** Logs an outcome and sets `artifact-id`; a failure is a warning, never a failed step. */
function reportArtifact(sink, outcome) {
    if (outcome.status === 'uploaded') {
        (0,_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .setOutputs */ .n0)(sink, { 'artifact-id': String(outcome.id) });
        const where = outcome.url === undefined ? '' : ` → ${outcome.url}`;
        sink.info(`artifact '${outcome.name}': id ${outcome.id}, ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(outcome.size)} (${outcome.files.join(', ')})${where}`);
    }
    else if (outcome.status === 'skipped') {
        sink.info(outcome.message);
    }
    else {
        sink.warning(outcome.message);
    }
}


/***/ }),

/***/ 35026:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ batchTable),
/* harmony export */   k: () => (/* binding */ stopMessage)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/**
 * A rolling redeploy as people read it: the record of each batch (modes/deploy/rollout.ts makes
 * them), the summary's batch table and the step's failure message when the rollout stopped.
 */

/** The step's failure message for a stopped rollout, naming the batch and the instances. */
function stopMessage(s) {
    const kept = s.skippedIds.length > 0
        ? `; ${s.skippedIds.length} instance(s) of later batches were not touched and keep their release: ${s.skippedIds.join(', ')}`
        : '';
    return `rolling redeploy stopped at batch ${s.batch} of ${s.of}: ${s.failedIds.length} instance(s) failed, more than max-failed ${s.maxFailed}: ${s.failedIds.join(', ')}${kept}`;
}
/** `12:04:31Z` of an ISO 8601 time (a deploy's batches share a day); '–' when absent. */
function clock(iso) {
    if (iso === undefined || iso === '')
        return '–';
    const hms = /T(\d\d:\d\d:\d\d)/.exec(iso)?.[1];
    return hms === undefined ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(iso) : `${hms}Z`;
}
const MAX_IDS_PER_ROW = 20;
function outcome(b, stop) {
    if (b.outcome === 'skipped')
        return '⏭️ skipped: not touched';
    const ready = b.ids.length - b.failed;
    const text = b.outcome === 'ready' ? `✅ ${ready} ready` : `❌ ${b.failed} failed, ${ready} ready`;
    return stop?.batch === b.number ? `${text}; rollout stopped` : text;
}
/**
 * The batch table of a rolling redeploy; empty when there was one batch (everything at once, the
 * table would only repeat the instance table).
 */
function batchTable(batches, stop) {
    if (batches.length <= 1)
        return [];
    const rows = batches.map((b) => {
        const shown = b.ids.slice(0, MAX_IDS_PER_ROW).map((id) => `\`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(id)}\``);
        const more = b.ids.length > MAX_IDS_PER_ROW ? ` and ${b.ids.length - MAX_IDS_PER_ROW} more` : '';
        const ids = `${shown.join(', ')}${more}${b.fresh ? ' (new)' : ''}`;
        return `| ${b.number} | ${ids} | ${clock(b.startedAt)} | ${clock(b.finishedAt)} | ${outcome(b, stop)} |`;
    });
    return [
        `**Rolling redeploy**: ${batches.length} batches${stop ? `, stopped after batch ${stop.batch} (max-failed ${stop.maxFailed})` : ''}.`,
        '',
        '| batch | instances | started | finished | outcome |',
        '|---|---|---|---|---|',
        ...rows,
        '',
    ];
}


/***/ }),

/***/ 53742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AY: () => (/* binding */ renderDeploySummary),
/* harmony export */   pD: () => (/* binding */ failureBlocks),
/* harmony export */   pm: () => (/* binding */ SUMMARY_BUDGET)
/* harmony export */ });
/* unused harmony export hourlyCost */
/* harmony import */ var _cloud_init_render_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48388);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29834);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54285);
/* harmony import */ var _batches_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(35026);
/* harmony import */ var _service_urls_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(61172);





/** GitHub shows at most 1 MiB of summary per step; failures' details share what the table leaves. */
const SUMMARY_BUDGET = 900 * 1024;
const secs = (ms) => (ms === undefined ? '–' : (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(ms));
/** Hourly cost at the prices paid: known spot prices summed, the rest counted as unknown. */
function hourlyCost(results) {
    let usd = 0;
    let unknown = 0;
    for (const r of results) {
        const p = r.spotPrice === undefined ? NaN : Number(r.spotPrice);
        if (Number.isFinite(p))
            usd += p;
        else
            unknown++;
    }
    return { usd, unknown };
}
/** ", rolled back to `<sha12>`" for an instance whose agent put the previous release back. */
function rolledBack(r) {
    return r.rolledBackTo === undefined
        ? ''
        : `, rolled back to \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.rolledBackTo.slice(0, 12))}\``;
}
function row(r, links) {
    const status = r.status === 'ready'
        ? `✅ ready${r.note === undefined ? '' : ` (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.note)})`}`
        : r.status === 'skipped'
            ? `⏭️ skipped (batch ${r.batch?.number ?? '?'})`
            : `❌ failed: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.step ?? '?')}${rolledBack(r)}`;
    return `| ${status} | \`${r.id}\`${r.adopted ? ' (adopted)' : ''} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.region)} / ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.availabilityZone ?? '–')} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.instanceType)} | ${r.lifecycle} | ${r.spotPrice ? `$${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.spotPrice)}` : '–'} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(r.publicIp ?? r.privateIp ?? '–')} | ${secs(r.timings.runningMs)} | ${secs(r.timings.sshReadyMs)} | ${secs(r.timings.uploadedMs)} | ${secs(r.timings.activeMs)} |${links.ports.length > 0 ? ` ${(0,_service_urls_js__WEBPACK_IMPORTED_MODULE_3__/* .linksCell */ .Sb)(r, links)} |` : ''}`;
}
/** A collapsible block per failed instance with its error and diagnostics, within `budget` bytes. */
function failureBlocks(results, budget) {
    const failed = results.filter((r) => r.status === 'failed');
    const each = Math.max(200, Math.floor(budget / Math.max(1, failed.length)) - 200);
    return failed.map((r) => {
        let text = [r.error ?? '', r.diagnostics ?? ''].filter(Boolean).join('\n\n');
        if (text.length > each)
            text = `${text.slice(0, each)}\n[truncated]`;
        return [
            `<details><summary>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .html */ .qy)(r.id)} (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .html */ .qy)(r.region)}): failed at ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .html */ .qy)(r.step ?? '?')}${r.rolledBackTo === undefined ? '' : `, rolled back to ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .html */ .qy)(r.rolledBackTo.slice(0, 12))}`}</summary>`,
            '',
            `<pre>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .html */ .qy)(text)}</pre>`,
            '',
            '</details>',
        ].join('\n');
    });
}
/** The step summary of a deploy: one row per instance, totals, sizes, and each failure's detail. */
function renderDeploySummary(plan, p, results, fleet, verdictLine, links = {}) {
    const ready = results.filter((r) => r.status === 'ready').length;
    const failed = results.filter((r) => r.status === 'failed').length;
    const skipped = results.length - ready - failed;
    const ok = ready >= plan.inputs.minReady && fleet.stop === undefined;
    const asked = results.length + fleet.shortfall;
    // What the fleet costs from now on: the ready instances (failed ones this run launched are terminated).
    const cost = hourlyCost(results.filter((r) => r.status === 'ready'));
    const spot = results.filter((r) => r.lifecycle === 'spot').length;
    // A links column only when `ports` opened something: the table stays as it was without.
    const services = { ports: plan.inputs.ports, sshAddress: plan.inputs.sshAddress };
    const linked = services.ports.length > 0;
    const launch = fleet.launchErrors.map((e) => `| ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(e.region)} | ${e.lifecycle} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(e.instanceType ?? '–')} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(e.availabilityZone ?? e.subnetId ?? '–')} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(e.code)} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .cell */ .Hn)(e.message)} |`);
    const head = [
        `## ${ok ? '✅' : '❌'} spot-deploy \`${plan.deploymentId}\`: ${ready} of ${asked} ready`,
        '',
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .html */ .qy)((verdictLine.split('\n')[0] ?? '').replace(/:$/, '.')),
        '',
        ...(fleet.stop ? [`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .html */ .qy)((0,_batches_js__WEBPACK_IMPORTED_MODULE_4__/* .stopMessage */ .k)(fleet.stop))}.`, ''] : []),
        ...(0,_batches_js__WEBPACK_IMPORTED_MODULE_4__/* .batchTable */ .F)(fleet.batches ?? [], fleet.stop),
        `| status | instance | region / AZ | type | lifecycle | $/h | address | running | ssh ready | uploaded | active |${linked ? ' links |' : ''}`,
        `|---|---|---|---|---|---|---|---|---|---|---|${linked ? '---|' : ''}`,
        ...results.map((r) => row(r, services)),
        '',
        '| totals | |',
        '|---|---|',
        `| instances | ${ready} ready, ${failed} failed${skipped ? `, ${skipped} skipped (not touched, on their previous release)` : ''}${fleet.shortfall ? `, ${fleet.shortfall} not launched` : ''}; ${spot} spot, ${results.length - spot} on-demand; ${results.filter((r) => r.adopted).length} adopted |`,
        `| fleet cost | $${cost.usd.toFixed(4)}/h for the ${ready} ready instance(s) at the spot prices paid${cost.unknown ? ` (${cost.unknown} of them at an unknown price: on-demand, or no price from EC2)` : ''} |`,
        `| user-data | ${p.userData.bytes} of ${_cloud_init_render_js__WEBPACK_IMPORTED_MODULE_0__/* .USER_DATA_LIMIT */ .z4} bytes (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .percent */ .KN)(p.userData.bytes, _cloud_init_render_js__WEBPACK_IMPORTED_MODULE_0__/* .USER_DATA_LIMIT */ .z4)})${p.userData.gzipped ? ', gzip' : ''} |`,
        `| bundle | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(p.bundle.bytes)}, ${p.bundle.fileCount} files, sha256 \`${p.bundle.sha256}\` |`,
        `| artifact | ${links.artifact ? `[bundle and user-data](${links.artifact})` : '–'} |`,
        `| cleanup | ${plan.inputs.cleanup}${plan.expiresAt ? `; instances expire at ${plan.expiresAt}` : ''} |`,
        '',
        ...(launch.length > 0
            ? [
                '<details><summary>launch errors</summary>',
                '',
                '| region | lifecycle | type | zone / subnet | code | message |',
                '|---|---|---|---|---|---|',
                ...launch,
                '',
                '</details>',
                '',
            ]
            : []),
    ].join('\n');
    const left = SUMMARY_BUDGET - Buffer.byteLength(head);
    return [head, ...failureBlocks(results, left), ''].join('\n');
}


/***/ })

};
;