export const id = 163;
export const ids = [163];
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


/***/ })

};
