/**
 * A deterministic ~50 MB source tree for the bundle benchmark: thousands of files of mixed sizes,
 * about half of the bytes compressible text and half incompressible (AES-CTR keystream from a
 * fixed key, so every run writes the same bytes).
 */
import { createCipheriv } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS =
  'deploy spot instance bundle region subnet cloud init agent release status ready health check upload sha256 systemd unit service timeout fleet'.split(
    ' ',
  );

/** A seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Tree {
  readonly files: number;
  readonly bytes: number;
}

/** Writes the tree under `dir` (which must not exist yet); the same bytes on every call. */
export function generateTree(dir: string, targetBytes = 50 * 1024 * 1024): Tree {
  const rnd = prng(0x5eed);
  const key = Buffer.alloc(32, 7);
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16, 0));
  const randomBytes = (n: number): Buffer => cipher.update(Buffer.alloc(n));
  const text = (n: number): Buffer => {
    const parts: string[] = [];
    let len = 0;
    for (let line = 0; len < n && line < 1_000_000; line++) {
      const words = Array.from(
        { length: 4 + Math.floor(rnd() * 8) },
        () => WORDS[Math.floor(rnd() * WORDS.length)] ?? 'x',
      );
      const l = `${line} ${words.join(' ')} ${Math.floor(rnd() * 1e6)}\n`;
      parts.push(l);
      len += l.length;
    }
    return Buffer.from(parts.join('')).subarray(0, n);
  };
  let bytes = 0;
  let files = 0;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; bytes < targetBytes && i < 100_000; i++) {
    const r = rnd();
    // 80% small (0.2–8 KiB), 19.5% medium (8–64 KiB), 0.5% large (0.25–1.25 MiB):
    // about 3,600 files for 50 MB.
    const size =
      r < 0.8
        ? 200 + Math.floor(rnd() * 8 * 1024)
        : r < 0.995
          ? 8 * 1024 + Math.floor(rnd() * 56 * 1024)
          : 256 * 1024 + Math.floor(rnd() * 1024 * 1024);
    const n = Math.min(size, targetBytes - bytes);
    const sub = join(dir, `d${i % 37}`, `s${i % 11}`);
    mkdirSync(sub, { recursive: true });
    const compressible = rnd() < 0.5;
    writeFileSync(
      join(sub, `f${i}.${compressible ? 'txt' : 'bin'}`),
      compressible ? text(n) : randomBytes(n),
    );
    bytes += n;
    files++;
  }
  return { files, bytes };
}
