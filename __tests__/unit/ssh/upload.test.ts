// The delivery's stdin: `go`, then exactly the announced bundle bytes, never more nor fewer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES, withAnswer } from '../../../src/ssh/upload.js';

describe('withAnswer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spot-deploy-with-answer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const drain = async (file: string, bytes: number): Promise<Buffer> => {
    const parts: Buffer[] = [];
    for await (const b of withAnswer(file, bytes)) parts.push(b);
    return Buffer.concat(parts);
  };

  it('sends go and the whole file when it has the announced size', async () => {
    const file = join(dir, 'b.tar.gz');
    const data = Buffer.alloc(UPLOAD_CHUNK_BYTES + 7, 1);
    writeFileSync(file, data);
    expect(
      (await drain(file, data.length)).equals(Buffer.concat([Buffer.from('go\n'), data])),
    ).toBe(true);
  });

  it('fails when the file is shorter or longer than announced (it changed after the build)', async () => {
    const file = join(dir, 'b.tar.gz');
    writeFileSync(file, Buffer.alloc(100, 1));
    // stdin stays open for `activate`: a short bundle would leave the writer waiting for ever.
    await expect(drain(file, 101)).rejects.toThrow(/is 100 bytes, not the 101 bytes announced/);
    // A long one: its rest would be read as the next answer.
    await expect(drain(file, 99)).rejects.toThrow(/is longer, not the 99 bytes announced/);
  });
});
