/**
 * Whether the AWS SDK bundled with the action knows a region or an instance type, from its own
 * data (no call). Unknown is a warning in `mode: plan`, never an error: AWS adds regions and types
 * faster than the action is rebuilt, and the form of each name is already checked (ec2-rules.ts).
 */
// The SDK's partition table alone (tsconfig.json `paths`: ncc and vitest apply it), not `@aws-sdk/core/client` (0.5 MB
// in dist/, ~25 ms of mode plan's start): its exports map has no path to the table itself.
// __tests__/unit/inputs/known-names.test.ts checks both answer alike for every region.
import { partitionsInfo } from '#aws-partitions';
// The SDK's instance types as text (scripts/gen-instance-types.mjs), not its enums module: that
// is 0.15 MB of code for every EC2 enum, ~10 % of mode plan's start (docs/architecture.md,
// "Start-up"). __tests__/unit/inputs/known-names.test.ts checks it is the SDK's table.
import { INSTANCE_TYPE_FAMILIES } from './instance-type-names.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(
  INSTANCE_TYPE_FAMILIES.trim()
    .split('\n')
    .flatMap((line) => {
      const [family, ...sizes] = line.split(' ');
      return sizes.map((size) => `${family}.${size}`);
    }),
);

const KNOWN_REGIONS: ReadonlySet<string> = new Set(
  partitionsInfo.partitions.flatMap((p) => Object.keys(p.regions)),
);

/**
 * The SDK's partition data lists known regions (each with a description); a merely well-formed
 * name only matches a partition's pattern. The `aws-global` style pseudo-regions are listed too.
 */
export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.has(region);
}

export function isKnownInstanceType(instanceType: string): boolean {
  return KNOWN_TYPES.has(instanceType);
}

/** One warning per region and instance type the SDK does not know (typos, or very new names). */
export function unknownNameWarnings(
  regions: readonly string[],
  instanceTypes: readonly string[],
): string[] {
  const what = (kind: string, name: string, input: string) =>
    `${kind} '${name}' (input \`${input}\`) is not one the AWS SDK in this action knows: check the spelling; if it is new, a deploy will tell whether EC2 accepts it.`;
  return [
    ...regions.filter((r) => !isKnownRegion(r)).map((r) => what('region', r, 'regions')),
    ...instanceTypes
      .filter((t) => !isKnownInstanceType(t))
      .map((t) => what('instance type', t, 'instance-types')),
  ];
}
