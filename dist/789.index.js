export const id = 789;
export const ids = [789,163];
export const modules = {

/***/ 80163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPlan: () => (/* binding */ runPlan)
});

// EXTERNAL MODULE: ./src/keys.ts + 1 modules
var keys = __webpack_require__(47243);
// EXTERNAL MODULE: ./src/inputs/plan.ts
var inputs_plan = __webpack_require__(37786);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js
var partitions = __webpack_require__(47875);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/models/enums.js
var enums = __webpack_require__(9390);
;// CONCATENATED MODULE: ./src/inputs/known-names.ts
/**
 * Whether the AWS SDK bundled with the action knows a region or an instance type, from its own
 * data (no call). Unknown is a warning in `mode: plan`, never an error: AWS adds regions and types
 * faster than the action is rebuilt, and the form of each name is already checked (ec2-rules.ts).
 */
// The SDK's partition table alone (tsconfig.json `paths`: ncc and vitest apply it), not `@aws-sdk/core/client` (0.5 MB
// in dist/, ~25 ms of mode plan's start): its exports map has no path to the table itself.
// __tests__/unit/inputs/known-names.test.ts checks both answer alike for every region.

// The SDK's enums module alone, not the package: the package's entry is the whole EC2 client
// (3 MB in dist/), which mode plan must not load (docs/architecture.md, "Start-up").
// __tests__/unit/inputs/known-names.test.ts checks it is the same table the client exports.

const KNOWN_TYPES = new Set(Object.values(enums/* _InstanceType */.j$P));
const KNOWN_REGIONS = new Set(partitions/* partitionsInfo */.k.partitions.flatMap((p) => Object.keys(p.regions)));
/**
 * The SDK's partition data lists known regions (each with a description); a merely well-formed
 * name only matches a partition's pattern. The `aws-global` style pseudo-regions are listed too.
 */
function isKnownRegion(region) {
    return KNOWN_REGIONS.has(region);
}
function isKnownInstanceType(instanceType) {
    return KNOWN_TYPES.has(instanceType);
}
/** One warning per region and instance type the SDK does not know (typos, or very new names). */
function unknownNameWarnings(regions, instanceTypes) {
    const what = (kind, name, input) => `${kind} '${name}' (input \`${input}\`) is not one the AWS SDK in this action knows: check the spelling; if it is new, a deploy will tell whether EC2 accepts it.`;
    return [
        ...regions.filter((r) => !isKnownRegion(r)).map((r) => what('region', r, 'regions')),
        ...instanceTypes
            .filter((t) => !isKnownInstanceType(t))
            .map((t) => what('instance type', t, 'instance-types')),
    ];
}

// EXTERNAL MODULE: ./src/inputs/runner-ip.ts
var runner_ip = __webpack_require__(49021);
// EXTERNAL MODULE: ./src/modes/prepare.ts + 3 modules
var prepare = __webpack_require__(4196);
// EXTERNAL MODULE: ./src/cloud-init/render.ts + 2 modules
var render = __webpack_require__(48388);
// EXTERNAL MODULE: ./src/aws/launch-options.ts
var launch_options = __webpack_require__(44961);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/plan-summary.ts




/** The step summary of a dry run: what a deploy with these inputs would launch and send. */
function renderPlanSummary(plan, userData, bundle) {
    const i = plan.inputs;
    const rows = plan.regions.map((r) => `| ${(0,markdown/* cell */.Hn)(r.region)} | ${r.count === 0 ? '0 (fallback)' : r.count} | ${(0,markdown/* cell */.Hn)(i.instanceTypes.join(', '))} | ${(0,markdown/* cell */.Hn)(i.amiByRegion[r.region] ?? i.ami)} (${i.architecture}) |`);
    const parts = userData.parts.map((p) => `| ${(0,markdown/* cell */.Hn)(p.name)} | ${p.bytes} |`);
    const lines = [
        `## spot-deploy plan: \`${plan.deploymentId}\``,
        '',
        'Dry run: nothing was launched. A deploy with these inputs would start:',
        '',
        '| region | instances | instance types (spot) | image |',
        '|---|---|---|---|',
        ...rows,
        '',
        `Total **${i.count}** instance(s), ready needed: ${i.minReady}; on-demand fallback: ${i.onDemandFallback ? 'yes' : 'no'}; max price: ${i.maxPrice ? `$${i.maxPrice}/h` : 'on-demand price'}; time to live: ${i.ttlMinutes === 0 ? 'none' : `${i.ttlMinutes} min`}${plan.expiresAt ? ` (until ${plan.expiresAt})` : ''}; cleanup: ${i.cleanup}.`,
        '',
        ...launchOptionLines(i),
        `SSH (TCP ${i.sshPort}) open to: ${(0,runner_ip/* sshAccessText */.yy)(i)}.`,
        ...(i.securityGroupIds.length === 0 && (0,runner_ip/* worldOpenWarning */.t0)(i.sshCidrs, i.sshPort)
            ? ['', `> [!WARNING]`, `> ${(0,runner_ip/* worldOpenWarning */.t0)(i.sshCidrs, i.sshPort) ?? ''}`]
            : []),
        '',
        '| size | value | limit | used |',
        '|---|---|---|---|',
        `| user-data${userData.gzipped ? ' (gzip)' : ''} | ${userData.bytes} B | ${render/* USER_DATA_LIMIT */.z4} B | ${(0,markdown/* percent */.KN)(userData.bytes, render/* USER_DATA_LIMIT */.z4)} |`,
        `| bundle content | ${(0,markdown/* formatBytes */.z3)(bundle.treeBytes)} in ${bundle.fileCount} files | ${(0,markdown/* formatBytes */.z3)(i.bundleMaxBytes)} | ${(0,markdown/* percent */.KN)(bundle.treeBytes, i.bundleMaxBytes)} |`,
        `| bundle archive | ${(0,markdown/* formatBytes */.z3)(bundle.bytes)} | | |`,
        '',
        `Bundle sha256: \`${bundle.sha256}\``,
        '',
        '<details><summary>user-data bytes by part</summary>',
        '',
        '| part | bytes |',
        '|---|---|',
        ...parts,
        '',
        '</details>',
        '',
    ];
    return lines.join('\n');
}
/** Root volume, instance profile and CPU credits as the launch template will carry them. */
function launchOptionLines(i) {
    const v = i.rootVolume;
    const perf = [
        v.iops !== undefined ? `${v.iops} IOPS` : '',
        v.throughputMiBs !== undefined ? `${v.throughputMiBs} MiB/s` : '',
    ].filter(Boolean);
    const volume = `${v.type}, ${v.sizeGiB === undefined ? "the image's size" : `${v.sizeGiB} GiB`}${perf.length ? `, ${perf.join(', ')}` : ''}, encrypted with ${v.kmsKeyId === undefined ? "the account's default EBS key" : `\`${(0,markdown/* cell */.Hn)(v.kmsKeyId)}\``}, deleted with the instance`;
    const profile = i.instanceProfile === undefined
        ? 'none'
        : `\`${(0,markdown/* cell */.Hn)('arn' in i.instanceProfile ? i.instanceProfile.arn : i.instanceProfile.name)}\``;
    const burstable = i.instanceTypes.filter(launch_options/* isBurstable */.dy);
    const credits = burstable.length === 0
        ? 'no burstable type'
        : `${i.cpuCredits} for ${burstable.join(', ')}${burstable.length < i.instanceTypes.length ? ' (the other types have none)' : ''}`;
    return [`Root volume: ${volume}.`, `Instance profile: ${profile}; CPU credits: ${credits}.`];
}

// EXTERNAL MODULE: ./src/report/artifact.ts
var report_artifact = __webpack_require__(80954);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/modes/publisher.ts
var modes_publisher = __webpack_require__(22268);
;// CONCATENATED MODULE: ./src/modes/plan.ts









/** mode: plan — renders user-data and bundle exactly as a deploy would, without any AWS call. */
async function runPlan(inputs, ctx, sink, root, now = new Date(), publisher) {
    const plan = (0,inputs_plan/* buildPlan */.Gg)(inputs, ctx, now);
    // A dry run is where a typo should show: a deploy would only learn it from EC2.
    for (const w of unknownNameWarnings(inputs.regions, inputs.instanceTypes))
        sink.warning(w);
    const open = (0,runner_ip/* worldOpenWarning */.t0)(inputs.sshCidrs, inputs.sshPort);
    if (open !== undefined && inputs.securityGroupIds.length === 0)
        sink.warning(open);
    sink.info(`SSH (TCP ${inputs.sshPort}) open to: ${(0,runner_ip/* sshAccessText */.yy)(inputs)}`);
    // A plan renders with throwaway keys: the real ones are made per deployment at launch.
    const client = inputs.sshPrivateKey ?? (0,keys/* generateEd25519 */.bY)('spot-deploy');
    const host = (0,keys/* generateEd25519 */.bY)('spot-deploy');
    const prepared = await (0,prepare/* prepare */.i)(plan, { client, host }, sink, root);
    const { userData, bundle } = prepared;
    (0,outputs/* setOutputs */.n0)(sink, { ...(0,outputs/* renderedOutputs */.mD)(plan.deploymentId, prepared), ...outputs/* NO_FLEET */.Nk });
    const artifact = publisher ? await publisher.artifact('plan', plan, prepared) : modes_publisher/* NO_ARTIFACT */.B;
    (0,report_artifact/* reportArtifact */.x)(sink, artifact);
    await sink.summary(renderPlanSummary(plan, userData, bundle));
    return { plan, ...prepared };
}


/***/ }),

/***/ 22268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ NO_ARTIFACT)
/* harmony export */ });
const NO_ARTIFACT = {
    status: 'skipped',
    message: 'artifact: skipped outside GitHub Actions',
};


/***/ }),

/***/ 26490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S0: () => (/* binding */ writeNewFile),
/* harmony export */   Ul: () => (/* binding */ CREATE_NEW),
/* harmony export */   hI: () => (/* binding */ makePrivateDir),
/* harmony export */   ti: () => (/* binding */ removeIfPresent)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



// Files the action writes on the runner (the user-data with the host private key, the bundle,
// the artifact's copies) live in a directory of the run's own, never at a predictable path in a
// shared temp directory: with /tmp/spot-deploy/<id>/user-data, another user of the machine could
// create that directory first, or plant a symlink there that the action would write through.
/** Created, never reused: fails if anything (a file, a symlink) is already at the path. */
const CREATE_NEW = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW;
/** A fresh directory (mode 0700, random suffix) named `<prefix>XXXXXX`; its parent is created if missing. */
async function makePrivateDir(prefix) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(prefix), { recursive: true, mode: 0o700 });
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(prefix);
}
/** Writes a new file (mode 0600 unless given) with CREATE_NEW: never through a symlink, never over a file. */
async function writeNewFile(path, data, mode = 0o600) {
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, CREATE_NEW, mode);
    try {
        await fh.writeFile(data);
    }
    finally {
        await fh.close();
    }
}
/** Removes what is at `path` (a stale output, or a symlink itself, never its target), if anything. */
async function removeIfPresent(path) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path).catch((e) => {
        if (e.code !== 'ENOENT')
            throw e;
    });
}


/***/ }),

/***/ 80954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ reportArtifact)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54285);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65468);


/** Logs an outcome and sets `artifact-id`; a failure is a warning, never a failed step. */
function reportArtifact(sink, outcome) {
    if (outcome.status === 'uploaded') {
        (0,_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .setOutputs */ .n0)(sink, { 'artifact-id': String(outcome.id) });
        const where = outcome.url === undefined ? '' : ` → ${outcome.url}`;
        sink.info(`artifact '${outcome.name}': id ${outcome.id}, ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(outcome.size)} (${outcome.files.join(', ')})${where}`);
    }
    else if (outcome.status === 'skipped') {
        sink.info(outcome.message);
    }
    else {
        sink.warning(outcome.message);
    }
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


/***/ })

};
