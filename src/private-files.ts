import { constants } from 'node:fs';
import { mkdir, mkdtemp, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

// Files the action writes on the runner (the user-data with the host private key, the bundle,
// the artifact's copies) live in a directory of the run's own, never at a predictable path in a
// shared temp directory: with /tmp/spot-deploy/<id>/user-data, another user of the machine could
// create that directory first, or plant a symlink there that the action would write through.

/** Created, never reused: fails if anything (a file, a symlink) is already at the path. */
export const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** A fresh directory (mode 0700, random suffix) named `<prefix>XXXXXX`; its parent is created if missing. */
export async function makePrivateDir(prefix: string): Promise<string> {
  await mkdir(dirname(prefix), { recursive: true, mode: 0o700 });
  return mkdtemp(prefix);
}

/** Writes a new file (mode 0600 unless given) with CREATE_NEW: never through a symlink, never over a file. */
export async function writeNewFile(
  path: string,
  data: string | Uint8Array,
  mode = 0o600,
): Promise<void> {
  const fh = await open(path, CREATE_NEW, mode);
  try {
    await fh.writeFile(data);
  } finally {
    await fh.close();
  }
}

/** Removes what is at `path` (a stale output, or a symlink itself, never its target), if anything. */
export async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}
