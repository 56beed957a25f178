import { describe, expect, it } from 'vitest';
import type { BundleResult } from '../../../src/bundle/build.js';
import type { UserData } from '../../../src/cloud-init/render.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { renderPlanSummary } from '../../../src/report/plan-summary.js';

const userData = { bytes: 2000, gzipped: false, parts: [] } as unknown as UserData;
const bundle = { treeBytes: 10, fileCount: 1, bytes: 10, sha256: 'a'.repeat(64) } as BundleResult;

function summary(over: Partial<Record<InputName, string>>): string {
  const all: Partial<Record<InputName, string>> = {
    mode: 'plan',
    regions: 'eu-west-1',
    'deployment-id': 'pr-1',
    'bundle-path': '.',
    ...over,
  };
  const inputs = parseInputs((n) => all[n] ?? '', { workspace: '/', defaultRegion: undefined });
  return renderPlanSummary(buildPlan(inputs, { tempDir: '/tmp' }, new Date(0)), userData, bundle);
}

describe('the plan summary: who may reach SSH', () => {
  it('says runner (looked up at run time) by default, and nothing is looked up', () => {
    expect(summary({})).toContain(
      'SSH (TCP 22) open to: runner (looked up at run time, for the run only).',
    );
    expect(summary({})).not.toContain('[!WARNING]');
  });

  it('warns when 0.0.0.0/0 is written out', () => {
    const s = summary({ 'ssh-cidr': '0.0.0.0/0', 'ssh-port': '2222' });
    expect(s).toContain('SSH (TCP 2222) open to: 0.0.0.0/0.');
    expect(s).toContain('> [!WARNING]\n> ssh-cidr 0.0.0.0/0 opens TCP 2222 of every instance');
  });

  it("private-ip: the VPC's blocks", () => {
    expect(summary({ 'ssh-address': 'private-ip' })).toContain(
      "SSH (TCP 22) open to: the VPC's IPv4 blocks (ssh-address: private-ip).",
    );
  });
});
