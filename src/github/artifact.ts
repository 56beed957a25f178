/**
 * The run's workflow artifact: the bundle exactly as delivered, the user-data with its private
 * keys removed, and a manifest. It lets a reviewer see what an instance received without access
 * to the runner. An artifact is a by-product: no failure here fails the deploy.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, join, relative } from 'node:path';
import type { UploadArtifactOptions, UploadArtifactResponse } from '@actions/artifact';
import type { BundleResult } from '../bundle/build.js';
import type { UserData } from '../cloud-init/render.js';
import { errorMessage } from '../errors.js';
import type { Plan } from '../inputs/plan.js';
import type { ArtifactOutcome } from '../report/artifact.js';
import { artifactUrl } from '../report/links.js';
import { writeNewFile } from '../private-files.js';

/** The part of @actions/artifact's DefaultArtifactClient used here (passed in, so tests fake it). */
export interface ArtifactClientLike {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: UploadArtifactOptions,
  ): Promise<UploadArtifactResponse>;
}

export const ARTIFACT_FILES = {
  userData: 'user-data.redacted.yaml',
  manifest: 'manifest.json',
} as const;

// Whitespace may separate the words: a folded YAML scalar can break a line inside the marker.
const KEY_BLOCK =
  /-----BEGIN\s+((?:[A-Z0-9]+\s+)*?)PRIVATE\s+KEY-----[\s\S]*?-----END\s+(?:[A-Z0-9]+\s+)*?PRIVATE\s+KEY-----/g;
const UNTERMINATED = /-----BEGIN\s+(?:[A-Z0-9]+\s+)*?PRIVATE\s+KEY-----[\s\S]*$/;

function redact(text: string): { text: string; count: number } {
  let count = 0;
  // The placeholder starts with a letter and holds no `: ` or `#`, so it stays one plain string
  // wherever the key was: a block scalar, a quoted string, or a plain multi-line scalar.
  const out = text
    .replace(KEY_BLOCK, (_block, label: string) => {
      count++;
      return `REDACTED ${label.replace(/\s+/g, ' ')}PRIVATE KEY (removed by spot-deploy)`;
    })
    // A BEGIN with no END: where the key stops is unknown, so nothing after it is kept.
    .replace(UNTERMINATED, () => {
      count++;
      return 'REDACTED everything from here on (a PRIVATE KEY block without its END line, removed by spot-deploy)\n';
    });
  return { text: out, count };
}

/**
 * Replaces every PEM/OpenSSH private key block with a one-line placeholder, whatever its YAML
 * indentation or quoting; everything else is kept byte for byte.
 */
export function redactUserData(text: string): string {
  return redact(text).text;
}

/**
 * The file put in the artifact: the redacted document with a note on its second line (the first
 * must stay `#cloud-config` for the file to remain a valid cloud-config).
 */
export function renderRedactedUserData(
  userData: Pick<UserData, 'text' | 'gzipped' | 'bytes'>,
): string {
  const { text, count } = redact(userData.text);
  const sent = userData.gzipped
    ? `EC2 received this document gzip-compressed (${userData.bytes} bytes)`
    : `EC2 received this document as is (${userData.bytes} bytes)`;
  const note = `# spot-deploy: ${count} private key block(s) replaced by a placeholder; otherwise unchanged. ${sent}.\n`;
  const eol = text.indexOf('\n');
  return text.startsWith('#') && eol >= 0
    ? text.slice(0, eol + 1) + note + text.slice(eol + 1)
    : note + text;
}

// Named here for the upload; mode deploy records the same name in the instances' tags.
export { artifactNameFor } from '../report/links.js';

export interface DeployArtifactOptions {
  /** From artifactNameFor; false skips the upload. */
  readonly name: string | false;
  readonly retentionDays?: number | undefined;
  /** Root of the artifact: the bundle must be inside it; the two extra files are written there. */
  readonly workDir: string;
  readonly deploymentId: string;
  readonly bundle: Pick<BundleResult, 'file' | 'sha256' | 'bytes'>;
  readonly userData: Pick<UserData, 'text' | 'gzipped' | 'bytes' | 'textBytes'>;
  /** Adds the launch plan to the manifest (a fixed list of fields, none of them secret). */
  readonly plan?: Plan | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: Date;
}

/** Uploads the artifact. Never throws: a failure comes back as an outcome to log as a warning. */
export async function uploadDeployArtifact(
  client: ArtifactClientLike,
  opts: DeployArtifactOptions,
): Promise<ArtifactOutcome> {
  const env = opts.env ?? process.env;
  const { name } = opts;
  if (name === false) return { status: 'skipped', message: 'artifact: none (artifact-name: none)' };
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    return {
      status: 'skipped',
      message: `artifact: skipped, no artifact service here (not a GitHub Actions job); the bundle is at ${opts.bundle.file}`,
    };
  }
  try {
    const inside = relative(opts.workDir, opts.bundle.file);
    if (inside.startsWith('..') || isAbsolute(inside))
      throw new Error(`the bundle ${opts.bundle.file} is outside ${opts.workDir}`);
    const userData = Buffer.from(renderRedactedUserData(opts.userData), 'utf8');
    const userDataPath = join(opts.workDir, ARTIFACT_FILES.userData);
    const manifestPath = join(opts.workDir, ARTIFACT_FILES.manifest);
    // New files in the run's own directory, never through a planted symlink (private-files.ts).
    await writeNewFile(userDataPath, userData);
    await writeNewFile(
      manifestPath,
      `${JSON.stringify(manifest(opts, inside, userData), null, 2)}\n`,
    );
    const files = [opts.bundle.file, userDataPath, manifestPath];
    const options = opts.retentionDays === undefined ? {} : { retentionDays: opts.retentionDays };
    const res = await client.uploadArtifact(name, files, opts.workDir, options);
    if (res.id === undefined) throw new Error('the artifact service returned no artifact id');
    const url = artifactUrl(
      {
        serverUrl: env.GITHUB_SERVER_URL,
        repository: env.GITHUB_REPOSITORY,
        runId: env.GITHUB_RUN_ID,
      },
      res.id,
    );
    return {
      status: 'uploaded',
      name,
      id: res.id,
      size: res.size ?? 0,
      ...(url === undefined ? {} : { url }),
      files: files.map((f) => relative(opts.workDir, f)),
    };
  } catch (e) {
    return { status: 'failed', name, message: failureMessage(name, e) };
  }
}

function failureMessage(name: string, e: unknown): string {
  const cause = errorMessage(e);
  const conflict = /\(409\)|\bConflict\b|already exists/i.test(cause)
    ? ` An artifact named '${name}' already exists in this run (names are unique per run): give each spot-deploy step of the run its own \`artifact-name\`, or \`none\`.`
    : '';
  return `Could not upload the artifact '${name}': ${cause}.${conflict} The deploy goes on without it.`;
}

function manifest(opts: DeployArtifactOptions, bundlePath: string, userData: Buffer) {
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const p = opts.plan;
  const i = p?.inputs;
  return {
    format: 'spot-deploy-artifact/1',
    deploymentId: opts.deploymentId,
    createdAt: (opts.now ?? new Date()).toISOString(),
    files: [
      { path: bundlePath, bytes: opts.bundle.bytes, sha256: opts.bundle.sha256 },
      { path: ARTIFACT_FILES.userData, bytes: userData.length, sha256: sha(userData) },
    ],
    userData: {
      bytesSentToEc2: opts.userData.bytes,
      gzipped: opts.userData.gzipped,
      textBytes: opts.userData.textBytes,
    },
    // A whitelist: Inputs also holds the SSH key, env, token and cloud-config, none of which belong here.
    ...(p && i
      ? {
          plan: {
            mode: i.mode,
            regions: p.regions,
            count: i.count,
            minReady: i.minReady,
            instanceTypes: i.instanceTypes,
            ami: i.ami,
            architecture: i.architecture,
            onDemandFallback: i.onDemandFallback,
            maxPrice: i.maxPrice ?? null,
            sshUser: i.sshUser,
            sshPort: i.sshPort,
            ttlMinutes: i.ttlMinutes,
            expiresAt: p.expiresAt ?? null,
            cleanup: i.cleanup,
            tags: p.tags,
          },
        }
      : {}),
  };
}
