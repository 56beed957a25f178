import { realpathSync } from 'node:fs';
import path from 'node:path';
import { BundleError, InputError } from '../errors.js';
import { UNIT_NAMES } from '../instance/contract.js';

/**
 * What the user's tree may put in the bundle beyond the walk's own refusals: where it may come
 * from (inside the workspace), what never goes in (version-control metadata, the action's own
 * work directories) and how the `systemd/` units must be named.
 */

/**
 * Version-control metadata, left out at any depth: a checkout by actions/checkout keeps the
 * token it used in `.git/config` (an `AUTHORIZATION` extraheader), and the bundle is a public
 * artifact and lands on every instance. `.git` is a file in worktrees and submodules.
 */
export const VCS_NAMES: readonly string[] = ['.git', '.hg', '.svn'];

/** Whether the last component of `rel` (posix, relative to the tree root) is a VCS name. */
export function isVcsPath(rel: string): boolean {
  return VCS_NAMES.includes(rel.slice(rel.lastIndexOf('/') + 1));
}

const inside = (dir: string, p: string): boolean => {
  const rel = path.relative(dir, p);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
};

const real = (p: string): string | undefined => {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
};

/**
 * The real path of `bundle-path`, refused unless it is the workspace or below it once every
 * symlink on the way is resolved: a link at the top (or in any ancestor) to the ssh host-key
 * dir would otherwise put host keys into a public artifact. An `InputError`, before any cloud
 * call.
 */
export function resolveSourceRoot(bundlePath: string, workspace: string): string {
  const root = real(bundlePath);
  if (root === undefined) return path.resolve(bundlePath); // the walk says it does not exist
  const ws = real(workspace) ?? path.resolve(workspace);
  if (!inside(ws, root)) {
    const shown =
      root === path.resolve(bundlePath) ? root : `${bundlePath}, which resolves to ${root}`;
    throw new InputError(
      'bundle-path',
      `${shown} is outside the workspace (${ws}); give a directory inside it (symlinks are followed).`,
    );
  }
  return root;
}

/**
 * Absolute directories strictly inside `root` that are never bundled (the runner's temp dir,
 * where actions/checkout and this action keep keys; this run's work dir with the user-data
 * holding the host private key), as real paths. A directory `root` is in itself stays: the
 * user chose to bundle from there, and its own work dir below is still listed.
 */
export function neverBundled(root: string, dirs: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const dir of dirs) {
    for (const p of [path.resolve(dir), real(dir)]) {
      if (p !== undefined && p !== root && inside(root, p)) out.add(p);
    }
  }
  return out;
}

/** Unit types the agent installs (bundle/.spot-deploy/agent.py, UNIT_NAME). */
const UNIT_SUFFIXES = ['service', 'timer', 'socket', 'path', 'target', 'mount'];
// The agent's character set (systemd's minus `:` and `\`, which the agent refuses).
const UNIT_NAME = new RegExp(`^[A-Za-z0-9@._-]+\\.(${UNIT_SUFFIXES.join('|')})$`);
// systemd: UNIT_NAME_MAX is 256 with the terminating NUL.
const UNIT_NAME_MAX = 255;
const RESERVED_UNITS: readonly string[] = Object.values(UNIT_NAMES);

/**
 * Why `name` (a file directly in the bundle's `systemd/`) is not a unit the agent and systemd
 * accept, or undefined. Checked here so a bad name fails the build, not the `check-units` step.
 */
export function unitNameProblem(name: string): string | undefined {
  if (name.length > UNIT_NAME_MAX) return `is longer than ${UNIT_NAME_MAX} characters`;
  if (!UNIT_NAME.test(name))
    return (
      `is not a unit name: NAME.${UNIT_SUFFIXES.join('|')}, NAME of letters, digits and @._- ` +
      '(no spaces)'
    );
  // systemd's unit_name_is_valid: one `@` at most, never first (`foo@.service`, `foo@x.service`).
  const at = name.split('@').length - 1;
  if (at > 1 || name.startsWith('@')) return 'has a misplaced @ (foo@.service or foo@bar.service)';
  if (RESERVED_UNITS.includes(name))
    return `is reserved for the action (${RESERVED_UNITS.join(', ')})`;
  return undefined;
}

/** Refuses the first badly named or non-file entry directly in `systemd/`. */
export function checkUnits(
  entries: ReadonlyArray<{ path: string; type: string; abs: string }>,
): void {
  for (const e of entries) {
    const m = /^systemd\/([^/]+)$/.exec(e.path);
    if (!m?.[1]) continue;
    const problem = e.type === 'dir' ? 'is a directory, not a unit file' : unitNameProblem(m[1]);
    if (problem !== undefined) {
      throw new BundleError(
        `the unit file systemd/${JSON.stringify(m[1])} ${problem}`,
        e.abs,
        'rename it, or move it out of systemd/ (every file there is installed as a unit)',
        'bundle-path',
      );
    }
  }
}
