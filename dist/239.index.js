"use strict";
exports.id = 239;
exports.ids = [239,620];
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