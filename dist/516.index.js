"use strict";
exports.id = 516;
exports.ids = [516];
exports.modules = {

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

/***/ 44047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runStatus: () => (/* binding */ runStatus)
});

// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(46829);
// EXTERNAL MODULE: ./src/inputs/plan.ts
var inputs_plan = __webpack_require__(37786);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/aws/types.ts
var types = __webpack_require__(23228);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/status-summary.ts


/** `spot-deploy status`: the deployment's instances as EC2 tags describe them, with launch and expiry. */
function renderStatusSummary(deploymentId, regions, found) {
    const rows = found.map((i) => `| \`${i.id}\` | ${(0,markdown/* cell */.Hn)(i.state ?? '?')} | ${(0,markdown/* cell */.Hn)(i.region)} / ${(0,markdown/* cell */.Hn)(i.availabilityZone ?? '–')} | ${(0,markdown/* cell */.Hn)(i.instanceType)} | ${i.lifecycle} | ${(0,markdown/* cell */.Hn)(i.publicIp ?? '–')} | ${(0,markdown/* cell */.Hn)(i.privateIp ?? '–')} | ${(0,markdown/* cell */.Hn)(i.launchTime ?? '–')} | ${(0,markdown/* cell */.Hn)(i.tags?.[types/* TAG */.D.expiresAt] ?? '–')} |`);
    return [
        `## spot-deploy status: \`${deploymentId}\` — ${found.length} instance(s) in ${regions.join(', ')}`,
        '',
        '| instance | state | region / AZ | type | lifecycle | public IP | private IP | launched | expires |',
        '|---|---|---|---|---|---|---|---|---|',
        ...rows,
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/modes/status.ts




/**
 * `spot-deploy status` (command line): what the deployment runs now, per region, read from EC2
 * tags only (no SSH). The same columns as the deploy summary, plus launch and expiry times.
 */
async function runStatus(inputs, ctx, deps) {
    const plan = (0,inputs_plan/* buildPlan */.Gg)(inputs, ctx, new Date());
    const found = (await Promise.all(inputs.regions.map((r) => (0,instances/* findInstances */.wG)(deps.ec2(r), r, { deploymentId: plan.deploymentId })))).flat();
    (0,outputs/* setOutputs */.n0)(deps.sink, {
        'deployment-id': plan.deploymentId,
        instances: JSON.stringify(found.map(({ tags: _t, ...i }) => i)),
    });
    await deps.sink.summary(renderStatusSummary(plan.deploymentId, inputs.regions, found));
    return found;
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