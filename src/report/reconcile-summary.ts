import { cell } from './markdown.js';
import type { InstanceResult } from './results.js';

/** One deployment as mode reconcile left it (modes/reconcile/fleet.ts's result). */
export interface ReconcileReport {
  readonly deploymentId: string;
  readonly instances: readonly InstanceResult[];
  readonly replaced: ReadonlyArray<{
    readonly info: { readonly id: string };
    readonly why: string;
  }>;
  readonly launched: number;
  readonly size: number;
  readonly sha256: string | undefined;
  /** Set when the fleet was left short because it expires (not a failure). */
  readonly expired?: string | undefined;
}

/** A deployment whose reconcile stopped with an error (artifact gone, env differs, …). */
export interface FailedReconcile {
  readonly deploymentId: string;
  readonly error: string;
}

/** "replaced N of M": the replacements launched, of the recorded size. */
export function reconcileLine(r: ReconcileReport): string {
  const ready = r.instances.filter((x) => x.status === 'ready').length;
  const why = r.expired === undefined ? '' : ` (${r.expired}: not replaced)`;
  return `${r.deploymentId}: replaced ${r.launched} of ${r.size}, ${ready} of ${r.size} ready${why}`;
}

/** The step summary of mode reconcile: one section per deployment, the failed ones too. */
export function renderReconcileSummary(
  done: readonly ReconcileReport[],
  runUrl: string | undefined,
  failed: readonly FailedReconcile[] = [],
): string {
  const out = ['## spot-deploy reconcile', ''];
  if (done.length === 0 && failed.length === 0) out.push('No live deployment found.', '');
  for (const f of failed) out.push(`### ${cell(f.deploymentId)}: failed`, '', cell(f.error), '');
  for (const r of done) {
    const line = reconcileLine(r);
    out.push(`### ${cell(r.deploymentId)}: ${cell(line.slice(line.indexOf(': ') + 2))}`, '');
    if (r.sha256) out.push(`release \`${r.sha256}\``, '');
    for (const x of r.replaced) out.push(`- replaced \`${x.info.id}\`: ${cell(x.why)}`);
    if (r.replaced.length > 0) out.push('');
    out.push(
      '| instance | status | region | type | lifecycle | touched |',
      '|---|---|---|---|---|---|',
    );
    for (const i of r.instances)
      out.push(
        `| \`${i.id}\` | ${i.status}${i.error ? `: ${cell(i.error)}` : ''} | ${i.region} | ${i.instanceType} | ${i.lifecycle} | ${i.adopted ? 'no' : 'new'} |`,
      );
    out.push('');
  }
  if (runUrl) out.push(`[run](${runUrl})`, '');
  return out.join('\n');
}
