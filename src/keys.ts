import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { InputError } from './errors.js';
import { blobType, KEY_TYPES, publicBlob, readOpenSshPrivateKey, writeEd25519 } from './openssh.js';

// node:crypto and openssh.ts, not ssh2: mode plan makes two keys and the input check reads one,
// and neither may load ssh2 (docs/architecture.md, "Start-up").

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

/**
 * A fresh ed25519 key pair: the run's client key, or the deployment's host key, in the format
 * `ssh-keygen` writes. node:crypto's public key is always its 32 bytes (ssh2's generator dropped
 * a leading zero byte for 1 key in 256, a key OpenSSH then refused to load).
 */
export function generateEd25519(comment: string): KeyPair {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const pub = Buffer.from(jwk.x ?? '', 'base64url');
  if (seed.length !== 32 || pub.length !== 32)
    throw new Error('Could not generate an ed25519 key: node:crypto returned another key size');
  const blob = publicBlob(createPrivateKey({ key: jwk, format: 'jwk' }));
  return {
    privateKey: writeEd25519(seed, pub, comment, randomBytes(4)),
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
  };
}

const SUPPLY = 'supply an OpenSSH or PEM private key';
const ENCRYPTED =
  'it is encrypted with a passphrase; supply an unencrypted key (keep it in a secret)';
const PUBLIC = 'this is a public key; supply the private key (keep it in a secret).';
/** A public key as authorized_keys, RFC 4716 or PEM hold it. */
const PUBLIC_FORMS =
  /^(?:(?:ssh-\S+|ecdsa-sha2-\S+|sk-\S+) [A-Za-z0-9+/]+=*(?: .*)?|---- BEGIN SSH2 PUBLIC KEY ----[\s\S]*|-----BEGIN (?:RSA )?PUBLIC KEY-----[\s\S]*)$/;
/** The PEM private keys OpenSSH and ssh2 read (PKCS#1 RSA, SEC 1 EC), optionally with headers. */
const PEM_PRIVATE =
  /^-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----\n([\s\S]+)\n-----END \1 PRIVATE KEY-----$/;

/**
 * Checks a user-supplied private key (input `ssh-private-key`) and derives its public line: an
 * unencrypted OpenSSH key (what `ssh-keygen` writes) or a PEM RSA/EC key, of a type ssh2 signs
 * with (ed25519, RSA, ECDSA). Never includes the key in an error.
 */
export function parsePrivateKey(input: string, pem: string): KeyPair {
  const text = pem.replace(/\r\n/g, '\n').trim();
  const fail = (why: string): never => {
    throw new InputError(input, `${why}.`);
  };
  let blob: Buffer;
  if (text.startsWith('-----BEGIN OPENSSH PRIVATE KEY-----')) {
    const key = readOpenSshPrivateKey(text);
    if (key.kind === 'encrypted') fail(ENCRYPTED);
    if (key.kind === 'unreadable') fail(`it could not be read (${key.why}); ${SUPPLY}`);
    blob = (key as { blob: Buffer }).blob;
  } else if (PEM_PRIVATE.test(text)) {
    const [, kind = '', body = ''] = PEM_PRIVATE.exec(text) ?? [];
    if (/^Proc-Type:\s*4,ENCRYPTED/m.test(body)) fail(ENCRYPTED);
    if (kind === 'DSA') fail(`it is a DSA key, which OpenSSH no longer accepts; ${SUPPLY}`);
    try {
      blob = publicBlob(createPrivateKey({ key: `${text}\n`, format: 'pem' }));
    } catch (e) {
      return fail(
        `it could not be read (${e instanceof Error ? e.message : String(e)}); ${SUPPLY}`,
      );
    }
  } else if (PUBLIC_FORMS.test(text)) {
    throw new InputError(input, PUBLIC);
  } else if (text.startsWith('PuTTY-User-Key-File-')) {
    return fail(
      'it is a PuTTY key (.ppk); convert it with `puttygen key.ppk -O private-openssh -o key` and supply the result',
    );
  } else {
    return fail(`it could not be read (Unsupported key format); ${SUPPLY}`);
  }
  const type = blobType(blob);
  if (!KEY_TYPES.has(type)) fail(`it is a ${type} key; ${SUPPLY} (ed25519, RSA or ECDSA)`);
  return { privateKey: pem, publicKey: `${type} ${blob.toString('base64')} spot-deploy` };
}
