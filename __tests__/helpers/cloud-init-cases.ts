/**
 * The user-data documents the renderer tests make, as data (label → spec), so that two tiers see
 * the same documents: the unit tests (unit/cloud-init/render.test.ts) check their structure with
 * the yaml library, and the integration tests (integration/cloud-init-schema.test.ts) validate
 * every one with Debian's real cloud-init 22.4 and read it back with cloud-init's PyYAML.
 */
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { expect } from 'vitest';
import { loadCloudInitAssets, type CloudInitSpec } from '../../src/cloud-init/render.js';
import { repoRoot } from './repo.js';

export const assets = loadCloudInitAssets(join(repoRoot, 'cloud-init'));
export const HOST = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'spot-deploy' });
const CLIENT = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'spot-deploy' });
export const HOST_PUB = HOST.public.trim();
export const CLIENT_PUB = CLIENT.public.trim();
export const KEY_BODY = CLIENT_PUB.split(' ').slice(0, 2).join(' ');

export const PATHS = {
  bootstrap: '/usr/local/lib/spot-deploy/bootstrap',
  pathUnit: '/etc/systemd/system/spot-deploy.path',
  serviceUnit: '/etc/systemd/system/spot-deploy.service',
  sshd: '/etc/ssh/sshd_config.d/60-spot-deploy.conf',
};
export const ENABLE = ['systemctl', 'enable', '--now', 'spot-deploy.path'];
/** The runcmd entry that takes sudo back from an account the image already had (UID < 1000). */
export const systemAccountGuard = (user: string) => [
  'sh',
  '-c',
  '[ $(id -u $0) -gt 999 ]||rm /etc/sudoers.d/90-cloud-init-users',
  user,
];

export function spec(over: Partial<CloudInitSpec> = {}): CloudInitSpec {
  return {
    deploymentId: 'pr-42',
    sshUser: 'spot-deploy',
    authorizedKeys: [CLIENT_PUB],
    hostKey: { privateKey: HOST.private, publicKey: HOST_PUB },
    sshPort: 22,
    directories: [],
    packages: [],
    packageUpgrade: false,
    ttlMinutes: 240,
    ...over,
  };
}

export const ourFiles = (extra: object[] = []) => [
  { path: PATHS.bootstrap, permissions: '0755', content: assets.bootstrap },
  { path: PATHS.pathUnit, content: assets.pathUnit },
  { path: PATHS.serviceUnit, content: assets.serviceUnit },
  ...extra,
];

export const loginUser = (name: string, keys: string[] = [CLIENT_PUB]) => ({
  name,
  sudo: 'ALL=(ALL) NOPASSWD:ALL',
  shell: '/bin/bash',
  lock_passwd: true,
  ssh_authorized_keys: keys,
});

/** The cloud-config input of the merge tests. */
export const MERGE_EXTRA = {
  timezone: 'UTC',
  runcmd: [['echo', 'hi'], 'echo string form'],
  bootcmd: [['true']],
  write_files: [{ path: '/etc/motd', content: 'hello\n' }],
  packages: ['htop'],
  users: ['default', { name: 'ops', groups: 'adm' }],
  ssh_authorized_keys: [`${KEY_BODY} extra`],
  ssh_pwauth: true,
  package_upgrade: true,
  disable_root: false,
  package_reboot_if_required: false,
};

/** A systemd drop-in next to our unit: allowed, unlike a write_files entry over our files. */
export const DROP_IN = {
  path: '/etc/systemd/system/spot-deploy.service.d/env.conf',
  content: '[Service]\n',
};

/** write_files over 16,384 bytes of text that gzip well below it. */
export const GZIP_FILES = Array.from({ length: 8 }, (_, i) => ({
  path: `/etc/app/file-${i}.conf`,
  content: `setting_${i} = value # a long, repetitive configuration line\n`.repeat(80),
}));

// Values a renderer built from string templates would break on: quotes, shell, YAML indicators,
// document markers, PyYAML-only line breaks (U+0085, U+2028, U+2029), YAML 1.1 implicit types.
export const HOSTILE = [
  `it's "quoted"`,
  'two\nlines\n',
  '$(touch /tmp/x)',
  '`touch /tmp/x`; rm -rf /',
  '---',
  'a\n...\n--- !!python/object/apply:os.system ["id"]',
  '# not a comment',
  'key: value',
  '{}',
  '[a, b]',
  '&anchor',
  '*alias',
  '!!python/object/apply:os.system ["touch /tmp/x"]',
  '  leading and trailing  ',
  'nel\u0085runcmd: [evil]',
  'ls\u2028runcmd: [evil]',
  'ps\u2029---',
  'tab\there',
  'yes',
  '0755',
  '1:20',
  '2001-12-14',
  '<<',
  '=',
  '~',
  '',
  '%YAML 1.1',
  '| block',
  '? key',
  'what? really',
  '?x',
  ':x',
  '-x',
  'a:b :c',
  'http://h:80/p?q=1#f',
  '- item',
  'bom\ufeff del\u007f c1\u0080 nul\u0000 esc\u001b[0m',
  `long ${'x'.repeat(1100)}`,
];

/** A hostile value in every field, and the document it must read back as. */
export interface HostileCase {
  h: string;
  label: string;
  s: CloudInitSpec;
  expected: Record<string, unknown>;
}

// Names that apt-get/useradd would read as options are refused (unit-tested), so they get a prefix.
const asName = (h: string) => (h === '' || h.startsWith('-') ? `x${h}` : h);

export const HOSTILE_CASES: HostileCase[] = HOSTILE.map((h) => {
  const extra = {
    [`k ${h}`]: h,
    'spot-test': { [h]: [h, { v: h }] },
    write_files: [{ path: `/srv/${h}`, content: h }],
    runcmd: [['echo', h]],
  };
  const s = spec({
    deploymentId: h,
    sshUser: asName(h),
    authorizedKeys: [`${KEY_BODY} ${h}`],
    directories: [h, `/srv/${h}`],
    packages: [asName(h)],
    sshPort: 2222,
    extraCloudConfig: extra,
  });
  const user = asName(h);
  const expected = {
    users: [loginUser(user, [`${KEY_BODY} ${h}`])],
    ssh_keys: { ed25519_private: HOST.private },
    ssh_deletekeys: true,
    ssh_genkeytypes: ['ed25519'],
    write_files: ourFiles([
      { path: PATHS.sshd, content: 'Port 2222\n' },
      { path: `/srv/${h}`, content: h },
    ]),
    packages: [user],
    package_update: true,
    runcmd: [
      ['shutdown', '-P', '+240'],
      systemAccountGuard(user),
      ENABLE,
      expect.arrayContaining(['sh', '-c']),
      ['sh', '-c', expect.stringContaining('[ -e "$d" ]'), user, h, `/srv/${h}`],
      ['echo', h],
    ],
    [`k ${h}`]: h,
    'spot-test': { [h]: [h, { v: h }] },
  };
  return { h, label: `hostile ${JSON.stringify(h).slice(0, 40)}`, s, expected };
});

/** 400 random strings of YAML-significant tokens (seeded), as keys, values and argv. */
export const FUZZ = (() => {
  const TOKENS = [
    ...[' ', '  ', '\n', '\t', '\r', ':', '?', '-', '#', ',', '[', ']', '{', '}', '&', '*'],
    ...['!', '|', '>', "'", '"', '%', '@', '`', '\\', '...', '---', '<<', '=', '~', '+', '.'],
    ...['\u0085', '\u2028', '\u2029', '\ufeff', '\u00a0', '\u007f', '\u0090', '\u0000'],
    ...['a', 'y', 'n', 'on', '0', '1', '7', 'e', 'x', '_', '😀', 'é', '$(', 'true', 'null'],
  ];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const strings = Array.from({ length: 400 }, () =>
    Array.from({ length: 1 + (next() % 7) }, () => TOKENS[next() % TOKENS.length]).join(''),
  );
  const keys = Object.fromEntries(strings.map((s, i) => [s, i]));
  const fuzz = { values: strings.map((v) => ({ v })), flow: strings, argv: [strings] };
  const s = spec({
    authorizedKeys: strings.map((x) => `${KEY_BODY} ${x}`),
    directories: strings,
    extraCloudConfig: { fuzz, keys },
  });
  return { fuzz, keys, s };
})();

/** The label of the Amazon Linux 2023 case (packages, another port, directories). */
export const AL2023 = 'al2023 packages+port';

/** Every document the renderer tests render, by label. */
export const CASES: ReadonlyMap<string, CloudInitSpec> = new Map([
  ['default', spec()],
  ['packages', spec({ packages: ['jq', 'nginx=1.22.1-9'] })],
  ['packages+upgrade', spec({ packages: ['jq'], packageUpgrade: true })],
  ['upgrade only', spec({ packageUpgrade: true })],
  ['directories', spec({ sshUser: 'deploy', directories: ['/srv/app', '/data x'] })],
  ['port 2222', spec({ sshPort: 2222 })],
  ['ttl 0', spec({ ttlMinutes: 0 })],
  [
    'ttl first',
    spec({
      ttlMinutes: 30,
      sshPort: 2022,
      directories: ['/a'],
      extraCloudConfig: { runcmd: [['false']] },
    }),
  ],
  ['merged', spec({ packages: ['jq'], extraCloudConfig: MERGE_EXTRA })],
  ['merged parts', spec({ extraCloudConfig: MERGE_EXTRA })],
  ['drop-in', spec({ extraCloudConfig: { write_files: [DROP_IN] } })],
  [
    '__proto__',
    spec({
      extraCloudConfig: JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<
        string,
        unknown
      >,
    }),
  ],
  ['gzip', spec({ extraCloudConfig: { write_files: GZIP_FILES } })],
  // Amazon Linux 2023 (cloud-init 22.2.2, dnf, sshd.service): the renderer has no per-distro
  // branch, so these are the inputs an AL2023 deploy typically gives (dnf's name-version pin,
  // its default user's name, another SSH port), validated and size-checked like the others.
  [
    AL2023,
    spec({
      sshUser: 'ec2-user',
      packages: ['nginx', 'git-2.40.1', 'python3-pip'],
      packageUpgrade: true,
      sshPort: 2222,
      directories: ['/srv/app'],
    }),
  ],
  ['al2023 default', spec({ sshUser: 'ec2-user' })],
  ...HOSTILE_CASES.map((c): [string, CloudInitSpec] => [c.label, c.s]),
  ['fuzz', FUZZ.s],
]);

/** The spec of a labelled case; unknown labels throw, so a test cannot render outside CASES. */
export function caseSpec(label: string): CloudInitSpec {
  const s = CASES.get(label);
  if (!s) throw new Error(`no cloud-init case '${label}' in __tests__/helpers/cloud-init-cases.ts`);
  return s;
}
