import type { BundleResult } from '../bundle/build.js';
import type { UserData } from '../cloud-init/render.js';
import type { InstanceResult } from './results.js';
import { fleetUrls, type ServiceLinks } from './service-urls.js';
import { OUTPUT_NAMES, type OutputName, type Sink } from './sink.js';

export type Outputs = Readonly<Partial<Record<OutputName, string>>>;

/** The one way outputs are set: named, typed, in a fixed order. */
export function setOutputs(sink: Sink, outputs: Outputs): void {
  for (const name of OUTPUT_NAMES) {
    const value = outputs[name];
    if (value !== undefined) sink.setOutput(name, value);
  }
}

/** What plan and deploy render before any cloud call (modes/prepare.ts makes it). */
export interface RenderedFiles {
  /** The run's own directory on the runner (mkdtemp, 0700) that holds the files below. */
  readonly workDir: string;
  readonly userData: UserData;
  /** The rendered user-data on the runner (mode 0600: it holds the host private key). */
  readonly userDataPath: string;
  readonly bundle: BundleResult;
}

/** The outputs of a run that launched nothing (plan, destroy): an empty fleet. */
export const NO_FLEET: Outputs = {
  instances: '[]',
  'ready-count': '0',
  'failed-count': '0',
  'public-ips': '',
  urls: '',
};

/** The outputs that describe what was rendered (plan and deploy alike). */
export function renderedOutputs(deploymentId: string, p: RenderedFiles): Outputs {
  return {
    'deployment-id': deploymentId,
    'bundle-sha256': p.bundle.sha256,
    'cloud-init-bytes': String(p.userData.bytes),
    'user-data-path': p.userDataPath,
    'bundle-file': p.bundle.file,
  };
}

/**
 * GitHub allows 1 MB of outputs per job; `instances` gets a quarter of that so the other outputs
 * and other steps keep room. Diagnostics are the only unbounded part: they are shortened evenly
 * (the step summary keeps the longer text) and each shortened one says so.
 */
export const INSTANCES_OUTPUT_BUDGET = 256 * 1024;
const MARK = '\n[truncated: see the step summary]';

export function instancesJson(
  results: readonly InstanceResult[],
  budget = INSTANCES_OUTPUT_BUDGET,
): { json: string; truncated: number } {
  const full = JSON.stringify(results);
  if (Buffer.byteLength(full) <= budget) return { json: full, truncated: 0 };
  const bare = JSON.stringify(results.map(({ diagnostics: _d, ...r }) => r));
  const withDiag = results.filter((r) => r.diagnostics).length;
  // JSON escaping can double a character's size: share what is left at half the byte rate.
  const each = Math.max(
    0,
    Math.floor((budget - Buffer.byteLength(bare) - withDiag * 64) / Math.max(1, withDiag) / 2) -
      MARK.length,
  );
  let truncated = 0;
  const cut = results.map((r) => {
    if (!r.diagnostics || r.diagnostics.length <= each) return r;
    truncated++;
    return { ...r, diagnostics: r.diagnostics.slice(0, each) + MARK, diagnosticsTruncated: true };
  });
  let json = JSON.stringify(cut);
  if (Buffer.byteLength(json) > budget) {
    // Errors alone are over budget (hundreds of instances): keep the first line of each.
    json = JSON.stringify(
      cut.map(({ diagnostics: _d, ...r }) => ({
        ...r,
        ...(r.error ? { error: (r.error.split('\n')[0] ?? '').slice(0, 300) } : {}),
        diagnosticsTruncated: true,
      })),
    );
    truncated = results.length;
  }
  return { json, truncated };
}

/**
 * The outputs that describe the fleet (deploy and rollback); warns when `instances` was shortened.
 * `urls` only with `links`: mode reconcile does not know which ports each deployment opened.
 */
export function fleetOutputs(
  sink: Sink,
  results: readonly InstanceResult[],
  links?: ServiceLinks,
): Outputs {
  const ready = results.filter((r) => r.status === 'ready');
  const { json, truncated } = instancesJson(results);
  if (truncated > 0)
    sink.warning(
      `The instances output shortened the diagnostics of ${truncated} instance(s) to stay under GitHub's output limit; the step summary has more.`,
    );
  return {
    instances: json,
    'ready-count': String(ready.length),
    // Skipped instances (a stopped rolling redeploy) are neither: they keep their release.
    'failed-count': String(results.filter((r) => r.status === 'failed').length),
    'public-ips': ready
      .map((r) => r.publicIp ?? '')
      .filter(Boolean)
      .join(','),
    ...(links ? { urls: fleetUrls(results, links).join(',') } : {}),
  };
}

/** A deploy's outputs; warns when the instances list had to be shortened. */
export function setDeployOutputs(
  sink: Sink,
  deploymentId: string,
  p: RenderedFiles,
  results: readonly InstanceResult[],
  artifactId: string,
  links: ServiceLinks,
): void {
  setOutputs(sink, {
    ...renderedOutputs(deploymentId, p),
    ...fleetOutputs(sink, results, links),
    'artifact-id': artifactId,
  });
}

/** A rollback's outputs: the fleet as a deploy reports it; nothing was rendered or uploaded. */
export function setRollbackOutputs(
  sink: Sink,
  deploymentId: string,
  results: readonly InstanceResult[],
  links?: ServiceLinks,
): void {
  setOutputs(sink, { 'deployment-id': deploymentId, ...fleetOutputs(sink, results, links) });
}
