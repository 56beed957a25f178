// mode reconcile's step summary: the deployments reconciled, and those whose reconcile stopped
// with an error (the artifact gone, another env): a failed single-deployment run used to say
// "No live deployment found." while its fleet was live and short.
import { describe, expect, it } from 'vitest';
import {
  renderReconcileSummary,
  type ReconcileReport,
} from '../../../src/report/reconcile-summary.js';

const healed: ReconcileReport = {
  deploymentId: 'web',
  instances: [
    {
      id: 'i-1',
      region: 'eu-west-1',
      instanceType: 't3.small',
      lifecycle: 'spot',
      status: 'ready',
      adopted: true,
      timings: {},
    },
  ],
  replaced: [],
  launched: 0,
  size: 1,
  sha256: 'a'.repeat(64),
};
const GONE =
  "The artifact 'spot-deploy-api-7-1' of run 7 no longer exists (its retention ended, or it was deleted), so the release cannot be rebuilt: redeploy (mode: deploy) to upload it again.";

describe('the reconcile step summary', () => {
  it('says no deployment was found only when none was reconciled and none failed', () => {
    expect(renderReconcileSummary([], undefined)).toContain('No live deployment found.');
    const md = renderReconcileSummary([], undefined, [{ deploymentId: 'api', error: GONE }]);
    expect(md).not.toContain('No live deployment found.');
  });

  it('gives a failed deployment its own section with the reason, next to the reconciled ones', () => {
    const md = renderReconcileSummary([healed], 'https://github.com/o/r/actions/runs/7', [
      { deploymentId: 'api', error: `${GONE}\nsecond | line` },
    ]);
    expect(md).toContain('### api: failed');
    expect(md).toContain("The artifact 'spot-deploy-api-7-1' of run 7 no longer exists");
    expect(md).toContain('redeploy (mode: deploy)');
    // One paragraph: a newline or a pipe in the error cannot open a table or a heading.
    expect(md).toContain('second \\| line');
    expect(md).toContain('### web: replaced 0 of 1, 1 of 1 ready');
    expect(md).toContain('[run](https://github.com/o/r/actions/runs/7)');
  });
});
