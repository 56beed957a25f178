import { describe, expect, it } from 'vitest';
import { fleetPools, withoutOverrides } from '../../helpers/ec2-fault-proxy.js';

// A CreateFleet with two launch template versions (a type list mixing T and other types), as the
// SDK serialises it for EC2's Query protocol.
const params = new URLSearchParams([
  ['Action', 'CreateFleet'],
  ['LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateId', 'lt-1'],
  ['LaunchTemplateConfigs.1.LaunchTemplateSpecification.Version', '2'],
  ['LaunchTemplateConfigs.1.Overrides.1.InstanceType', 't3.small'],
  ['LaunchTemplateConfigs.1.Overrides.1.SubnetId', 'subnet-a'],
  ['LaunchTemplateConfigs.1.Overrides.2.InstanceType', 't3.small'],
  ['LaunchTemplateConfigs.1.Overrides.2.SubnetId', 'subnet-b'],
  ['LaunchTemplateConfigs.2.LaunchTemplateSpecification.LaunchTemplateId', 'lt-1'],
  ['LaunchTemplateConfigs.2.LaunchTemplateSpecification.Version', '1'],
  ['LaunchTemplateConfigs.2.Overrides.1.InstanceType', 'm7i.large'],
  ['LaunchTemplateConfigs.2.Overrides.1.SubnetId', 'subnet-a'],
  ['TargetCapacitySpecification.TotalTargetCapacity', '2'],
]);

describe('ec2-fault-proxy with several launch template configs', () => {
  it('reads the pools of every config, each with its version', () => {
    expect(fleetPools(params).map((p) => [p.version, p.instanceType, p.subnetId, p.at])).toEqual([
      ['2', 't3.small', 'subnet-a', [1, 1]],
      ['2', 't3.small', 'subnet-b', [1, 2]],
      ['1', 'm7i.large', 'subnet-a', [2, 1]],
    ]);
  });

  it('removes failed pools, renumbering overrides, and drops a config left empty', () => {
    const pools = fleetPools(params);
    const out = withoutOverrides(
      params,
      pools.map((pool) => ({
        pool,
        code: pool.instanceType === 't3.small' ? 'InsufficientInstanceCapacity' : undefined,
      })),
    );
    expect([...out]).toEqual([
      ['Action', 'CreateFleet'],
      ['LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateId', 'lt-1'],
      ['LaunchTemplateConfigs.1.LaunchTemplateSpecification.Version', '1'],
      ['LaunchTemplateConfigs.1.Overrides.1.InstanceType', 'm7i.large'],
      ['LaunchTemplateConfigs.1.Overrides.1.SubnetId', 'subnet-a'],
      ['TargetCapacitySpecification.TotalTargetCapacity', '2'],
    ]);
    const partial = withoutOverrides(
      params,
      pools.map((pool) => ({
        pool,
        code: pool.subnetId === 'subnet-a' ? 'InsufficientInstanceCapacity' : undefined,
      })),
    );
    expect([...partial].filter(([k]) => k.includes('Overrides'))).toEqual([
      ['LaunchTemplateConfigs.1.Overrides.1.InstanceType', 't3.small'],
      ['LaunchTemplateConfigs.1.Overrides.1.SubnetId', 'subnet-b'],
    ]);
  });
});
