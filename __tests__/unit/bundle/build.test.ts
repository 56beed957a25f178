// The bundle builder in process: determinism, the manifest, normalised headers, exclusions and
// refusals. integration/bundle-tar.test.ts reads the archives with GNU tar and covers FIFOs and
// sockets (which need mkfifo and a listening socket).
import { readFile, stat, utimes, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { list } from 'tar';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../src/bundle/build.js';
import {
  AGENT_PY,
  BIG,
  bundleScratch,
  expectBundleError,
  makeTree,
  sha,
  type Node,
} from '../../helpers/bundle-tree.js';

const { tmp, makeAgent, build } = bundleScratch();

interface Listed {
  path: string;
  type: string;
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
  uname: string | undefined;
  gname: string | undefined;
  mtime: number | undefined;
  linkpath: string | undefined;
}
async function listEntries(file: string): Promise<Listed[]> {
  const out: Listed[] = [];
  await list({
    file,
    onReadEntry: (e) => {
      out.push({
        path: e.path,
        type: e.type,
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        uname: e.uname,
        gname: e.gname,
        mtime: e.mtime?.getTime(),
        linkpath: e.linkpath,
      });
    },
  });
  return out;
}

/** Raw 512-byte headers of the uncompressed tar, to see pax records the parser would hide. */
function rawHeaders(file: Buffer): { name: string; type: string; body: string }[] {
  const tarBytes = gunzipSync(file);
  const out: { name: string; type: string; body: string }[] = [];
  for (let off = 0; off + 512 <= tarBytes.length;) {
    const h = tarBytes.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, ''), 8);
    const type = String.fromCharCode(h[156] ?? 0);
    const body = tarBytes.subarray(off + 512, off + 512 + size).toString('utf8');
    out.push({ name, type, body });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe('buildBundle determinism', () => {
  it('gives byte-identical archives for the same tree built in different orders, mtimes and modes', async () => {
    const a = await makeTree(path.join(await tmp(), 'a'), {
      'b.txt': { data: 'bee\n', mode: 0o600 },
      'run.sh': { data: '#!/bin/sh\necho hi\n', mode: 0o700 },
      'lib/x.js': { data: 'export {};\n', mode: 0o600 },
      'lib/big.bin': { data: BIG, mode: 0o640 },
      lib: { dir: 0o700 },
      'a-b/c': 'dash\n',
      link: { link: 'lib/x.js' },
      'héllo wörld.txt': 'unicode\n',
      [`deep/${'n'.repeat(60)}/${'m'.repeat(60)}.txt`]: 'long path\n',
    });
    const b = await makeTree(path.join(await tmp(), 'b'), {
      [`deep/${'n'.repeat(60)}/${'m'.repeat(60)}.txt`]: 'long path\n',
      'héllo wörld.txt': 'unicode\n',
      link: { link: 'lib/x.js' },
      'a-b/c': { data: 'dash\n', mode: 0o664 },
      'lib/big.bin': { data: BIG, mode: 0o644 },
      'lib/x.js': { data: 'export {};\n', mode: 0o644 },
      lib: { dir: 0o775 },
      'run.sh': { data: '#!/bin/sh\necho hi\n', mode: 0o755 },
      'b.txt': { data: 'bee\n', mode: 0o644 },
    });
    await utimes(path.join(a, 'b.txt'), 1000, 1000);
    await utimes(path.join(b, 'b.txt'), 2_000_000_000, 2_000_000_000);
    await utimes(path.join(b, 'lib'), 5, 5);

    const agentDir = await makeAgent();
    const ra = await buildBundle({
      sourceDir: a,
      exclude: [],
      maxBytes: 1e8,
      agentDir,
      outFile: path.join(await tmp(), 'a.tgz'),
    });
    const rb = await buildBundle({
      sourceDir: b,
      exclude: [],
      maxBytes: 1e8,
      agentDir,
      outFile: path.join(await tmp(), 'b.tgz'),
    });
    const bytesA = await readFile(ra.file);
    const bytesB = await readFile(rb.file);
    expect(bytesA.equals(bytesB)).toBe(true);
    expect(ra.sha256).toBe(rb.sha256);
    expect(ra.sha256).toBe(sha(bytesA));
    expect(ra.bytes).toBe(bytesA.length);
    expect(ra.bytes).toBe((await stat(ra.file)).size);
    // gzip header: magic, deflate, no flags, mtime 0, xfl 0, OS 255 ("unknown", not the build host's).
    expect([...bytesA.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  });

  it('writes no pax records except the ones a long or non-ASCII path needs, without times or owners', async () => {
    const long = `deep/${'n'.repeat(120)}.txt`;
    const src = await makeTree(path.join(await tmp(), 's'), {
      [long]: 'x',
      'é.txt': 'y',
      'plain.txt': 'z',
    });
    const r = await build(src);
    const pax = rawHeaders(await readFile(r.file)).filter((h) => h.type === 'x' || h.type === 'g');
    expect(
      pax.map((h) =>
        h.body
          .split('\n')
          .filter(Boolean)
          .map((l) => l.replace(/^\d+ /, '').split('=')[0]),
      ),
    ).toEqual([
      ['path', 'gid', 'mtime', 'size', 'uid'],
      ['path', 'gid', 'mtime', 'size', 'uid'],
    ]);
    expect(pax.map((h) => h.body)).toEqual([
      expect.stringContaining(`path=${long}\n`),
      expect.stringContaining('path=é.txt\n'),
    ]);
    for (const h of pax) expect(h.body).toMatch(/ mtime=315532800\n.* uid=0\n/s);
  });
});

describe('buildBundle contents', () => {
  it('normalises modes, owners and times, sorts entries and puts the manifest last', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'z.txt': { data: 'z', mode: 0o600 },
      'x.sh': { data: 'x', mode: 0o700 },
      'g.sh': { data: 'g', mode: 0o654 },
      'd/f': { data: 'f', mode: 0o666 },
      d: { dir: 0o700 },
      l: { link: 'z.txt' },
    });
    const r = await build(src);
    const entries = await listEntries(r.file);
    expect(entries.map((e) => [e.path, e.type, e.mode?.toString(8)])).toEqual([
      ['.spot-deploy/', 'Directory', '755'],
      ['.spot-deploy/agent.py', 'File', '755'],
      ['d/', 'Directory', '755'],
      ['d/f', 'File', '644'],
      ['g.sh', 'File', '755'],
      ['l', 'SymbolicLink', '777'],
      ['x.sh', 'File', '755'],
      ['z.txt', 'File', '644'],
      ['.spot-deploy/manifest.json', 'File', '644'],
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({ uid: 0, gid: 0, mtime: Date.UTC(1980, 0, 1) });
      expect(e.uname ?? '').toBe('');
      expect(e.gname ?? '').toBe('');
    }
  });

  it('applies exclude patterns: file globs at any depth, directories, ** and anchored paths', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'app.js': 'a',
      'debug.log': 'l',
      'sub/trace.log': 'l',
      'sub/keep.txt': 'k',
      'node_modules/dep/index.js': 'd',
      'sub/node_modules/x.js': 'nested node_modules is not under the anchored glob',
      'tmp/cache': 'c',
      'sub/tmp/cache': 'c',
      'other/tmp': 'a file named tmp is not a directory',
      'notes.bak': 'b',
      'deep/er/old.bak': 'b',
      'top.txt': 'anchored',
      'sub/top.txt': 'not anchored',
      '.env': 'secret',
    });
    const r = await build(src, {
      exclude: ['*.log', 'node_modules/**', 'tmp/', '**/*.bak', '/top.txt', '.env', ''],
    });
    expect(
      r.manifest.files.map((f) => f.path).filter((p) => !p.startsWith('.spot-deploy')),
    ).toEqual([
      'app.js',
      'deep',
      'deep/er',
      'other',
      'other/tmp',
      'sub',
      'sub/keep.txt',
      'sub/node_modules',
      'sub/node_modules/x.js',
      'sub/top.txt',
    ]);
    expect(r.fileCount).toBe(5);
  });

  it('keeps a stale copy of its own output out of the bundle when it lies inside the tree', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'app.js': 'a',
      'bundle.tar.gz': 'stale',
    });
    const r = await build(src, { outFile: path.join(src, 'bundle.tar.gz') });
    expect(r.manifest.files.map((f) => f.path)).toEqual([
      '.spot-deploy',
      '.spot-deploy/agent.py',
      'app.js',
    ]);
  });
});

describe('buildBundle refusals', () => {
  it('refuses a bundle-path that does not exist, is a file, or is empty after exclusions', async () => {
    const base = await tmp();
    await expectBundleError(
      build(path.join(base, 'nope')),
      'bundle-path',
      /bundle-path does not exist \(.*nope\)/,
    );
    await writeFile(path.join(base, 'file'), 'x');
    await expectBundleError(build(path.join(base, 'file')), 'bundle-path', /not a directory/);
    const onlyLogs = await makeTree(path.join(base, 'logs'), {
      'a.log': 'x',
      'empty/dir/': { dir: 0o755 },
    });
    await expectBundleError(
      build(onlyLogs, { exclude: ['*.log'] }),
      'bundle-path',
      /contains no files once bundle-exclude/,
    );
  });

  it('refuses a top-level .spot-deploy entry unless it is excluded', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      '.spot-deploy/agent.py': 'mine',
      'a/.spot-deploy': 'fine',
    });
    await expectBundleError(
      build(src),
      'bundle-path',
      /\.spot-deploy is reserved \(.*src\/\.spot-deploy\); rename it/,
    );
    const r = await build(src, { exclude: ['/.spot-deploy/'] });
    expect(r.manifest.files.find((f) => f.path === '.spot-deploy/agent.py')?.sha256).toBe(
      sha(AGENT_PY),
    );
    expect(r.manifest.files.map((f) => f.path)).toContain('a/.spot-deploy');
  });

  it.each([
    ['an absolute target', { l: { link: '/etc/passwd' } }, /has an absolute target/],
    [
      'a target inside the tree given absolutely',
      { l: { link: '/tmp' } },
      /has an absolute target/,
    ],
    ['a .. escape', { 'a/l': { link: '../../x' } }, /points outside bundle-path/],
    // sub/up is fine by itself (it is the root); going one further up through it escapes.
    [
      'an escape through a chain',
      { 'sub/up': { link: '..' }, 'sub/f': 'x', l: { link: 'sub/up/../x' } },
      /points outside bundle-path \(.*\/l -> sub\/up\/\.\.\/x\)/,
    ],
    ['a dangling link', { l: { link: 'missing.txt' } }, /points to a missing or excluded path/],
    [
      'a link to an excluded file',
      { l: { link: 'debug.log' }, 'debug.log': 'x' },
      /points to a missing or excluded path/,
    ],
    ['a loop', { a: { link: 'b' }, b: { link: 'a' } }, /is part of a loop/],
    ['a file used as a directory', { f: 'x', l: { link: 'f/x' } }, /uses a file as a directory/],
  ] satisfies [string, Record<string, Node>, RegExp][])(
    'refuses a symlink with %s',
    async (_name, spec, message) => {
      const src = await makeTree(path.join(await tmp(), 'src'), { 'keep.txt': 'k', ...spec });
      await expectBundleError(build(src, { exclude: ['*.log'] }), 'bundle-path', message);
    },
  );

  it.each([
    ['a newline', 'bad\nname.txt', /newline or control character \("bad\\nname\.txt"\)/],
    ['a control character', 'bad\u0001name', /newline or control character/],
  ])('refuses a file name with %s', async (_what, name, message) => {
    const src = await makeTree(path.join(await tmp(), 'src'), { 'ok.txt': 'k', [name]: 'x' });
    await expectBundleError(build(src), 'bundle-path', message);
  });

  it('refuses a file name that is not UTF-8', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), { 'ok.txt': 'k' });
    await writeFile(Buffer.concat([Buffer.from(`${src}/bad-`), Buffer.from([0xff, 0xfe])]), 'x');
    await expectBundleError(build(src), 'bundle-path', /is not valid UTF-8/);
  });

  it('refuses a tree over bundle-max-size, naming the size found and the limit', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'a.bin': 'x'.repeat(1000),
      'b.bin': 'y'.repeat(500),
      'skip.log': 'z'.repeat(5000),
    });
    await expectBundleError(
      build(src, { maxBytes: 1499, exclude: ['*.log'] }),
      'bundle-max-size',
      /the files add up to 1500 bytes \(0\.0 MiB\), over the limit of 1499 bytes .*largest: a\.bin 1000 bytes.*raise bundle-max-size/,
    );
    expect((await build(src, { maxBytes: 1500, exclude: ['*.log'] })).treeBytes).toBe(1500);
  });

  it.each([['!keep.txt'], ['../outside'], ['/']])(
    'refuses the exclude pattern %j',
    async (pattern) => {
      const src = await makeTree(path.join(await tmp(), 'src'), { 'keep.txt': 'k' });
      await expectBundleError(
        build(src, { exclude: [pattern] }),
        'bundle-exclude',
        /exclude pattern/,
      );
    },
  );

  // root reads everything, so this only runs as an ordinary user (as on GitHub's runners).
  it.skipIf(process.getuid?.() === 0)('refuses unreadable files and directories', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'a.txt': 'a',
      secret: { data: 's', mode: 0o000 },
      'locked/x': 'x',
      locked: { dir: 0o000 },
    });
    await expectBundleError(
      build(src, { exclude: ['secret'] }),
      'bundle-path',
      /cannot be read \(.*\/locked\/?\)/,
    );
    await expectBundleError(
      build(src, { exclude: ['locked/'] }),
      'bundle-path',
      /cannot be read \(.*\/secret\)/,
    );
    await chmod(path.join(src, 'locked'), 0o755);
  });

  it('leaves no output file behind when it refuses', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      l: { link: '/etc' },
      'a.txt': 'a',
    });
    const outFile = path.join(await tmp(), 'out.tgz');
    await expectBundleError(build(src, { outFile }), 'bundle-path', /absolute target/);
    await expect(stat(outFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
