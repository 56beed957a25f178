import { join } from 'node:path';
import { buildBundle } from '../bundle/build.js';
import { loadCloudInitAssets, renderUserData } from '../cloud-init/render.js';
import { InputError } from '../errors.js';
import type { KeyPair } from '../keys.js';
import type { Plan } from '../inputs/plan.js';
import type { RenderedFiles } from '../report/outputs.js';
import type { Sink } from '../report/sink.js';
import { makePrivateDir, writeNewFile } from '../private-files.js';

export type Prepared = RenderedFiles;

/**
 * The user-data alone, written to the run's own directory: what a launch needs (mode deploy
 * through `prepare`, mode reconcile with a bundle from the artifact).
 */
export async function prepareUserData(
  plan: Plan,
  keys: { readonly client: KeyPair; readonly host: KeyPair },
  sink: Sink,
  root: string,
): Promise<{ workDir: string; userData: Prepared['userData']; userDataPath: string }> {
  const inputs = plan.inputs;
  sink.setSecret(keys.client.privateKey);
  sink.setSecret(keys.host.privateKey);
  const userData = renderUserData(
    {
      deploymentId: plan.deploymentId,
      sshUser: inputs.sshUser,
      authorizedKeys: [keys.client.publicKey],
      hostKey: keys.host,
      sshPort: inputs.sshPort,
      directories: inputs.directories,
      packages: inputs.packages,
      packageUpgrade: inputs.packageUpgrade,
      ttlMinutes: inputs.ttlMinutes,
      ...(inputs.cloudConfig ? { extraCloudConfig: inputs.cloudConfig } : {}),
    },
    loadCloudInitAssets(join(root, 'cloud-init')),
  );
  // The run's own directory (mkdtemp, 0700): it holds the host private key.
  const workDir = await makePrivateDir(plan.workDirPrefix);
  const userDataPath = join(workDir, 'user-data');
  await writeNewFile(userDataPath, userData.body);
  sink.info(
    `user-data: ${userData.bytes} bytes${userData.gzipped ? ' (gzip)' : ''} → ${userDataPath}`,
  );

  return { workDir, userData, userDataPath };
}

/**
 * Renders the user-data and builds the bundle: everything that can fail on the user's input
 * without touching AWS, so plan and deploy fail the same way before any cloud call.
 */
export async function prepare(
  plan: Plan,
  keys: { readonly client: KeyPair; readonly host: KeyPair },
  sink: Sink,
  root: string,
): Promise<Prepared> {
  const inputs = plan.inputs;
  if (!inputs.bundlePath) throw new InputError('bundle-path', `is required in mode ${inputs.mode}`);
  const { workDir, userData, userDataPath } = await prepareUserData(plan, keys, sink, root);

  const bundle = await buildBundle({
    sourceDir: inputs.bundlePath,
    exclude: inputs.bundleExclude,
    maxBytes: inputs.bundleMaxBytes,
    agentDir: join(root, 'bundle', '.spot-deploy'),
    outFile: join(workDir, 'bundle.tar.gz'),
    workspace: inputs.workspace,
    neverBundle: [plan.tempDir, workDir],
    includeVcs: inputs.bundleIncludeVcs,
  });
  sink.info(
    `bundle: ${bundle.fileCount} files, ${bundle.bytes} bytes, sha256 ${bundle.sha256} → ${bundle.file}`,
  );
  return { workDir, userData, userDataPath, bundle };
}
