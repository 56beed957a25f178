// The bundle builder's archives as GNU tar reads them (extraction, `tar -tv`), and the special
// files a tree can hold: a FIFO (mkfifo) and a listening unix socket. The in-process checks of
// the same builder are in unit/bundle/build.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, readlink, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/bundle/build.js';
import {
  AGENT_PY,
  BIG,
  bundleScratch,
  expectBundleError,
  makeTree,
  sha,
} from '../helpers/bundle-tree.js';

const { tmp, build } = bundleScratch();

function gnuTar(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('tar', args, {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('buildBundle contents, read by GNU tar', () => {
  it('lists every entry in the manifest with correct hashes, sizes, modes and targets', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'a.txt': 'hello\n',
      'bin/start': { data: '#!/bin/sh\n', mode: 0o744 },
      'systemd/app.service': '[Service]\n',
      cfg: { link: 'systemd' },
      'bin/up': { link: '..' },
      'big.bin': { data: BIG },
      'empty.txt': '',
    });
    const r = await build(src);
    const out = await tmp();
    const x = gnuTar(['-xzf', r.file, '-C', out]);
    expect(x).toMatchObject({ status: 0, stderr: '' });

    const manifest = JSON.parse(
      await readFile(path.join(out, '.spot-deploy/manifest.json'), 'utf8'),
    ) as Manifest;
    expect(manifest).toEqual(r.manifest);
    expect(manifest.files).toEqual([
      { path: '.spot-deploy', type: 'dir', mode: 0o755, size: 0 },
      {
        path: '.spot-deploy/agent.py',
        type: 'file',
        mode: 0o755,
        size: AGENT_PY.length,
        sha256: sha(AGENT_PY),
      },
      {
        path: 'a.txt',
        type: 'file',
        mode: 0o644,
        size: 6,
        sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
      },
      { path: 'big.bin', type: 'file', mode: 0o644, size: BIG.length, sha256: sha(BIG) },
      { path: 'bin', type: 'dir', mode: 0o755, size: 0 },
      { path: 'bin/start', type: 'file', mode: 0o755, size: 10, sha256: sha('#!/bin/sh\n') },
      { path: 'bin/up', type: 'symlink', mode: 0o777, size: 0, target: '..' },
      { path: 'cfg', type: 'symlink', mode: 0o777, size: 0, target: 'systemd' },
      { path: 'empty.txt', type: 'file', mode: 0o644, size: 0, sha256: sha('') },
      { path: 'systemd', type: 'dir', mode: 0o755, size: 0 },
      {
        path: 'systemd/app.service',
        type: 'file',
        mode: 0o644,
        size: 10,
        sha256: sha('[Service]\n'),
      },
    ]);
    for (const f of manifest.files) {
      const abs = path.join(out, f.path);
      if (f.type === 'file') expect(sha(await readFile(abs))).toBe(f.sha256);
      if (f.type === 'symlink') expect(await readlink(abs)).toBe(f.target);
    }
    expect(await readFile(path.join(out, 'cfg/app.service'), 'utf8')).toBe('[Service]\n');
    // Stable text: one entry per line, fixed key order.
    const text = await readFile(path.join(out, '.spot-deploy/manifest.json'), 'utf8');
    expect(text.split('\n')[0]).toBe('{"version":1,"files":[');
    expect(text).toContain(
      '\n{"path":"a.txt","type":"file","mode":420,"size":6,"sha256":"5891b5b5',
    );
    expect(r.fileCount).toBe(5);
    expect(r.treeBytes).toBe(6 + 10 + 10 + BIG.length);
  });

  it('normalises modes, owners and times as GNU tar lists them, manifest last', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'z.txt': { data: 'z', mode: 0o600 },
      'x.sh': { data: 'x', mode: 0o700 },
      'g.sh': { data: 'g', mode: 0o654 },
      'd/f': { data: 'f', mode: 0o666 },
      d: { dir: 0o700 },
      l: { link: 'z.txt' },
    });
    const r = await build(src);
    const tv = gnuTar(['-tvzf', r.file]);
    expect(tv.status).toBe(0);
    expect(tv.stdout.split('\n').filter(Boolean)).toEqual([
      'drwxr-xr-x 0/0               0 1980-01-01 00:00 .spot-deploy/',
      `-rwxr-xr-x 0/0              ${AGENT_PY.length} 1980-01-01 00:00 .spot-deploy/agent.py`,
      'drwxr-xr-x 0/0               0 1980-01-01 00:00 d/',
      '-rw-r--r-- 0/0               1 1980-01-01 00:00 d/f',
      '-rwxr-xr-x 0/0               1 1980-01-01 00:00 g.sh',
      'lrwxrwxrwx 0/0               0 1980-01-01 00:00 l -> z.txt',
      '-rwxr-xr-x 0/0               1 1980-01-01 00:00 x.sh',
      '-rw-r--r-- 0/0               1 1980-01-01 00:00 z.txt',
      expect.stringMatching(
        /^-rw-r--r-- 0\/0 +\d+ 1980-01-01 00:00 \.spot-deploy\/manifest\.json$/,
      ),
    ]);
  });

  it('keeps symlinks whose targets resolve inside the tree, also through other links', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'data/v1/file.txt': 'v1',
      'data/current': { link: 'v1' },
      latest: { link: 'data/current/file.txt' },
      'data/v1/back': { link: '../../latest' },
      'data/v1/root': { link: '../..' },
    });
    const r = await build(src);
    const out = await tmp();
    expect(gnuTar(['-xzf', r.file, '-C', out])).toMatchObject({ status: 0, stderr: '' });
    expect(await readFile(path.join(out, 'data/v1/back'), 'utf8')).toBe('v1');
    expect(await readlink(path.join(out, 'latest'))).toBe('data/current/file.txt');
  });

  it('streams a file larger than the read buffer and the gzip window intact', async () => {
    const big = Buffer.concat([BIG, BIG, BIG, Buffer.from('tail')]);
    const src = await makeTree(path.join(await tmp(), 'src'), { 'big.bin': { data: big } });
    const r = await build(src, { maxBytes: big.length });
    const out = await tmp();
    expect(gnuTar(['-xzf', r.file, '-C', out]).status).toBe(0);
    expect(sha(await readFile(path.join(out, 'big.bin')))).toBe(sha(big));
    expect(r.manifest.files.find((f) => f.path === 'big.bin')?.sha256).toBe(sha(big));
  });
});

describe('buildBundle refusals', () => {
  it('refuses FIFOs and sockets, unless excluded', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), { 'a.txt': 'a' });
    execFileSync('mkfifo', [path.join(src, 'pipe')]);
    await expectBundleError(build(src), 'bundle-path', /a FIFO cannot be bundled \(.*\/pipe\)/);
    await rm(path.join(src, 'pipe'));
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(src, 'sock'), resolve));
    try {
      await expectBundleError(build(src), 'bundle-path', /a socket cannot be bundled \(.*\/sock\)/);
      expect((await build(src, { exclude: ['sock'] })).fileCount).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
