// known-names.ts reads the EC2 client's enums module on its own (so that mode plan does not load
// the 3 MB client): it must be the very table the package exports, and know today's names.
import { _InstanceType } from '@aws-sdk/client-ec2';
import { awsEndpointFunctions } from '@aws-sdk/core/client';
import { partitionsInfo } from '#aws-partitions';
import { _InstanceType as fromEnumsModule } from '@aws-sdk/client-ec2/dist-es/models/enums.js';
import { describe, expect, it } from 'vitest';
import { isKnownInstanceType, isKnownRegion } from '../../../src/inputs/known-names.js';

describe('known names (inputs/known-names.ts)', () => {
  it("the enums module holds the same instance types as the package's _InstanceType", () => {
    expect(Object.values(fromEnumsModule).sort()).toEqual(Object.values(_InstanceType).sort());
    expect(Object.values(_InstanceType).length).toBeGreaterThan(500);
    for (const t of Object.values(_InstanceType)) expect(isKnownInstanceType(t)).toBe(true);
  });

  it("the partition table knows exactly the regions the SDK's endpoint functions describe", () => {
    const listed = partitionsInfo.partitions.flatMap((p) => Object.keys(p.regions));
    expect(listed.length).toBeGreaterThan(30);
    const described = (r: string) =>
      typeof (awsEndpointFunctions.partition?.(r) as { description?: unknown } | undefined)
        ?.description === 'string';
    for (const r of [...listed, 'eu-wst-1', 'us-east-99', 'cn-north-9', 'xx'])
      expect([r, isKnownRegion(r)]).toEqual([r, described(r)]);
  });

  it('knows current names and not made-up ones', () => {
    expect(isKnownInstanceType('t3.small')).toBe(true);
    expect(isKnownInstanceType('m7i.large')).toBe(true);
    expect(isKnownInstanceType('t3.smal')).toBe(false);
    expect(isKnownRegion('eu-west-1')).toBe(true);
    expect(isKnownRegion('eu-wst-1')).toBe(false);
  });
});
