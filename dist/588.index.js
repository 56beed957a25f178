"use strict";
exports.id = 588;
exports.ids = [588];
exports.modules = {

/***/ 44961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ch: () => (/* binding */ iamInstanceProfile),
/* harmony export */   Gk: () => (/* binding */ rootBlockDevice),
/* harmony export */   dy: () => (/* binding */ isBurstable),
/* harmony export */   pM: () => (/* binding */ creditVersions)
/* harmony export */ });
/**
 * The root device's mapping. Always encrypted (without a KmsKeyId EBS uses the account's default
 * key, aws/ebs unless changed) and deleted with the instance; no VolumeSize keeps the image's.
 */
function rootBlockDevice(deviceName, rv) {
    return {
        DeviceName: deviceName,
        Ebs: {
            Encrypted: true,
            DeleteOnTermination: true,
            VolumeType: rv.type,
            ...(rv.sizeGiB !== undefined ? { VolumeSize: rv.sizeGiB } : {}),
            ...(rv.iops !== undefined ? { Iops: rv.iops } : {}),
            ...(rv.throughputMiBs !== undefined ? { Throughput: rv.throughputMiBs } : {}),
            ...(rv.kmsKeyId !== undefined ? { KmsKeyId: rv.kmsKeyId } : {}),
        },
    };
}
function iamInstanceProfile(profile) {
    return 'arn' in profile ? { Arn: profile.arn } : { Name: profile.name };
}
/**
 * Burstable performance (T) families: t2, t3, t3a, t4g (and a later tN). Not trn1 and the like:
 * the family is `t`, a generation digit and attribute letters only.
 */
function isBurstable(instanceType) {
    return /^t\d+[a-z]*\./.test(instanceType);
}
function creditVersions(instanceTypes) {
    const burstable = instanceTypes.filter(isBurstable).length;
    if (burstable === 0)
        return 'none';
    return burstable === instanceTypes.length ? 'all' : 'split';
}


/***/ }),

/***/ 4196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ prepare),
  Z: () => (/* binding */ prepareUserData)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/private-files.ts
var private_files = __webpack_require__(26490);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/header.js + 2 modules
var header = __webpack_require__(16532);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/pack.js + 11 modules
var esm_pack = __webpack_require__(81812);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/read-entry.js
var read_entry = __webpack_require__(9594);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/instance/contract.ts
var contract = __webpack_require__(52437);
;// CONCATENATED MODULE: ./src/bundle/policy.ts




/**
 * What the user's tree may put in the bundle beyond the walk's own refusals: where it may come
 * from (inside the workspace), what never goes in (version-control metadata, the action's own
 * work directories) and how the `systemd/` units must be named.
 */
/**
 * Version-control metadata, left out at any depth: a checkout by actions/checkout keeps the
 * token it used in `.git/config` (an `AUTHORIZATION` extraheader), and the bundle is a public
 * artifact and lands on every instance. `.git` is a file in worktrees and submodules.
 */
const VCS_NAMES = ['.git', '.hg', '.svn'];
/** Whether the last component of `rel` (posix, relative to the tree root) is a VCS name. */
function isVcsPath(rel) {
    return VCS_NAMES.includes(rel.slice(rel.lastIndexOf('/') + 1));
}
const inside = (dir, p) => {
    const rel = external_node_path_default().relative(dir, p);
    return rel !== '..' && !rel.startsWith(`..${(external_node_path_default()).sep}`) && !external_node_path_default().isAbsolute(rel);
};
const real = (p) => {
    try {
        return (0,external_node_fs_.realpathSync)(p);
    }
    catch {
        return undefined;
    }
};
/**
 * The real path of `bundle-path`, refused unless it is the workspace or below it once every
 * symlink on the way is resolved: a link at the top (or in any ancestor) to the ssh host-key
 * dir would otherwise put host keys into a public artifact. An `InputError`, before any cloud
 * call.
 */
function resolveSourceRoot(bundlePath, workspace) {
    const root = real(bundlePath);
    if (root === undefined)
        return external_node_path_default().resolve(bundlePath); // the walk says it does not exist
    const ws = real(workspace) ?? external_node_path_default().resolve(workspace);
    if (!inside(ws, root)) {
        const shown = root === external_node_path_default().resolve(bundlePath) ? root : `${bundlePath}, which resolves to ${root}`;
        throw new errors/* InputError */.dz('bundle-path', `${shown} is outside the workspace (${ws}); give a directory inside it (symlinks are followed).`);
    }
    return root;
}
/**
 * Absolute directories strictly inside `root` that are never bundled (the runner's temp dir,
 * where actions/checkout and this action keep keys; this run's work dir with the user-data
 * holding the host private key), as real paths. A directory `root` is in itself stays: the
 * user chose to bundle from there, and its own work dir below is still listed.
 */
function neverBundled(root, dirs) {
    const out = new Set();
    for (const dir of dirs) {
        for (const p of [external_node_path_default().resolve(dir), real(dir)]) {
            if (p !== undefined && p !== root && inside(root, p))
                out.add(p);
        }
    }
    return out;
}
/** Unit types the agent installs (bundle/.spot-deploy/agent.py, UNIT_NAME). */
const UNIT_SUFFIXES = ['service', 'timer', 'socket', 'path', 'target', 'mount'];
// The agent's character set (systemd's minus `:` and `\`, which the agent refuses).
const UNIT_NAME = new RegExp(`^[A-Za-z0-9@._-]+\\.(${UNIT_SUFFIXES.join('|')})$`);
// systemd: UNIT_NAME_MAX is 256 with the terminating NUL.
const UNIT_NAME_MAX = 255;
const RESERVED_UNITS = Object.values(contract/* UNIT_NAMES */.kn);
/**
 * Why `name` (a file directly in the bundle's `systemd/`) is not a unit the agent and systemd
 * accept, or undefined. Checked here so a bad name fails the build, not the `check-units` step.
 */
function unitNameProblem(name) {
    if (name.length > UNIT_NAME_MAX)
        return `is longer than ${UNIT_NAME_MAX} characters`;
    if (!UNIT_NAME.test(name))
        return (`is not a unit name: NAME.${UNIT_SUFFIXES.join('|')}, NAME of letters, digits and @._- ` +
            '(no spaces)');
    // systemd's unit_name_is_valid: one `@` at most, never first (`foo@.service`, `foo@x.service`).
    const at = name.split('@').length - 1;
    if (at > 1 || name.startsWith('@'))
        return 'has a misplaced @ (foo@.service or foo@bar.service)';
    if (RESERVED_UNITS.includes(name))
        return `is reserved for the action (${RESERVED_UNITS.join(', ')})`;
    return undefined;
}
/** Refuses the first badly named or non-file entry directly in `systemd/`. */
function checkUnits(entries) {
    for (const e of entries) {
        const m = /^systemd\/([^/]+)$/.exec(e.path);
        if (!m?.[1])
            continue;
        const problem = e.type === 'dir' ? 'is a directory, not a unit file' : unitNameProblem(m[1]);
        if (problem !== undefined) {
            throw new errors/* BundleError */.rJ(`the unit file systemd/${JSON.stringify(m[1])} ${problem}`, e.abs, 'rename it, or move it out of systemd/ (every file there is installed as a unit)', 'bundle-path');
        }
    }
}

;// CONCATENATED MODULE: ./src/bundle/walk.ts





const RESERVED_DIR = '.spot-deploy';
const MANIFEST_PATH = `${RESERVED_DIR}/manifest.json`;
/** Sorts by the UTF-8 bytes of the path (what `LC_ALL=C sort` and most tar tools mean by order). */
function sortByPath(entries) {
    const keyed = entries.map((e) => ({ e, key: Buffer.from(e.path, 'utf8') }));
    return keyed.sort((a, b) => Buffer.compare(a.key, b.key)).map(({ e }) => e);
}
/**
 * gitignore-ish semantics on top of minimatch: a pattern without a slash matches a name at any
 * depth, a trailing slash restricts it to directories, a leading slash anchors it at the root,
 * and `dir/**` also drops `dir` itself so no empty directory entry is left behind.
 *
 * minimatch is loaded only when there is a pattern: most bundles have none, and it is 0.1 MB of
 * code for mode plan to load (docs/architecture.md, "Start-up").
 */
async function compileExcludes(patterns) {
    const rules = patterns.flatMap((raw) => {
        let p = raw.trim();
        if (p === '')
            return [];
        const bad = (why) => new errors/* BundleError */.rJ(`the exclude pattern ${JSON.stringify(raw)} ${why}`, 'bundle-exclude', 'use patterns relative to bundle-path such as `*.log`, `node_modules/**` or `tmp/`', 'bundle-exclude');
        // Negation would silently turn "exclude X" into "exclude everything but X".
        if (p.startsWith('!'))
            throw bad('is a negation, which is not supported');
        const dirOnly = p.endsWith('/');
        p = p.replace(/^\.\//, '').replace(/\/+$/, '');
        const anchored = p.startsWith('/');
        p = p.replace(/^\/+/, '');
        if (p === '' || p.split('/').some((s) => s === '..'))
            throw bad('can never match a path');
        const globs = p.endsWith('/**') ? [p, p.slice(0, -3)] : [p];
        return [{ globs, dirOnly, opts: { dot: true, matchBase: !anchored && !p.includes('/') } }];
    });
    if (rules.length === 0)
        return () => false;
    const { Minimatch } = await __webpack_require__.e(/* import() */ 519).then(__webpack_require__.bind(__webpack_require__, 9519));
    const compiled = rules.map((r) => ({
        dirOnly: r.dirOnly,
        ms: r.globs.map((g) => new Minimatch(g, r.opts)),
    }));
    return (rel, isDir) => compiled.some((r) => (isDir || !r.dirOnly) && r.ms.some((m) => m.match(rel)));
}
/** Linux permission bits as the agent will see them: only "executable or not" survives. */
function normaliseMode(type, mode) {
    if (type === 'dir')
        return 0o755;
    if (type === 'symlink')
        return 0o777;
    return mode & 0o111 ? 0o755 : 0o644;
}
// Names end up in the manifest, tar headers, the agent's log and shell scripts on the instance.
function checkName(raw, rel, input, what) {
    const text = raw.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(raw)) {
        throw new errors/* BundleError */.rJ(`${what} is not valid UTF-8`, rel, 'rename it or exclude it', input);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(text)) {
        throw new errors/* BundleError */.rJ(`${what} contains a newline or control character`, JSON.stringify(rel), 'rename it or exclude it', input);
    }
}
const changedError = (abs, input) => new errors/* BundleError */.rJ('a file changed while it was being bundled', abs, 'make sure nothing writes to bundle-path while the action runs', input);
/** Turns the file-system errors a user can act on into BundleErrors; others pass unchanged. */
function fsError(err, abs, input) {
    const code = err?.code;
    if (code === 'EACCES' || code === 'EPERM') {
        const fix = 'make it readable by the runner user, or add it to bundle-exclude';
        return new errors/* BundleError */.rJ('a file or directory cannot be read', abs, fix, input);
    }
    // Gone, or swapped for a symlink (O_NOFOLLOW), since the walk saw it.
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP')
        return changedError(abs, input);
    return err;
}
/** Lists the tree below `root` (not `root` itself), refusing anything the agent cannot verify. */
async function walkTree(opts) {
    const out = [];
    const fix = 'remove it or add it to bundle-exclude';
    // Synchronous calls, one directory at a time: on a tree of thousands of small entries each
    // async lstat is a thread-pool round trip, which made the walk several times slower. Yielding
    // between directories keeps the event loop responsive on large trees.
    const visit = async (absDir, relDir) => {
        await new Promise(setImmediate);
        let current = absDir;
        const found = (() => {
            try {
                return (0,external_node_fs_.readdirSync)(absDir, { encoding: 'buffer' }).map((raw) => {
                    const name = raw.toString('utf8');
                    const rel = relDir === '' ? name : `${relDir}/${name}`;
                    current = external_node_path_default().join(absDir, name);
                    // By bytes, so a non-UTF-8 name can be looked at (and excluded) before it is refused.
                    const st = (0,external_node_fs_.lstatSync)(Buffer.concat([Buffer.from(`${absDir}/`), raw]));
                    return { raw, rel, abs: current, st };
                });
            }
            catch (err) {
                throw fsError(err, current, opts.input);
            }
        })();
        for (const { raw, rel, abs, st } of found) {
            if (opts.exclude?.(rel, st.isDirectory()))
                continue;
            checkName(raw, rel, opts.input, 'the file name');
            const arcPath = opts.prefix === undefined ? rel : `${opts.prefix}/${rel}`;
            let type;
            if (st.isFile())
                type = 'file';
            else if (st.isDirectory())
                type = 'dir';
            else if (st.isSymbolicLink())
                type = 'symlink';
            else {
                const kind = st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'a device file';
                throw new errors/* BundleError */.rJ(`${kind} cannot be bundled`, abs, fix, opts.input);
            }
            const entry = {
                path: arcPath,
                type,
                mode: normaliseMode(type, st.mode),
                size: type === 'file' ? st.size : 0,
                abs,
            };
            if (type === 'symlink') {
                let target;
                try {
                    target = (0,external_node_fs_.readlinkSync)(abs, { encoding: 'buffer' });
                }
                catch (err) {
                    throw fsError(err, abs, opts.input);
                }
                checkName(target, rel, opts.input, 'the symlink target');
                entry.target = target.toString('utf8');
            }
            out.push(entry);
            if (type === 'dir')
                await visit(abs, rel);
        }
    };
    await visit(opts.root, '');
    return out;
}
/**
 * Resolves every symlink against the archive's own entries, the way the kernel will resolve it
 * in the extracted release: component by component, following links in the middle of a path,
 * with `..` applied to the resolved directory. Anything that leaves the release, dangles (a
 * missing or excluded target) or loops is refused, because the agent refuses it too.
 */
function checkSymlinks(entries) {
    for (const link of entries.values()) {
        if (link.type !== 'symlink' || link.target === undefined)
            continue;
        const refuse = (why, fix) => {
            const input = link.path.startsWith(`${RESERVED_DIR}/`) ? undefined : 'bundle-path';
            throw new errors/* BundleError */.rJ(`the symlink ${why}`, `${link.abs} -> ${link.target}`, fix, input);
        };
        const relFix = 'make it a relative link to a path inside bundle-path, or exclude it';
        if (link.target === '')
            refuse('has an empty target', relFix);
        if (link.target.startsWith('/'))
            refuse('has an absolute target', relFix);
        const cur = link.path.split('/').slice(0, -1);
        const todo = link.target.split('/');
        let hops = 0;
        for (let c = todo.shift(); c !== undefined; c = todo.shift()) {
            if (c === '' || c === '.')
                continue;
            if (c === '..') {
                if (cur.length === 0)
                    refuse('points outside bundle-path', relFix);
                cur.pop();
                continue;
            }
            const hit = entries.get([...cur, c].join('/'));
            if (hit === undefined) {
                refuse('points to a missing or excluded path', 'include its target or exclude the link');
            }
            else if (hit.type === 'symlink') {
                // 40 is the kernel's own limit (ELOOP).
                if (++hops > 40)
                    refuse('is part of a loop', 'break the loop or exclude the link');
                if (hit.target?.startsWith('/'))
                    refuse('goes through an absolute symlink', relFix);
                todo.unshift(...(hit.target ?? '').split('/'));
            }
            else if (hit.type === 'file' && todo.length > 0) {
                refuse('uses a file as a directory', 'fix its target or exclude the link');
            }
            else {
                cur.push(c);
            }
        }
    }
}
const mib = (n) => `${n} bytes (${(n / 1048576).toFixed(1)} MiB)`;
/**
 * Everything that goes into the archive, sorted, with every refusal made before a byte is
 * written: `items` includes `.spot-deploy/`, `tree` is the user's part alone.
 */
async function collectEntries(opts) {
    const root = opts.workspace === undefined
        ? external_node_path_default().resolve(opts.sourceDir)
        : resolveSourceRoot(opts.sourceDir, opts.workspace);
    const outFile = external_node_path_default().resolve(opts.outFile);
    const st = await (0,promises_.stat)(root).catch(() => undefined);
    if (!st?.isDirectory()) {
        const what = st ? 'bundle-path is not a directory' : 'bundle-path does not exist';
        const fix = 'set bundle-path to the directory to deploy, relative to the workspace';
        throw new errors/* BundleError */.rJ(what, root, fix, 'bundle-path');
    }
    const excluded = await compileExcludes(opts.exclude);
    const never = neverBundled(root, opts.neverBundle ?? []);
    const tree = await walkTree({
        root,
        input: 'bundle-path',
        // The output may sit inside the tree (bundle-path: .); a stale one must not bundle itself.
        exclude: (rel, isDir) => external_node_path_default().join(root, rel) === outFile ||
            (isDir && never.has(external_node_path_default().join(root, rel))) ||
            (!opts.includeVcs && isVcsPath(rel)) ||
            excluded(rel, isDir),
    });
    const reserved = tree.find((e) => e.path === RESERVED_DIR);
    if (reserved) {
        const fix = 'rename it or add it to bundle-exclude; the action puts its agent there';
        throw new errors/* BundleError */.rJ(`${RESERVED_DIR} is reserved`, reserved.abs, fix, 'bundle-path');
    }
    if (!tree.some((e) => e.type !== 'dir')) {
        const what = 'bundle-path contains no files once bundle-exclude is applied';
        throw new errors/* BundleError */.rJ(what, root, 'check bundle-path and bundle-exclude', 'bundle-path');
    }
    checkUnits(tree);
    const treeBytes = tree.reduce((n, e) => n + e.size, 0);
    if (treeBytes > opts.maxBytes) {
        const biggest = [...tree].sort((a, b) => b.size - a.size).slice(0, 3);
        throw new errors/* BundleError */.rJ(`the files add up to ${mib(treeBytes)}, over the limit of ${mib(opts.maxBytes)}`, `${root}; largest: ${biggest.map((e) => `${e.path} ${mib(e.size)}`).join(', ')}`, 'exclude what the instance does not need with bundle-exclude, or raise bundle-max-size', 'bundle-max-size');
    }
    const agent = await walkTree({ root: opts.agentDir, prefix: RESERVED_DIR });
    if (agent.some((e) => e.path === MANIFEST_PATH)) {
        throw new errors/* BundleError */.rJ('the agent directory has a manifest.json', opts.agentDir, 'remove it');
    }
    const dir = { path: RESERVED_DIR, type: 'dir', mode: 0o755, size: 0, abs: '' };
    const items = sortByPath([...tree, dir, ...agent]);
    checkSymlinks(new Map(items.map((e) => [e.path, e])));
    return { items, tree };
}

;// CONCATENATED MODULE: ./src/bundle/build.ts






// tar's parts, not its entry: that is the whole package minified (create, extract, list and more),
// ~5 ms of mode plan's start (docs/architecture.md, "Start-up").





// Not the Unix epoch: extraction gives every file this mtime, and zip-based tools a setup hook
// may run (Python wheels, zipfile) reject timestamps before 1980.
const BUNDLE_MTIME = new Date('1980-01-01T00:00:00Z');
const READ_CHUNK = 1 << 20;
const GZ_BATCH = 1 << 20;
const TAR_TYPE = { file: 'File', dir: 'Directory', symlink: 'SymbolicLink' };
const sha256 = (data) => (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
function tarEntry(e) {
    return new read_entry/* ReadEntry */.l(new header/* Header */.Y({
        path: e.type === 'dir' ? `${e.path}/` : e.path,
        type: TAR_TYPE[e.type],
        mode: e.mode,
        uid: 0,
        gid: 0,
        size: e.size,
        mtime: BUNDLE_MTIME,
        ...(e.target === undefined ? {} : { linkpath: e.target }),
    }));
}
const inputOf = (e) => e.path.startsWith(`${RESERVED_DIR}/`) ? undefined : 'bundle-path';
const changed = (e) => changedError(e.abs, inputOf(e));
// O_NOFOLLOW: a file swapped for a symlink after the walk must not pull in outside content.
const READ_FLAGS = external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW;
// Synchronous on purpose: for a small, usually cached file, a direct open/read/close costs a few
// microseconds, while each async call is a thread-pool round trip that, over thousands of files,
// left the compressor idle for longer than compressing took (measured: 2.5x `tar czf`).
function readSmall(e) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(e.abs, READ_FLAGS);
    }
    catch (err) {
        throw fsError(err, e.abs, inputOf(e));
    }
    try {
        const data = (0,external_node_fs_.readFileSync)(fd);
        if (data.length !== e.size)
            throw changed(e);
        return data;
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Streams a large file into its tar entry in chunks, returning its sha256. */
async function streamLarge(e, re, signal) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const fh = await (0,promises_.open)(e.abs, READ_FLAGS).catch((err) => {
        throw fsError(err, e.abs, inputOf(e));
    });
    try {
        for (let pos = 0; pos < e.size;) {
            // A fresh buffer per chunk: the tar stream may still hold the previous one.
            const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, e.size - pos));
            const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
            if (bytesRead !== buf.length)
                throw changed(e);
            pos += bytesRead;
            hash.update(buf);
            if (!re.write(buf))
                await (0,external_node_events_.once)(re, 'drain', { signal });
        }
        if ((await fh.read(Buffer.alloc(1), 0, 1, e.size)).bytesRead > 0)
            throw changed(e);
    }
    finally {
        await fh.close();
    }
    return hash.digest('hex');
}
/** Writes the archive; the manifest goes last because file hashes are taken while archiving. */
async function feed(pack, items, signal) {
    const files = [];
    for (const e of items) {
        signal.throwIfAborted();
        const re = tarEntry(e);
        pack.add(re);
        const { path: p, type, mode, size } = e;
        if (e.type === 'file' && e.size <= READ_CHUNK) {
            const data = readSmall(e);
            if (!re.write(data))
                await (0,external_node_events_.once)(re, 'drain', { signal });
            files.push({ path: p, type, mode, size, sha256: sha256(data) });
        }
        else if (e.type === 'file') {
            files.push({ path: p, type, mode, size, sha256: await streamLarge(e, re, signal) });
        }
        else if (e.type === 'symlink')
            files.push({ path: p, type, mode, size, target: e.target ?? '' });
        else
            files.push({ path: p, type, mode, size });
        re.end();
    }
    const manifest = { version: 1, files };
    // One entry per line: diffable and greppable on the instance, and still plain JSON.
    const lines = files.map((f) => JSON.stringify(f)).join(',\n');
    const body = Buffer.from(`{"version":1,"files":[\n${lines}\n]}\n`, 'utf8');
    const re = tarEntry({ path: MANIFEST_PATH, type: 'file', mode: 0o644, size: body.length });
    pack.add(re);
    re.end(body);
    pack.end();
    return manifest;
}
/**
 * Compresses with node's asynchronous zlib, which deflates on the thread pool while the main
 * thread reads and frames the next files, the way `tar | gzip` splits the work over two cores.
 */
async function compress(pack, fh) {
    // level 6 is what `tar czf` gets from gzip. highWaterMark (passed on to the Transform, though
    // ZlibOptions does not declare it) lets the next batch queue while one is being deflated.
    const gzOpts = { level: 6, chunkSize: 256 * 1024, highWaterMark: 4 * GZ_BATCH };
    const gz = (0,external_node_zlib_.createGzip)(gzOpts);
    pack.on('error', (err) => gz.destroy(err));
    // Each write to gz is one thread-pool job: batch the tar stream's 512-byte headers and small
    // files into large writes, or the round trips cost more than the deflating.
    const parts = [];
    let held = 0;
    const flush = () => {
        if (held === 0)
            return;
        const ok = gz.write(Buffer.concat(parts, held));
        parts.length = 0;
        held = 0;
        if (!ok) {
            pack.pause();
            gz.once('drain', () => pack.resume());
        }
    };
    pack.on('data', (chunk) => {
        parts.push(chunk);
        held += chunk.length;
        if (held >= GZ_BATCH)
            flush();
    });
    pack.on('end', () => {
        flush();
        gz.end();
    });
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let bytes = 0;
    try {
        for await (const chunk of gz) {
            // The gzip header's OS byte is the build host's (3 on Unix, 10 on Windows); 255 is "unknown".
            if (bytes === 0)
                chunk[9] = 255;
            hash.update(chunk);
            bytes += chunk.length;
            await fh.write(chunk);
        }
    }
    finally {
        await fh.close();
    }
    return { sha256: hash.digest('hex'), bytes };
}
/**
 * Builds the deployment bundle: a gzip tar whose bytes depend only on the tree's paths, contents,
 * symlink targets and execute bits (sorted entries, fixed mtime, owner 0, no user names, no
 * atime/ctime), plus `.spot-deploy/` with the agent and a manifest the agent verifies.
 */
async function buildBundle(opts) {
    const { items, tree } = await collectEntries(opts);
    const pack = new esm_pack/* Pack */.mM();
    // A new file (0600), never written through a symlink planted at the path (private-files.ts).
    await (0,private_files/* removeIfPresent */.ti)(opts.outFile);
    const fh = await (0,promises_.open)(opts.outFile, private_files/* CREATE_NEW */.Ul, 0o600);
    const abort = new AbortController();
    // A failed write (disk full) must stop feed(), which would otherwise wait for a drain forever.
    const writing = compress(pack, fh).catch((err) => {
        abort.abort(err);
        throw err;
    });
    const feeding = feed(pack, items, abort.signal).catch((err) => {
        // Unblocks compress(), which would otherwise wait for data that never comes.
        pack.emit('error', err);
        throw err;
    });
    const [w, f] = await Promise.allSettled([writing, feeding]);
    if (w.status === 'rejected' || f.status === 'rejected') {
        await (0,promises_.unlink)(opts.outFile).catch(() => undefined);
        throw f.status === 'rejected' ? f.reason : w.reason;
    }
    const files = tree.filter((e) => e.type === 'file');
    return {
        file: opts.outFile,
        sha256: w.value.sha256,
        bytes: w.value.bytes,
        fileCount: files.length,
        treeBytes: files.reduce((n, e) => n + e.size, 0),
        manifest: f.value,
    };
}

// EXTERNAL MODULE: ./src/cloud-init/render.ts + 2 modules
var render = __webpack_require__(48388);
;// CONCATENATED MODULE: ./src/modes/prepare.ts





/**
 * The user-data alone, written to the run's own directory: what a launch needs (mode deploy
 * through `prepare`, mode reconcile with a bundle from the artifact).
 */
async function prepareUserData(plan, keys, sink, root) {
    const inputs = plan.inputs;
    sink.setSecret(keys.client.privateKey);
    sink.setSecret(keys.host.privateKey);
    const userData = (0,render/* renderUserData */.UW)({
        deploymentId: plan.deploymentId,
        sshUser: inputs.sshUser,
        authorizedKeys: [keys.client.publicKey],
        hostKey: keys.host,
        sshPort: inputs.sshPort,
        directories: inputs.directories,
        packages: inputs.packages,
        packageUpgrade: inputs.packageUpgrade,
        ttlMinutes: inputs.ttlMinutes,
        ...(inputs.cloudConfig ? { extraCloudConfig: inputs.cloudConfig } : {}),
    }, (0,render/* loadCloudInitAssets */.hM)((0,external_node_path_.join)(root, 'cloud-init')));
    // The run's own directory (mkdtemp, 0700): it holds the host private key.
    const workDir = await (0,private_files/* makePrivateDir */.hI)(plan.workDirPrefix);
    const userDataPath = (0,external_node_path_.join)(workDir, 'user-data');
    await (0,private_files/* writeNewFile */.S0)(userDataPath, userData.body);
    sink.info(`user-data: ${userData.bytes} bytes${userData.gzipped ? ' (gzip)' : ''} → ${userDataPath}`);
    return { workDir, userData, userDataPath };
}
/**
 * Renders the user-data and builds the bundle: everything that can fail on the user's input
 * without touching AWS, so plan and deploy fail the same way before any cloud call.
 */
async function prepare(plan, keys, sink, root) {
    const inputs = plan.inputs;
    if (!inputs.bundlePath)
        throw new errors/* InputError */.dz('bundle-path', `is required in mode ${inputs.mode}`);
    const { workDir, userData, userDataPath } = await prepareUserData(plan, keys, sink, root);
    const bundle = await buildBundle({
        sourceDir: inputs.bundlePath,
        exclude: inputs.bundleExclude,
        maxBytes: inputs.bundleMaxBytes,
        agentDir: (0,external_node_path_.join)(root, 'bundle', '.spot-deploy'),
        outFile: (0,external_node_path_.join)(workDir, 'bundle.tar.gz'),
        workspace: inputs.workspace,
        neverBundle: [plan.tempDir, workDir],
        includeVcs: inputs.bundleIncludeVcs,
    });
    sink.info(`bundle: ${bundle.fileCount} files, ${bundle.bytes} bytes, sha256 ${bundle.sha256} → ${bundle.file}`);
    return { workDir, userData, userDataPath, bundle };
}


/***/ })

};
;