import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import * as p from './primitives.js';
import type { BatchSize, InputName, Mode } from './types.js';
import { parseEnv as parseEnvLines } from './env.js';

// One parser per input that needs more than a generic parser. Each throws InputError naming its
// input and what it accepts. EC2's (regions, instance types, AMI, per-region ids, max price) are in
// ec2-rules.ts, the login user's (ssh-user, directories) in login-user.ts.

const DEPLOYMENT_ID = /^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$/;
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:-]+)?$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function parseDeploymentId(raw: string, mode: Mode): string {
  if (raw === 'expired' && mode !== 'destroy') {
    throw new InputError(
      'deployment-id',
      "'expired' is reserved for the janitor (mode: destroy); choose another id.",
    );
  }
  if (raw === 'all' && mode !== 'reconcile') {
    throw new InputError(
      'deployment-id',
      "'all' is reserved for mode: reconcile (every live deployment of the repository); choose another id.",
    );
  }
  if (!DEPLOYMENT_ID.test(raw)) {
    throw new InputError(
      'deployment-id',
      `'${p.printable(raw)}' is not accepted: use 1 to 48 lowercase letters, digits and hyphens, starting and ending with a letter or digit (it becomes part of EC2 resource names and tags), e.g. pr-42 or myapp-main.`,
    );
  }
  return raw;
}

/**
 * `rollback-to`: a release's bundle sha256 (the `bundle-sha256` output of the deploy that made
 * it). Refused in the other modes rather than ignored: a deploy step carrying it was almost
 * certainly meant to be a rollback.
 */
export function parseRollbackTo(raw: string, mode: Mode): string {
  if (mode !== 'rollback') {
    throw new InputError(
      'rollback-to',
      `only applies to mode: rollback (the mode is ${mode}); remove it, or set mode: rollback.`,
    );
  }
  if (!/^[0-9a-f]{64}$/.test(raw)) {
    throw new InputError(
      'rollback-to',
      `'${p.printable(raw)}' is not a bundle sha256: give the 64 lowercase hex digits of a release (the bundle-sha256 output of the deploy that made it).`,
    );
  }
  return raw;
}

/** A mode that must reach the deployment's existing instances needs the key they authorise. */
export function keyRequiredFor(mode: Mode): InputError {
  return new InputError(
    'ssh-private-key',
    `is required in mode ${mode}: the instances only accept the key the deploy that launched them authorised (pass the same secret).`,
  );
}

export function parseTtl(raw: string): number {
  const ttl = p.parseIntIn('ttl-minutes', raw, 0, 43200);
  if (ttl !== 0 && ttl < 10) {
    throw new InputError(
      'ttl-minutes',
      `expected 0 (no time limit) or 10 to 43200 minutes, got ${ttl}; an instance needs a few minutes to boot and receive its bundle.`,
    );
  }
  return ttl;
}

export function parseBundlePath(raw: string, mode: Mode, workspace: string): string | undefined {
  if (raw === '') {
    if (mode === 'destroy' || mode === 'rollback' || mode === 'reconcile') return undefined;
    throw new InputError(
      'bundle-path',
      `is required in mode ${mode}: the directory (relative to the workspace) whose files are deployed, e.g. deploy/.`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(raw))
    throw new InputError('bundle-path', 'contains control characters; give a directory path.');
  const ws = resolve(workspace);
  const abs = resolve(ws, raw);
  // The bundle is a public artifact and lands on every instance: only the workspace's own files
  // may go in (`../..` or the runner's ssh host-key dir would ship keys). Symlinks are resolved at bundle time.
  const rel = relative(ws, abs);
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel))
    throw new InputError(
      'bundle-path',
      `'${p.printable(raw)}' is outside the workspace (${ws}); give a directory inside it, e.g. deploy/.`,
    );
  return abs;
}

export function parseExclude(raw: string): string {
  if (raw.startsWith('/') || raw.split('/').includes('..')) {
    throw new InputError(
      'bundle-exclude',
      `'${p.printable(raw)}' must be a glob relative to bundle-path (e.g. *.log, node_modules/**), without a leading / or ..`,
    );
  }
  return raw;
}

export function parseTags(raw: string): Record<string, string> {
  const pairs = p.parseKeyValueLines(
    'tags',
    raw,
    /^.{1,128}$/u,
    'a tag key of 1 to 128 characters',
  );
  if (pairs.length > 40)
    throw new InputError(
      'tags',
      `at most 40 tags are accepted (EC2 allows 50 and spot-deploy sets its own), got ${pairs.length}.`,
    );
  const tags: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (/^(aws:|spot-deploy:)/i.test(key) || key === 'Name') {
      throw new InputError(
        'tags',
        `key '${p.printable(key)}' is reserved (aws:, spot-deploy: and Name are set by AWS or spot-deploy); choose another key.`,
      );
    }
    if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value) || value.length > 256) {
      throw new InputError(
        'tags',
        `tag '${p.printable(key)}': keys and values may hold letters, digits, spaces and _ . : / = + - @ only, values up to 256 characters.`,
      );
    }
    tags[key] = value;
  }
  return tags;
}

/** `batch-size`: `N` instances (1-100) or `P%` (1-100) of the adopted instances. */
export function parseBatchSize(raw: string): BatchSize {
  const accepted = 'a number of instances from 1 to 100, or a percentage from 1% to 100%';
  const m = /^(\d+)(%?)$/.exec(raw);
  const n = m ? Number(m[1]) : NaN;
  if (!m || n < 1 || n > 100)
    throw new InputError(
      'batch-size',
      `expected ${accepted} (e.g. 1 or 25%), got '${p.printable(raw)}'.`,
    );
  return m[2] === '%' ? { kind: 'percent', percent: n } : { kind: 'count', count: n };
}

export function parseHealthCheck(raw: string): string {
  if (raw.includes('\n') || raw.length > 1024) {
    throw new InputError(
      'health-check',
      'must be one shell command line of at most 1024 characters, run on each instance until it exits 0 (e.g. curl -fsS http://127.0.0.1:8080/health).',
    );
  }
  return raw;
}

/**
 * The characters @actions/artifact refuses in a name (its validateArtifactName is internal, so the
 * list is copied: checked here, a bad name fails before any instance is launched).
 */
const ARTIFACT_NAME_FORBIDDEN = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];
/** Downloads are written as `<name>.zip`, and most file systems cap a file name at 255 bytes. */
const ARTIFACT_NAME_MAX_BYTES = 250;

/** `none`: no artifact (an empty value cannot say so: it means the default name). */
export function parseArtifactName(raw: string): string | false {
  if (raw === 'none') return false;
  const bad = ARTIFACT_NAME_FORBIDDEN.find((c) => raw.includes(c));
  // eslint-disable-next-line no-control-regex
  if (bad !== undefined || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw new InputError(
      'artifact-name',
      `'${p.printable(raw)}' is not accepted: an artifact name may not contain " : < > | * ? \\ / or control characters (GitHub's rule); use \`none\` for no artifact.`,
    );
  }
  if (Buffer.byteLength(raw) > ARTIFACT_NAME_MAX_BYTES) {
    throw new InputError(
      'artifact-name',
      `is ${Buffer.byteLength(raw)} bytes long; use at most ${ARTIFACT_NAME_MAX_BYTES} (it becomes a file name when downloaded).`,
    );
  }
  return raw;
}

/** action.yml's default; the runner expands it, so only a run outside Actions sees it verbatim. */
export const GITHUB_TOKEN_DEFAULT = '${{ github.token }}';

/** Never echoes the value: it is a credential. */
export function parseGithubToken(raw: string): string | undefined {
  if (raw === '' || raw === GITHUB_TOKEN_DEFAULT) return undefined;
  if (/\s/.test(raw)) {
    throw new InputError(
      'github-token',
      'contains whitespace; give one token (the default, `${{ github.token }}`, is enough for `pr-comment`).',
    );
  }
  return raw;
}

export function parsePackages(raw: string, input: InputName): string[] {
  return p.parsePatternList(
    input,
    raw,
    PACKAGE,
    'a Debian/Ubuntu package name (lowercase letters, digits, + . -, optionally =version)',
  );
}

export function parseEnv(raw: string, input: InputName): Array<[string, string]> {
  return parseEnvLines(raw, input);
}
