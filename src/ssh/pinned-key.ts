import type { ServerHostKeyAlgorithm } from 'ssh2';
import { SshError } from '../errors.js';
import { fingerprint } from '../keys.js';

/** The host key algorithms ssh2 may negotiate for a pinned key of each type. */
export const HOST_KEY_ALGORITHMS: Readonly<Record<string, readonly ServerHostKeyAlgorithm[]>> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export interface PinnedKey {
  readonly type: string;
  readonly blob: Buffer;
  readonly fingerprint: string;
}

/** Parses a pinned `type base64 [comment]` line; the blob's embedded type must match. */
export function parsePinnedKey(line: string): PinnedKey {
  const m = /^\s*(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s.*)?$/s.exec(line);
  const type = m?.[1];
  const blob = m?.[2] === undefined ? undefined : Buffer.from(m[2], 'base64');
  if (type === undefined || blob === undefined || HOST_KEY_ALGORITHMS[type] === undefined) {
    throw new SshError(
      `The pinned host key is not a supported 'type base64' public key line (got '${line.slice(0, 40)}…').`,
      { retryable: false },
    );
  }
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (len < 0 || blob.subarray(4, 4 + len).toString('latin1') !== type) {
    throw new SshError(`The pinned host key's blob does not hold a ${type} key.`, {
      retryable: false,
    });
  }
  return { type, blob, fingerprint: fingerprint(blob) };
}
