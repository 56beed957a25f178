// keys.ts makes and reads OpenSSH keys with node:crypto (so mode plan never loads ssh2): what it
// makes, ssh2 (the runner's SSH client) must read, and what it reads must agree with ssh2's parser
// on every form a user can supply.
import { generateKeyPairSync } from 'node:crypto';
import ssh2 from 'ssh2';
import type * as Ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { generateEd25519, parsePrivateKey } from '../../src/keys.js';

const { utils } = ssh2 as typeof Ssh2;

/** ssh2's reading of a private key: its public line, as the runner's client will use it. */
function ssh2Public(pem: string): string {
  const k = utils.parseKey(pem);
  if (k instanceof Error) throw k;
  expect(k.isPrivateKey()).toBe(true);
  return `${k.type} ${k.getPublicSSH().toString('base64')}`;
}
const publicOf = (line: string) => line.split(' ').slice(0, 2).join(' ');
const refusal = (pem: string): string => {
  try {
    parsePrivateKey('ssh-private-key', pem);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('generateEd25519', () => {
  it('writes keys ssh2 reads, with the public line and comment it returns', () => {
    for (let i = 0; i < 50; i++) {
      const k = generateEd25519(`c${i}`);
      expect(k.privateKey).toMatch(
        /^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END OPENSSH PRIVATE KEY-----\n$/,
      );
      expect(ssh2Public(k.privateKey)).toBe(publicOf(k.publicKey));
      expect(k.publicKey.endsWith(` c${i}`)).toBe(true);
      expect((utils.parseKey(k.privateKey) as ParsedKey).comment).toBe(`c${i}`);
      // Read back by our own parser too.
      expect(publicOf(parsePrivateKey('k', k.privateKey).publicKey)).toBe(publicOf(k.publicKey));
      // The seed and the public key are one pair: a signature by one verifies with the other.
      const priv = utils.parseKey(k.privateKey) as ParsedKey;
      const pub = utils.parseKey(k.publicKey) as ParsedKey;
      const data = Buffer.from(`signed ${i}`);
      expect(pub.verify(data, priv.sign(data))).toBe(true);
    }
  });
});

describe('parsePrivateKey agrees with ssh2', () => {
  const openssh = (['ed25519', 'rsa', 'ecdsa'] as const).map(
    (type) =>
      [
        `OpenSSH ${type}`,
        utils.generateKeyPairSync(type, {
          bits: type === 'rsa' ? 2048 : type === 'ecdsa' ? 256 : 0,
        }).private,
      ] as const,
  );
  const pem = [
    [
      'PEM RSA (PKCS#1)',
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs1',
        format: 'pem',
      }) as string,
    ],
    ...(['P-256', 'P-384', 'P-521'] as const).map(
      (namedCurve) =>
        [
          `PEM EC ${namedCurve} (SEC 1)`,
          generateKeyPairSync('ec', { namedCurve }).privateKey.export({
            type: 'sec1',
            format: 'pem',
          }) as string,
        ] as const,
    ),
  ] as const;
  it.each([...openssh, ...pem])('%s: the same public key', (_name, key) => {
    const ours = parsePrivateKey('ssh-private-key', key);
    expect(publicOf(ours.publicKey)).toBe(ssh2Public(key));
    expect(ours.privateKey).toBe(key);
    // CRLF line ends and surrounding blank lines (a pasted secret) read the same.
    const pasted = `\n${key.replace(/\n/g, '\r\n')}\n\n`;
    expect(parsePrivateKey('ssh-private-key', pasted).publicKey).toBe(ours.publicKey);
  });

  it('refuses encrypted keys, naming the passphrase', () => {
    const enc = utils.generateKeyPairSync('ed25519', {
      passphrase: 'secret',
      cipher: 'aes256-ctr',
      rounds: 1,
    }).private;
    expect(refusal(enc)).toMatch(/encrypted with a passphrase/);
    const encPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
      cipher: 'aes-128-cbc',
      passphrase: 'secret',
    }) as string;
    expect(refusal(encPem)).toMatch(/encrypted with a passphrase/);
  });

  it('refuses public keys, damaged keys and other text, never repeating the key', () => {
    const k = generateEd25519('x');
    expect(refusal(k.publicKey)).toMatch(/this is a public key; supply the private key/);
    const spki = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    expect(refusal(spki as string)).toMatch(/this is a public key/);
    expect(refusal('not a key')).toMatch(/could not be read .*OpenSSH or PEM private key/);
    // A damaged body: the check numbers or the structure no longer hold.
    const lines = k.privateKey.split('\n');
    const damaged = [lines[0], (lines[1] ?? '').slice(0, 40), ...lines.slice(-3)].join('\n');
    const why = refusal(damaged);
    expect(why).toMatch(/could not be read/);
    expect(utils.parseKey(damaged)).toBeInstanceOf(Error);
    for (const line of lines.slice(1, -2)) expect(why).not.toContain(line);
  });

  it('refuses a PuTTY key saying how to convert it, never repeating the key', () => {
    const ppk = [
      'PuTTY-User-Key-File-3: ssh-ed25519',
      'Encryption: none',
      'Comment: eddsa-key-20261202',
      'Public-Lines: 2',
      'AAAAC3NzaC1lZDI1NTE5AAAAIBGCHZJhThsXTez3kfaKdDtqj5Tcz9mic0WQs3yH',
      'mx+5',
      'Private-Lines: 1',
      'AAAAIFbR0ZGcn0CZHZTAGLeB1yt5MTlJ4Uv2JcCNBCfgAuSr',
      'Private-MAC: 5c1f8b7a4c3f5e2a1b0d9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a',
    ].join('\r\n');
    const why = refusal(ppk);
    expect(why).toMatch(
      /PuTTY key \(\.ppk\); convert it with `puttygen key\.ppk -O private-openssh/,
    );
    expect(why).not.toContain('AAAAIFbR0ZGcn0CZHZTAGLeB1yt5MTlJ4Uv2JcCNBCfgAuSr');
  });

  // The file's parts, spliced: magic, cipher, kdf, kdf options, key count, public blob, private part.
  const armour = (body: Buffer) =>
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${(body.toString('base64').match(/.{1,70}/g) ?? []).join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
  const parts = (pem: string) => {
    const b = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    let at = 15; // "openssh-key-v1\0"
    const str = () => {
      const n = b.readUInt32BE(at);
      const v = b.subarray(at, at + 4 + n);
      at += 4 + n;
      return v;
    };
    const head = b.subarray(0, 15);
    const [cipher, kdf, opts] = [str(), str(), str()];
    const count = b.subarray(at, at + 4);
    at += 4;
    const [pub, priv] = [str(), str()];
    return { head, cipher, kdf, opts, count, pub, priv };
  };

  it("refuses a file whose public part is another key's, or with data after it (ssh2 would not use that key)", () => {
    for (const type of ['ed25519', 'rsa', 'ecdsa'] as const) {
      const gen = () =>
        utils.generateKeyPairSync(type, {
          bits: type === 'rsa' ? 2048 : type === 'ecdsa' ? 256 : 0,
        }).private;
      const a = parts(gen());
      const b = parts(gen());
      const swapped = armour(
        Buffer.concat([a.head, a.cipher, a.kdf, a.opts, a.count, b.pub, a.priv]),
      );
      expect(refusal(swapped), type).toMatch(/public and private parts are of different keys/);
      const whole = Buffer.concat([a.head, a.cipher, a.kdf, a.opts, a.count, a.pub, a.priv]);
      expect(parsePrivateKey('ssh-private-key', armour(whole)).publicKey).toMatch(/ spot-deploy$/);
      expect(
        utils.parseKey(armour(Buffer.concat([whole, Buffer.from([0, 0, 0, 0])]))),
      ).toBeInstanceOf(Error);
      expect(refusal(armour(Buffer.concat([whole, Buffer.from([0, 0, 0, 0])]))), type).toMatch(
        /data after the private part/,
      );
    }
  });
});
