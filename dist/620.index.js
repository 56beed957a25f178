"use strict";
exports.id = 620;
exports.ids = [620];
exports.modules = {

/***/ 31495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U6: () => (/* binding */ destroyDeployment),
/* harmony export */   _O: () => (/* binding */ emptyReport),
/* harmony export */   as: () => (/* binding */ deleteInto),
/* harmony export */   xW: () => (/* binding */ terminateForCleanup)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _destroy_resources_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52807);
/* harmony import */ var _instances_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46829);
/* harmony import */ var _lock_sweep_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(97311);




function emptyReport(region) {
    return {
        region,
        instancesTerminated: [],
        securityGroupsDeleted: [],
        launchTemplatesDeleted: [],
        errors: [],
    };
}
/**
 * Terminates `ids` and waits; returns false (with the reason in `report.errors`) when some were
 * not confirmed terminated, since their ENIs then still hold the security groups.
 */
async function terminateForCleanup(client, region, ids, opts, report) {
    if (ids.length === 0)
        return { allGone: true, stillThere: new Set() };
    const timeoutMs = opts.terminateTimeoutMs ?? 300_000;
    const t = await (0,_instances_js__WEBPACK_IMPORTED_MODULE_2__/* .terminateInstances */ .ch)(client, region, ids, { ...opts, wait: true, timeoutMs });
    report.instancesTerminated.push(...t.terminated);
    if (t.notConfirmed.length === 0)
        return { allGone: true, stillThere: new Set() };
    const list = t.notConfirmed.map((x) => `${x.id} (${x.state})`).join(', ');
    report.errors.push(`${region}: not terminated after ${Math.round(timeoutMs / 1000)} s: ${list}; their security groups are left for the next run`);
    return { allGone: false, stillThere: new Set(t.notConfirmed.map((x) => x.id)) };
}
async function destroyRegion({ region, client }, deploymentId, opts) {
    const report = emptyReport(region);
    // Unknown until the instances are confirmed gone: deleting their security group before that
    // only burns the retry budget on DependencyViolation.
    let instancesGone = false;
    try {
        const found = await (0,_instances_js__WEBPACK_IMPORTED_MODULE_2__/* .findInstances */ .wG)(client, region, { deploymentId });
        const ids = found.map((i) => i.id);
        instancesGone = (await terminateForCleanup(client, region, ids, opts, report)).allGone;
    }
    catch (err) {
        report.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
    }
    try {
        const { locks, others } = (0,_lock_sweep_js__WEBPACK_IMPORTED_MODULE_3__/* .splitLocks */ .J)(await (0,_destroy_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .findManagedResources */ .y8)(client, region, deploymentId));
        const deletable = instancesGone ? others : others.filter((r) => r.kind === 'launch-template');
        await deleteInto(report, client, region, deletable, opts);
        // Locks left in other regions (a deploy whose regions were in another order): the stale ones.
        const sweep = await (0,_lock_sweep_js__WEBPACK_IMPORTED_MODULE_3__/* .sweepLocks */ .t)(client, region, locks.filter((l) => l.id !== opts.ownLockId), (opts.now ?? Date.now)());
        report.launchTemplatesDeleted.push(...sweep.removed);
        report.errors.push(...sweep.errors);
        for (const w of sweep.warnings)
            opts.log?.(w);
    }
    catch (err) {
        report.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
    }
    return report;
}
/** Deletes managed resources and adds what happened to the region's report. */
async function deleteInto(report, client, region, resources, opts) {
    const del = await (0,_destroy_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .deleteManagedResources */ .ot)(client, region, resources, {
        ...opts,
        timeoutMs: opts.securityGroupTimeoutMs ?? 300_000,
    });
    report.securityGroupsDeleted.push(...del.securityGroupsDeleted);
    report.launchTemplatesDeleted.push(...del.launchTemplatesDeleted);
    report.errors.push(...del.errors);
}
/**
 * Removes one deployment in every given region (in parallel): its instances (terminated and
 * waited for), then the security groups and launch templates tagged with both its id and
 * managed=true. Idempotent: a second run finds nothing and reports nothing. Never throws for an
 * AWS failure: each region's report lists its errors.
 */
async function destroyDeployment(regions, deploymentId, opts = {}) {
    // An empty tag value would match every resource tagged with an empty deployment id.
    if (deploymentId.trim() === '')
        throw new Error('destroy needs a non-empty deployment id');
    return Promise.all(regions.map((r) => destroyRegion(r, deploymentId, opts)));
}


/***/ }),

/***/ 56324:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ parseExpiresAt),
/* harmony export */   k: () => (/* binding */ janitor)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _destroy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31495);
/* harmony import */ var _destroy_resources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(52807);
/* harmony import */ var _instances_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46829);
/* harmony import */ var _runner_access_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(33766);
/* harmony import */ var _lock_sweep_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(97311);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(23228);
/*
 * The janitor (`deployment-id: expired`): every spot-deploy deployment past its expires-at, and
 * every deploy lock past its lease.
 */







const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;
/**
 * Milliseconds since the epoch of an ISO 8601 date-time with an explicit zone, or undefined for
 * anything else: a date the janitor cannot read must never count as expired.
 */
function parseExpiresAt(value) {
    const m = ISO_8601.exec(value.trim());
    if (m === null)
        return undefined;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // Date.parse rolls 2026-02-30 over to March; refuse it instead.
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth)
        return undefined;
    const ms = Date.parse(value.trim());
    return Number.isNaN(ms) ? undefined : ms;
}
function expiry(tags, nowMs) {
    const raw = tags?.[_types_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG */ .D.expiresAt];
    if (raw === undefined)
        return { kind: 'none' };
    const at = parseExpiresAt(raw);
    if (at === undefined)
        return { kind: 'unreadable', raw };
    return { kind: at <= nowMs ? 'expired' : 'live', raw };
}
function unreadable(what, raw) {
    return `${what}: ${_types_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG */ .D.expiresAt} '${raw ?? ''}' is not an ISO 8601 date-time with a zone; left alone`;
}
async function scanRegion({ region, client }, nowMs) {
    const locks = { removed: [], live: new Set(), warnings: [], errors: [] };
    let instances;
    try {
        instances = await (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .findInstances */ .wG)(client, region, { managedOnly: true });
    }
    catch (err) {
        // Without the instance list no deployment can be known to be empty: touch nothing.
        return { locks: { ...locks, errors: [(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)] } };
    }
    try {
        // A lock whose lease ended guards nothing, whatever its deployment: removed.
        const { locks: found } = (0,_lock_sweep_js__WEBPACK_IMPORTED_MODULE_5__/* .splitLocks */ .J)(await (0,_destroy_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .findManagedResources */ .y8)(client, region, undefined, { securityGroups: false }));
        return { instances, locks: await (0,_lock_sweep_js__WEBPACK_IMPORTED_MODULE_5__/* .sweepLocks */ .t)(client, region, found, nowMs) };
    }
    catch (err) {
        return { instances, locks: { ...locks, errors: [(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)] } };
    }
}
async function janitorRegion({ region, client }, nowMs, scan, locked, opts) {
    const report = {
        runnerRulesRemoved: [],
        ...(0,_destroy_js__WEBPACK_IMPORTED_MODULE_1__/* .emptyReport */ ._O)(region),
        launchTemplatesDeleted: [...scan.locks.removed],
        errors: [...scan.locks.errors],
        warnings: [],
    };
    const warn = (msg) => {
        report.warnings.push(msg);
        opts.log?.(msg);
    };
    for (const w of scan.locks.warnings)
        warn(w);
    const instances = scan.instances;
    if (instances === undefined)
        return report;
    try {
        // Every managed group, live deployments too: a rule this old outlived the run that added it.
        const removed = await (0,_runner_access_js__WEBPACK_IMPORTED_MODULE_4__/* .pruneStaleRunnerRules */ .hq)(client, region, nowMs);
        report.runnerRulesRemoved.push(...removed);
        for (const line of removed)
            opts.log?.(line);
    }
    catch (err) {
        report.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
    }
    const expired = [];
    for (const i of instances) {
        // A run holds this deployment's lock: it is adopting or re-arming these instances right now.
        if (locked.has(i.tags?.[_types_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG */ .D.deployment] ?? ''))
            continue;
        const e = expiry(i.tags, nowMs);
        if (e.kind === 'expired')
            expired.push(i);
        else if (e.kind === 'unreadable')
            warn(unreadable(`${region} ${i.id}`, e.raw));
        else if (e.kind === 'none')
            warn(`${region} ${i.id}: no ${_types_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG */ .D.expiresAt} tag; left alone`);
    }
    let stillThere = new Set(instances.map((i) => i.id));
    try {
        const t = await (0,_destroy_js__WEBPACK_IMPORTED_MODULE_1__/* .terminateForCleanup */ .xW)(client, region, expired.map((i) => i.id), opts, report);
        const gone = new Set(expired.map((i) => i.id).filter((id) => !t.stillThere.has(id)));
        stillThere = new Set([...stillThere].filter((id) => !gone.has(id)));
    }
    catch (err) {
        report.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
    }
    const occupied = new Set([
        ...locked,
        ...instances.filter((i) => stillThere.has(i.id)).map((i) => i.tags?.[_types_js__WEBPACK_IMPORTED_MODULE_6__/* .TAG */ .D.deployment] ?? ''),
    ]);
    try {
        // Locks were swept before (lockPass): never deleted here by the deployment's expires-at.
        const { others } = (0,_lock_sweep_js__WEBPACK_IMPORTED_MODULE_5__/* .splitLocks */ .J)(await (0,_destroy_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .findManagedResources */ .y8)(client, region));
        const deletable = [];
        for (const r of others) {
            if (occupied.has(r.deploymentId))
                continue;
            const e = expiry(r.tags, nowMs);
            if (e.kind === 'expired')
                deletable.push(r);
            else if (e.kind === 'unreadable')
                warn(unreadable(`${region} ${r.id}`, e.raw));
        }
        await (0,_destroy_js__WEBPACK_IMPORTED_MODULE_1__/* .deleteInto */ .as)(report, client, region, deletable, opts);
    }
    catch (err) {
        report.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
    }
    return report;
}
/**
 * Removes what spot-deploy left behind past its time, in every given region (in parallel):
 * instances whose `spot-deploy:expires-at` is at or before `now`, then managed security groups
 * and launch templates whose own expires-at is past and whose deployment has no instance left.
 * Anything without the deployment tag, unexpired, or with an unreadable date is never touched.
 * Deploy locks whose lease ended are removed first; a deployment whose lock is live (a run is
 * working on it) is left alone entirely.
 */
async function janitor(regions, now, opts = {}) {
    const nowMs = now.getTime();
    if (Number.isNaN(nowMs))
        throw new Error('janitor needs a valid current time');
    // Locks first, in every region: a deployment locked in its first region is left alone in all.
    const scans = await Promise.all(regions.map((r) => scanRegion(r, nowMs)));
    const locked = new Set(scans.flatMap((s) => [...s.locks.live]));
    return Promise.all(regions.map((r, n) => janitorRegion(r, nowMs, scans[n] ?? scans[0], locked, opts)));
}


/***/ }),

/***/ 97311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ splitLocks),
/* harmony export */   t: () => (/* binding */ sweepLocks)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77498);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23228);



/** The deploy locks among managed resources, and everything else. */
function splitLocks(resources) {
    return {
        locks: resources.filter((r) => (0,_lock_js__WEBPACK_IMPORTED_MODULE_1__/* .isLockTemplate */ .uK)(r)),
        others: resources.filter((r) => !(0,_lock_js__WEBPACK_IMPORTED_MODULE_1__/* .isLockTemplate */ .uK)(r)),
    };
}
/**
 * Reads each lock's live tags again (the listing may be older than the holder's last renewal)
 * and removes the stale ones, by id. A lock whose lease cannot be read is left alone, as the
 * janitor leaves any date it cannot read.
 */
async function sweepLocks(client, region, locks, nowMs) {
    const out = { removed: [], live: new Set(), warnings: [], errors: [] };
    for (const r of locks) {
        try {
            const info = await (0,_lock_js__WEBPACK_IMPORTED_MODULE_1__/* .readLockById */ .gc)(client, region, r.id);
            if (info === undefined)
                continue;
            if (info.expiresAt === undefined) {
                out.warnings.push(`${region} ${r.id}: deploy lock without a readable ${_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.lockExpiresAt}; left alone`);
                out.live.add(r.deploymentId);
            }
            else if (await (0,_lock_js__WEBPACK_IMPORTED_MODULE_1__/* .removeIfStale */ .XW)(client, region, info, nowMs)) {
                out.removed.push(r.id);
            }
            else if (nowMs <= info.staleAfterMs) {
                out.live.add(r.deploymentId);
                out.warnings.push(`${region}: deployment ${r.deploymentId} is locked by ${info.holder} since ${info.since}; left alone`);
            }
        }
        catch (err) {
            out.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
        }
    }
    return out;
}


/***/ }),

/***/ 37786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gg: () => (/* binding */ buildPlan)
/* harmony export */ });
/* unused harmony exports splitCount, deriveDeploymentId */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Splits `count` over the regions in order: an even share each, the remainder going to the
 * first regions. Regions left with 0 are still tried, as fallbacks, when capacity runs short.
 */
function splitCount(count, regions) {
    const base = Math.floor(count / regions.length);
    const extra = count % regions.length;
    return regions.map((region, i) => ({ region, count: base + (i < extra ? 1 : 0) }));
}
/** A deployment id from the run: `pr-<n>` for pull requests, else `<repo>-<ref>`. */
function deriveDeploymentId(ctx) {
    if (ctx.prNumber !== undefined)
        return `pr-${ctx.prNumber}`;
    const repo = ctx.repository?.split('/')[1] ?? '';
    const id = [repo, ctx.refName ?? '']
        .join('-')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 48)
        .replace(/^-+|-+$/g, '');
    return id === '' ? 'spot-deploy' : id;
}
function buildPlan(inputs, ctx, now) {
    const deploymentId = inputs.deploymentId ?? deriveDeploymentId(ctx);
    const expiresAt = inputs.ttlMinutes > 0
        ? new Date(now.getTime() + inputs.ttlMinutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')
        : undefined;
    const tags = {
        ...inputs.tags,
        'spot-deploy:deployment': deploymentId,
        ...(ctx.repository ? { 'spot-deploy:repository': ctx.repository } : {}),
        ...(ctx.runId ? { 'spot-deploy:run-id': ctx.runId } : {}),
        ...(ctx.runAttempt ? { 'spot-deploy:run-attempt': ctx.runAttempt } : {}),
        ...(ctx.prNumber !== undefined ? { 'spot-deploy:pr': String(ctx.prNumber) } : {}),
        ...(expiresAt ? { 'spot-deploy:expires-at': expiresAt } : {}),
        Name: `spot-deploy-${deploymentId}`,
    };
    return {
        inputs,
        deploymentId,
        regions: splitCount(inputs.count, inputs.regions),
        tags,
        expiresAt,
        names: {
            securityGroup: `spot-deploy-${deploymentId}`,
            launchTemplate: `spot-deploy-${deploymentId}`,
        },
        workDirPrefix: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(ctx.tempDir, `spot-deploy-${deploymentId}-`),
        tempDir: ctx.tempDir,
    };
}


/***/ }),

/***/ 55239:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDestroy: () => (/* binding */ runDestroy)
});

// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/aws/destroy.ts
var destroy = __webpack_require__(31495);
// EXTERNAL MODULE: ./src/aws/janitor.ts
var janitor = __webpack_require__(56324);
// EXTERNAL MODULE: ./src/inputs/plan.ts
var inputs_plan = __webpack_require__(37786);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/destroy-summary.ts

/** The step summary of `mode: destroy`: one row per region. */
function renderDestroySummary(deploymentId, reports, terminated) {
    const rows = reports.map((r) => `| ${(0,markdown/* cell */.Hn)(r.region)} | ${(0,markdown/* cell */.Hn)(r.instancesTerminated.join(', ') || '–')} | ${(0,markdown/* cell */.Hn)(r.securityGroupsDeleted.join(', ') || '–')} | ${(0,markdown/* cell */.Hn)(r.launchTemplatesDeleted.join(', ') || '–')} | ${(0,markdown/* cell */.Hn)(r.errors.join('; ') || '–')} |`);
    return [
        `## spot-deploy destroy: \`${deploymentId}\``,
        '',
        `${terminated} instance(s) terminated.`,
        '',
        '| region | instances | security groups | launch templates | errors |',
        '|---|---|---|---|---|',
        ...rows,
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(83303);
// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/modes/lock.ts
var lock = __webpack_require__(94189);
;// CONCATENATED MODULE: ./src/modes/destroy.ts










/**
 * mode: destroy. Removes everything tagged with the deployment id in every region given
 * (instances first, then the security group and launch template spot-deploy created), or with
 * `deployment-id: expired`, every spot-deploy deployment whose `expires-at` has passed.
 * Running it again finds nothing and succeeds. A deployment's destroy holds its deploy lock (it
 * waits for a deploy in progress) and deletes it last; the janitor takes no lock and leaves
 * locked deployments alone.
 */
async function runDestroy(inputs, ctx, deps) {
    const now = (deps.now ?? time/* realClock */.dQ)();
    const plan = (0,inputs_plan/* buildPlan */.Gg)(inputs, ctx, now);
    const regions = inputs.regions.map((region) => ({ region, client: deps.ec2(region) }));
    const opts = {
        log: (m) => deps.sink.info(m),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
    };
    const janitorRun = plan.deploymentId === 'expired';
    deps.sink.info(janitorRun
        ? `spot-deploy destroy: every expired deployment in ${inputs.regions.join(', ')}`
        : `spot-deploy destroy: deployment ${plan.deploymentId} in ${inputs.regions.join(', ')}`);
    const reports = janitorRun
        ? await (0,janitor/* janitor */.k)(regions, now, opts)
        : await (0,lock/* withDeployLock */.Jg)({ ...deps, ...deps.lock }, plan, ctx, (lock) => (0,destroy/* destroyDeployment */.U6)(regions, plan.deploymentId, { ...opts, ownLockId: lock.id }));
    const removed = reports.flatMap((r) => r.instancesTerminated.map((id) => ({ id, region: r.region, state: 'terminated' })));
    (0,outputs/* setOutputs */.n0)(deps.sink, {
        ...outputs/* NO_FLEET */.Nk,
        'deployment-id': plan.deploymentId,
        instances: JSON.stringify(removed),
    });
    await deps.sink.summary(renderDestroySummary(plan.deploymentId, reports, removed.length));
    const errors = reports.flatMap((r) => r.errors.map((e) => `${r.region}: ${e}`));
    if (deps.publisher && !janitorRun) {
        const body = (0,pr_comment/* renderDestroyComment */.Uo)({
            deploymentId: plan.deploymentId,
            terminated: removed,
            errors,
            runUrl: (0,links/* runLinks */.$E)(ctx, '').run,
        });
        await deps.publisher.comment(plan.deploymentId, body);
    }
    if (errors.length > 0)
        throw new src_errors/* CleanupError */.pJ('spot-deploy destroy: some resources remain', errors);
    deps.sink.info(`spot-deploy destroy: ${removed.length} instance(s) terminated.`);
    return reports;
}


/***/ }),

/***/ 65468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bz: () => (/* binding */ setRollbackOutputs),
/* harmony export */   Nk: () => (/* binding */ NO_FLEET),
/* harmony export */   OL: () => (/* binding */ setDeployOutputs),
/* harmony export */   mD: () => (/* binding */ renderedOutputs),
/* harmony export */   n0: () => (/* binding */ setOutputs),
/* harmony export */   nQ: () => (/* binding */ fleetOutputs)
/* harmony export */ });
/* unused harmony exports INSTANCES_OUTPUT_BUDGET, instancesJson */
/* harmony import */ var _service_urls_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61172);
/* harmony import */ var _sink_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86443);


/** The one way outputs are set: named, typed, in a fixed order. */
function setOutputs(sink, outputs) {
    for (const name of _sink_js__WEBPACK_IMPORTED_MODULE_0__/* .OUTPUT_NAMES */ .P) {
        const value = outputs[name];
        if (value !== undefined)
            sink.setOutput(name, value);
    }
}
/** The outputs of a run that launched nothing (plan, destroy): an empty fleet. */
const NO_FLEET = {
    instances: '[]',
    'ready-count': '0',
    'failed-count': '0',
    'public-ips': '',
    urls: '',
};
/** The outputs that describe what was rendered (plan and deploy alike). */
function renderedOutputs(deploymentId, p) {
    return {
        'deployment-id': deploymentId,
        'bundle-sha256': p.bundle.sha256,
        'cloud-init-bytes': String(p.userData.bytes),
        'user-data-path': p.userDataPath,
        'bundle-file': p.bundle.file,
    };
}
/**
 * GitHub allows 1 MB of outputs per job; `instances` gets a quarter of that so the other outputs
 * and other steps keep room. Diagnostics are the only unbounded part: they are shortened evenly
 * (the step summary keeps the longer text) and each shortened one says so.
 */
const INSTANCES_OUTPUT_BUDGET = 256 * 1024;
const MARK = '\n[truncated: see the step summary]';
function instancesJson(results, budget = INSTANCES_OUTPUT_BUDGET) {
    const full = JSON.stringify(results);
    if (Buffer.byteLength(full) <= budget)
        return { json: full, truncated: 0 };
    const bare = JSON.stringify(results.map(({ diagnostics: _d, ...r }) => r));
    const withDiag = results.filter((r) => r.diagnostics).length;
    // JSON escaping can double a character's size: share what is left at half the byte rate.
    const each = Math.max(0, Math.floor((budget - Buffer.byteLength(bare) - withDiag * 64) / Math.max(1, withDiag) / 2) -
        MARK.length);
    let truncated = 0;
    const cut = results.map((r) => {
        if (!r.diagnostics || r.diagnostics.length <= each)
            return r;
        truncated++;
        return { ...r, diagnostics: r.diagnostics.slice(0, each) + MARK, diagnosticsTruncated: true };
    });
    let json = JSON.stringify(cut);
    if (Buffer.byteLength(json) > budget) {
        // Errors alone are over budget (hundreds of instances): keep the first line of each.
        json = JSON.stringify(cut.map(({ diagnostics: _d, ...r }) => ({
            ...r,
            ...(r.error ? { error: (r.error.split('\n')[0] ?? '').slice(0, 300) } : {}),
            diagnosticsTruncated: true,
        })));
        truncated = results.length;
    }
    return { json, truncated };
}
/**
 * The outputs that describe the fleet (deploy and rollback); warns when `instances` was shortened.
 * `urls` only with `links`: mode reconcile does not know which ports each deployment opened.
 */
function fleetOutputs(sink, results, links) {
    const ready = results.filter((r) => r.status === 'ready');
    const { json, truncated } = instancesJson(results);
    if (truncated > 0)
        sink.warning(`The instances output shortened the diagnostics of ${truncated} instance(s) to stay under GitHub's output limit; the step summary has more.`);
    return {
        instances: json,
        'ready-count': String(ready.length),
        // Skipped instances (a stopped rolling redeploy) are neither: they keep their release.
        'failed-count': String(results.filter((r) => r.status === 'failed').length),
        'public-ips': ready
            .map((r) => r.publicIp ?? '')
            .filter(Boolean)
            .join(','),
        ...(links ? { urls: (0,_service_urls_js__WEBPACK_IMPORTED_MODULE_1__/* .fleetUrls */ .Hd)(results, links).join(',') } : {}),
    };
}
/** A deploy's outputs; warns when the instances list had to be shortened. */
function setDeployOutputs(sink, deploymentId, p, results, artifactId, links) {
    setOutputs(sink, {
        ...renderedOutputs(deploymentId, p),
        ...fleetOutputs(sink, results, links),
        'artifact-id': artifactId,
    });
}
/** A rollback's outputs: the fleet as a deploy reports it; nothing was rendered or uploaded. */
function setRollbackOutputs(sink, deploymentId, results, links) {
    setOutputs(sink, { 'deployment-id': deploymentId, ...fleetOutputs(sink, results, links) });
}


/***/ }),

/***/ 86443:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ inGroup),
/* harmony export */   P: () => (/* binding */ OUTPUT_NAMES)
/* harmony export */ });
/** Every output the action sets; a test checks this list against action.yml both ways. */
const OUTPUT_NAMES = [
    'deployment-id',
    'instances',
    'ready-count',
    'failed-count',
    'public-ips',
    'urls',
    'bundle-sha256',
    'artifact-id',
    'cloud-init-bytes',
    'user-data-path',
    'bundle-file',
];
/** `sink.group` when the sink has one, else a plain heading line. */
function inGroup(sink, name, fn) {
    if (sink.group)
        return sink.group(name, fn);
    sink.info(`== ${name}`);
    return fn();
}


/***/ })

};
;