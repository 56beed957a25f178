"use strict";
exports.id = 242;
exports.ids = [242];
exports.modules = {

/***/ 23780:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JZ: () => (/* binding */ readReleaseTags),
/* harmony export */   dt: () => (/* binding */ releaseTags),
/* harmony export */   ty: () => (/* binding */ recordRelease)
/* harmony export */ });
/* unused harmony export RELEASE_TAG_KEYS */
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(35193);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23228);
/**
 * The release tags: which bundle an instance runs and where mode reconcile finds it again (the
 * run that uploaded it, the artifact's name there), with the deployment's size. Launched
 * instances get them from the create call; instances a later deploy readies get them moved here
 * (IAM: CreateTags on instances of a deployment, these keys only).
 */



/** The keys CreateTags may write outside a create call (docs/iam-policy.json). */
const RELEASE_TAG_KEYS = [
    _types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleSha256,
    _types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleRun,
    _types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleArtifact,
    _types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.count,
];
/** The tags for a release (pure). Without a run or an artifact, only the sha256 and the count. */
function releaseTags(r) {
    const findable = r.runId !== undefined && r.runId !== '' && r.artifactName !== false;
    return {
        [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleSha256]: r.sha256,
        [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.count]: String(r.count),
        ...(findable ? { [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleRun]: r.runId, [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleArtifact]: r.artifactName } : {}),
    };
}
/** What the tags of one instance say (pure); undefined fields when a tag is absent or malformed. */
function readReleaseTags(tags) {
    const t = tags ?? {};
    const sha = t[_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleSha256];
    const count = Number(t[_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.count]);
    const run = t[_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleRun];
    const name = t[_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.bundleArtifact];
    return {
        ...(sha !== undefined && /^[0-9a-f]{64}$/.test(sha) ? { sha256: sha } : {}),
        ...(run !== undefined && /^\d+$/.test(run) ? { runId: run } : {}),
        ...(name ? { artifactName: name } : {}),
        ...(Number.isSafeInteger(count) && count >= 1 ? { count } : {}),
    };
}
/**
 * Writes the release tags on `ids` (one region). The keys not in `tags` (no artifact this run)
 * are set empty rather than left behind, so an old run's artifact is never taken for this
 * release. Throws AwsError naming CreateTags.
 */
async function recordRelease(client, region, ids, tags) {
    if (ids.length === 0)
        return;
    const Tags = RELEASE_TAG_KEYS.map((Key) => ({ Key, Value: tags[Key] ?? '' }));
    for (let i = 0; i < ids.length; i += 200) {
        try {
            await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .CreateTagsCommand */ .RmG({ Resources: ids.slice(i, i + 200), Tags }));
        }
        catch (err) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('CreateTags', region, err);
        }
    }
}


/***/ }),

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

/***/ 16735:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  I: () => (/* binding */ deliverFleet)
});

// EXTERNAL MODULE: ./src/aws/types.ts
var types = __webpack_require__(23228);
// EXTERNAL MODULE: ./src/aws/wait.ts + 1 modules
var wait = __webpack_require__(40768);
// EXTERNAL MODULE: ./src/inputs/env.ts
var env = __webpack_require__(65078);
// EXTERNAL MODULE: ./src/report/results.ts
var report_results = __webpack_require__(98940);
;// CONCATENATED MODULE: ./src/modes/deploy/rollout.ts
/** The most batches a rollout can have: `count` is at most 100, and each batch holds one or more. */
const MAX_BATCHES = 101;
/** Instances per adopted batch: the count, or the percentage of the adopted ones rounded up. */
function batchLength(size, adopted) {
    const n = size.kind === 'count' ? size.count : Math.ceil((adopted * size.percent) / 100);
    return Math.max(1, n);
}
/**
 * The batches, in delivery order, none empty: the new instances first (one batch), then the
 * adopted ones in chunks of `batchLength`. No `size`: one batch of everything, order kept.
 */
function planBatches(items, size) {
    if (items.length === 0)
        return [];
    if (size === undefined)
        return [[...items]];
    const fresh = items.filter((x) => !x.adopted);
    const adopted = items.filter((x) => x.adopted);
    const n = batchLength(size, adopted.length);
    const out = fresh.length > 0 ? [fresh] : [];
    for (let i = 0; i < adopted.length; i += n)
        out.push(adopted.slice(i, i + n));
    return out;
}
const iso = (d) => d.toISOString();
/**
 * Delivers `batches` one after the other: a batch starts only when `deliverBatch` has returned
 * for the previous one (every instance in it ready or failed). Once more than `maxFailed`
 * instances have failed in total, no later batch is started. `deliverBatch` must return one
 * result per target (deliverToMany does, failures included).
 */
async function runRollout(batches, deliverBatch, o) {
    if (batches.length > MAX_BATCHES)
        throw new RangeError(`${batches.length} batches`);
    const records = [];
    const delivered = [];
    const failedIds = [];
    let stop;
    for (const [k, targets] of batches.entries()) {
        const number = k + 1;
        const fresh = o.fresh?.(number) ?? false;
        const ids = targets.map((t) => t.id);
        if (stop !== undefined) {
            records.push({ number, ids, fresh, outcome: 'skipped', failed: 0 });
            continue;
        }
        if (batches.length > 1)
            o.log?.(`batch ${number} of ${batches.length}: ${ids.join(', ')}${fresh ? ' (new)' : ''}`);
        const startedAt = iso(o.now());
        const results = await deliverBatch(targets);
        const finishedAt = iso(o.now());
        const failed = results.filter((d) => d.status !== 'ready');
        failedIds.push(...failed.map((d) => d.id));
        for (const delivery of results)
            delivered.push({ delivery, batch: number });
        const outcome = failed.length === 0 ? 'ready' : 'failed';
        records.push({ number, ids, fresh, outcome, failed: failed.length, startedAt, finishedAt });
        if (o.maxFailed !== undefined && failedIds.length > o.maxFailed) {
            const skippedIds = batches.slice(number).flatMap((b) => b.map((t) => t.id));
            stop = {
                batch: number,
                of: batches.length,
                maxFailed: o.maxFailed,
                failedIds: [...failedIds],
                skippedIds,
            };
            if (skippedIds.length > 0)
                o.log?.(`rollout stopped after batch ${number}: ${failedIds.length} failed (max-failed ${o.maxFailed}); ${skippedIds.length} instance(s) keep their release`);
        }
    }
    const skipped = records
        .filter((b) => b.outcome === 'skipped')
        .flatMap((b) => b.ids.map((id) => ({ id, batch: b.number })));
    return { batches: records, delivered, skipped, ...(stop ? { stop } : {}) };
}

;// CONCATENATED MODULE: ./src/modes/deploy/deliver-fleet.ts
/**
 * The deploy's delivery phase: the running fleet → SSH targets (each pinned to its host key) →
 * batches (rollout.ts) → one deliverer call per batch → per-instance results in fleet order.
 */





async function deliverFleet(inputs, fleet, prepared, keys, deps) {
    const { sink } = deps;
    const results = fleet.lost.map((x) => (0,report_results/* failedBeforeDelivery */.RZ)(x.info, x.adopted, 'running', x.reason));
    const targets = [];
    for (const x of fleet.running) {
        const address = (0,wait/* addressOf */.ci)(x.info, inputs.sshAddress);
        const pinned = x.adopted ? x.info.tags?.[types/* TAG */.D.hostKey] : keys.host.publicKey;
        if (!address) {
            results.push((0,report_results/* failedBeforeDelivery */.RZ)(x.info, x.adopted, 'running', `no ${inputs.sshAddress}`, x.runningMs));
        }
        else if (!pinned) {
            const why = `no ${types/* TAG */.D.hostKey} tag, so its SSH host key cannot be pinned; replace it (mode: destroy, then deploy)`;
            results.push((0,report_results/* failedBeforeDelivery */.RZ)(x.info, x.adopted, 'connect', why, x.runningMs));
        }
        else {
            const t = { id: x.info.id, host: address, port: inputs.sshPort, hostKey: pinned };
            targets.push({ ...t, adopted: x.adopted, x });
        }
    }
    const readyTimeoutMs = inputs.readyTimeoutSeconds * 1000;
    const opts = {
        concurrency: inputs.concurrency,
        username: inputs.sshUser,
        privateKey: keys.client.privateKey,
        hostKey: keys.host.publicKey,
        connectDeadlineMs: readyTimeoutMs,
        bundle: prepared.bundle,
        // Always sent, empty without env: the instance's env file is replaced as a whole.
        envFile: (0,env/* renderEnvFile */.mJ)(inputs.env),
        // '' clears a health check an earlier run installed: the instance follows the inputs.
        healthCheck: inputs.healthCheck ?? '',
        // The agent re-arms the instance's shutdown from it: the TTL counts from this deploy.
        ttlMinutes: inputs.ttlMinutes,
        readyTimeoutMs,
        log: (m) => sink.info(m),
    };
    const batches = planBatches(targets, inputs.batchSize);
    const rollout = await runRollout(batches, (b) => deps.deliver(b, opts), {
        maxFailed: inputs.batchSize === undefined ? undefined : inputs.maxFailed,
        fresh: (n) => batches[n - 1]?.every((t) => !t.adopted) ?? false,
        now: deps.now,
        log: (m) => sink.info(m),
    });
    const byId = new Map(targets.map((t) => [t.id, t.x]));
    const timesOf = new Map(rollout.batches.map((b) => [b.number, b]));
    for (const { delivery, batch } of rollout.delivered) {
        const x = byId.get(delivery.id);
        const b = timesOf.get(batch);
        if (!x || !b)
            continue;
        const times = { number: batch, startedAt: b.startedAt ?? '', finishedAt: b.finishedAt ?? '' };
        results.push((0,report_results/* fromDelivery */.ZA)(x.info, x.adopted, delivery, x.runningMs, times));
    }
    for (const { id, batch } of rollout.skipped) {
        const x = byId.get(id);
        if (x)
            results.push((0,report_results/* skippedInRollout */.F_)(x.info, x.adopted, batch, x.runningMs));
    }
    const order = new Map([...fleet.running.map((x) => x.info.id), ...fleet.lost.map((x) => x.info.id)].map((id, n) => [
        id,
        n,
    ]));
    results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { results, rollout };
}


/***/ }),

/***/ 73427:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ priceResults),
  P: () => (/* binding */ retireFailed)
});

// EXTERNAL MODULE: ./src/aws/terminate-launched.ts
var terminate_launched = __webpack_require__(24613);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(35193);
// EXTERNAL MODULE: ./src/aws/aws-errors.ts
var aws_errors = __webpack_require__(38098);
;// CONCATENATED MODULE: ./src/aws/spot-price.ts


const MAX_PAGES = 10;
const priceKey = (instanceType, availabilityZone) => `${instanceType}@${availabilityZone}`;
/**
 * The current spot price (USD per hour) of each instance's type in its AZ, for the summary's cost
 * line. A price is what the instance pays now, not a promise; any failure leaves it unknown
 * (the caller reports "unknown") rather than failing a deploy over a display value.
 */
async function spotPrices(client, region, instances, now) {
    const spot = instances.filter((i) => i.lifecycle === 'spot' && i.availabilityZone);
    const out = new Map();
    if (spot.length === 0)
        return out;
    const wanted = new Set(spot.map((i) => priceKey(i.instanceType, i.availabilityZone ?? '')));
    const newest = new Map();
    let token;
    try {
        for (let page = 0; page < MAX_PAGES; page++) {
            const r = await client.send(new dist_cjs/* DescribeSpotPriceHistoryCommand */.Sad({
                InstanceTypes: [...new Set(spot.map((i) => i.instanceType))],
                ProductDescriptions: ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'],
                // A start time of now returns the price in force now for each type and AZ.
                StartTime: now,
                ...(token ? { NextToken: token } : {}),
            }));
            for (const p of r.SpotPriceHistory ?? []) {
                if (!p.InstanceType || !p.AvailabilityZone || !p.SpotPrice)
                    continue;
                const key = priceKey(p.InstanceType, p.AvailabilityZone);
                const at = p.Timestamp ? new Date(p.Timestamp).getTime() : 0;
                if (wanted.has(key) && at >= (newest.get(key) ?? -1)) {
                    newest.set(key, at);
                    out.set(key, p.SpotPrice);
                }
            }
            token = r.NextToken || undefined;
            if (!token || out.size === wanted.size)
                break;
        }
    }
    catch (err) {
        throw (0,aws_errors/* awsError */.es)('DescribeSpotPriceHistory', region, err, 'read spot prices');
    }
    return out;
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/modes/state.ts
var state = __webpack_require__(90373);
;// CONCATENATED MODULE: ./src/modes/deploy/finish.ts




// The report phase's EC2 work after delivery: prices, and retiring the failed instances.
/** Adds the spot price each instance pays; a price EC2 does not give stays unknown. */
async function priceResults(results, ec2, sink, now) {
    for (const region of new Set(results.map((r) => r.region))) {
        const here = results.filter((r) => r.region === region && r.lifecycle === 'spot');
        let prices;
        try {
            prices = await spotPrices(ec2(region), region, here, now);
        }
        catch (e) {
            sink.warning(`Spot prices are unknown: ${(0,errors/* errorMessage */.gJ)(e)}`);
            continue;
        }
        for (const r of here) {
            const price = prices.get(priceKey(r.instanceType, r.availabilityZone ?? ''));
            if (price !== undefined)
                results[results.indexOf(r)] = { ...r, spotPrice: price };
        }
    }
}
/**
 * Failed instances this run launched cost money and serve nothing: terminate them now, unless the
 * user keeps everything (`cleanup: never`) to debug. Adopted ones are never touched here. They
 * are this run's CreateFleet ids, so NotFound is asked again (terminateLaunched); ids EC2 never
 * shows are not recorded as terminated, so the post step tries them again.
 */
async function retireFailed(results, inputs, deps) {
    if (inputs.cleanup === 'never')
        return;
    const doomed = results.filter((r) => r.status === 'failed' && !r.adopted);
    for (const region of new Set(doomed.map((r) => r.region))) {
        const ids = doomed.filter((r) => r.region === region).map((r) => r.id);
        deps.sink.info(`${region}: terminating ${ids.length} failed instance(s): ${ids.join(', ')}`);
        try {
            const r = await (0,terminate_launched/* terminateLaunched */.I)(deps.ec2(region), region, ids, {
                log: (m) => deps.sink.info(m),
                ...(deps.sleep ? { sleep: deps.sleep } : {}),
            });
            (0,state/* recordIds */.wA)(deps.state, state/* STATE */.c4.terminated, region, [...r.terminated, ...r.alreadyGone]);
            if (r.unseen.length > 0)
                deps.sink.warning(`Could not terminate failed instances ${r.unseen.join(', ')}: EC2 answered InvalidInstanceID.NotFound and never showed them; the post step tries again`);
        }
        catch (e) {
            // The post step tries again (they are still in the launched list).
            deps.sink.warning(`Could not terminate failed instances ${ids.join(', ')}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
}


/***/ }),

/***/ 12397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ provision)
});

// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/aws/aws-errors.ts
var aws_errors = __webpack_require__(38098);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(35193);
// EXTERNAL MODULE: ./src/aws/launch-options.ts
var launch_options = __webpack_require__(44961);
// EXTERNAL MODULE: ./src/aws/visibility.ts
var visibility = __webpack_require__(25361);
;// CONCATENATED MODULE: ./src/aws/fleet-request.ts
/**
 * The pure half of the fleet launcher: CreateFleet requests, InstanceInfo / LaunchError out of
 * its answers, and the AwsErrors it throws. No client, no I/O.
 */




function poolKey(instanceType, subnetId) {
    return `${instanceType}@${subnetId}`;
}
/** Every instance type in every subnet, types first so the request reads in the user's order. */
function allPools(instanceTypes, subnets) {
    return instanceTypes.flatMap((instanceType) => subnets.map((subnet) => ({ instanceType, subnet })));
}
function buildFleetRequest(a) {
    // The subnet fixes the AZ; naming the AZ as well only adds a way to disagree with it.
    const override = (p) => ({
        InstanceType: p.instanceType,
        SubnetId: p.subnet.subnetId,
        ...(a.lifecycle === 'spot' && a.maxPrice !== undefined ? { MaxPrice: a.maxPrice } : {}),
    });
    // T types of a mixed list launch from the version with their CreditSpecification (creditVersions).
    const lt = a.resources.launchTemplate;
    const versionOf = (p) => lt.burstableVersion !== undefined && (0,launch_options/* isBurstable */.dy)(p.instanceType)
        ? lt.burstableVersion
        : lt.version;
    const versions = [...new Set(a.pools.map(versionOf))];
    const configs = (versions.length > 0 ? versions : [lt.version]).map((Version) => ({
        LaunchTemplateSpecification: { LaunchTemplateId: lt.id, Version },
        Overrides: a.pools.filter((p) => versionOf(p) === Version).map(override),
    }));
    const tagList = Object.entries(a.tags).map(([Key, Value]) => ({ Key, Value }));
    const tagSpecs = tagList.length === 0
        ? []
        : ['instance', 'volume'].map((ResourceType) => ({ ResourceType, Tags: tagList }));
    return {
        Type: 'instant',
        ClientToken: a.clientToken,
        LaunchTemplateConfigs: configs,
        TargetCapacitySpecification: {
            TotalTargetCapacity: a.count,
            DefaultTargetCapacityType: a.lifecycle,
        },
        ...(a.lifecycle === 'spot'
            ? { SpotOptions: { AllocationStrategy: 'price-capacity-optimized' } }
            : { OnDemandOptions: { AllocationStrategy: 'lowest-price' } }),
        ...(tagSpecs.length > 0 ? { TagSpecifications: tagSpecs } : {}),
    };
}
/**
 * ClientToken makes an SDK-level retry of the same call idempotent (EC2 returns the first
 * answer instead of launching twice). It is derived from a per-run nonce plus everything that
 * makes this call distinct, so it is stable for the call and never reused by another call.
 * A sha256 in hex is exactly the 64 characters EC2 allows.
 */
function clientToken(parts) {
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('\u0000')).digest('hex');
}
/** Reads one CreateFleet answer; subnets map a SubnetId back to its AZ when EC2 leaves it out. */
function readFleetResult(out, region, lifecycle, subnets) {
    const azOf = new Map(subnets.map((s) => [s.subnetId, s.availabilityZone]));
    const where = (e) => {
        const o = e.LaunchTemplateAndOverrides?.Overrides;
        const subnetId = ('SubnetId' in e ? e.SubnetId : undefined) ?? o?.SubnetId;
        const az = ('AvailabilityZone' in e ? e.AvailabilityZone : undefined) ??
            (subnetId !== undefined ? azOf.get(subnetId) : undefined) ??
            o?.AvailabilityZone;
        return {
            ...(subnetId !== undefined ? { subnetId } : {}),
            ...(az !== undefined ? { availabilityZone: az } : {}),
        };
    };
    const lc = (v) => v === 'spot' || v === 'on-demand' ? v : lifecycle;
    const instances = (out.Instances ?? []).flatMap((i) => {
        const type = i.InstanceType ?? i.LaunchTemplateAndOverrides?.Overrides?.InstanceType ?? '';
        return (i.InstanceIds ?? []).map((id) => ({
            id,
            region,
            instanceType: type,
            lifecycle: lc(i.Lifecycle),
            ...where(i),
        }));
    });
    const errors = (out.Errors ?? []).map((e) => {
        const type = e.LaunchTemplateAndOverrides?.Overrides?.InstanceType;
        return {
            region,
            lifecycle: lc(e.Lifecycle),
            code: e.ErrorCode ?? 'Unknown',
            message: e.ErrorMessage ?? '',
            ...(type !== undefined ? { instanceType: type } : {}),
            ...where(e),
        };
    });
    return { instances, errors };
}
/** "InsufficientInstanceCapacity (c5.large in eu-west-1a) ×2, …" for the one-line log. */
function summarizeErrors(errors) {
    if (errors.length === 0)
        return 'none';
    const counts = new Map();
    for (const e of errors) {
        const where = [e.instanceType, e.availabilityZone ?? e.subnetId].filter(Boolean).join(' in ');
        const k = where === '' ? e.code : `${e.code} (${where})`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
}
/** An error names a pool when its type and subnet (those it gives) are the pool's. */
function errorHitsPool(e, p) {
    return ((e.instanceType === undefined || e.instanceType === p.instanceType) &&
        (e.subnetId === undefined || e.subnetId === p.subnet.subnetId));
}
const DENIED = /^(UnauthorizedOperation|AccessDenied)/;
/** A CreateFleet failure as AwsError; a denial also lists what else an instant fleet needs. */
function fleetError(region, lifecycle, want, err) {
    const e = (0,aws_errors/* awsError */.es)('CreateFleet', region, err, `launch ${want} ${lifecycle} instance(s)`);
    if (!DENIED.test(e.code))
        return e;
    const extra = '; an instant fleet also needs ec2:RunInstances and ec2:CreateTags, and iam:PassRole if the launch template has an instance profile';
    return new aws_errors/* AwsError */.Gy(e.action, e.region, e.code, e.message + extra, { cause: err });
}
const FATAL_ORDER = ['permission', 'quota', 'other'];
/** Every pool failed for a non-retryable reason: one AwsError, the most actionable code first. */
function fleetErrorFromPools(region, lifecycle, want, errors) {
    const rank = (e) => FATAL_ORDER.indexOf((0,aws_errors/* classify */.L8)(e.code));
    const first = [...errors].sort((a, b) => rank(a) - rank(b))[0];
    const cause = new Error(`${first?.message ?? ''} (pools: ${summarizeErrors(errors)})`);
    cause.name = first?.code ?? 'Unknown';
    return fleetError(region, lifecycle, want, cause);
}
/**
 * The code when a CreateFleet answer launched nothing and every per-override error says the
 * launch template does not exist (how EC2 reports a template it has not propagated yet).
 */
function templateNotVisible(out) {
    if ((out.Instances ?? []).some((i) => (i.InstanceIds ?? []).length > 0))
        return undefined;
    const codes = (out.Errors ?? []).map((e) => e.ErrorCode ?? '');
    if (codes.length === 0 || !codes.every((c) => visibility/* TEMPLATE_NOT_VISIBLE */.sz.has(c)))
        return undefined;
    return codes[0];
}
/**
 * Nothing launched and every region refused for a quota: one AwsError listing each region's and
 * lifecycle's reason, so the user sees which quotas to raise where.
 */
function quotaExhaustedError(want, errors) {
    const reasons = new Map();
    for (const e of errors) {
        const k = `${e.region} ${e.lifecycle}`;
        if (!reasons.has(k))
            reasons.set(k, `${k}: ${e.code}${e.message ? ` (${e.message})` : ''}`);
    }
    const first = errors[0];
    return new aws_errors/* AwsError */.Gy('CreateFleet', first?.region ?? '', first?.code ?? 'Unknown', `Could not launch ${want} instance(s): an EC2 service quota is reached in every region asked: ${[...reasons.values()].join('; ')}. Raise the quota (Service Quotas console, per region: "Running On-Demand … instances" or "All … Spot Instance Requests" in vCPUs) or ask for fewer or smaller instances.`);
}

// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/aws/fleet.ts
/**
 * The spot fleet launcher of one region: CreateFleet `instant` for one lifecycle, with fallbacks
 * across the region's pools. The order regions are asked in is fleet-regions.ts's count rule.
 *
 * Within one region (launchInRegion), pools (type × subnet) that answered with a capacity error
 * are dropped and the remainder is asked again, bounded by MAX_CALLS. A quota (spot count, vCPUs,
 * instances, fleets) ends that lifecycle in that region only: quotas are per region, so the next
 * region is asked (fleet-regions.ts).
 *
 * The launch template was created (or given a version) by this run moments before: CreateFleet
 * answering that it does not exist is EC2's eventual consistency, waited out (untilVisible).
 */







/** CreateFleet calls per launchInRegion, throttling retries included: a stubborn API cannot loop us. */
const MAX_CALLS = 8;
/** Backoffs after throttling, on top of the SDK's own retries: 1, 2, 4, 8 s. */
const MAX_THROTTLE_RETRIES = 4;
const BACKOFF_BASE_MS = 1_000;
const noLog = () => { };
const FATAL = new Set(['permission', 'other']);
/** Region-wide for the lifecycle: no other pool of this region will do better. */
const EXHAUSTED = new Set(['spot-quota', 'quota']);
/**
 * Launches up to `req.count` instances of one lifecycle in one region. Returns what launched and
 * every error EC2 reported; throws AwsError only when retrying elsewhere cannot help.
 */
async function launchInRegion(req, opts) {
    const sleep = opts.sleep ?? time/* realSleep */.uk;
    const log = opts.log ?? noLog;
    const runToken = opts.runToken ?? (0,external_node_crypto_.randomUUID)();
    const { region, lifecycle } = req;
    let pools = [...(req.pools ?? allPools(req.instanceTypes, req.resources.subnets))];
    const instances = [];
    const errors = [];
    let throttles = 0;
    for (let call = 0; call < MAX_CALLS; call++) {
        const want = req.count - instances.length;
        if (want <= 0 || pools.length === 0)
            break;
        const keys = pools.map((p) => poolKey(p.instanceType, p.subnet.subnetId));
        const token = clientToken([runToken, region, lifecycle, call, want, ...keys]);
        const input = buildFleetRequest({ ...req, count: want, pools, clientToken: token });
        const line = (launched, errs) => log(`CreateFleet ${region} ${lifecycle}: asked ${want}, launched ${launched} (${pools.length} pools); errors: ${summarizeErrors(errs)}`);
        const lt = req.resources.launchTemplate;
        // Each retry its own ClientToken: with the first one EC2 would replay the NotFound answer.
        const send = (n) => req.client.send(new dist_cjs/* CreateFleetCommand */.igL(n === 0 ? input : { ...input, ClientToken: clientToken([token, 'visible', n]) }));
        let out;
        try {
            out = await (0,visibility/* untilVisible */.dr)({
                action: 'CreateFleet',
                region,
                resource: `launch template ${lt.id} version ${lt.version}`,
                codes: visibility/* TEMPLATE_NOT_VISIBLE */.sz,
            }, send, { sleep, now: opts.now, log, notVisible: templateNotVisible });
        }
        catch (err) {
            const code = (0,aws_errors/* errorCode */.CA)(err);
            const kind = (0,aws_errors/* classify */.L8)(code);
            const e = { region, lifecycle, code, message: (0,src_errors/* errorMessage */.gJ)(err) };
            line(0, [e]);
            if (kind === 'throttling' && throttles < MAX_THROTTLE_RETRIES) {
                await sleep(BACKOFF_BASE_MS * 2 ** throttles++);
                continue;
            }
            // Whole-request answers that another region (or on-demand) may not get: report, move on.
            if (kind === 'throttling' || kind === 'capacity' || EXHAUSTED.has(kind)) {
                errors.push(e);
                if (kind !== 'throttling')
                    pools = [];
                break;
            }
            throw fleetError(region, lifecycle, want, err);
        }
        const got = readFleetResult(out, region, lifecycle, req.resources.subnets);
        // First thing after the call: the caller records the ids for cleanup before we go on.
        if (got.instances.length > 0)
            await opts.onLaunched(got.instances);
        instances.push(...got.instances);
        errors.push(...got.errors);
        line(got.instances.length, got.errors);
        const kinds = got.errors.map((e) => (0,aws_errors/* classify */.L8)(e.code));
        // Per-override permission/quota/invalid-parameter errors can be pool-specific (an SCP that
        // denies some types, a type that does not fit the AMI's architecture), so while some pool
        // works they only drop their pool and stay in `errors`. When nothing has launched in this
        // region and no error so far says "capacity/throttling, try elsewhere", the configuration is
        // wrong everywhere: fail loudly instead of rolling the same mistake over to every region.
        const capacitySeen = errors.some((e) => (0,aws_errors/* classify */.L8)(e.code) === 'capacity');
        if (instances.length === 0 &&
            !capacitySeen &&
            kinds.length > 0 &&
            kinds.every((k) => FATAL.has(k)))
            throw fleetErrorFromPools(region, lifecycle, want, got.errors);
        // A spot-count quota ends spot here; per-pool vCPU/instance quotas (they are per instance
        // family) only drop their pools below, which ends the region once every pool has one.
        if (kinds.includes('spot-quota')) {
            pools = [];
            break;
        }
        const dead = got.errors.filter((e) => (0,aws_errors/* classify */.L8)(e.code) !== 'throttling');
        const before = pools.length;
        pools = pools.filter((p) => !dead.some((e) => errorHitsPool(e, p)));
        if (kinds.includes('throttling')) {
            if (throttles >= MAX_THROTTLE_RETRIES)
                break;
            await sleep(BACKOFF_BASE_MS * 2 ** throttles++);
            continue;
        }
        // The same request again would get the same answer.
        if (got.instances.length === 0 && pools.length === before)
            break;
    }
    return { instances, errors, pools };
}

;// CONCATENATED MODULE: ./src/aws/fleet-regions.ts
/**
 * The fleet across regions: which region is asked for which lifecycle and count, in what order.
 * Apart from fleet.ts, which launches in one region (pools, throttling, quotas); this module only
 * orders those launches and adds up what they got.
 *
 * Count rule (provisionFleet):
 *  1. Regions are tried in the given order; each asks for spot for its own count plus whatever
 *     the regions before it could not launch (so 0-count fallback regions only see shortfall).
 *  2. Spot still short after the last region: wrap around and ask, in order, every region that
 *     still has pools not ruled out (no capacity error, no spot quota) for the remaining count.
 *  3. Only when `onDemandFallback` is set and spot is still short, ask for on-demand region by
 *     region in the same order for what remains.
 *  4. Whatever is still missing is returned as `shortfall`; the caller decides if that fails.
 *  5. Every CreateFleet call that launched anything reports its instances to `onLaunched`
 *     before any other call, so an error or a cancellation later never leaks an instance.
 *
 * Only when nothing launched anywhere and every answer was a quota does the run fail, with each
 * region's reason (quotaExhaustedError).
 */




const fleet_regions_noLog = () => { };
/** Launches the planned counts across regions by the rule at the top of this file. */
async function provisionFleet(regions, opts) {
    const log = opts.log ?? fleet_regions_noLog;
    const runToken = opts.runToken ?? (0,external_node_crypto_.randomUUID)();
    const instances = [];
    const errors = [];
    const spotPools = new Map();
    let seq = 0;
    const launch = async (r, lifecycle, count, pools) => {
        const res = await launchInRegion({
            region: r.region,
            client: r.client,
            resources: r.resources,
            lifecycle,
            count,
            instanceTypes: opts.instanceTypes,
            maxPrice: opts.maxPrice,
            tags: opts.tags,
            pools,
        }, 
        // A distinct token per launch: asking a region again for the same count and pools must
        // launch again, not replay the earlier answer.
        {
            onLaunched: opts.onLaunched,
            sleep: opts.sleep,
            now: opts.now,
            log,
            runToken: `${runToken}/${seq++}`,
        });
        instances.push(...res.instances);
        errors.push(...res.errors);
        if (lifecycle === 'spot')
            spotPools.set(r.region, res.pools);
        return count - res.instances.length;
    };
    let short = 0;
    try {
        for (const r of regions) {
            const ask = r.count + short;
            if (ask > 0)
                short = await launch(r, 'spot', ask);
        }
        for (const r of regions) {
            if (short <= 0)
                break;
            const pools = spotPools.get(r.region);
            if (pools === undefined || pools.length > 0)
                short = await launch(r, 'spot', short, pools);
        }
        if (opts.onDemandFallback)
            for (const r of regions) {
                if (short <= 0)
                    break;
                short = await launch(r, 'on-demand', short);
            }
    }
    catch (err) {
        if (instances.length > 0)
            log(`fleet: stopping after ${instances.length} launched instance(s), already reported for cleanup`);
        throw err;
    }
    // Every region (and lifecycle asked) refused for a quota: nothing here will change on a retry.
    const asked = regions.reduce((n, r) => n + r.count, 0);
    if (opts.quotaIsFatal !== false && instances.length === 0 && asked > 0 && errors.length > 0) {
        if (errors.every((e) => EXHAUSTED.has((0,aws_errors/* classify */.L8)(e.code))))
            throw quotaExhaustedError(asked, errors);
    }
    const spot = instances.filter((i) => i.lifecycle === 'spot').length;
    log(`fleet: launched ${instances.length} (spot ${spot}, on-demand ${instances.length - spot}); shortfall ${short}`);
    return { instances, errors, shortfall: short };
}

// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(46829);
// EXTERNAL MODULE: ./src/inputs/launch-options.ts
var inputs_launch_options = __webpack_require__(74197);
// EXTERNAL MODULE: ./src/inputs/instance-types.ts
var instance_types = __webpack_require__(95034);
// EXTERNAL MODULE: ./src/aws/pages.ts
var pages = __webpack_require__(60701);
;// CONCATENATED MODULE: ./src/aws/ami.ts





/** What EC2 answers for an id that is unknown, not shared with us, or malformed. */
const IMAGE_NOT_FOUND = new Set([
    'InvalidAMIID.NotFound',
    'InvalidAMIID.Unavailable',
    'InvalidAMIID.Malformed',
]);
/** Pages of 1,000 images: far more builds than an alias's owner publishes for one name pattern. */
const MAX_IMAGE_PAGES = 20;
const aliasList = () => Object.keys(instance_types/* AMI_ALIASES */.$).join(', ');
/**
 * The image to launch in `region`: an explicit `ami-…` id (checked to exist there and to match
 * `architecture`) or an alias resolved to the newest available build of its owner.
 */
async function resolveImage(client, region, ami, architecture) {
    // hasOwn: an input such as 'constructor' must not resolve through the prototype.
    const alias = Object.hasOwn(instance_types/* AMI_ALIASES */.$, ami) ? instance_types/* AMI_ALIASES */.$[ami] : undefined;
    const image = alias
        ? await newestOfAlias(client, region, ami, alias, architecture)
        : await byId(client, region, ami, architecture);
    return { ...usable(image, ami, region, architecture), ...(alias ? { alias: ami } : {}) };
}
async function byId(client, region, ami, architecture) {
    const notFound = () => new src_errors/* InputError */.dz('ami', `image ${ami} does not exist in ${region} or is not shared with this account; an AMI id belongs to one region: give an id from ${region} or an alias (${aliasList()}).`);
    let images;
    try {
        images = (await client.send(new dist_cjs/* DescribeImagesCommand */.ji5({ ImageIds: [ami] }))).Images ?? [];
    }
    catch (err) {
        if (IMAGE_NOT_FOUND.has((0,aws_errors/* errorCode */.CA)(err)))
            throw notFound();
        throw (0,aws_errors/* awsError */.es)('DescribeImages', region, err, `look up image ${ami}`);
    }
    const image = images.find((i) => i.ImageId === ami);
    if (!image)
        throw notFound();
    if (image.State !== undefined && image.State !== 'available') {
        throw new src_errors/* InputError */.dz('ami', `image ${ami} in ${region} is ${image.State}, not available; give an available image.`);
    }
    // EC2 always reports the architecture; an image that does not is taken at the user's word.
    if (image.Architecture !== undefined && image.Architecture !== architecture) {
        throw new src_errors/* InputError */.dz('ami', `image ${ami} is ${image.Architecture} but input 'architecture' is ${architecture}; set architecture: ${image.Architecture} (with instance types of that architecture) or give an ${architecture} image.`);
    }
    return image;
}
async function newestOfAlias(client, region, alias, { owner, name }, architecture) {
    const pattern = name[architecture];
    // EC2 pages DescribeImages (NextToken) once the result is large: the newest build may be on
    // any page, so read them all, bounded.
    const images = await (0,pages/* allPages */.S)('DescribeImages', region, `resolve image alias ${alias}`, MAX_IMAGE_PAGES, async (token) => {
        const out = await client.send(new dist_cjs/* DescribeImagesCommand */.ji5({
            Owners: [owner],
            Filters: [
                { Name: 'name', Values: [pattern] },
                { Name: 'architecture', Values: [architecture] },
                { Name: 'state', Values: ['available'] },
            ],
            MaxResults: 1000,
            ...(token ? { NextToken: token } : {}),
        }));
        return { items: out.Images ?? [], next: out.NextToken };
    });
    // ISO-8601 timestamps of one format sort as strings; the name breaks ties (it carries the build date).
    const key = (i) => `${i.CreationDate ?? ''}\u0000${i.Name ?? ''}`;
    const newest = images
        .filter((i) => i.ImageId !== undefined)
        .reduce((best, i) => (best === undefined || key(i) > key(best) ? i : best), undefined);
    if (!newest) {
        throw new src_errors/* InputError */.dz('ami', `no available ${architecture} image matches alias '${alias}' in ${region} (owner ${owner}, name ${pattern}); give an AMI id from ${region} or another alias (${aliasList()}).`);
    }
    return newest;
}
function usable(image, ami, region, architecture) {
    const id = image.ImageId ?? ami;
    // The template maps the root device to an encrypted gp3 volume, which needs an EBS root.
    if (image.RootDeviceType === 'instance-store') {
        throw new src_errors/* InputError */.dz('ami', `image ${id} in ${region} has an instance-store root; spot-deploy needs an EBS-backed image.`);
    }
    if (!image.RootDeviceName) {
        throw new src_errors/* InputError */.dz('ami', `image ${id} in ${region} reports no root device name; give another image.`);
    }
    const rootSize = image.BlockDeviceMappings?.find((m) => m.DeviceName === image.RootDeviceName)
        ?.Ebs?.VolumeSize;
    return {
        imageId: id,
        rootDeviceName: image.RootDeviceName,
        architecture,
        ...(rootSize !== undefined ? { rootSnapshotGiB: rootSize } : {}),
        ...(image.Name ? { name: image.Name } : {}),
        ...(image.CreationDate ? { creationDate: image.CreationDate } : {}),
    };
}

// EXTERNAL MODULE: ./src/aws/types.ts
var types = __webpack_require__(23228);
;// CONCATENATED MODULE: ./src/aws/launch-template.ts




const ALREADY_EXISTS = 'InvalidLaunchTemplateName.AlreadyExistsException';
function tagSpec(ResourceType, tags) {
    const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    return list.length > 0 ? [{ ResourceType, Tags: list }] : [];
}
/** The launch data every version carries; only the user-data (and image) differ between runs. */
function launchTemplateData(spec) {
    return {
        ImageId: spec.imageId,
        UserData: spec.userData.toString('base64'),
        // IMDSv2 only, one hop: a container on the instance cannot reach the credentials endpoint.
        MetadataOptions: {
            HttpTokens: 'required',
            HttpEndpoint: 'enabled',
            HttpPutResponseHopLimit: 1,
        },
        // The services reach AWS with the profile's role through IMDS, under the options above.
        ...(spec.instanceProfile
            ? { IamInstanceProfile: (0,launch_options/* iamInstanceProfile */.Ch)(spec.instanceProfile) }
            : {}),
        BlockDeviceMappings: [(0,launch_options/* rootBlockDevice */.Gk)(spec.rootDeviceName, spec.rootVolume)],
        ...(spec.cpuCredits ? { CreditSpecification: { CpuCredits: spec.cpuCredits } } : {}),
        // The on-instance TTL runs `shutdown`: that must end the bill, not leave a stopped instance.
        InstanceInitiatedShutdownBehavior: 'terminate',
        SecurityGroupIds: [...spec.securityGroupIds],
        TagSpecifications: [
            ...tagSpec('instance', spec.instanceTags),
            ...tagSpec('volume', spec.instanceTags),
        ],
    };
}
function warningsOf(w) {
    return (w?.Errors ?? []).map((e) => `${e.Code ?? 'Warning'}: ${e.Message ?? ''}`);
}
/**
 * The deployment's launch template with this run's data: created on the first run, a new version
 * on a redeploy (the template name is the deployment's, the user-data is the run's).
 */
async function ensureLaunchTemplate(client, region, spec) {
    const data = launchTemplateData(spec);
    try {
        const out = await client.send(new dist_cjs/* CreateLaunchTemplateCommand */.xMu({
            LaunchTemplateName: spec.name,
            LaunchTemplateData: data,
            TagSpecifications: tagSpec('launch-template', { ...spec.tags, [types/* TAG */.D.managed]: 'true' }),
        }));
        const lt = out.LaunchTemplate;
        if (lt?.LaunchTemplateId === undefined) {
            throw noAnswer('CreateLaunchTemplate', region, spec.name);
        }
        return {
            id: lt.LaunchTemplateId,
            version: String(lt.LatestVersionNumber ?? 1),
            created: true,
            warnings: warningsOf(out.Warning),
        };
    }
    catch (err) {
        if ((0,aws_errors/* errorCode */.CA)(err) !== ALREADY_EXISTS) {
            throw (0,aws_errors/* awsError */.es)('CreateLaunchTemplate', region, err, `create launch template ${spec.name}`);
        }
    }
    // Exists already (a redeploy, or a concurrent run that got there first): add a version.
    try {
        const out = await client.send(new dist_cjs/* CreateLaunchTemplateVersionCommand */.B_$({
            LaunchTemplateName: spec.name,
            LaunchTemplateData: data,
        }));
        const v = out.LaunchTemplateVersion;
        if (v?.LaunchTemplateId === undefined || v.VersionNumber === undefined) {
            throw noAnswer('CreateLaunchTemplateVersion', region, spec.name);
        }
        return {
            id: v.LaunchTemplateId,
            version: String(v.VersionNumber),
            created: false,
            warnings: warningsOf(out.Warning),
        };
    }
    catch (err) {
        throw (0,aws_errors/* awsError */.es)('CreateLaunchTemplateVersion', region, err, `add a version to launch template ${spec.name}`);
    }
}
function noAnswer(action, region, name) {
    return new aws_errors/* AwsError */.Gy(action, region, 'IncompleteResponse', `Could not use launch template ${name} in ${region}: ec2:${action} answered without its id or version.`);
}

;// CONCATENATED MODULE: ./src/aws/network.ts



const SUBNET_NOT_FOUND = new Set([
    'InvalidSubnetID.NotFound',
    'InvalidSubnetID.Malformed',
    'InvalidSubnetId.Malformed',
]);
/**
 * The subnets to launch in: the given ids (all in one VPC, since a launch template carries one
 * set of security groups and those belong to one VPC), or the default VPC's default subnets.
 * With a public `sshAddress`, every subnet must hand out public IPv4 addresses: the template does
 * not ask for one, so an instance there would come up unreachable. Every address kind is IPv4, so
 * an IPv6-only subnet never gives one, and `public-dns` needs the VPC's DNS hostnames: each of
 * these would otherwise wait out the whole launch timeout, so they fail here, before any launch.
 */
async function resolveSubnets(client, region, subnetIds, sshAddress) {
    const given = subnetIds.length > 0;
    const subnets = given
        ? await givenSubnets(client, region, [...new Set(subnetIds)])
        : await defaultSubnets(client, region);
    const v6only = subnets.filter((s) => s.Ipv6Native === true);
    if (v6only.length > 0) {
        const list = v6only.map((s) => s.SubnetId).join(', ');
        throw new src_errors/* InputError */.dz(given ? 'subnet-ids' : 'ssh-address', `subnet ${list} in ${region} is IPv6-only (Ipv6Native): its instances get no IPv4 address, but ssh-address ${sshAddress} is an IPv4 address (or its DNS name); give subnets with an IPv4 range (dual-stack is fine).`);
    }
    if (sshAddress !== 'private-ip') {
        const privateOnly = subnets.filter((s) => s.MapPublicIpOnLaunch !== true);
        if (privateOnly.length > 0) {
            const list = privateOnly.map((s) => s.SubnetId).join(', ');
            throw new src_errors/* InputError */.dz(given ? 'subnet-ids' : 'ssh-address', `ssh-address is ${sshAddress} but subnet ${list} in ${region} does not assign public IPv4 addresses (MapPublicIpOnLaunch is off); use ssh-address: private-ip (with a runner that reaches the VPC) or subnets that assign public IPs.`);
        }
    }
    if (sshAddress === 'public-dns')
        await requireDnsHostnames(client, region, subnets[0]?.VpcId);
    return subnets.map((s) => ({
        subnetId: s.SubnetId ?? '',
        availabilityZone: s.AvailabilityZone ?? '',
        vpcId: s.VpcId ?? '',
    }));
}
/** EC2 gives instances a public DNS name only in a VPC with `enableDnsHostnames`. */
async function requireDnsHostnames(client, region, vpcId) {
    if (vpcId === undefined)
        return;
    let enabled;
    try {
        const out = await client.send(new dist_cjs/* DescribeVpcAttributeCommand */._VW({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
        enabled = out.EnableDnsHostnames?.Value;
    }
    catch (err) {
        throw (0,aws_errors/* awsError */.es)('DescribeVpcAttribute', region, err, `read enableDnsHostnames of ${vpcId}`);
    }
    if (enabled === false)
        throw new src_errors/* InputError */.dz('ssh-address', `ssh-address is public-dns but VPC ${vpcId} in ${region} has DNS hostnames off (enableDnsHostnames), so instances get no public DNS name; use ssh-address: public-ip, or turn on DNS hostnames for the VPC.`);
}
async function givenSubnets(client, region, ids) {
    const fix = `subnet ids belong to one region: give subnets of ${region}.`;
    let found;
    try {
        found = (await client.send(new dist_cjs/* DescribeSubnetsCommand */.jSW({ SubnetIds: [...ids] }))).Subnets ?? [];
    }
    catch (err) {
        if (SUBNET_NOT_FOUND.has((0,aws_errors/* errorCode */.CA)(err))) {
            throw new src_errors/* InputError */.dz('subnet-ids', `${(0,src_errors/* errorMessage */.gJ)(err)} in ${region}; ${fix}`);
        }
        throw (0,aws_errors/* awsError */.es)('DescribeSubnets', region, err, `look up subnets ${ids.join(', ')}`);
    }
    // Keep the user's order: it is also the order pools are tried in.
    const byId = new Map(found.map((s) => [s.SubnetId, s]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
        throw new src_errors/* InputError */.dz('subnet-ids', `${missing.join(', ')} not found in ${region}; ${fix}`);
    }
    const subnets = ids.map((id) => byId.get(id));
    const vpcs = new Set(subnets.map((s) => s.VpcId));
    if (vpcs.size > 1) {
        const list = subnets.map((s) => `${s.SubnetId} (${s.VpcId})`).join(', ');
        throw new src_errors/* InputError */.dz('subnet-ids', `the subnets of one region must all be in one VPC, but these are in ${vpcs.size}: ${list}; give subnets of a single VPC.`);
    }
    return subnets;
}
async function defaultSubnets(client, region) {
    let vpcId;
    try {
        const out = await client.send(new dist_cjs/* DescribeVpcsCommand */.Dti({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
        vpcId = out.Vpcs?.[0]?.VpcId;
    }
    catch (err) {
        throw (0,aws_errors/* awsError */.es)('DescribeVpcs', region, err, 'find the default VPC');
    }
    if (vpcId === undefined) {
        throw new src_errors/* InputError */.dz('subnet-ids', `region ${region} has no default VPC; give subnet-ids.`);
    }
    let subnets;
    try {
        const out = await client.send(new dist_cjs/* DescribeSubnetsCommand */.jSW({
            Filters: [
                { Name: 'vpc-id', Values: [vpcId] },
                { Name: 'default-for-az', Values: ['true'] },
            ],
        }));
        subnets = out.Subnets ?? [];
    }
    catch (err) {
        throw (0,aws_errors/* awsError */.es)('DescribeSubnets', region, err, `list the default subnets of ${vpcId}`);
    }
    if (subnets.length === 0) {
        throw new src_errors/* InputError */.dz('subnet-ids', `the default VPC ${vpcId} of region ${region} has no default subnets; give subnet-ids.`);
    }
    // EC2 does not promise an order: sort so that runs try the zones alike.
    return subnets.sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''));
}
/**
 * The IPv4 blocks of a VPC (primary and associated ones): with `ssh-cidr: runner` and
 * `ssh-address: private-ip`, the runner is inside the VPC, so the VPC is who may reach SSH.
 */
async function vpcIpv4Blocks(client, region, vpcId) {
    try {
        const out = await client.send(new dist_cjs/* DescribeVpcsCommand */.Dti({ VpcIds: [vpcId] }));
        const vpc = out.Vpcs?.[0];
        const blocks = (vpc?.CidrBlockAssociationSet ?? [])
            .filter((a) => a.CidrBlockState?.State === undefined || a.CidrBlockState.State === 'associated')
            .map((a) => a.CidrBlock ?? '')
            .filter((c) => c !== '');
        const all = blocks.length > 0 ? blocks : vpc?.CidrBlock ? [vpc.CidrBlock] : [];
        return [...new Set(all)];
    }
    catch (err) {
        throw (0,aws_errors/* awsError */.es)('DescribeVpcs', region, err, `read the address blocks of ${vpcId}`);
    }
}

// EXTERNAL MODULE: ./src/aws/security-group.ts
var security_group = __webpack_require__(50637);
;// CONCATENATED MODULE: ./src/aws/region-group.ts


/**
 * The blocks the group allows SSH from: `ssh-cidr`'s written-out CIDRs, plus, for `runner` with
 * `ssh-address: private-ip`, the VPC's IPv4 blocks (a runner inside the VPC: a static rule, no
 * per-run lookup). Given groups are never modified, so nothing is read for them. One function for
 * a launch (region.ts) and an adopt-only redeploy (syncRegionGroup): the latter prunes, so a
 * block missing here would be revoked.
 */
async function sshBlocks(client, region, spec, vpcId) {
    const vpcBlocks = spec.sshRunner === true &&
        spec.sshAddress === 'private-ip' &&
        spec.securityGroupIds.length === 0
        ? await vpcIpv4Blocks(client, region, vpcId)
        : [];
    return { cidrs: [...new Set([...spec.sshCidrs, ...vpcBlocks])], vpcBlocks };
}
/** The log line about `ports` once the group is settled: opened, or left to the user. */
function portsLines(region, spec, sg) {
    const ports = spec.services === 'keep' ? [] : (spec.services ?? []);
    if (ports.length === 0)
        return [];
    const list = ports.map((r) => r.port).join(', ');
    return [
        sg.status === 'given'
            ? `${region}: ports ${list} not opened: security groups given in security-group-ids are never changed; allow them there yourself.`
            : `${region}: ports ${list} open to ${ports[0]?.cidrs.join(', ')}`,
    ];
}
/**
 * The deployment's group in a region where this run launches nothing (every instance adopted):
 * prepareRegion is not called there, yet the group's rules must follow the inputs all the same (a
 * port taken out of `ports` is closed by the redeploy, not by the next launch). Its subnets give
 * the VPC the group is found in; a given group is only checked, as in a launch.
 */
async function syncRegionGroup(client, region, spec, log = () => { }, visibility = {}) {
    const subnets = await resolveSubnets(client, region, spec.subnetIds, spec.sshAddress);
    return settleGroup(client, region, spec, subnets[0]?.vpcId ?? '', {
        log,
        visibility,
        note: ' (nothing to launch here)',
    });
}
/**
 * The deployment's group brought to the inputs (SSH blocks, service ports), and the log lines that
 * say so: the one path of a launch (prepareRegion) and an adopt-only redeploy (syncRegionGroup).
 */
async function settleGroup(client, region, spec, vpcId, o) {
    const { log } = o;
    const { cidrs, vpcBlocks } = await sshBlocks(client, region, spec, vpcId);
    const sg = await (0,security_group/* ensureSecurityGroup */.K)(client, region, {
        vpcId,
        name: spec.names.securityGroup,
        sshPort: spec.sshPort,
        cidrs,
        services: spec.services,
        tags: spec.tags,
        given: spec.securityGroupIds,
    }, { ...o.visibility, log });
    const vpc = vpcBlocks.length > 0 ? " (the VPC's blocks: ssh-address private-ip)" : '';
    log(sg.status === 'given'
        ? `${region}: security groups ${sg.groupIds.join(', ')} (given)`
        : `${region}: security group ${spec.names.securityGroup} ${sg.groupIds.join(', ')} ${sg.status}, TCP ${spec.sshPort} from ${cidrs.join(', ') || 'no fixed address'}${vpc}${o.note ?? ''}`);
    for (const l of portsLines(region, spec, sg))
        log(l);
    return sg;
}

;// CONCATENATED MODULE: ./src/aws/region.ts








/**
 * The region spec of a plan; instance tags and user-data are the launch's own. `keepPorts`: leave
 * the group's service-port rules as they are (mode reconcile: one step serves deployments whose
 * deploys opened different ports, so its own `ports` input says nothing about theirs).
 */
function regionSpec(plan, userData, instanceTags, opts = {}) {
    const i = plan.inputs;
    return {
        amiByRegion: i.amiByRegion,
        architecture: i.architecture,
        subnetIds: i.subnetIds,
        securityGroupIds: i.securityGroupIds,
        sshAddress: i.sshAddress,
        sshPort: i.sshPort,
        sshCidrs: i.sshCidrs,
        sshRunner: i.sshRunner,
        services: opts.keepPorts ? 'keep' : i.ports.map((port) => ({ port, cidrs: i.portsCidrs })),
        names: plan.names,
        tags: plan.tags,
        instanceTags,
        userData,
        instanceTypes: i.instanceTypes,
        rootVolume: i.rootVolume,
        instanceProfile: i.instanceProfile,
        cpuCredits: i.cpuCredits,
    };
}
/** One log line per region: for an alias, which build it chose (id, name, creation date). */
function imageLine(region, image) {
    const about = [image.name, image.creationDate && `created ${image.creationDate}`].filter(Boolean);
    const detail = about.length > 0 ? ` (${about.join(', ')})` : '';
    const from = image.alias ? ` for alias ${image.alias}` : '';
    return `${region}: image ${image.imageId}${detail}${from}, ${image.architecture}`;
}
/**
 * The read-only half of a region: image, subnets and their network checks (public IPs, IPv4,
 * DNS hostnames). Run for every region before any is prepared, so that an input only EC2 can
 * reveal fails the run before a group or template exists anywhere. InputError or AwsError.
 */
async function inspectRegion(client, region, spec, log = () => { }) {
    const ami = Object.hasOwn(spec.amiByRegion, region) ? spec.amiByRegion[region] : undefined;
    // parseAmi gives every region of `regions` an entry: this is a caller's mistake, said clearly.
    if (ami === undefined)
        throw new src_errors/* InputError */.dz('ami', `has no image for region ${region}.`);
    const image = await resolveImage(client, region, ami, spec.architecture);
    log(imageLine(region, image));
    // Before anything is created anywhere: EC2 would refuse the launch, not the template.
    const volume = (0,inputs_launch_options/* rootVolumeProblem */.qt)(spec.rootVolume, spec.rootVolume.sizeGiB ?? image.rootSnapshotGiB, image.rootSnapshotGiB);
    if (volume)
        throw volume;
    const subnets = await resolveSubnets(client, region, spec.subnetIds, spec.sshAddress);
    const vpcId = subnets[0]?.vpcId ?? '';
    log(`${region}: subnets ${subnets.map((s) => `${s.subnetId} (${s.availabilityZone})`).join(', ')} in ${vpcId}`);
    return { image, subnets, vpcId };
}
/**
 * Image, subnets, security group and launch template of one region, in that order (each step
 * needs the one before: the group its VPC, the template the image and the groups). Input problems
 * only EC2 can reveal throw InputError; failed calls throw AwsError.
 */
async function prepareRegion(client, region, spec, log = () => { }, opts = {}) {
    const { image, subnets, vpcId } = opts.inspected ?? (await inspectRegion(client, region, spec, log));
    const sg = await settleGroup(client, region, spec, vpcId, { log, visibility: opts.visibility });
    const template = (cpuCredits) => ensureLaunchTemplate(client, region, {
        name: spec.names.launchTemplate,
        imageId: image.imageId,
        rootDeviceName: image.rootDeviceName,
        userData: spec.userData,
        securityGroupIds: sg.groupIds,
        rootVolume: spec.rootVolume,
        instanceProfile: spec.instanceProfile,
        cpuCredits,
        tags: spec.tags,
        instanceTags: spec.instanceTags,
    });
    const credits = (0,launch_options/* creditVersions */.pM)(spec.instanceTypes);
    const lt = await template(credits === 'all' ? spec.cpuCredits : undefined);
    // A list mixing T and other types: the T types launch from a second version with the credits.
    // Its CreateLaunchTemplateVersion may follow the template's creation by milliseconds.
    const burstable = credits === 'split'
        ? await (0,visibility/* untilVisible */.dr)({
            action: 'CreateLaunchTemplateVersion',
            region,
            resource: `launch template ${lt.id}`,
            codes: visibility/* TEMPLATE_NOT_VISIBLE */.sz,
        }, () => template(spec.cpuCredits), { ...opts.visibility, log })
        : undefined;
    log(`${region}: launch template ${spec.names.launchTemplate} ${lt.id} version ${lt.version} ${lt.created ? 'created' : 'added'}` +
        (burstable
            ? `, version ${burstable.version} (CPU credits ${spec.cpuCredits}) for the T types`
            : '') +
        (credits === 'all' ? ` (CPU credits ${spec.cpuCredits})` : ''));
    for (const w of [...lt.warnings, ...(burstable?.warnings ?? [])])
        log(`${region}: launch template warning: ${w}`);
    return {
        region,
        imageId: image.imageId,
        subnets,
        securityGroupIds: sg.groupIds,
        launchTemplate: {
            id: lt.id,
            version: lt.version,
            ...(burstable ? { burstableVersion: burstable.version } : {}),
        },
        created: [
            ...(sg.status === 'created'
                ? [
                    {
                        kind: 'security group',
                        name: spec.names.securityGroup,
                        id: sg.groupIds[0] ?? '',
                    },
                ]
                : []),
            ...(lt.created
                ? [{ kind: 'launch template', name: spec.names.launchTemplate, id: lt.id }]
                : []),
        ],
    };
}

;// CONCATENATED MODULE: ./src/aws/template-versions.ts
/**
 * Every deploy adds a launch template version, and each carries that run's user-data with its
 * SSH host private key. Old versions serve nothing (instances never go back to them) but would pile
 * up to EC2's limit and keep old keys readable to anyone allowed DescribeLaunchTemplateVersions, so
 * after a launch the template keeps only its default version and the newest few.
 */


/** Versions kept besides the default one: this run's and the one before it. */
const KEEP_NEWEST = 2;
/** DeleteLaunchTemplateVersions takes at most 200 versions per call. */
const DELETE_BATCH = 200;
/** 50 pages of 200: more versions than EC2 allows a template; the rest waits for the next run. */
const MAX_PAGES = 50;
/**
 * Deletes the versions of template `templateId` other than the default one, the newest
 * `keep` and `current` (this run's: two when a mixed type list split the CPU credits). Never throws: a refusal is a warning, since the launch it
 * follows has already succeeded.
 */
async function pruneTemplateVersions(client, region, templateId, current, keep = KEEP_NEWEST) {
    const mine = new Set(typeof current === 'string' ? [current] : current);
    const versions = [];
    try {
        let token;
        for (let page = 0; page < MAX_PAGES; page++) {
            const out = await client.send(new dist_cjs/* DescribeLaunchTemplateVersionsCommand */.Ptd({
                LaunchTemplateId: templateId,
                MaxResults: 200,
                ...(token ? { NextToken: token } : {}),
            }));
            for (const v of out.LaunchTemplateVersions ?? [])
                if (v.VersionNumber !== undefined)
                    versions.push({ n: v.VersionNumber, isDefault: v.DefaultVersion === true });
            token = out.NextToken;
            if (!token)
                break;
        }
    }
    catch (err) {
        return {
            deleted: [],
            warnings: [
                `could not list the versions of launch template ${templateId} in ${region} to delete old ones (ec2:DescribeLaunchTemplateVersions): ${(0,src_errors/* errorMessage */.gJ)(err)}`,
            ],
        };
    }
    const newest = new Set([...versions]
        .sort((a, b) => b.n - a.n)
        .slice(0, keep)
        .map((v) => v.n));
    const doomed = versions
        .filter((v) => !v.isDefault && !newest.has(v.n) && !mine.has(String(v.n)))
        .map((v) => v.n)
        .sort((a, b) => a - b);
    const deleted = [];
    const warnings = [];
    for (let i = 0; i < doomed.length; i += DELETE_BATCH) {
        const batch = doomed.slice(i, i + DELETE_BATCH);
        try {
            const out = await client.send(new dist_cjs/* DeleteLaunchTemplateVersionsCommand */.p7t({
                LaunchTemplateId: templateId,
                Versions: batch.map(String),
            }));
            for (const v of out.SuccessfullyDeletedLaunchTemplateVersions ?? [])
                if (v.VersionNumber !== undefined)
                    deleted.push(v.VersionNumber);
            for (const v of out.UnsuccessfullyDeletedLaunchTemplateVersions ?? [])
                warnings.push(`could not delete version ${v.VersionNumber ?? '?'} of launch template ${templateId} in ${region}: ${v.ResponseError?.Code ?? 'Unknown'}: ${v.ResponseError?.Message ?? ''}`);
        }
        catch (err) {
            warnings.push(`could not delete old versions ${batch[0]}–${batch.at(-1)} of launch template ${templateId} in ${region} (ec2:DeleteLaunchTemplateVersions): ${(0,src_errors/* errorMessage */.gJ)(err)}`);
            break;
        }
    }
    return { deleted, warnings };
}

// EXTERNAL MODULE: ./src/aws/wait.ts + 1 modules
var wait = __webpack_require__(40768);
// EXTERNAL MODULE: ./src/modes/state.ts
var state = __webpack_require__(90373);
// EXTERNAL MODULE: ./src/modes/runner-access.ts + 1 modules
var runner_access = __webpack_require__(10607);
// EXTERNAL MODULE: ./src/modes/deploy/adopt.ts
var adopt = __webpack_require__(19976);
;// CONCATENATED MODULE: ./src/modes/deploy/provision.ts











/**
 * Converges the deployment's fleet: adopts its running instances, terminates any beyond `count`,
 * launches the missing ones (saving their ids before anything else happens), and waits until
 * every instance runs with an address.
 */
async function provision(plan, keys, userData, deps) {
    const i = plan.inputs;
    const { sink } = deps;
    const clock = deps.now ?? time/* realClock */.dQ;
    const now = () => clock().getTime();
    const t0 = now();
    const regions = plan.regions.map((r) => r.region);
    const found = (await Promise.all(regions.map((r) => (0,instances/* findInstances */.wG)(deps.ec2(r), r, { deploymentId: plan.deploymentId })))).flat();
    const adoption = (0,adopt/* chooseAdopted */.v6)(found, i.count, plan.deploymentId, i.sshPrivateKey);
    for (const x of adoption.ignored)
        sink.warning(`${x.id} (${x.region}) of this deployment is ${x.state}: left alone.`);
    if (adoption.kept.length > 0)
        sink.info(`adopting ${adoption.kept.length} running instance(s): ${adoption.kept.map((x) => x.id).join(', ')}`);
    for (const r of regions) {
        const extra = adoption.surplus.filter((x) => x.region === r).map((x) => x.id);
        if (extra.length === 0)
            continue;
        sink.info(`${r}: terminating ${extra.length} instance(s) beyond count ${i.count}: ${extra.join(', ')}`);
        await (0,instances/* terminateInstances */.ch)(deps.ec2(r), r, extra, { wait: false });
    }
    const counts = (0,adopt/* launchCounts */.gq)(plan.regions, adoption.kept, i.count);
    const needed = counts.reduce((n, r) => n + r.count, 0);
    // This run's SSH rule: on the groups just ensured (a new one may not be visible yet), and by
    // name where instances are only adopted. Before any launch, so the post step always sees it.
    const openRunner = async (ready) => {
        const access = deps.access;
        if (access === undefined)
            return;
        const visibility = { ...(deps.sleep ? { sleep: deps.sleep } : {}), now };
        for (const r of regions) {
            const p = ready.find((x) => x.region === r);
            if (p === undefined) {
                if (adoption.kept.some((x) => x.region === r))
                    await (0,runner_access/* openByName */.Tw)(plan, r, access, deps);
                continue;
            }
            const fresh = p.resources.created?.some((c) => c.kind === 'security group');
            for (const g of p.resources.securityGroupIds)
                await (0,runner_access/* openOnGroup */.$q)(access, r, g, i.sshPort, { ...deps, now: clock }, fresh ? visibility : undefined);
        }
    };
    if (needed === 0)
        await openRunner([]);
    let launched = [];
    let launchErrors = [];
    let shortfall = 0;
    if (needed > 0) {
        const instanceTags = {
            ...plan.tags,
            ...keys.instanceTags,
            [types/* TAG */.D.hostKey]: keys.hostPublicKey.split(/\s+/).slice(0, 2).join(' '),
            [types/* TAG */.D.clientKey]: (0,adopt/* keyFingerprint */.yy)(keys.clientPublicKey),
        };
        const prepared = [];
        const spec = regionSpec(plan, userData, instanceTags, { keepPorts: deps.keepPorts === true });
        const log = (m) => sink.info(m);
        // Every region's read-only checks first: a bad input in the last region must not leave
        // groups and templates behind in the first ones.
        const inspected = [];
        for (const r of counts)
            inspected.push(await inspectRegion(deps.ec2(r.region), r.region, spec, log));
        const visibility = { ...(deps.sleep ? { sleep: deps.sleep } : {}), now };
        for (const [k, r] of counts.entries()) {
            const client = deps.ec2(r.region);
            const resources = await prepareRegion(client, r.region, spec, log, {
                inspected: inspected[k],
                visibility,
            });
            (0,state/* recordCreated */.yo)(deps.state, r.region, resources.created ?? []);
            prepared.push({ region: r.region, client, resources, count: r.count });
        }
        await openRunner(prepared);
        const fleet = await provisionFleet(prepared, {
            instanceTypes: i.instanceTypes,
            ...(i.maxPrice === undefined ? {} : { maxPrice: i.maxPrice }),
            onDemandFallback: i.onDemandFallback,
            // Instances still running: a quota everywhere is a shortfall for min-ready, not a failure.
            quotaIsFatal: adoption.kept.length === 0,
            tags: instanceTags,
            // Saved before any waiting: the post step terminates these if the run dies from here on.
            onLaunched: (xs) => {
                for (const r of new Set(xs.map((x) => x.region)))
                    (0,state/* recordIds */.wA)(deps.state, state/* STATE */.c4.launched, r, xs.filter((x) => x.region === r).map((x) => x.id));
            },
            ...(deps.sleep ? { sleep: deps.sleep } : {}),
            now,
            log: (m) => sink.info(m),
        });
        // The launch is done: older template versions (each with an old host key) can go.
        for (const p of prepared) {
            const lt = p.resources.launchTemplate;
            // A run with two versions (CPU credits split) keeps two runs' worth: its own and the last.
            const mine = [lt.version, ...(lt.burstableVersion ? [lt.burstableVersion] : [])];
            const pruned = await pruneTemplateVersions(p.client, p.region, lt.id, mine, KEEP_NEWEST * mine.length);
            if (pruned.deleted.length > 0)
                sink.info(`${p.region}: deleted ${pruned.deleted.length} old version(s) of launch template ${lt.id}`);
            for (const w of pruned.warnings)
                sink.warning(w);
        }
        launched = fleet.instances;
        launchErrors = fleet.errors;
        shortfall = fleet.shortfall;
        if (shortfall > 0)
            sink.warning(`${shortfall} of ${needed} instance(s) could not be launched.`);
    }
    else {
        // Nothing to launch, so no prepareRegion: the groups of the regions still running instances
        // follow this run's inputs all the same (a port taken out of `ports` closes now).
        const spec = regionSpec(plan, userData, {}, { keepPorts: deps.keepPorts === true });
        const visibility = { ...(deps.sleep ? { sleep: deps.sleep } : {}), now };
        for (const r of regions.filter((x) => adoption.kept.some((k) => k.region === x)))
            await syncRegionGroup(deps.ec2(r), r, spec, (m) => sink.info(m), visibility);
    }
    const all = [
        ...adoption.kept.map((info) => ({ info, adopted: true })),
        ...launched.map((info) => ({ info, adopted: false })),
    ];
    const running = [];
    const lost = [];
    await Promise.all(regions.map(async (r) => {
        const here = all.filter((x) => x.info.region === r);
        if (here.length === 0)
            return;
        const waited = await (0,wait/* waitRunning */.RR)(deps.ec2(r), r, here.map((x) => x.info.id), {
            timeoutMs: i.launchTimeoutSeconds * 1000,
            address: i.sshAddress,
            ...(deps.sleep ? { sleep: deps.sleep } : {}),
            log: (m) => sink.info(m),
        });
        for (const w of waited) {
            const x = here.find((h) => h.info.id === w.id);
            if (!x)
                continue;
            if (w.ok)
                running.push({
                    info: { ...x.info, ...w.info },
                    adopted: x.adopted,
                    runningMs: now() - t0,
                });
            else
                lost.push({ ...x, reason: w.reason });
        }
    }));
    return { running, lost, launchErrors, shortfall };
}


/***/ })

};
;