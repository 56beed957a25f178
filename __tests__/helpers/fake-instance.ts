/**
 * A fake EC2 instance that honours the on-instance contract (docs/architecture.md) without a VM:
 * a real OpenSSH `sshd` on one loopback address, configured from the user-data the action sent,
 * in a mount + PID namespace of its own whose /etc, /var, /opt, /usr/local, /root, /home and /srv
 * are overlays on the host's (scripts/fake-instance/boot.sh). What cloud-init would have done is
 * done here from the cloud-config itself (never from the repository), before sshd starts:
 *
 * - `users[0]`: a real non-root login user (an /etc/passwd, /etc/shadow and /etc/group entry in
 *   the instance's /etc only), its `ssh_authorized_keys` in ~/.ssh/authorized_keys, its `sudo`
 *   rule in /etc/sudoers.d/90-cloud-init-users (Debian's real sudo, so `sudo -n` is tested);
 * - `ssh_keys.ed25519_*`: /etc/ssh/ssh_host_ed25519_key, the only key sshd serves (the action pins
 *   it, so a successful delivery proves the user-data's key is the one served);
 * - `write_files`: every file, with its permissions and owner (the bootstrap and both units);
 * - the sshd drop-in's `Port` must be the port this instance listens on;
 * - `runcmd`: written as cloud-init writes it (/var/lib/cloud/instance/scripts/runcmd) and run
 *   before sshd starts, output in /var/log/cloud-init-output.log, exit status in
 *   /var/lib/fake-instance/runcmd.rc.
 *
 * systemctl is scripts/fake-instance/systemctl.sh: `start spot-deploy.service` runs the unit's
 * ExecStart (the user-data's bootstrap → the bundle's agent) for real; `spot-deploy.path` (enabled
 * --now by runcmd) watches its PathExistsGlob with inotify, as systemd does, and starts the
 * service; other verbs are recorded and succeed, so the bundle's services never run. shutdown,
 * reboot, poweroff and halt are the same script: recorded in /var/lib/fake-instance/shutdown.log,
 * never done (the TTL's `shutdown -P +N` must not reach the host). `packages` are not installed.
 *
 * Not a sandbox: the bundle's setup hook runs as root on the host's kernel, network and /tmp; only
 * the overlaid directories are private. Needs root, Linux, overlayfs, util-linux (unshare, flock),
 * inotify-tools (inotifywait), openssh-server and sudo.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { canConnect } from './sshd.js';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { utils } from 'ssh2';

const SCRIPTS = fileURLToPath(new URL('../../scripts/fake-instance/', import.meta.url));
const BOOT = join(SCRIPTS, 'boot.sh');
const SYSTEMCTL = join(SCRIPTS, 'systemctl.sh');
const JOURNALCTL = join(SCRIPTS, 'journalctl.sh');
const SSHD = '/usr/sbin/sshd';
const SUDO = '/usr/bin/sudo';

/** Host directories each instance gets its own copy-on-write view of (longest first). */
const OVERLAID = ['usr/local', 'etc', 'var', 'opt', 'root', 'home', 'srv'] as const;
/** Where the fake systemctl keeps its records, inside the instance. */
export const FAKE_STATE_DIR = '/var/lib/fake-instance';
/** The login user's uid/gid inside every fake instance (not an account on the host). */
const FIRST_UID = 60100;

/**
 * Faults an instance can be started with (scripts/fake-instance/systemctl.sh has the details).
 * `no-ssh` is the watcher's: that instance is never started.
 */
export type FakeFault = 'activation-fails' | 'unit-fails' | 'setup-fails';

export interface FakeInstanceOptions {
  /** Inside 127.0.0.0/8 (anything else is refused). */
  readonly address: string;
  readonly port: number;
  /** The instance's user-data as EC2 has it (gzipped or not). */
  readonly userData: string | Buffer;
  readonly faults?: readonly FakeFault[];
  /** Starts sshd this much later (a slow boot); `ready` resolves when it listens. */
  readonly bootDelayMs?: number;
  /** Bound on sshd starting to listen (after the boot delay). Default 10 s. */
  readonly readyWithinMs?: number;
  /**
   * The instance's niceness (every process in it: sshd, sessions, the agent). A real instance
   * has CPUs of its own; a fleet of fake ones shares the runner's, and at nice 0 a hundred of
   * them took the action's one thread off the CPU for most of their boot (bench/lib/fleet.ts).
   * Default 0.
   */
  readonly nice?: number;
}

export interface FakeInstance {
  readonly address: string;
  readonly port: number;
  /** The login user cloud-init would have created. */
  readonly user: string;
  /** The public host key sshd serves (from the user-data's `ssh_keys`). */
  readonly hostKey: string;
  /** Host directory holding the instance (overlay upper layers, sshd config and log). */
  readonly dir: string;
  /** Resolves once sshd accepts TCP connections; rejects if it never does. */
  readonly ready: Promise<void>;
  /** The host path of what the instance wrote at `instancePath` (its overlay upper layer). */
  path(instancePath: string): string;
  /** A file the instance wrote, or undefined. */
  read(instancePath: string): string | undefined;
  /** /var/lib/spot-deploy/status.json, parsed, or undefined. */
  status(): Record<string, unknown> | undefined;
  /**
   * Every systemctl invocation, in order (`daemon-reload`, `restart x.service`, ...), except the
   * starts a .path unit's watcher makes (those are in journal-<unit>.path.log).
   */
  systemctlCalls(): string[];
  /** The tail of sshd's log. */
  sshdLog(): string;
  /**
   * When boot.sh started sshd (epoch milliseconds, from the instance's own clock reading), or
   * undefined before it did. Unlike `ready`, not delayed by this process's event loop.
   */
  sshdStartedAt(): number | undefined;
  /**
   * When sshd began listening (epoch milliseconds), or undefined before it did: the modification
   * time of its PidFile, which sshd writes once its listening sockets are bound (sshd.c, OpenSSH
   * 9.2 and 10.0); file times come from the kernel's coarse clock (a few ms). Later than
   * sshdStartedAt by sshd's own start: ~10 ms on an idle machine, up to 3 s for some of 100 niced
   * instances booting on 2 cores (bench notes, "max sshd start").
   */
  sshdListeningAt(): number | undefined;
  readonly stopped: boolean;
  /** Powers the instance off: every process in it dies, then its files are removed. */
  stop(): Promise<void>;
}

/** Why fake instances cannot run here, or undefined when they can. */
export function fakeInstanceSupport(): string | undefined {
  if (process.platform !== 'linux') return 'fake instances need Linux namespaces';
  if (process.getuid?.() !== 0) return 'fake instances need root (mount namespaces, sshd)';
  for (const [bin, pkg] of [
    [SSHD, 'openssh-server'],
    [SUDO, 'sudo'],
    ['/usr/bin/unshare', 'util-linux'],
    ['/usr/bin/setpriv', 'util-linux'],
    ['/usr/bin/flock', 'util-linux'],
    ['/usr/bin/ssh-keygen', 'openssh-client'],
    // The fake systemctl's .path watcher (scripts/fake-instance/systemctl.sh).
    ['/usr/bin/inotifywait', 'inotify-tools'],
  ] as const) {
    if (!existsSync(bin)) return `${bin} is missing (apt-get install ${pkg})`;
  }
  if (!readFileSync('/proc/filesystems', 'utf8').includes('overlay'))
    return 'the kernel has no overlayfs';
  // The same namespaces and an overlay as boot.sh uses (an overlayfs upper layer cannot itself
  // live on overlayfs, as a container's /tmp may).
  const dir = mkdtempSync(join(tmpdir(), 'fake-instance-probe-'));
  try {
    for (const d of ['lower', 'upper', 'work']) mkdirSync(join(dir, d));
    const overlay = `lowerdir=${dir}/lower,upperdir=${dir}/upper,workdir=${dir}/work`;
    const probe = spawnSync(
      'unshare',
      ['--mount', '--pid', '--fork', '--mount-proc', '--propagation', 'private'].concat([
        'mount',
        '-t',
        'overlay',
        'probe',
        '-o',
        overlay,
        join(dir, 'lower'),
      ]),
      { encoding: 'utf8', timeout: 10_000 },
    );
    if (probe.status !== 0)
      return `namespaces or overlayfs do not work here: ${probe.stderr.trim()}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The cloud-config, read the way cloud-init reads it (YAML 1.1).

export interface CloudConfigFile {
  readonly path: string;
  readonly content: Buffer;
  readonly mode: number;
  readonly owner: string;
  readonly append: boolean;
}

export interface CloudConfigView {
  readonly user: {
    readonly name: string;
    readonly authorizedKeys: readonly string[];
    readonly sudo: readonly string[];
    readonly shell: string;
  };
  readonly hostKey: { readonly privateKey: string; readonly publicKey: string };
  readonly writeFiles: readonly CloudConfigFile[];
  readonly runcmd: readonly unknown[];
  /** From a `Port` line in a write_files entry under /etc/ssh/sshd_config.d/, else 22. */
  readonly sshPort: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The user-data as text: gunzipped when EC2 holds it gzipped (as cloud-init accepts it). */
export function userDataText(userData: string | Buffer): string {
  if (typeof userData === 'string') return userData;
  const gz = userData.length > 2 && userData[0] === 0x1f && userData[1] === 0x8b;
  return (gz ? gunzipSync(userData) : userData).toString('utf8');
}

function fileContent(f: Obj): Buffer {
  const content = typeof f.content === 'string' ? f.content : '';
  const enc = typeof f.encoding === 'string' ? f.encoding.toLowerCase() : 'text/plain';
  switch (enc) {
    case 'text/plain':
      return Buffer.from(content, 'utf8');
    case 'b64':
    case 'base64':
      return Buffer.from(content, 'base64');
    case 'gz':
    case 'gzip':
      return gunzipSync(Buffer.from(content, 'latin1'));
    case 'gz+b64':
    case 'gz+base64':
    case 'gzip+b64':
    case 'gzip+base64':
      return gunzipSync(Buffer.from(content, 'base64'));
    default:
      throw new Error(`write_files: unknown encoding ${enc}`);
  }
}

function fileMode(v: unknown): number {
  if (v === undefined || v === null) return 0o644;
  if (typeof v === 'number') return v; // YAML 1.1 reads an unquoted 0755 as octal already
  if (typeof v === 'string' && /^0?[0-7]{3,4}$/.test(v)) return parseInt(v, 8);
  throw new Error(`write_files: permissions ${JSON.stringify(v)} is not an octal mode`);
}

/** Reads what a fake instance needs from a `#cloud-config` document; throws on anything else. */
export function readCloudConfig(userData: string | Buffer): CloudConfigView {
  const text = userDataText(userData);
  if (!text.startsWith('#cloud-config\n')) throw new Error('user-data is not a #cloud-config');
  const doc: unknown = parse(text, { version: '1.1' });
  if (!isObj(doc)) throw new Error('the cloud-config is not a mapping');
  const users = Array.isArray(doc.users) ? doc.users : [];
  const u = users.find((x): x is Obj => isObj(x) && typeof x.name === 'string');
  if (!u) throw new Error('the cloud-config declares no user');
  const name = u.name as string;
  if (!/^[a-z_][a-z0-9_-]*$/.test(name) || name === 'root')
    throw new Error(`a fake instance cannot create the login user ${JSON.stringify(name)}`);
  const sudo = typeof u.sudo === 'string' ? [u.sudo] : strings(u.sudo);
  const keys = isObj(doc.ssh_keys) ? doc.ssh_keys : {};
  const privateKey = keys.ed25519_private;
  if (typeof privateKey !== 'string')
    throw new Error('the cloud-config has no ssh_keys.ed25519_private');
  // Without ed25519_public, cloud-init writes the .pub from the private key (cc_ssh PRIV_TO_PUB:
  // `ssh-keygen -yf`, with the comment root@localhost): so does the fake.
  const publicKey =
    typeof keys.ed25519_public === 'string'
      ? keys.ed25519_public
      : `${publicHalf(privateKey)} root@localhost\n`;
  const writeFiles = (Array.isArray(doc.write_files) ? doc.write_files : []).map((f) => {
    if (!isObj(f) || typeof f.path !== 'string' || !posix.isAbsolute(f.path))
      throw new Error(`write_files: an entry without an absolute path: ${JSON.stringify(f)}`);
    return {
      path: posix.normalize(f.path),
      content: fileContent(f),
      mode: fileMode(f.permissions),
      owner: typeof f.owner === 'string' ? f.owner : 'root:root',
      append: f.append === true,
    };
  });
  let sshPort = 22;
  for (const f of writeFiles) {
    if (!f.path.startsWith('/etc/ssh/sshd_config.d/')) continue;
    const m = /^\s*Port\s+(\d+)\s*$/im.exec(f.content.toString('utf8'));
    if (m?.[1]) sshPort = Number(m[1]);
  }
  return {
    user: {
      name,
      authorizedKeys: strings(u.ssh_authorized_keys),
      sudo,
      shell: typeof u.shell === 'string' ? u.shell : '/bin/sh',
    },
    hostKey: { privateKey, publicKey },
    writeFiles,
    runcmd: Array.isArray(doc.runcmd) ? doc.runcmd : [],
    sshPort,
  };
}

// ---------------------------------------------------------------------------------------------
// The instance's file system: what cloud-init would have written, placed in the overlay uppers.

class InstanceRoot {
  constructor(readonly dir: string) {}

  /** Host path in the upper layer for an absolute instance path. */
  upper(path: string): string {
    const p = posix.normalize(path);
    for (const top of OVERLAID) {
      if (p === `/${top}` || p.startsWith(`/${top}/`))
        return join(this.dir, 'upper', top, p.slice(top.length + 1));
    }
    throw new Error(
      `a fake instance keeps only /${OVERLAID.join(', /')} per instance; cannot place ${path}`,
    );
  }

  /** Creates the directories down to `path` in the upper layer, mirroring the host's modes. */
  mkdirs(path: string): void {
    const parts = posix.normalize(path).split('/').filter(Boolean);
    for (let n = 1; n <= parts.length; n++) {
      const p = `/${parts.slice(0, n).join('/')}`;
      if (!OVERLAID.some((t) => p === `/${t}` || p.startsWith(`/${t}/`))) continue;
      const up = this.upper(p);
      if (existsSync(up)) continue;
      if (OVERLAID.some((t) => p === `/${t}`)) mkdirSync(join(up, '..'), { recursive: true });
      mkdirSync(up);
      const host = existsSync(p) ? statSync(p) : undefined;
      if (host?.isDirectory()) {
        chmodSync(up, host.mode & 0o7777);
        chownSync(up, host.uid, host.gid);
      } else chmodSync(up, 0o755);
    }
  }

  write(
    path: string,
    content: string | Buffer,
    o: { mode?: number; uid?: number; gid?: number; append?: boolean } = {},
  ): void {
    this.mkdirs(posix.dirname(path));
    const up = this.upper(path);
    if (o.append) {
      if (!existsSync(up) && existsSync(path)) copyFileSync(path, up);
      appendFileSync(up, content);
    } else writeFileSync(up, content);
    chmodSync(up, o.mode ?? 0o644);
    chownSync(up, o.uid ?? 0, o.gid ?? 0);
  }

  symlink(path: string, target: string): void {
    this.mkdirs(posix.dirname(path));
    symlinkSync(target, this.upper(path));
  }

  /** A host file (e.g. /etc/passwd) copied in with one more line, keeping its mode and owner. */
  extend(path: string, line: string): void {
    const host = existsSync(path) ? statSync(path) : undefined;
    const before = host ? readFileSync(path, 'utf8') : '';
    const sep = before === '' || before.endsWith('\n') ? '' : '\n';
    this.write(path, `${before}${sep}${line}\n`, {
      mode: host ? host.mode & 0o7777 : 0o644,
      uid: host?.uid ?? 0,
      gid: host?.gid ?? 0,
    });
  }
}

/** runcmd as cloud-init writes it (cloudinit.util.shellify): argv lists quoted, strings verbatim. */
export function shellify(runcmd: readonly unknown[]): string {
  const lines = runcmd.map((item) => {
    if (typeof item === 'string') return item;
    if (Array.isArray(item))
      return item.map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
    throw new Error(`runcmd: ${JSON.stringify(item)} is neither a string nor a list`);
  });
  return `#!/bin/sh\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** `ssh-ed25519 AAAA…` of an OpenSSH private key, as `ssh-keygen -y` prints it. */
function publicHalf(privateKey: string): string {
  const key = utils.parseKey(privateKey);
  if (key instanceof Error) throw new Error(`ssh_keys.ed25519_private: ${key.message}`);
  return `${key.type} ${key.getPublicSSH().toString('base64')}`;
}

function takenIds(file: string): Set<number> {
  const ids = new Set<number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const id = Number(line.split(':')[2]);
    if (Number.isInteger(id)) ids.add(id);
  }
  return ids;
}

function hostHasName(file: string, name: string): boolean {
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((l) => l.split(':')[0] === name);
}

/** Everything cloud-init would have done before the first SSH, into `root`. */
function provision(root: InstanceRoot, cc: CloudConfigView, faults: readonly FakeFault[]) {
  for (const top of OVERLAID) {
    if (existsSync(`/${top}`)) root.mkdirs(`/${top}`);
    mkdirSync(join(root.dir, 'work', top), { recursive: true });
  }
  const { name } = cc.user;
  for (const f of ['/etc/passwd', '/etc/group'])
    if (hostHasName(f, name))
      throw new Error(
        `${name} is an account on this machine: give the deployment another ssh-user`,
      );
  const taken = new Set([...takenIds('/etc/passwd'), ...takenIds('/etc/group')]);
  let uid = FIRST_UID;
  while (taken.has(uid)) uid++;
  const home = `/home/${name}`;
  root.extend('/etc/passwd', `${name}:x:${uid}:${uid}:${name}:${home}:${cc.user.shell}`);
  root.extend('/etc/group', `${name}:x:${uid}:`);
  // cloud-init's lock_passwd writes '!'; OpenSSH without PAM (UsePAM no, here) refuses such an
  // account even for key logins, so the fake has no password instead ('*'), also unusable.
  root.extend('/etc/shadow', `${name}:*:20000:0:99999:7:::`);
  if (existsSync('/etc/gshadow')) root.extend('/etc/gshadow', `${name}:!::`);
  root.mkdirs(home);
  chownSync(root.upper(home), uid, uid);
  chmodSync(root.upper(home), 0o755);
  root.mkdirs(`${home}/.ssh`);
  chownSync(root.upper(`${home}/.ssh`), uid, uid);
  chmodSync(root.upper(`${home}/.ssh`), 0o700);
  root.write(`${home}/.ssh/authorized_keys`, cc.user.authorizedKeys.map((k) => `${k}\n`).join(''), {
    mode: 0o600,
    uid,
    gid: uid,
  });
  if (cc.user.sudo.length > 0) {
    const rules = cc.user.sudo.map((r) => `${name} ${r}\n`).join('');
    root.write(
      '/etc/sudoers.d/90-cloud-init-users',
      `# Created by cloud-init (a fake instance's emulation)\n# User rules for ${name}\n${rules}`,
      { mode: 0o440 },
    );
  }

  root.write('/etc/ssh/ssh_host_ed25519_key', cc.hostKey.privateKey, { mode: 0o600 });
  root.write('/etc/ssh/ssh_host_ed25519_key.pub', cc.hostKey.publicKey, { mode: 0o644 });
  const derived = spawnSync(
    'ssh-keygen',
    ['-y', '-f', root.upper('/etc/ssh/ssh_host_ed25519_key')],
    {
      encoding: 'utf8',
    },
  );
  const pub = (s: string) => s.trim().split(/\s+/).slice(0, 2).join(' ');
  if (derived.status !== 0 || pub(derived.stdout) !== pub(cc.hostKey.publicKey))
    throw new Error(
      `ssh_keys: ed25519_public is not the public half of ed25519_private (${derived.stderr.trim()})`,
    );

  const ids: Record<string, number> = { root: 0, [name]: uid };
  for (const f of cc.writeFiles) {
    const [user = 'root', group = user] = f.owner.split(':');
    const fuid = ids[user];
    const fgid = ids[group];
    if (fuid === undefined || fgid === undefined)
      throw new Error(`write_files: ${f.path} has an owner a fake instance lacks: ${f.owner}`);
    root.write(f.path, f.content, { mode: f.mode, uid: fuid, gid: fgid, append: f.append });
  }

  root.write('/usr/local/bin/systemctl', readFileSync(SYSTEMCTL), { mode: 0o755 });
  root.write('/usr/local/bin/journalctl', readFileSync(JOURNALCTL), { mode: 0o755 });
  for (const cmd of ['shutdown', 'reboot', 'poweroff', 'halt'])
    root.symlink(`/usr/local/sbin/${cmd}`, '/usr/local/bin/systemctl');
  root.write(`${FAKE_STATE_DIR}/systemctl.log`, '', { mode: 0o666 });
  root.write(`${FAKE_STATE_DIR}/faults`, faults.map((f) => `${f}\n`).join(''));
  root.write(`${FAKE_STATE_DIR}/shutdown.log`, '');
  root.write('/var/lib/cloud/instance/scripts/runcmd', shellify(cc.runcmd), { mode: 0o700 });
  root.mkdirs(`${FAKE_STATE_DIR}/active`);
  root.mkdirs(`${FAKE_STATE_DIR}/enabled`);
  root.mkdirs(`${FAKE_STATE_DIR}/failed`);
}

function sshdConfig(dir: string, address: string, port: number, user: string): string {
  return [
    `ListenAddress ${address}:${port}`,
    'AddressFamily inet',
    'HostKey /etc/ssh/ssh_host_ed25519_key',
    `PidFile ${join(dir, 'sshd.pid')}`,
    'AuthorizedKeysFile .ssh/authorized_keys',
    `AllowUsers ${user}`,
    'PermitRootLogin no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes yes',
    'MaxStartups 100:30:200',
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Boots a fake instance from the user-data at `address:port`. */
export async function startFakeInstance(o: FakeInstanceOptions): Promise<FakeInstance> {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(o.address))
    throw new Error(`fake instances listen on loopback addresses only, not ${o.address}`);
  const cc = readCloudConfig(o.userData);
  if (cc.sshPort !== o.port)
    throw new Error(
      `the user-data leaves sshd on port ${cc.sshPort}, but the instance is reached on ${o.port}`,
    );
  const base = mkdtempSync(join(tmpdir(), 'fake-instance-'));
  if (OVERLAID.some((t) => base === `/${t}` || base.startsWith(`/${t}/`)))
    throw new Error(`the temp dir ${base} lies in an overlaid directory: set TMPDIR elsewhere`);
  const root = new InstanceRoot(base);
  let log = '';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stopped = false;
  let delay: NodeJS.Timeout | undefined;
  try {
    provision(root, cc, o.faults ?? []);
    writeFileSync(join(base, 'sshd_config'), sshdConfig(base, o.address, o.port, cc.user.name));
  } catch (e) {
    rmSync(base, { recursive: true, force: true });
    throw e;
  }

  const sshdLog = (): string => {
    const f = join(base, 'sshd.log');
    return (existsSync(f) ? readFileSync(f, 'utf8').slice(-16_000) : '') + log;
  };
  const boot = (): void => {
    if (stopped) return;
    // --kill-child: when unshare dies, the namespace's PID 1 (sshd) gets SIGKILL, and with it
    // every process of the instance (sessions, the agent, setup hooks). setpriv --pdeathsig: when
    // this test process dies without stopping the instance, unshare dies too.
    const c = spawn(
      'setpriv',
      [
        '--pdeathsig',
        'KILL',
        '--',
        ...(o.nice === undefined || o.nice === 0 ? [] : ['nice', '-n', String(o.nice)]),
        'unshare',
        '--mount',
        '--pid',
        '--fork',
        '--kill-child',
        '--mount-proc',
        '--propagation',
        'private',
      ].concat(['--', '/bin/sh', BOOT, base]),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = c;
    c.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-16_000);
    });
    exited = new Promise((r) => c.once('exit', () => r()));
  };
  let wake: (() => void) | undefined;
  let stopping: Promise<void> | undefined;
  // Power off, as EC2 terminates: SIGKILL to unshare, whose --kill-child SIGKILLs the namespace's
  // PID 1, and the kernel every other process in it. (unshare --fork ignores SIGTERM.)
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      stopped = true;
      if (delay) clearTimeout(delay);
      wake?.();
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL');
        await Promise.race([exited, sleep(5_000)]);
      }
      if (!process.env.FAKE_INSTANCE_KEEP) rmSync(base, { recursive: true, force: true });
    })());
  const ready = (async () => {
    if (o.bootDelayMs)
      await new Promise<void>((r) => {
        wake = r;
        delay = setTimeout(r, o.bootDelayMs);
      });
    if (stopped) throw new Error(`fake instance ${o.address} was stopped before it booted`);
    boot();
    const until = Date.now() + (o.readyWithinMs ?? 10_000);
    // Asked once more after the deadline: when this process's event loop was blocked past it
    // (the watcher provisions other instances synchronously), the sshd that did start in time is
    // not taken for one that did not (79 of 100 fake instances were, at load 30).
    for (let last = false; !stopped;) {
      if (child?.exitCode !== null)
        throw new Error(`fake instance ${o.address} exited: ${sshdLog()}`);
      if (await canConnect(o.address, o.port)) return;
      if (last) break;
      last = Date.now() >= until;
      if (!last) await sleep(50);
    }
    throw new Error(`fake instance ${o.address}:${o.port} did not listen in time: ${sshdLog()}`);
  })();
  ready.catch(() => undefined); // observed through `ready`; never an unhandled rejection
  if (!o.bootDelayMs) {
    try {
      await ready;
    } catch (e) {
      await stop();
      throw e;
    }
  }

  const inst: FakeInstance = {
    address: o.address,
    port: o.port,
    user: cc.user.name,
    hostKey: cc.hostKey.publicKey.trim(),
    dir: base,
    ready,
    path: (p) => root.upper(p),
    read(p) {
      const f = root.upper(p);
      return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
    },
    status() {
      const text = inst.read('/var/lib/spot-deploy/status.json');
      return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
    },
    systemctlCalls: () =>
      (inst.read(`${FAKE_STATE_DIR}/systemctl.log`) ?? '').split('\n').filter(Boolean),
    sshdLog,
    sshdStartedAt() {
      const f = join(base, 'sshd.exec');
      const ns = existsSync(f) ? readFileSync(f, 'utf8').trim() : '';
      return /^\d+$/.test(ns) ? Number(BigInt(ns) / 1_000_000n) : undefined;
    },
    sshdListeningAt() {
      try {
        return Number(statSync(join(base, 'sshd.pid'), { bigint: true }).mtimeNs / 1_000n) / 1_000;
      } catch {
        return undefined; // not written yet
      }
    },
    get stopped() {
      return stopped;
    },
    stop,
  };
  return inst;
}
