/**
 * The EC2 user-data: a minimal `#cloud-config` with only what must exist before the first SSH
 * (login user, pinned host key, bootstrap + systemd units, packages, directories, TTL).
 *
 * Every document is built as a JS object and serialised by `yaml`; no user value is ever
 * concatenated into YAML or into a shell string. The serialisation targets YAML 1.1 because
 * cloud-init reads user-data with PyYAML: strings that 1.1 would resolve to something else
 * (`yes`, `on`, `0755`, `1:20`, `2001-01-01`, `<<`, `=`) are quoted, and characters PyYAML treats
 * as line breaks (U+0085, U+2028, U+2029) or rejects (C1 controls, DEL, U+FFFE/F) only appear as
 * escapes inside double-quoted strings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CloudInitError } from '../errors.js';
import { REMOTE_PATHS, UNIT_NAMES } from '../instance/contract.js';
import { checkUnicode, mergeCloudConfig, plainData, setOwn, type Mapping } from './merge.js';
import { toYaml } from './yaml.js';

export interface CloudInitAssets {
  bootstrap: string;
  pathUnit: string;
  serviceUnit: string;
}

export interface CloudInitSpec {
  deploymentId: string;
  sshUser: string;
  authorizedKeys: readonly string[];
  hostKey: { privateKey: string; publicKey: string };
  sshPort: number;
  directories: readonly string[];
  packages: readonly string[];
  packageUpgrade: boolean;
  ttlMinutes: number;
  extraCloudConfig?: Readonly<Record<string, unknown>>;
}

export interface UserData {
  /** The `#cloud-config` document. */
  text: string;
  /** What goes to EC2: `text` as UTF-8, or gzipped when the text is over the limit. */
  body: Buffer;
  gzipped: boolean;
  /** `body.length`. */
  bytes: number;
  /** UTF-8 length of `text`. */
  textBytes: number;
  /** Bytes of each part's own YAML rendering, in document order. */
  parts: ReadonlyArray<{ name: string; bytes: number }>;
}

/** EC2's limit on raw (before base64) user-data. */
export const USER_DATA_LIMIT = 16384;

/** The files our user-data writes: a `write_files` entry of the user's may aim at none of them. */
const OUR_FILES: readonly string[] = [
  REMOTE_PATHS.bootstrap,
  REMOTE_PATHS.pathUnit,
  REMOTE_PATHS.serviceUnit,
  REMOTE_PATHS.sshdDropIn,
];

/**
 * A shell script as user-data carries it: without comment lines (the `#!` line stays), blank
 * lines and indentation. The source keeps its comments; each byte here is a byte of user-data
 * (the bootstrap's 1,3xx readable bytes ship as 574). Line-based, so the source must not put a
 * comment after code nor start a line of a multi-line quoted string with blanks or `#`.
 */
export function compactShell(source: string): string {
  const lines = source.split('\n').map((line, i) => (i === 0 ? line : line.trimStart()));
  return lines.filter((line, i) => i === 0 || (line !== '' && !line.startsWith('#'))).join('\n');
}

/** Reads the three on-instance files from the repository's `cloud-init/` directory. */
export function loadCloudInitAssets(dir: string): CloudInitAssets {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    bootstrap: `${compactShell(read('bootstrap.sh'))}\n`,
    pathUnit: read('spot-deploy.path'),
    serviceUnit: read('spot-deploy.service'),
  };
}

/** Fixed string (no user value): pick up the sshd drop-in, socket-activated (Ubuntu 24.04) or not. */
const RESTART_SSH =
  'systemctl daemon-reload;if systemctl -q is-active ssh.socket;then systemctl restart ssh.socket;systemctl try-restart ssh.service;else systemctl restart ssh.service||systemctl restart sshd.service;fi';

/**
 * Fixed script (the owner is `$0`, the directories follow): creates each missing directory for the
 * login user and never touches one that exists (its owner and mode stay the image's).
 */
const CREATE_DIRECTORIES =
  'for d;do [ -e "$d" ]||[ -L "$d" ]||install -d -o "$0" -g "$0" -m 0755 -- "$d";done';

/**
 * Fixed script (the login user is `$0`), run after cloud-init's users module: when `ssh-user`
 * named an account the image already had (a system account, UID below 1000, which cloud-init does
 * not create but still grants sudo to), the grant is taken back before anything is delivered. The
 * input refuses the system accounts of the images we know; this covers the others. Unquoted `$0`:
 * the input allows only [a-z0-9_-] names.
 */
const SYSTEM_ACCOUNT_GUARD = '[ $(id -u $0) -gt 999 ]||rm /etc/sudoers.d/90-cloud-init-users';

function checkSpec(spec: CloudInitSpec): void {
  const strings: Array<[string, string | undefined, readonly string[]]> = [
    ['the deployment id', undefined, [spec.deploymentId]],
    ['the user name', 'ssh-user', [spec.sshUser]],
    ['an authorized key', undefined, spec.authorizedKeys],
    ['the host key', undefined, [spec.hostKey.privateKey, spec.hostKey.publicKey]],
    ['a directory', 'directories', spec.directories],
    ['a package', 'packages', spec.packages],
  ];
  for (const [what, input, values] of strings) for (const v of values) checkUnicode(v, what, input);
  if (!Number.isInteger(spec.sshPort) || spec.sshPort < 1 || spec.sshPort > 65535)
    throw new CloudInitError(`expected a port from 1 to 65535, got ${spec.sshPort}.`, 'ssh-port');
  if (!Number.isInteger(spec.ttlMinutes) || spec.ttlMinutes < 0)
    throw new CloudInitError(`expected 0 or more minutes, got ${spec.ttlMinutes}.`, 'ttl-minutes');
  // Values that would be read as options by useradd / apt-get (neither is given `--`).
  if (spec.sshUser === '' || spec.sshUser.startsWith('-'))
    throw new CloudInitError('must be a user name not starting with -.', 'ssh-user');
  for (const p of spec.packages)
    if (p === '' || p.startsWith('-'))
      throw new CloudInitError(`'${p}' is not a package name.`, 'packages');
}

type Part = { name: string; input?: string; value: Mapping };

/** Our cloud-config, as named parts in document order (merged per key afterwards). */
function ourParts(spec: CloudInitSpec, assets: CloudInitAssets): Part[] {
  const u = spec.sshUser;
  const parts: Part[] = [
    {
      name: 'users and authorized keys',
      value: {
        users: [
          {
            name: u,
            sudo: 'ALL=(ALL) NOPASSWD:ALL',
            shell: '/bin/bash',
            lock_passwd: true,
            ssh_authorized_keys: [...spec.authorizedKeys],
          },
        ],
        // No `ssh_pwauth`: any value makes cc_set_passwords (config stage, after sshd is up)
        // edit sshd_config and restart sshd, and a connection in that window is reset
        // (seen on Debian 12). Password login is the image's: our user is locked, and the
        // cloud images we target already say `PasswordAuthentication no` (docs/architecture.md).
      },
    },
    {
      name: 'host key',
      value: {
        // No ed25519_public: cloud-init writes the .pub itself from the private key (cc_ssh
        // PRIV_TO_PUB, `ssh-keygen -yf`, since 22.x): ~100 bytes of the 2,048 budget.
        ssh_keys: { ed25519_private: spec.hostKey.privateKey },
        ssh_deletekeys: true,
        ssh_genkeytypes: ['ed25519'],
      },
    },
    {
      name: 'bootstrap and units',
      value: {
        write_files: [
          { path: REMOTE_PATHS.bootstrap, permissions: '0755', content: assets.bootstrap },
          { path: REMOTE_PATHS.pathUnit, content: assets.pathUnit },
          { path: REMOTE_PATHS.serviceUnit, content: assets.serviceUnit },
        ],
      },
    },
  ];
  const packages: Mapping = {};
  if (spec.packages.length > 0) {
    packages.packages = [...spec.packages];
    packages.package_update = true;
  }
  // cloud-init's default is no upgrade: only say so when one is wanted.
  if (spec.packageUpgrade) packages.package_upgrade = true;
  parts.push({ name: 'packages', input: 'packages', value: packages });
  // The TTL comes first in runcmd: a failing command later in the script cannot skip it.
  const runcmd: unknown[] = [];
  if (spec.ttlMinutes > 0) runcmd.push(['shutdown', '-P', `+${spec.ttlMinutes}`]);
  runcmd.push(['sh', '-c', SYSTEM_ACCOUNT_GUARD, u]);
  runcmd.push(['systemctl', 'enable', '--now', UNIT_NAMES.path]);
  parts.push({ name: 'runcmd', value: { runcmd } });
  if (spec.sshPort !== 22) {
    parts.push({
      name: 'ssh port',
      value: {
        write_files: [{ path: REMOTE_PATHS.sshdDropIn, content: `Port ${spec.sshPort}\n` }],
        runcmd: [['sh', '-c', RESTART_SSH]],
      },
    });
  }
  if (spec.directories.length > 0) {
    const argv = ['sh', '-c', CREATE_DIRECTORIES, u, ...spec.directories];
    parts.push({ name: 'directories', input: 'directories', value: { runcmd: [argv] } });
  }
  return parts;
}

function mergeParts(parts: readonly Part[]): Mapping {
  const out: Mapping = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part.value)) {
      const prev = out[k];
      setOwn(
        out,
        k,
        Array.isArray(prev) && Array.isArray(v) ? [...(prev as unknown[]), ...(v as unknown[])] : v,
      );
    }
  }
  // Fixed key order: runcmd last, where a reader looks for it.
  const { runcmd, ...rest } = out;
  return { ...rest, runcmd };
}

/** Renders the user-data for one deployment. Pure. */
export function renderUserData(spec: CloudInitSpec, assets: CloudInitAssets): UserData {
  checkSpec(spec);
  const parts = ourParts(spec, assets);
  let config = mergeParts(parts);
  const extra = spec.extraCloudConfig;
  if (extra !== undefined && Object.keys(extra).length > 0) {
    const copy = plainData(extra, 'cloud-config', 'cloud-config') as Mapping;
    config = mergeCloudConfig(config, copy, spec.sshUser, OUR_FILES);
    parts.push({ name: 'cloud-config', input: 'cloud-config', value: copy });
  }
  const text = `#cloud-config\n${toYaml(config)}`;
  const sizes = parts
    .filter((p) => Object.keys(p.value).length > 0)
    .map((p) => ({
      name: p.name,
      input: p.input,
      bytes: Buffer.byteLength(toYaml(p.value)),
    }));
  const textBytes = Buffer.byteLength(text);
  const base = { text, textBytes, parts: sizes.map(({ name, bytes }) => ({ name, bytes })) };
  if (textBytes <= USER_DATA_LIMIT) {
    const body = Buffer.from(text, 'utf8');
    return { ...base, body, gzipped: false, bytes: body.length };
  }
  const body = gzipSync(text, { level: 9 });
  if (body.length <= USER_DATA_LIMIT) return { ...base, body, gzipped: true, bytes: body.length };

  const ranked = [...sizes].sort((a, b) => b.bytes - a.bytes);
  const culprit = ranked.find((p) => p.input !== undefined)?.input ?? 'cloud-config';
  const list = ranked.map((p) => `${p.name} ${p.bytes} B`).join(', ');
  throw new CloudInitError(
    `the user-data of deployment ${JSON.stringify(spec.deploymentId)} is ${textBytes} bytes (${body.length} gzipped), over EC2's ${USER_DATA_LIMIT}-byte limit. ` +
      `Parts, largest first: ${list}. ` +
      'User-data only carries what must exist before the first SSH: move files and commands from `cloud-config` into the bundle ' +
      '(its files and setup.sh are delivered over SSH, with no such limit), and install large package sets from setup.sh instead of `packages`.',
    culprit,
  );
}
