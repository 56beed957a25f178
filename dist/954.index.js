"use strict";
exports.id = 954;
exports.ids = [954];
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

/***/ 82716:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runReconcile: () => (/* binding */ runReconcile)
});

// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(46829);
// EXTERNAL MODULE: ./src/aws/types.ts
var types = __webpack_require__(23228);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/inputs/plan.ts
var inputs_plan = __webpack_require__(37786);
// EXTERNAL MODULE: ./src/inputs/rules.ts
var rules = __webpack_require__(98190);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/reconcile-summary.ts

/** "replaced N of M": the replacements launched, of the recorded size. */
function reconcileLine(r) {
    const ready = r.instances.filter((x) => x.status === 'ready').length;
    const why = r.expired === undefined ? '' : ` (${r.expired}: not replaced)`;
    return `${r.deploymentId}: replaced ${r.launched} of ${r.size}, ${ready} of ${r.size} ready${why}`;
}
/** The step summary of mode reconcile: one section per deployment, the failed ones too. */
function renderReconcileSummary(done, runUrl, failed = []) {
    const out = ['## spot-deploy reconcile', ''];
    if (done.length === 0 && failed.length === 0)
        out.push('No live deployment found.', '');
    for (const f of failed)
        out.push(`### ${(0,markdown/* cell */.Hn)(f.deploymentId)}: failed`, '', (0,markdown/* cell */.Hn)(f.error), '');
    for (const r of done) {
        const line = reconcileLine(r);
        out.push(`### ${(0,markdown/* cell */.Hn)(r.deploymentId)}: ${(0,markdown/* cell */.Hn)(line.slice(line.indexOf(': ') + 2))}`, '');
        if (r.sha256)
            out.push(`release \`${r.sha256}\``, '');
        for (const x of r.replaced)
            out.push(`- replaced \`${x.info.id}\`: ${(0,markdown/* cell */.Hn)(x.why)}`);
        if (r.replaced.length > 0)
            out.push('');
        out.push('| instance | status | region | type | lifecycle | touched |', '|---|---|---|---|---|---|');
        for (const i of r.instances)
            out.push(`| \`${i.id}\` | ${i.status}${i.error ? `: ${(0,markdown/* cell */.Hn)(i.error)}` : ''} | ${i.region} | ${i.instanceType} | ${i.lifecycle} | ${i.adopted ? 'no' : 'new'} |`);
        out.push('');
    }
    if (runUrl)
        out.push(`[run](${runUrl})`, '');
    return out.join('\n');
}

// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(83303);
// EXTERNAL MODULE: ./src/ssh/deliver-many.ts + 6 modules
var deliver_many = __webpack_require__(64382);
// EXTERNAL MODULE: ./src/ssh/connect.ts + 1 modules
var connect = __webpack_require__(46236);
// EXTERNAL MODULE: ./src/ssh/pool.ts
var pool = __webpack_require__(88298);
// EXTERNAL MODULE: ./src/ssh/have.ts
var ssh_have = __webpack_require__(99250);
// EXTERNAL MODULE: ./src/ssh/remote-scripts.ts
var remote_scripts = __webpack_require__(52767);
;// CONCATENATED MODULE: ./src/ssh/status-probe.ts
/**
 * mode reconcile's look at an instance: what it runs (have.ts: status.json, the `current` symlink
 * and the sha256 of its env file), read over SSH with the instance's pinned host key. Read-only:
 * nothing is written, started or uploaded.
 */




/** The probe: what the instance runs (have.ts), and nothing else. */
function statusProbeScript(r) {
    return [...(0,ssh_have/* haveScript */.uW)(r), 'exit 0'].join('\n');
}
/** Reads the probe's output (pure). */
function readStatusProbe(id, stdout, r = remote_scripts/* DEFAULT_REMOTE */.dS) {
    const have = (0,ssh_have/* readHave */.rW)(stdout, r);
    if (have === undefined)
        return { id, reachable: false, error: 'the status probe printed nothing readable' };
    const { healthCheckSha256: _, ...rest } = have;
    return { id, reachable: true, ...rest };
}
/** Probes every target, bounded in concurrency and time; results in the order of `targets`. */
async function probeStatuses(targets, o) {
    const r = { ...remote_scripts/* DEFAULT_REMOTE */.dS, ...o.remote };
    const one = async (t) => {
        const client = await (0,connect/* connect */.Ng)({
            host: t.host,
            port: t.port,
            username: o.username,
            privateKey: o.privateKey,
            hostKey: t.hostKey,
            deadlineMs: o.connectDeadlineMs,
        });
        try {
            const x = await (0,connect/* exec */.m0)(client, `sh -c ${(0,remote_scripts/* shq */.hi)(statusProbeScript(r))}`, undefined, {
                timeoutMs: o.timeoutMs,
            });
            return readStatusProbe(t.id, x.stdout, r);
        }
        finally {
            client.end();
        }
    };
    return (0,pool/* mapBounded */.y)(targets, o.concurrency, one, (t, e) => ({
        id: t.id,
        reachable: false,
        error: e,
    }));
}

// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: ./src/modes/lock.ts
var lock = __webpack_require__(94189);
// EXTERNAL MODULE: ./src/modes/state.ts
var modes_state = __webpack_require__(90373);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/aws/destroy-resources.ts
var destroy_resources = __webpack_require__(52807);
// EXTERNAL MODULE: ./src/aws/release-tags.ts
var release_tags = __webpack_require__(23780);
// EXTERNAL MODULE: ./src/aws/wait.ts + 1 modules
var wait = __webpack_require__(40768);
// EXTERNAL MODULE: ./src/inputs/env.ts
var env = __webpack_require__(65078);
// EXTERNAL MODULE: ./src/keys.ts + 1 modules
var keys = __webpack_require__(47243);
// EXTERNAL MODULE: ./src/report/results.ts
var report_results = __webpack_require__(98940);
// EXTERNAL MODULE: ./src/report/sink.ts
var report_sink = __webpack_require__(86443);
// EXTERNAL MODULE: ./src/ssh/seal.ts
var seal = __webpack_require__(49249);
// EXTERNAL MODULE: ./src/modes/deploy/adopt.ts
var adopt = __webpack_require__(19976);
// EXTERNAL MODULE: ./src/modes/deploy/deliver-fleet.ts + 1 modules
var deliver_fleet = __webpack_require__(16735);
// EXTERNAL MODULE: ./src/modes/deploy/finish.ts + 1 modules
var finish = __webpack_require__(73427);
// EXTERNAL MODULE: ./src/modes/deploy/provision.ts + 9 modules
var provision = __webpack_require__(12397);
// EXTERNAL MODULE: ./src/modes/prepare.ts + 3 modules
var prepare = __webpack_require__(4196);
// EXTERNAL MODULE: ./src/aws/janitor.ts
var janitor = __webpack_require__(56324);
;// CONCATENATED MODULE: ./src/modes/reconcile/decide.ts
/**
 * mode reconcile's decisions (pure): which instances keep serving, which are replaced, which
 * release the replacements get and how many of them. No I/O: the instances EC2 lists and what each
 * said over SSH come in, a plan goes out.
 */



/** Why a reachable instance is not serving, or undefined when it is. */
function unhealthyBecause(s) {
    if (!s.reachable)
        return `unreachable over SSH: ${s.error}`;
    if (s.state === undefined)
        return 'no status.json: no release was ever activated';
    if (s.state !== 'ready')
        return `its agent says ${s.state}`;
    if (s.current === undefined)
        return 'ready, but no current release';
    return undefined;
}
/**
 * True when instances were probed and not one answered over SSH. Then the runner's own path
 * (network, `ssh-cidr`, `ssh-address`, a wrong key) is the likelier cause than every instance
 * dying at once, and replacing them all would terminate a fleet that may be serving: the caller
 * refuses instead. One answer is enough to trust the path, and an instance that gives none is
 * then replaced.
 */
function noneAnswered(statuses) {
    return statuses.length > 0 && statuses.every((s) => !s.reachable);
}
/**
 * The release most healthy instances run (ties: the one whose instance launched last, then
 * the smaller sha256, so that the choice never depends on EC2's order).
 */
function chooseRelease(healthy, live) {
    const votes = new Map();
    for (const h of healthy) {
        const v = votes.get(h.current) ?? { n: 0, newest: '' };
        const at = h.info.launchTime ?? '';
        votes.set(h.current, { n: v.n + 1, newest: at > v.newest ? at : v.newest });
    }
    const ranked = [...votes.entries()].sort(([a, x], [b, y]) => y.n - x.n || y.newest.localeCompare(x.newest) || a.localeCompare(b));
    if (ranked[0])
        return ranked[0][0];
    // Nothing serves: the release the newest instance was given, as its tags say.
    const byAge = [...live].sort((a, b) => (b.launchTime ?? '').localeCompare(a.launchTime ?? ''));
    for (const i of byAge) {
        const sha = (0,release_tags/* readReleaseTags */.JZ)(i.tags).sha256;
        if (sha !== undefined)
            return sha;
    }
    return undefined;
}
/**
 * From the deployment's live instances (pending or running; stopped ones are left out by the
 * caller) and the status of each running one: keep the ready ones, replace the others, and
 * launch up to the size recorded in the tags (`spot-deploy:count` of the instances on the
 * release; else `fallbackCount`, the `count` input).
 */
function planReconcile(live, statuses, fallbackCount) {
    const byId = new Map(statuses.map((s) => [s.id, s]));
    const pending = live.filter((i) => i.state === 'pending');
    const healthy = [];
    const unhealthy = [];
    for (const info of live) {
        if (info.state === 'pending')
            continue;
        const s = byId.get(info.id) ?? { id: info.id, reachable: false, error: 'not probed' };
        const why = unhealthyBecause(s);
        if (why === undefined && s.reachable && s.current !== undefined)
            healthy.push({ info, current: s.current });
        else
            unhealthy.push({ info, why: why ?? 'not serving' });
    }
    const sha256 = chooseRelease(healthy, live);
    const onRelease = live.filter((i) => (0,release_tags/* readReleaseTags */.JZ)(i.tags).sha256 === sha256);
    const counts = onRelease.map((i) => (0,release_tags/* readReleaseTags */.JZ)(i.tags).count ?? 0).filter((n) => n > 0);
    const size = counts.length > 0 ? Math.max(...counts) : fallbackCount;
    const launch = Math.max(0, size - healthy.length - pending.length);
    const tagged = onRelease
        .map((i) => (0,release_tags/* readReleaseTags */.JZ)(i.tags))
        .find((t) => t.runId !== undefined && t.artifactName !== undefined);
    const source = tagged?.runId !== undefined && tagged.artifactName !== undefined
        ? { runId: tagged.runId, artifactName: tagged.artifactName }
        : undefined;
    return {
        healthy: healthy.map((h) => h.info),
        pending,
        unhealthy,
        sha256,
        size,
        launch,
        source,
    };
}
/**
 * The ready instances whose env file differs from the one the replacements would get (the step's
 * `env`, as `wantSha256` of the rendered file). The env is not in the artifact (it holds
 * secrets): a replacement gets the step's, so a step that does not pass the deploy's env would
 * start the release without its variables. Instances that could not say are not counted.
 */
function envDiffers(healthy, statuses, wantSha256) {
    const ids = new Set(healthy.map((i) => i.id));
    return statuses
        .filter((s) => ids.has(s.id) && s.reachable && s.envSha256 !== undefined && s.envSha256 !== wantSha256)
        .map((s) => s.id);
}
/** Replacements launched closer than this to the fleet's expiry would hardly serve. */
const MIN_REPLACEMENT_LIFE_MS = 10 * 60_000;
/**
 * The TTL the replacements get: what is left of the fleet's, never a fresh one. A reconcile is
 * not activity (only deploy and rollback move the expiry, aws/expiry.ts): a replacement with a
 * new `ttl-minutes` would outlive its fleet, and a scheduled reconcile would keep an expired fleet
 * alive for ever. `tags` are those of the deployment's live instances and its own security group
 * and launch template (each carries `spot-deploy:expires-at`, moved together by every deploy);
 * the latest date wins. One without the tag means a fleet with no time limit (`ttl-minutes: 0`),
 * so the replacements get none either; an unreadable date counts as none too, as the janitor
 * never expires it. With nothing to go by, the step's own `ttl-minutes` applies.
 */
function replacementTtl(tags, nowMs, stepTtlMinutes) {
    if (tags.length === 0)
        return { ttlMinutes: stepTtlMinutes };
    const dates = tags.map((t) => {
        const raw = t?.[types/* TAG */.D.expiresAt];
        return raw === undefined ? undefined : (0,janitor/* parseExpiresAt */.L)(raw);
    });
    if (dates.some((d) => d === undefined))
        return { ttlMinutes: 0 };
    const until = Math.max(...dates);
    const expiredAt = new Date(until).toISOString().replace(/\.\d+Z$/, 'Z');
    if (until - nowMs < MIN_REPLACEMENT_LIFE_MS)
        return {
            expiredAt,
            why: until <= nowMs
                ? `the fleet expired at ${expiredAt}`
                : `the fleet expires at ${expiredAt}, in less than ${MIN_REPLACEMENT_LIFE_MS / 60_000} minutes`,
        };
    return { ttlMinutes: Math.ceil((until - nowMs) / 60_000) };
}
/**
 * The pull request the deployment was deployed from: the `spot-deploy:pr` tag of its newest
 * instance that carries one (a deployment id can be redeployed from another PR). A scheduled
 * reconcile has no pull request of its own: this is where its comment goes, and what its
 * replacements are tagged with so the next reconcile still finds it.
 */
function deploymentPr(instances) {
    const byAge = [...instances].sort((a, b) => (b.launchTime ?? '').localeCompare(a.launchTime ?? ''));
    for (const i of byAge) {
        const tag = i.tags?.[types/* TAG */.D.pr] ?? '';
        if (/^[1-9][0-9]{0,9}$/.test(tag))
            return Number(tag);
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/private-files.ts
var private_files = __webpack_require__(26490);
;// CONCATENATED MODULE: ./src/modes/reconcile/release-bundle.ts
/**
 * The release's bundle for mode reconcile's replacements: fetched into the run's private
 * directory and checked against the sha256 the instances run. Nothing is terminated or launched
 * before it is here and right.
 */





async function sha256File(path) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        h.update(chunk);
    return h.digest('hex');
}
/**
 * The bundle of release `release.sha256`, from where the instances' tags say (`release.source`)
 * or a local copy (`--bundle-file`, checked by its sha256 alone: it also serves a release
 * deployed without an artifact, the command line's deploy). Throws DeployFailedError saying what
 * to do when there is no way to it or its bytes are another release's.
 */
async function fetchReleaseBundle(deploymentId, release, from, workDirPrefix, sink) {
    const { sha256 } = release;
    const source = release.source ?? (from?.local ? { runId: '', artifactName: '' } : undefined);
    if (sha256 === undefined || source === undefined)
        throw new errors/* DeployFailedError */.P2(`spot-deploy reconcile: deployment '${deploymentId}' has no instance whose tags name its release's artifact (${types/* TAG */.D.bundleSha256}, ${types/* TAG */.D.bundleRun}, ${types/* TAG */.D.bundleArtifact}): it was deployed without an artifact or by an older spot-deploy. Redeploy it (mode: deploy)${sha256 === undefined ? '' : `, or on the command line pass the bundle of release ${sha256} with --bundle-file`}.`);
    if (from === undefined)
        throw new errors/* DeployFailedError */.P2('spot-deploy reconcile: no way to download the release artifact here (run it in GitHub Actions).');
    const said = from.describe?.(source) ?? {
        what: `the bundle of artifact '${source.artifactName}' (run ${source.runId})`,
        remedy: 'Redeploy (mode: deploy).',
    };
    const file = await from.fetch(source, await (0,private_files/* makePrivateDir */.hI)(workDirPrefix));
    const got = await sha256File(file);
    if (got !== sha256)
        throw new errors/* DeployFailedError */.P2(`spot-deploy reconcile: ${said.what} has sha256 ${got}, but the instances' release is ${sha256}: not used, nothing was launched or terminated. ${said.remedy}`);
    sink.info(`bundle ${sha256} from ${said.what}`);
    return { file, sha256, source };
}

;// CONCATENATED MODULE: ./src/modes/reconcile/fleet.ts
/**
 * One deployment's reconcile, under its deploy lock: find → probe (read-only SSH) → decide
 * (decide.ts) → fetch and check the bundle → terminate the unhealthy → launch replacements
 * through the deploy's provisioning → deliver to the replacements only.
 */























/** Probes the running instances that can be reached with a pinned key; the rest are unreachable. */
async function look(live, inputs, key, deps) {
    const statuses = [];
    const targets = [];
    for (const info of live.filter((i) => i.state !== 'pending')) {
        const host = (0,wait/* addressOf */.ci)(info, inputs.sshAddress);
        const hostKey = info.tags?.[types/* TAG */.D.hostKey];
        if (host === undefined || hostKey === undefined)
            statuses.push({
                id: info.id,
                reachable: false,
                error: `no ${host ? types/* TAG */.D.hostKey : inputs.sshAddress}`,
            });
        else
            targets.push({ id: info.id, host, port: inputs.sshPort, hostKey });
    }
    const probed = await deps.probe(targets, {
        concurrency: inputs.concurrency,
        username: inputs.sshUser,
        privateKey: key.privateKey,
        connectDeadlineMs: 30_000,
        timeoutMs: 30_000,
    });
    return [...statuses, ...probed];
}
async function reconcileFleet(plan, ctx, key, deps) {
    const { sink } = deps;
    const inputs = plan.inputs;
    const id = plan.deploymentId;
    const found = (await Promise.all(inputs.regions.map((r) => (0,instances/* findInstances */.wG)(deps.ec2(r), r, { deploymentId: id }, { excludeShuttingDown: true })))).flat();
    const live = (0,adopt/* chooseAdopted */.v6)(found, found.length, id, key).kept;
    const statuses = await look(live, inputs, key, deps);
    // Why an instance goes is text from it (an SSH error): redacted like a delivery's (seal.ts)
    // before the log, the summary or the PR comment sees it.
    const redact = (0,seal/* envRedactor */.cH)(inputs.env);
    if (noneAnswered(statuses))
        throw new errors/* DeployFailedError */.P2(`spot-deploy reconcile: deployment '${id}': none of its ${statuses.length} running instance(s) answered over SSH (${statuses.map((s) => `${s.id}: ${s.reachable ? '' : redact(s.error)}`).join('; ')}). That points at the path from this runner (ssh-cidr, ssh-address, ssh-port, the ssh-private-key) rather than at every instance at once, so nothing was terminated or launched. Check the path; to replace the fleet anyway, run mode: deploy.`);
    const planned = planReconcile(live, statuses, inputs.count);
    const rp = {
        ...planned,
        unhealthy: planned.unhealthy.map((u) => ({ ...u, why: redact(u.why) })),
    };
    const pr = deploymentPr(found);
    for (const u of rp.unhealthy)
        sink.info(`[${u.info.id}] ${u.why}: replacing it`);
    sink.info(`${id}: ${rp.healthy.length} ready, ${rp.pending.length} pending, ${rp.unhealthy.length} to replace; size ${rp.size}, ${rp.launch} to launch`);
    const kept = [
        ...rp.healthy.map((i) => (0,report_results/* untouched */.sF)(i, 'ready')),
        ...rp.pending.map((i) => (0,report_results/* untouched */.sF)(i, 'skipped')),
    ];
    const done = (instances, launched) => ({
        deploymentId: id,
        instances,
        replaced: rp.unhealthy,
        launched,
        size: rp.size,
        sha256: rp.sha256,
        pr,
    });
    if (rp.launch === 0 && rp.unhealthy.length === 0)
        return done(kept, 0);
    // The replacements get the step's env: refused when the fleet runs with another, before anything
    // is downloaded, terminated or launched. Only digests are compared; no value is printed.
    if (rp.launch > 0) {
        const want = (0,external_node_crypto_.createHash)('sha256').update((0,env/* renderEnvFile */.mJ)(inputs.env)).digest('hex');
        const differ = envDiffers(rp.healthy, statuses, want);
        if (differ.length > 0)
            throw new errors/* DeployFailedError */.P2(`spot-deploy reconcile: deployment '${id}': the ready instances (${differ.join(', ')}) run with an env file that differs from this step's \`env\` input, and the replacements would get the step's. Pass the deploy's env (the same secrets) to the reconcile step, or redeploy (mode: deploy). Nothing was launched or terminated.`);
    }
    // The replacements live as long as the fleet has left, never longer (decide.ts); a fleet at
    // its end is left to its TTL and the janitor.
    let ttlMinutes = inputs.ttlMinutes;
    if (rp.launch > 0) {
        const managed = (await Promise.all(inputs.regions.map((r) => (0,destroy_resources/* findManagedResources */.y8)(deps.ec2(r), r, id))))
            .flat()
            .filter((m) => m.tags[types/* TAG */.D.lockHolder] === undefined);
        const ttl = replacementTtl([...live.map((i) => i.tags), ...managed.map((m) => m.tags)], deps.now().getTime(), inputs.ttlMinutes);
        if ('expiredAt' in ttl) {
            sink.info(`${id}: ${ttl.why}: nothing replaced (a deploy or rollback moves the expiry)`);
            return { ...done(kept, 0), expired: ttl.why };
        }
        ttlMinutes = ttl.ttlMinutes;
    }
    // The bundle first: without it nothing is terminated or launched.
    const release = rp.launch > 0
        ? await fetchReleaseBundle(id, rp, deps.source, plan.workDirPrefix, sink)
        : undefined;
    for (const r of new Set(rp.unhealthy.map((u) => u.info.region))) {
        const ids = rp.unhealthy.filter((u) => u.info.region === r).map((u) => u.info.id);
        // Waited for: provision must not find them running and count them.
        await (0,instances/* terminateInstances */.ch)(deps.ec2(r), r, ids, { wait: true });
    }
    if (release === undefined)
        return done(kept, 0);
    const size = { ...inputs, count: rp.size, ttlMinutes };
    // The replacements belong to the deployment: its repository and pull request, whatever run
    // (a schedule) launches them; run-id and run-attempt stay this run's, whose cleanup owns them.
    const origin = found.find((i) => i.tags?.[types/* TAG */.D.repository])?.tags?.[types/* TAG */.D.repository];
    const launchCtx = { ...ctx, repository: origin ?? ctx.repository, prNumber: pr ?? ctx.prNumber };
    const launchPlan = (0,inputs_plan/* buildPlan */.Gg)(size, launchCtx, deps.now());
    const host = (0,keys/* generateEd25519 */.bY)('spot-deploy');
    const ud = await (0,prepare/* prepareUserData */.Z)(launchPlan, { client: key, host }, sink, deps.root);
    const tags = (0,release_tags/* releaseTags */.dt)({ sha256: release.sha256, ...release.source, count: rp.size });
    const fleet = await (0,provision/* provision */.m)(launchPlan, { clientPublicKey: key.publicKey, hostPublicKey: host.publicKey, instanceTags: tags }, ud.userData.body, {
        sink,
        state: deps.state,
        ec2: deps.ec2,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        // The deploy decided the ports; this step's `ports` may belong to no deployment at all.
        keepPorts: true,
    });
    // Only the replacements get the bundle: an instance found running is never touched.
    const fresh = {
        ...fleet,
        running: fleet.running.filter((x) => !x.adopted),
        lost: fleet.lost.filter((x) => !x.adopted),
    };
    const bytes = (await (0,promises_.stat)(release.file)).size;
    const bundle = { file: release.file, sha256: release.sha256, bytes, fileCount: 0, treeBytes: 0 };
    const prepared = { ...ud, bundle: { ...bundle, manifest: { version: 1, files: [] } } };
    const delivered = await (0,report_sink/* inGroup */.H)(sink, 'spot-deploy: deliver to the replacements', () => (0,deliver_fleet/* deliverFleet */.I)(size, fresh, prepared, { client: key, host }, { sink, now: deps.now, deliver: deps.deliver }));
    const results = delivered.results;
    await (0,finish/* retireFailed */.P)(results, size, deps);
    return done([...kept, ...results], fresh.running.length + fresh.lost.length);
}

// EXTERNAL MODULE: ./src/modes/runner-access.ts + 1 modules
var runner_access = __webpack_require__(10607);
;// CONCATENATED MODULE: ./src/modes/reconcile/run.ts
















/** `deployment-id: all`: every deployment with a live instance tagged with this repository. */
async function liveDeployments(inputs, ctx, deps) {
    if (!ctx.repository)
        throw new errors/* DeployFailedError */.P2('spot-deploy reconcile: deployment-id all needs the repository (GITHUB_REPOSITORY).');
    const found = (await Promise.all(inputs.regions.map((r) => (0,instances/* findInstances */.wG)(deps.ec2(r), r, { managedOnly: true }, { excludeShuttingDown: true })))).flat();
    const ids = found
        .filter((i) => i.tags?.[types/* TAG */.D.repository] === ctx.repository)
        .map((i) => i.tags?.[types/* TAG */.D.deployment] ?? '')
        .filter((id) => id !== '');
    return [...new Set(ids)].sort();
}
async function runReconcile(inputs, ctx, deps) {
    const key = inputs.sshPrivateKey;
    if (key === undefined)
        throw (0,rules/* keyRequiredFor */.yC)('reconcile');
    const now = deps.now ?? time/* realClock */.dQ;
    const all = inputs.deploymentId === 'all';
    const ids = all ? await liveDeployments(inputs, ctx, deps) : [undefined];
    // Before anything is probed, terminated or launched: a runner that cannot learn its address
    // fails here. With `all` and nothing live there is nothing to reach, so nobody is asked (a
    // schedule on an account with no fleet sends nothing to runner-ip-lookup).
    const access = ids.length === 0 ? undefined : await (0,runner_access/* resolveRunnerAccess */.j6)(inputs, ctx, deps.sink, deps.fetch);
    deps.sink.info(`spot-deploy reconcile: ${all ? `${ids.length} live deployment(s) of ${ctx.repository ?? '?'}` : 'one deployment'} in ${inputs.regions.join(', ')}`);
    const done = [];
    const failures = [];
    /** The deployments that stopped with an error: the summary says why (not "none found"). */
    const failed = [];
    for (const id of ids) {
        const one = id === undefined ? inputs : { ...inputs, deploymentId: id };
        const plan = (0,inputs_plan/* buildPlan */.Gg)(one, ctx, now());
        // One deployment's post-step state at most: with `all`, failed replacements are terminated
        // in the step (retireFailed) and the instances' own TTL bounds the rest.
        const state = all ? (0,modes_state/* memoryState */.Rv)() : deps.state;
        if (!all)
            (0,modes_state/* savePlanStart */.fj)(state, plan, ctx);
        try {
            const r = await (0,lock/* withDeployLock */.Jg)({ ...deps, ...deps.lock }, plan, ctx, async () => {
                // The real state, also with `all`: the post step revokes every rule this run added.
                await (0,runner_access/* openEverywhere */.pN)(plan, access, deps);
                return reconcileFleet(plan, ctx, key, {
                    ...deps,
                    state,
                    source: deps.source,
                    now,
                    probe: deps.probe ?? probeStatuses,
                    deliver: deps.deliver ?? deliver_many/* deliverToMany */.Sm,
                });
            });
            done.push(r);
            const ready = r.instances.filter((x) => x.status === 'ready').length;
            const line = reconcileLine(r);
            if (ready < r.size && r.expired === undefined)
                failures.push(line);
            deps.sink.info(line);
        }
        catch (e) {
            failures.push(`${plan.deploymentId}: ${(0,errors/* errorMessage */.gJ)(e)}`);
            failed.push({ deploymentId: plan.deploymentId, error: (0,errors/* errorMessage */.gJ)(e) });
            if (!all) {
                await report(deps, ctx, done, failed);
                throw e;
            }
        }
    }
    await report(deps, all ? { ...ctx, prNumber: undefined } : ctx, done, failed);
    if (failures.length > 0)
        throw new errors/* DeployFailedError */.P2(`spot-deploy reconcile:\n${failures.join('\n')}`);
    if (!all)
        (0,modes_state/* markSucceeded */.$Z)(deps.state);
    return done;
}
async function report(deps, ctx, done, failed) {
    const instances = done.flatMap((r) => r.instances);
    (0,outputs/* setOutputs */.n0)(deps.sink, {
        // Every deployment the run worked on, the failed ones too (their instances are still there).
        'deployment-id': [...done, ...failed].map((r) => r.deploymentId).join(','),
        ...(0,outputs/* fleetOutputs */.nQ)(deps.sink, instances),
        ...(done.length === 1 && done[0]?.sha256 ? { 'bundle-sha256': done[0].sha256 } : {}),
    });
    const runUrl = (0,links/* runLinks */.$E)(ctx, '').run;
    await deps.sink.summary(renderReconcileSummary(done, runUrl, failed));
    if (!deps.publisher)
        return;
    for (const r of done) {
        const body = (0,pr_comment/* renderReconcileComment */.G0)({ ...r, runUrl });
        // The deployment's own pull request (its instances' tag); the event's only for a deployment
        // that names none (another PR's fleet is not this PR's business; with `deployment-id: all`,
        // never). Without either the publisher skips it: a scheduled run of a branch deployment has
        // no PR to comment on.
        await deps.publisher.comment(r.deploymentId, body, r.pr ?? ctx.prNumber);
    }
}


/***/ })

};
;