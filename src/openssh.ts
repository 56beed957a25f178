/**
 * OpenSSH's key formats, read and written with node:crypto alone: the unencrypted
 * `OPENSSH PRIVATE KEY` file (OpenSSH's PROTOCOL.key) and the public key blob (RFC 4253 6.6).
 * keys.ts makes and checks keys with these instead of ssh2, whose load mode plan and the input
 * check must not pay (docs/architecture.md, "Start-up"); ssh2 still does the SSH itself.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const ARMOUR =
  /^-----BEGIN OPENSSH PRIVATE KEY-----\n([\s\S]+?)\n-----END OPENSSH PRIVATE KEY-----$/;

/** The key types ssh2 (the runner's SSH client) can sign with, and OpenSSH still accepts. */
export const KEY_TYPES: ReadonlySet<string> = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
]);

export function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** SSH's `string`: a uint32 length, then the bytes. */
export function sshString(b: Buffer | string): Buffer {
  const bytes = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return Buffer.concat([uint32(bytes.length), bytes]);
}

/** SSH's `mpint` of a non-negative big-endian number: no leading zeros, a zero before a high bit. */
function mpint(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  const digits = b.subarray(i);
  return sshString((digits[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits);
}

/** A cursor over SSH wire data; every read past the end throws. */
class Reader {
  private at = 0;
  constructor(private readonly data: Buffer) {}
  uint32(): number {
    if (this.at + 4 > this.data.length) throw new Error('truncated');
    const n = this.data.readUInt32BE(this.at);
    this.at += 4;
    return n;
  }
  bytes(n: number): Buffer {
    if (n > this.data.length - this.at) throw new Error('truncated');
    const b = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
  string(): Buffer {
    return this.bytes(this.uint32());
  }
  text(): string {
    return this.string().toString('latin1');
  }
  rest(): Buffer {
    return this.bytes(this.data.length - this.at);
  }
}

/** The public key blob of a node:crypto key (ed25519, RSA, ECDSA P-256/384/521). */
export function publicBlob(key: KeyObject): Buffer {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519')
    return Buffer.concat([sshString('ssh-ed25519'), sshString(b64(jwk.x))]);
  if (jwk.kty === 'RSA')
    return Buffer.concat([sshString('ssh-rsa'), mpint(b64(jwk.e)), mpint(b64(jwk.n))]);
  const curve = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' }[jwk.crv ?? ''];
  if (jwk.kty === 'EC' && curve !== undefined) {
    const point = Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]);
    return Buffer.concat([sshString(`ecdsa-sha2-${curve}`), sshString(curve), sshString(point)]);
  }
  throw new Error(`unsupported key type ${jwk.kty ?? '?'} ${jwk.crv ?? ''}`.trim());
}

/** The key type a public key blob names (its first string). */
export function blobType(blob: Buffer): string {
  return new Reader(blob).text();
}

/** An unencrypted OpenSSH private key file holding one ed25519 key. */
export function writeEd25519(seed: Buffer, pub: Buffer, comment: string, check: Buffer): string {
  const type = sshString('ssh-ed25519');
  const blob = Buffer.concat([type, sshString(pub)]);
  const secret = Buffer.concat([
    check,
    check,
    type,
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  // Padded with 1, 2, 3, … to the cipher's block size ("none": 8).
  const padding = Buffer.from(
    Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, i) => i + 1),
  );
  const body = Buffer.concat([
    MAGIC,
    sshString('none'),
    sshString('none'),
    sshString(Buffer.alloc(0)),
    uint32(1),
    sshString(blob),
    sshString(Buffer.concat([secret, padding])),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** The public key blob the private part's fields make (ed25519 lengths checked). */
function privatePublicBlob(type: string, f: readonly Buffer[]): Buffer {
  const [a = Buffer.alloc(0), b = Buffer.alloc(0)] = f;
  if (type === 'ssh-ed25519') {
    // pub (32 bytes), then priv: the 32-byte seed followed by pub again.
    if (a.length !== 32 || b.length !== 64 || !b.subarray(32).equals(a))
      throw new Error('not an ed25519 key pair');
    return Buffer.concat([sshString(type), sshString(a)]);
  }
  // RSA: n, e → the blob's e, n; ECDSA: curve, Q → the blob's curve, Q.
  const pub = type === 'ssh-rsa' ? [b, a] : [a, b];
  return Buffer.concat([sshString(type), ...pub.map((x) => sshString(x))]);
}

export type OpenSshKey =
  | { readonly kind: 'key'; readonly type: string; readonly blob: Buffer }
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'unreadable'; readonly why: string };

/**
 * Reads an `OPENSSH PRIVATE KEY` file (text with `\n` line ends, trimmed): its first key's public
 * blob, after checking the private section is whole: the two check numbers equal (they differ when
 * a wrong passphrase or damaged data decrypts), the same key type, and the padding intact.
 */
export function readOpenSshPrivateKey(text: string): OpenSshKey {
  const m = ARMOUR.exec(text);
  if (!m) return { kind: 'unreadable', why: 'no OPENSSH PRIVATE KEY armour' };
  try {
    const data = Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64');
    if (!data.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not openssh-key-v1');
    const r = new Reader(data.subarray(MAGIC.length));
    const cipher = r.text();
    r.text(); // kdf name
    r.string(); // kdf options
    if (cipher !== 'none') return { kind: 'encrypted' };
    if (r.uint32() !== 1) throw new Error('not exactly one key in the file');
    const blob = r.string();
    const type = blobType(blob);
    if (!KEY_TYPES.has(type)) throw new Error(`unsupported key type ${type}`);
    const secret = new Reader(r.string());
    if (r.rest().length > 0) throw new Error('data after the private part');
    if (secret.uint32() !== secret.uint32()) throw new Error('check numbers differ');
    if (secret.text() !== type) throw new Error('the private part is of another key type');
    // The type's private fields: ed25519: pub, priv; RSA: n, e, d, iqmp, p, q; ECDSA: curve, Q, d.
    const fields = Array.from(
      { length: type === 'ssh-ed25519' ? 2 : type === 'ssh-rsa' ? 6 : 3 },
      () => secret.string(),
    );
    secret.string(); // comment
    const padding = secret.rest();
    if (!padding.every((b, i) => b === i + 1)) throw new Error('bad padding');
    // ssh2 signs with the private part and offers its public key: the file's public part must be
    // that key, or the instances would be given one key while the runner proves another.
    if (!privatePublicBlob(type, fields).equals(blob))
      throw new Error('the public and private parts are of different keys');
    return { kind: 'key', type, blob };
  } catch (e) {
    return { kind: 'unreadable', why: e instanceof Error ? e.message : String(e) };
  }
}
