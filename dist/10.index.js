"use strict";
exports.id = 10;
exports.ids = [10];
exports.modules = {

/***/ 48388:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  z4: () => (/* binding */ USER_DATA_LIMIT),
  hM: () => (/* binding */ loadCloudInitAssets),
  UW: () => (/* binding */ renderUserData)
});

// UNUSED EXPORTS: compactShell

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/instance/contract.ts
var contract = __webpack_require__(52437);
;// CONCATENATED MODULE: ./src/cloud-init/merge.ts
/**
 * The deep merge of the user's `cloud-config` input into spot-deploy's own cloud-config (used by
 * render.ts; the YAML printer is yaml.ts):
 *
 * - mappings merge recursively; the user's scalars (and lists, outside the keys below) win;
 * - top-level `runcmd`, `bootcmd`, `write_files`, `packages`, `users` concatenate, ours first;
 * - a top-level `ssh_authorized_keys` (which cloud-init gives the image's default user, and
 *   spot-deploy creates none) is appended to the login user's keys instead;
 * - keys that would break host-key pinning or activation are refused, as are a user entry named
 *   like the login user and a `write_files` entry aimed at one of spot-deploy's files.
 */


const INPUT = 'cloud-config';
const CONCAT = new Set(['runcmd', 'bootcmd', 'write_files', 'packages', 'users']);
/** Top-level keys refused, with the reason shown to the user. */
const REFUSED = new Map([
    ['ssh_keys', 'spot-deploy supplies the per-deployment SSH host key it pins'],
    ['ssh_deletekeys', 'spot-deploy must replace the image host keys with the pinned one'],
    ['ssh_genkeytypes', 'spot-deploy supplies the only host key (ed25519) and generates none'],
    ['power_state', 'a reboot or power-off during boot would interrupt activation'],
    ['package_reboot_if_required', 'a reboot during boot would interrupt activation'],
    ['cloud_init_modules', 'replacing the module list can disable users, keys or write_files'],
    ['cloud_config_modules', 'replacing the module list can disable runcmd'],
    ['cloud_final_modules', 'replacing the module list can disable runcmd or packages'],
]);
const MAX_DEPTH = 64;
function isMapping(v) {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
        return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
}
/** Sets an own property, even `__proto__`. */
function setOwn(target, key, value) {
    Object.defineProperty(target, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
    });
}
function own(m, key) {
    return Object.hasOwn(m, key) ? m[key] : undefined;
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function checkUnicode(s, where, input) {
    if (LONE_SURROGATE.test(s))
        throw new errors/* CloudInitError */.Ue(`${where} is not valid Unicode (lone surrogate).`, input);
}
/**
 * Checks that `value` is plain YAML data (mappings, lists, strings, numbers, booleans, null) and
 * returns a deep copy of it (own properties only).
 */
function plainData(value, where, input, depth = 0) {
    if (depth > MAX_DEPTH)
        throw new errors/* CloudInitError */.Ue(`${where} is nested too deeply.`, input);
    if (typeof value === 'string') {
        checkUnicode(value, where, input);
        return value;
    }
    if (value === null ||
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        typeof value === 'bigint')
        return value;
    if (Array.isArray(value))
        return value.map((v, i) => plainData(v, `${where}[${i}]`, input, depth + 1));
    if (isMapping(value)) {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            checkUnicode(k, `a key in ${where}`, input);
            setOwn(out, k, plainData(v, `${where}.${k}`, input, depth + 1));
        }
        return out;
    }
    const kind = value === undefined ? 'undefined' : typeof value;
    throw new errors/* CloudInitError */.Ue(`${where} is a ${kind}, not YAML data.`, input);
}
function normalizePath(p) {
    const n = external_node_path_.posix.normalize(p.startsWith('/') ? p : `/${p}`);
    return n.length > 1 ? n.replace(/\/+$/, '') : n;
}
function listOf(key, value) {
    if (!Array.isArray(value)) {
        throw new errors/* CloudInitError */.Ue(`\`${key}\` must be a list: it is appended to the ${key} spot-deploy needs.`, INPUT);
    }
    return value;
}
function checkUsers(users, sshUser) {
    for (const u of users) {
        const name = typeof u === 'string' ? u.trim() : isMapping(u) ? own(u, 'name') : undefined;
        if (name === sshUser) {
            throw new errors/* CloudInitError */.Ue(`\`users\` has an entry named '${sshUser}', the login user spot-deploy creates; set its options through the action's inputs or choose another name.`, INPUT);
        }
    }
}
function checkWriteFiles(entries, reserved) {
    for (const e of entries) {
        const path = isMapping(e) ? own(e, 'path') : undefined;
        if (typeof path === 'string' && reserved.has(normalizePath(path))) {
            throw new errors/* CloudInitError */.Ue(`\`write_files\` targets ${normalizePath(path)}, which spot-deploy writes itself; deliver your files in the bundle instead.`, INPUT);
        }
    }
}
/**
 * `permissions: 0755` in the user's cloud-config is the integer 493 (read as PyYAML reads it, see
 * inputs/cloud-config.ts); cloud-init applies an integer as the mode itself but its schema wants
 * the octal string, so the same mode is written as '0755'.
 */
function octalPermissions(entries) {
    return entries.map((e) => {
        if (!isMapping(e))
            return e;
        const mode = own(e, 'permissions');
        if (typeof mode !== 'number' || !Number.isSafeInteger(mode) || mode < 0)
            return e;
        const out = {};
        for (const [k, v] of Object.entries(e))
            setOwn(out, k, v);
        setOwn(out, 'permissions', `0${mode.toString(8)}`);
        return out;
    });
}
function mergeMapping(ours, theirs) {
    const out = {};
    for (const [k, v] of Object.entries(ours))
        setOwn(out, k, v);
    for (const [k, v] of Object.entries(theirs)) {
        const mine = own(ours, k);
        setOwn(out, k, isMapping(mine) && isMapping(v) ? mergeMapping(mine, v) : v);
    }
    return out;
}
/**
 * Merges `extra` (already validated by {@link plainData}) into `ours`. `ours.users[0]` must be the
 * login user; `reservedPaths` are the files spot-deploy writes.
 */
function mergeCloudConfig(ours, extra, sshUser, reservedPaths) {
    const out = {};
    for (const [k, v] of Object.entries(ours))
        setOwn(out, k, v);
    const reserved = new Set(reservedPaths.map(normalizePath));
    for (const [key, given] of Object.entries(extra)) {
        let value = given;
        const why = REFUSED.get(key);
        if (why !== undefined && !(key === 'package_reboot_if_required' && value === false)) {
            throw new errors/* CloudInitError */.Ue(`key \`${key}\` is refused: ${why}.`, INPUT);
        }
        if (key === 'users')
            checkUsers(listOf(key, value), sshUser);
        if (key === 'write_files') {
            checkWriteFiles(listOf(key, value), reserved);
            value = octalPermissions(listOf(key, value));
        }
        if (key === 'ssh_authorized_keys') {
            const keys = listOf(key, value);
            const users = own(out, 'users');
            const login = Array.isArray(users) ? users[0] : undefined;
            if (isMapping(login)) {
                const mine = own(login, 'ssh_authorized_keys');
                const merged = { ...login };
                setOwn(merged, 'ssh_authorized_keys', [
                    ...(Array.isArray(mine) ? mine : []),
                    ...keys,
                ]);
                setOwn(out, 'users', [merged, ...users.slice(1)]);
                continue;
            }
        }
        const mine = own(out, key);
        if (CONCAT.has(key) && mine !== undefined) {
            setOwn(out, key, [...listOf(key, mine), ...listOf(key, value)]);
        }
        else if (isMapping(mine) && isMapping(value)) {
            setOwn(out, key, mergeMapping(mine, value));
        }
        else {
            setOwn(out, key, value);
        }
    }
    return out;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/inputs/cloud-config.ts
var cloud_config = __webpack_require__(92475);
;// CONCATENATED MODULE: ./src/cloud-init/yaml.ts
/**
 * The YAML printer for user-data: compact YAML 1.1 (cloud-init reads user-data with PyYAML), with
 * strings that PyYAML would read differently double-quoted and escaped.
 */


const STRING_OPTIONS = {
    lineWidth: 0,
    blockQuote: 'literal',
    directives: false,
    indentSeq: false,
    flowCollectionPadding: false,
    doubleQuotedMinMultiLineLength: Number.POSITIVE_INFINITY,
};
/** Characters PyYAML mishandles outside double quotes (tab: its plain scalars stop at one). */
const NEEDS_DOUBLE_QUOTES = /[\t\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/** Characters JSON.stringify leaves raw that PyYAML reads as line breaks or refuses. */
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g;
const ESCAPES = {
    '\u0085': '\\N',
    '\u2028': '\\L',
    '\u2029': '\\P',
    '\ufffe': '\\ufffe',
    '\uffff': '\\uffff',
};
/** Serialises plain data to compact YAML 1.1 that PyYAML reads back to exactly the same data. */
function toYaml(value) {
    // The yaml-1.1 schema would write the string '<<' as a plain merge key.
    const doc = new dist/* Document */.yo(value, {
        version: '1.1',
        aliasDuplicateObjects: false,
        customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge'),
    });
    (0,dist/* visit */.YR)(doc, {
        Seq(_, node) {
            // Lists of scalars (argv, packages, keys) in flow style: shorter.
            if (node.items.length > 0 && node.items.every((i) => (0,dist/* isScalar */.jn)(i)))
                node.flow = true;
        },
        Scalar(_, node, path) {
            const v = node.value;
            // `1e+21`, `1e-7`: PyYAML's float needs a dot, so plain these would be text; tagged, it
            // reads them with Python's float().
            if (typeof v === 'number' && Number.isFinite(v) && !/^-?[0-9]+(\.[0-9]+)?$/.test(String(v)))
                node.tag = 'tag:yaml.org,2002:float';
            if (typeof v !== 'string')
                return;
            const parent = path.at(-1);
            // Whatever PyYAML would not read back as this text when plain (`yes`, `0755`, `1:20`, `=`),
            // decided by PyYAML's own resolvers, not the yaml library's idea of YAML 1.1.
            if (NEEDS_DOUBLE_QUOTES.test(v) || (0,cloud_config/* pyYamlPlainType */.X8)(v) !== 'str')
                node.type = 'QUOTE_DOUBLE';
            // In a flow collection PyYAML ends a plain scalar at any '?' and refuses one starting
            // with ':' (the yaml library allows both).
            else if ((0,dist/* isSeq */.oP)(parent) && parent.flow === true && /[?:]/.test(v))
                node.type = 'QUOTE_DOUBLE';
        },
    });
    // In double quotes (the only place they can be, see above) escape what JSON.stringify left raw.
    return doc
        .toString(STRING_OPTIONS)
        .replace(RAW_UNSAFE, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

;// CONCATENATED MODULE: ./src/cloud-init/render.ts
/**
 * The EC2 user-data: a minimal `#cloud-config` with only what must exist before the first SSH
 * (login user, pinned host key, bootstrap + systemd units, packages, directories, TTL).
 *
 * Every document is built as a JS object and serialised by `yaml`; no user value is ever
 * concatenated into YAML or into a shell string. The serialisation targets YAML 1.1 because
 * cloud-init reads user-data with PyYAML: strings that 1.1 would resolve to something else
 * (`yes`, `on`, `0755`, `1:20`, `2001-01-01`, `<<`, `=`) are quoted, and characters PyYAML treats
 * as line breaks (U+0085, U+2028, U+2029) or rejects (C1 controls, DEL, U+FFFE/F) only appear as
 * escapes inside double-quoted strings.
 */







/** EC2's limit on raw (before base64) user-data. */
const USER_DATA_LIMIT = 16384;
/** The files our user-data writes: a `write_files` entry of the user's may aim at none of them. */
const OUR_FILES = [
    contract/* REMOTE_PATHS */.E7.bootstrap,
    contract/* REMOTE_PATHS */.E7.pathUnit,
    contract/* REMOTE_PATHS */.E7.serviceUnit,
    contract/* REMOTE_PATHS */.E7.sshdDropIn,
];
/**
 * A shell script as user-data carries it: without comment lines (the `#!` line stays), blank
 * lines and indentation. The source keeps its comments; each byte here is a byte of user-data
 * (the bootstrap's 1,3xx readable bytes ship as 574). Line-based, so the source must not put a
 * comment after code nor start a line of a multi-line quoted string with blanks or `#`.
 */
function compactShell(source) {
    const lines = source.split('\n').map((line, i) => (i === 0 ? line : line.trimStart()));
    return lines.filter((line, i) => i === 0 || (line !== '' && !line.startsWith('#'))).join('\n');
}
/** Reads the three on-instance files from the repository's `cloud-init/` directory. */
function loadCloudInitAssets(dir) {
    const read = (name) => (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, name), 'utf8');
    return {
        bootstrap: `${compactShell(read('bootstrap.sh'))}\n`,
        pathUnit: read('spot-deploy.path'),
        serviceUnit: read('spot-deploy.service'),
    };
}
/** Fixed string (no user value): pick up the sshd drop-in, socket-activated (Ubuntu 24.04) or not. */
const RESTART_SSH = 'systemctl daemon-reload;if systemctl -q is-active ssh.socket;then systemctl restart ssh.socket;systemctl try-restart ssh.service;else systemctl restart ssh.service||systemctl restart sshd.service;fi';
/**
 * Fixed script (the owner is `$0`, the directories follow): creates each missing directory for the
 * login user and never touches one that exists (its owner and mode stay the image's).
 */
const CREATE_DIRECTORIES = 'for d;do [ -e "$d" ]||[ -L "$d" ]||install -d -o "$0" -g "$0" -m 0755 -- "$d";done';
/**
 * Fixed script (the login user is `$0`), run after cloud-init's users module: when `ssh-user`
 * named an account the image already had (a system account, UID below 1000, which cloud-init does
 * not create but still grants sudo to), the grant is taken back before anything is delivered. The
 * input refuses the system accounts of the images we know; this covers the others. Unquoted `$0`:
 * the input allows only [a-z0-9_-] names.
 */
const SYSTEM_ACCOUNT_GUARD = '[ $(id -u $0) -gt 999 ]||rm /etc/sudoers.d/90-cloud-init-users';
function checkSpec(spec) {
    const strings = [
        ['the deployment id', undefined, [spec.deploymentId]],
        ['the user name', 'ssh-user', [spec.sshUser]],
        ['an authorized key', undefined, spec.authorizedKeys],
        ['the host key', undefined, [spec.hostKey.privateKey, spec.hostKey.publicKey]],
        ['a directory', 'directories', spec.directories],
        ['a package', 'packages', spec.packages],
    ];
    for (const [what, input, values] of strings)
        for (const v of values)
            checkUnicode(v, what, input);
    if (!Number.isInteger(spec.sshPort) || spec.sshPort < 1 || spec.sshPort > 65535)
        throw new errors/* CloudInitError */.Ue(`expected a port from 1 to 65535, got ${spec.sshPort}.`, 'ssh-port');
    if (!Number.isInteger(spec.ttlMinutes) || spec.ttlMinutes < 0)
        throw new errors/* CloudInitError */.Ue(`expected 0 or more minutes, got ${spec.ttlMinutes}.`, 'ttl-minutes');
    // Values that would be read as options by useradd / apt-get (neither is given `--`).
    if (spec.sshUser === '' || spec.sshUser.startsWith('-'))
        throw new errors/* CloudInitError */.Ue('must be a user name not starting with -.', 'ssh-user');
    for (const p of spec.packages)
        if (p === '' || p.startsWith('-'))
            throw new errors/* CloudInitError */.Ue(`'${p}' is not a package name.`, 'packages');
}
/** Our cloud-config, as named parts in document order (merged per key afterwards). */
function ourParts(spec, assets) {
    const u = spec.sshUser;
    const parts = [
        {
            name: 'users and authorized keys',
            value: {
                users: [
                    {
                        name: u,
                        sudo: 'ALL=(ALL) NOPASSWD:ALL',
                        shell: '/bin/bash',
                        lock_passwd: true,
                        ssh_authorized_keys: [...spec.authorizedKeys],
                    },
                ],
                // No `ssh_pwauth`: any value makes cc_set_passwords (config stage, after sshd is up)
                // edit sshd_config and restart sshd, and a connection in that window is reset
                // (seen on Debian 12). Password login is the image's: our user is locked, and the
                // cloud images we target already say `PasswordAuthentication no` (docs/architecture.md).
            },
        },
        {
            name: 'host key',
            value: {
                // No ed25519_public: cloud-init writes the .pub itself from the private key (cc_ssh
                // PRIV_TO_PUB, `ssh-keygen -yf`, since 22.x): ~100 bytes of the 2,048 budget.
                ssh_keys: { ed25519_private: spec.hostKey.privateKey },
                ssh_deletekeys: true,
                ssh_genkeytypes: ['ed25519'],
            },
        },
        {
            name: 'bootstrap and units',
            value: {
                write_files: [
                    { path: contract/* REMOTE_PATHS */.E7.bootstrap, permissions: '0755', content: assets.bootstrap },
                    { path: contract/* REMOTE_PATHS */.E7.pathUnit, content: assets.pathUnit },
                    { path: contract/* REMOTE_PATHS */.E7.serviceUnit, content: assets.serviceUnit },
                ],
            },
        },
    ];
    const packages = {};
    if (spec.packages.length > 0) {
        packages.packages = [...spec.packages];
        packages.package_update = true;
    }
    // cloud-init's default is no upgrade: only say so when one is wanted.
    if (spec.packageUpgrade)
        packages.package_upgrade = true;
    parts.push({ name: 'packages', input: 'packages', value: packages });
    // The TTL comes first in runcmd: a failing command later in the script cannot skip it.
    const runcmd = [];
    if (spec.ttlMinutes > 0)
        runcmd.push(['shutdown', '-P', `+${spec.ttlMinutes}`]);
    runcmd.push(['sh', '-c', SYSTEM_ACCOUNT_GUARD, u]);
    runcmd.push(['systemctl', 'enable', '--now', contract/* UNIT_NAMES */.kn.path]);
    parts.push({ name: 'runcmd', value: { runcmd } });
    if (spec.sshPort !== 22) {
        parts.push({
            name: 'ssh port',
            value: {
                write_files: [{ path: contract/* REMOTE_PATHS */.E7.sshdDropIn, content: `Port ${spec.sshPort}\n` }],
                runcmd: [['sh', '-c', RESTART_SSH]],
            },
        });
    }
    if (spec.directories.length > 0) {
        const argv = ['sh', '-c', CREATE_DIRECTORIES, u, ...spec.directories];
        parts.push({ name: 'directories', input: 'directories', value: { runcmd: [argv] } });
    }
    return parts;
}
function mergeParts(parts) {
    const out = {};
    for (const part of parts) {
        for (const [k, v] of Object.entries(part.value)) {
            const prev = out[k];
            setOwn(out, k, Array.isArray(prev) && Array.isArray(v) ? [...prev, ...v] : v);
        }
    }
    // Fixed key order: runcmd last, where a reader looks for it.
    const { runcmd, ...rest } = out;
    return { ...rest, runcmd };
}
/** Renders the user-data for one deployment. Pure. */
function renderUserData(spec, assets) {
    checkSpec(spec);
    const parts = ourParts(spec, assets);
    let config = mergeParts(parts);
    const extra = spec.extraCloudConfig;
    if (extra !== undefined && Object.keys(extra).length > 0) {
        const copy = plainData(extra, 'cloud-config', 'cloud-config');
        config = mergeCloudConfig(config, copy, spec.sshUser, OUR_FILES);
        parts.push({ name: 'cloud-config', input: 'cloud-config', value: copy });
    }
    const text = `#cloud-config\n${toYaml(config)}`;
    const sizes = parts
        .filter((p) => Object.keys(p.value).length > 0)
        .map((p) => ({
        name: p.name,
        input: p.input,
        bytes: Buffer.byteLength(toYaml(p.value)),
    }));
    const textBytes = Buffer.byteLength(text);
    const base = { text, textBytes, parts: sizes.map(({ name, bytes }) => ({ name, bytes })) };
    if (textBytes <= USER_DATA_LIMIT) {
        const body = Buffer.from(text, 'utf8');
        return { ...base, body, gzipped: false, bytes: body.length };
    }
    const body = (0,external_node_zlib_.gzipSync)(text, { level: 9 });
    if (body.length <= USER_DATA_LIMIT)
        return { ...base, body, gzipped: true, bytes: body.length };
    const ranked = [...sizes].sort((a, b) => b.bytes - a.bytes);
    const culprit = ranked.find((p) => p.input !== undefined)?.input ?? 'cloud-config';
    const list = ranked.map((p) => `${p.name} ${p.bytes} B`).join(', ');
    throw new errors/* CloudInitError */.Ue(`the user-data of deployment ${JSON.stringify(spec.deploymentId)} is ${textBytes} bytes (${body.length} gzipped), over EC2's ${USER_DATA_LIMIT}-byte limit. ` +
        `Parts, largest first: ${list}. ` +
        'User-data only carries what must exist before the first SSH: move files and commands from `cloud-config` into the bundle ' +
        '(its files and setup.sh are delivered over SSH, with no such limit), and install large package sets from setup.sh instead of `packages`.', culprit);
}


/***/ }),

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

/***/ 52437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $J: () => (/* binding */ AGENT_STATES),
/* harmony export */   E7: () => (/* binding */ REMOTE_PATHS),
/* harmony export */   _6: () => (/* binding */ isInstanceStep),
/* harmony export */   kn: () => (/* binding */ UNIT_NAMES),
/* harmony export */   lZ: () => (/* binding */ SCRIPT_EXIT),
/* harmony export */   z8: () => (/* binding */ AGENT_EXIT)
/* harmony export */ });
/* unused harmony exports BOOTSTRAP_STEPS, AGENT_STEPS, ROLLBACK_COMMAND, RUNNER_STEPS */
/**
 * The on-instance contract, written once: every path on the instance, every exit code of the
 * remote scripts and the agent, and every step name that can end up in a result. TypeScript
 * imports these; `bundle/.spot-deploy/agent.py` (with its `watcher.py`), `cloud-init/bootstrap.sh`
 * and the two units in `cloud-init/` spell them out, and `__tests__/unit/instance/contract.test.ts`
 * checks that they carry exactly these (docs/architecture.md, "The on-instance contract").
 *
 * Pure data: this module imports nothing.
 */
/** Absolute paths on the instance (the agent prefixes them with `SPOT_DEPLOY_ROOT`, default /). */
const REMOTE_PATHS = {
    /** Written by cloud-init from `cloud-init/bootstrap.sh`; run by `spot-deploy.service`. */
    bootstrap: '/usr/local/lib/spot-deploy/bootstrap',
    /** Where systemd units live: ours (below) and the bundle's `systemd/*`. */
    unitDir: '/etc/systemd/system',
    /**
     * systemd's other unit directories (and `/lib/systemd/system`, usually the same as the vendor
     * one): a bundle unit named like a unit found there, or in `unitDir` but not installed by the
     * agent, is the image's own, and `check-units` refuses it.
     */
    runtimeUnitDir: '/run/systemd/system',
    localUnitDir: '/usr/local/lib/systemd/system',
    vendorUnitDir: '/usr/lib/systemd/system',
    pathUnit: '/etc/systemd/system/spot-deploy.path',
    serviceUnit: '/etc/systemd/system/spot-deploy.service',
    /** Only with `ssh-port` other than 22. */
    sshdDropIn: '/etc/ssh/sshd_config.d/60-spot-deploy.conf',
    /** The agent's state: status, installed units, lock. */
    stateDir: '/var/lib/spot-deploy',
    /** Uploads land here as `.<sha>.part`, renamed to `<sha>.tar.gz` once checked. */
    incomingDir: '/var/lib/spot-deploy/incoming',
    status: '/var/lib/spot-deploy/status.json',
    /** The units the agent installed last (removed when a later release drops them). */
    unitsRecord: '/var/lib/spot-deploy/units.json',
    /**
     * `{"ready": [sha256, …]}`, newest first: the releases kept on disk whose last activation
     * passed. A rollback (automatic or `agent.py rollback`) goes to the newest one not current.
     */
    releasesRecord: '/var/lib/spot-deploy/releases.json',
    /**
     * `<sha256>` files (0600): the env file each kept ready release became ready with, so that a
     * rollback puts that environment back with the release.
     */
    envSnapshots: '/var/lib/spot-deploy/envs',
    agentLock: '/var/lib/spot-deploy/agent.lock',
    releasesDir: '/opt/spot-deploy/releases',
    /** The bootstrap extracts into `<this><sha>` before the agent moves it to `releases/<sha>`. */
    stagingPrefix: '/opt/spot-deploy/releases/.staging-',
    /** Symlink to the active release. */
    current: '/opt/spot-deploy/current',
    /** The services' environment (`KEY=value` lines, mode 0600), uploaded over SSH. */
    envFile: '/etc/spot-deploy/env',
    /** The health-check command (input `health-check`), run by the agent after the start. */
    healthCheck: '/etc/spot-deploy/health-check',
    /**
     * Epoch seconds (the instance's clock) by which the health check must have passed, written by
     * each delivery that writes a health check: the runner stops waiting `ready-timeout` after
     * activation starts, so the agent ends its check a margin before that (a smaller
     * `SPOT_DEPLOY_HEALTH_TIMEOUT` still wins) and its verdict, rollback included, is seen. The
     * agent removes it once read: it belongs to one delivery.
     */
    healthDeadline: '/etc/spot-deploy/health-deadline',
    /**
     * Whole minutes (input `ttl-minutes`), written by every deploy (before activation) and
     * rollback that reaches the instance. After each ready deploy, no-op redeploy and rollback the
     * agent runs `shutdown -P +N` (`-c` for 0), so the TTL counts from the last activity; without
     * the file the schedule cloud-init set is left alone.
     */
    ttlMinutes: '/etc/spot-deploy/ttl-minutes',
    agentLog: '/var/log/spot-deploy/agent.log',
    /**
     * The interruption watcher (`bundle/.spot-deploy/watcher.py`): the agent copies it and
     * agent.py (its library) here from the release it activates or rolls back with, outside any
     * release (a rollback to a release older than the watcher, or pruning, keeps it), and installs
     * `watcherUnit` running `watcherScript`.
     */
    watcherDir: '/opt/spot-deploy/watcher',
    watcherScript: '/opt/spot-deploy/watcher/watcher.py',
    watcherUnit: '/etc/systemd/system/spot-deploy-watcher.service',
};
/**
 * Our systemd units (reserved: a bundle's `systemd/` may not carry them): the two that user-data
 * writes, and the interruption watcher's, which the agent installs.
 */
const UNIT_NAMES = {
    service: 'spot-deploy.service',
    path: 'spot-deploy.path',
    watcher: 'spot-deploy-watcher.service',
};
/**
 * Exit codes, all distinct so that a code alone says who stopped. The agent's are its process
 * status (the bootstrap passes the last agent's on, and fails with 1 itself, through `false`);
 * the script ones are the runner's upload and activation scripts (src/ssh/remote-scripts.ts).
 */
const AGENT_EXIT = {
    ok: 0,
    failed: 1,
    usage: 2,
};
const SCRIPT_EXIT = {
    /** Upload script: the incoming dir could not be created (sudo refused, disk…). */
    prepare: 94,
    /** Activation script: the uploaded file's sha256 or size is not the expected one. */
    uploadVerify: 90,
    /** Activation script: `.part` could not be renamed to `<sha>.tar.gz`. */
    rename: 91,
    /** Activation script: the env file could not be written. */
    env: 92,
    /** Activation script: the health-check file could not be written or removed. */
    healthCheckConfig: 93,
    /** Activation and rollback scripts: the ttl-minutes file could not be written. */
    ttlConfig: 95,
};
/**
 * The `state` field of status.json. `rolled-back`: this sha256 failed at or after `switch` and
 * the previous ready release (`rolledBackTo`) serves again; `rollback-failed`: putting it back
 * failed too (`rolledBackTo` is the one attempted, `error` says why). `interrupted`: written by
 * the watcher (watcher.py) after a spot interruption notice, once the active release (`sha256`)
 * was drained (`interruptedAt`, `interruptionAction`, `noticeSeenAt`, `stopScript`,
 * `stoppedUnits`, `drainMs`).
 */
const AGENT_STATES = [
    'activating',
    'ready',
    'failed',
    'rolled-back',
    'rollback-failed',
    'interrupted',
];
/** Steps the bootstrap writes to status.json (with only `sha256`, `state` and `step`). */
const BOOTSTRAP_STEPS = ['verify-archive', 'extract'];
/**
 * Steps the agent writes to status.json, in order. `check-units` fails before `current` moves
 * (nothing changed on the instance); `install-units` runs after the switch.
 */
const AGENT_STEPS = [
    'init',
    'verify',
    'check-units',
    'move',
    'setup',
    'switch',
    'install-units',
    'start',
    'health-check',
    'prune',
    'done',
    /** `agent.py rollback [<sha>]`, and the automatic rollback while it runs. */
    'rollback',
    /** The watcher drained the release on a spot interruption notice (state `interrupted`). */
    'interrupted',
];
/**
 * The rollback entry point, run by the runner over SSH (`mode: rollback`) with `sudo -n` in
 * front and the target sha256 as an optional last word. It exits with `AGENT_EXIT.ok` when the
 * target is current and healthy, `AGENT_EXIT.failed` otherwise; status.json says what happened.
 */
const ROLLBACK_COMMAND = (/* unused pure expression or super */ null && (`python3 ${REMOTE_PATHS.current}/.spot-deploy/agent.py rollback`));
/** Steps of the runner's side of a delivery (src/ssh/deliver.ts, deliver-many.ts). */
const RUNNER_STEPS = (/* unused pure expression or super */ null && ([
    'connect',
    'prepare',
    'upload',
    'upload-verify',
    'rename',
    'env',
    'health-check-config',
    'ttl-config',
    'activate',
    'status',
    'internal',
]));
const ON_INSTANCE = new Set([...BOOTSTRAP_STEPS, ...AGENT_STEPS]);
/** Whether a status.json `step` is one the bootstrap or the agent writes. */
function isInstanceStep(step) {
    return typeof step === 'string' && ON_INSTANCE.has(step);
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


/***/ })

};
;