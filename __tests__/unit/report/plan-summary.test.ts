import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';
import { launchOptionLines } from '../../../src/report/plan-summary.js';

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
