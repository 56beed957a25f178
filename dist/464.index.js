"use strict";
exports.id = 464;
exports.ids = [464];
exports.modules = {

/***/ 52807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NB: () => (/* binding */ deleteLaunchTemplate),
/* harmony export */   ot: () => (/* binding */ deleteManagedResources),
/* harmony export */   y8: () => (/* binding */ findManagedResources)
/* harmony export */ });
/* unused harmony export deleteSecurityGroup */
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(35193);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38098);
/* harmony import */ var _pages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(60701);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23228);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(40768);






const MAX_PAGES = 20;
/** ENIs of terminated instances linger for a while and keep their security groups in use. */
const IN_USE = new Set(['DependencyViolation', 'InvalidGroup.InUse']);
const SG_GONE = new Set(['InvalidGroup.NotFound', 'InvalidGroupId.NotFound']);
const LT_GONE = new Set([
    'InvalidLaunchTemplateId.NotFound',
    'InvalidLaunchTemplateName.NotFoundException',
]);
function tagRecord(tags) {
    const out = {};
    for (const t of tags ?? [])
        if (t.Key !== undefined)
            out[t.Key] = t.Value ?? '';
    return out;
}
/**
 * Security groups and launch templates tagged both managed=true and with a deployment id (the
 * given one, or any when `deploymentId` is undefined). Anything without both tags is never returned.
 */
async function findManagedResources(client, region, deploymentId, which = {}) {
    const filters = [
        { Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.managed}`, Values: ['true'] },
        deploymentId !== undefined
            ? { Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.deployment}`, Values: [deploymentId] }
            : { Name: 'tag-key', Values: [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.deployment] },
    ];
    const find = 'find the managed security groups and launch templates';
    // Both reads at once: they are independent, and every deploy's report phase waits on them.
    const [groups, templates] = await Promise.all([
        (0,_pages_js__WEBPACK_IMPORTED_MODULE_2__/* .allPages */ .S)('DescribeSecurityGroups', region, find, MAX_PAGES, async (token) => {
            if (which.securityGroups === false)
                return { items: [], next: undefined };
            const r = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeSecurityGroupsCommand */ .jsQ({
                Filters: filters,
                MaxResults: 1000,
                ...(token !== undefined ? { NextToken: token } : {}),
            }));
            return { items: r.SecurityGroups ?? [], next: r.NextToken };
        }),
        (0,_pages_js__WEBPACK_IMPORTED_MODULE_2__/* .allPages */ .S)('DescribeLaunchTemplates', region, find, MAX_PAGES, async (token) => {
            const r = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeLaunchTemplatesCommand */ .fmI({
                Filters: filters,
                MaxResults: 200,
                ...(token !== undefined ? { NextToken: token } : {}),
            }));
            return { items: r.LaunchTemplates ?? [], next: r.NextToken };
        }),
    ]);
    const out = [];
    const add = (kind, id, name, tags) => {
        const t = tagRecord(tags);
        const dep = t[_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.deployment];
        // Emulators and eventual consistency aside, the filter already ensures this: checked again
        // because deleting the wrong group is not recoverable.
        if (id === undefined || dep === undefined || t[_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.managed] !== 'true')
            return;
        if (deploymentId !== undefined && dep !== deploymentId)
            return;
        out.push({ kind, id, deploymentId: dep, tags: t, ...(name !== undefined ? { name } : {}) });
    };
    for (const g of groups)
        add('security-group', g.GroupId, g.GroupName, g.Tags);
    for (const lt of templates)
        add('launch-template', lt.LaunchTemplateId, lt.LaunchTemplateName, lt.Tags);
    return out;
}
/**
 * Deletes a security group, retrying while EC2 says it is still in use (bounded by `timeoutMs`).
 * Returns false when it was already gone.
 */
async function deleteSecurityGroup(client, region, groupId, opts) {
    const clock = (0,_wait_js__WEBPACK_IMPORTED_MODULE_4__/* .pollClock */ .kO)(opts, { minDelayMs: 2_000, maxDelayMs: 15_000 });
    for (let attempt = 1;; attempt++) {
        try {
            await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DeleteSecurityGroupCommand */ .yEh({ GroupId: groupId }));
            return true;
        }
        catch (err) {
            const code = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err);
            if (SG_GONE.has(code))
                return false;
            if (!IN_USE.has(code) || clock.expired())
                throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('DeleteSecurityGroup', region, err, `delete security group ${groupId}`);
            opts.log?.(`${region}: ${groupId} still in use (attempt ${attempt}), retrying`);
        }
        await clock.pause();
    }
}
/** Deletes a launch template; returns false when it was already gone. */
async function deleteLaunchTemplate(client, region, templateId) {
    try {
        await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DeleteLaunchTemplateCommand */ .s9K({ LaunchTemplateId: templateId }));
        return true;
    }
    catch (err) {
        if (LT_GONE.has((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err)))
            return false;
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('DeleteLaunchTemplate', region, err, `delete launch template ${templateId}`);
    }
}
/**
 * Deletes launch templates first (nothing depends on them), then security groups. One failure
 * is recorded and the rest still go.
 */
async function deleteManagedResources(client, region, resources, opts) {
    const out = {
        securityGroupsDeleted: [],
        launchTemplatesDeleted: [],
        errors: [],
    };
    for (const r of resources.filter((x) => x.kind === 'launch-template')) {
        try {
            if (await deleteLaunchTemplate(client, region, r.id))
                out.launchTemplatesDeleted.push(r.id);
        }
        catch (err) {
            out.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
        }
    }
    for (const r of resources.filter((x) => x.kind === 'security-group')) {
        try {
            if (await deleteSecurityGroup(client, region, r.id, opts))
                out.securityGroupsDeleted.push(r.id);
        }
        catch (err) {
            out.errors.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err));
        }
    }
    return out;
}


/***/ }),

/***/ 11533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ isSingleTcpPort),
/* harmony export */   h: () => (/* binding */ withBlocks)
/* harmony export */ });
/**
 * A TCP permission for exactly one port: `port` when given, else any single port. Ranges and
 * other protocols are never ours (we only ever add single TCP ports).
 */
function isSingleTcpPort(p, port) {
    return (p.IpProtocol === 'tcp' &&
        p.FromPort !== undefined &&
        p.FromPort === p.ToPort &&
        (port === undefined || p.FromPort === port));
}
/**
 * `p`'s protocol and ports with only the given sources (empty lists left out): a revoke removes
 * exactly the sources it lists, so it sends this rather than `p` itself. undefined when none is left.
 */
function withBlocks(p, blocks) {
    const lists = Object.entries(blocks).filter(([, v]) => Array.isArray(v) && v.length > 0);
    if (lists.length === 0)
        return undefined;
    return {
        IpProtocol: p.IpProtocol,
        ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}),
        ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}),
        ...Object.fromEntries(lists),
    };
}


/***/ }),

/***/ 77498:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   LH: () => (/* binding */ renewLock),
/* harmony export */   XW: () => (/* binding */ removeIfStale),
/* harmony export */   gc: () => (/* binding */ readLockById),
/* harmony export */   uK: () => (/* binding */ isLockTemplate),
/* harmony export */   x_: () => (/* binding */ releaseLock)
/* harmony export */ });
/* unused harmony exports SKEW_MARGIN_MS, UNREADABLE_LEASE_MS, lockName, readLock */
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(35193);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38098);
/* harmony import */ var _destroy_resources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(52807);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23228);
/*
 * The deploy lock: one launch template per deployment, named `spot-deploy-<id>.lock`, in the first
 * region. EC2 has no compare-and-set on tags, but creating a named launch template is atomic: of
 * two CreateLaunchTemplate calls with the same name, exactly one succeeds and the other gets
 * InvalidLaunchTemplateName.AlreadyExistsException. The holder and its lease travel as tags set
 * in the same call (TagSpecifications), so a lock never exists without them on real EC2.
 *
 * Every removal is by template id, never by name: ids are never reused, so deleting "the expired
 * lock I read" can never delete a lock someone else created after that read.
 */





/**
 * How far a reader's clock may run ahead of the holder's before a live lock could look expired.
 * The lease itself adds more slack: a live holder renews every lease/4, so its expiry is always
 * at least 3/4 of a lease ahead of its own clock.
 */
const SKEW_MARGIN_MS = 10_000;
/** A lock whose expiry tag cannot be read expires this long after EC2 created it (the longest lease). */
const UNREADABLE_LEASE_MS = 3_600_000;
const MIN_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10_000;
const ALREADY_EXISTS = 'InvalidLaunchTemplateName.AlreadyExistsException';
const NAME_GONE = 'InvalidLaunchTemplateName.NotFoundException';
const ID_GONE = new Set(['InvalidLaunchTemplateId.NotFound', NAME_GONE]);
/**
 * The lock's name. Deployment ids are lowercase letters, digits and hyphens, so a name with a dot
 * can never be the launch template `spot-deploy-<id>` of another deployment (with
 * `spot-deploy-lock-<id>`, deployment `lock-x`'s template would be deployment `x`'s lock).
 */
function lockName(deploymentId) {
    return `spot-deploy-${deploymentId}.lock`;
}
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
function lockTags(o, nowMs) {
    const { [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.expiresAt]: _ttl, // the deployment's TTL: the janitor must not read it as the lock's
    Name: _name, ...runTags } = o.tags;
    const tags = {
        ...runTags,
        [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.deployment]: o.deploymentId,
        [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.managed]: 'true',
        [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.lockHolder]: o.holder.slice(0, 256),
        [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.lockSince]: iso(nowMs),
        [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.lockExpiresAt]: iso(nowMs + o.leaseMs),
        Name: lockName(o.deploymentId),
    };
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
/** One atomic attempt: the lock, or undefined when the name is taken. */
async function tryCreate(client, o) {
    const nowMs = o.now().getTime();
    const name = lockName(o.deploymentId);
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .CreateLaunchTemplateCommand */ .xMu({
            LaunchTemplateName: name,
            VersionDescription: 'spot-deploy deploy lock (not for launching)',
            // EC2 wants some launch data; this one launches nothing useful (no image).
            LaunchTemplateData: { InstanceInitiatedShutdownBehavior: 'terminate' },
            TagSpecifications: [{ ResourceType: 'launch-template', Tags: lockTags(o, nowMs) }],
        }));
        const id = out.LaunchTemplate?.LaunchTemplateId;
        if (id === undefined)
            throw new Error('CreateLaunchTemplate answered without an id');
        return { id, region: o.region, name, holder: o.holder.slice(0, 256), since: iso(nowMs) };
    }
    catch (err) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err) === ALREADY_EXISTS)
            return undefined;
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('CreateLaunchTemplate', o.region, err, `take the deploy lock ${name}`);
    }
}
/**
 * The live tags of a launch template, read with DescribeTags: DescribeLaunchTemplates' tags are
 * the same on EC2, but moto freezes them at creation, and a renewed lease must be seen.
 */
async function liveTags(client, region, id) {
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeTagsCommand */ .yRM({
            Filters: [{ Name: 'resource-id', Values: [id] }],
            MaxResults: 1000,
        }));
        const tags = {};
        for (const t of out.Tags ?? [])
            if (t.Key !== undefined)
                tags[t.Key] = t.Value ?? '';
        return tags;
    }
    catch (err) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('DescribeTags', region, err, `read the deploy lock ${id}`);
    }
}
function lockInfo(id, tags, createdMs) {
    // No tags at all: deleted since it was listed (or, just created, not yet visible to DescribeTags;
    // readLock, which has just seen it by name, then reads it as a lock with an unreadable lease).
    if (Object.keys(tags).length === 0 && createdMs === undefined)
        return undefined;
    const raw = tags[_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.lockExpiresAt];
    const parsed = raw === undefined ? NaN : Date.parse(raw);
    const end = Number.isNaN(parsed) ? (createdMs ?? 0) + UNREADABLE_LEASE_MS : parsed;
    return {
        id,
        holder: tags[_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.lockHolder] ?? 'an unknown holder',
        since: tags[_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.lockSince] ?? 'an unknown time',
        expiresAt: Number.isNaN(parsed) ? undefined : (raw ?? undefined),
        staleAfterMs: end + SKEW_MARGIN_MS,
    };
}
/** The deployment's lock as EC2 has it now, or undefined when there is none. */
async function readLock(client, region, deploymentId) {
    let lt;
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeLaunchTemplatesCommand */ .fmI({ LaunchTemplateNames: [lockName(deploymentId)] }));
        lt = out.LaunchTemplates?.[0];
    }
    catch (err) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err) === NAME_GONE)
            return undefined;
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('DescribeLaunchTemplates', region, err, `read the deploy lock`);
    }
    if (lt?.LaunchTemplateId === undefined)
        return undefined;
    const tags = await liveTags(client, region, lt.LaunchTemplateId);
    return lockInfo(lt.LaunchTemplateId, tags, lt.CreateTime?.getTime() ?? 0);
}
/** A lock known by id (the janitor's listing, the post step's state). */
async function readLockById(client, region, id) {
    return lockInfo(id, await liveTags(client, region, id), undefined);
}
/** Deletes a lock read as stale (by its id: never a lock re-created since). True when deleted. */
async function removeIfStale(client, region, lock, nowMs) {
    if (nowMs <= lock.staleAfterMs)
        return false;
    return (0,_destroy_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteLaunchTemplate */ .NB)(client, region, lock.id);
}
/**
 * Takes the deployment's lock, waiting (2 s → 10 s backoff) while a live holder has it, up to
 * `timeoutMs`; a stale lock (holder dead: its lease ran out) is removed and taken. Throws
 * LockHeldError naming the holder when the time is up.
 */
async function acquireLock(client, o) {
    const start = o.now().getTime();
    const deadline = start + o.timeoutMs;
    let delay = MIN_DELAY_MS;
    let last;
    let announced = false;
    // Every pass either sleeps at least MIN_DELAY_MS or removed a lock: bounded either way.
    const maxPasses = Math.ceil(o.timeoutMs / MIN_DELAY_MS) + 10;
    for (let pass = 0; pass < maxPasses; pass++) {
        const held = await tryCreate(client, o);
        if (held)
            return held;
        const info = await readLock(client, o.region, o.deploymentId);
        if (info === undefined)
            continue; // released between our two calls: try again at once
        last = info;
        const nowMs = o.now().getTime();
        if (await removeIfStale(client, o.region, info, nowMs)) {
            o.log?.(`${o.region}: removed the stale deploy lock of ${info.holder} (lease ended ${info.expiresAt ?? 'unreadable'})`);
            continue;
        }
        if (nowMs >= deadline)
            break;
        if (!announced) {
            o.log?.(`${o.region}: deploy lock held by ${info.holder} since ${info.since}; waiting up to ${Math.round(o.timeoutMs / 1000)} s`);
            announced = true;
        }
        await o.sleep(Math.min(delay, deadline - nowMs));
        delay = Math.min(Math.round(delay * 1.5), MAX_DELAY_MS);
    }
    const name = lockName(o.deploymentId);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LockHeldError */ .Rk(o.deploymentId, last?.holder ?? 'another run', last?.since ?? 'an unknown time', last?.expiresAt ?? 'unknown', Math.round((o.now().getTime() - start) / 1000), `Wait for that run to end or raise lock-timeout; a holder that died loses the lock when its lease ends. ` +
        `If you know it is dead: aws ec2 delete-launch-template --region ${o.region} --launch-template-name ${name}`);
}
/** Moves the lease end to now + leaseMs; 'lost' when the lock is gone (someone found it stale). */
async function renewLock(client, lock, expiresAtMs) {
    try {
        await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .CreateTagsCommand */ .RmG({
            Resources: [lock.id],
            Tags: [{ Key: _types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.lockExpiresAt, Value: iso(expiresAtMs) }],
        }));
        return 'renewed';
    }
    catch (err) {
        if (ID_GONE.has((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err)))
            return 'lost';
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('CreateTags', lock.region, err, `renew the deploy lock ${lock.id}`);
    }
}
/** Deletes the lock this holder took, only if it is still there and still names this holder. */
async function releaseLock(client, lock) {
    const info = await readLockById(client, lock.region, lock.id);
    if (info === undefined)
        return 'gone';
    if (info.holder !== lock.holder)
        return 'not-ours';
    return (await (0,_destroy_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteLaunchTemplate */ .NB)(client, lock.region, lock.id)) ? 'released' : 'gone';
}
/** Whether a managed launch template is a deploy lock (by its name, which no deployment's template can have). */
function isLockTemplate(r) {
    return r.kind === 'launch-template' && r.name === lockName(r.deploymentId);
}


/***/ }),

/***/ 60701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ allPages)
/* harmony export */ });
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);
/*
 * Reading every page of a paged EC2 Describe call, bounded: one loop instead of one per caller.
 */

/**
 * Every item of every page, in order. More than `maxPages` pages is an error rather than a silent
 * stop (what is left out could be the one item the caller needs: the newest image, a stale rule);
 * a token that does not move ends the listing, since asking again would loop for ever. A failed
 * call becomes an AwsError naming `action` and `what`.
 */
async function allPages(action, region, what, maxPages, page) {
    const out = [];
    let token;
    for (let n = 0; n < maxPages; n++) {
        let res;
        try {
            res = await page(token);
        }
        catch (err) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)(action, region, err, what);
        }
        out.push(...res.items);
        if (res.next === undefined || res.next === '' || res.next === token)
            return out;
        token = res.next;
    }
    throw new _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(action, region, 'TooManyPages', `Could not ${what} in ${region}: more than ${maxPages} pages of ec2:${action}`);
}


/***/ }),

/***/ 33766:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E8: () => (/* binding */ reclaimStatic),
/* harmony export */   hq: () => (/* binding */ pruneStaleRunnerRules),
/* harmony export */   kh: () => (/* binding */ authorizeRunnerRule),
/* harmony export */   tV: () => (/* binding */ revokeRunnerRule)
/* harmony export */ });
/* unused harmony export STATIC_RULE_DESCRIPTION */
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(35193);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);
/* harmony import */ var _ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(11533);
/* harmony import */ var _pages_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60701);
/* harmony import */ var _runner_rule_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9054);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23228);
/* harmony import */ var _visibility_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(25361);
/*
 * `ssh-cidr: runner`: this run's own SSH rule on the deployment's group, added while the run works
 * and revoked by its post step. The rule's description names the run (runner-rule.ts), so two
 * runs from one egress address (self-hosted runners behind one NAT) can tell whose rule it is.
 */







/** Pages of 1,000 managed groups the janitor reads per region (a bound, never reached in practice). */
const MAX_GROUP_PAGES = 100;
function permission(rule, description) {
    return {
        IpProtocol: 'tcp',
        FromPort: rule.port,
        ToPort: rule.port,
        IpRanges: [
            { CidrIp: rule.cidr, ...(description === undefined ? {} : { Description: description }) },
        ],
    };
}
/**
 * Authorises TCP `port` from `cidr` with this run's description. When the rule exists already
 * (another live run from the same address, or a dead one's), it is taken over: its description
 * becomes this run's, so this run's post step revokes it and the other run's leaves it; a static
 * rule (no runner description) is left as it is ('static': nothing for the post step). `fresh`:
 * the group was created in this run (NotFound is EC2's eventual consistency: retried).
 */
async function authorizeRunnerRule(client, rule, at, fresh) {
    const description = (0,_runner_rule_js__WEBPACK_IMPORTED_MODULE_4__/* .runnerRuleDescription */ .Lr)(rule.owner, at);
    const what = `allow TCP ${rule.port} from ${rule.cidr} (this runner) in security group ${rule.groupId}`;
    const authorize = () => client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .AuthorizeSecurityGroupIngressCommand */ .N8i({
        GroupId: rule.groupId,
        IpPermissions: [permission(rule, description)],
    }));
    try {
        if (fresh === undefined)
            await authorize();
        else
            await (0,_visibility_js__WEBPACK_IMPORTED_MODULE_3__/* .untilVisible */ .dr)({
                action: 'AuthorizeSecurityGroupIngress',
                region: rule.region,
                resource: `security group ${rule.groupId}`,
                codes: _visibility_js__WEBPACK_IMPORTED_MODULE_3__/* .GROUP_NOT_VISIBLE */ .Hw,
            }, authorize, fresh);
        return 'added';
    }
    catch (err) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorCode */ .CA)(err) !== 'InvalidPermission.Duplicate')
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('AuthorizeSecurityGroupIngress', rule.region, err, what);
    }
    // Only another run's rule is taken over. A rule without a runner description is a static one
    // (`ssh-cidr` lists this very /32): taken over, the post step would revoke what the deploy
    // keeps, and the address would lose SSH until the next deploy.
    const existing = await findRange(client, rule);
    if (typeof existing === 'object' &&
        (0,_runner_rule_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRunnerRuleDescription */ .yz)(existing.Description) === undefined)
        return 'static';
    try {
        await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .UpdateSecurityGroupRuleDescriptionsIngressCommand */ .yG3({
            GroupId: rule.groupId,
            IpPermissions: [permission(rule, description)],
        }));
        return 'taken over';
    }
    catch (err) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('UpdateSecurityGroupRuleDescriptionsIngress', rule.region, err, `take over the existing rule to ${what}`);
    }
}
const GROUP_GONE = new Set([
    'InvalidGroup.NotFound',
    'InvalidGroupId.NotFound',
]);
/** The group's range of exactly TCP `port` from `cidr`; 'group gone' when the group is. Throws AwsError. */
async function findRange(client, rule) {
    let perms;
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeSecurityGroupsCommand */ .jsQ({ GroupIds: [rule.groupId] }));
        perms = out.SecurityGroups?.[0]?.IpPermissions ?? [];
    }
    catch (err) {
        if (GROUP_GONE.has((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorCode */ .CA)(err)))
            return 'group gone';
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('DescribeSecurityGroups', rule.region, err, `read security group ${rule.groupId}`);
    }
    return perms
        .filter((p) => (0,_ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__/* .isSingleTcpPort */ .Z)(p, rule.port))
        .flatMap((p) => p.IpRanges ?? [])
        .find((r) => r.CidrIp === rule.cidr);
}
/**
 * The post step's revoke: reads the group; revokes exactly `cidr` on `port` when its description
 * still names `rule.owner`; leaves a rule another run took over; nothing when it is gone.
 */
async function revokeRunnerRule(client, rule) {
    const range = await findRange(client, rule);
    if (range === undefined || range === 'group gone')
        return { kind: 'gone' };
    const owner = (0,_runner_rule_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRunnerRuleDescription */ .yz)(range.Description)?.owner;
    if (owner !== rule.owner)
        return { kind: 'taken over', by: range.Description ?? '(no description)' };
    try {
        await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .RevokeSecurityGroupIngressCommand */ .eo3({
            GroupId: rule.groupId,
            IpPermissions: [permission(rule)],
        }));
    }
    catch (err) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorCode */ .CA)(err) === 'InvalidPermission.NotFound')
            return { kind: 'gone' };
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('RevokeSecurityGroupIngress', rule.region, err, `remove this runner's rule (TCP ${rule.port} from ${rule.cidr}) from security group ${rule.groupId}`);
    }
    return { kind: 'revoked' };
}
/**
 * The janitor's part: in every managed spot-deploy group of a region, the runner rules older than
 * RUNNER_RULE_MAX_AGE_MS (runners that died before their post step), also of live deployments.
 * Returns one line per group cleaned; throws AwsError.
 */
async function pruneStaleRunnerRules(client, region, nowMs) {
    const groups = await (0,_pages_js__WEBPACK_IMPORTED_MODULE_1__/* .allPages */ .S)('DescribeSecurityGroups', region, 'find the managed security groups', MAX_GROUP_PAGES, async (token) => {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeSecurityGroupsCommand */ .jsQ({
            Filters: [{ Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.managed}`, Values: ['true'] }],
            MaxResults: 1000,
            ...(token ? { NextToken: token } : {}),
        }));
        return { items: out.SecurityGroups ?? [], next: out.NextToken };
    });
    const done = [];
    for (const g of groups) {
        if (!g.Tags?.some((t) => t.Key === _types_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .D.deployment))
            continue;
        const stale = (0,_runner_rule_js__WEBPACK_IMPORTED_MODULE_4__/* .staleRunnerRules */ .HY)(g.IpPermissions ?? [], nowMs);
        if (stale.length === 0)
            continue;
        const ranges = stale.flatMap((p) => [
            ...(p.IpRanges ?? []).map((r) => r.CidrIp ?? ''),
            ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? ''),
        ]);
        try {
            await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .RevokeSecurityGroupIngressCommand */ .eo3({ GroupId: g.GroupId, IpPermissions: stale }));
        }
        catch (err) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('RevokeSecurityGroupIngress', region, err, `remove stale runner rules from security group ${g.GroupId ?? ''}`);
        }
        done.push(`${region} ${g.GroupId ?? ''}: removed stale runner rule(s) ${ranges.join(', ')}`);
    }
    return done;
}
/** The description a block of `ssh-cidr` gets back when it was reclaimed from a runner rule. */
const STATIC_RULE_DESCRIPTION = 'spot-deploy ssh-cidr';
/**
 * Blocks `ssh-cidr` lists that exist on the group only as another run's runner rule (the same
 * /32): EC2 holds one rule per block, so the sync finds them present and adds nothing, and that
 * run's post step would revoke them. Re-described as static, they stay: a post step revokes only
 * a rule whose description names its run. Returns the blocks reclaimed.
 */
async function reclaimStatic(client, region, groupId, existing, port, cidrs) {
    const taken = existing
        .filter((p) => (0,_ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__/* .isSingleTcpPort */ .Z)(p, port))
        .flatMap((p) => p.IpRanges ?? [])
        .filter((r) => cidrs.includes(r.CidrIp ?? '') && (0,_runner_rule_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRunnerRuleDescription */ .yz)(r.Description))
        .map((r) => r.CidrIp ?? '');
    for (const cidr of taken) {
        const rule = { region, groupId, cidr, port, owner: '' };
        try {
            await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .UpdateSecurityGroupRuleDescriptionsIngressCommand */ .yG3({
                GroupId: groupId,
                IpPermissions: [permission(rule, STATIC_RULE_DESCRIPTION)],
            }));
        }
        catch (err) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsError */ .es)('UpdateSecurityGroupRuleDescriptionsIngress', region, err, `keep TCP ${port} from ${cidr} (listed in ssh-cidr) in security group ${groupId} after the run that added it ends`);
        }
    }
    return taken;
}


/***/ }),

/***/ 9054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HY: () => (/* binding */ staleRunnerRules),
/* harmony export */   Lr: () => (/* binding */ runnerRuleDescription),
/* harmony export */   ZX: () => (/* binding */ isLiveRunnerRule),
/* harmony export */   oT: () => (/* binding */ runnerRuleOwner),
/* harmony export */   yz: () => (/* binding */ parseRunnerRuleDescription)
/* harmony export */ });
/* unused harmony export RUNNER_RULE_MAX_AGE_MS */
/* harmony import */ var _ip_permissions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11533);

/**
 * How long a runner rule may live: a GitHub-hosted job's limit (6 h). A rule older than that
 * belongs to a runner that died before its post step; the next deploy of the deployment and the
 * janitor remove it. A self-hosted job running longer may lose its rule to them.
 */
const RUNNER_RULE_MAX_AGE_MS = 6 * 3600 * 1000;
const PREFIX = 'spot-deploy runner';
/** The rule's description: who owns it and since when (EC2 allows these characters). */
function runnerRuleDescription(owner, at) {
    return `${PREFIX} ${owner} at=${at.toISOString()}`;
}
/** A runner rule's description read back; undefined when it is not one. `atMs` undefined: unreadable. */
function parseRunnerRuleDescription(description) {
    if (description === undefined || !description.startsWith(`${PREFIX} `))
        return undefined;
    const m = /^spot-deploy runner (run=\S+) at=(\S+)$/.exec(description);
    if (m === null)
        return { owner: '', atMs: undefined };
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(m[2] ?? '');
    const ms = iso ? Date.parse(m[2] ?? '') : NaN;
    return { owner: m[1] ?? '', atMs: Number.isNaN(ms) ? undefined : ms };
}
/**
 * The owner of this run's rule, from characters EC2 allows in a rule description: the workflow
 * run and attempt, or on the command line the process and host.
 */
function runnerRuleOwner(ctx, cli) {
    const safe = (s) => s.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
    if (ctx.runId)
        return `run=${safe(ctx.runId)}/${safe(ctx.runAttempt ?? '1')}`;
    return `run=cli-${cli.pid}@${safe(cli.host) || 'host'}`;
}
/**
 * Whether a range of an SSH rule is a live runner rule that a prune must leave alone: another
 * run's, younger than RUNNER_RULE_MAX_AGE_MS (a date in the future counts as young: clock skew).
 * An old one, or one whose date cannot be read, is not.
 */
function isLiveRunnerRule(description, nowMs) {
    const r = parseRunnerRuleDescription(description);
    if (r === undefined || r.atMs === undefined)
        return false;
    return nowMs - r.atMs < RUNNER_RULE_MAX_AGE_MS;
}
/**
 * The runner rules in `perms` that are stale at `nowMs` (older than RUNNER_RULE_MAX_AGE_MS, or
 * with no readable date), as exactly the ranges to revoke. Other rules are not looked at.
 */
function staleRunnerRules(perms, nowMs) {
    return perms.flatMap((p) => {
        const stale = (d) => parseRunnerRuleDescription(d) !== undefined && !isLiveRunnerRule(d, nowMs);
        const v4 = (p.IpRanges ?? []).filter((r) => stale(r.Description));
        const v6 = (p.Ipv6Ranges ?? []).filter((r) => stale(r.Description));
        const revoke = (0,_ip_permissions_js__WEBPACK_IMPORTED_MODULE_0__/* .withBlocks */ .h)(p, {
            IpRanges: v4.map((r) => ({ CidrIp: r.CidrIp })),
            Ipv6Ranges: v6.map((r) => ({ CidrIpv6: r.CidrIpv6 })),
        });
        return revoke === undefined ? [] : [revoke];
    });
}


/***/ }),

/***/ 25361:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hw: () => (/* binding */ GROUP_NOT_VISIBLE),
/* harmony export */   dr: () => (/* binding */ untilVisible),
/* harmony export */   sz: () => (/* binding */ TEMPLATE_NOT_VISIBLE)
/* harmony export */ });
/* unused harmony export VISIBILITY_TIMEOUT_MS */
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38098);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40768);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(29834);
/**
 * EC2 is eventually consistent: a security group or launch template this run has just created can
 * be unknown to the next call for a few seconds ("InvalidGroup.NotFound",
 * "InvalidLaunchTemplateId.NotFound"). Such answers are retried here with backoff, bounded in time
 * and count, and only for resources this run created: an id the user gave that is not found is
 * their mistake and stays an immediate error at the caller.
 */



/** AuthorizeSecurityGroupIngress right after CreateSecurityGroup. */
const GROUP_NOT_VISIBLE = new Set([
    'InvalidGroup.NotFound',
    'InvalidGroupId.NotFound',
]);
/** CreateFleet right after CreateLaunchTemplate(Version), thrown or per override in its errorSet. */
const TEMPLATE_NOT_VISIBLE = new Set([
    'InvalidLaunchTemplateId.NotFound',
    'InvalidLaunchTemplateId.Malformed',
    'InvalidLaunchTemplateId.VersionNotFound',
    'InvalidLaunchTemplateName.NotFoundException',
]);
/** About a minute: AWS documents seconds; past this something else is wrong. */
const VISIBILITY_TIMEOUT_MS = 60_000;
/**
 * Calls `attempt(n)` (n = 0, 1, …) until it neither throws one of `target.codes` nor returns a
 * result `notVisible` maps to one of them; pauses 0.5 s doubling to 5 s between attempts, within
 * `timeoutMs`. `n` lets a caller make each attempt distinct (a CreateFleet ClientToken must not
 * replay the answer of the failed attempt). Other errors are thrown as they are. When the time
 * runs out: an AwsError saying the resource never became visible.
 */
async function untilVisible(target, attempt, opts = {}) {
    const timeoutMs = opts.timeoutMs ?? VISIBILITY_TIMEOUT_MS;
    const clock = (0,_wait_js__WEBPACK_IMPORTED_MODULE_1__/* .pollClock */ .kO)({
        timeoutMs,
        ...(opts.sleep ? { sleep: opts.sleep } : {}),
        ...(opts.now ? { now: opts.now } : {}),
    }, { minDelayMs: 500, maxDelayMs: 5_000 });
    for (let n = 0;; n++) {
        let code;
        let cause;
        try {
            const result = await attempt(n);
            code = opts.notVisible?.(result);
            if (code === undefined || !target.codes.has(code))
                return result;
        }
        catch (err) {
            code = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorCode */ .CA)(err);
            if (!target.codes.has(code))
                throw err;
            cause = err;
        }
        if (clock.expired()) {
            throw new _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(target.action, target.region, code, `Could not call ec2:${target.action} in ${target.region}: ${target.resource}, which this run has just created, never became visible to it (${code} for ${(0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(clock.elapsedMs(), { digits: 0 })}, ${n + 1} attempts). EC2 is eventually consistent and usually catches up within seconds: run again; if it persists, check the AWS Health Dashboard for ${target.region}.`, { cause });
        }
        opts.log?.(`${target.region}: ${target.resource} not visible to ec2:${target.action} yet (${code}), retrying`);
        await clock.pause();
    }
}


/***/ }),

/***/ 94189:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jg: () => (/* binding */ withDeployLock),
/* harmony export */   an: () => (/* binding */ releaseSavedLock)
/* harmony export */ });
/* unused harmony export lockHolder */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_lock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77498);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _report_links_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83303);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(29834);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(90373);
/*
 * The deploy lock around a mode's work: take it (aws/lock.ts), save it for the post step, renew
 * its lease while the work runs, release it at the end, whatever the outcome. Deploy, destroy and
 * rollback wrap their runner in `withDeployLock`; the janitor takes none.
 */







const abortableWait = (ms, signal) => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(ms, undefined, { signal }).catch(() => undefined);
/** Who holds a lock, as people should read it: the run's URL, or user@host and pid on a CLI. */
function lockHolder(ctx) {
    const url = (0,_report_links_js__WEBPACK_IMPORTED_MODULE_5__/* .runUrl */ .Vp)(ctx);
    if (url !== undefined)
        return ctx.runAttempt ? `${url} (attempt ${ctx.runAttempt})` : url;
    let user;
    try {
        user = (0,node_os__WEBPACK_IMPORTED_MODULE_0__.userInfo)().username;
    }
    catch {
        user = process.env.USER ?? 'unknown';
    }
    return `${user}@${(0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)()} pid ${process.pid} (command line)`;
}
/** A day of heartbeats at the shortest lease: longer than any job GitHub runs. */
const MAX_BEATS = Math.ceil(86_400 / (15 / 4));
function heartbeat(client, lock, leaseMs, deps) {
    const now = deps.now ?? _time_js__WEBPACK_IMPORTED_MODULE_6__/* .realClock */ .dQ;
    const wait = deps.wait ?? abortableWait;
    const stop = new AbortController();
    // A quarter of the lease: three renewals in a row may fail (throttling, a network blip) before
    // anyone may see the lease as ended.
    const intervalMs = leaseMs / 4;
    const loop = (async () => {
        for (let n = 0; n < MAX_BEATS; n++) {
            await wait(intervalMs, stop.signal);
            if (stop.signal.aborted)
                return;
            try {
                if ((await (0,_aws_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .renewLock */ .LH)(client, lock, now().getTime() + leaseMs)) === 'lost') {
                    deps.sink.warning(`The deploy lock ${lock.name} is gone (another run found its lease ended and removed it): runs of this deployment may now overlap.`);
                    return;
                }
            }
            catch (e) {
                deps.sink.warning(`Could not renew the deploy lock (retrying): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
            }
        }
    })();
    return async () => {
        stop.abort();
        await loop;
    };
}
/** Releases a lock; a failure is a warning (the lease ends it anyway), never the run's error. */
async function release(client, lock, sink, who) {
    try {
        const r = await (0,_aws_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseLock */ .x_)(client, lock);
        if (r === 'released')
            sink.info(`${who}: deploy lock released.`);
        else if (r === 'not-ours')
            sink.warning(`${who}: the deploy lock ${lock.id} names another holder now; left alone.`);
    }
    catch (e) {
        sink.warning(`${who}: could not release the deploy lock ${lock.id} in ${lock.region} (its lease ends it): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    }
}
/**
 * Runs `fn` holding the deployment's deploy lock: a launch template in the plan's first region,
 * taken before `fn` (waiting up to `lock-timeout`, then LockHeldError naming the holder), renewed
 * every `lock-lease`/4 while `fn` runs, and released when it ends, also when it throws (unless
 * `opts.holdForPost` leaves it to the post step).
 */
async function withDeployLock(deps, plan, ctx, fn, opts = {}) {
    const region = plan.regions[0]?.region;
    if (region === undefined)
        throw new Error('the deploy lock needs a region');
    const client = deps.ec2(region);
    const leaseMs = plan.inputs.lockLeaseSeconds * 1000;
    const lock = await (0,_aws_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .acquireLock */ .IZ)(client, {
        region,
        deploymentId: plan.deploymentId,
        holder: deps.holder ?? lockHolder(ctx),
        leaseMs,
        timeoutMs: plan.inputs.lockTimeoutSeconds * 1000,
        tags: plan.tags,
        now: deps.now ?? _time_js__WEBPACK_IMPORTED_MODULE_6__/* .realClock */ .dQ,
        sleep: deps.sleep ?? _time_js__WEBPACK_IMPORTED_MODULE_6__/* .realSleep */ .uk,
        log: (m) => deps.sink.info(m),
    });
    if (deps.state)
        (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .saveLock */ .RB)(deps.state, lock);
    deps.sink.info(`${region}: deploy lock ${lock.name} taken (${lock.id}).`);
    const stopHeartbeat = heartbeat(client, lock, leaseMs, deps);
    let succeeded = false;
    try {
        const out = await fn(lock);
        succeeded = true;
        return out;
    }
    finally {
        await stopHeartbeat();
        if (deps.state && opts.holdForPost?.(succeeded)) {
            deps.sink.info('The deploy lock stays until the post step has cleaned up.');
        }
        else {
            await release(client, lock, deps.sink, 'spot-deploy');
            if (deps.state)
                (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .clearLock */ .Nq)(deps.state);
        }
    }
}
/** The post step's part: releases a lock the main step saved and did not release. */
async function releaseSavedLock(state, ec2, sink) {
    const saved = (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .readLock */ .mF)(state);
    if (saved === undefined)
        return;
    await release(ec2(saved.region), saved, sink, 'spot-deploy post');
    (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .clearLock */ .Nq)(state);
}


/***/ })

};
;