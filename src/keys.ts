import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import type * as Ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { InputError } from './errors.js';

// Default import on purpose: under real Node ESM, ssh2's named exports other than Client are
// not detected, so `import { utils } from 'ssh2'` fails at run time (bundlers hide this).
const { utils } = ssh2 as typeof Ssh2;

export interface KeyPair {
  /** OpenSSH private key (PEM-armoured `OPENSSH PRIVATE KEY`). */
  readonly privateKey: string;
  /** One `authorized_keys`/`known_hosts` style line: `type base64 comment`. */
  readonly publicKey: string;
}

/** OpenSSH-style `SHA256:…` fingerprint of a public key blob. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** A fresh ed25519 key pair: the run's client key, or the deployment's host key. */
export function generateEd25519(comment: string): KeyPair {
  // ssh2 drops a leading zero byte of the 32-byte public key (1 key in 256), writing a key that
  // OpenSSH cannot load ("error in libcrypto"): an instance with such a host key would be
  // unreachable. Such keys are recognised by their short public blob and drawn again.
  for (let attempt = 0; attempt < 32; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    const blob = Buffer.from(pair.public.split(' ')[1] ?? '', 'base64');
    if (blob.length === ED25519_BLOB_BYTES)
      return { privateKey: pair.private, publicKey: pair.public };
  }
  throw new Error('Could not generate an ed25519 key that OpenSSH can load after 32 attempts');
}

/** string "ssh-ed25519" (4 + 11 bytes) + string key (4 + 32 bytes). */
const ED25519_BLOB_BYTES = 51;

/**
 * Checks a user-supplied private key (input `ssh-private-key`) and derives its public line.
 * Never includes the key in an error.
 */
export function parsePrivateKey(input: string, pem: string): KeyPair {
  const parsed = utils.parseKey(pem.replace(/\r\n/g, '\n').trim() + '\n');
  if (parsed instanceof Error) {
    const why = /encrypted|passphrase/i.test(parsed.message)
      ? 'it is encrypted with a passphrase; supply an unencrypted key (keep it in a secret)'
      : `it could not be read (${parsed.message}); supply an OpenSSH or PEM private key`;
    throw new InputError(input, `${why}.`);
  }
  const key: ParsedKey | undefined = Array.isArray(parsed) ? (parsed as ParsedKey[])[0] : parsed;
  if (!key || !key.isPrivateKey()) {
    throw new InputError(
      input,
      'this is a public key; supply the private key (keep it in a secret).',
    );
  }
  const publicKey = `${key.type} ${key.getPublicSSH().toString('base64')} spot-deploy`;
  return { privateKey: pem, publicKey };
}
