/**
 * The deep merge of the user's `cloud-config` input into spot-deploy's own cloud-config (used by
 * render.ts; the YAML printer is yaml.ts):
 *
 * - mappings merge recursively; the user's scalars (and lists, outside the keys below) win;
 * - top-level `runcmd`, `bootcmd`, `write_files`, `packages`, `users` concatenate, ours first;
 * - a top-level `ssh_authorized_keys` (which cloud-init gives the image's default user, and
 *   spot-deploy creates none) is appended to the login user's keys instead;
 * - keys that would break host-key pinning or activation are refused, as are a user entry named
 *   like the login user and a `write_files` entry aimed at one of spot-deploy's files.
 */
import { posix } from 'node:path';
import { CloudInitError } from '../errors.js';

export type Mapping = Record<string, unknown>;

const INPUT = 'cloud-config';

const CONCAT = new Set(['runcmd', 'bootcmd', 'write_files', 'packages', 'users']);

/** Top-level keys refused, with the reason shown to the user. */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ['ssh_keys', 'spot-deploy supplies the per-deployment SSH host key it pins'],
  ['ssh_deletekeys', 'spot-deploy must replace the image host keys with the pinned one'],
  ['ssh_genkeytypes', 'spot-deploy supplies the only host key (ed25519) and generates none'],
  ['power_state', 'a reboot or power-off during boot would interrupt activation'],
  ['package_reboot_if_required', 'a reboot during boot would interrupt activation'],
  ['cloud_init_modules', 'replacing the module list can disable users, keys or write_files'],
  ['cloud_config_modules', 'replacing the module list can disable runcmd'],
  ['cloud_final_modules', 'replacing the module list can disable runcmd or packages'],
]);

const MAX_DEPTH = 64;

export function isMapping(v: unknown): v is Mapping {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Sets an own property, even `__proto__`. */
export function setOwn(target: Mapping, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function own(m: Mapping, key: string): unknown {
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function checkUnicode(s: string, where: string, input?: string): void {
  if (LONE_SURROGATE.test(s))
    throw new CloudInitError(`${where} is not valid Unicode (lone surrogate).`, input);
}

/**
 * Checks that `value` is plain YAML data (mappings, lists, strings, numbers, booleans, null) and
 * returns a deep copy of it (own properties only).
 */
export function plainData(value: unknown, where: string, input: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new CloudInitError(`${where} is nested too deeply.`, input);
  if (typeof value === 'string') {
    checkUnicode(value, where, input);
    return value;
  }
  if (
    value === null ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  )
    return value;
  if (Array.isArray(value))
    return value.map((v, i) => plainData(v, `${where}[${i}]`, input, depth + 1));
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const [k, v] of Object.entries(value)) {
      checkUnicode(k, `a key in ${where}`, input);
      setOwn(out, k, plainData(v, `${where}.${k}`, input, depth + 1));
    }
    return out;
  }
  const kind = value === undefined ? 'undefined' : typeof value;
  throw new CloudInitError(`${where} is a ${kind}, not YAML data.`, input);
}

function normalizePath(p: string): string {
  const n = posix.normalize(p.startsWith('/') ? p : `/${p}`);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

function listOf(key: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) {
    throw new CloudInitError(
      `\`${key}\` must be a list: it is appended to the ${key} spot-deploy needs.`,
      INPUT,
    );
  }
  return value;
}

function checkUsers(users: unknown[], sshUser: string): void {
  for (const u of users) {
    const name = typeof u === 'string' ? u.trim() : isMapping(u) ? own(u, 'name') : undefined;
    if (name === sshUser) {
      throw new CloudInitError(
        `\`users\` has an entry named '${sshUser}', the login user spot-deploy creates; set its options through the action's inputs or choose another name.`,
        INPUT,
      );
    }
  }
}

function checkWriteFiles(entries: unknown[], reserved: ReadonlySet<string>): void {
  for (const e of entries) {
    const path = isMapping(e) ? own(e, 'path') : undefined;
    if (typeof path === 'string' && reserved.has(normalizePath(path))) {
      throw new CloudInitError(
        `\`write_files\` targets ${normalizePath(path)}, which spot-deploy writes itself; deliver your files in the bundle instead.`,
        INPUT,
      );
    }
  }
}

/**
 * `permissions: 0755` in the user's cloud-config is the integer 493 (read as PyYAML reads it, see
 * inputs/cloud-config.ts); cloud-init applies an integer as the mode itself but its schema wants
 * the octal string, so the same mode is written as '0755'.
 */
function octalPermissions(entries: unknown[]): unknown[] {
  return entries.map((e) => {
    if (!isMapping(e)) return e;
    const mode = own(e, 'permissions');
    if (typeof mode !== 'number' || !Number.isSafeInteger(mode) || mode < 0) return e;
    const out: Mapping = {};
    for (const [k, v] of Object.entries(e)) setOwn(out, k, v);
    setOwn(out, 'permissions', `0${mode.toString(8)}`);
    return out;
  });
}

function mergeMapping(ours: Mapping, theirs: Mapping): Mapping {
  const out: Mapping = {};
  for (const [k, v] of Object.entries(ours)) setOwn(out, k, v);
  for (const [k, v] of Object.entries(theirs)) {
    const mine = own(ours, k);
    setOwn(out, k, isMapping(mine) && isMapping(v) ? mergeMapping(mine, v) : v);
  }
  return out;
}

/**
 * Merges `extra` (already validated by {@link plainData}) into `ours`. `ours.users[0]` must be the
 * login user; `reservedPaths` are the files spot-deploy writes.
 */
export function mergeCloudConfig(
  ours: Mapping,
  extra: Mapping,
  sshUser: string,
  reservedPaths: readonly string[],
): Mapping {
  const out: Mapping = {};
  for (const [k, v] of Object.entries(ours)) setOwn(out, k, v);
  const reserved = new Set(reservedPaths.map(normalizePath));
  for (const [key, given] of Object.entries(extra)) {
    let value = given;
    const why = REFUSED.get(key);
    if (why !== undefined && !(key === 'package_reboot_if_required' && value === false)) {
      throw new CloudInitError(`key \`${key}\` is refused: ${why}.`, INPUT);
    }
    if (key === 'users') checkUsers(listOf(key, value), sshUser);
    if (key === 'write_files') {
      checkWriteFiles(listOf(key, value), reserved);
      value = octalPermissions(listOf(key, value));
    }
    if (key === 'ssh_authorized_keys') {
      const keys = listOf(key, value);
      const users = own(out, 'users');
      const login: unknown = Array.isArray(users) ? (users as unknown[])[0] : undefined;
      if (isMapping(login)) {
        const mine = own(login, 'ssh_authorized_keys');
        const merged: Mapping = { ...login };
        setOwn(merged, 'ssh_authorized_keys', [
          ...(Array.isArray(mine) ? (mine as unknown[]) : []),
          ...keys,
        ]);
        setOwn(out, 'users', [merged, ...(users as unknown[]).slice(1)]);
        continue;
      }
    }
    const mine = own(out, key);
    if (CONCAT.has(key) && mine !== undefined) {
      setOwn(out, key, [...listOf(key, mine), ...listOf(key, value)]);
    } else if (isMapping(mine) && isMapping(value)) {
      setOwn(out, key, mergeMapping(mine, value));
    } else {
      setOwn(out, key, value);
    }
  }
  return out;
}
