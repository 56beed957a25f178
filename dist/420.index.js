"use strict";
exports.id = 420;
exports.ids = [420];
exports.modules = {

/***/ 19976:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gq: () => (/* binding */ launchCounts),
/* harmony export */   v6: () => (/* binding */ chooseAdopted),
/* harmony export */   yy: () => (/* binding */ keyFingerprint)
/* harmony export */ });
/* harmony import */ var _aws_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23228);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(47243);



/** `SHA256:…` of a public key line (`type base64 [comment]`), as OpenSSH prints it. */
function keyFingerprint(publicKeyLine) {
    return (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprint */ .Rj)(Buffer.from(publicKeyLine.trim().split(/\s+/)[1] ?? '', 'base64'));
}
const ADOPTABLE = new Set(['pending', 'running']);
/**
 * Decides what a deploy does with the instances its deployment id already has. Pure.
 *
 * A later run can only reach them with the key they authorise: the first run's key is either the
 * user's `ssh-private-key` (then every run holds it) or an ephemeral key that died with its run.
 * Both cases are checked before anything is launched, so the error comes first, not after a
 * half-converged fleet.
 */
function chooseAdopted(found, count, deploymentId, userKey) {
    const live = found.filter((i) => ADOPTABLE.has(i.state ?? 'running'));
    const ignored = found.filter((i) => !ADOPTABLE.has(i.state ?? 'running'));
    if (live.length === 0)
        return { kept: [], surplus: [], ignored };
    const ids = live.map((i) => `${i.id} (${i.region})`).join(', ');
    if (userKey === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('ssh-private-key', `deployment '${deploymentId}' already runs ${live.length} instance(s) (${ids}) that authorise the key of the run that launched them, which this run does not have. ` +
            'Set ssh-private-key (from a secret) so that every run of a deployment can reach its instances, or remove them first with mode: destroy.');
    }
    const mine = keyFingerprint(userKey.publicKey);
    const foreign = live.filter((i) => {
        const theirs = i.tags?.[_aws_types_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.clientKey];
        return theirs !== undefined && theirs !== mine;
    });
    if (foreign.length > 0) {
        const f = foreign[0];
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('ssh-private-key', `deployment '${deploymentId}' has instances that authorise key ${String(f.tags?.[_aws_types_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.clientKey])} (${foreign.map((i) => i.id).join(', ')}), but this key is ${mine}. ` +
            'Use the same ssh-private-key secret as the run that launched them, or remove them first with mode: destroy.');
    }
    const byAge = [...live].sort((a, b) => (a.launchTime ?? '').localeCompare(b.launchTime ?? '') || a.id.localeCompare(b.id));
    return { kept: byAge.slice(0, count), surplus: byAge.slice(count), ignored };
}
/**
 * How many new instances each region gets once `kept` are adopted: the plan's share minus what the
 * region already runs, trimmed from the last region so the total is exactly `count - kept`.
 */
function launchCounts(planned, kept, count) {
    const need = Math.max(0, count - kept.length);
    const want = planned.map((r) => ({
        region: r.region,
        count: Math.max(0, r.count - kept.filter((i) => i.region === r.region).length),
    }));
    let total = want.reduce((n, r) => n + r.count, 0);
    for (let i = want.length - 1; i >= 0 && total > need; i--) {
        const r = want[i];
        const cut = Math.min(r.count, total - need);
        r.count -= cut;
        total -= cut;
    }
    // Adopted instances may sit in regions the plan gives less to: the rest goes to the first region.
    if (total < need && want[0])
        want[0].count += need - total;
    return want;
}


/***/ }),

/***/ 98940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F_: () => (/* binding */ skippedInRollout),
/* harmony export */   RZ: () => (/* binding */ failedBeforeDelivery),
/* harmony export */   WJ: () => (/* binding */ verdict),
/* harmony export */   ZA: () => (/* binding */ fromDelivery),
/* harmony export */   cu: () => (/* binding */ rollbackVerdict),
/* harmony export */   sF: () => (/* binding */ untouched)
/* harmony export */ });
/* unused harmony export failureLines */
function base(i, adopted) {
    return {
        id: i.id,
        region: i.region,
        ...(i.availabilityZone ? { availabilityZone: i.availabilityZone } : {}),
        instanceType: i.instanceType,
        lifecycle: i.lifecycle,
        ...(i.publicIp ? { publicIp: i.publicIp } : {}),
        ...(i.privateIp ? { privateIp: i.privateIp } : {}),
        ...(i.state ? { state: i.state } : {}),
        adopted,
    };
}
/** An instance that never reached delivery (not running, no address, host key unknown). */
function failedBeforeDelivery(i, adopted, step, error, runningMs) {
    return {
        ...base(i, adopted),
        status: 'failed',
        step,
        error,
        timings: runningMs === undefined ? {} : { runningMs },
    };
}
/**
 * mode reconcile: an instance found serving (`ready`) or still launching (`skipped`), left as it
 * is: no upload, no timings.
 */
function untouched(i, status) {
    return { ...base(i, true), status, timings: {} };
}
/** An instance a stopped rolling redeploy never attempted: untouched, still on its release. */
function skippedInRollout(i, adopted, batch, runningMs) {
    return {
        ...base(i, adopted),
        status: 'skipped',
        batch: { number: batch },
        timings: runningMs === undefined ? {} : { runningMs },
    };
}
function fromDelivery(i, adopted, d, runningMs, batch) {
    const { sshReadyMs, uploadedMs, activeMs } = d.timings;
    return {
        ...base(i, adopted),
        status: d.status,
        ...(d.step !== undefined && d.status === 'failed' ? { step: d.step } : {}),
        ...(d.error !== undefined ? { error: d.error } : {}),
        ...(d.rolledBackTo !== undefined && d.status === 'failed'
            ? { rolledBackTo: d.rolledBackTo }
            : {}),
        ...(d.note !== undefined && d.status === 'ready' ? { note: d.note } : {}),
        ...(d.diagnostics !== undefined ? { diagnostics: d.diagnostics } : {}),
        ...(batch === undefined ? {} : { batch }),
        timings: {
            ...(runningMs === undefined ? {} : { runningMs }),
            ...(sshReadyMs === undefined ? {} : { sshReadyMs }),
            ...(uploadedMs === undefined ? {} : { uploadedMs }),
            ...(activeMs === undefined ? {} : { activeMs }),
        },
    };
}
/** Why the step fails, listing each failed instance (or undefined when min-ready is met). */
function verdict(results, minReady, shortfall) {
    const ready = results.filter((r) => r.status === 'ready').length;
    const failed = results.filter((r) => r.status === 'failed');
    const skipped = results.filter((r) => r.status === 'skipped').length;
    const kept = skipped > 0 ? `, ${skipped} skipped` : '';
    const line = `${ready} of ${results.length + shortfall} instance(s) ready${kept} (min-ready ${minReady})`;
    if (ready >= minReady)
        return { ok: true, line };
    const why = failureLines(failed);
    if (shortfall > 0)
        why.push(`  - ${shortfall} instance(s) could not be launched (see the launch errors above)`);
    return { ok: false, line: `${line}:\n${why.join('\n')}` };
}
/** One line per failed instance: where it failed and the first line of why. */
function failureLines(failed) {
    return failed.map((r) => {
        const first = (r.error ?? '').trim().split('\n')[0] ?? '';
        return `  - ${r.id} (${r.region}) failed at ${r.step ?? 'unknown'}: ${first.length > 300 ? `${first.slice(0, 300)}…` : first}`;
    });
}
/**
 * A rollback succeeds only when every instance found ended ready on its target: `min-ready` does
 * not apply, since an instance left on the release being rolled back from is the problem the
 * rollback was run to fix.
 */
function rollbackVerdict(results) {
    const failed = results.filter((r) => r.status === 'failed');
    const line = `${results.length - failed.length} of ${results.length} instance(s) rolled back`;
    if (failed.length === 0)
        return { ok: true, line };
    return { ok: false, line: `${line}:\n${failureLines(failed).join('\n')}` };
}


/***/ }),

/***/ 46236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ng: () => (/* binding */ connect),
  m0: () => (/* reexport */ exec/* exec */.m)
});

// UNUSED EXPORTS: REFUSED_RETRY_MS, TCP_CONNECT_MS, parsePinnedKey, retryDelayMs

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(85472);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/keys.ts + 1 modules
var keys = __webpack_require__(47243);
// EXTERNAL MODULE: ./src/ssh/exec.ts
var exec = __webpack_require__(28365);
;// CONCATENATED MODULE: ./src/ssh/pinned-key.ts


/** The host key algorithms ssh2 may negotiate for a pinned key of each type. */
const HOST_KEY_ALGORITHMS = {
    'ssh-ed25519': ['ssh-ed25519'],
    'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
    'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
    'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
    'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
/** Parses a pinned `type base64 [comment]` line; the blob's embedded type must match. */
function parsePinnedKey(line) {
    const m = /^\s*(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s.*)?$/s.exec(line);
    const type = m?.[1];
    const blob = m?.[2] === undefined ? undefined : Buffer.from(m[2], 'base64');
    if (type === undefined || blob === undefined || HOST_KEY_ALGORITHMS[type] === undefined) {
        throw new errors/* SshError */.DZ(`The pinned host key is not a supported 'type base64' public key line (got '${line.slice(0, 40)}…').`, { retryable: false });
    }
    const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
    if (len < 0 || blob.subarray(4, 4 + len).toString('latin1') !== type) {
        throw new errors/* SshError */.DZ(`The pinned host key's blob does not hold a ${type} key.`, {
            retryable: false,
        });
    }
    return { type, blob, fingerprint: (0,keys/* fingerprint */.Rj)(blob) };
}

;// CONCATENATED MODULE: ./src/ssh/connect.ts








const FIRST_DELAY_MS = 250;
// An instance whose sshd comes up just after a retry waits for the next one, and a deploy waits
// for its slowest instance: the expected worst gap over N instances nears this cap as N grows
// (with 2 s, N = 100 fake instances finished ~1 s later per deploy than N = 1). A refused attempt
// costs one SYN and one RST, so a short gap is cheap.
const MAX_DELAY_MS = 500;
const MAX_ATTEMPT_MS = 30_000;
/**
 * Bound on an attempt's TCP connect. An instance still booting drops SYNs instead of refusing
 * them; the kernel then resends the SYN only 1, 3, 7 and 15 s later, so an attempt begun while the
 * host was dark reached an sshd up for up to 16 s only at the next resend (the expected worst of
 * N instances grows with N). A fresh attempt instead follows within this bound plus the retry gap.
 */
const TCP_CONNECT_MS = 1_500;
const MIN_ATTEMPT_MS = 200;
const KEEPALIVE_MS = 15_000;
/**
 * One connection attempt; the client is ended on every failure path. ssh2's client is made only
 * once TCP has connected: a refused attempt (an instance still starting sshd, retried every
 * REFUSED_RETRY_MS) then costs a socket, ~120 µs of CPU against ~310 µs with a client and its
 * key parsed each time (medians of 2,000 here), and a hundred instances booting at once make
 * hundreds of them a second.
 */
function attemptOnce(opts, pinned, timeoutMs) {
    return new Promise((resolve, reject) => {
        const sock = new external_node_net_.Socket();
        let client;
        let mismatch;
        let settled = false;
        const fail = (err) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(guard);
            clearTimeout(tcp);
            sock.destroy();
            if (client !== undefined) {
                client.removeAllListeners();
                client.on('error', () => { }); // late errors of a dead attempt must not crash the process
                try {
                    client.end();
                }
                catch {
                    // already closed
                }
            }
            reject(mismatch ?? (err instanceof Error ? err : new Error(String(err))));
        };
        // ssh2's readyTimeout is the primary bound; this guard covers any gap before it is armed.
        const guard = setTimeout(() => fail(new Error(`no SSH handshake within ${timeoutMs} ms`)), timeoutMs + 1_000);
        const tcpMs = Math.min(TCP_CONNECT_MS, timeoutMs);
        const tcp = setTimeout(() => fail(new Error(`no TCP connection within ${tcpMs} ms (the host dropped the SYN)`)), tcpMs);
        // Until ssh2 has the socket, its errors (ECONNREFUSED) are this attempt's.
        sock.once('error', fail);
        sock.once('connect', () => {
            clearTimeout(tcp);
            if (settled)
                return;
            // Nagle off before the first byte, not once ready: the handshake's small messages each
            // waited for the server's delayed ACK (~40 ms per round trip, four in the authentication):
            // a connect to a loopback sshd took 221 ms with it on, 61 ms off. It also holds back the
            // small writes ssh2 makes per packet (length, payload, tag): a 50 MiB upload took 362 ms
            // with it on, 286 ms off (bench/ssh.bench.ts).
            sock.setNoDelay(true);
            const c = (client = new (lib_default()).Client());
            try {
                handshake(c, opts, pinned, sock, timeoutMs, (m) => (mismatch = m));
            }
            catch (err) {
                // A key ssh2 cannot use: the same on every attempt, so not retried.
                fail(new errors/* SshError */.DZ(`Invalid SSH configuration: ${(0,exec/* describe */.q)(err)}`, { retryable: false }));
                return;
            }
            c.on('error', fail);
            c.on('close', () => fail(new Error('connection closed before the session was ready')));
            c.once('ready', () => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(guard);
                c.removeAllListeners('close');
                c.removeAllListeners('error');
                c.on('error', (err) => opts.log?.(`ssh ${opts.host}:${opts.port}: ${(0,exec/* describe */.q)(err)}`));
                resolve(c);
            });
        });
        // Our own socket, so that its TCP connect has a bound of its own.
        sock.connect({ host: opts.host, port: opts.port });
    });
}
/**
 * Starts ssh2's handshake on a connected socket, the host key pinned; a mismatch is handed to
 * `onMismatch`. Throws what ssh2 throws at once (a key it cannot use).
 */
function handshake(client, opts, pinned, sock, timeoutMs, onMismatch) {
    client.connect({
        sock,
        host: opts.host,
        port: opts.port,
        username: opts.username,
        privateKey: opts.privateKey,
        readyTimeout: Math.max(1, Math.floor(timeoutMs)),
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: 3,
        // Only the host key type is pinned. ssh2's defaults already put Node's OpenSSL first: with
        // OpenSSH 9.2 it negotiates curve25519-sha256@libssh.org and aes128-gcm@openssh.com (MAC
        // implicit), AES-NI in C; chacha20-poly1305 (pure JS without ssh2's native part) comes
        // last in its list, so it is never chosen where AES-GCM is offered (ssh2 debug output).
        algorithms: { serverHostKey: [...(HOST_KEY_ALGORITHMS[pinned.type] ?? [])] },
        hostVerifier: (key) => {
            if (key.length === pinned.blob.length && (0,external_node_crypto_.timingSafeEqual)(key, pinned.blob))
                return true;
            onMismatch(new errors/* HostKeyMismatchError */._W(opts.host, opts.port, `${pinned.type} ${pinned.fingerprint}`, (0,keys/* fingerprint */.Rj)(key)));
            return false;
        },
    });
}
/**
 * Gap after a refused connect: the host's kernel answered at once (it is up; sshd is not
 * listening yet) and the attempt cost sshd nothing, so the next one may follow soon. With the
 * 250 → 500 ms backoff an instance whose sshd came up just after a refusal waited out the whole
 * gap, and the slowest of N instances neared the cap as N grew.
 */
const REFUSED_RETRY_MS = 100;
/**
 * The pause after failed attempt `attempt` (1-based): REFUSED_RETRY_MS after a refused connect,
 * else 250 ms, doubling, capped at 500 ms (a dropped SYN already took TCP_CONNECT_MS; a failed
 * handshake or authentication cost sshd a fork).
 */
function retryDelayMs(attempt, err) {
    if (err?.code === 'ECONNREFUSED')
        return REFUSED_RETRY_MS;
    const doublings = Math.min(Math.max(0, attempt - 1), 16);
    return Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
}
/**
 * Connects to `host:port`, pinning the host key. Network errors, timeouts and authentication
 * failures (the user may not exist yet while cloud-init runs) are retried with capped exponential
 * backoff until `deadlineMs` has passed; a host key mismatch is thrown at once.
 */
async function connect(opts) {
    const pinned = parsePinnedKey(opts.hostKey);
    const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const started = Date.now();
    const deadline = started + opts.deadlineMs;
    let why = '';
    let last;
    for (let attempt = 1;; attempt++) {
        const remaining = deadline - Date.now();
        if (attempt > 1 && remaining <= 0) {
            const n = attempt - 1;
            throw new errors/* SshError */.DZ(`Could not connect to ${opts.username}@${opts.host}:${opts.port} within ${opts.deadlineMs} ms ` +
                `(${n} attempt${n === 1 ? '' : 's'} over ${Date.now() - started} ms); last error: ${why}`, { cause: last });
        }
        try {
            const client = await attemptOnce(opts, pinned, Math.min(Math.max(remaining, MIN_ATTEMPT_MS), MAX_ATTEMPT_MS));
            if (attempt > 1)
                opts.log?.(`ssh ${opts.host}:${opts.port}: connected on attempt ${attempt}`);
            return client;
        }
        catch (err) {
            if (err instanceof errors/* SshError */.DZ && !err.retryable)
                throw err;
            why = (0,exec/* describe */.q)(err);
            last = err;
            const wait = Math.max(0, Math.min(retryDelayMs(attempt, err), deadline - Date.now()));
            const next = wait > 0 ? `retrying in ${wait} ms` : 'deadline reached';
            opts.log?.(`ssh ${opts.host}:${opts.port}: attempt ${attempt} failed (${why}); ${next}`);
            await sleep(wait);
        }
    }
}
// exec lives in exec.ts; re-exported so callers keep one import for connecting and running.



/***/ }),

/***/ 64382:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R9: () => (/* binding */ collectDiagnostics),
  Sm: () => (/* binding */ deliverToMany),
  et: () => (/* binding */ internalFailure)
});

// UNUSED EXPORTS: DIAGNOSTICS_CONNECT_MS, DIAGNOSTICS_TIMEOUT_MS

// EXTERNAL MODULE: ./src/ssh/connect.ts + 1 modules
var connect = __webpack_require__(46236);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: ./src/ssh/exec.ts
var exec = __webpack_require__(28365);
// EXTERNAL MODULE: ./src/ssh/remote-scripts.ts
var remote_scripts = __webpack_require__(52767);
// EXTERNAL MODULE: ./src/instance/contract.ts
var contract = __webpack_require__(52437);
;// CONCATENATED MODULE: ./src/ssh/activation-result.ts
/**
 * What the activation script's output says (pure): the step a failure happened at, from the
 * script's own exit code or from the status.json it prints after the status mark; and what a
 * status.json of the delivered sha256 means (ready, failed, rolled back). Apart from the script
 * builders (remote-scripts.ts) because status-wait.ts reads status.json the same way after a
 * reconnect, without any script output around it.
 */


const READY = 'ready';
const ROLLED_BACK = 'rolled-back';
const ROLLBACK_FAILED = 'rollback-failed';
const INTERRUPTED = 'interrupted';
const SHA256 = /^[0-9a-f]{64}$/;
/** The activation script's own exit codes, by the step they mean. */
const SCRIPT_STEPS = new Map([
    [contract/* SCRIPT_EXIT */.lZ.uploadVerify, 'upload-verify'],
    [contract/* SCRIPT_EXIT */.lZ.rename, 'rename'],
    [contract/* SCRIPT_EXIT */.lZ.env, 'env'],
    [contract/* SCRIPT_EXIT */.lZ.healthCheckConfig, 'health-check-config'],
    [contract/* SCRIPT_EXIT */.lZ.ttlConfig, 'ttl-config'],
]);
/** Reads the activation script's output into a result (without timings). */
function parseActivation(sha, code, stdout, stderr) {
    const scriptStep = code === null ? undefined : SCRIPT_STEPS.get(code);
    if (scriptStep !== undefined)
        return { status: 'failed', step: scriptStep, logTail: (0,remote_scripts/* tail */.RT)(stderr) };
    const at = stdout.lastIndexOf(`${remote_scripts/* STATUS_MARK */.Hl} `);
    if (at < 0)
        return { status: 'failed', step: 'activate', logTail: (0,remote_scripts/* tail */.RT)(stderr) };
    const rest = stdout.slice(at + remote_scripts/* STATUS_MARK */.Hl.length + 1);
    const nl = rest.indexOf('\n');
    const startRc = Number(rest.slice(0, nl < 0 ? undefined : nl));
    const body = nl < 0 ? '' : rest.slice(nl + 1);
    let status;
    try {
        const parsed = JSON.parse(body);
        if (parsed === null || typeof parsed !== 'object')
            throw new Error('not an object');
        status = parsed;
    }
    catch {
        const why = `status.json is missing or unreadable (start command exit ${startRc})`;
        // A failed start (unit missing, bootstrap crashed) is the cause; the missing status its effect.
        const step = startRc === 0 ? 'status' : 'activate';
        return { status: 'failed', step, logTail: (0,remote_scripts/* tail */.RT)(`${why}\n${stderr}`) };
    }
    if (status.sha256 !== sha) {
        const why = `status.json describes ${String(status.sha256)}, not ${sha} (start command exit ${startRc})`;
        const step = startRc === 0 ? 'status' : 'activate';
        return { status: 'failed', step, logTail: (0,remote_scripts/* tail */.RT)(`${why}\n${stderr}`) };
    }
    return statusOutcome(status, startRc, stderr);
}
/**
 * What a status.json of the delivered sha256 says (ready only with a start command that exited
 * 0); also read after a reconnect (status-wait.ts), with `startRc` 0 and no stderr.
 */
function statusOutcome(status, startRc, stderr) {
    const logTail = typeof status.log_tail === 'string' ? status.log_tail : (0,remote_scripts/* tail */.RT)(stderr);
    if (status.state === READY && startRc === 0)
        return { status: 'ready' };
    if (status.step !== undefined && status.step !== '' && !(0,contract/* isInstanceStep */._6)(status.step)) {
        // Not written by this bundle's agent nor by the bootstrap: say what it was.
        const why = `status.json names an unknown step ${JSON.stringify(status.step)}`;
        return {
            status: 'failed',
            step: 'activate',
            logTail: logTail === '' ? why : `${why}\n${logTail}`,
        };
    }
    const step = (0,contract/* isInstanceStep */._6)(status.step) ? status.step : 'activate';
    const to = typeof status.rolledBackTo === 'string' ? status.rolledBackTo : '';
    if (status.state === ROLLED_BACK && SHA256.test(to)) {
        // First line: what the verdict and the summaries show; the agent's tail follows.
        const why = `rolled back to ${to.slice(0, 12)}: this release failed at ${step}; the previous ready release serves again`;
        return { status: 'failed', step, logTail: `${why}\n${logTail}`.trim(), rolledBackTo: to };
    }
    if (status.state === INTERRUPTED) {
        // The watcher drained the release on EC2's 2-minute notice: the instance is going away.
        const text = (v, or) => (typeof v === 'string' && v !== '' ? v : or);
        const action = text(status.interruptionAction, 'an interruption');
        const at = text(status.interruptedAt, 'an unknown time');
        const stop = text(status.stopScript, 'unknown');
        const why = `spot interruption notice (${action} at ${at}): the instance drained its services (stop.sh: ${stop})`;
        return { status: 'failed', step, logTail: `${why}\n${logTail}`.trim() };
    }
    if (status.state === ROLLBACK_FAILED) {
        const error = typeof status.error === 'string' ? status.error : 'the rollback failed';
        const why = `failed at ${step}, and the rollback failed too: ${error}`;
        return { status: 'failed', step, logTail: `${why}\n${logTail}`.trim() };
    }
    return logTail === '' ? { status: 'failed', step } : { status: 'failed', step, logTail };
}

;// CONCATENATED MODULE: ./src/ssh/status-wait.ts
/**
 * After the SSH connection drops during activation: what the instance says (status.json and the
 * incoming dir), and the bounded wait until its agent has decided. The agent runs under systemd,
 * not in the SSH session: once the upload is renamed into place the .path unit starts it even if
 * `systemctl start` died with the session, so a lost connection is no verdict, status.json is.
 * Pure: the probe (which reconnects), the clock and the sleep are passed in.
 */





/** Precedes the probe's facts about the upload, then status.json, in the probe's output. */
const PROBE_MARK = '__SPOT_DEPLOY_PROBE__';
/** Between two probes: the agent's steps take seconds, and each probe is one SSH exec. */
const POLL_INTERVAL_MS = 2_000;
/**
 * How long an upload may stay `.part` (never renamed) with no status of its own before the wait
 * ends: the activation script renames it within a second of starting (verify, env, rename), so
 * a `.part` still there this long after the connection dropped is one the script will not move.
 */
const NOT_STARTED_GRACE_MS = 4_000;
const TERMINAL = new Set(contract/* AGENT_STATES */.$J.filter((s) => s !== 'activating'));
/**
 * The probe: whether the upload is still `.part` or renamed and not yet taken by the bootstrap,
 * whether status.json was written after this delivery's env file (the activation script writes
 * that file just before the rename, so only this activation's bootstrap or agent writes a newer
 * status; GNU find compares nanoseconds), then status.json itself.
 */
function probeScript(r, sha) {
    const newer = (0,remote_scripts/* withSudo */.SU)(r.sudo, `find ${(0,remote_scripts/* shq */.hi)(r.statusPath)} -prune -newer ${(0,remote_scripts/* shq */.hi)(r.envPath)}`);
    return [
        'p=0 f=0 n=0',
        `[ -e ${(0,remote_scripts/* shq */.hi)(`${r.incomingDir}/.${sha}.part`)} ] && p=1`,
        `[ -e ${(0,remote_scripts/* shq */.hi)(`${r.incomingDir}/${sha}.tar.gz`)} ] && f=1`,
        `[ -n "$(${newer} 2>/dev/null)" ] && n=1`,
        `echo "${PROBE_MARK} part=$p final=$f fresh=$n"`,
        `${(0,remote_scripts/* withSudo */.SU)(r.sudo, `cat ${(0,remote_scripts/* shq */.hi)(r.statusPath)}`)} 2>/dev/null`,
        'exit 0',
    ].join('\n');
}
function parseStatus(text) {
    try {
        const v = JSON.parse(text);
        return v !== null && typeof v === 'object' ? v : undefined;
    }
    catch {
        return undefined;
    }
}
function describeStatus(s, fresh) {
    if (s === undefined)
        return 'no readable status.json';
    const sha = typeof s.sha256 === 'string' ? s.sha256.slice(0, 12) : String(s.sha256);
    const step = typeof s.step === 'string' && s.step !== '' ? ` at step ${s.step}` : '';
    const when = fresh ? '' : ' (written before this delivery)';
    return `status.json: ${sha} ${String(s.state)}${step}${when}`;
}
/** Reads a probe's output for the delivery of `sha`. */
function readProbe(sha, stdout) {
    const m = new RegExp(`${PROBE_MARK} part=([01]) final=([01]) fresh=([01])\\n`).exec(stdout);
    if (m === null)
        return { kind: 'pending', seen: 'the status probe printed nothing readable' };
    const [part, final, fresh] = [m[1] === '1', m[2] === '1', m[3] === '1'];
    const status = parseStatus(stdout.slice(m.index + m[0].length));
    const seen = describeStatus(status, fresh);
    // A status of this sha written before this delivery (a retry of a release that failed, or a
    // redeploy of a ready one) is not this activation's answer: only a fresh one is.
    if (status?.sha256 === sha && fresh) {
        if (TERMINAL.has(status.state) || typeof status.state !== 'string' || status.state === '')
            return { kind: 'decided', outcome: statusOutcome(status, 0, ''), seen };
        if (status.state === 'activating')
            return { kind: 'running', seen };
    }
    if (final)
        return { kind: 'running', seen: `${seen}; the upload waits for the bootstrap` };
    if (part)
        return { kind: 'not-started', seen: `${seen}; the upload was never renamed` };
    return { kind: 'pending', seen };
}
/**
 * Probes every `intervalMs` until the instance has decided (a terminal status of this activation),
 * the upload has stayed un-renamed for `graceMs`, or `deadline` has passed. Bounded in time and
 * in count (one probe per interval up to the deadline, plus the first).
 */
async function waitForStatus(o) {
    const interval = o.intervalMs ?? POLL_INTERVAL_MS;
    const grace = o.graceMs ?? NOT_STARTED_GRACE_MS;
    const maxProbes = Math.max(1, Math.ceil((o.deadline - o.now()) / interval) + 1);
    let seen = 'nothing: no probe ran';
    let notStartedSince;
    let probes = 0;
    while (probes < maxProbes) {
        if (probes > 0) {
            const left = o.deadline - o.now();
            if (left <= 0)
                break;
            await o.sleep(Math.min(interval, left));
        }
        probes++;
        let p;
        try {
            p = await o.probe();
        }
        catch (err) {
            seen = `the instance could not be reached: ${(0,errors/* errorMessage */.gJ)(err)}`;
            continue;
        }
        if (p.kind === 'decided')
            return { kind: 'decided', outcome: p.outcome, probes };
        seen = p.seen;
        if (p.kind !== 'not-started')
            notStartedSince = undefined;
        else if (notStartedSince === undefined)
            notStartedSince = o.now();
        else if (o.now() - notStartedSince >= grace)
            return { kind: 'not-started', seen, probes };
    }
    return { kind: 'timeout', seen, probes };
}
/**
 * The result of an activation whose connection was lost: the instance's verdict when it gave
 * one (a failure says the connection was lost first), else why the wait ended.
 */
function lostOutcome(how, lostAfterMs, wait, readyTimeoutMs) {
    const lost = `the SSH connection was lost during activation after ${(0,time/* formatDuration */.a3)(lostAfterMs)} (${how})`;
    if (wait.kind === 'decided') {
        const o = wait.outcome;
        if (o.status === 'ready')
            return o;
        const why = `${lost}; status.json, read over a new connection, says it failed at ${o.step ?? 'activate'}`;
        return { ...o, logTail: o.logTail === undefined ? why : `${why}\n${o.logTail}` };
    }
    const why = wait.kind === 'not-started'
        ? `${lost}, before the upload was renamed into place: the agent never started`
        : `${lost}; the instance had not decided when ready-timeout (${(0,time/* formatDuration */.a3)(readyTimeoutMs, { digits: 0 })}) ran out`;
    return { status: 'failed', step: 'activate', logTail: `${why}; last seen: ${wait.seen}` };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./src/ssh/have.ts
var have = __webpack_require__(99250);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/ssh/unchanged.ts
/**
 * Whether a delivery has anything to deliver (pure): what the upload command says the instance
 * runs (upload-script.ts), read and compared with what this deploy would put
 * there. Only a release the agent itself would call a no-op is skipped: status.json `ready` on
 * the same sha256 with `current` pointing at it, and the same env and health-check files (a
 * redeploy that changes either must still activate: the services read the env at start, the
 * agent runs the check). Anything unreadable or unknown means "upload".
 */

const sha256 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
/** Upload, or skip with the note the instance's result carries. */
function decideUpload(have, want) {
    const sha12 = want.sha256.slice(0, 12);
    if (have.sha256 !== want.sha256 || have.current !== want.sha256)
        return { upload: true, why: `the instance does not run ${sha12}` };
    if (have.state !== 'ready')
        return { upload: true, why: `${sha12} is ${have.state ?? 'of unknown state'} there` };
    if (have.envSha256 !== sha256(want.envFile))
        return { upload: true, why: 'the env file differs' };
    const hc = want.healthCheck;
    if (hc !== undefined && have.healthCheckSha256 !== (hc === '' ? undefined : sha256(`${hc}\n`)))
        return { upload: true, why: 'the health check differs' };
    return { upload: false, note: `unchanged: already running ${sha12}, nothing uploaded` };
}

;// CONCATENATED MODULE: ./src/ssh/upload-script.ts
/**
 * The delivery's one command (pure): say what the instance runs, wait for the runner's answer,
 * then send nothing (`skip`: the TTL re-armed) or write the bundle into its `.part`, hashed as
 * it lands (`go`), say it is there and, on `activate`, run the activation. upload.ts runs it;
 * unchanged.ts decides from what it says.
 */



/**
 * The upload's writer: stdin into the `.part`, hashed and counted on the way, printing
 * `<sha256> <bytes>`. One process that reads in 1 MiB (stdin's pipe widened to 1 MiB, so sshd
 * blocks less) and hashes in memory (hashlib: OpenSSL, SHA extensions). Measured against the
 * alternatives, 50 MiB to a loopback sshd, client + server CPU (medians of 7, load ~40 on 2
 * cores): this 841 ms, `tee .part | openssl dgst` 1,041 ms (tee moves 8 KiB per read, and two
 * more processes to schedule), `cat > .part` then `openssl dgst < .part` 896 ms, scp 736 ms; at
 * load ~10 (9 runs) this 649 ms against 650 for cat + second pass, but no pass after the upload.
 * python3 is wherever cloud-init runs (it is written in it), and the agent needs it too.
 */
const PY_WRITER = [
    'import hashlib, os, sys',
    'try:',
    '    import fcntl',
    '    fcntl.fcntl(0, 1031, 1 << 20)  # F_SETPIPE_SZ; not a pipe, or not allowed: as it is',
    'except Exception:',
    '    pass',
    'h = hashlib.sha256()',
    'f = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)',
    // Exactly the announced bytes, never more: what follows on stdin is the runner's next answer.
    'left = int(sys.argv[2])',
    'n = 0',
    'while left > 0:',
    '    b = os.read(0, min(1 << 20, left))',
    '    if not b:',
    '        break',
    '    h.update(b)',
    '    n += len(b)',
    '    left -= len(b)',
    '    m = memoryview(b)',
    '    while m:',
    '        m = m[os.write(f, m):]',
    'os.close(f)',
    'print(h.hexdigest(), n)',
].join('\n');
/** Printed once the bundle is on the instance: the runner answers `activate` and the env file. */
const UPLOADED_MARK = '__SPOT_DEPLOY_UPLOADED__';
/**
 * The delivery's one command (one SSH session: each more one cost ~150 ms of sshd's session
 * start on a loaded runner, more than a round trip on the same channel):
 *  1. says what the instance runs (`current`, the env and health-check files' sha256 and
 *     status.json, read in one privileged call: they are root's), then waits for one line;
 *  2. `skip` (the client found it all unchanged): writes ttl-minutes (when given) and runs
 *     `agent.py unchanged`, the upkeep of the agent's no-op redeploy (the shutdown re-armed: the
 *     TTL follows activity; the interruption watcher installed and running), and sends nothing;
 *  3. `go`: makes sure the incoming dir exists and is ours (sudo only when it is not, i.e. on the
 *     first delivery) and streams stdin into `.<sha>.part`, hashing while it writes (PY_WRITER):
 *     no second pass over the file after the upload. The digest file is removed first and
 *     written only for a whole upload (size as announced), so neither a stale digest nor a cut
 *     upload can vouch for the `.part`;
 *  4. prints UPLOADED_MARK and, with `activation`, waits for `activate` and runs it (its stdin:
 *     the env file). Only the runner's answer starts it: a connection lost before the runner saw
 *     the mark never activates anything, so such a loss is the upload's failure, as before.
 * `read` takes its line byte by byte from the pipe, and the writer reads exactly `bytes`, so
 * neither consumes a byte meant for the next step.
 */
function uploadScript(r, sha, bytes, config = {}) {
    if (!Number.isSafeInteger(bytes) || bytes < 0)
        throw new RangeError(`bytes must be an integer ≥ 0, got ${bytes}`);
    const { ttlMinutes, activation } = config;
    if (ttlMinutes !== undefined && (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0))
        throw new RangeError(`ttlMinutes must be an integer ≥ 0, got ${ttlMinutes}`);
    const dir = (0,remote_scripts/* shq */.hi)(r.incomingDir);
    const part = (0,remote_scripts/* shq */.hi)(`${r.incomingDir}/.${sha}.part`);
    const sum = (0,remote_scripts/* shq */.hi)((0,remote_scripts/* digestPath */.GV)(r, sha));
    const mkdir = (0,remote_scripts/* withSudo */.SU)(r.sudo, `install -d -o "$(id -un)" -m 0755 ${dir}`);
    return [
        'set -u',
        ...(0,have/* haveScript */.uW)(r),
        'read -r answer || exit 1',
        'if [ "$answer" = skip ]; then',
        ...(ttlMinutes === undefined
            ? []
            : [`  ${(0,remote_scripts/* ttlWrite */.Ol)(r, ttlMinutes)} || exit ${contract/* SCRIPT_EXIT */.lZ.ttlConfig}`]),
        // The no-op redeploy's upkeep: the TTL re-armed, the interruption watcher kept running.
        `  ${(0,remote_scripts/* withSudo */.SU)(r.sudo, `${r.agentCommand} unchanged`)} >/dev/null </dev/null || exit ${contract/* SCRIPT_EXIT */.lZ.ttlConfig}`,
        '  exit 0',
        'fi',
        '[ "$answer" = go ] || { echo "upload: unexpected answer \'$answer\'" >&2; exit 1; }',
        `if [ ! -d ${dir} ] || [ ! -w ${dir} ]; then`,
        `  ${mkdir} </dev/null || exit ${contract/* SCRIPT_EXIT */.lZ.prepare}`,
        'fi',
        `rm -f ${part} ${sum}`,
        // -S: no site module (a faster start; the writer needs only the standard library).
        `out=$(python3 -S -c ${(0,remote_scripts/* shq */.hi)(PY_WRITER)} ${part} ${bytes}) || { echo "upload: writing the bundle failed" >&2; exit 1; }`,
        'got=${out% *}; n=${out#* }',
        // A short upload (stdin ended early: the link went) gets no digest, so no activation could
        // take it (upload-verify); a digest that cannot be written (a full disk) is the upload's failure.
        `if [ "$n" = ${bytes} ]; then`,
        `  printf '%s\\n' "$got" > ${sum} || { echo "upload: recording the digest failed" >&2; exit 1; }`,
        'fi',
        `echo ${UPLOADED_MARK}`,
        ...(activation === undefined
            ? ['exit 0']
            : [
                'read -r answer || exit 1',
                '[ "$answer" = activate ] || { echo "upload: unexpected answer \'$answer\'" >&2; exit 1; }',
                activation,
            ]),
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/ssh/upload.ts
/**
 * A delivery's one command, run (its script: upload-script.ts): the instance says what it runs,
 * the runner decides (unchanged.ts) and answers `skip`, or `go` followed by the bundle on the
 * same stdin; once the instance says the bundle is there, `activate` and the env file start the
 * activation in the same session. deliver.ts reads what it came to.
 */










/**
 * Read size for the upload stream: 50 MiB to a loopback sshd took 286 ms with 1 MiB reads against
 * 360 ms with the 64 KiB default, with about a third less client CPU (bench/ssh.bench.ts). ssh2
 * still sends packets of the server's maximum size (32 KiB for OpenSSH) within its window.
 */
const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/**
 * Runs the delivery's command. Throws what exec throws before the activation (e.g. past
 * `uploadTimeoutMs`), after destroying the connection: a broken upload (typically a stalled link)
 * can leave a window's worth of data queued on a socket that no longer moves; `end()` would wait
 * on it forever and keep the process alive. `uploadMs`: until the bundle was there (or the end).
 */
async function runUpload(client, r, o) {
    const now = o.now ?? Date.now;
    // The announced size is what the instance waits for (stdin stays open for `activate`): a file
    // that no longer has it is refused before anything is sent.
    const size = (await (0,promises_.stat)(o.file)).size;
    if (size !== o.bytes) {
        const logTail = changedBundle(o.file, `${size} bytes`, o.bytes);
        return {
            outcome: { kind: 'failed', outcome: { status: 'failed', step: 'upload', logTail } },
            uploadMs: 0,
        };
    }
    const t0 = now();
    let decision;
    let uploadMs;
    let activateAt;
    const script = uploadScript(r, o.sha256, o.bytes, {
        ttlMinutes: o.ttlMinutes,
        activation: o.activation.script,
    });
    const activate = {
        after: UPLOADED_MARK,
        timeoutMs: o.activation.timeoutMs,
        send: () => {
            uploadMs = now() - t0;
            if (decision?.upload)
                o.onUploaded?.(decision.why, uploadMs);
            activateAt = now();
            return Buffer.concat([Buffer.from('activate\n'), Buffer.from(o.envFile, 'utf8')]);
        },
    };
    let res;
    try {
        res = await (0,exec/* exec */.m)(client, `sh -c ${(0,remote_scripts/* shq */.hi)(script)}`, {
            after: have/* HAVE_END */.LT,
            send: (head) => {
                const want = { sha256: o.sha256, envFile: o.envFile, healthCheck: o.healthCheck };
                decision = decideUpload((0,have/* readHave */.rW)(head, r) ?? {}, want);
                if (!decision.upload)
                    return Buffer.from('skip\n');
                return {
                    input: external_node_stream_.Readable.from(withAnswer(o.file, o.bytes), { objectMode: false }),
                    then: activate,
                };
            },
        }, o.uploadTimeoutMs === undefined ? {} : { timeoutMs: o.uploadTimeoutMs });
    }
    catch (err) {
        if (activateAt === undefined) {
            client.destroy();
            throw err;
        }
        const outcome = err instanceof errors/* CommandTimeoutError */.$9
            ? { kind: 'activation-timeout', error: (0,errors/* errorMessage */.gJ)(err) }
            : { kind: 'lost', how: (0,errors/* errorMessage */.gJ)(err), activateAt };
        return { outcome, uploadMs: uploadMs ?? now() - t0 };
    }
    const ms = uploadMs ?? now() - t0;
    if (activateAt === undefined)
        return { outcome: readUpload(res, decision, ms), uploadMs: ms };
    // sshd always reports how a command ended; no exit status at all means the link went.
    if (res.code === null && res.signal === undefined) {
        const how = 'the activation command ended without an exit status';
        return { outcome: { kind: 'lost', how, activateAt }, uploadMs: ms };
    }
    // The mark's own line, after what the instance said it runs (whose status.json is its text).
    const mark = res.stdout.indexOf(`\n${UPLOADED_MARK}\n`, res.stdout.indexOf(`\n${have/* HAVE_END */.LT}\n`));
    const stdout = mark < 0 ? '' : res.stdout.slice(mark + UPLOADED_MARK.length + 2);
    return { outcome: { kind: 'activated', res: { ...res, stdout } }, uploadMs: ms };
}
/** What the command's exit says when it ended before the activation (and the answer given to it). */
function readUpload(res, decision, ms) {
    const failed = (outcome) => ({ kind: 'failed', outcome });
    if (res.code === contract/* SCRIPT_EXIT */.lZ.prepare)
        return failed({ status: 'failed', step: 'prepare', logTail: (0,remote_scripts/* tail */.RT)(res.stderr) });
    if (decision?.upload === false && res.code === contract/* SCRIPT_EXIT */.lZ.ttlConfig)
        return failed({ status: 'failed', step: 'ttl-config', logTail: (0,remote_scripts/* tail */.RT)(res.stderr) });
    if (decision === undefined && res.code === 0) {
        const why = 'the upload command never said what the instance runs';
        return failed({ status: 'failed', step: 'upload', logTail: why });
    }
    if (res.code !== 0 || decision?.upload !== false) {
        const how = res.code !== null
            ? `exit status ${res.code}`
            : res.signal !== undefined
                ? `signal ${res.signal}`
                : 'no exit status: the connection was lost';
        const why = `the upload command ended after ${ms} ms with ${how}`;
        return failed({ status: 'failed', step: 'upload', logTail: (0,remote_scripts/* tail */.RT)(`${res.stderr}\n${why}`) });
    }
    return { kind: 'unchanged', note: decision.note };
}
/**
 * The answer `go` and then exactly the announced bytes of the bundle (read in UPLOAD_CHUNK_BYTES).
 * stdin stays open for `activate`, so the instance never sees a short bundle end: a file that
 * changed after it was built would leave the writer waiting (short) or its rest read as the next
 * answer (long). Either fails the stream, and so the upload, before anything is activated
 * (runUpload checks the size first; this catches a file that changes while it is read).
 */
async function* withAnswer(file, bytes) {
    yield Buffer.from('go\n');
    let sent = 0;
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { highWaterMark: UPLOAD_CHUNK_BYTES })) {
        const b = chunk;
        sent += b.length;
        if (sent > bytes)
            break;
        yield b;
    }
    if (sent !== bytes)
        throw new Error(changedBundle(file, sent > bytes ? 'longer' : `${sent} bytes`, bytes));
}
/** Why a bundle file cannot be sent: it is not the size announced for it. */
function changedBundle(file, is, bytes) {
    return `the bundle ${file} is ${is}, not the ${bytes} bytes announced: it changed after it was built`;
}

;// CONCATENATED MODULE: ./src/ssh/deliver.ts







/** Bound on one status probe after a reconnect (one short exec). */
const PROBE_TIMEOUT_MS = 10_000;
/**
 * Seconds the agent's health check may take from the start of activation: ready-timeout less a
 * margin (10 s, a quarter of short timeouts) in which a failed check's rollback and the status
 * read still fit, so the step reports the instance's verdict instead of its own timeout.
 */
function healthDeadlineSeconds(readyTimeoutMs) {
    const total = Math.floor(readyTimeoutMs / 1000);
    return Math.max(1, total - Math.min(10, Math.floor(total / 4)));
}
/**
 * One command, one SSH session (upload-script.ts): asks the instance what it runs and, unless
 * that is this release unchanged (then nothing is uploaded nor activated, and the result says
 * `unchanged`), streams the bundle on the channel's stdin, hashed on the instance as it lands;
 * once the instance says it is all there, answers `activate` with the env file, and the same
 * command verifies it, renames it into place, writes the env file (always) and the ttl and
 * health-check files (when given), starts activation and prints status.json. Deployment outcomes
 * (including a timed-out or broken activation, and a connection lost during the upload) are
 * returned as `failed` with a step; SSH errors while preparing or uploading are thrown, and an
 * upload that throws (e.g. past `uploadTimeoutMs`) destroys the connection first: it is unusable
 * after that. A connection lost once `activate` was sent is destroyed too, and the verdict read
 * over `reconnect`'s connections (the last one, when it still works, is left open for the
 * caller, who ends every client it hands out).
 */
async function deliverBundle(client, o) {
    if (!/^[0-9a-f]{64}$/.test(o.sha256)) {
        throw new errors/* SshError */.DZ(`Not a sha256 (64 lowercase hex digits): '${o.sha256}'.`, {
            retryable: false,
        });
    }
    if (!Number.isSafeInteger(o.bytes) || o.bytes < 0) {
        throw new errors/* SshError */.DZ(`Not a byte count: ${o.bytes}.`, { retryable: false });
    }
    const r = { ...remote_scripts/* DEFAULT_REMOTE */.dS, ...o.remote };
    const t0 = Date.now();
    let uploadMs = 0;
    const done = (res) => {
        const totalMs = Date.now() - t0;
        const activateMs = Math.max(0, totalMs - uploadMs);
        o.log?.(`deliver ${o.sha256.slice(0, 12)}: ${res.status}${res.step === undefined ? '' : ` (${res.step})`} in ${totalMs} ms`);
        return { ...res, timings: { uploadMs, activateMs, totalMs } };
    };
    const envFile = o.envFile ?? '';
    const script = (0,remote_scripts/* activationScript */.sU)(r, o.sha256, o.bytes, {
        envBytes: Buffer.byteLength(envFile, 'utf8'),
        healthCheck: o.healthCheck,
        ttlMinutes: o.ttlMinutes,
        healthDeadlineSeconds: healthDeadlineSeconds(o.readyTimeoutMs),
    });
    const now = o.now ?? Date.now;
    const ran = await runUpload(client, r, {
        ...o,
        envFile,
        activation: { script, timeoutMs: o.readyTimeoutMs },
        now,
        onUploaded: (why, ms) => {
            o.log?.(`deliver ${o.sha256.slice(0, 12)}: uploaded: ${why}`);
            const mbps = o.bytes / 1e6 / Math.max(ms / 1000, 0.001);
            o.log?.(`deliver: uploaded ${o.bytes} bytes in ${ms} ms (${mbps.toFixed(1)} MB/s)`);
            o.onUploaded?.();
        },
    });
    const outcome = ran.outcome;
    uploadMs = ran.uploadMs;
    switch (outcome.kind) {
        case 'failed':
            return done(outcome.outcome);
        case 'unchanged':
            o.log?.(`deliver ${o.sha256.slice(0, 12)}: ${outcome.note}`);
            uploadMs = 0;
            return { ...done({ status: 'ready' }), unchanged: outcome.note };
        case 'activated': {
            const { code, stdout, stderr } = outcome.res;
            return done(parseActivation(o.sha256, code, stdout, stderr));
        }
        case 'activation-timeout':
            return done({ status: 'failed', step: 'activate', logTail: outcome.error });
        case 'lost': {
            // Whatever is left of that connection is of no use; a half-dead one must not keep us alive.
            client.destroy();
            const { how, activateAt } = outcome;
            const deadline = activateAt + o.readyTimeoutMs;
            return done(await afterLostConnection(o, r, how, now() - activateAt, deadline));
        }
    }
}
/**
 * The agent carries on without the SSH session: reconnect and read status.json until it has
 * decided or ready-timeout (counted from the start of activation) runs out. The activation is
 * never run again: whether the script died before or after its env and health-check writes is
 * not known, and a deploy run again from the start is the safe retry; so a `.part` that was not
 * renamed stays a failure.
 */
async function afterLostConnection(o, r, how, lostAfterMs, deadline) {
    const now = o.now ?? Date.now;
    o.log?.(`deliver ${o.sha256.slice(0, 12)}: connection lost during activation (${how})`);
    const reconnect = o.reconnect;
    if (reconnect === undefined) {
        const wait = { kind: 'timeout', seen: 'nothing: no way to reconnect', probes: 0 };
        return lostOutcome(how, lostAfterMs, wait, o.readyTimeoutMs);
    }
    let client;
    const probe = async () => {
        const left = Math.max(1_000, deadline - now());
        client ??= await reconnect(left);
        try {
            const res = await (0,exec/* exec */.m)(client, `sh -c ${(0,remote_scripts/* shq */.hi)(probeScript(r, o.sha256))}`, undefined, {
                timeoutMs: Math.min(PROBE_TIMEOUT_MS, left),
            });
            if (res.code === null && res.signal === undefined)
                throw new errors/* SshError */.DZ('the connection was lost again');
            return readProbe(o.sha256, res.stdout);
        }
        catch (err) {
            client.destroy();
            client = undefined;
            throw err;
        }
    };
    const wait = await waitForStatus({ probe, now, sleep: o.sleep ?? time/* realSleep */.uk, deadline });
    o.log?.(`deliver ${o.sha256.slice(0, 12)}: after the reconnect: ${wait.kind}`);
    return lostOutcome(how, lostAfterMs, wait, o.readyTimeoutMs);
}

// EXTERNAL MODULE: ./src/ssh/pool.ts
var pool = __webpack_require__(88298);
// EXTERNAL MODULE: ./src/ssh/seal.ts
var seal = __webpack_require__(49249);
;// CONCATENATED MODULE: ./src/ssh/deliver-many.ts







const DIAGNOSTICS_TIMEOUT_MS = 30_000;
/** Bound on the new connection diagnostics need when the delivery's own one was lost. */
const DIAGNOSTICS_CONNECT_MS = 15_000;
/** Steps that fail before activation starts: nothing to diagnose on the instance. */
const PRE_ACTIVATION = new Set([
    'prepare',
    'upload',
    'upload-verify',
    'rename',
    'env',
    'health-check-config',
    'ttl-config',
]);
const secs = (ms) => (0,time/* formatDuration */.a3)(ms, { compact: true });
async function deliverOne(t, o) {
    const now = o.now ?? Date.now;
    const t0 = now();
    const since = () => now() - t0;
    const say = (line) => o.log?.(`[${t.id}] ${line}`);
    const timings = {};
    const base = { id: t.id, host: t.host, port: t.port };
    const failed = (step, error, diagnostics, rolledBackTo) => {
        return {
            ...base,
            status: 'failed',
            step,
            error,
            ...(rolledBackTo === undefined ? {} : { rolledBackTo }),
            ...(diagnostics === undefined ? {} : { diagnostics }),
            timings: { ...timings, totalMs: since() },
        };
    };
    // Every connection to this instance (the first, and any made after one was lost), all with its
    // pinned host key; those still up are tracked, and all are ended when it is done.
    const clients = [];
    const live = new Set();
    const open = async (deadlineMs) => {
        const { username, privateKey } = o;
        const hostKey = t.hostKey ?? o.hostKey;
        const c = await (0,connect/* connect */.Ng)({ ...base, username, privateKey, hostKey, deadlineMs });
        clients.push(c);
        live.add(c);
        c.on('close', () => live.delete(c));
        c.on('end', () => live.delete(c));
        return c;
    };
    let client;
    try {
        client = await open(o.connectDeadlineMs);
    }
    catch (err) {
        return failed('connect', (0,errors/* errorMessage */.gJ)(err));
    }
    try {
        timings.sshReadyMs = since();
        say(`ssh ready in ${secs(timings.sshReadyMs)}`);
        let res;
        try {
            res = await deliverBundle(client, {
                ...o.bundle,
                ...(o.envFile === undefined ? {} : { envFile: o.envFile }),
                ...(o.healthCheck === undefined ? {} : { healthCheck: o.healthCheck }),
                ...(o.ttlMinutes === undefined ? {} : { ttlMinutes: o.ttlMinutes }),
                readyTimeoutMs: o.readyTimeoutMs,
                reconnect: (deadlineMs) => {
                    say('connection lost during activation: reconnecting');
                    return open(deadlineMs);
                },
                ...(o.remote === undefined ? {} : { remote: o.remote }),
                onUploaded: () => {
                    timings.uploadedMs = since();
                    say(`uploaded in ${secs(timings.uploadedMs)}`);
                },
            });
        }
        catch (err) {
            return failed(timings.uploadedMs === undefined ? 'upload' : 'activate', (0,errors/* errorMessage */.gJ)(err));
        }
        if (res.status === 'ready') {
            timings.activeMs = since();
            say(res.unchanged ?? `active in ${secs(timings.activeMs)}`);
            const note = res.unchanged === undefined ? {} : { note: res.unchanged };
            return { ...base, status: 'ready', ...note, timings: { ...timings, totalMs: since() } };
        }
        const step = res.step ?? 'activate';
        const error = res.logTail?.trim() || `step '${step}' failed`;
        if (PRE_ACTIVATION.has(step))
            return failed(step, error, undefined, res.rolledBackTo);
        // Over a connection still up, else a new one (the delivery's own may have been lost).
        const latest = clients.at(-1);
        let diag;
        try {
            const c = latest !== undefined && live.has(latest) ? latest : await open(DIAGNOSTICS_CONNECT_MS);
            diag = await collectDiagnostics(c, o.remote?.sudo ?? remote_scripts/* DEFAULT_REMOTE */.dS.sudo);
        }
        catch (err) {
            diag = `collecting diagnostics failed: ${(0,errors/* errorMessage */.gJ)(err)}`;
        }
        return failed(step, error, diag, res.rolledBackTo);
    }
    finally {
        for (const c of clients)
            c.end();
    }
}
/**
 * Delivers one bundle to every target, at most `concurrency` at once. Each instance's failure
 * (connect error, host key mismatch, failed activation, thrown error) becomes a `failed` result;
 * the others carry on. Results are in the order of `targets`.
 */
async function deliverToMany(targets, opts) {
    const redact = (0,seal/* envRedactor */.cH)(opts.envFile ?? '');
    const o = { ...opts, log: (0,seal/* sealLog */.aX)(opts.log, redact) };
    const one = async (t) => {
        const r = (0,seal/* sealResult */.Pd)(await deliverOne(t, o), redact);
        if (r.status === 'failed')
            o.log(`[${t.id}] ${(0,seal/* failureLine */.Pu)(r, 'failed')}`);
        if (r.rolledBackTo !== undefined)
            o.log(`[${t.id}] rolled back to ${r.rolledBackTo.slice(0, 12)}`);
        return r;
    };
    return (0,pool/* mapBounded */.y)(targets, o.concurrency, one, (t, e) => (0,seal/* sealResult */.Pd)(internalFailure(t, e), redact));
}
/** The result of an instance whose handling threw (a bug, not a deployment outcome). */
function internalFailure(t, error) {
    return {
        id: t.id,
        host: t.host,
        port: t.port,
        status: 'failed',
        step: 'internal',
        error,
        timings: { totalMs: 0 },
    };
}
/**
 * What the instance says about a failed activation (cloud-init, the agent's journal, failed
 * units), over the connection still open. Never throws: a failure to collect is the text.
 */
async function collectDiagnostics(client, sudo) {
    try {
        const d = await (0,connect/* exec */.m0)(client, `sh -c ${(0,remote_scripts/* shq */.hi)((0,remote_scripts/* diagnosticsScript */.cT)(sudo))}`, undefined, {
            timeoutMs: DIAGNOSTICS_TIMEOUT_MS,
        });
        return d.stdout + (d.stderr === '' ? '' : `\n[stderr]\n${d.stderr}`);
    }
    catch (err) {
        return `collecting diagnostics failed: ${(0,errors/* errorMessage */.gJ)(err)}`;
    }
}


/***/ }),

/***/ 28365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ exec),
/* harmony export */   q: () => (/* binding */ describe)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

/** An error's message with its code or level, for log lines and error texts. */
function describe(err) {
    if (!(err instanceof Error))
        return String(err);
    const e = err;
    const tag = e.code ?? e.level;
    return tag !== undefined && !e.message.includes(tag) ? `${e.message} (${tag})` : e.message;
}
/**
 * Runs `command` on the server, feeding `stdin` (or nothing) and collecting its output.
 * `timeoutMs` bounds the command (until a reply with its own `timeoutMs` is sent: from then on,
 * that); on expiry the channel is closed and a CommandTimeoutError thrown. A connection lost while the command runs resolves with `code: null` and no `signal`.
 * A stream `stdin` is consumed: if the command ends before reading all of it, it is destroyed.
 */
function exec(client, command, stdin, options = {}) {
    return new Promise((resolve, reject) => {
        client.exec(command, (err, ch) => {
            if (err) {
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SshError */ .DZ(`Could not start a remote command: ${describe(err)}`, { cause: err }));
                return;
            }
            const out = [];
            const errOut = [];
            let code = null;
            let signal;
            let done = false;
            // The stream being fed, once chosen (a Reply picks it after the command's first line).
            let input;
            let reply = stdin !== undefined && isReply(stdin) ? stdin : undefined;
            // Where the next reply's line is looked for: after the last one answered.
            let from = 0;
            const finish = (error) => {
                if (done)
                    return;
                done = true;
                if (timer !== undefined)
                    clearTimeout(timer);
                // A channel that closed early (connection lost, timeout) stops pulling from the input
                // without ending it: release the input (e.g. a file's descriptor) here.
                if (input !== undefined && !input.readableEnded) {
                    input.unpipe(ch);
                    input.destroy();
                }
                if (error) {
                    ch.close();
                    reject(error);
                    return;
                }
                const stdout = Buffer.concat(out).toString('utf8');
                const stderr = Buffer.concat(errOut).toString('utf8');
                resolve(signal === undefined ? { code, stdout, stderr } : { code, signal, stdout, stderr });
            };
            let timer;
            const arm = (ms) => {
                if (timer !== undefined)
                    clearTimeout(timer);
                if (ms === undefined)
                    return;
                const t = new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CommandTimeoutError */ .$9(`Remote command timed out after ${ms} ms`);
                timer = setTimeout(() => finish(t), ms);
            };
            arm(options.timeoutMs);
            /** Sends `data` (undefined: nothing), then ends stdin unless more follows. */
            const feed = (data, end = true) => {
                if (data === undefined)
                    ch.end();
                else if (Buffer.isBuffer(data)) {
                    if (end)
                        ch.end(data);
                    else
                        ch.write(data);
                }
                else {
                    input = data;
                    data.on('error', (e) => finish(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SshError */ .DZ(`Reading the input failed: ${describe(e)}`)));
                    data.pipe(ch, { end });
                }
            };
            ch.on('data', (d) => {
                out.push(d);
                while (reply !== undefined && !done) {
                    const text = Buffer.concat(out).toString('utf8');
                    const at = from === 0 && text.startsWith(reply.after)
                        ? 0
                        : text.indexOf(`\n${reply.after}`, Math.max(0, from - 1));
                    const eol = at < 0 ? -1 : text.indexOf('\n', at + 1);
                    if (eol < 0)
                        return;
                    const r = reply;
                    reply = undefined;
                    from = eol + 1;
                    try {
                        const sent = r.send(text.slice(0, eol + 1));
                        if (r.timeoutMs !== undefined)
                            arm(r.timeoutMs);
                        if (isContinued(sent)) {
                            reply = sent.then;
                            feed(sent.input, false);
                        }
                        else
                            feed(sent);
                    }
                    catch (e) {
                        finish(e instanceof Error ? e : new Error(String(e)));
                    }
                }
            });
            ch.stderr.on('data', (d) => errOut.push(d));
            ch.on('exit', (c, sig) => {
                code = typeof c === 'number' ? c : null;
                if (typeof sig === 'string')
                    signal = sig;
            });
            ch.on('error', (e) => finish(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SshError */ .DZ(`Remote command failed: ${describe(e)}`)));
            ch.on('close', () => finish());
            if (reply === undefined)
                feed(stdin);
        });
    });
}
function isReply(x) {
    return !Buffer.isBuffer(x) && typeof x.send === 'function';
}
function isContinued(x) {
    return !Buffer.isBuffer(x) && x.then !== undefined && 'input' in x;
}


/***/ }),

/***/ 99250:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LT: () => (/* binding */ HAVE_END),
/* harmony export */   rW: () => (/* binding */ readHave),
/* harmony export */   uW: () => (/* binding */ haveScript)
/* harmony export */ });
/* unused harmony export HAVE_MARK */
/* harmony import */ var _remote_scripts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(52767);
/**
 * What an instance runs, as one read: the `current` symlink's target, the sha256 of the env and
 * health-check files, and status.json, in one privileged call (they are root's). The upload
 * command says it before the bundle is sent (unchanged.ts decides from it); mode reconcile's
 * read-only probe (status-probe.ts) is this alone. The env file holds secrets: only its digest
 * leaves the instance.
 */

/** Opens what the instance says it runs: the line goes on with `current`'s target. */
const HAVE_MARK = '__SPOT_DEPLOY_HAVE__';
/** Ends it (the upload command then waits for the runner's answer). */
const HAVE_END = '__SPOT_DEPLOY_HAVE_END__';
/** Shell lines that print what the instance runs, from HAVE_MARK to HAVE_END; they never fail. */
function haveScript(r) {
    // sha256sum over openssl here: the files are small, and it starts in a millisecond.
    const read = [
        `sha256sum -- ${(0,_remote_scripts_js__WEBPACK_IMPORTED_MODULE_0__/* .shq */ .hi)(r.envPath)} ${(0,_remote_scripts_js__WEBPACK_IMPORTED_MODULE_0__/* .shq */ .hi)(r.healthCheckPath)} 2>/dev/null`,
        `cat ${(0,_remote_scripts_js__WEBPACK_IMPORTED_MODULE_0__/* .shq */ .hi)(r.statusPath)} 2>/dev/null`,
        'exit 0',
    ].join('; ');
    return [
        `echo "${HAVE_MARK} $(readlink ${(0,_remote_scripts_js__WEBPACK_IMPORTED_MODULE_0__/* .shq */ .hi)(r.currentPath)} 2>/dev/null)"`,
        `${(0,_remote_scripts_js__WEBPACK_IMPORTED_MODULE_0__/* .withSudo */ .SU)(r.sudo, `sh -c ${(0,_remote_scripts_js__WEBPACK_IMPORTED_MODULE_0__/* .shq */ .hi)(read)}`)} </dev/null 2>/dev/null`,
        `echo; echo ${HAVE_END}`,
    ];
}
const SHA = /^[0-9a-f]{64}$/;
/**
 * Reads haveScript's output (pure); undefined when it holds no HAVE_MARK … HAVE_END (nothing
 * readable came back).
 */
function readHave(text, r) {
    const start = text.indexOf(HAVE_MARK);
    const end = text.indexOf(`\n${HAVE_END}`, start);
    if (start < 0 || end < start)
        return undefined;
    const lines = text.slice(start, end).split('\n');
    const target = (lines[0] ?? '').slice(HAVE_MARK.length).trim().replace(/\/+$/, '');
    const current = target.slice(target.lastIndexOf('/') + 1);
    const digests = new Map();
    let i = 1;
    for (; i < lines.length && !(lines[i] ?? '').startsWith('{'); i++) {
        // sha256sum's "<hex>  <path>" (a path it had to escape starts with '\': never matches).
        const m = /^([0-9a-f]{64}) [ *](.*)$/.exec(lines[i] ?? '');
        if (m?.[1] !== undefined && m[2] !== undefined)
            digests.set(m[2], m[1]);
    }
    let status = {};
    try {
        const v = JSON.parse(lines.slice(i).join('\n'));
        if (v !== null && typeof v === 'object')
            status = v;
    }
    catch {
        // No status.json (a fresh instance), a torn one, or none readable: nothing is known.
    }
    const env = digests.get(r.envPath);
    const hc = digests.get(r.healthCheckPath);
    return {
        ...(SHA.test(current) ? { current } : {}),
        ...(typeof status.state === 'string' ? { state: status.state } : {}),
        ...(typeof status.sha256 === 'string' && SHA.test(status.sha256)
            ? { sha256: status.sha256 }
            : {}),
        ...(env === undefined ? {} : { envSha256: env }),
        ...(hc === undefined ? {} : { healthCheckSha256: hc }),
    };
}


/***/ }),

/***/ 88298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ mapBounded)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

/**
 * Runs `one` over every item, at most `concurrency` at once, results in the order of `items`.
 * `one` is expected to return its own failures; a throw is a last resort, turned into a result by
 * `onThrow`, so that one instance never stops the others (delivery and rollback share this).
 */
async function mapBounded(items, concurrency, one, onThrow) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new RangeError(`concurrency must be an integer ≥ 1, got ${concurrency}`);
    }
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < items.length; i = next++) {
            const item = items[i];
            results[i] = await one(item).catch((err) => onThrow(item, (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)));
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 52767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GV: () => (/* binding */ digestPath),
/* harmony export */   Hl: () => (/* binding */ STATUS_MARK),
/* harmony export */   MY: () => (/* binding */ cleanDiagnostics),
/* harmony export */   Ol: () => (/* binding */ ttlWrite),
/* harmony export */   RT: () => (/* binding */ tail),
/* harmony export */   SU: () => (/* binding */ withSudo),
/* harmony export */   cT: () => (/* binding */ diagnosticsScript),
/* harmony export */   dS: () => (/* binding */ DEFAULT_REMOTE),
/* harmony export */   hi: () => (/* binding */ shq),
/* harmony export */   sU: () => (/* binding */ activationScript)
/* harmony export */ });
/* unused harmony exports DIAGNOSTICS_MAX_CHARS, configureScript, healthCheckScript */
/* harmony import */ var _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(52437);
/**
 * The remote side of a delivery as pure builders: the shell scripts the runner runs over SSH
 * (upload, activation, diagnostics) and the trimming of their text; activation-result.ts reads
 * the activation's output. No I/O here: deliver.ts and deliver-many.ts run these. Paths, exit
 * codes and step names come from the on-instance contract (src/instance/contract.ts).
 */

const DEFAULT_REMOTE = Object.freeze({
    incomingDir: _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.incomingDir,
    statusPath: _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.status,
    envPath: _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.envFile,
    healthCheckPath: _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.healthCheck,
    healthDeadlinePath: _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.healthDeadline,
    ttlPath: _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.ttlMinutes,
    startCommand: `systemctl start ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .UNIT_NAMES */ .kn.service}`,
    currentPath: _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.current,
    // The agent travels in every bundle (bundle/.spot-deploy/), so the active release carries one.
    agentCommand: `python3 ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .REMOTE_PATHS */ .E7.current}/.spot-deploy/agent.py`,
    sudo: 'sudo -n',
});
/** Precedes the start (or agent) command's exit status, then status.json, in a script's output. */
const STATUS_MARK = '__SPOT_DEPLOY_STATUS__';
const TAIL_CHARS = 4_000;
const DIAGNOSTICS_MAX_CHARS = 8_000;
const TRUNCATED = '\n[truncated]';
/** Single-quotes a word for a POSIX shell. */
function shq(s) {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
/** The last `TAIL_CHARS` characters of a command's output, trimmed. */
function tail(s) {
    const t = s.trim();
    return t.length > TAIL_CHARS ? t.slice(-TAIL_CHARS) : t;
}
function withSudo(sudo, cmd) {
    return sudo.trim() === '' ? cmd : `${sudo.trim()} ${cmd}`;
}
/** Where the upload records the digest of a whole `.part` for the activation script. */
function digestPath(r, sha) {
    return `${r.incomingDir}/.${sha}.part.sha256`;
}
/** Copies stdin to `path` (parents made), with `mode`. */
function installFromStdin(mode, path) {
    return `install -D -m ${mode} /dev/stdin ${shq(path)}`;
}
/** Writes ttl-minutes (the agent re-arms the shutdown from it); `sudo` '' when already root. */
function ttlWrite(r, minutes, sudo = r.sudo) {
    return `printf '%s\\n' ${minutes} | ${withSudo(sudo, installFromStdin('0644', r.ttlPath))}`;
}
/** The health deadline is pasted into a script: a whole number of seconds, at least 1. */
function checkDeadline(seconds) {
    if (seconds !== undefined && (!Number.isSafeInteger(seconds) || seconds < 1))
        throw new RangeError(`healthDeadlineSeconds must be an integer ≥ 1, got ${seconds}`);
}
/**
 * What the activation writes as root, as one script for one privileged shell (its stdin: the env
 * file): the env file, replaced as a whole through a `.part` checked for `envBytes`, then
 * ttl-minutes, and the health-check file removed when the deploy clears it. One sudo for what took
 * up to four, each a PAM session and an auth-log line (~7 ms of CPU apiece measured here). sudo
 * logs this script as its command: it holds paths and numbers only, never a value of the user's.
 */
function configureScript(r, config = {}) {
    const { healthCheck, ttlMinutes, healthDeadlineSeconds: hd, envBytes = 0 } = config;
    if (!Number.isSafeInteger(envBytes) || envBytes < 0)
        throw new RangeError(`envBytes must be an integer ≥ 0, got ${envBytes}`);
    if (ttlMinutes !== undefined && (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0))
        throw new RangeError(`ttlMinutes must be an integer ≥ 0, got ${ttlMinutes}`);
    checkDeadline(hd);
    const env = shq(r.envPath);
    const envPart = shq(`${r.envPath}.part`);
    return [
        'set -u',
        // All of it or nothing: a connection lost while stdin was in flight ends stdin early, and a
        // cut env file must never reach the services (they read it at every start, reboots included).
        `${installFromStdin('0600', `${r.envPath}.part`)} || exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.env}`,
        `n=$(stat -c %s ${envPart})`,
        `if [ "$n" != ${envBytes} ]; then`,
        `  echo "env: expected ${envBytes} bytes on stdin, got $n" >&2`,
        `  exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.env}`,
        'fi',
        `mv ${envPart} ${env} || exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.env}`,
        // Before the agent runs: it re-arms the shutdown from this file.
        ...(ttlMinutes === undefined
            ? []
            : [`${ttlWrite(r, ttlMinutes, '')} || exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.ttlConfig}`]),
        ...(healthCheck === ''
            ? [`rm -f ${shq(r.healthCheckPath)} || exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.healthCheckConfig}`]
            : []),
    ].join('\n');
}
/**
 * Writes a non-empty health check as root, then its deadline when given: a second privileged
 * shell, the command on its stdin (sudo would log it if it were part of the script; it is the
 * user's text and could carry a token), the deadline after it so that a failed write leaves none.
 */
function healthCheckScript(r, deadlineSeconds) {
    checkDeadline(deadlineSeconds);
    const exit = `|| exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.healthCheckConfig}`;
    return [
        `${installFromStdin('0644', r.healthCheckPath)} ${exit}`,
        // The instance's own clock: no skew between the runner and the agent.
        ...(deadlineSeconds === undefined
            ? []
            : [
                `echo $(($(date +%s) + ${deadlineSeconds})) | ${installFromStdin('0644', r.healthDeadlinePath)} ${exit}`,
            ]),
    ].join('\n');
}
/**
 * The one remote script: verify, write env and ttl (configureScript) and the health check
 * (healthCheckScript) as root, rename, activate, print status.json. The env file is written on
 * every run from stdin, empty when the deployment has no `env`: it is replaced as a whole, so a
 * variable removed from the inputs is gone from the instance (the agent reads an empty file as
 * no variables).
 */
function activationScript(r, sha, bytes, config = {}) {
    const configure = configureScript(r, config);
    const { healthCheck, healthDeadlineSeconds: hd } = config;
    const part = shq(`${r.incomingDir}/.${sha}.part`);
    const sum = shq(digestPath(r, sha));
    const final = shq(`${r.incomingDir}/${sha}.tar.gz`);
    const { ttlConfig, healthCheckConfig } = _instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ;
    return [
        'set -u',
        // The digest the upload took while writing (uploadScript), and the size from the inode: no
        // second pass over the file. The digest file is consumed: it vouches for one rename only.
        'got=',
        `[ -f ${sum} ] && read -r got < ${sum}`,
        `rm -f ${sum}`,
        `size=$(stat -c %s ${part} 2>/dev/null)`,
        `if [ "$got" != ${sha} ] || [ "$size" != ${bytes} ]; then`,
        `  rm -f ${part}`,
        `  echo "upload-verify: expected sha256 ${sha} and ${bytes} bytes, got sha256 $got and $size bytes" >&2`,
        `  exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.uploadVerify}`,
        'fi',
        withSudo(r.sudo, `sh -c ${shq(configure)}`),
        // Its own codes pass through; any other failure (sudo refused, no shell) is the env file's,
        // the first thing it writes.
        'rc=$?',
        `case $rc in 0) ;; ${ttlConfig}|${healthCheckConfig}) exit $rc ;; *) exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.env} ;; esac`,
        // Not a secret, but the user's text: printf is the shell's builtin, so neither a new
        // process's arguments nor sudo's log hold it (the SSH command itself carries it, as always).
        ...(healthCheck === undefined || healthCheck === ''
            ? []
            : [
                `printf '%s\\n' ${shq(healthCheck)} | ${withSudo(r.sudo, `sh -c ${shq(healthCheckScript(r, hd))}`)} || exit ${healthCheckConfig}`,
            ]),
        // The rename is what the .path unit watches: everything activation reads must exist first.
        `mv -f ${part} ${final} || exit ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .SCRIPT_EXIT */ .lZ.rename}`,
        `${withSudo(r.sudo, r.startCommand)}`,
        'rc=$?',
        `echo "${STATUS_MARK} $rc"`,
        `${withSudo(r.sudo, `cat ${shq(r.statusPath)}`)}`,
    ].join('\n');
}
/** One shell script; every command is `|| true` so one missing tool does not hide the rest. */
function diagnosticsScript(sudo) {
    const su = sudo.trim() === '' ? '' : `${sudo.trim()} `;
    const run = (cmd) => `echo '$ ${cmd}'; ${cmd} 2>&1 || true`;
    return [
        run('cloud-init status --long'),
        run(`${su}journalctl -u ${_instance_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .UNIT_NAMES */ .kn.service} -n 50 --no-pager`),
        "echo '$ systemctl --failed --no-legend --plain'",
        'units=$(systemctl --failed --no-legend --plain 2>&1) || true',
        'echo "$units"',
        `for u in $(echo "$units" | awk '$1 ~ /[.]/ {print $1}'); do`,
        `  echo "\\$ ${su}systemctl status --no-pager -n 20 $u"; ${su}systemctl status --no-pager -n 20 "$u" 2>&1 || true`,
        'done',
    ].join('\n');
}
/**
 * Truncates to `DIAGNOSTICS_MAX_CHARS`. Env values are blanked out before this, where every
 * result is sealed (seal.ts), so that a cut never leaves the first half of a secret.
 */
function cleanDiagnostics(text) {
    return text.length > DIAGNOSTICS_MAX_CHARS
        ? text.slice(0, DIAGNOSTICS_MAX_CHARS - TRUNCATED.length) + TRUNCATED
        : text;
}


/***/ }),

/***/ 49249:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pd: () => (/* binding */ sealResult),
/* harmony export */   Pu: () => (/* binding */ failureLine),
/* harmony export */   aX: () => (/* binding */ sealLog),
/* harmony export */   cH: () => (/* binding */ envRedactor)
/* harmony export */ });
/* harmony import */ var _inputs_env_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65078);
/* harmony import */ var _remote_scripts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52767);


/** The redaction of every `env` value that can be a secret (inputs/env.ts: canBeSecret). */
function envRedactor(env) {
    return (0,_inputs_env_js__WEBPACK_IMPORTED_MODULE_0__/* .redactor */ .$p)((0,_inputs_env_js__WEBPACK_IMPORTED_MODULE_0__/* .secretValues */ .VX)(typeof env === 'string' ? (0,_inputs_env_js__WEBPACK_IMPORTED_MODULE_0__/* .readEnv */ .sx)(env) : env));
}
/** Fields the action writes itself: the target, the outcome, a step checked against the contract. */
const OWN_FIELDS = new Set(['id', 'host', 'port', 'status', 'step']);
/**
 * Every other string field redacted, then the diagnostics shortened (in that order: a cut must
 * not leave the first half of a secret behind).
 */
function sealResult(r, redact) {
    const out = {};
    for (const [k, v] of Object.entries(r)) {
        out[k] = typeof v === 'string' && !OWN_FIELDS.has(k) ? redact(v) : v;
    }
    if (typeof out.diagnostics === 'string')
        out.diagnostics = (0,_remote_scripts_js__WEBPACK_IMPORTED_MODULE_1__/* .cleanDiagnostics */ .MY)(out.diagnostics);
    return out;
}
/** A log that redacts each line. */
function sealLog(log, redact) {
    return (line) => log?.(redact(line));
}
/** The log line of a failed (sealed) result: where it failed and the last line of why. */
function failureLine(r, what) {
    const last = (r.error ?? '').trim().split('\n').pop() ?? '';
    return `${what} at ${r.step ?? 'unknown'}: ${last.length > 300 ? `${last.slice(0, 300)}…` : last}`;
}


/***/ })

};
;