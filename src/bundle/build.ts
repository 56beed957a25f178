import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { CREATE_NEW, removeIfPresent } from '../private-files.js';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
// tar's parts, not its entry: that is the whole package minified (create, extract, list and more),
// ~5 ms of mode plan's start (docs/architecture.md, "Start-up").
import { Header } from 'tar/header';
import { Pack } from 'tar/pack';
import { ReadEntry } from 'tar/read-entry';
import {
  changedError,
  collectEntries,
  fsError,
  MANIFEST_PATH,
  RESERVED_DIR,
  type EntryType,
  type WalkEntry,
} from './walk.js';

export interface BundleOptions {
  /** Absolute path of the user's tree (`bundle-path`). */
  sourceDir: string;
  /** Glob patterns relative to sourceDir (`bundle-exclude`), gitignore-ish. */
  exclude: readonly string[];
  /** Limit on the sum of the user's file sizes, uncompressed (`bundle-max-size`). */
  maxBytes: number;
  /** Directory whose contents go under the reserved `.spot-deploy/` directory. */
  agentDir: string;
  /** Where to write the .tar.gz. */
  outFile: string;
  /** `bundle-path` must resolve inside it (symlinks followed); unchecked when absent. */
  workspace?: string | undefined;
  /** Directories left out when they sit inside the tree (the runner's temp dir, the work dir). */
  neverBundle?: readonly string[] | undefined;
  /** Keep `.git`, `.hg` and `.svn` (`bundle-include-vcs: true`); left out at any depth by default. */
  includeVcs?: boolean | undefined;
}

export interface ManifestFile {
  path: string;
  type: EntryType;
  /** Permission bits as a number (420 = 0o644). */
  mode: number;
  /** Byte size for files; 0 for directories and symlinks. */
  size: number;
  sha256?: string;
  target?: string;
}

export interface Manifest {
  version: 1;
  files: ManifestFile[];
}

export interface BundleResult {
  file: string;
  /** sha256 of the .tar.gz (hex). */
  sha256: string;
  /** Size of the .tar.gz. */
  bytes: number;
  /** Regular files taken from the user's tree (not counting `.spot-deploy/`). */
  fileCount: number;
  /** Sum of the sizes of those files: the quantity `bundle-max-size` limits. */
  treeBytes: number;
  manifest: Manifest;
}

export { MANIFEST_PATH, RESERVED_DIR };
// Not the Unix epoch: extraction gives every file this mtime, and zip-based tools a setup hook
// may run (Python wheels, zipfile) reject timestamps before 1980.
export const BUNDLE_MTIME = new Date('1980-01-01T00:00:00Z');
const READ_CHUNK = 1 << 20;
const GZ_BATCH = 1 << 20;
const TAR_TYPE = { file: 'File', dir: 'Directory', symlink: 'SymbolicLink' } as const;

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

type Item = Pick<WalkEntry, 'path' | 'type' | 'mode' | 'size' | 'target'>;

function tarEntry(e: Item): ReadEntry {
  return new ReadEntry(
    new Header({
      path: e.type === 'dir' ? `${e.path}/` : e.path,
      type: TAR_TYPE[e.type],
      mode: e.mode,
      uid: 0,
      gid: 0,
      size: e.size,
      mtime: BUNDLE_MTIME,
      ...(e.target === undefined ? {} : { linkpath: e.target }),
    }),
  );
}

const inputOf = (e: WalkEntry) =>
  e.path.startsWith(`${RESERVED_DIR}/`) ? undefined : 'bundle-path';
const changed = (e: WalkEntry) => changedError(e.abs, inputOf(e));
// O_NOFOLLOW: a file swapped for a symlink after the walk must not pull in outside content.
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW;

// Synchronous on purpose: for a small, usually cached file, a direct open/read/close costs a few
// microseconds, while each async call is a thread-pool round trip that, over thousands of files,
// left the compressor idle for longer than compressing took (measured: 2.5x `tar czf`).
function readSmall(e: WalkEntry): Buffer {
  let fd: number;
  try {
    fd = openSync(e.abs, READ_FLAGS);
  } catch (err) {
    throw fsError(err, e.abs, inputOf(e));
  }
  try {
    const data = readFileSync(fd);
    if (data.length !== e.size) throw changed(e);
    return data;
  } finally {
    closeSync(fd);
  }
}

/** Streams a large file into its tar entry in chunks, returning its sha256. */
async function streamLarge(e: WalkEntry, re: ReadEntry, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const fh = await open(e.abs, READ_FLAGS).catch((err: unknown) => {
    throw fsError(err, e.abs, inputOf(e));
  });
  try {
    for (let pos = 0; pos < e.size;) {
      // A fresh buffer per chunk: the tar stream may still hold the previous one.
      const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, e.size - pos));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead !== buf.length) throw changed(e);
      pos += bytesRead;
      hash.update(buf);
      if (!re.write(buf)) await once(re, 'drain', { signal });
    }
    if ((await fh.read(Buffer.alloc(1), 0, 1, e.size)).bytesRead > 0) throw changed(e);
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

/** Writes the archive; the manifest goes last because file hashes are taken while archiving. */
async function feed(
  pack: Pack,
  items: readonly WalkEntry[],
  signal: AbortSignal,
): Promise<Manifest> {
  const files: ManifestFile[] = [];
  for (const e of items) {
    signal.throwIfAborted();
    const re = tarEntry(e);
    pack.add(re);
    const { path: p, type, mode, size } = e;
    if (e.type === 'file' && e.size <= READ_CHUNK) {
      const data = readSmall(e);
      if (!re.write(data)) await once(re, 'drain', { signal });
      files.push({ path: p, type, mode, size, sha256: sha256(data) });
    } else if (e.type === 'file') {
      files.push({ path: p, type, mode, size, sha256: await streamLarge(e, re, signal) });
    } else if (e.type === 'symlink')
      files.push({ path: p, type, mode, size, target: e.target ?? '' });
    else files.push({ path: p, type, mode, size });
    re.end();
  }
  const manifest: Manifest = { version: 1, files };
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
async function compress(pack: Pack, fh: FileHandle): Promise<{ sha256: string; bytes: number }> {
  // level 6 is what `tar czf` gets from gzip. highWaterMark (passed on to the Transform, though
  // ZlibOptions does not declare it) lets the next batch queue while one is being deflated.
  const gzOpts = { level: 6, chunkSize: 256 * 1024, highWaterMark: 4 * GZ_BATCH };
  const gz = createGzip(gzOpts);
  pack.on('error', (err) => gz.destroy(err as Error));
  // Each write to gz is one thread-pool job: batch the tar stream's 512-byte headers and small
  // files into large writes, or the round trips cost more than the deflating.
  const parts: Buffer[] = [];
  let held = 0;
  const flush = (): void => {
    if (held === 0) return;
    const ok = gz.write(Buffer.concat(parts, held));
    parts.length = 0;
    held = 0;
    if (!ok) {
      pack.pause();
      gz.once('drain', () => pack.resume());
    }
  };
  pack.on('data', (chunk: Buffer) => {
    parts.push(chunk);
    held += chunk.length;
    if (held >= GZ_BATCH) flush();
  });
  pack.on('end', () => {
    flush();
    gz.end();
  });
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      // The gzip header's OS byte is the build host's (3 on Unix, 10 on Windows); 255 is "unknown".
      if (bytes === 0) chunk[9] = 255;
      hash.update(chunk);
      bytes += chunk.length;
      await fh.write(chunk);
    }
  } finally {
    await fh.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Builds the deployment bundle: a gzip tar whose bytes depend only on the tree's paths, contents,
 * symlink targets and execute bits (sorted entries, fixed mtime, owner 0, no user names, no
 * atime/ctime), plus `.spot-deploy/` with the agent and a manifest the agent verifies.
 */
export async function buildBundle(opts: BundleOptions): Promise<BundleResult> {
  const { items, tree } = await collectEntries(opts);
  const pack = new Pack();
  // A new file (0600), never written through a symlink planted at the path (private-files.ts).
  await removeIfPresent(opts.outFile);
  const fh = await open(opts.outFile, CREATE_NEW, 0o600);
  const abort = new AbortController();
  // A failed write (disk full) must stop feed(), which would otherwise wait for a drain forever.
  const writing = compress(pack, fh).catch((err: unknown) => {
    abort.abort(err);
    throw err;
  });
  const feeding = feed(pack, items, abort.signal).catch((err: unknown) => {
    // Unblocks compress(), which would otherwise wait for data that never comes.
    pack.emit('error', err);
    throw err;
  });
  const [w, f] = await Promise.allSettled([writing, feeding]);
  if (w.status === 'rejected' || f.status === 'rejected') {
    await unlink(opts.outFile).catch(() => undefined);
    throw f.status === 'rejected' ? f.reason : (w as PromiseRejectedResult).reason;
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
