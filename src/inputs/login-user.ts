/**
 * The rules about the instance's login user and what it will own: the `ssh-user` name (never a
 * system account of the image, which would get passwordless sudo) and the `directories` made for
 * it (never a system tree, a system parent or spot-deploy's own). Apart from the other input rules
 * because both guard the same thing, what the login user may become on the instance.
 */
import { posix } from 'node:path';
import { InputError } from '../errors.js';
import * as p from './primitives.js';

const SSH_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
/**
 * Accounts the base images (Ubuntu, Debian, Amazon Linux) already have, or their packages create:
 * cloud-init would give an existing one our authorized keys and passwordless sudo, so a
 * compromised web server (`www-data`) would be root. The image's default cloud user (`ubuntu`,
 * `admin`, `ec2-user`) is not among them: cloud-init creates it only when `users` lists
 * `default`, which ours does not. The user-data checks again at boot (render.ts, bootcmd).
 */
const SYSTEM_USERS = new Set([
  ...['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp'],
  ...['proxy', 'www-data', 'backup', 'list', 'irc', 'gnats', 'nobody', 'nogroup', 'messagebus'],
  ...['syslog', 'sshd', 'uuidd', 'tcpdump', 'tss', 'landscape', 'pollinate', 'polkitd', 'dbus'],
  ...['ec2-instance-connect', 'chrony', 'rpc', 'rpcuser', 'usbmux', 'dnsmasq', 'lxd', 'adm'],
  ...['halt', 'shutdown', 'operator', 'ftp', 'nfsnobody', 'rngd', 'libstoragemgmt', 'sssd'],
  ...[
    'postfix',
    'apache',
    'nginx',
    'ntp',
    'statd',
    'avahi',
    'fwupd-refresh',
    'dhcpcd',
    'ubuntu-advantage',
  ],
]);
/** Debian names system accounts `_name` (`_apt`, `_chrony`); systemd's are `systemd-*`. */
const SYSTEM_USER_PREFIX = /^(_|systemd-)/;
const DIRECTORY = /^\/[A-Za-z0-9._@+/-]*$/;

export function parseSshUser(raw: string): string {
  if (!SSH_USER.test(raw)) {
    throw new InputError(
      'ssh-user',
      `'${p.printable(raw)}' is not accepted: use a Linux user name (lowercase letter or _, then up to 31 lowercase letters, digits, _ or -).`,
    );
  }
  if (SYSTEM_USERS.has(raw) || SYSTEM_USER_PREFIX.test(raw)) {
    throw new InputError(
      'ssh-user',
      `'${raw}' is a system account of the image (or named like one): spot-deploy gives the login user passwordless sudo, which a system account must not get; choose a new name such as the default, spot-deploy.`,
    );
  }
  return raw;
}

/**
 * Trees `directories` may not name nor reach into: the system's and the shared world-writable ones
 * (an entry there may belong to anyone). spot-deploy's own follow (a test checks every path of the
 * contract is refused). Written without their leading slash, added below: a quoted var path in
 * src/ must be a contract path (__tests__/unit/instance/contract.test.ts), and these are not.
 */
const SYSTEM_TREES = [
  ...['bin', 'boot', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'lost+found', 'proc'],
  ...['root', 'run', 'sbin', 'sys', 'tmp', 'usr', 'var/tmp', 'snap'],
].map((d) => `/${d}`);
/** Directories that are system parents: refused themselves, their new subdirectories are fine. */
const SYSTEM_PARENTS = new Set(
  [
    ...['home', 'media', 'mnt', 'opt', 'srv', 'var', 'var/cache', 'var/lib', 'var/log', 'var/mail'],
    ...['var/spool', 'var/www', 'var/opt', 'var/backups', 'var/local'],
  ].map((d) => `/${d}`),
);
/**
 * spot-deploy's own directories on the instance (src/instance/contract.ts, a later layer) all have
 * a component named `spot-deploy`: /opt/spot-deploy, /var/lib/spot-deploy, /var/log/spot-deploy.
 */
const OWN_COMPONENT = 'spot-deploy';

export function parseDirectory(raw: string): string {
  const accepted = 'an absolute path of letters, digits and . _ @ + - /, without .. or //';
  if (
    !DIRECTORY.test(raw) ||
    raw.includes('//') ||
    raw.split('/').some((s) => s === '..' || s === '.')
  ) {
    throw new InputError('directories', `'${p.printable(raw)}' is not ${accepted}.`);
  }
  const norm = posix.normalize(raw).replace(/\/$/, '');
  if (norm === '' || norm === '/')
    throw new InputError('directories', `'/' cannot be created; give ${accepted}.`);
  const tree =
    SYSTEM_TREES.find((t) => norm === t || norm.startsWith(`${t}/`)) ??
    (norm.split('/').includes(OWN_COMPONENT) ? OWN_COMPONENT : undefined);
  if (tree !== undefined || SYSTEM_PARENTS.has(norm)) {
    throw new InputError(
      'directories',
      `'${norm}' is ${tree === undefined ? 'a system directory' : tree === OWN_COMPONENT ? "one of spot-deploy's own directories" : `in ${tree}, which belongs to the system`}: the login user would own it. Give your application's own directory, e.g. /srv/app, /opt/myapp, /var/lib/myapp or /data.`,
    );
  }
  return norm;
}
