// The plan's step summary: one row per region with the image that region would launch.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleResult } from '../../../src/bundle/build.js';
import type { UserData } from '../../../src/cloud-init/render.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { renderPlanSummary } from '../../../src/report/plan-summary.js';

const workspace = mkdtempSync(join(tmpdir(), 'plan-summary-'));
mkdirSync(join(workspace, 'deploy'));

function summary(over: Partial<Record<InputName, string>>): string {
  const values: Partial<Record<InputName, string>> = {
    mode: 'plan',
    'deployment-id': 'pr-5',
    'bundle-path': 'deploy',
    count: '2',
    ...over,
  };
  const inputs = parseInputs((n) => values[n] ?? '', { workspace, defaultRegion: undefined });
  const plan = buildPlan(inputs, { tempDir: workspace, runId: '1' }, new Date(0));
  const userData = { bytes: 2000, gzipped: false, parts: [] } as unknown as UserData;
  const bundle = { treeBytes: 1, fileCount: 1, bytes: 1, sha256: 'ab' } as BundleResult;
  return renderPlanSummary(plan, userData, bundle);
}

describe('plan summary: images', () => {
  it("shows each region's own image of a per-region map", () => {
    const md = summary({
      regions: 'us-east-1, eu-west-1',
      ami: 'us-east-1=ami-0123456789abcdef0, eu-west-1=amazon-linux-2023',
    });
    expect(md).toMatch(/\| us-east-1 \| 1 \| [^|]+ \| ami-0123456789abcdef0 \(x86_64\) \|/);
    expect(md).toMatch(/\| eu-west-1 \| 1 \| [^|]+ \| amazon-linux-2023 \(x86_64\) \|/);
  });

  it('shows the alias in every region', () => {
    const md = summary({ regions: 'us-east-1, eu-west-1', ami: 'amazon-linux-2023' });
    expect(md.match(/\| amazon-linux-2023 \(x86_64\) \|/g)).toHaveLength(2);
  });
});
