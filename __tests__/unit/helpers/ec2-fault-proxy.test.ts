import { describe, expect, it } from 'vitest';
import {
  fleetPools,
  withDeathReported,
  withoutOverrides,
  withPrivateAsPublic,
} from '../../helpers/ec2-fault-proxy.js';

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

// Two instances as moto answers DescribeInstances: each with nested items (an interface with its
// own ipAddress and instanceId-like fields, a tag) that the rewrites must leave as they are.
const instance = (id: string, ip: string) =>
  `<item><instanceId>${id}</instanceId><instanceState><code>16</code><name>running</name></instanceState>` +
  `<privateIpAddress>127.0.0.${ip}</privateIpAddress><ipAddress>203.0.113.${ip}</ipAddress>` +
  `<networkInterfaceSet><item><instanceId>nested-${id}</instanceId><ipAddress>198.51.100.${ip}</ipAddress></item></networkInterfaceSet>` +
  `<tagSet><item><key>k</key><value>v</value></item></tagSet></item>`;
const answer = `<reservationSet><item><instancesSet>${instance('i-1', '1')}${instance('i-2', '2')}</instancesSet></item></reservationSet>`;

describe('ec2-fault-proxy: DescribeInstances rewrites, instance items only', () => {
  it('withDeathReported: only the dead instance turns terminated with its reason; nested items kept', () => {
    const out = withDeathReported(
      answer,
      new Map([['i-2', { code: 'Client.InternalError', message: 'a <kms> key' }]]),
    );
    expect(out).toBe(
      answer.replace(
        instance('i-2', '2'),
        instance('i-2', '2')
          .replace('<code>16</code><name>running</name>', '<code>48</code><name>terminated</name>')
          .replace(
            /<\/item>$/,
            '<stateReason><code>Client.InternalError</code><message>a &lt;kms&gt; key</message></stateReason></item>',
          ),
      ),
    );
    // A nested item's instanceId is not the instance's: no death for it.
    expect(withDeathReported(answer, new Map([['nested-i-1', { code: 'x', message: 'y' }]]))).toBe(
      answer,
    );
  });

  it("withPrivateAsPublic: each instance's own ipAddress is its private one; the interfaces' are left", () => {
    const out = withPrivateAsPublic(answer);
    for (const n of ['1', '2']) {
      expect(out).toContain(
        `<item><ipAddress>127.0.0.${n}</ipAddress><instanceId>i-${n}</instanceId>`,
      );
      expect(out).not.toContain(`203.0.113.${n}`);
      expect(out).toContain(`<ipAddress>198.51.100.${n}</ipAddress>`);
    }
    expect(out.startsWith('<reservationSet><item><instancesSet><item>')).toBe(true);
    expect(out.endsWith('</instancesSet></item></reservationSet>')).toBe(true);
  });
});
