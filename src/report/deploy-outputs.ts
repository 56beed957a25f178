import type { Plan } from '../inputs/plan.js';
import type { Prepared } from '../modes/prepare.js';
import type { Sink } from './sink.js';
import type { InstanceResult } from './results.js';

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

export function setDeployOutputs(
  sink: Sink,
  plan: Plan,
  p: Prepared,
  results: readonly InstanceResult[],
  artifactId: string,
): void {
  const ready = results.filter((r) => r.status === 'ready');
  const { json, truncated } = instancesJson(results);
  if (truncated > 0)
    sink.warning(
      `The instances output shortened the diagnostics of ${truncated} instance(s) to stay under GitHub's output limit; the step summary has more.`,
    );
  sink.setOutput('deployment-id', plan.deploymentId);
  sink.setOutput('instances', json);
  sink.setOutput('ready-count', String(ready.length));
  sink.setOutput('failed-count', String(results.length - ready.length));
  sink.setOutput(
    'public-ips',
    ready
      .map((r) => r.publicIp ?? '')
      .filter(Boolean)
      .join(','),
  );
  sink.setOutput('bundle-sha256', p.bundle.sha256);
  sink.setOutput('artifact-id', artifactId);
  sink.setOutput('cloud-init-bytes', String(p.userData.bytes));
  sink.setOutput('user-data-path', p.userDataPath);
  sink.setOutput('bundle-file', p.bundle.file);
}
