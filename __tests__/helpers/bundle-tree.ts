/**
 * Scratch trees for the bundle builder's tests (unit/bundle/build.test.ts, and
 * integration/bundle-tar.test.ts, which checks the archives with GNU tar).
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { buildBundle, type BundleOptions } from '../../src/bundle/build.js';
import { BundleError } from '../../src/errors.js';

export const sha = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

export type Node =
  string | { data: string | Buffer; mode?: number } | { link: string } | { dir: number };

/** Creates `spec` under `root` in the given key order, with the given modes. */
export async function makeTree(root: string, spec: Record<string, Node>): Promise<string> {
  await mkdir(root, { recursive: true });
  for (const [rel, node] of Object.entries(spec)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    if (typeof node === 'string') await writeFile(abs, node);
    else if ('link' in node) await symlink(node.link, abs);
    else if ('dir' in node) {
      await mkdir(abs, { recursive: true });
      await chmod(abs, node.dir);
    } else {
      await writeFile(abs, node.data);
      if (node.mode !== undefined) await chmod(abs, node.mode);
    }
  }
  return root;
}

export const AGENT_PY = '#!/usr/bin/env python3\nprint("agent")\n';

// Larger than the 1 MiB read chunk and poorly compressible, so backpressure paths run.
export const BIG = Buffer.from(
  Uint8Array.from({ length: 3 * 1024 * 1024 + 123 }, (_, i) => (i * 2654435761) >>> 24),
);

/**
 * Scratch directories removed after the calling file's tests; `build` builds a bundle of a tree
 * with a one-file agent directory into a fresh scratch file.
 */
export function bundleScratch() {
  const scratch: string[] = [];
  afterAll(async () => {
    await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
  });
  async function tmp(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'spot-bundle-'));
    scratch.push(dir);
    return dir;
  }
  async function makeAgent(): Promise<string> {
    return makeTree(path.join(await tmp(), 'agent'), {
      'agent.py': { data: AGENT_PY, mode: 0o755 },
    });
  }
  async function build(sourceDir: string, extra: Partial<BundleOptions> = {}) {
    const outFile = path.join(await tmp(), 'bundle.tar.gz');
    return buildBundle({
      sourceDir,
      exclude: [],
      maxBytes: 10 * 1024 * 1024,
      agentDir: await makeAgent(),
      outFile,
      ...extra,
    });
  }
  return { tmp, makeAgent, build };
}

export async function expectBundleError(
  p: Promise<unknown>,
  input: string | undefined,
  message: RegExp,
) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  const be = err as BundleError;
  expect(be.input).toBe(input);
  expect(be.message).toMatch(/^Could not build the bundle: .+ \(.+\); .+/s);
  expect(be.message).toMatch(message);
}
