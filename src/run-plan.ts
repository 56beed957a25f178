import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBundle, type BundleResult } from './bundle.js';
import { loadCloudInitAssets, renderUserData, type UserData } from './cloud-init.js';
import type { Inputs } from './inputs.js';
import { generateEd25519 } from './keys.js';
import { buildPlan, type Plan, type RunContext } from './plan.js';
import { renderPlanSummary } from './report.js';
import type { Sink } from './sink.js';

export interface PlanResult {
  readonly plan: Plan;
  readonly userData: UserData;
  readonly userDataPath: string;
  readonly bundle: BundleResult;
}

/** mode: plan — renders user-data and bundle exactly as a deploy would, without any AWS call. */
export async function runPlan(
  inputs: Inputs,
  ctx: RunContext,
  sink: Sink,
  root: string,
  now: Date = new Date(),
): Promise<PlanResult> {
  const plan = buildPlan(inputs, ctx, now);
  if (!inputs.bundlePath) throw new Error('bundle-path is required in mode plan');
  // A plan renders with throwaway keys: the real ones are made per deployment at launch.
  const client = inputs.sshPrivateKey ?? generateEd25519('spot-deploy');
  const host = generateEd25519('spot-deploy');
  sink.setSecret(client.privateKey);
  sink.setSecret(host.privateKey);

  const userData = renderUserData(
    {
      deploymentId: plan.deploymentId,
      sshUser: inputs.sshUser,
      authorizedKeys: [client.publicKey],
      hostKey: host,
      sshPort: inputs.sshPort,
      directories: inputs.directories,
      packages: inputs.packages,
      packageUpgrade: inputs.packageUpgrade,
      ttlMinutes: inputs.ttlMinutes,
      ...(inputs.cloudConfig ? { extraCloudConfig: inputs.cloudConfig } : {}),
    },
    loadCloudInitAssets(join(root, 'cloud-init')),
  );
  await mkdir(plan.workDir, { recursive: true, mode: 0o700 });
  const userDataPath = join(plan.workDir, 'user-data');
  // The file holds the deployment's private host key: readable by the runner user only.
  await writeFile(userDataPath, userData.body, { mode: 0o600 });
  await chmod(userDataPath, 0o600);
  sink.info(
    `user-data: ${userData.bytes} bytes${userData.gzipped ? ' (gzip)' : ''} → ${userDataPath}`,
  );

  const bundle = await buildBundle({
    sourceDir: inputs.bundlePath,
    exclude: inputs.bundleExclude,
    maxBytes: inputs.bundleMaxBytes,
    agentDir: join(root, 'bundle', '.spot-deploy'),
    outFile: join(plan.workDir, 'bundle.tar.gz'),
  });
  sink.info(
    `bundle: ${bundle.fileCount} files, ${bundle.bytes} bytes, sha256 ${bundle.sha256} → ${bundle.file}`,
  );

  sink.setOutput('deployment-id', plan.deploymentId);
  sink.setOutput('user-data-path', userDataPath);
  sink.setOutput('cloud-init-bytes', String(userData.bytes));
  sink.setOutput('bundle-file', bundle.file);
  sink.setOutput('bundle-sha256', bundle.sha256);
  sink.setOutput('instances', '[]');
  sink.setOutput('ready-count', '0');
  sink.setOutput('failed-count', '0');
  sink.setOutput('public-ips', '');
  await sink.summary(renderPlanSummary(plan, userData, bundle));
  return { plan, userData, userDataPath, bundle };
}
