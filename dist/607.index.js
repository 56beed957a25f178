"use strict";
exports.id = 607;
exports.ids = [607];
exports.modules = {

/***/ 50637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ ensureSecurityGroup),
/* harmony export */   T: () => (/* binding */ findDeploymentGroups)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(35193);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38098);
/* harmony import */ var _ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(11533);
/* harmony import */ var _runner_access_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33766);
/* harmony import */ var _runner_rule_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9054);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23228);
/* harmony import */ var _visibility_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(25361);








const GROUP_NOT_FOUND = new Set([
    'InvalidGroup.NotFound',
    'InvalidGroupId.Malformed',
    'InvalidGroupId.NotFound',
]);
/**
 * The security groups for the instances of one VPC. Given groups are only checked. Otherwise the
 * deployment's own group is found by name (a redeploy reuses it) or created, and its ingress is
 * made exactly TCP `sshPort` from `cidrs` and each service port from its blocks: in a group
 * spot-deploy manages, rules of earlier runs (another address, a port no longer listed) are
 * revoked, so they neither stay open nor pile up to the per-group rule quota. Other runs'
 * `ssh-cidr: runner` rules younger than RUNNER_RULE_MAX_AGE_MS stay (those runs are alive and
 * revoke them in their post steps); older ones go.
 */
async function ensureSecurityGroup(client, region, spec, visibility = {}) {
    if (spec.given.length > 0) {
        return { groupIds: await checkGiven(client, region, spec), status: 'given' };
    }
    let group = await findByName(client, region, spec);
    let status = 'reused';
    if (!group) {
        const made = await create(client, region, spec);
        group = made.group;
        if (made.created)
            status = 'created';
    }
    const groupId = group.GroupId ?? '';
    const managed = status === 'created' || group.Tags?.some((t) => t.Key === _types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.managed && t.Value === 'true');
    // A group created a moment ago may be unknown to the next call for a few seconds: wait for it.
    // A reused one was found by DescribeSecurityGroups, so NotFound there is a real error.
    const fresh = status === 'created' ? visibility : undefined;
    const nowMs = (visibility.now ?? Date.now)();
    await syncIngress(client, region, groupId, group.IpPermissions ?? [], spec, {
        prune: managed === true,
        fresh,
        nowMs,
    });
    return { groupIds: [groupId], status };
}
async function checkGiven(client, region, spec) {
    const ids = [...new Set(spec.given)];
    const fix = `security groups belong to one region and VPC: give groups of ${spec.vpcId} in ${region}.`;
    let groups;
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeSecurityGroupsCommand */ .jsQ({ GroupIds: ids }));
        groups = out.SecurityGroups ?? [];
    }
    catch (err) {
        if (GROUP_NOT_FOUND.has((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err))) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('security-group-ids', `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)} in ${region}; ${fix}`);
        }
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('DescribeSecurityGroups', region, err, `look up security groups ${ids.join(', ')}`);
    }
    const missing = ids.filter((id) => !groups.some((g) => g.GroupId === id));
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('security-group-ids', `${missing.join(', ')} not found in ${region}; ${fix}`);
    }
    const elsewhere = groups.filter((g) => g.VpcId !== spec.vpcId);
    if (elsewhere.length > 0) {
        const list = elsewhere.map((g) => `${g.GroupId} (${g.VpcId})`).join(', ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('security-group-ids', `${list} not in ${spec.vpcId}, the VPC of the subnets; ${fix}`);
    }
    return ids;
}
/**
 * The deployment's own groups in a region, found by the plan's group name (one per VPC it was
 * deployed to), for modes that do not create one (rollback, reconcile). Only groups tagged with
 * the deployment: those spot-deploy created.
 */
async function findDeploymentGroups(client, region, name, deploymentId) {
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeSecurityGroupsCommand */ .jsQ({
            Filters: [
                { Name: 'group-name', Values: [name] },
                { Name: `tag:${_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.deployment}`, Values: [deploymentId] },
            ],
        }));
        return out.SecurityGroups ?? [];
    }
    catch (err) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('DescribeSecurityGroups', region, err, `find security group ${name}`);
    }
}
async function findByName(client, region, spec) {
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeSecurityGroupsCommand */ .jsQ({
            Filters: [
                { Name: 'group-name', Values: [spec.name] },
                { Name: 'vpc-id', Values: [spec.vpcId] },
            ],
        }));
        return out.SecurityGroups?.[0];
    }
    catch (err) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('DescribeSecurityGroups', region, err, `find security group ${spec.name}`);
    }
}
async function create(client, region, spec) {
    const deployment = spec.tags[_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.deployment] ?? spec.name;
    const tags = { ...spec.tags, [_types_js__WEBPACK_IMPORTED_MODULE_3__/* .TAG */ .D.managed]: 'true' };
    try {
        const out = await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .CreateSecurityGroupCommand */ .x3C({
            GroupName: spec.name,
            Description: `SSH to the instances of spot-deploy deployment ${deployment}`,
            VpcId: spec.vpcId,
            TagSpecifications: [
                {
                    ResourceType: 'security-group',
                    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
                },
            ],
        }));
        return { group: { GroupId: out.GroupId ?? '' }, created: true };
    }
    catch (err) {
        // A concurrent run of the same deployment created it first: use theirs.
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err) === 'InvalidGroup.Duplicate') {
            const group = await findByName(client, region, spec);
            if (group)
                return { group, created: false };
        }
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('CreateSecurityGroup', region, err, `create security group ${spec.name}`);
    }
}
/** IPv6 blocks compare in canonical form (EC2 answers `2001:db8::/32` for `2001:DB8:0::/32`). */
function canonical(cidr) {
    const [addr = '', prefix = ''] = cidr.split('/');
    if (!addr.includes(':'))
        return cidr;
    try {
        return `${new URL(`http://[${addr}]/`).hostname.slice(1, -1)}/${prefix}`;
    }
    catch {
        return cidr.toLowerCase();
    }
}
function rangeOf(cidr) {
    return cidr.includes(':')
        ? { Ipv6Ranges: [{ CidrIpv6: cidr }] }
        : { IpRanges: [{ CidrIp: cidr }] };
}
async function syncIngress(client, region, groupId, existing, spec, opts) {
    const { prune, fresh, nowMs } = opts;
    const isSsh = (p) => (0,_ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__/* .isSingleTcpPort */ .Z)(p, spec.sshPort);
    // Rules compare as (port, block) pairs: one port's block says nothing about another port.
    const keepOthers = spec.services === 'keep';
    const rules = [
        { port: spec.sshPort, cidrs: spec.cidrs },
        ...(spec.services === 'keep' ? [] : (spec.services ?? [])),
    ];
    const pair = (port, cidr) => `${port} ${canonical(cidr)}`;
    const wanted = new Set(rules.flatMap((r) => r.cidrs.map((c) => pair(r.port, c))));
    const present = new Set(existing
        .filter((p) => (0,_ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__/* .isSingleTcpPort */ .Z)(p))
        .flatMap((p) => [
        ...(p.IpRanges ?? []).map((r) => pair(p.FromPort, r.CidrIp ?? '')),
        ...(p.Ipv6Ranges ?? []).map((r) => pair(p.FromPort, r.CidrIpv6 ?? '')),
    ]));
    const missing = rules.flatMap((r) => r.cidrs.filter((c) => !present.has(pair(r.port, c))).map((cidr) => ({ port: r.port, cidr })));
    // One call per block: EC2 rejects a whole batch when any rule in it exists already.
    for (const { port, cidr } of missing) {
        const authorize = () => client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .AuthorizeSecurityGroupIngressCommand */ .N8i({
            GroupId: groupId,
            IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...rangeOf(cidr) }],
        }));
        try {
            if (fresh === undefined)
                await authorize();
            else
                await (0,_visibility_js__WEBPACK_IMPORTED_MODULE_4__/* .untilVisible */ .dr)({
                    action: 'AuthorizeSecurityGroupIngress',
                    region,
                    resource: `security group ${groupId}`,
                    codes: _visibility_js__WEBPACK_IMPORTED_MODULE_4__/* .GROUP_NOT_VISIBLE */ .Hw,
                }, authorize, fresh);
        }
        catch (err) {
            if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(err) === 'InvalidPermission.Duplicate')
                continue;
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('AuthorizeSecurityGroupIngress', region, err, `allow TCP ${port} from ${cidr} in security group ${groupId}`);
        }
    }
    // A listed block held only as another run's runner rule: made static, or its post step revokes it.
    await (0,_runner_access_js__WEBPACK_IMPORTED_MODULE_2__/* .reclaimStatic */ .E8)(client, region, groupId, existing, spec.sshPort, spec.cidrs);
    if (!prune)
        return;
    // Revoked after the new rules exist, so the current addresses are never locked out.
    const stale = existing.flatMap((p) => {
        if (keepOthers && !isSsh(p))
            return [];
        const keep = (cidr) => (0,_ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__/* .isSingleTcpPort */ .Z)(p) && wanted.has(pair(p.FromPort, cidr ?? ''));
        // Another live run's per-run rule (ssh-cidr: runner): its own post step revokes it.
        const live = (d) => isSsh(p) && (0,_runner_rule_js__WEBPACK_IMPORTED_MODULE_7__/* .isLiveRunnerRule */ .ZX)(d, nowMs);
        const v4 = (p.IpRanges ?? []).filter((r) => !keep(r.CidrIp) && !live(r.Description));
        const v6 = (p.Ipv6Ranges ?? []).filter((r) => !keep(r.CidrIpv6) && !live(r.Description));
        // Just the stale parts: a revoke removes exactly the sources it lists.
        const revoke = (0,_ip_permissions_js__WEBPACK_IMPORTED_MODULE_6__/* .withBlocks */ .h)(p, {
            IpRanges: v4,
            Ipv6Ranges: v6,
            UserIdGroupPairs: p.UserIdGroupPairs,
            PrefixListIds: p.PrefixListIds,
        });
        return revoke === undefined ? [] : [revoke];
    });
    if (stale.length === 0)
        return;
    try {
        await client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .RevokeSecurityGroupIngressCommand */ .eo3({ GroupId: groupId, IpPermissions: stale }));
    }
    catch (err) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsError */ .es)('RevokeSecurityGroupIngress', region, err, `remove earlier runs' ingress rules from security group ${groupId}`);
    }
}


/***/ }),

/***/ 10607:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ku: () => (/* binding */ describe),
  Tw: () => (/* binding */ openByName),
  pN: () => (/* binding */ openEverywhere),
  $q: () => (/* binding */ openOnGroup),
  j6: () => (/* binding */ resolveRunnerAccess),
  Ar: () => (/* binding */ revokeCommand),
  dq: () => (/* binding */ revokeSavedRules)
});

// UNUSED EXPORTS: readRunnerRules, recordRunnerRule

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/aws/aws-errors.ts
var aws_errors = __webpack_require__(38098);
// EXTERNAL MODULE: ./src/aws/runner-access.ts
var runner_access = __webpack_require__(33766);
// EXTERNAL MODULE: ./src/aws/runner-rule.ts
var runner_rule = __webpack_require__(9054);
// EXTERNAL MODULE: ./src/aws/security-group.ts
var security_group = __webpack_require__(50637);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: ./src/inputs/runner-ip.ts
var runner_ip = __webpack_require__(49021);
// EXTERNAL MODULE: ./src/inputs/primitives.ts
var primitives = __webpack_require__(25839);
;// CONCATENATED MODULE: ./src/modes/runner-ip.ts
/*
 * The runner's egress IPv4 address, asked of the `runner-ip-lookup` URLs in order until one
 * answers with an address. Runs before any AWS call: a runner that cannot learn its address fails
 * here, before anything is written or launched. The fetch is passed in (the unit tier has no sockets).
 */



const LOOKUP_PER_URL_MS = 5_000;
const LOOKUP_TOTAL_MS = 15_000;
/** At most `max` bytes of a body, then the rest is cancelled (a huge answer is no address). */
async function readCapped(body, max) {
    if (body === null)
        return { text: '', over: false };
    const reader = body.getReader();
    const chunks = [];
    let size = 0;
    try {
        // Bounded: every round adds at least one byte or ends, and stops past `max`.
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            chunks.push(value);
            size += value.byteLength;
            if (size > max)
                return { text: '', over: true };
        }
    }
    finally {
        await reader.cancel().catch(() => undefined);
    }
    return { text: Buffer.concat(chunks).toString('utf8'), over: false };
}
async function askOne(url, ms, fetch) {
    const signal = AbortSignal.timeout(ms);
    try {
        const res = await fetch(url, {
            signal,
            redirect: 'error',
            headers: { accept: 'text/plain', 'user-agent': 'spot-deploy' },
        });
        if (!res.ok) {
            await res.body?.cancel().catch(() => undefined);
            return { error: `HTTP ${res.status}` };
        }
        const { text, over } = await readCapped(res.body, runner_ip/* LOOKUP_MAX_BYTES */.eV);
        if (over)
            return { error: `answered more than ${runner_ip/* LOOKUP_MAX_BYTES */.eV} bytes, not one address` };
        return (0,runner_ip/* parseEchoedIp */.RU)(text);
    }
    catch (e) {
        if (signal.aborted)
            return { error: `no answer within ${ms / 1000} s` };
        const cause = e.cause;
        return { error: (0,primitives/* printable */.g$)(cause === undefined ? (0,errors/* errorMessage */.gJ)(e) : (0,errors/* errorMessage */.gJ)(cause)) };
    }
}
/**
 * The runner's egress IPv4 address from the first URL that answers with one. Each URL has
 * `perUrlMs`, all of them `totalMs`. Throws InputError naming `runner-ip-lookup` with each URL's
 * answer and what to do instead.
 */
async function lookupRunnerIp(urls, opts) {
    const now = opts.now ?? Date.now;
    const perUrl = opts.perUrlMs ?? LOOKUP_PER_URL_MS;
    const end = now() + (opts.totalMs ?? LOOKUP_TOTAL_MS);
    const answers = [];
    for (const url of urls) {
        const left = end - now();
        if (left <= 0) {
            answers.push(`${url}: not asked (the lookup's ${(opts.totalMs ?? LOOKUP_TOTAL_MS) / 1000} s were used up)`);
            continue;
        }
        const r = await askOne(url, Math.min(perUrl, left), opts.fetch);
        if ('ip' in r)
            return r.ip;
        answers.push(`${url}: ${r.error}`);
    }
    throw new errors/* InputError */.dz('runner-ip-lookup', `could not learn this runner's IPv4 address for ssh-cidr: runner (${answers.join('; ')}). ` +
        'Allow the runner to reach the lookup URL, give another one (https://, a list is tried in order), ' +
        'set ssh-cidr to explicit CIDR blocks that hold the runner, or run the runner inside the VPC ' +
        'with ssh-address: private-ip.');
}

// EXTERNAL MODULE: ./src/modes/state.ts
var modes_state = __webpack_require__(90373);
;// CONCATENATED MODULE: ./src/modes/runner-access.ts
/*
 * `ssh-cidr: runner` in the modes that SSH (deploy, rollback, reconcile): learn the runner's
 * address before any AWS call, open TCP `ssh-port` from it on the deployment's own group for this
 * run (saved in state at once), and the post step's revoke.
 */









/** Node's own fetch: no proxy, loopback stubs in tests through `runner-ip-lookup`. */
const globalFetch = (url, init) => fetch(url, init);
/**
 * The runner's /32 when `ssh-cidr` lists `runner` and the runner reaches the instances over the
 * internet; undefined otherwise (explicit CIDRs only, or `ssh-address: private-ip`, where the VPC's
 * blocks are a static rule). Throws InputError naming `runner-ip-lookup` when no URL answers.
 */
async function resolveRunnerAccess(inputs, ctx, sink, fetchFn = globalFetch) {
    if (!inputs.sshRunner || inputs.sshAddress === 'private-ip')
        return undefined;
    if (inputs.securityGroupIds.length > 0) {
        sink.info(`ssh-cidr runner: security-group-ids are used as they are, never modified; they must allow TCP ${inputs.sshPort} from this runner (see the README, "Security model").`);
        return undefined;
    }
    const ip = await lookupRunnerIp(inputs.runnerIpLookup, { fetch: fetchFn });
    sink.info(`ssh-cidr runner: this runner's address is ${ip}`);
    return { cidr: `${ip}/32`, owner: (0,runner_rule/* runnerRuleOwner */.oT)(ctx, { pid: process.pid, host: (0,external_node_os_.hostname)() }) };
}
/** Authorises this run's rule on one group and saves it for the post step right away. */
async function openOnGroup(access, region, groupId, port, deps, fresh) {
    const rule = { region, groupId, cidr: access.cidr, port, owner: access.owner };
    const how = await (0,runner_access/* authorizeRunnerRule */.kh)(deps.ec2(region), rule, (deps.now ?? time/* realClock */.dQ)(), fresh);
    if (how === 'static') {
        // ssh-cidr lists this very address: the deploy's own rule, not this run's to revoke.
        deps.sink.info(`${region}: TCP ${port} from ${access.cidr} (this runner) is already allowed in ${groupId} by ssh-cidr; no runner rule added.`);
        return;
    }
    if (deps.state)
        recordRunnerRule(deps.state, rule);
    deps.sink.info(`${region}: TCP ${port} from ${access.cidr} (this runner, ${access.owner}) ${how === 'added' ? 'allowed' : 'taken over from another run at the same address'} in ${groupId} until the post step`);
}
/**
 * The deployment's groups in one region, found by name, each opened to this run. No group there
 * (nothing deployed, or an older run's given groups) is logged and skipped.
 */
async function openByName(plan, region, access, deps) {
    const name = plan.names.securityGroup;
    const groups = await (0,security_group/* findDeploymentGroups */.T)(deps.ec2(region), region, name, plan.deploymentId);
    if (groups.length === 0)
        deps.sink.info(`${region}: no security group ${name} of this deployment: no runner rule added.`);
    for (const g of groups)
        await openOnGroup(access, region, g.GroupId ?? '', plan.inputs.sshPort, deps);
}
/** Rollback and reconcile: every region of the plan, before the first SSH connection. */
async function openEverywhere(plan, access, deps) {
    if (access === undefined)
        return;
    for (const { region } of plan.regions)
        await openByName(plan, region, access, deps);
}
/**
 * Adds a per-run SSH rule this run authorised (or took over) and saves the list again at once
 * (state key `runnerRules`; state.ts codes the rest of what main hands to post).
 */
function recordRunnerRule(state, rule) {
    const all = readRunnerRules(state).filter((r) => !(r.region === rule.region && r.groupId === rule.groupId && r.cidr === rule.cidr));
    const { region, groupId, cidr, port, owner } = rule;
    state.save(modes_state/* STATE */.c4.runnerRules, JSON.stringify([...all, { region, groupId, cidr, port, owner }]));
}
/** The per-run SSH rules saved; unreadable entries are left out. */
function readRunnerRules(state) {
    const v = (0,modes_state/* parseJson */.qF)(state.get(modes_state/* STATE */.c4.runnerRules));
    if (!Array.isArray(v))
        return [];
    return v.flatMap((x) => {
        const { region, groupId, cidr, port, owner } = (x ?? {});
        const ok = [region, groupId, cidr, owner].every((f) => typeof f === 'string' && f !== '');
        return ok && typeof port === 'number'
            ? [{ region, groupId, cidr, port, owner }]
            : [];
    });
}
const describe = (r) => `${r.region}: TCP ${r.port} from ${r.cidr} in security group ${r.groupId} (this runner's rule)`;
/**
 * The post step's first act, whatever the cleanup policy and however the main step ended: every
 * saved runner rule revoked when it still names this run. Never throws: the caller reports.
 */
async function revokeSavedRules(state, ec2, sink) {
    const rules = readRunnerRules(state);
    const problems = [];
    const failed = [];
    // Nothing saved: nothing written either (a post step's state file may not even exist).
    if (rules.length === 0)
        return { problems, failed };
    // Saved back without the rules that are done: a second post step (CLI signal) skips them.
    const remaining = [];
    const say = (m) => sink.info(`spot-deploy post: ${m}`);
    for (const [n, rule] of rules.entries()) {
        const where = `${rule.region}: ${rule.cidr} on TCP ${rule.port}`;
        try {
            const r = await (0,runner_access/* revokeRunnerRule */.tV)(ec2(rule.region), rule);
            if (r.kind === 'revoked')
                say(`${where}: removed from ${rule.groupId} (this runner's rule).`);
            else if (r.kind === 'gone')
                say(`${where}: already gone from ${rule.groupId}.`);
            else
                say(`${where} in ${rule.groupId}: taken over by another run (${r.by}); that run removes it.`);
        }
        catch (e) {
            remaining.push(rule);
            const code = (0,aws_errors/* errorCode */.CA)(e);
            if ((0,aws_errors/* classify */.L8)(code) === 'credentials') {
                const left = [...remaining, ...rules.slice(n + 1)];
                state.save(modes_state/* STATE */.c4.runnerRules, JSON.stringify(left));
                return { problems, failed, refused: { code, region: rule.region, left } };
            }
            failed.push(rule);
            problems.push(`${describe(rule)}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
    state.save(modes_state/* STATE */.c4.runnerRules, JSON.stringify(remaining));
    return { problems, failed };
}
/** How to remove a runner rule by hand (the next deploy and the janitor do after 6 h). */
function revokeCommand(r) {
    return `aws ec2 revoke-security-group-ingress --region ${r.region} --group-id ${r.groupId} --protocol tcp --port ${r.port} --cidr ${r.cidr}`;
}



/***/ })

};
;