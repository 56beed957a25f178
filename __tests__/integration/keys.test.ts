import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';

describe('generateEd25519', () => {
  // ssh2's generator wrote a broken key for 1 public key in 256 (leading zero byte dropped);
  // keys.ts now writes the OpenSSH format itself: 1,500 draws would meet about 6 keys with a
  // leading zero byte, so a regression of either kind fails here with near certainty.
  it('only returns keys that OpenSSH loads and whose public half matches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const pairs = Array.from({ length: 1500 }, (_, i) => generateEd25519(`k${i}`));
    for (const p of pairs) {
      expect(Buffer.from(p.publicKey.split(' ')[1] ?? '', 'base64')).toHaveLength(51);
    }
    // ssh-keygen is slower: check a sample of them end to end.
    for (const [i, p] of pairs.slice(0, 40).entries()) {
      const file = join(dir, `k${i}`);
      writeFileSync(file, p.privateKey, { mode: 0o600 });
      const derived = execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' });
      expect(derived.split(' ').slice(0, 2)).toEqual(p.publicKey.split(' ').slice(0, 2));
    }
  });
});
