"use strict";
exports.id = 829;
exports.ids = [829];
exports.modules = {

/***/ 38098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Gy: () => (/* binding */ AwsError),
/* harmony export */   L8: () => (/* binding */ classify),
/* harmony export */   es: () => (/* binding */ awsError)
/* harmony export */ });
/* unused harmony exports CAPACITY_CODES, SPOT_QUOTA_CODES, QUOTA_CODES, THROTTLING_CODES, PERMISSION_CODES, CREDENTIALS_CODES */
/**
 * How spot-deploy reads EC2 error codes. One table, so that the fleet launcher, the waiters and
 * destroy agree on what is worth retrying elsewhere, what is throttling and what must stop the run.
 */
/** "No capacity here, try another pool / region" (FACTS.md, the codes mature tools use). */
const CAPACITY_CODES = new Set([
    'InsufficientInstanceCapacity',
    'InsufficientCapacity',
    'UnfulfillableCapacity',
    'SpotMaxPriceTooLow',
    'InsufficientFreeAddressesInSubnet',
    'InsufficientCapacityOnHost',
    'InsufficientHostCapacity',
    // The instance type is not offered in that AZ: another pool may still work.
    'Unsupported',
]);
/** Spot quota reached: spot will not work anywhere in that region; on-demand may. */
const SPOT_QUOTA_CODES = new Set([
    'MaxSpotInstanceCountExceeded',
    'MaxSpotFleetRequestCountExceeded',
]);
/** On-demand (or account) quotas: nothing to retry, the user must raise a limit. */
const QUOTA_CODES = new Set([
    'VcpuLimitExceeded',
    'InstanceLimitExceeded',
    'MaxFleetCountExceeded',
    'MaxTargetCapacityExceeded',
]);
const THROTTLING_CODES = new Set([
    'RequestLimitExceeded',
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'EC2ThrottledException',
]);
const PERMISSION_CODES = new Set([
    'UnauthorizedOperation',
    'AuthFailure',
    'AccessDenied',
    'AccessDeniedException',
    'OptInRequired',
    'AuthFailure.ServiceLinkedRoleCreationNotPermitted',
]);
/**
 * The credentials themselves are no longer valid (an assumed-role session past its
 * `role-duration-seconds`, a clock far off, revoked keys): every further call fails the same way,
 * so there is no point in going on; the caller says what it could not do.
 */
const CREDENTIALS_CODES = new Set([
    'ExpiredToken',
    'ExpiredTokenException',
    'RequestExpired',
    'InvalidClientTokenId',
]);
function classify(code) {
    if (CAPACITY_CODES.has(code))
        return 'capacity';
    if (SPOT_QUOTA_CODES.has(code))
        return 'spot-quota';
    if (QUOTA_CODES.has(code))
        return 'quota';
    if (THROTTLING_CODES.has(code))
        return 'throttling';
    if (CREDENTIALS_CODES.has(code))
        return 'credentials';
    if (PERMISSION_CODES.has(code) || code.startsWith('AuthFailure'))
        return 'permission';
    return 'other';
}
/** The error code of anything the SDK threw (`name` for service exceptions, `Code` in raw bodies). */
function errorCode(err) {
    if (err !== null && typeof err === 'object') {
        const e = err;
        for (const v of [e.Code, e.code, e.name])
            if (typeof v === 'string' && v !== '')
                return v;
    }
    return 'Unknown';
}
/**
 * An EC2 call failed in a way the run cannot work around. The message says what was being done,
 * in which region, the code, and what to change ("Could not <do X> in <region>: <code>: …").
 */
class AwsError extends Error {
    action;
    region;
    code;
    name = 'AwsError';
    constructor(action, region, code, message, options) {
        super(message, options);
        this.action = action;
        this.region = region;
        this.code = code;
    }
}
/** Why a call may be denied, for the message: the IAM action and where the policy lives. */
function permissionHint(action, code, region) {
    // Plain AuthFailure is EC2 refusing the credentials themselves, before any policy is read: no
    // IAM statement can fix it, so "allow ec2:X" would send people to the wrong place.
    if (code === 'AuthFailure')
        return `the credentials are not valid in ${region}: the region may not be enabled for the account (opt-in regions: enable it under Account, AWS Regions) or belong to another partition (aws-cn, aws-us-gov), or the access keys are wrong or expired`;
    if (code === 'AuthFailure.ServiceLinkedRoleCreationNotPermitted')
        return 'spot needs the AWSServiceRoleForEC2Spot service-linked role: create it once (`aws iam create-service-linked-role --aws-service-name spot.amazonaws.com`) or allow iam:CreateServiceLinkedRole';
    if (code === 'OptInRequired')
        return 'the account is not opted in to this region';
    return `allow ec2:${action} in the IAM policy of the credentials (see docs/iam-policy.json)`;
}
/**
 * Wraps an SDK error from `ec2:<action>` in `region` as an AwsError with a message that names the
 * action, the code and, for permission and quota errors, the fix.
 */
function awsError(action, region, err, doing) {
    if (err instanceof AwsError)
        return err;
    const code = errorCode(err);
    const raw = err instanceof Error ? err.message : String(err);
    const kind = classify(code);
    const fix = kind === 'permission'
        ? ` (${permissionHint(action, code, region)})`
        : kind === 'quota' || kind === 'spot-quota'
            ? ' (an EC2 service quota is reached: raise it in the Service Quotas console or ask for fewer instances)'
            : kind === 'credentials'
                ? ' (the AWS credentials are expired or invalid: an assumed-role session must outlast the job, see role-duration-seconds)'
                : '';
    const what = doing ?? `call ec2:${action}`;
    return new AwsError(action, region, code, `Could not ${what} in ${region}: ${code}: ${raw}${fix}`, {
        cause: err,
    });
}


/***/ }),

/***/ 57033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ describeByFilters),
/* harmony export */   Sh: () => (/* binding */ describeIds),
/* harmony export */   Vl: () => (/* binding */ toInstanceInfo),
/* harmony export */   iv: () => (/* binding */ chunk),
/* harmony export */   p2: () => (/* binding */ NOT_FOUND),
/* harmony export */   sS: () => (/* binding */ FILTER_VALUES),
/* harmony export */   xV: () => (/* binding */ DESCRIBE_BATCH),
/* harmony export */   ze: () => (/* binding */ missingIds)
/* harmony export */ });
/* unused harmony export DEFAULT_MAX_PAGES */
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(35193);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);


/** DescribeInstances refuses more ids than this in one call. */
const DESCRIBE_BATCH = 1000;
/** Kept well under EC2's limit on values per filter. */
const FILTER_VALUES = 200;
const DEFAULT_MAX_PAGES = 50;
const NOT_FOUND = 'InvalidInstanceID.NotFound';
/** Maps the SDK's Instance to spot-deploy's view; empty strings EC2 uses for "none" become absent. */
function toInstanceInfo(region, i) {
    const tags = {};
    for (const t of i.Tags ?? [])
        if (t.Key !== undefined)
            tags[t.Key] = t.Value ?? '';
    const info = {
        id: i.InstanceId ?? '',
        region,
        instanceType: i.InstanceType ?? 'unknown',
        lifecycle: i.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
        tags,
    };
    const optional = [
        ['availabilityZone', i.Placement?.AvailabilityZone],
        ['subnetId', i.SubnetId],
        ['state', i.State?.Name],
        ['stateReason', i.StateReason?.Message],
        ['publicIp', i.PublicIpAddress],
        ['privateIp', i.PrivateIpAddress],
        ['publicDns', i.PublicDnsName],
        ['launchTime', i.LaunchTime?.toISOString()],
    ];
    for (const [k, v] of optional)
        if (v !== undefined && v !== '')
            info[k] = v;
    return info;
}
/**
 * Instance ids named in an InvalidInstanceID.NotFound message ("The instance IDs 'i-1, i-2' do not
 * exist"), so the rest of a batch can be asked again without them.
 */
function missingIds(err) {
    const msg = err instanceof Error ? err.message : '';
    return [...new Set(msg.match(/\bi-[0-9a-f]+\b/g) ?? [])];
}
function chunk(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** Paginated DescribeInstances over filters (never InstanceIds, so unknown ids are no error). */
async function describeByFilters(client, region, filters, maxPages = DEFAULT_MAX_PAGES) {
    const out = [];
    let token;
    for (let page = 0;; page++) {
        if (page >= maxPages) {
            throw new _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy('DescribeInstances', region, 'TooManyPages', `Could not list instances in ${region}: more than ${maxPages} pages (${out.length} instances); narrow the filter`);
        }
        let res;
        try {
            res = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeInstancesCommand */ .bNs({
                Filters: filters,
                MaxResults: DESCRIBE_BATCH,
                ...(token !== undefined ? { NextToken: token } : {}),
            }));
        }
        catch (err) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('DescribeInstances', region, err, 'list instances');
        }
        for (const r of res.Reservations ?? [])
            out.push(...(r.Instances ?? []));
        const next = res.NextToken;
        // A token that does not move would loop for ever.
        if (next === undefined || next === '' || next === token)
            return out;
        token = next;
    }
}
/**
 * One DescribeInstances by id for up to DESCRIBE_BATCH ids. Ids EC2 does not know (yet, or any
 * more) come back in `missing` instead of failing the whole batch.
 */
async function describeIds(client, region, ids) {
    let ask = [...ids];
    const missing = [];
    // Each NotFound removes at least one id, so this ends after at most ids.length + 1 calls.
    while (ask.length > 0) {
        try {
            const res = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeInstancesCommand */ .bNs({ InstanceIds: ask }));
            const found = (res.Reservations ?? []).flatMap((r) => r.Instances ?? []);
            return { found, missing };
        }
        catch (err) {
            if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorCode */ .CA)(err) !== NOT_FOUND)
                throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('DescribeInstances', region, err);
            const named = missingIds(err).filter((id) => ask.includes(id));
            // Unreadable message: count the whole batch as not visible this time.
            const gone = named.length > 0 ? named : ask;
            missing.push(...gone);
            ask = ask.filter((id) => !gone.includes(id));
        }
    }
    return { found: [], missing };
}


/***/ }),

/***/ 46829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ch: () => (/* binding */ terminateInstances),
/* harmony export */   dK: () => (/* binding */ terminateChunk),
/* harmony export */   vG: () => (/* binding */ TERMINATE_BATCH),
/* harmony export */   wG: () => (/* binding */ findInstances)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(35193);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);
/* harmony import */ var _describe_instances_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57033);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23228);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40768);
/*
 * Finding and removing instances. The DescribeInstances primitives live in describe-instances.ts
 * so that wait.ts can use them without importing this module back.
 */






function liveStates(excludeShuttingDown) {
    const states = ['pending', 'running', 'stopping', 'stopped'];
    return excludeShuttingDown ? states : [...states, 'shutting-down'];
}
function tagFilters(filter) {
    if ('ids' in filter)
        return [];
    if ('managedOnly' in filter)
        return [{ Name: 'tag-key', Values: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.deployment] }];
    if ('runId' in filter) {
        return [
            { Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.runId}`, Values: [filter.runId] },
            filter.deploymentId !== undefined
                ? { Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.deployment}`, Values: [filter.deploymentId] }
                : // A run id alone is not unique across tools: keep to what spot-deploy tagged.
                    { Name: 'tag-key', Values: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.deployment] },
            ...(filter.runAttempt !== undefined
                ? [{ Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.runAttempt}`, Values: [filter.runAttempt] }]
                : []),
        ];
    }
    return [{ Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.deployment}`, Values: [filter.deploymentId] }];
}
/**
 * The instances matching `filter` in one region, `terminated` ones left out (and `shutting-down`
 * ones too with `excludeShuttingDown`).
 */
async function findInstances(client, region, filter, opts = {}) {
    const state = {
        Name: 'instance-state-name',
        Values: liveStates(opts.excludeShuttingDown ?? false),
    };
    const base = [...tagFilters(filter), state];
    const groups = 'ids' in filter
        ? (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .chunk */ .iv)([...new Set(filter.ids)], _describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .FILTER_VALUES */ .sS).map((ids) => [
            ...base,
            { Name: 'instance-id', Values: ids },
        ])
        : [base];
    const seen = new Map();
    for (const filters of groups) {
        for (const i of await (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .describeByFilters */ .EX)(client, region, filters, opts.maxPages)) {
            // The filter already excludes them; kept in case an emulator or a race lets one through.
            if (i.InstanceId === undefined || i.State?.Name === 'terminated')
                continue;
            seen.set(i.InstanceId, (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .toInstanceInfo */ .Vl)(region, i));
        }
    }
    return [...seen.values()];
}
/** Ids per TerminateInstances call, kept at DescribeInstances' limit. */
const TERMINATE_BATCH = 1000;
/** One TerminateInstances round for up to TERMINATE_BATCH ids; NotFound ids are set apart. */
async function terminateChunk(client, region, ids) {
    const out = { accepted: [], gone: [] };
    let ask = [...ids];
    // One unknown id fails the whole call: drop the ids EC2 names and ask again. Each round removes
    // at least one id, so this ends after at most ids.length + 1 calls.
    while (ask.length > 0) {
        try {
            const res = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .TerminateInstancesCommand */ .NaF({ InstanceIds: ask }));
            for (const t of res.TerminatingInstances ?? []) {
                if (t.InstanceId === undefined)
                    continue;
                out.accepted.push({
                    id: t.InstanceId,
                    previous: t.PreviousState?.Name ?? 'unknown',
                    current: t.CurrentState?.Name ?? 'unknown',
                });
            }
            return out;
        }
        catch (err) {
            if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorCode */ .CA)(err) !== _describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .NOT_FOUND */ .p2)
                throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('TerminateInstances', region, err, `terminate ${ask.length} instance(s)`);
            const named = (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .missingIds */ .ze)(err).filter((id) => ask.includes(id));
            if (named.length > 0) {
                out.gone.push(...named);
                ask = ask.filter((id) => !named.includes(id));
            }
            else if (ask.length === 1) {
                out.gone.push(...ask);
                ask = [];
            }
            else {
                // The message did not say which: one id per call settles it.
                for (const id of ask) {
                    const one = await terminateChunk(client, region, [id]);
                    out.accepted.push(...one.accepted);
                    out.gone.push(...one.gone);
                }
                return out;
            }
        }
    }
    return out;
}
/**
 * Terminates `ids` in chunks. Idempotent: ids that are already terminated or unknown to EC2 are
 * reported in `alreadyGone`, not thrown. With `wait`, polls until they are all terminated.
 */
async function terminateInstances(client, region, ids, opts = {}) {
    const terminated = [];
    const alreadyGone = [];
    const pending = [];
    for (const batch of (0,_describe_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .chunk */ .iv)([...new Set(ids)], TERMINATE_BATCH)) {
        const res = await terminateChunk(client, region, batch);
        alreadyGone.push(...res.gone);
        for (const a of res.accepted) {
            if (a.previous === 'terminated')
                alreadyGone.push(a.id);
            else
                terminated.push(a.id);
            if (a.current !== 'terminated')
                pending.push(a.id);
        }
    }
    if (terminated.length > 0)
        opts.log?.(`${region}: terminating ${terminated.join(', ')}`);
    let notConfirmed = [];
    if (opts.wait === true && pending.length > 0) {
        const waited = await (0,_wait_js__WEBPACK_IMPORTED_MODULE_3__/* .waitTerminated */ .B8)(client, region, pending, {
            ...opts,
            timeoutMs: opts.timeoutMs ?? 300_000,
        });
        notConfirmed = waited.remaining;
    }
    return { terminated, alreadyGone, notConfirmed };
}


/***/ }),

/***/ 23228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ TAG)
/* harmony export */ });
/**
 * The EC2 side's shared vocabulary. Every module under src/aws takes an `EC2Client` (one per
 * region) as an argument; none builds a client on import.
 */
/** Tag keys (DESIGN: every resource carries them). */
const TAG = {
    deployment: 'spot-deploy:deployment',
    repository: 'spot-deploy:repository',
    runId: 'spot-deploy:run-id',
    runAttempt: 'spot-deploy:run-attempt',
    pr: 'spot-deploy:pr',
    expiresAt: 'spot-deploy:expires-at',
    /** The instance's SSH host public key line, so a later run can pin it. */
    hostKey: 'spot-deploy:host-key',
    /** SHA256 fingerprint of the client key authorised on the instance. */
    clientKey: 'spot-deploy:client-key',
    /**
     * The release an instance was delivered (its bundle's sha256) and where mode reconcile finds
     * that bundle again: the workflow run that uploaded it and the artifact's name in that run.
     * Set when the instance is launched; moved by CreateTags when a later deploy readies it.
     */
    bundleSha256: 'spot-deploy:bundle-sha256',
    bundleRun: 'spot-deploy:bundle-run',
    bundleArtifact: 'spot-deploy:bundle-artifact',
    /** The deployment's `count` at its last deploy: the size mode reconcile brings the fleet back to. */
    count: 'spot-deploy:count',
    /** Set on resources spot-deploy created (security group, launch template) so destroy removes only those. */
    managed: 'spot-deploy:managed',
    /** Deploy lock (aws/lock.ts): who holds it (run URL, or user@host pid on the command line). */
    lockHolder: 'spot-deploy:lock-holder',
    /** Deploy lock: when its holder took it (ISO 8601, the holder's clock). */
    lockSince: 'spot-deploy:lock-since',
    /** Deploy lock: the end of its lease (ISO 8601, the holder's clock), renewed by a heartbeat. */
    lockExpiresAt: 'spot-deploy:lock-expires-at',
};


/***/ }),

/***/ 40768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ci: () => (/* binding */ addressOf),
  kO: () => (/* binding */ pollClock),
  RR: () => (/* binding */ waitRunning),
  B8: () => (/* binding */ waitTerminated)
});

// UNUSED EXPORTS: deathReason

// EXTERNAL MODULE: ./src/aws/aws-errors.ts
var aws_errors = __webpack_require__(38098);
// EXTERNAL MODULE: ./src/aws/describe-instances.ts
var describe_instances = __webpack_require__(57033);
;// CONCATENATED MODULE: ./src/aws/launch-failure.ts
/**
 * What an instance that dies on launch (pending → terminated) most likely needs, from EC2's state
 * reason. EC2's own words ("Client.InternalError: Client error on launch") name no cause; the
 * documented one for an immediate termination is an encrypted EBS volume whose KMS key the
 * launching principal or EC2 cannot use (docs/troubleshooting.md, "Instances terminate at once").
 */
const KMS_CODES = new Set([
    'Client.InternalError',
    'Client.InvalidKMSKey.InvalidState',
    'Client.InvalidKMSKey.NotFound',
]);
/** The troubleshooting section the KMS hint points to. */
const KMS_DOC = 'docs/troubleshooting.md#instances-terminate-at-once-kms';
/**
 * A sentence to append to the death reason, or '' when the code says nothing we can add to.
 * The root volume is always encrypted (the launch template asks for it), so with encryption by
 * default on a customer-managed key, that key decides whether the instance can start at all.
 */
function launchFailureHint(code, message) {
    if (KMS_CODES.has(code) || /\bKMS\b/i.test(message))
        return `; the likely cause is the KMS key of the encrypted root volume (EBS encryption by default with a customer-managed key that the launching credentials or the EC2 Spot service-linked role AWSServiceRoleForEC2Spot may not use, or a key that is disabled or pending deletion): see ${KMS_DOC}`;
    if (code === 'Client.VolumeLimitExceeded')
        return '; the EBS volume quota (or storage quota) of the region is reached: raise it in the Service Quotas console or delete unused volumes';
    return '';
}

// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
;// CONCATENATED MODULE: ./src/aws/wait.ts




function pollClock(opts, defaults = { minDelayMs: 1_000, maxDelayMs: 5_000 }) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? time/* realSleep */.uk;
    const min = Math.max(1, opts.minDelayMs ?? defaults.minDelayMs);
    const max = Math.max(min, opts.maxDelayMs ?? defaults.maxDelayMs);
    const start = now();
    const deadline = start + Math.max(0, opts.timeoutMs);
    const maxPolls = Math.ceil(Math.max(0, opts.timeoutMs) / min) + 2;
    let delay = min;
    let polls = 0;
    const clock = {
        elapsedMs: () => now() - start,
        expired: () => now() >= deadline || polls >= maxPolls,
        async pause() {
            polls++;
            await sleep(Math.max(0, Math.min(delay, deadline - now())));
            delay = Math.min(delay * 2, max);
        },
    };
    return clock;
}
const DEAD_STATES = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);
const SPOT_REASON = /Server\.SpotInstance(Termination|Shutdown)/;
function addressOf(info, kind) {
    if (kind === 'public-ip')
        return info.publicIp;
    if (kind === 'private-ip')
        return info.privateIp;
    return info.publicDns;
}
/** Why an instance that should be starting is going away, with spot reclaims named as such. */
function deathReason(i) {
    const state = i.State?.Name ?? 'unknown';
    const code = i.StateReason?.Code ?? '';
    const message = i.StateReason?.Message ?? '';
    const why = message !== '' ? message : code !== '' ? code : 'EC2 gave no reason';
    if (SPOT_REASON.test(code) || SPOT_REASON.test(message))
        return `spot capacity reclaimed by EC2 (state ${state}: ${why})`;
    return `instance went ${state} while starting (${why})${launchFailureHint(code, message)}`;
}
/**
 * Polls until every id is `running` with the chosen address, or has failed. One DescribeInstances
 * per poll for all the ids still waiting (up to 1000 per call), backoff from 1 s to 5 s. Results
 * come back in the order of `ids`.
 */
async function waitRunning(client, region, ids, opts) {
    const order = [...new Set(ids)];
    const clock = pollClock(opts);
    const grace = opts.notFoundGraceMs ?? 60_000;
    const waiting = new Set(order);
    const results = new Map();
    const last = new Map();
    const missingSince = new Map();
    let logged = -1;
    const fail = (id, reason) => {
        const info = last.get(id);
        results.set(id, { id, ok: false, reason, ...(info !== undefined ? { info } : {}) });
        waiting.delete(id);
    };
    while (waiting.size > 0) {
        for (const batch of (0,describe_instances/* chunk */.iv)([...waiting], describe_instances/* DESCRIBE_BATCH */.xV)) {
            let res;
            try {
                res = await (0,describe_instances/* describeIds */.Sh)(client, region, batch);
            }
            catch (err) {
                // The SDK already retried; keep polling (still bounded) rather than give up the run.
                if ((0,aws_errors/* classify */.L8)((0,aws_errors/* errorCode */.CA)(err)) !== 'throttling')
                    throw err;
                opts.log?.(`${region}: DescribeInstances throttled, backing off`);
                continue;
            }
            for (const inst of res.found) {
                const info = (0,describe_instances/* toInstanceInfo */.Vl)(region, inst);
                if (!waiting.has(info.id))
                    continue;
                last.set(info.id, info);
                missingSince.delete(info.id);
                if (info.state !== undefined && DEAD_STATES.has(info.state))
                    fail(info.id, deathReason(inst));
                else if (info.state === 'running' && addressOf(info, opts.address) !== undefined) {
                    results.set(info.id, { id: info.id, ok: true, info });
                    waiting.delete(info.id);
                }
            }
            for (const id of res.missing) {
                // Also after it was seen once: reads are eventually consistent, so only the grace decides.
                const since = missingSince.get(id) ?? clock.elapsedMs();
                missingSince.set(id, since);
                if (waiting.has(id) && clock.elapsedMs() - since >= grace)
                    fail(id, `EC2 does not know this instance (InvalidInstanceID.NotFound for ${(0,time/* formatDuration */.a3)(clock.elapsedMs() - since, { digits: 0 })})`);
            }
        }
        if (waiting.size === 0 || clock.expired())
            break;
        if (waiting.size !== logged) {
            opts.log?.(`${region}: waiting for ${waiting.size} instance(s) to be running with a ${opts.address}`);
            logged = waiting.size;
        }
        await clock.pause();
    }
    for (const id of waiting) {
        const state = last.get(id)?.state ?? 'unknown to DescribeInstances';
        const hint = state === 'running' && opts.address !== 'private-ip'
            ? `; no ${opts.address} assigned: does the subnet give instances public addresses?`
            : '';
        fail(id, `not running with a ${opts.address} after ${(0,time/* formatDuration */.a3)(clock.elapsedMs(), { digits: 0 })} (state ${state})${hint}`);
    }
    return order.map((id) => results.get(id) ?? { id, ok: false, reason: 'not waited for' });
}
/** Polls until every id is `terminated` (or purged), bounded by `timeoutMs`. */
async function waitTerminated(client, region, ids, opts) {
    const clock = pollClock(opts, { minDelayMs: 2_000, maxDelayMs: 10_000 });
    const waiting = new Map([...new Set(ids)].map((id) => [id, 'unknown']));
    const terminated = [];
    const done = (id) => {
        if (waiting.delete(id))
            terminated.push(id);
    };
    while (waiting.size > 0) {
        for (const batch of (0,describe_instances/* chunk */.iv)([...waiting.keys()], describe_instances/* DESCRIBE_BATCH */.xV)) {
            let res;
            try {
                res = await (0,describe_instances/* describeIds */.Sh)(client, region, batch);
            }
            catch (err) {
                if ((0,aws_errors/* classify */.L8)((0,aws_errors/* errorCode */.CA)(err)) !== 'throttling')
                    throw err;
                continue;
            }
            for (const id of res.missing)
                done(id);
            for (const inst of res.found) {
                const id = inst.InstanceId ?? '';
                if (inst.State?.Name === 'terminated')
                    done(id);
                else if (waiting.has(id))
                    waiting.set(id, inst.State?.Name ?? 'unknown');
            }
        }
        if (waiting.size === 0 || clock.expired())
            break;
        opts.log?.(`${region}: waiting for ${waiting.size} instance(s) to terminate`);
        await clock.pause();
    }
    return { terminated, remaining: [...waiting].map(([id, state]) => ({ id, state })) };
}


/***/ })

};
;