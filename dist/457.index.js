"use strict";
exports.id = 457;
exports.ids = [457];
exports.modules = {

/***/ 92475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X8: () => (/* binding */ pyYamlPlainType),
/* harmony export */   lV: () => (/* binding */ parseCloudConfig)
/* harmony export */ });
/* unused harmony exports pyYamlInt, pyYamlFloat */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/**
 * The `cloud-config` input, read the way cloud-init reads it: with PyYAML (YAML 1.1), whose
 * implicit types are not the `yaml` library's. Under YAML 1.2 `permissions: 0755` is decimal 755
 * (cloud-init would then apply mode 0o1363, world-writable); the `yaml` library's own 1.1 schema
 * reads `y`/`n` as booleans and `1e3` as a number, which PyYAML reads as text. So the plain
 * scalars are resolved here with PyYAML's own resolvers and constructors (yaml/resolver.py and
 * constructor.py, PyYAML 6 as shipped with cloud-init 22.4), and what PyYAML could not read, or
 * reads as something cloud-config has no use for (dates, non-text keys), is refused with its line.
 */


const INPUT = 'cloud-config';
/** PyYAML's implicit resolvers, in its order (it tries them in registration order). */
const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PY_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PY_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const PY_MERGE = /^(?:<<)$/;
const PY_NULL = /^(?:~|null|Null|NULL|)$/;
const PY_TIMESTAMP = /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const PY_VALUE = /^(?:=)$/;
/** The type PyYAML gives a plain (unquoted, untagged) scalar with this text. */
function pyYamlPlainType(text) {
    // Each regex starts with the characters PyYAML files that resolver under, so testing them in
    // its order gives its answer.
    if (PY_BOOL.test(text))
        return 'bool';
    if (PY_FLOAT.test(text))
        return 'float';
    if (PY_INT.test(text))
        return 'int';
    if (PY_MERGE.test(text))
        return 'merge';
    if (PY_NULL.test(text))
        return 'null';
    if (PY_TIMESTAMP.test(text))
        return 'timestamp';
    if (PY_VALUE.test(text))
        return 'value';
    return 'str';
}
function signOf(text) {
    const sign = text.startsWith('-') ? -1 : 1;
    return [sign, /^[-+]/.test(text) ? text.slice(1) : text];
}
/** A whole number as PyYAML's int has it: arbitrary size, so a bigint past 2^53. */
function wholeNumber(n) {
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(n)
        : n;
}
/** PyYAML's construct_yaml_int. */
function pyYamlInt(text) {
    const [sign, v] = signOf(text.replace(/_/g, ''));
    const s = BigInt(sign);
    if (v === '0')
        return 0;
    const digits = (body, prefix) => {
        if (body === '')
            throw new Error(`'${text}' is an integer PyYAML cannot read`);
        return BigInt(`${prefix}${body}`);
    };
    if (v.startsWith('0b'))
        return wholeNumber(s * digits(v.slice(2), '0b'));
    if (v.startsWith('0x'))
        return wholeNumber(s * digits(v.slice(2), '0x'));
    if (v.startsWith('0'))
        return wholeNumber(s * digits(v.slice(1), '0o'));
    if (v.includes(':'))
        return wholeNumber(s * v.split(':').reduce((acc, part) => acc * 60n + BigInt(part), 0n));
    return wholeNumber(s * BigInt(v));
}
/** PyYAML's construct_yaml_float. */
function pyYamlFloat(text) {
    const [sign, v] = signOf(text.replace(/_/g, '').toLowerCase());
    if (v === '.inf')
        return sign * Infinity;
    if (v === '.nan')
        return NaN;
    if (v.includes(':'))
        return sign * v.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
    return sign * Number(v);
}
const Y = 'tag:yaml.org,2002:';
function refusing(name, test, why) {
    return {
        tag: `${Y}${name}`,
        default: true,
        test,
        resolve: (text, onError) => {
            onError(`'${text}' ${why}`);
            return text;
        },
    };
}
/** The scalar tags of PyYAML's SafeLoader; plain scalars are resolved by them, in this order. */
const PYYAML_TAGS = [
    { tag: `${Y}bool`, default: true, test: PY_BOOL, resolve: (t) => /^(y|t|o[nN])/i.test(t) },
    { tag: `${Y}float`, default: true, test: PY_FLOAT, resolve: pyYamlFloat },
    {
        tag: `${Y}int`,
        default: true,
        test: PY_INT,
        resolve: (text, onError) => {
            try {
                return pyYamlInt(text);
            }
            catch (e) {
                onError(e.message);
                return text;
            }
        },
    },
    { tag: `${Y}null`, default: true, test: PY_NULL, resolve: () => null },
    refusing('timestamp', PY_TIMESTAMP, 'is a date to cloud-init (YAML 1.1), which no cloud-config key takes; quote it to keep it text.'),
    refusing('value', PY_VALUE, 'cannot be read by cloud-init (YAML 1.1) unquoted; quote it.'),
];
/** `<<` as a value (as a key it merges, as in PyYAML). */
const MERGE_AS_VALUE = refusing('merge', PY_MERGE, 'outside a key cannot be read by cloud-init (YAML 1.1); quote it.');
const REPLACED = new Set(['bool', 'float', 'int', 'null', 'timestamp'].map((n) => `${Y}${n}`));
/**
 * Parses the `cloud-config` input as cloud-init will: every problem (syntax, an alias that is
 * undefined or multiplies past 100 nodes, a value or key PyYAML would read otherwise) is an
 * InputError naming the input and the line.
 */
function parseCloudConfig(raw) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(raw, {
        version: '1.1',
        uniqueKeys: true,
        prettyErrors: false,
        lineCounter: lines,
        customTags: (tags) => [
            ...PYYAML_TAGS,
            ...tags.filter((t) => typeof t !== 'string' && !REPLACED.has(t.tag)),
            MERGE_AS_VALUE,
        ],
    });
    const at = (offset) => offset === undefined ? '' : `line ${lines.linePos(offset).line}: `;
    const first = doc.errors[0];
    if (first !== undefined) {
        const what = first.code === 'TAG_RESOLVE_FAILED' ? '' : 'is not valid YAML: ';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(INPUT, `${what}${at(first.pos[0])}${first.message.split('\n')[0]}`);
    }
    (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(doc, {
        Pair(_, pair) {
            const key = pair.key;
            // A merge key (`<<: *base`) is the one key that is not text, in PyYAML too.
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(key) || typeof key.value === 'string' || key.tag === `${Y}merge`)
                return;
            if (typeof key.value === 'symbol')
                return;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(INPUT, `${at(key.range?.[0])}key '${String(key.source ?? key.value)}' is read by cloud-init (YAML 1.1) as ${key.value === null ? 'null' : typeof key.value}, not text; quote it.`);
        },
    });
    let value;
    try {
        value = doc.toJS({ maxAliasCount: 100 });
    }
    catch (e) {
        // An undefined alias, or aliases multiplying into a resource exhaustion (an alias bomb).
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(INPUT, `cannot be read: ${e.message}.`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(INPUT, 'must be a YAML mapping of cloud-config keys (e.g. `timezone: UTC`), merged into the generated user-data.');
    }
    return value;
}


/***/ }),

/***/ 65078:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ redactor),
/* harmony export */   O5: () => (/* binding */ envMaskValues),
/* harmony export */   VX: () => (/* binding */ secretValues),
/* harmony export */   mJ: () => (/* binding */ renderEnvFile),
/* harmony export */   sx: () => (/* binding */ readEnv),
/* harmony export */   vc: () => (/* binding */ parseEnv)
/* harmony export */ });
/* unused harmony exports ENV_KEY, readEnvLine, SECRET_MIN_LENGTH, SECRET_KEY_MIN_LENGTH, SECRET_KEY, canBeSecret, REDACTED */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

// The `env` input: one reading of KEY=value lines shared by input validation, masking, redaction
// and the env file the instance gets, so that all of them see a value exactly as the agent
// (bundle/.spot-deploy/agent.py, load_env) and systemd's EnvironmentFile= will read it.
//
// systemd's parser (src/basic/env-file.c) and a line-by-line reader differ on backslashes
// (escapes, continuations), on quotes that do not wrap the whole value (`"a"b` is `ab`, an
// unclosed `'` runs on over the next lines) and on carriage returns (a line end for systemd).
// Rather than reimplement that state machine twice, such values are refused at input: what is
// accepted reads the same everywhere, and the agent ignores (and logs by number) any other line.
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Whitespace as systemd trims it around keys and values (not Unicode spaces like U+00A0). */
const BLANK = /^[ \t]+|[ \t]+$/g;
const trimBlank = (s) => s.replace(BLANK, '');
const QUOTES = `"'`;
/** Whether c (one character, possibly none) is a quote: `''.includes` would say yes to none. */
const isQuote = (c) => c !== '' && QUOTES.includes(c);
/** One line, as the agent and systemd both read it, or why they might not agree on it. */
function readEnvLine(line) {
    const text = line.replace(/\r$/, '');
    const lead = trimBlank(text);
    // systemd also takes `;` as a comment; the agent does the same.
    if (lead === '' || lead.startsWith('#') || lead.startsWith(';'))
        return { kind: 'skip' };
    const eq = text.indexOf('=');
    if (eq < 0)
        return { kind: 'bad', why: 'is not KEY=value' };
    const key = trimBlank(text.slice(0, eq));
    if (!ENV_KEY.test(key)) {
        return {
            kind: 'bad',
            why: 'does not start with an environment variable name ([A-Za-z_][A-Za-z0-9_]*) and =',
        };
    }
    const raw = trimBlank(text.slice(eq + 1));
    const bad = (why) => ({ kind: 'bad', key, why });
    // Tab is the one control character both readers keep (inside a value, like a space).
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(raw))
        return bad('its value holds a control character');
    if (raw.includes('\\')) {
        return bad('its value holds a backslash (systemd reads escapes and line continuations)');
    }
    const first = raw.charAt(0);
    const last = raw.charAt(raw.length - 1);
    if (raw.length >= 2 && isQuote(first) && first === last) {
        const inner = raw.slice(1, -1);
        if (!inner.includes(first))
            return { kind: 'pair', key, value: inner };
    }
    if (isQuote(first) || isQuote(last)) {
        return bad(`its value starts or ends with a quote that does not wrap the whole value once ("…" or '…')`);
    }
    return { kind: 'pair', key, value: raw };
}
/**
 * The `env` input → [key, value] pairs, values as the instance will read them (a simple pair of
 * quotes removed, blanks around trimmed). An error names the line and, when it has one, the key;
 * never the value.
 */
function parseEnv(raw, input) {
    const out = [];
    const seen = new Set();
    raw.split('\n').forEach((line, i) => {
        const r = readEnvLine(line);
        const at = `line ${i + 1}`;
        if (r.kind === 'skip')
            return;
        if (r.kind === 'bad') {
            const who = r.key === undefined ? at : `${at} (${r.key})`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${who} ${r.why}; it is not repeated here, as it may be secret.`);
        }
        if (seen.has(r.key))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${at}: key '${r.key}' is set twice.`);
        seen.add(r.key);
        out.push([r.key, r.value]);
    });
    return out;
}
/** The pairs of env text that both readers agree on; other lines are skipped, as the agent does. */
function readEnv(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const r = readEnvLine(line);
        if (r.kind === 'pair')
            out.push([r.key, r.value]);
    }
    return out;
}
/** The env file text: each value written so that readEnvLine (and so agent and systemd) gives it back. */
function renderEnvFile(env) {
    return env.map(([k, v]) => `${k}=${quoteForEnvFile(v)}`).join('\n');
}
function quoteForEnvFile(v) {
    const plain = v === trimBlank(v) && !isQuote(v.charAt(0)) && !isQuote(v.charAt(v.length - 1));
    if (plain)
        return v;
    // A value from a quoted pair lacks that pair's quote, so one of the two always fits.
    return v.includes("'") ? `"${v}"` : `'${v}'`;
}
/**
 * Which env values can be secrets (masked in the log and blanked out of what instances print):
 * every value of 8 characters or more, and every value of 3 or more whose key names a secret.
 * Shorter ones (`DEBUG=true`, `PORT=80`, `LOG=info`) are left alone: masking them would hide
 * every `true` and `80` in the log, and no credential is that short.
 */
const SECRET_MIN_LENGTH = 8;
const SECRET_KEY_MIN_LENGTH = 3;
const SECRET_KEY = /SECRET|TOKEN|PASS|PWD|KEY|CREDENTIAL|AUTH|PRIVATE|CERT|SALT|DSN|COOKIE/i;
function canBeSecret(key, value) {
    const v = value.trim();
    return (v.length >= SECRET_MIN_LENGTH || (SECRET_KEY.test(key) && v.length >= SECRET_KEY_MIN_LENGTH));
}
/**
 * The texts to mask or redact for these pairs: each value that can be a secret, and its trimmed
 * form (a shell prints `$V` unquoted without the blanks a quoted value kept), longest first so a
 * value containing another is replaced whole.
 */
function secretValues(env) {
    const out = new Set();
    for (const [k, v] of env) {
        if (!canBeSecret(k, v))
            continue;
        out.add(v);
        out.add(v.trim());
    }
    return [...out].sort((a, b) => b.length - a.length);
}
/**
 * What to mask of the raw `env` input, before it is validated: the secret values of the lines
 * that read, and the value (or whole text) of each line that does not, whatever its length
 * beyond two characters, since nothing tells whether it is a secret.
 */
function envMaskValues(raw) {
    const out = new Set(secretValues(readEnv(raw)));
    for (const line of raw.split('\n')) {
        if (readEnvLine(line).kind !== 'bad')
            continue;
        const eq = line.indexOf('=');
        const rest = line.slice(eq + 1).trim();
        if (rest.length >= SECRET_KEY_MIN_LENGTH)
            out.add(rest);
    }
    return [...out].sort((a, b) => b.length - a.length);
}
const REDACTED = '[redacted]';
/** Replaces every occurrence of each value (longest first) with `[redacted]`. */
function redactor(values) {
    const sorted = [...new Set(values)].filter((v) => v !== '').sort((a, b) => b.length - a.length);
    return (text) => sorted.reduce((out, v) => out.split(v).join(REDACTED), text);
}


/***/ }),

/***/ 95034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ AMI_ALIASES),
/* harmony export */   N: () => (/* binding */ architectureOf)
/* harmony export */ });
/**
 * Image aliases resolved per region (owner account and name pattern for DescribeImages); the
 * newest available build wins. Owners are account ids, not aliases such as `amazon`: an alias
 * covers every image its owner publishes (and moto gives it to every catalogue image).
 */
const AMI_ALIASES = {
    'ubuntu-24.04': {
        owner: '099720109477',
        packageManager: 'apt',
        name: {
            x86_64: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
            arm64: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*',
        },
    },
    'ubuntu-22.04': {
        owner: '099720109477',
        packageManager: 'apt',
        name: {
            x86_64: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*',
            arm64: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-*',
        },
    },
    'debian-12': {
        owner: '136693071363',
        packageManager: 'apt',
        name: { x86_64: 'debian-12-amd64-*', arm64: 'debian-12-arm64-*' },
    },
    // Amazon's own builds (account 137112412989 in the commercial regions), e.g.
    // al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64; `al2023-ami-2023.` leaves out the minimal
    // (`al2023-ami-minimal-…`, a smaller package set) and the ECS-optimised images.
    'amazon-linux-2023': {
        owner: '137112412989',
        packageManager: 'dnf',
        name: {
            x86_64: 'al2023-ami-2023.*-kernel-*-x86_64',
            arm64: 'al2023-ami-2023.*-kernel-*-arm64',
        },
    },
};
/**
 * The CPU architecture of an instance type, from its family name: Graviton families carry a
 * `g` right after the generation digit (m7g, c6gn, r6gd, t4g, g5g, is4gen), plus a1. Other
 * families with a g elsewhere (g4dn, g6) are x86_64.
 */
function architectureOf(instanceType) {
    const family = instanceType.split('.')[0] ?? '';
    if (family === 'a1' || /^[a-z]+\d+g[a-z]*(-[a-z0-9]+)?$/.test(family))
        return 'arm64';
    return 'x86_64';
}


/***/ }),

/***/ 74197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E6: () => (/* binding */ parseVolumeType),
/* harmony export */   PR: () => (/* binding */ parseIops),
/* harmony export */   V9: () => (/* binding */ parseVolumeSize),
/* harmony export */   Yi: () => (/* binding */ parseThroughput),
/* harmony export */   gZ: () => (/* binding */ parseInstanceProfile),
/* harmony export */   jz: () => (/* binding */ parseKmsKeyId),
/* harmony export */   qt: () => (/* binding */ rootVolumeProblem)
/* harmony export */ });
/* unused harmony exports ROOT_VOLUME_TYPES, VOLUME_LIMITS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _primitives_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25839);
/**
 * The launch options of the instances: the root volume (`root-volume-size`, `-type`, `-iops`,
 * `-throughput`, `kms-key-id`), `instance-profile` and `cpu-credits`. EBS's own limits are checked
 * here, before any call; the one limit that needs the image (a size at least its root snapshot's)
 * is `rootVolumeProblem` with the image's size, at launch-template time.
 */


/** st1, sc1 and magnetic `standard` cannot boot an instance: only these are offered. */
const ROOT_VOLUME_TYPES = ['gp3', 'gp2', 'io1', 'io2'];
/**
 * EBS's limits per type (Amazon EBS volume types, EC2 User Guide; gp3 raised to 64 TiB,
 * 80,000 IOPS and 2,000 MiB/s in September 2025). gp3's first 3,000 IOPS come with any size;
 * its throughput is at most 0.25 MiB/s per IOPS (so 750 MiB/s at the 3,000 baseline).
 */
const VOLUME_LIMITS = {
    gp3: { size: [1, 65536], iops: [3000, 80000], iopsPerGiB: 500, throughput: [125, 2000] },
    gp2: { size: [1, 16384] },
    io1: { size: [4, 16384], iops: [100, 64000], iopsPerGiB: 50, iopsRequired: true },
    io2: { size: [4, 65536], iops: [100, 256000], iopsPerGiB: 1000, iopsRequired: true },
};
const GP3_BASELINE_IOPS = 3000;
function parseVolumeType(raw, input) {
    if (['st1', 'sc1', 'standard'].includes(raw))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${raw} volumes cannot be a boot (root) volume; use one of ${ROOT_VOLUME_TYPES.join(', ')}.`);
    return _primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEnum */ .nL(input, raw, ROOT_VOLUME_TYPES);
}
/** `type` is undefined when `root-volume-type` itself was refused: only that error is shown. */
function parseVolumeSize(raw, input, type) {
    if (type === undefined)
        return _primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIntIn */ .yt(input, raw, 1, 65536);
    const [min, max] = VOLUME_LIMITS[type].size;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `a ${type} root volume is ${min} to ${max} GiB (a whole number), got '${_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$(raw)}'.`);
    return Number(raw);
}
function parseIops(raw, input, type) {
    if (type === undefined)
        return undefined;
    const range = VOLUME_LIMITS[type].iops;
    if (raw === '') {
        if (VOLUME_LIMITS[type].iopsRequired)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `a ${type} root volume needs its provisioned IOPS; set it.`);
        return undefined;
    }
    if (range === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${type} volumes take no provisioned IOPS; use root-volume-type gp3, io1 or io2, or leave it empty.`);
    return _primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIntIn */ .yt(input, raw, range[0], range[1]);
}
function parseThroughput(raw, input, type, iops) {
    if (type === undefined)
        return undefined;
    const range = VOLUME_LIMITS[type].throughput;
    if (range === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `only gp3 volumes take a provisioned throughput, root-volume-type is ${type}.`);
    const mibs = _primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIntIn */ .yt(input, raw, range[0], range[1]);
    const ceiling = Math.floor((iops ?? GP3_BASELINE_IOPS) / 4);
    if (mibs > ceiling)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `gp3 allows at most 0.25 MiB/s per IOPS: ${mibs} MiB/s needs root-volume-iops ${mibs * 4} or more (it is ${iops ?? `${GP3_BASELINE_IOPS}, the baseline`}).`);
    return mibs;
}
/**
 * What EBS would refuse about a root volume of `sizeGiB` (the input's, or the image's when the
 * input is empty): smaller than the image's root snapshot, or more IOPS than its size allows.
 */
function rootVolumeProblem(rv, sizeGiB, snapshotGiB) {
    if (rv.sizeGiB !== undefined && snapshotGiB !== undefined && rv.sizeGiB < snapshotGiB)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('root-volume-size', `${rv.sizeGiB} GiB is smaller than the image's root snapshot (${snapshotGiB} GiB), which EC2 refuses; give ${snapshotGiB} or more, or leave it empty for the image's size.`);
    const per = VOLUME_LIMITS[rv.type].iopsPerGiB;
    if (rv.iops === undefined || per === undefined || sizeGiB === undefined)
        return undefined;
    if (rv.type === 'gp3' && rv.iops <= GP3_BASELINE_IOPS)
        return undefined;
    if (rv.iops > sizeGiB * per)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('root-volume-iops', `a ${sizeGiB} GiB ${rv.type} volume allows at most ${sizeGiB * per} IOPS (${per} per GiB); raise root-volume-size to ${Math.ceil(rv.iops / per)} or lower the IOPS.`);
    return undefined;
}
const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}):\d{12}:(key\/(.+)|alias\/[A-Za-z0-9/_-]{1,250})$/;
/**
 * A KMS key as EBS takes it: key id, `alias/…`, key ARN or alias ARN. KMS keys are regional: an
 * ARN names its region, and a plain key id exists in one region only (a multi-region `mrk-` id or
 * an alias can be the same name in several), so those are refused for a region they cannot be in.
 */
function parseKmsKeyId(raw, regions) {
    const input = 'kms-key-id';
    const arn = KMS_ARN.exec(raw);
    if (arn) {
        const keyId = arn[3];
        if (keyId !== undefined && !KEY_ID.test(keyId))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$(raw)}' is not a key ARN (…:key/<key id>).`);
        const others = regions.filter((r) => r !== arn[1]);
        if (others.length > 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `the key is in ${arn[1]} but instances launch in ${others.join(', ')} too; an instance's volume needs a key of its own region (give a multi-region key id or an alias that exists in each region, or deploy one region per step).`);
        return raw;
    }
    if (ALIAS.test(raw) || /^mrk-[0-9a-f]{32}$/.test(raw))
        return raw;
    if (KEY_ID.test(raw)) {
        if (regions.length > 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `a key id belongs to one region but ${regions.length} regions are given; give a multi-region key (mrk-…) or an alias present in each region.`);
        return raw;
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$(raw)}' is not a KMS key id, alias/… name, key ARN or alias ARN.`);
}
const PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;
const PROFILE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/([\w+=,.@/-]*\/)?[\w+=,.@-]{1,128}$/;
/** An instance profile's name, or its ARN (the form EC2 needs for a profile with a path). */
function parseInstanceProfile(raw) {
    if (raw.startsWith('arn:')) {
        if (PROFILE_ARN.test(raw))
            return { arn: raw };
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('instance-profile', `'${_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$(raw)}' is not an instance profile ARN (arn:aws:iam::<account>:instance-profile/<name>); a role ARN is not one: give the profile that holds the role.`);
    }
    if (PROFILE_NAME.test(raw))
        return { name: raw };
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('instance-profile', `'${_primitives_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$(raw)}' is not an instance profile name (1-128 letters, digits and +=,.@_-) nor ARN.`);
}


/***/ }),

/***/ 2512:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T: () => (/* binding */ parseInputs)
});

// UNUSED EXPORTS: DEFAULTS

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/keys.ts + 1 modules
var keys = __webpack_require__(47243);
// EXTERNAL MODULE: ./src/inputs/primitives.ts
var primitives = __webpack_require__(25839);
// EXTERNAL MODULE: ./src/inputs/rules.ts
var rules = __webpack_require__(98190);
// EXTERNAL MODULE: ./src/inputs/instance-types.ts
var instance_types = __webpack_require__(95034);
;// CONCATENATED MODULE: ./src/inputs/ec2-rules.ts
/**
 * The rules of the inputs that become EC2 request parameters: `regions`, `instance-types` (their
 * form and their architecture), the per-region ids (`subnet-ids`, `security-group-ids`)
 * and `max-price`. Apart from the other input rules because they are EC2's names and limits,
 * checked before any call (whether the SDK knows a name is known-names.ts's warning).
 */



/** An AWS region name (partition forms included); also the keys of `ami`'s per-region map. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/**
 * family.size: a family is letters, a generation and attribute letters, optionally `-` and a
 * variant (m7i-flex, u-6tb1, mac2-m2pro; mac-m4 has no generation); sizes are EC2's words.
 */
const INSTANCE_TYPE = /^[a-z]+(\d+[a-z]*)?(-[a-z0-9]+)?\.(nano|micro|small|medium|large|xlarge|\d{1,3}xlarge|metal(-\d{1,3}xl)?)$/;
function parseRegions(raw, fallback) {
    const regions = primitives/* parsePatternList */.Yk('regions', raw, REGION, 'an AWS region name such as us-east-1 or eu-west-3');
    if (regions.length > 0)
        return regions;
    if (fallback && REGION.test(fallback))
        return [fallback];
    throw new src_errors/* InputError */.dz('regions', 'no region given: set `regions` (e.g. us-east-1, or several separated by commas) or AWS_REGION.');
}
/** `arch` is undefined when `architecture` itself was invalid: only that error is reported then. */
function parseInstanceTypes(raw, arch) {
    const types = primitives/* parsePatternList */.Yk('instance-types', raw || (arch === 'arm64' ? 't4g.small,t4g.medium,m7g.medium' : 't3.small,t3a.small,m7i.large'), INSTANCE_TYPE, 'an EC2 instance type such as t3.small or m7g.large');
    if (types.length > 20)
        throw new src_errors/* InputError */.dz('instance-types', `at most 20 types are accepted, got ${types.length}.`);
    for (const t of types) {
        if (arch && (0,instance_types/* architectureOf */.N)(t) !== arch) {
            throw new src_errors/* InputError */.dz('instance-types', `'${t}' is an ${(0,instance_types/* architectureOf */.N)(t)} type but \`architecture\` is ${arch}; list ${arch} types or change \`architecture\`.`);
        }
    }
    return types;
}
function perRegionIds(input, raw, re, what, regionCount) {
    const ids = primitives/* parsePatternList */.Yk(input, raw, re, what);
    if (ids.length > 0 && regionCount > 1) {
        throw new src_errors/* InputError */.dz(input, `these ids belong to one region but ${regionCount} regions are given; leave \`${input}\` empty to use each region's default, or deploy one region per step.`);
    }
    return ids;
}
/** EC2 refuses a spot max price at or below this (USD per hour). */
const MIN_SPOT_PRICE = 0.001;
function parseMaxPrice(raw) {
    if (!/^\d{1,4}(\.\d{1,6})?$/.test(raw) || Number(raw) <= MIN_SPOT_PRICE) {
        throw new src_errors/* InputError */.dz('max-price', `expected a price in USD per instance-hour above ${MIN_SPOT_PRICE} (EC2's minimum spot price), such as 0.05, got '${primitives/* printable */.g$(raw)}'; leave it empty to cap at the on-demand price.`);
    }
    return raw;
}

;// CONCATENATED MODULE: ./src/inputs/ami.ts
/**
 * The `ami` input: one image for every region (an alias, resolved in each region, or an `ami-…`
 * id, which exists in one region only), or a per-region map `us-east-1=ami-…, eu-west-1=ami-…`
 * whose values are ids or aliases. Checked against `regions` before any call: every region needs
 * exactly one entry, and an entry for a region not in `regions` is refused too (a typo there would
 * otherwise leave a region without its image, or a stale entry would go unnoticed). Also whether
 * `packages` suits the package manager of the aliases chosen.
 */




const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;
const aliasList = () => Object.keys(instance_types/* AMI_ALIASES */.$).join(', ');
const MAP_EXAMPLE = 'us-east-1=ami-…, eu-west-1=ami-…';
/** An id or an alias (hasOwn: 'constructor' is no alias). */
function ami_image(raw, where) {
    if (AMI_ID.test(raw) || Object.hasOwn(instance_types/* AMI_ALIASES */.$, raw))
        return raw;
    throw new src_errors/* InputError */.dz('ami', `'${primitives/* printable */.g$(raw)}'${where} is neither an AMI id (ami- and 8 or 17 hex digits) nor an alias (${aliasList()}).`);
}
/**
 * `regions` is empty only when that input itself was invalid: the map's entries are then checked
 * for their form alone, and only the `regions` error is reported for the rest.
 */
function parseAmi(raw, regions) {
    if (!raw.includes('=')) {
        const one = ami_image(raw, '');
        if (AMI_ID.test(one) && regions.length > 1) {
            throw new src_errors/* InputError */.dz('ami', `an AMI id belongs to one region but ${regions.length} regions are given; give one id per region (${MAP_EXAMPLE}) or an alias (${aliasList()}).`);
        }
        return { text: one, byRegion: Object.fromEntries(regions.map((r) => [r, one])) };
    }
    const byRegion = {};
    for (const entry of primitives/* parseList */.E1('ami', raw)) {
        const eq = entry.indexOf('=');
        const region = entry.slice(0, eq).trim();
        const value = entry.slice(eq + 1).trim();
        if (eq < 0 || !REGION.test(region)) {
            throw new src_errors/* InputError */.dz('ami', `'${primitives/* printable */.g$(entry)}' is not REGION=IMAGE; a per-region map reads ${MAP_EXAMPLE} (one entry per region of \`regions\`).`);
        }
        if (Object.hasOwn(byRegion, region))
            throw new src_errors/* InputError */.dz('ami', `region ${region} has two entries; give one image per region.`);
        byRegion[region] = ami_image(value, ` (for ${region})`);
    }
    if (regions.length > 0) {
        const extra = Object.keys(byRegion).filter((r) => !regions.includes(r));
        if (extra.length > 0) {
            throw new src_errors/* InputError */.dz('ami', `has an entry for ${extra.join(', ')}, which \`regions\` (${regions.join(', ')}) does not list; remove it or add the region to \`regions\`.`);
        }
        const missing = regions.filter((r) => !Object.hasOwn(byRegion, r));
        if (missing.length > 0) {
            throw new src_errors/* InputError */.dz('ami', `has no image for ${missing.join(', ')}; every region of \`regions\` needs an entry (${MAP_EXAMPLE}).`);
        }
    }
    const text = Object.entries(byRegion)
        .map(([r, i]) => `${r}=${i}`)
        .join(', ');
    return { text, byRegion };
}
/**
 * `packages` against the images: cloud-init hands each name as written to the image's package
 * manager, and only apt reads `name=version`; dnf would look for a package of that whole name and
 * the instance would come up without it. Checked for aliases only: an id's distribution is not
 * known before launch.
 */
function checkPackagesForImages(packages, byRegion) {
    const pinned = packages.find((name) => name.includes('='));
    if (pinned === undefined)
        return;
    const dnf = Object.values(byRegion).find((a) => Object.hasOwn(instance_types/* AMI_ALIASES */.$, a) && instance_types/* AMI_ALIASES */.$[a]?.packageManager === 'dnf');
    if (dnf === undefined)
        return;
    throw new src_errors/* InputError */.dz('packages', `'${primitives/* printable */.g$(pinned)}' pins a version as apt does (name=version), but ${dnf} installs packages with dnf, which reads name-version: write '${primitives/* printable */.g$(pinned.replace('=', '-'))}'.`);
}

;// CONCATENATED MODULE: ./src/inputs/login-user.ts
/**
 * The rules about the instance's login user and what it will own: the `ssh-user` name (never a
 * system account of the image, which would get passwordless sudo) and the `directories` made for
 * it (never a system tree, a system parent or spot-deploy's own). Apart from the other input rules
 * because both guard the same thing, what the login user may become on the instance.
 */



const SSH_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
/**
 * Accounts the base images (Ubuntu, Debian, Amazon Linux) already have, or their packages create:
 * cloud-init would give an existing one our authorized keys and passwordless sudo, so a
 * compromised web server (`www-data`) would be root. The image's default cloud user (`ubuntu`,
 * `admin`, `ec2-user`) is not among them: cloud-init creates it only when `users` lists
 * `default`, which ours does not. The user-data checks again at boot (render.ts, bootcmd).
 */
const SYSTEM_USERS = new Set([
    ...['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp'],
    ...['proxy', 'www-data', 'backup', 'list', 'irc', 'gnats', 'nobody', 'nogroup', 'messagebus'],
    ...['syslog', 'sshd', 'uuidd', 'tcpdump', 'tss', 'landscape', 'pollinate', 'polkitd', 'dbus'],
    ...['ec2-instance-connect', 'chrony', 'rpc', 'rpcuser', 'usbmux', 'dnsmasq', 'lxd', 'adm'],
    ...['halt', 'shutdown', 'operator', 'ftp', 'nfsnobody', 'rngd', 'libstoragemgmt', 'sssd'],
    ...[
        'postfix',
        'apache',
        'nginx',
        'ntp',
        'statd',
        'avahi',
        'fwupd-refresh',
        'dhcpcd',
        'ubuntu-advantage',
    ],
]);
/** Debian names system accounts `_name` (`_apt`, `_chrony`); systemd's are `systemd-*`. */
const SYSTEM_USER_PREFIX = /^(_|systemd-)/;
const DIRECTORY = /^\/[A-Za-z0-9._@+/-]*$/;
function parseSshUser(raw) {
    if (!SSH_USER.test(raw)) {
        throw new src_errors/* InputError */.dz('ssh-user', `'${primitives/* printable */.g$(raw)}' is not accepted: use a Linux user name (lowercase letter or _, then up to 31 lowercase letters, digits, _ or -).`);
    }
    if (SYSTEM_USERS.has(raw) || SYSTEM_USER_PREFIX.test(raw)) {
        throw new src_errors/* InputError */.dz('ssh-user', `'${raw}' is a system account of the image (or named like one): spot-deploy gives the login user passwordless sudo, which a system account must not get; choose a new name such as the default, spot-deploy.`);
    }
    return raw;
}
/**
 * Trees `directories` may not name nor reach into: the system's and the shared world-writable ones
 * (an entry there may belong to anyone). spot-deploy's own follow (a test checks every path of the
 * contract is refused). Written without their leading slash, added below: a quoted var path in
 * src/ must be a contract path (__tests__/unit/instance/contract.test.ts), and these are not.
 */
const SYSTEM_TREES = [
    ...['bin', 'boot', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'lost+found', 'proc'],
    ...['root', 'run', 'sbin', 'sys', 'tmp', 'usr', 'var/tmp', 'snap'],
].map((d) => `/${d}`);
/** Directories that are system parents: refused themselves, their new subdirectories are fine. */
const SYSTEM_PARENTS = new Set([
    ...['home', 'media', 'mnt', 'opt', 'srv', 'var', 'var/cache', 'var/lib', 'var/log', 'var/mail'],
    ...['var/spool', 'var/www', 'var/opt', 'var/backups', 'var/local'],
].map((d) => `/${d}`));
/**
 * spot-deploy's own directories on the instance (src/instance/contract.ts, a later layer) all have
 * a component named `spot-deploy`: /opt/spot-deploy, /var/lib/spot-deploy, /var/log/spot-deploy.
 */
const OWN_COMPONENT = 'spot-deploy';
function parseDirectory(raw) {
    const accepted = 'an absolute path of letters, digits and . _ @ + - /, without .. or //';
    if (!DIRECTORY.test(raw) ||
        raw.includes('//') ||
        raw.split('/').some((s) => s === '..' || s === '.')) {
        throw new src_errors/* InputError */.dz('directories', `'${primitives/* printable */.g$(raw)}' is not ${accepted}.`);
    }
    const norm = external_node_path_.posix.normalize(raw).replace(/\/$/, '');
    if (norm === '' || norm === '/')
        throw new src_errors/* InputError */.dz('directories', `'/' cannot be created; give ${accepted}.`);
    const tree = SYSTEM_TREES.find((t) => norm === t || norm.startsWith(`${t}/`)) ??
        (norm.split('/').includes(OWN_COMPONENT) ? OWN_COMPONENT : undefined);
    if (tree !== undefined || SYSTEM_PARENTS.has(norm)) {
        throw new src_errors/* InputError */.dz('directories', `'${norm}' is ${tree === undefined ? 'a system directory' : tree === OWN_COMPONENT ? "one of spot-deploy's own directories" : `in ${tree}, which belongs to the system`}: the login user would own it. Give your application's own directory, e.g. /srv/app, /opt/myapp, /var/lib/myapp or /data.`);
    }
    return norm;
}

// EXTERNAL MODULE: ./src/inputs/cloud-config.ts
var cloud_config = __webpack_require__(92475);
// EXTERNAL MODULE: ./src/inputs/launch-options.ts
var launch_options = __webpack_require__(74197);
// EXTERNAL MODULE: ./src/inputs/runner-ip.ts
var runner_ip = __webpack_require__(49021);
;// CONCATENATED MODULE: ./src/inputs/ports.ts


/**
 * At most this many service ports: each becomes one ingress rule per `ports-cidr` block, and a
 * security group holds 60 inbound rules per IP version by default (EC2's quota), SSH's included.
 */
const MAX_PORTS = 20;
/** Rules for the service ports (ports × ports-cidr) kept under the quota with room for SSH's. */
const MAX_PORT_RULES = 50;
/** `ports`: TCP ports opened on the deployment's own security group; never `ssh-port`. */
function parsePorts(raw, input, sshPort) {
    const items = (0,primitives/* parseList */.E1)(input, raw);
    if (items.length > MAX_PORTS)
        throw new src_errors/* InputError */.dz(input, `at most ${MAX_PORTS} ports, got ${items.length}.`);
    const ports = [];
    for (const item of items) {
        // No leading zeros: `080` would read as 80 here but as octal or text elsewhere.
        if (!/^[1-9]\d*$/.test(item))
            throw new src_errors/* InputError */.dz(input, `expected TCP ports from 1 to 65535, got '${(0,primitives/* printable */.g$)(item)}'.`);
        const port = (0,primitives/* parseIntIn */.yt)(input, item, 1, 65535);
        if (ports.includes(port))
            throw new src_errors/* InputError */.dz(input, `${port} is listed twice.`);
        if (port === sshPort)
            throw new src_errors/* InputError */.dz(input, `${port} is ssh-port: SSH has its own rule, from ssh-cidr; leave it out of ports.`);
        ports.push(port);
    }
    return ports;
}
/** `ports-cidr`: who may reach the service ports; the rule count stays under EC2's quota. */
function parsePortsCidr(raw, input, portCount) {
    const cidrs = (0,primitives/* parseList */.E1)(input, raw).map((c) => (0,primitives/* parseCidr */.GN)(input, c));
    if (cidrs.length === 0)
        throw new src_errors/* InputError */.dz(input, 'needs at least one CIDR block.');
    if (cidrs.length * portCount > MAX_PORT_RULES)
        throw new src_errors/* InputError */.dz(input, `${portCount} port(s) × ${cidrs.length} block(s) are ${cidrs.length * portCount} ingress rules; at most ${MAX_PORT_RULES} (a security group holds 60 inbound rules by default, SSH's included).`);
    return cidrs;
}

;// CONCATENATED MODULE: ./src/inputs/parse.ts












/** Defaults, applied when an input is unset or empty; a test checks action.yml declares the same. */
const DEFAULTS = {
    mode: 'deploy',
    count: '1',
    ami: 'ubuntu-24.04',
    architecture: 'x86_64',
    'ssh-cidr': runner_ip/* RUNNER */.zK,
    'runner-ip-lookup': runner_ip/* RUNNER_IP_LOOKUP_DEFAULT */.Im,
    'ssh-user': 'spot-deploy',
    'ssh-port': '22',
    'ssh-address': 'public-ip',
    // Open to all by default: a service port is opened to be reached (README, "Service ports").
    'ports-cidr': '0.0.0.0/0',
    'on-demand-fallback': 'false',
    'root-volume-type': 'gp3',
    'cpu-credits': 'standard',
    'ttl-minutes': '240',
    'package-upgrade': 'false',
    'bundle-max-size': '256M',
    'bundle-include-vcs': 'false',
    'launch-timeout': '5m',
    'ready-timeout': '10m',
    'lock-timeout': '5m',
    'lock-lease': '90s',
    // count's maximum: a deploy waits for its slowest instance, and below `count` the deliveries
    // queue in waves (count 100 at 10: ten of them), so the wall time grew with N.
    concurrency: '100',
    cleanup: 'on-failure',
    'pr-comment': 'false',
    // The runner expands this; the literal only reaches the parser outside Actions (see parseGithubToken).
    'github-token': rules/* GITHUB_TOKEN_DEFAULT */.OH,
};
/** The two fields of `ami` (placeholders when it was refused: parseInputs throws then). */
const amiFields = (a) => ({
    ami: a?.text ?? '',
    amiByRegion: a?.byRegion ?? {},
});
/** Parses every input, collecting all problems so that one failed run shows them all. */
function parseInputs(get, ctx) {
    const errors = [];
    // On error the placeholder is never returned to the caller: the errors are thrown below.
    function field(name, parse) {
        try {
            return parse(get(name).trim() || (DEFAULTS[name] ?? ''), name);
        }
        catch (e) {
            if (!(e instanceof src_errors/* InputError */.dz))
                throw e;
            errors.push(e);
            return undefined;
        }
    }
    const optional = (fn) => (raw, input) => raw === '' ? undefined : fn(raw, input);
    const int = (min, max) => (raw, input) => primitives/* parseIntIn */.yt(input, raw, min, max);
    const bool = (raw, input) => primitives/* parseBool */.q6(input, raw);
    const oneOf = (...allowed) => (raw, input) => primitives/* parseEnum */.nL(input, raw, allowed);
    const mode = field('mode', oneOf('deploy', 'destroy', 'plan', 'rollback', 'reconcile'));
    const regions = field('regions', (r) => parseRegions(r, ctx.defaultRegion)) ?? [];
    const count = field('count', int(1, 100)) ?? 1;
    const architecture = field('architecture', oneOf('x86_64', 'arm64'));
    const idList = (re, what) => (raw, input) => perRegionIds(input, raw, re, what, regions.length);
    const batchSize = field('batch-size', optional(rules/* parseBatchSize */.DV));
    const volumeType = field('root-volume-type', launch_options/* parseVolumeType */.E6);
    const volumeSize = field('root-volume-size', optional((r, n) => launch_options/* parseVolumeSize */.V9(r, n, volumeType)));
    const volumeIops = field('root-volume-iops', (r, n) => launch_options/* parseIops */.PR(r, n, volumeType));
    const rootVolume = {
        type: volumeType,
        sizeGiB: volumeSize,
        iops: volumeIops,
        throughputMiBs: field('root-volume-throughput', optional((r, n) => launch_options/* parseThroughput */.Yi(r, n, volumeType, volumeIops))),
        kmsKeyId: field('kms-key-id', optional((r) => launch_options/* parseKmsKeyId */.jz(r, regions))),
    };
    // Known only when the size is given; otherwise checked against the image's size at launch time.
    const volumeError = volumeType === undefined ? undefined : launch_options/* rootVolumeProblem */.qt(rootVolume, volumeSize, undefined);
    if (volumeError)
        errors.push(volumeError);
    const { runner: sshRunner, cidrs: sshCidrs } = field('ssh-cidr', runner_ip/* parseSshCidr */.c9) ?? {
        runner: false,
        cidrs: [],
    };
    const sshCidr = { sshCidrs, sshRunner };
    const sshPort = field('ssh-port', int(1, 65535));
    const ports = field('ports', (r, n) => parsePorts(r, n, sshPort)) ?? [];
    const inputs = {
        mode,
        rollbackTo: field('rollback-to', optional((r) => rules/* parseRollbackTo */.xI(r, mode))),
        deploymentId: field('deployment-id', optional((r) => rules/* parseDeploymentId */.EQ(r, mode))),
        regions,
        count,
        instanceTypes: field('instance-types', (r) => parseInstanceTypes(r, architecture)),
        ...amiFields(field('ami', (r) => parseAmi(r, regions))),
        architecture,
        subnetIds: field('subnet-ids', idList(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id (subnet-0123abcd…)')),
        securityGroupIds: field('security-group-ids', idList(/^sg-[0-9a-f]{8,17}$/, 'a security group id (sg-0123abcd…)')),
        ...sshCidr,
        runnerIpLookup: field('runner-ip-lookup', runner_ip/* parseRunnerIpLookup */.zx),
        sshUser: field('ssh-user', parseSshUser),
        sshPort,
        sshAddress: field('ssh-address', oneOf('public-ip', 'private-ip', 'public-dns')),
        sshPrivateKey: field('ssh-private-key', optional((r, n) => (0,keys/* parsePrivateKey */.QW)(n, r))),
        ports,
        portsCidrs: field('ports-cidr', (r, n) => parsePortsCidr(r, n, ports.length)),
        onDemandFallback: field('on-demand-fallback', bool),
        maxPrice: field('max-price', optional(parseMaxPrice)),
        rootVolume: Object.freeze(rootVolume),
        instanceProfile: field('instance-profile', optional(launch_options/* parseInstanceProfile */.gZ)),
        cpuCredits: field('cpu-credits', oneOf('standard', 'unlimited')),
        ttlMinutes: field('ttl-minutes', rules/* parseTtl */.Kw),
        packages: field('packages', rules/* parsePackages */.R_),
        packageUpgrade: field('package-upgrade', bool),
        directories: field('directories', (r, n) => primitives/* parseList */.E1(n, r).map(parseDirectory)),
        bundlePath: field('bundle-path', (r) => rules/* parseBundlePath */.LI(r, mode, ctx.workspace)),
        bundleExclude: field('bundle-exclude', (r, n) => primitives/* parseList */.E1(n, r).map(rules/* parseExclude */.Eg)),
        bundleMaxBytes: field('bundle-max-size', (r, n) => primitives/* parseSize */.DB(n, r, 1024, 4 * 1024 ** 3)),
        bundleIncludeVcs: field('bundle-include-vcs', bool),
        workspace: (0,external_node_path_.resolve)(ctx.workspace),
        env: field('env', rules/* parseEnv */.vc),
        cloudConfig: field('cloud-config', optional(cloud_config/* parseCloudConfig */.lV)),
        minReady: field('min-ready', (r, n) => (r === '' ? count : primitives/* parseIntIn */.yt(n, r, 0, count))),
        launchTimeoutSeconds: field('launch-timeout', (r, n) => primitives/* parseDuration */.E9(n, r, 30, 3600)),
        readyTimeoutSeconds: field('ready-timeout', (r, n) => primitives/* parseDuration */.E9(n, r, 30, 7200)),
        // Up to a job's 6 h limit: a queue of deploys may legitimately wait that long.
        lockTimeoutSeconds: field('lock-timeout', (r, n) => primitives/* parseDuration */.E9(n, r, 0, 21600)),
        // Under 15 s a heartbeat (every lease/4) would compete with EC2's own API latency.
        lockLeaseSeconds: field('lock-lease', (r, n) => primitives/* parseDuration */.E9(n, r, 15, 3600)),
        concurrency: field('concurrency', int(1, 100)),
        batchSize,
        maxFailed: field('max-failed', (r, n) => {
            if (r === '')
                return 0;
            // Alone it would be silently ignored: with one batch there is no later batch to hold back.
            if (batchSize === undefined && get('batch-size').trim() === '')
                throw new src_errors/* InputError */.dz(n, 'applies to rolling redeploys only: set batch-size too.');
            return primitives/* parseIntIn */.yt(n, r, 0, 100);
        }),
        cleanup: field('cleanup', oneOf('on-failure', 'always', 'never')),
        tags: field('tags', rules/* parseTags */.rL),
        artifactName: field('artifact-name', optional(rules/* parseArtifactName */.TZ)),
        artifactRetentionDays: field('artifact-retention-days', optional(int(1, 90))),
        healthCheck: field('health-check', optional(rules/* parseHealthCheck */.Kx)),
        prComment: field('pr-comment', bool),
        githubToken: field('github-token', rules/* parseGithubToken */.gp),
    };
    // Both parsed (undefined after their own error): whether the images' package manager reads them.
    if (inputs.packages !== undefined && inputs.ami !== '') {
        try {
            checkPackagesForImages(inputs.packages, inputs.amiByRegion);
        }
        catch (e) {
            if (!(e instanceof src_errors/* InputError */.dz))
                throw e;
            errors.push(e);
        }
    }
    // Only the key the instances authorise reaches them: an ephemeral one would be refused by all.
    if ((mode === 'rollback' || mode === 'reconcile') &&
        inputs.sshPrivateKey === undefined &&
        get('ssh-private-key').trim() === '')
        errors.push(rules/* keyRequiredFor */.yC(mode));
    if (errors.length > 0)
        throw new src_errors/* InputErrors */.G(errors);
    return Object.freeze(inputs);
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

/***/ 98190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ parseBatchSize),
/* harmony export */   EQ: () => (/* binding */ parseDeploymentId),
/* harmony export */   Eg: () => (/* binding */ parseExclude),
/* harmony export */   Kw: () => (/* binding */ parseTtl),
/* harmony export */   Kx: () => (/* binding */ parseHealthCheck),
/* harmony export */   LI: () => (/* binding */ parseBundlePath),
/* harmony export */   OH: () => (/* binding */ GITHUB_TOKEN_DEFAULT),
/* harmony export */   R_: () => (/* binding */ parsePackages),
/* harmony export */   TZ: () => (/* binding */ parseArtifactName),
/* harmony export */   gp: () => (/* binding */ parseGithubToken),
/* harmony export */   rL: () => (/* binding */ parseTags),
/* harmony export */   vc: () => (/* binding */ parseEnv),
/* harmony export */   xI: () => (/* binding */ parseRollbackTo),
/* harmony export */   yC: () => (/* binding */ keyRequiredFor)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _primitives_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25839);
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65078);




// One parser per input that needs more than a generic parser. Each throws InputError naming its
// input and what it accepts. EC2's (regions, instance types, AMI, per-region ids, max price) are in
// ec2-rules.ts, the login user's (ssh-user, directories) in login-user.ts.
const DEPLOYMENT_ID = /^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$/;
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:-]+)?$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
function parseDeploymentId(raw, mode) {
    if (raw === 'expired' && mode !== 'destroy') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('deployment-id', "'expired' is reserved for the janitor (mode: destroy); choose another id.");
    }
    if (raw === 'all' && mode !== 'reconcile') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('deployment-id', "'all' is reserved for mode: reconcile (every live deployment of the repository); choose another id.");
    }
    if (!DEPLOYMENT_ID.test(raw)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('deployment-id', `'${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(raw)}' is not accepted: use 1 to 48 lowercase letters, digits and hyphens, starting and ending with a letter or digit (it becomes part of EC2 resource names and tags), e.g. pr-42 or myapp-main.`);
    }
    return raw;
}
/**
 * `rollback-to`: a release's bundle sha256 (the `bundle-sha256` output of the deploy that made
 * it). Refused in the other modes rather than ignored: a deploy step carrying it was almost
 * certainly meant to be a rollback.
 */
function parseRollbackTo(raw, mode) {
    if (mode !== 'rollback') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('rollback-to', `only applies to mode: rollback (the mode is ${mode}); remove it, or set mode: rollback.`);
    }
    if (!/^[0-9a-f]{64}$/.test(raw)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('rollback-to', `'${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(raw)}' is not a bundle sha256: give the 64 lowercase hex digits of a release (the bundle-sha256 output of the deploy that made it).`);
    }
    return raw;
}
/** A mode that must reach the deployment's existing instances needs the key they authorise. */
function keyRequiredFor(mode) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('ssh-private-key', `is required in mode ${mode}: the instances only accept the key the deploy that launched them authorised (pass the same secret).`);
}
function parseTtl(raw) {
    const ttl = _primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .parseIntIn */ .yt('ttl-minutes', raw, 0, 43200);
    if (ttl !== 0 && ttl < 10) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('ttl-minutes', `expected 0 (no time limit) or 10 to 43200 minutes, got ${ttl}; an instance needs a few minutes to boot and receive its bundle.`);
    }
    return ttl;
}
function parseBundlePath(raw, mode, workspace) {
    if (raw === '') {
        if (mode === 'destroy' || mode === 'rollback' || mode === 'reconcile')
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('bundle-path', `is required in mode ${mode}: the directory (relative to the workspace) whose files are deployed, e.g. deploy/.`);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(raw))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('bundle-path', 'contains control characters; give a directory path.');
    const ws = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace);
    const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(ws, raw);
    // The bundle is a public artifact and lands on every instance: only the workspace's own files
    // may go in (`../..` or the runner's ssh host-key dir would ship keys). Symlinks are resolved at bundle time.
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(ws, abs);
    if (rel === '..' || rel.startsWith('../') || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(rel))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('bundle-path', `'${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(raw)}' is outside the workspace (${ws}); give a directory inside it, e.g. deploy/.`);
    return abs;
}
function parseExclude(raw) {
    if (raw.startsWith('/') || raw.split('/').includes('..')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('bundle-exclude', `'${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(raw)}' must be a glob relative to bundle-path (e.g. *.log, node_modules/**), without a leading / or ..`);
    }
    return raw;
}
function parseTags(raw) {
    const pairs = _primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .parseKeyValueLines */ .FF('tags', raw, /^.{1,128}$/u, 'a tag key of 1 to 128 characters');
    if (pairs.length > 40)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('tags', `at most 40 tags are accepted (EC2 allows 50 and spot-deploy sets its own), got ${pairs.length}.`);
    const tags = {};
    for (const [key, value] of pairs) {
        if (/^(aws:|spot-deploy:)/i.test(key) || key === 'Name') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('tags', `key '${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(key)}' is reserved (aws:, spot-deploy: and Name are set by AWS or spot-deploy); choose another key.`);
        }
        if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value) || value.length > 256) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('tags', `tag '${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(key)}': keys and values may hold letters, digits, spaces and _ . : / = + - @ only, values up to 256 characters.`);
        }
        tags[key] = value;
    }
    return tags;
}
/** `batch-size`: `N` instances (1-100) or `P%` (1-100) of the adopted instances. */
function parseBatchSize(raw) {
    const accepted = 'a number of instances from 1 to 100, or a percentage from 1% to 100%';
    const m = /^(\d+)(%?)$/.exec(raw);
    const n = m ? Number(m[1]) : NaN;
    if (!m || n < 1 || n > 100)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('batch-size', `expected ${accepted} (e.g. 1 or 25%), got '${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(raw)}'.`);
    return m[2] === '%' ? { kind: 'percent', percent: n } : { kind: 'count', count: n };
}
function parseHealthCheck(raw) {
    if (raw.includes('\n') || raw.length > 1024) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('health-check', 'must be one shell command line of at most 1024 characters, run on each instance until it exits 0 (e.g. curl -fsS http://127.0.0.1:8080/health).');
    }
    return raw;
}
/**
 * The characters @actions/artifact refuses in a name (its validateArtifactName is internal, so the
 * list is copied: checked here, a bad name fails before any instance is launched).
 */
const ARTIFACT_NAME_FORBIDDEN = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];
/** Downloads are written as `<name>.zip`, and most file systems cap a file name at 255 bytes. */
const ARTIFACT_NAME_MAX_BYTES = 250;
/** `none`: no artifact (an empty value cannot say so: it means the default name). */
function parseArtifactName(raw) {
    if (raw === 'none')
        return false;
    const bad = ARTIFACT_NAME_FORBIDDEN.find((c) => raw.includes(c));
    // eslint-disable-next-line no-control-regex
    if (bad !== undefined || /[\u0000-\u001f\u007f]/.test(raw)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('artifact-name', `'${_primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$(raw)}' is not accepted: an artifact name may not contain " : < > | * ? \\ / or control characters (GitHub's rule); use \`none\` for no artifact.`);
    }
    if (Buffer.byteLength(raw) > ARTIFACT_NAME_MAX_BYTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('artifact-name', `is ${Buffer.byteLength(raw)} bytes long; use at most ${ARTIFACT_NAME_MAX_BYTES} (it becomes a file name when downloaded).`);
    }
    return raw;
}
/** action.yml's default; the runner expands it, so only a run outside Actions sees it verbatim. */
const GITHUB_TOKEN_DEFAULT = '${{ github.token }}';
/** Never echoes the value: it is a credential. */
function parseGithubToken(raw) {
    if (raw === '' || raw === GITHUB_TOKEN_DEFAULT)
        return undefined;
    if (/\s/.test(raw)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('github-token', 'contains whitespace; give one token (the default, `${{ github.token }}`, is enough for `pr-comment`).');
    }
    return raw;
}
function parsePackages(raw, input) {
    return _primitives_js__WEBPACK_IMPORTED_MODULE_2__/* .parsePatternList */ .Yk(input, raw, PACKAGE, 'a Debian/Ubuntu package name (lowercase letters, digits, + . -, optionally =version)');
}
function parseEnv(raw, input) {
    return (0,_env_js__WEBPACK_IMPORTED_MODULE_3__/* .parseEnv */ .vc)(raw, input);
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

/***/ 53448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ INPUT_NAMES)
/* harmony export */ });
/** Every input the action reads; a test checks this list against action.yml both ways. */
const INPUT_NAMES = [
    'mode',
    'rollback-to',
    'deployment-id',
    'regions',
    'count',
    'instance-types',
    'ami',
    'architecture',
    'subnet-ids',
    'security-group-ids',
    'ssh-cidr',
    'runner-ip-lookup',
    'ssh-user',
    'ssh-port',
    'ssh-address',
    'ssh-private-key',
    'ports',
    'ports-cidr',
    'on-demand-fallback',
    'max-price',
    'root-volume-size',
    'root-volume-type',
    'root-volume-iops',
    'root-volume-throughput',
    'kms-key-id',
    'instance-profile',
    'cpu-credits',
    'ttl-minutes',
    'packages',
    'package-upgrade',
    'directories',
    'bundle-path',
    'bundle-exclude',
    'bundle-max-size',
    'bundle-include-vcs',
    'env',
    'cloud-config',
    'min-ready',
    'launch-timeout',
    'ready-timeout',
    'lock-timeout',
    'lock-lease',
    'concurrency',
    'batch-size',
    'max-failed',
    'cleanup',
    'tags',
    'artifact-name',
    'artifact-retention-days',
    'health-check',
    'pr-comment',
    'github-token',
];


/***/ }),

/***/ 47243:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Rj: () => (/* binding */ fingerprint),
  bY: () => (/* binding */ generateEd25519),
  QW: () => (/* binding */ parsePrivateKey)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/openssh.ts
/**
 * OpenSSH's key formats, read and written with node:crypto alone: the unencrypted
 * `OPENSSH PRIVATE KEY` file (OpenSSH's PROTOCOL.key) and the public key blob (RFC 4253 6.6).
 * keys.ts makes and checks keys with these instead of ssh2, whose load mode plan and the input
 * check must not pay (docs/architecture.md, "Start-up"); ssh2 still does the SSH itself.
 */

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const ARMOUR = /^-----BEGIN OPENSSH PRIVATE KEY-----\n([\s\S]+?)\n-----END OPENSSH PRIVATE KEY-----$/;
/** The key types ssh2 (the runner's SSH client) can sign with, and OpenSSH still accepts. */
const KEY_TYPES = new Set([
    'ssh-ed25519',
    'ssh-rsa',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
]);
function uint32(n) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
}
/** SSH's `string`: a uint32 length, then the bytes. */
function sshString(b) {
    const bytes = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
    return Buffer.concat([uint32(bytes.length), bytes]);
}
/** SSH's `mpint` of a non-negative big-endian number: no leading zeros, a zero before a high bit. */
function mpint(b) {
    let i = 0;
    while (i < b.length && b[i] === 0)
        i++;
    const digits = b.subarray(i);
    return sshString((digits[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits);
}
/** A cursor over SSH wire data; every read past the end throws. */
class Reader {
    data;
    at = 0;
    constructor(data) {
        this.data = data;
    }
    uint32() {
        if (this.at + 4 > this.data.length)
            throw new Error('truncated');
        const n = this.data.readUInt32BE(this.at);
        this.at += 4;
        return n;
    }
    bytes(n) {
        if (n > this.data.length - this.at)
            throw new Error('truncated');
        const b = this.data.subarray(this.at, this.at + n);
        this.at += n;
        return b;
    }
    string() {
        return this.bytes(this.uint32());
    }
    text() {
        return this.string().toString('latin1');
    }
    rest() {
        return this.bytes(this.data.length - this.at);
    }
}
/** The public key blob of a node:crypto key (ed25519, RSA, ECDSA P-256/384/521). */
function publicBlob(key) {
    const jwk = (0,external_node_crypto_.createPublicKey)(key).export({ format: 'jwk' });
    const b64 = (s) => Buffer.from(s ?? '', 'base64url');
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519')
        return Buffer.concat([sshString('ssh-ed25519'), sshString(b64(jwk.x))]);
    if (jwk.kty === 'RSA')
        return Buffer.concat([sshString('ssh-rsa'), mpint(b64(jwk.e)), mpint(b64(jwk.n))]);
    const curve = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' }[jwk.crv ?? ''];
    if (jwk.kty === 'EC' && curve !== undefined) {
        const point = Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]);
        return Buffer.concat([sshString(`ecdsa-sha2-${curve}`), sshString(curve), sshString(point)]);
    }
    throw new Error(`unsupported key type ${jwk.kty ?? '?'} ${jwk.crv ?? ''}`.trim());
}
/** The key type a public key blob names (its first string). */
function blobType(blob) {
    return new Reader(blob).text();
}
/** An unencrypted OpenSSH private key file holding one ed25519 key. */
function writeEd25519(seed, pub, comment, check) {
    const type = sshString('ssh-ed25519');
    const blob = Buffer.concat([type, sshString(pub)]);
    const secret = Buffer.concat([
        check,
        check,
        type,
        sshString(pub),
        sshString(Buffer.concat([seed, pub])),
        sshString(comment),
    ]);
    // Padded with 1, 2, 3, … to the cipher's block size ("none": 8).
    const padding = Buffer.from(Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, i) => i + 1));
    const body = Buffer.concat([
        MAGIC,
        sshString('none'),
        sshString('none'),
        sshString(Buffer.alloc(0)),
        uint32(1),
        sshString(blob),
        sshString(Buffer.concat([secret, padding])),
    ]);
    const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
    return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}
/** The public key blob the private part's fields make (ed25519 lengths checked). */
function privatePublicBlob(type, f) {
    const [a = Buffer.alloc(0), b = Buffer.alloc(0)] = f;
    if (type === 'ssh-ed25519') {
        // pub (32 bytes), then priv: the 32-byte seed followed by pub again.
        if (a.length !== 32 || b.length !== 64 || !b.subarray(32).equals(a))
            throw new Error('not an ed25519 key pair');
        return Buffer.concat([sshString(type), sshString(a)]);
    }
    // RSA: n, e → the blob's e, n; ECDSA: curve, Q → the blob's curve, Q.
    const pub = type === 'ssh-rsa' ? [b, a] : [a, b];
    return Buffer.concat([sshString(type), ...pub.map((x) => sshString(x))]);
}
/**
 * Reads an `OPENSSH PRIVATE KEY` file (text with `\n` line ends, trimmed): its first key's public
 * blob, after checking the private section is whole: the two check numbers equal (they differ when
 * a wrong passphrase or damaged data decrypts), the same key type, and the padding intact.
 */
function readOpenSshPrivateKey(text) {
    const m = ARMOUR.exec(text);
    if (!m)
        return { kind: 'unreadable', why: 'no OPENSSH PRIVATE KEY armour' };
    try {
        const data = Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64');
        if (!data.subarray(0, MAGIC.length).equals(MAGIC))
            throw new Error('not openssh-key-v1');
        const r = new Reader(data.subarray(MAGIC.length));
        const cipher = r.text();
        r.text(); // kdf name
        r.string(); // kdf options
        if (cipher !== 'none')
            return { kind: 'encrypted' };
        if (r.uint32() !== 1)
            throw new Error('not exactly one key in the file');
        const blob = r.string();
        const type = blobType(blob);
        if (!KEY_TYPES.has(type))
            throw new Error(`unsupported key type ${type}`);
        const secret = new Reader(r.string());
        if (r.rest().length > 0)
            throw new Error('data after the private part');
        if (secret.uint32() !== secret.uint32())
            throw new Error('check numbers differ');
        if (secret.text() !== type)
            throw new Error('the private part is of another key type');
        // The type's private fields: ed25519: pub, priv; RSA: n, e, d, iqmp, p, q; ECDSA: curve, Q, d.
        const fields = Array.from({ length: type === 'ssh-ed25519' ? 2 : type === 'ssh-rsa' ? 6 : 3 }, () => secret.string());
        secret.string(); // comment
        const padding = secret.rest();
        if (!padding.every((b, i) => b === i + 1))
            throw new Error('bad padding');
        // ssh2 signs with the private part and offers its public key: the file's public part must be
        // that key, or the instances would be given one key while the runner proves another.
        if (!privatePublicBlob(type, fields).equals(blob))
            throw new Error('the public and private parts are of different keys');
        return { kind: 'key', type, blob };
    }
    catch (e) {
        return { kind: 'unreadable', why: e instanceof Error ? e.message : String(e) };
    }
}

;// CONCATENATED MODULE: ./src/keys.ts



/** OpenSSH-style `SHA256:…` fingerprint of a public key blob. */
function fingerprint(blob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
/**
 * A fresh ed25519 key pair: the run's client key, or the deployment's host key, in the format
 * `ssh-keygen` writes. node:crypto's public key is always its 32 bytes (ssh2's generator dropped
 * a leading zero byte for 1 key in 256, a key OpenSSH then refused to load).
 */
function generateEd25519(comment) {
    // DER straight from the generator: one native call, where a JWK export and re-import took
    // twice as long in mode plan, which makes two keys (~1 ms of a ~130 ms start).
    const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ed25519', {
        privateKeyEncoding: { format: 'der', type: 'pkcs8' },
        publicKeyEncoding: { format: 'der', type: 'spki' },
    });
    // RFC 8410: an ed25519 key's PKCS#8 and SPKI are a fixed header, then the 32-byte seed or
    // public key.
    if (!startsWith(privateKey, PKCS8_ED25519) || !startsWith(publicKey, SPKI_ED25519))
        throw new Error('Could not generate an ed25519 key: node:crypto returned another encoding');
    const seed = privateKey.subarray(PKCS8_ED25519.length);
    const pub = publicKey.subarray(SPKI_ED25519.length);
    const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
    return {
        privateKey: writeEd25519(seed, pub, comment, (0,external_node_crypto_.randomBytes)(4)),
        publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
    };
}
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
/** `der` is `header` followed by exactly 32 bytes. */
function startsWith(der, header) {
    return der.length === header.length + 32 && der.subarray(0, header.length).equals(header);
}
const SUPPLY = 'supply an OpenSSH or PEM private key';
const ENCRYPTED = 'it is encrypted with a passphrase; supply an unencrypted key (keep it in a secret)';
const PUBLIC = 'this is a public key; supply the private key (keep it in a secret).';
/** A public key as authorized_keys, RFC 4716 or PEM hold it. */
const PUBLIC_FORMS = /^(?:(?:ssh-\S+|ecdsa-sha2-\S+|sk-\S+) [A-Za-z0-9+/]+=*(?: .*)?|---- BEGIN SSH2 PUBLIC KEY ----[\s\S]*|-----BEGIN (?:RSA )?PUBLIC KEY-----[\s\S]*)$/;
/** The PEM private keys OpenSSH and ssh2 read (PKCS#1 RSA, SEC 1 EC), optionally with headers. */
const PEM_PRIVATE = /^-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----\n([\s\S]+)\n-----END \1 PRIVATE KEY-----$/;
/**
 * Checks a user-supplied private key (input `ssh-private-key`) and derives its public line: an
 * unencrypted OpenSSH key (what `ssh-keygen` writes) or a PEM RSA/EC key, of a type ssh2 signs
 * with (ed25519, RSA, ECDSA). Never includes the key in an error.
 */
function parsePrivateKey(input, pem) {
    const text = pem.replace(/\r\n/g, '\n').trim();
    const fail = (why) => {
        throw new errors/* InputError */.dz(input, `${why}.`);
    };
    let blob;
    if (text.startsWith('-----BEGIN OPENSSH PRIVATE KEY-----')) {
        const key = readOpenSshPrivateKey(text);
        if (key.kind === 'encrypted')
            fail(ENCRYPTED);
        if (key.kind === 'unreadable')
            fail(`it could not be read (${key.why}); ${SUPPLY}`);
        blob = key.blob;
    }
    else if (PEM_PRIVATE.test(text)) {
        const [, kind = '', body = ''] = PEM_PRIVATE.exec(text) ?? [];
        if (/^Proc-Type:\s*4,ENCRYPTED/m.test(body))
            fail(ENCRYPTED);
        if (kind === 'DSA')
            fail(`it is a DSA key, which OpenSSH no longer accepts; ${SUPPLY}`);
        try {
            blob = publicBlob((0,external_node_crypto_.createPrivateKey)({ key: `${text}\n`, format: 'pem' }));
        }
        catch (e) {
            return fail(`it could not be read (${e instanceof Error ? e.message : String(e)}); ${SUPPLY}`);
        }
    }
    else if (PUBLIC_FORMS.test(text)) {
        throw new errors/* InputError */.dz(input, PUBLIC);
    }
    else if (text.startsWith('PuTTY-User-Key-File-')) {
        return fail('it is a PuTTY key (.ppk); convert it with `puttygen key.ppk -O private-openssh -o key` and supply the result');
    }
    else {
        return fail(`it could not be read (Unsupported key format); ${SUPPLY}`);
    }
    const type = blobType(blob);
    if (!KEY_TYPES.has(type))
        fail(`it is a ${type} key; ${SUPPLY} (ed25519, RSA or ECDSA)`);
    return { privateKey: pem, publicKey: `${type} ${blob.toString('base64')} spot-deploy` };
}


/***/ }),

/***/ 8431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ actionRoot)
/* harmony export */ });
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The action's own checkout: action.yml, cloud-init/ and bundle/ live there. Both `src/*.ts`
 * (tests) and `dist/index.js` (the built action) sit one directory below it.
 */
function actionRoot(moduleUrl = require("url").pathToFileURL(__filename).href) {
    return (0,node_url__WEBPACK_IMPORTED_MODULE_0__.fileURLToPath)(new URL('..', moduleUrl));
}


/***/ })

};
;