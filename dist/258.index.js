"use strict";
exports.id = 258;
exports.ids = [258,877];
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

/***/ 86258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRollback: () => (/* binding */ runRollback)
});

// EXTERNAL MODULE: ./src/aws/expiry.ts
var expiry = __webpack_require__(43910);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(46829);
// EXTERNAL MODULE: ./src/aws/types.ts
var types = __webpack_require__(23228);
// EXTERNAL MODULE: ./src/aws/wait.ts + 1 modules
var wait = __webpack_require__(40768);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/inputs/plan.ts
var inputs_plan = __webpack_require__(37786);
// EXTERNAL MODULE: ./src/inputs/rules.ts
var rules = __webpack_require__(98190);
// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(83303);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/report/pr-comment.ts
var pr_comment = __webpack_require__(71914);
// EXTERNAL MODULE: ./src/report/results.ts
var report_results = __webpack_require__(98940);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: ./src/report/deploy-summary.ts
var deploy_summary = __webpack_require__(53742);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/rollback-summary.ts



/** A release in a table: its first 12 hex digits, like git's short hashes; '?' when unknown. */
function shortSha(sha) {
    return sha === undefined ? '?' : `\`${sha.slice(0, 12)}\``;
}
const secs = (ms) => (ms === undefined ? '–' : (0,time/* formatDuration */.a3)(ms));
function row(r) {
    const status = r.status === 'ready' ? '✅ rolled back' : `❌ failed: ${(0,markdown/* cell */.Hn)(r.step ?? '?')}`;
    const same = r.sha256Before !== undefined && r.sha256Before === r.sha256After;
    const release = `${shortSha(r.sha256Before)} → ${shortSha(r.sha256After)}${same ? ' (unchanged)' : ''}`;
    return `| ${status} | \`${r.id}\` | ${(0,markdown/* cell */.Hn)(r.region)} / ${(0,markdown/* cell */.Hn)(r.availabilityZone ?? '–')} | ${(0,markdown/* cell */.Hn)(r.publicIp ?? r.privateIp ?? '–')} | ${release} | ${secs(r.timings.sshReadyMs)} | ${secs(r.timings.activeMs)} |`;
}
/** The step summary of `mode: rollback`: one row per instance with its release before → after. */
function renderRollbackSummary(d) {
    const ready = d.instances.filter((r) => r.status === 'ready').length;
    const ok = ready === d.instances.length;
    const head = [
        `## ${ok ? '✅' : '❌'} spot-deploy rollback \`${d.deploymentId}\`: ${ready} of ${d.instances.length} rolled back`,
        '',
        (0,markdown/* html */.qy)((d.verdictLine.split('\n')[0] ?? '').replace(/:$/, '.')),
        '',
        '| status | instance | region / AZ | address | release (sha256) before → after | ssh ready | done |',
        '|---|---|---|---|---|---|---|',
        ...d.instances.map(row),
        '',
        '| | |',
        '|---|---|',
        `| target | ${d.rollbackTo === undefined ? "each instance's previous ready release" : `rollback-to \`${d.rollbackTo}\``} |`,
        `| expiry | ${d.expiresAt === undefined ? 'no time limit (ttl-minutes 0)' : `re-armed: instances expire at ${d.expiresAt}`} |`,
        ...(d.runUrl === undefined ? [] : [`| run | [workflow run](${d.runUrl}) |`]),
        '',
    ].join('\n');
    const left = deploy_summary/* SUMMARY_BUDGET */.pm - Buffer.byteLength(head);
    return [head, ...(0,deploy_summary/* failureBlocks */.pD)(d.instances, left), ''].join('\n');
}

// EXTERNAL MODULE: ./src/report/sink.ts
var report_sink = __webpack_require__(86443);
// EXTERNAL MODULE: ./src/ssh/connect.ts + 1 modules
var connect = __webpack_require__(46236);
// EXTERNAL MODULE: ./src/ssh/deliver-many.ts + 6 modules
var deliver_many = __webpack_require__(64382);
// EXTERNAL MODULE: ./src/ssh/remote-scripts.ts
var remote_scripts = __webpack_require__(52767);
// EXTERNAL MODULE: ./src/instance/contract.ts
var contract = __webpack_require__(52437);
;// CONCATENATED MODULE: ./src/ssh/rollback-script.ts
/**
 * The rollback command (mode: rollback) as a pure builder, and the reader of its output. It sits
 * beside the delivery scripts of remote-scripts.ts and shares their layout, quoting and status
 * marker; rollback.ts runs it over SSH. No I/O here.
 */


const BEFORE_MARK = '__SPOT_DEPLOY_BEFORE__';
const AFTER_MARK = '__SPOT_DEPLOY_AFTER__';
const SHA = /^[0-9a-f]{64}$/;
const READY = 'ready';
/**
 * Writes `ttl-minutes` for the agent (it re-arms the shutdown from that file, so a rollback keeps
 * an instance in use alive like a deploy does), runs the active release's agent with
 * `rollback [<sha256>]`, and prints what `current` pointed at before and after, the agent's exit
 * status and status.json. `current` is read as the login user: /opt is world-readable.
 */
function rollbackScript(r, ttlMinutes, to) {
    if (to !== undefined && !SHA.test(to))
        throw new RangeError(`not a sha256: '${to}'`);
    if (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0)
        throw new RangeError(`ttl-minutes must be a whole number ≥ 0, got ${ttlMinutes}`);
    const link = `$(readlink ${(0,remote_scripts/* shq */.hi)(r.currentPath)} 2>/dev/null)`;
    return [
        'set -u',
        `echo "${BEFORE_MARK} ${link}"`,
        `${(0,remote_scripts/* ttlWrite */.Ol)(r, ttlMinutes)} || exit ${contract/* SCRIPT_EXIT */.lZ.ttlConfig}`,
        `${(0,remote_scripts/* withSudo */.SU)(r.sudo, `${r.agentCommand} rollback${to === undefined ? '' : ` ${to}`}`)} </dev/null`,
        'rc=$?',
        `echo "${AFTER_MARK} ${link}"`,
        `echo "${remote_scripts/* STATUS_MARK */.Hl} $rc"`,
        (0,remote_scripts/* withSudo */.SU)(r.sudo, `cat ${(0,remote_scripts/* shq */.hi)(r.statusPath)}`),
    ].join('\n');
}
/** The sha256 a marker line names (`current`'s target ends in `releases/<sha256>`). */
function markedSha(stdout, mark, last) {
    const at = last ? stdout.lastIndexOf(`${mark} `) : stdout.indexOf(`${mark} `);
    if (at < 0)
        return undefined;
    const line = stdout.slice(at + mark.length + 1).split('\n')[0] ?? '';
    const sha = line.trim().replace(/\/+$/, '').split('/').pop() ?? '';
    return SHA.test(sha) ? sha : undefined;
}
const shaOf = (v) => typeof v === 'string' && SHA.test(v) ? v : undefined;
/**
 * Reads the rollback command's output. An instance is ready only when the agent exited 0, its
 * status.json says ready, and `current` now names the target: `to` when given, else a release
 * other than the one it had. Everything else is `failed` with the step that says why.
 */
function parseRollback(to, code, stdout, stderr) {
    const linkBefore = markedSha(stdout, BEFORE_MARK, false);
    const failed = (step, why, shas = {}) => {
        const sha256Before = shas.sha256Before ?? linkBefore;
        return {
            status: 'failed',
            step,
            logTail: (0,remote_scripts/* tail */.RT)(why),
            ...(sha256Before === undefined ? {} : { sha256Before }),
            ...(shas.sha256After === undefined ? {} : { sha256After: shas.sha256After }),
        };
    };
    if (code === contract/* SCRIPT_EXIT */.lZ.ttlConfig)
        return failed('ttl-config', `${stderr}\ncould not write the ttl-minutes file`);
    const at = stdout.lastIndexOf(`${remote_scripts/* STATUS_MARK */.Hl} `);
    if (at < 0) {
        const how = code === null ? 'no exit status: the connection was lost' : `exit status ${code}`;
        return failed('rollback', `${stderr}\nthe rollback command ended without a result (${how})`);
    }
    const rest = stdout.slice(at + remote_scripts/* STATUS_MARK */.Hl.length + 1);
    const nl = rest.indexOf('\n');
    const rc = Number(rest.slice(0, nl < 0 ? undefined : nl));
    const linkAfter = markedSha(stdout, AFTER_MARK, true);
    let status;
    try {
        const parsed = JSON.parse(nl < 0 ? '' : rest.slice(nl + 1));
        if (parsed === null || typeof parsed !== 'object')
            throw new Error('not an object');
        status = parsed;
    }
    catch {
        const why = `status.json is missing or unreadable (agent exit ${rc})`;
        return failed(rc === 0 ? 'status' : 'rollback', `${why}\n${stderr}`, {
            ...(linkAfter === undefined ? {} : { sha256After: linkAfter }),
        });
    }
    const sha256Before = shaOf(status.rolledBackFrom) ?? linkBefore;
    const sha256After = linkAfter ?? shaOf(status.current);
    const shas = {
        ...(sha256Before === undefined ? {} : { sha256Before }),
        ...(sha256After === undefined ? {} : { sha256After }),
    };
    // Every rollback writes rolledBackFrom; without it, status.json is an older deploy's.
    if (!('rolledBackFrom' in status)) {
        const why = rc === contract/* AGENT_EXIT */.z8.usage
            ? 'the agent of the active release does not know `rollback` (its bundle predates mode: rollback); deploy once with this version of spot-deploy, then roll back'
            : `the agent exited ${rc} without writing a rollback status`;
        return failed('rollback', `${why}\n${stderr}`, shas);
    }
    if (to !== undefined && status.sha256 !== to) {
        const why = `status.json describes ${String(status.sha256)}, not ${to} (agent exit ${rc})`;
        return failed('status', `${why}\n${stderr}`, shas);
    }
    const logTail = typeof status.log_tail === 'string' ? status.log_tail : stderr;
    if (status.state === READY && rc === 0) {
        if (sha256After === undefined)
            return failed('status', `the active release is unknown after the rollback\n${logTail}`, shas);
        if (to !== undefined && sha256After !== to)
            return failed('rollback', `${sha256After} is active, not ${to}\n${logTail}`, shas);
        if (to === undefined && sha256After === sha256Before)
            return failed('rollback', `still on ${sha256After}: nothing was rolled back\n${logTail}`, shas);
        return { status: 'ready', ...shas };
    }
    if (status.state === READY) {
        const why = `the agent exited ${rc} although status.json says ready`;
        return failed('rollback', `${why}\n${logTail}`, shas);
    }
    if ((0,contract/* isInstanceStep */._6)(status.step))
        return failed(status.step, logTail, shas);
    const named = status.step === undefined || status.step === ''
        ? ''
        : `status.json names an unknown step ${JSON.stringify(status.step)}\n`;
    return failed('rollback', `${named}${logTail}`, shas);
}

// EXTERNAL MODULE: ./src/ssh/pool.ts
var pool = __webpack_require__(88298);
// EXTERNAL MODULE: ./src/ssh/seal.ts
var seal = __webpack_require__(49249);
;// CONCATENATED MODULE: ./src/ssh/rollback.ts








/** Steps at which the agent never ran: nothing on the instance to diagnose. */
const BEFORE_AGENT = new Set(['connect', 'ttl-config']);
const rollback_short = (sha) => (sha === undefined ? '?' : sha.slice(0, 12));
async function rollbackOne(t, o) {
    const now = o.now ?? Date.now;
    const t0 = now();
    const since = () => now() - t0;
    const say = (line) => o.log?.(`[${t.id}] ${line}`);
    const base = { id: t.id, host: t.host, port: t.port };
    const timings = {};
    const shas = (r) => ({
        ...(r.sha256Before === undefined ? {} : { sha256Before: r.sha256Before }),
        ...(r.sha256After === undefined ? {} : { sha256After: r.sha256After }),
    });
    const failed = (step, error, r = {}, diagnostics) => {
        return {
            ...base,
            status: 'failed',
            step,
            error,
            ...shas(r),
            ...(diagnostics === undefined ? {} : { diagnostics }),
            timings: { ...timings, totalMs: since() },
        };
    };
    let client;
    try {
        const { username, privateKey, connectDeadlineMs: deadlineMs } = o;
        client = await (0,connect/* connect */.Ng)({ ...base, username, privateKey, hostKey: t.hostKey, deadlineMs });
    }
    catch (err) {
        return failed('connect', (0,errors/* errorMessage */.gJ)(err));
    }
    let up = true;
    client.on('close', () => (up = false));
    client.on('end', () => (up = false));
    try {
        timings.sshReadyMs = since();
        const r = { ...remote_scripts/* DEFAULT_REMOTE */.dS, ...o.remote };
        let res;
        try {
            const x = await (0,connect/* exec */.m0)(client, `sh -c ${(0,remote_scripts/* shq */.hi)(rollbackScript(r, o.ttlMinutes, o.to))}`, undefined, {
                timeoutMs: o.readyTimeoutMs,
            });
            res = parseRollback(o.to, x.code, x.stdout, x.stderr);
        }
        catch (err) {
            res = { status: 'failed', step: 'rollback', logTail: (0,errors/* errorMessage */.gJ)(err) };
        }
        if (res.status === 'ready') {
            timings.activeMs = since();
            say(`rolled back ${rollback_short(res.sha256Before)} → ${rollback_short(res.sha256After)} in ${(0,time/* formatDuration */.a3)(timings.activeMs, { compact: true })}`);
            return { ...base, status: 'ready', ...shas(res), timings: { ...timings, totalMs: since() } };
        }
        const step = res.step ?? 'rollback';
        const error = res.logTail?.trim() || `step '${step}' failed`;
        if (BEFORE_AGENT.has(step) || !up)
            return failed(step, error, res);
        return failed(step, error, res, await (0,deliver_many/* collectDiagnostics */.R9)(client, r.sudo));
    }
    finally {
        client.end();
    }
}
/**
 * Rolls every target back, at most `concurrency` at once, each over its own pinned host key. An
 * instance's failure (connect, host key, the agent's answer, a thrown error) becomes its `failed`
 * result; the others carry on. Results are in the order of `targets`.
 */
async function rollbackMany(targets, opts) {
    const redact = (0,seal/* envRedactor */.cH)(opts.env ?? []);
    const o = { ...opts, log: (0,seal/* sealLog */.aX)(opts.log, redact) };
    const one = async (t) => {
        const r = (0,seal/* sealResult */.Pd)(await rollbackOne(t, o), redact);
        if (r.status === 'failed')
            o.log(`[${t.id}] ${(0,seal/* failureLine */.Pu)(r, 'rollback failed')}`);
        return r;
    };
    return (0,pool/* mapBounded */.y)(targets, o.concurrency, one, (t, e) => (0,seal/* sealResult */.Pd)((0,deliver_many/* internalFailure */.et)(t, e), redact));
}

// EXTERNAL MODULE: ./src/modes/deploy/adopt.ts
var adopt = __webpack_require__(19976);
// EXTERNAL MODULE: ./src/modes/lock.ts
var lock = __webpack_require__(94189);
// EXTERNAL MODULE: ./src/modes/runner-access.ts + 1 modules
var runner_access = __webpack_require__(10607);
;// CONCATENATED MODULE: ./src/modes/rollback.ts


















/**
 * mode: rollback. Finds the deployment's instances in `regions`, switches each back to its
 * previous ready release (or to `rollback-to`) through the agent of its active release, moves
 * their `expires-at` tags with the re-armed TTL, and reports each instance's release before and
 * after. No bundle, no upload, no launch. Throws DeployFailedError unless every instance found
 * ended on its target; instances are never terminated here (they keep serving what they have).
 */
async function runRollback(inputs, ctx, deps) {
    const plan = (0,inputs_plan/* buildPlan */.Gg)(inputs, ctx, (deps.now ?? time/* realClock */.dQ)());
    const key = inputs.sshPrivateKey;
    if (key === undefined)
        throw (0,rules/* keyRequiredFor */.yC)('rollback');
    // Before any AWS call: a runner that cannot learn its address fails here.
    const access = await (0,runner_access/* resolveRunnerAccess */.j6)(inputs, ctx, deps.sink, deps.fetch);
    const target = inputs.rollbackTo ?? "each instance's previous ready release";
    deps.sink.info(`spot-deploy rollback: deployment ${plan.deploymentId} in ${inputs.regions.join(', ')}, to ${target}`);
    // Everything that touches the instances, under the deploy lock: no deploy, destroy or other
    // rollback of this deployment interleaves with it.
    const results = await (0,lock/* withDeployLock */.Jg)({ ...deps, ...deps.lock }, plan, ctx, async () => {
        await (0,runner_access/* openEverywhere */.pN)(plan, access, deps);
        return rollbackFleet(plan, key.privateKey, key, deps);
    });
    const v = (0,report_results/* rollbackVerdict */.cu)(results);
    (0,outputs/* setRollbackOutputs */.Bz)(deps.sink, plan.deploymentId, results, {
        ports: inputs.ports,
        sshAddress: inputs.sshAddress,
    });
    const runUrl = (0,links/* runLinks */.$E)(ctx, '').run;
    await deps.sink.summary(renderRollbackSummary({
        deploymentId: plan.deploymentId,
        instances: results,
        rollbackTo: inputs.rollbackTo,
        verdictLine: v.line,
        expiresAt: plan.expiresAt,
        runUrl,
    }));
    if (deps.publisher) {
        const body = (0,pr_comment/* renderRollbackComment */.Sn)({
            deploymentId: plan.deploymentId,
            instances: results,
            rollbackTo: inputs.rollbackTo,
            runUrl,
        });
        await deps.publisher.comment(plan.deploymentId, body);
    }
    if (!v.ok)
        throw new errors/* DeployFailedError */.P2(`spot-deploy rollback: ${v.line}`);
    deps.sink.info(`spot-deploy rollback: ${v.line}`);
    return { deploymentId: plan.deploymentId, instances: results };
}
/** Find → check the key → roll back over SSH → move the expiry tags. */
async function rollbackFleet(plan, privateKey, userKey, deps) {
    const { sink } = deps;
    const inputs = plan.inputs;
    const found = (await Promise.all(inputs.regions.map((r) => (0,instances/* findInstances */.wG)(deps.ec2(r), r, { deploymentId: plan.deploymentId }, { excludeShuttingDown: true })))).flat();
    // The same key check as a redeploy: a mismatch fails here, before any SSH connection.
    const { kept, ignored } = (0,adopt/* chooseAdopted */.v6)(found, found.length, plan.deploymentId, userKey);
    for (const x of ignored)
        sink.warning(`${x.id} (${x.region}) of this deployment is ${x.state}: left alone.`);
    if (kept.length === 0) {
        throw new errors/* DeployFailedError */.P2(`spot-deploy rollback: deployment '${plan.deploymentId}' has no running instance in ${inputs.regions.join(', ')}: nothing to roll back${ignored.length > 0 ? ` (${ignored.length} stopped or stopping, left alone)` : ''}. Check deployment-id and regions.`);
    }
    const results = [];
    const targets = [];
    for (const info of kept) {
        const address = (0,wait/* addressOf */.ci)(info, inputs.sshAddress);
        const hostKey = info.tags?.[types/* TAG */.D.hostKey];
        if (info.state === 'pending') {
            const why = 'still pending (a deploy is launching it): it has no release to roll back to';
            results.push((0,report_results/* failedBeforeDelivery */.RZ)(info, true, 'running', why));
        }
        else if (!address) {
            results.push((0,report_results/* failedBeforeDelivery */.RZ)(info, true, 'running', `no ${inputs.sshAddress}`));
        }
        else if (!hostKey) {
            const why = `no ${types/* TAG */.D.hostKey} tag, so its SSH host key cannot be pinned; replace it (mode: destroy, then deploy)`;
            results.push((0,report_results/* failedBeforeDelivery */.RZ)(info, true, 'connect', why));
        }
        else {
            targets.push({ id: info.id, host: address, port: inputs.sshPort, hostKey, info });
        }
    }
    const readyTimeoutMs = inputs.readyTimeoutSeconds * 1000;
    const done = await (0,report_sink/* inGroup */.H)(sink, 'spot-deploy: roll back', () => (deps.rollback ?? rollbackMany)(targets, {
        concurrency: inputs.concurrency,
        username: inputs.sshUser,
        privateKey,
        connectDeadlineMs: readyTimeoutMs,
        ...(inputs.rollbackTo === undefined ? {} : { to: inputs.rollbackTo }),
        ttlMinutes: inputs.ttlMinutes,
        readyTimeoutMs,
        env: inputs.env,
        log: (m) => sink.info(m),
    }));
    done.forEach((d, n) => {
        const t = targets[n];
        if (t === undefined)
            return;
        results.push({
            ...(0,report_results/* fromDelivery */.ZA)(t.info, true, d, undefined),
            ...(d.sha256Before === undefined ? {} : { sha256Before: d.sha256Before }),
            ...(d.sha256After === undefined ? {} : { sha256After: d.sha256After }),
        });
    });
    await moveExpiry(results, plan, deps);
    const order = new Map(kept.map((x, n) => [x.id, n]));
    return results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
/** Steps at which the ttl-minutes file was not written: the instance's shutdown did not move. */
const NOT_REACHED = new Set(['running', 'connect', 'ttl-config', 'internal']);
/**
 * The instances whose ttl-minutes file was written had their shutdown re-armed: their
 * `expires-at` tag follows, so the janitor does not terminate a fleet in use. A tagging failure
 * is a warning: the rollback itself happened, and the on-instance TTL still bounds the cost.
 */
async function moveExpiry(results, plan, deps) {
    const reached = results.filter((r) => !NOT_REACHED.has(r.step ?? ''));
    for (const region of new Set(reached.map((r) => r.region))) {
        const ids = reached.filter((r) => r.region === region).map((r) => r.id);
        try {
            await (0,expiry/* refreshExpiry */.r)(deps.ec2(region), region, plan.deploymentId, ids, plan.expiresAt);
        }
        catch (e) {
            deps.sink.warning(`${(0,errors/* errorMessage */.gJ)(e)}; the janitor reads the old ${types/* TAG */.D.expiresAt} of ${ids.join(', ')}.`);
        }
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