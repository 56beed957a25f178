// The plan's step summary: the launch options, and one row per region with the image it would launch.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleResult } from '../../../src/bundle/build.js';
import type { UserData } from '../../../src/cloud-init/render.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { launchOptionLines, renderPlanSummary } from '../../../src/report/plan-summary.js';

const workspace = mkdtempSync(join(tmpdir(), 'plan-summary-'));
mkdirSync(join(workspace, 'deploy'));

function inputs(over: Partial<Record<InputName, string>>) {
  const values: Partial<Record<InputName, string>> = {
    mode: 'plan',
    regions: 'eu-west-1',
    'bundle-path': 'deploy',
    ...over,
  };
  return parseInputs((n) => values[n] ?? '', { workspace, defaultRegion: undefined });
}

describe('plan summary: launch options', () => {
  it('the defaults, with the default mixed x86_64 type list', () => {
    expect(launchOptionLines(inputs({}))).toEqual([
      "Root volume: gp3, the image's size, encrypted with the account's default EBS key, deleted with the instance.",
      'Instance profile: none; CPU credits: standard for t3.small, t3a.small (the other types have none).',
    ]);
  });

  it('every option given', () => {
    expect(
      launchOptionLines(
        inputs({
          'root-volume-size': '40',
          'root-volume-iops': '6000',
          'root-volume-throughput': '500',
          'kms-key-id': 'alias/app',
          'instance-profile': 'app-profile',
          'cpu-credits': 'unlimited',
          'instance-types': 'm7i.large',
        }),
      ),
    ).toEqual([
      'Root volume: gp3, 40 GiB, 6000 IOPS, 500 MiB/s, encrypted with `alias/app`, deleted with the instance.',
      'Instance profile: `app-profile`; CPU credits: no burstable type.',
    ]);
  });
});

function summary(over: Partial<Record<InputName, string>>): string {
  const values: Partial<Record<InputName, string>> = {
    mode: 'plan',
    regions: 'eu-west-1',
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
