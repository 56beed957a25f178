"use strict";
exports.id = 520;
exports.ids = [520,716];
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

/***/ 25839:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   FF: () => (/* binding */ parseKeyValueLines),
/* harmony export */   GN: () => (/* binding */ parseCidr),
/* harmony export */   Yk: () => (/* binding */ parsePatternList),
/* harmony export */   g$: () => (/* binding */ printable),
/* harmony export */   nL: () => (/* binding */ parseEnum),
/* harmony export */   q6: () => (/* binding */ parseBool),
/* harmony export */   yt: () => (/* binding */ parseIntIn)
/* harmony export */ });
/* unused harmony export ECHO_MAX_CHARS */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);


// Small, strict parsers for action input strings. Each throws InputError naming the input and
// saying what it accepts; none of them echo a value that might be secret.
function parseIntIn(input, raw, min, max) {
    if (!/^\d+$/.test(raw)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected a whole number from ${min} to ${max}, got '${printable(raw)}'.`);
    }
    const n = Number(raw);
    if (n < min || n > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected a whole number from ${min} to ${max}, got ${raw}.`);
    }
    return n;
}
// The same spellings as core.getBooleanInput (YAML 1.2 core schema).
function parseBool(input, raw) {
    if (['true', 'True', 'TRUE'].includes(raw))
        return true;
    if (['false', 'False', 'FALSE'].includes(raw))
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected true or false, got '${printable(raw)}'.`);
}
function parseEnum(input, raw, allowed) {
    if (allowed.includes(raw))
        return raw;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected one of ${allowed.join(', ')}, got '${printable(raw)}'.`);
}
/** Items separated by commas or newlines; blanks dropped; duplicates refused. */
function parseList(input, raw) {
    const items = raw
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    const seen = new Set();
    for (const item of items) {
        if (seen.has(item))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(item)}' is listed twice.`);
        seen.add(item);
    }
    return items;
}
/** Items matching a pattern; `what` describes the accepted form for the error. */
function parsePatternList(input, raw, pattern, what) {
    const items = parseList(input, raw);
    for (const item of items) {
        if (!pattern.test(item)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(item)}' is not ${what}.`);
        }
    }
    return items;
}
const UNIT_SECONDS = { '': 1, s: 1, m: 60, h: 3600 };
/** Seconds, or a number with s/m/h. */
function parseDuration(input, raw, min, max) {
    const m = /^(\d+)(s|m|h)?$/.exec(raw);
    const accepted = `a duration such as 90s, 10m or 1h (a bare number is seconds), from ${min}s to ${max}s`;
    if (!m)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected ${accepted}, got '${printable(raw)}'.`);
    const seconds = Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 1);
    if (seconds < min || seconds > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected ${accepted}, got ${seconds}s.`);
    }
    return seconds;
}
const SIZE_UNITS = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
/** Bytes, or a number with K, M or G (binary multiples; KB/KiB spellings accepted). */
function parseSize(input, raw, min, max) {
    const m = /^(\d+)\s*([KMG])?(?:i?B)?$/i.exec(raw);
    const accepted = `a size such as 200M or 1G (a bare number is bytes), from ${min} to ${max} bytes`;
    if (!m)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected ${accepted}, got '${printable(raw)}'.`);
    const bytes = Number(m[1]) * (SIZE_UNITS[(m[2] ?? '').toUpperCase()] ?? 1);
    if (bytes < min || bytes > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `expected ${accepted}, got ${bytes} bytes.`);
    }
    return bytes;
}
/** An IPv6 address (already checked by isIPv6, no zone) as a 128-bit number. */
function ipv6Value(addr) {
    let text = addr;
    // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
    const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4?.[1] !== undefined) {
        const o = v4[1].split('.').map(Number);
        const hex = (a = 0, b = 0) => ((a << 8) | b).toString(16);
        text = `${text.slice(0, v4.index + 1)}${hex(o[0], o[1])}:${hex(o[2], o[3])}`;
    }
    const [head = '', tail] = text.split('::');
    const groups = (part) => (part === '' ? [] : part.split(':'));
    const h = groups(head);
    const t = tail === undefined ? [] : groups(tail);
    const all = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    return all.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}
function ipv6Text(value) {
    const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(16 * (7 - i))) & 0xffffn).toString(16));
    // The longest run of two or more zero groups becomes '::' (RFC 5952).
    let best = [-1, 0];
    for (let i = 0; i < 8;) {
        let j = i;
        while (j < 8 && groups[j] === '0')
            j++;
        if (j - i > (best[1] ?? 0) && j - i > 1)
            best = [i, j - i];
        i = j === i ? i + 1 : j;
    }
    const [at = -1, len = 0] = best;
    if (at < 0)
        return groups.join(':');
    return `${groups.slice(0, at).join(':')}::${groups.slice(at + len).join(':')}`;
}
/**
 * A canonical IPv4 or IPv6 CIDR block: host bits zero, no zone id, a prefix without leading
 * zeros. EC2 masks an IPv4 block's host bits silently (10.0.0.1/8 becomes 10.0.0.0/8, a wider
 * rule than the text suggests), so both families refuse them and name the block meant.
 */
function parseCidr(input, raw) {
    const accepted = 'a CIDR block such as 203.0.113.0/24, 0.0.0.0/0 or 2001:db8::/32';
    const m = /^([^/\s%]+)\/(0|[1-9]\d{0,2})$/.exec(raw);
    if (!m) {
        const why = raw.includes('%')
            ? ' (a zone id such as %eth0 names an interface of one host, not a network)'
            : /\/0\d/.test(raw)
                ? ' (the prefix length has a leading zero)'
                : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(raw)}' is not ${accepted}${why}.`);
    }
    const [, addr = '', prefixRaw = ''] = m;
    const prefix = Number(prefixRaw);
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv4)(addr)) {
        if (prefix > 32)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(raw)}': an IPv4 prefix is 0 to 32.`);
        const value = addr.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
        const hostBits = 2 ** (32 - prefix);
        if (value % hostBits !== 0) {
            const base = value - (value % hostBits);
            const canon = [24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.');
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(raw)}' has host bits set; write ${canon}/${prefix}.`);
        }
        return raw;
    }
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(addr)) {
        if (prefix > 128)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(raw)}': an IPv6 prefix is 0 to 128.`);
        const value = ipv6Value(addr);
        const hostMask = (1n << BigInt(128 - prefix)) - 1n;
        if ((value & hostMask) !== 0n) {
            const canon = ipv6Text(value & ~hostMask);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(raw)}' has host bits set; write ${canon}/${prefix}.`);
        }
        return raw;
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `'${printable(raw)}' is not ${accepted}.`);
}
/** `KEY=value` lines; blank lines and `#` comments skipped. Values are never echoed. */
function parseKeyValueLines(input, raw, keyPattern, keyWhat) {
    const out = [];
    const seen = new Set();
    raw.split('\n').forEach((line, i) => {
        const text = line.replace(/\r$/, '');
        if (text.trim() === '' || text.trimStart().startsWith('#'))
            return;
        const eq = text.indexOf('=');
        if (eq <= 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `line ${i + 1} is not KEY=value (expected ${keyWhat}, '=', then the value).`);
        }
        const key = text.slice(0, eq).trim();
        if (!keyPattern.test(key)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `line ${i + 1}: key '${printable(key)}' is not ${keyWhat}.`);
        }
        if (seen.has(key))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `line ${i + 1}: key '${printable(key)}' is set twice.`);
        seen.add(key);
        out.push([key, text.slice(eq + 1)]);
    });
    return out;
}
/** How much of an input value an error message repeats: enough to recognise it. */
const ECHO_MAX_CHARS = 64;
/**
 * An input value as an error message repeats it: control characters shown instead of breaking the
 * log line, and cut after ECHO_MAX_CHARS with its length (a 100 KB value is not echoed in full).
 */
function printable(s) {
    const shown = s.length > ECHO_MAX_CHARS ? s.slice(0, ECHO_MAX_CHARS) : s;
    const escaped = shown.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return s.length > ECHO_MAX_CHARS ? `${escaped}… (${s.length} characters)` : escaped;
}


/***/ }),

/***/ 49021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Im: () => (/* binding */ RUNNER_IP_LOOKUP_DEFAULT),
/* harmony export */   RU: () => (/* binding */ parseEchoedIp),
/* harmony export */   c9: () => (/* binding */ parseSshCidr),
/* harmony export */   eV: () => (/* binding */ LOOKUP_MAX_BYTES),
/* harmony export */   t0: () => (/* binding */ worldOpenWarning),
/* harmony export */   yy: () => (/* binding */ sshAccessText),
/* harmony export */   zK: () => (/* binding */ RUNNER),
/* harmony export */   zx: () => (/* binding */ parseRunnerIpLookup)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _primitives_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25839);
/*
 * `ssh-cidr: runner` and `runner-ip-lookup`: the words, the URLs and the strict reading of an
 * IP-echo service's answer (pure; the fetch itself is src/modes/runner-ip.ts).
 */


/** The `ssh-cidr` word for "the deploying runner's own egress address, for this run only". */
const RUNNER = 'runner';
/** `ssh-cidr`: a list whose entries are `runner` or CIDR blocks (mixing allowed). */
function parseSshCidr(raw, input) {
    const items = (0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(input, raw);
    const cidrs = items.filter((c) => c !== RUNNER).map((c) => (0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(input, c));
    return { runner: items.includes(RUNNER), cidrs };
}
/** The world-open blocks that are only ever used when written out, with a warning. */
const WORLD = new Set(['0.0.0.0/0', '::/0']);
/** The warning for an `ssh-cidr` that opens SSH to every address, or undefined. */
function worldOpenWarning(cidrs, port) {
    const open = cidrs.filter((c) => WORLD.has(c.toLowerCase()));
    if (open.length === 0)
        return undefined;
    return (`ssh-cidr ${open.join(', ')} opens TCP ${port} of every instance to the whole internet for ` +
        "the instances' lifetime. The default, `runner`, opens it only to this runner's address and " +
        'only while the step runs.');
}
const RUNNER_IP_LOOKUP_DEFAULT = 'https://checkip.amazonaws.com';
function isLoopbackHost(hostname) {
    const h = hostname.toLowerCase();
    if (h === 'localhost' || h === '[::1]')
        return true;
    return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
/**
 * `runner-ip-lookup`: URLs tried in order. `https://` anywhere; `http://` only to a loopback host,
 * since an unencrypted answer could be forged on the path and would open SSH to the forger.
 */
function parseRunnerIpLookup(raw, input) {
    return (0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(input, raw).map((item) => {
        let url;
        try {
            url = new URL(item);
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${(0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$)(item)}' is not a URL (https://…).`);
        }
        if (url.username !== '' || url.password !== '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${(0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$)(item)}': no user or password in the URL.`);
        if (url.protocol === 'https:')
            return url.href;
        if (url.protocol === 'http:' && isLoopbackHost(url.hostname))
            return url.href;
        if (url.protocol === 'http:')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${(0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$)(item)}': http:// only to a loopback host (127.0.0.1, ::1, localhost); an unencrypted answer could be forged on the way. Use https://.`);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${(0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$)(item)}' is not an https:// URL.`);
    });
}
/** Answers longer than this are not an address: read no further. */
const LOOKUP_MAX_BYTES = 64;
/**
 * The runner's address from an IP-echo body: the trimmed body must be exactly one dotted-quad
 * IPv4 address (no leading zeros, each part ≤ 255) that a host can have as its source: not
 * 0.0.0.0/8, loopback, multicast, reserved or broadcast. A private address is accepted (an echo
 * service inside the runner's network sees one, and a /32 of it opens nothing to the internet).
 * Returns the address, or why the answer was refused.
 */
function parseEchoedIp(body) {
    const text = body.trim();
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    const shown = `'${(0,_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$)(text)}'`;
    if (!m)
        return { error: `answered ${shown}, not one IPv4 address` };
    const parts = m.slice(1);
    if (parts.some((p) => p.length > 1 && p.startsWith('0')))
        return { error: `answered ${shown}: a part with a leading zero` };
    const [a = 0, b = 0, c = 0, d = 0] = parts.map(Number);
    if ([a, b, c, d].some((n) => n > 255))
        return { error: `answered ${shown}: a part above 255` };
    if (a === 0)
        return { error: `answered ${shown}: 0.0.0.0/8 is not an address a runner has` };
    if (a === 127)
        return { error: `answered ${shown}: a loopback address` };
    if (a >= 224)
        return { error: `answered ${shown}: a multicast, reserved or broadcast address` };
    return { ip: `${a}.${b}.${c}.${d}` };
}
/** Who may reach `ssh-port`, as the plan and the log say it (no address is looked up here). */
function sshAccessText(i) {
    if (i.securityGroupIds.length > 0)
        return `the given security groups (${i.securityGroupIds.join(', ')}) as they are; spot-deploy adds no rule to them`;
    const runner = !i.sshRunner
        ? []
        : i.sshAddress === 'private-ip'
            ? ["the VPC's IPv4 blocks (ssh-address: private-ip)"]
            : ['runner (looked up at run time, for the run only)'];
    return [...runner, ...i.sshCidrs].join(', ') || 'nobody';
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