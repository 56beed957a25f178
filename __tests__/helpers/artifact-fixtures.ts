/**
 * What the artifact tests upload (unit/github/artifact.test.ts, integration/artifact-http.test.ts):
 * real user-data with a host private key in it, and a work dir as prepare() leaves it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadCloudInitAssets,
  renderUserData,
  type CloudInitSpec,
} from '../../src/cloud-init/render.js';
import type { DeployArtifactOptions } from '../../src/github/artifact.js';
import { generateEd25519 } from '../../src/keys.js';
import { repoRoot } from './repo.js';

export const assets = loadCloudInitAssets(join(repoRoot, 'cloud-init'));
export const HOST = generateEd25519('spot-deploy');
export const CLIENT = generateEd25519('spot-deploy');
export const spec = (over: Partial<CloudInitSpec> = {}): CloudInitSpec => ({
  deploymentId: 'pr-42',
  sshUser: 'spot-deploy',
  authorizedKeys: [CLIENT.publicKey],
  hostKey: HOST,
  sshPort: 22,
  directories: [],
  packages: [],
  packageUpgrade: false,
  ttlMinutes: 240,
  ...over,
});
/** The body lines of a PEM block. */
export const keyLines = (pem: string) =>
  pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));

/** A work dir as prepare() leaves it: the raw user-data (with the key) and the bundle. */
export function workDir(): Omit<DeployArtifactOptions, 'name' | 'env'> {
  const dir = mkdtempSync(join(tmpdir(), 'artifact-'));
  const userData = renderUserData(spec(), assets);
  writeFileSync(join(dir, 'user-data'), userData.body);
  const bundle = randomBytes(3000);
  writeFileSync(join(dir, 'bundle.tar.gz'), bundle);
  const sha256 = createHash('sha256').update(bundle).digest('hex');
  return {
    workDir: dir,
    deploymentId: 'pr-42',
    bundle: { file: join(dir, 'bundle.tar.gz'), sha256, bytes: bundle.length },
    userData,
  };
}
