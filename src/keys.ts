import ssh2 from 'ssh2';
import { InputError } from './errors.js';

// Default import on purpose: under real Node ESM, ssh2's named exports other than Client are
// not detected, so `import { utils } from 'ssh2'` fails at run time (bundlers hide this).
const { utils } = ssh2;

export interface KeyPair {
  /** OpenSSH private key (PEM-armoured `OPENSSH PRIVATE KEY`). */
  readonly privateKey: string;
  /** One `authorized_keys`/`known_hosts` style line: `type base64 comment`. */
  readonly publicKey: string;
}

/** A fresh ed25519 key pair: the run's client key, or the deployment's host key. */
export function generateEd25519(comment: string): KeyPair {
  const pair = utils.generateKeyPairSync('ed25519', { comment });
  return { privateKey: pair.private, publicKey: pair.public };
}

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
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || !key.isPrivateKey()) {
    throw new InputError(
      input,
      'this is a public key; supply the private key (keep it in a secret).',
    );
  }
  const publicKey = `${key.type} ${key.getPublicSSH().toString('base64')} spot-deploy`;
  return { privateKey: pem, publicKey };
}
