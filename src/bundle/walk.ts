import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BundleError, type BundleInput } from '../errors.js';
import { checkUnits, isVcsPath, neverBundled, resolveSourceRoot } from './policy.js';

export type EntryType = 'file' | 'dir' | 'symlink';

export const RESERVED_DIR = '.spot-deploy';
export const MANIFEST_PATH = `${RESERVED_DIR}/manifest.json`;

/** One archive entry as found on disk; `path` is the posix path inside the archive. */
export interface WalkEntry {
  path: string;
  type: EntryType;
  mode: number;
  size: number;
  abs: string;
  target?: string;
}

/** Returns true when `rel` (posix, relative to the tree root) is excluded. */
export type ExcludeFn = (rel: string, isDir: boolean) => boolean;

/** Sorts by the UTF-8 bytes of the path (what `LC_ALL=C sort` and most tar tools mean by order). */
export function sortByPath<T extends { path: string }>(entries: readonly T[]): T[] {
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
export async function compileExcludes(patterns: readonly string[]): Promise<ExcludeFn> {
  const rules = patterns.flatMap((raw) => {
    let p = raw.trim();
    if (p === '') return [];
    const bad = (why: string): BundleError =>
      new BundleError(
        `the exclude pattern ${JSON.stringify(raw)} ${why}`,
        'bundle-exclude',
        'use patterns relative to bundle-path such as `*.log`, `node_modules/**` or `tmp/`',
        'bundle-exclude',
      );
    // Negation would silently turn "exclude X" into "exclude everything but X".
    if (p.startsWith('!')) throw bad('is a negation, which is not supported');
    const dirOnly = p.endsWith('/');
    p = p.replace(/^\.\//, '').replace(/\/+$/, '');
    const anchored = p.startsWith('/');
    p = p.replace(/^\/+/, '');
    if (p === '' || p.split('/').some((s) => s === '..')) throw bad('can never match a path');
    const globs = p.endsWith('/**') ? [p, p.slice(0, -3)] : [p];
    return [{ globs, dirOnly, opts: { dot: true, matchBase: !anchored && !p.includes('/') } }];
  });
  if (rules.length === 0) return () => false;
  const { Minimatch } = await import('minimatch');
  const compiled = rules.map((r) => ({
    dirOnly: r.dirOnly,
    ms: r.globs.map((g) => new Minimatch(g, r.opts)),
  }));
  return (rel, isDir) =>
    compiled.some((r) => (isDir || !r.dirOnly) && r.ms.some((m) => m.match(rel)));
}

/** Linux permission bits as the agent will see them: only "executable or not" survives. */
export function normaliseMode(type: EntryType, mode: number): number {
  if (type === 'dir') return 0o755;
  if (type === 'symlink') return 0o777;
  return mode & 0o111 ? 0o755 : 0o644;
}

// Names end up in the manifest, tar headers, the agent's log and shell scripts on the instance.
function checkName(raw: Buffer, rel: string, input: BundleInput | undefined, what: string): void {
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw)) {
    throw new BundleError(`${what} is not valid UTF-8`, rel, 'rename it or exclude it', input);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new BundleError(
      `${what} contains a newline or control character`,
      JSON.stringify(rel),
      'rename it or exclude it',
      input,
    );
  }
}

export const changedError = (abs: string, input: BundleInput | undefined): BundleError =>
  new BundleError(
    'a file changed while it was being bundled',
    abs,
    'make sure nothing writes to bundle-path while the action runs',
    input,
  );

/** Turns the file-system errors a user can act on into BundleErrors; others pass unchanged. */
export function fsError(err: unknown, abs: string, input: BundleInput | undefined): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    const fix = 'make it readable by the runner user, or add it to bundle-exclude';
    return new BundleError('a file or directory cannot be read', abs, fix, input);
  }
  // Gone, or swapped for a symlink (O_NOFOLLOW), since the walk saw it.
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return changedError(abs, input);
  return err;
}

export interface WalkOptions {
  root: string;
  /** Archive path prefix for every entry (used for the agent directory). */
  prefix?: string;
  exclude?: ExcludeFn;
  /** The input to blame; undefined for the action's own files. */
  input?: BundleInput;
}

/** Lists the tree below `root` (not `root` itself), refusing anything the agent cannot verify. */
export async function walkTree(opts: WalkOptions): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const fix = 'remove it or add it to bundle-exclude';
  // Synchronous calls, one directory at a time: on a tree of thousands of small entries each
  // async lstat is a thread-pool round trip, which made the walk several times slower. Yielding
  // between directories keeps the event loop responsive on large trees.
  const visit = async (absDir: string, relDir: string): Promise<void> => {
    await new Promise(setImmediate);
    let current = absDir;
    const found = (() => {
      try {
        return readdirSync(absDir, { encoding: 'buffer' }).map((raw) => {
          const name = raw.toString('utf8');
          const rel = relDir === '' ? name : `${relDir}/${name}`;
          current = path.join(absDir, name);
          // By bytes, so a non-UTF-8 name can be looked at (and excluded) before it is refused.
          const st = lstatSync(Buffer.concat([Buffer.from(`${absDir}/`), raw]));
          return { raw, rel, abs: current, st };
        });
      } catch (err) {
        throw fsError(err, current, opts.input);
      }
    })();
    for (const { raw, rel, abs, st } of found) {
      if (opts.exclude?.(rel, st.isDirectory())) continue;
      checkName(raw, rel, opts.input, 'the file name');
      const arcPath = opts.prefix === undefined ? rel : `${opts.prefix}/${rel}`;
      let type: EntryType;
      if (st.isFile()) type = 'file';
      else if (st.isDirectory()) type = 'dir';
      else if (st.isSymbolicLink()) type = 'symlink';
      else {
        const kind = st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'a device file';
        throw new BundleError(`${kind} cannot be bundled`, abs, fix, opts.input);
      }
      const entry: WalkEntry = {
        path: arcPath,
        type,
        mode: normaliseMode(type, st.mode),
        size: type === 'file' ? st.size : 0,
        abs,
      };
      if (type === 'symlink') {
        let target: Buffer;
        try {
          target = readlinkSync(abs, { encoding: 'buffer' });
        } catch (err) {
          throw fsError(err, abs, opts.input);
        }
        checkName(target, rel, opts.input, 'the symlink target');
        entry.target = target.toString('utf8');
      }
      out.push(entry);
      if (type === 'dir') await visit(abs, rel);
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
export function checkSymlinks(entries: ReadonlyMap<string, WalkEntry>): void {
  for (const link of entries.values()) {
    if (link.type !== 'symlink' || link.target === undefined) continue;
    const refuse = (why: string, fix: string): never => {
      const input = link.path.startsWith(`${RESERVED_DIR}/`) ? undefined : 'bundle-path';
      throw new BundleError(`the symlink ${why}`, `${link.abs} -> ${link.target}`, fix, input);
    };
    const relFix = 'make it a relative link to a path inside bundle-path, or exclude it';
    if (link.target === '') refuse('has an empty target', relFix);
    if (link.target.startsWith('/')) refuse('has an absolute target', relFix);
    const cur = link.path.split('/').slice(0, -1);
    const todo = link.target.split('/');
    let hops = 0;
    for (let c = todo.shift(); c !== undefined; c = todo.shift()) {
      if (c === '' || c === '.') continue;
      if (c === '..') {
        if (cur.length === 0) refuse('points outside bundle-path', relFix);
        cur.pop();
        continue;
      }
      const hit = entries.get([...cur, c].join('/'));
      if (hit === undefined) {
        refuse('points to a missing or excluded path', 'include its target or exclude the link');
      } else if (hit.type === 'symlink') {
        // 40 is the kernel's own limit (ELOOP).
        if (++hops > 40) refuse('is part of a loop', 'break the loop or exclude the link');
        if (hit.target?.startsWith('/')) refuse('goes through an absolute symlink', relFix);
        todo.unshift(...(hit.target ?? '').split('/'));
      } else if (hit.type === 'file' && todo.length > 0) {
        refuse('uses a file as a directory', 'fix its target or exclude the link');
      } else {
        cur.push(c);
      }
    }
  }
}

const mib = (n: number): string => `${n} bytes (${(n / 1048576).toFixed(1)} MiB)`;

export interface CollectOptions {
  sourceDir: string;
  exclude: readonly string[];
  maxBytes: number;
  agentDir: string;
  outFile: string;
  /** `bundle-path` must resolve inside it (GITHUB_WORKSPACE; the CLI's current directory). */
  workspace?: string | undefined;
  /** Directories never bundled when they sit inside the tree (the temp and work dirs). */
  neverBundle?: readonly string[] | undefined;
  /** Bundle `.git`, `.hg` and `.svn` too (`bundle-include-vcs`); left out by default. */
  includeVcs?: boolean | undefined;
}

/**
 * Everything that goes into the archive, sorted, with every refusal made before a byte is
 * written: `items` includes `.spot-deploy/`, `tree` is the user's part alone.
 */
export async function collectEntries(
  opts: CollectOptions,
): Promise<{ items: WalkEntry[]; tree: WalkEntry[] }> {
  const root =
    opts.workspace === undefined
      ? path.resolve(opts.sourceDir)
      : resolveSourceRoot(opts.sourceDir, opts.workspace);
  const outFile = path.resolve(opts.outFile);
  const st = await stat(root).catch(() => undefined);
  if (!st?.isDirectory()) {
    const what = st ? 'bundle-path is not a directory' : 'bundle-path does not exist';
    const fix = 'set bundle-path to the directory to deploy, relative to the workspace';
    throw new BundleError(what, root, fix, 'bundle-path');
  }
  const excluded = await compileExcludes(opts.exclude);
  const never = neverBundled(root, opts.neverBundle ?? []);
  const tree = await walkTree({
    root,
    input: 'bundle-path',
    // The output may sit inside the tree (bundle-path: .); a stale one must not bundle itself.
    exclude: (rel, isDir) =>
      path.join(root, rel) === outFile ||
      (isDir && never.has(path.join(root, rel))) ||
      (!opts.includeVcs && isVcsPath(rel)) ||
      excluded(rel, isDir),
  });
  const reserved = tree.find((e) => e.path === RESERVED_DIR);
  if (reserved) {
    const fix = 'rename it or add it to bundle-exclude; the action puts its agent there';
    throw new BundleError(`${RESERVED_DIR} is reserved`, reserved.abs, fix, 'bundle-path');
  }
  if (!tree.some((e) => e.type !== 'dir')) {
    const what = 'bundle-path contains no files once bundle-exclude is applied';
    throw new BundleError(what, root, 'check bundle-path and bundle-exclude', 'bundle-path');
  }
  checkUnits(tree);
  const treeBytes = tree.reduce((n, e) => n + e.size, 0);
  if (treeBytes > opts.maxBytes) {
    const biggest = [...tree].sort((a, b) => b.size - a.size).slice(0, 3);
    throw new BundleError(
      `the files add up to ${mib(treeBytes)}, over the limit of ${mib(opts.maxBytes)}`,
      `${root}; largest: ${biggest.map((e) => `${e.path} ${mib(e.size)}`).join(', ')}`,
      'exclude what the instance does not need with bundle-exclude, or raise bundle-max-size',
      'bundle-max-size',
    );
  }
  const agent = await walkTree({ root: opts.agentDir, prefix: RESERVED_DIR });
  if (agent.some((e) => e.path === MANIFEST_PATH)) {
    throw new BundleError('the agent directory has a manifest.json', opts.agentDir, 'remove it');
  }
  const dir: WalkEntry = { path: RESERVED_DIR, type: 'dir', mode: 0o755, size: 0, abs: '' };
  const items = sortByPath([...tree, dir, ...agent]);
  checkSymlinks(new Map(items.map((e) => [e.path, e])));
  return { items, tree };
}
