// known-names.ts reads the instance types from a generated text (so that mode plan loads neither the
// 3 MB client nor its 0.15 MB enums module): it must be the very table the package exports.
import { readFileSync } from 'node:fs';
import { _InstanceType } from '@aws-sdk/client-ec2';
import { awsEndpointFunctions } from '@aws-sdk/core/client';
import { partitionsInfo } from '#aws-partitions';
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPE_FAMILIES } from '../../../src/inputs/instance-type-names.js';
import { isKnownInstanceType, isKnownRegion } from '../../../src/inputs/known-names.js';
import {
  currentText,
  FILE,
  renderInstanceTypeNames,
} from '../../../scripts/gen-instance-types.mjs';

describe('known names (inputs/known-names.ts)', () => {
  it("knows exactly the package's _InstanceType (else: npm run gen:instance-types)", () => {
    // Byte for byte what scripts/gen-instance-types.mjs writes for the installed SDK.
    expect(readFileSync(FILE, 'utf8')).toBe(currentText());
    const all = Object.values(_InstanceType);
    expect(all.length).toBeGreaterThan(500);
    for (const t of all) expect([t, isKnownInstanceType(t)]).toEqual([t, true]);
    // Every name the text yields is one of the package's: no split went wrong.
    const families = INSTANCE_TYPE_FAMILIES.trim().split('\n');
    const listed = families.reduce((n, line) => n + line.split(' ').length - 1, 0);
    expect(listed).toBe(new Set(all).size);
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

  it('the generator groups by family and refuses a name that is not family.size', () => {
    expect(renderInstanceTypeNames(['m5.large', 'a1.metal', 'm5.2xlarge'])).toContain(
      '`\na1 metal\nm5 2xlarge large\n`',
    );
    expect(() => renderInstanceTypeNames(['m5'])).toThrow(/not family.size/);
    expect(() => renderInstanceTypeNames(['m5.large.x'])).toThrow(/not family.size/);
  });

  it('knows current names and not made-up ones', () => {
    expect(isKnownInstanceType('t3.small')).toBe(true);
    expect(isKnownInstanceType('m7i.large')).toBe(true);
    expect(isKnownInstanceType('t3.smal')).toBe(false);
    expect(isKnownRegion('eu-west-1')).toBe(true);
    expect(isKnownRegion('eu-wst-1')).toBe(false);
  });
});
