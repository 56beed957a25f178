import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { InputError } from './errors.js';
import {
  blobType,
  KEY_TYPES,
  publicBlob,
  readOpenSshPrivateKey,
  sshString,
  writeEd25519,
} from './openssh.js';

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
  // DER straight from the generator: one native call, where a JWK export and re-import took
  // twice as long in mode plan, which makes two keys (~1 ms of a ~130 ms start).
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { format: 'der', type: 'pkcs8' },
    publicKeyEncoding: { format: 'der', type: 'spki' },
  });
  // RFC 8410: an ed25519 key's PKCS#8 and SPKI are a fixed header, then the 32-byte seed or
  // public key.
  if (!startsWith(privateKey, PKCS8_ED25519) || !startsWith(publicKey, SPKI_ED25519))
    throw new Error('Could not generate an ed25519 key: node:crypto returned another encoding');
  const seed = privateKey.subarray(PKCS8_ED25519.length);
  const pub = publicKey.subarray(SPKI_ED25519.length);
  const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  return {
    privateKey: writeEd25519(seed, pub, comment, randomBytes(4)),
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
  };
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
/** `der` is `header` followed by exactly 32 bytes. */
function startsWith(der: Buffer, header: Buffer): boolean {
  return der.length === header.length + 32 && der.subarray(0, header.length).equals(header);
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
