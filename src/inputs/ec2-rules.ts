/**
 * The rules of the inputs that become EC2 request parameters: `regions`, `instance-types` (their
 * form and their architecture), the per-region ids (`subnet-ids`, `security-group-ids`)
 * and `max-price`. Apart from the other input rules because they are EC2's names and limits,
 * checked before any call (whether the SDK knows a name is known-names.ts's warning).
 */
import { InputError } from '../errors.js';
import * as p from './primitives.js';
import { architectureOf, type Architecture } from './instance-types.js';
import type { InputName } from './types.js';

/** An AWS region name (partition forms included); also the keys of `ami`'s per-region map. */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/**
 * family.size: a family is letters, a generation and attribute letters, optionally `-` and a
 * variant (m7i-flex, u-6tb1, mac2-m2pro; mac-m4 has no generation); sizes are EC2's words.
 */
const INSTANCE_TYPE =
  /^[a-z]+(\d+[a-z]*)?(-[a-z0-9]+)?\.(nano|micro|small|medium|large|xlarge|\d{1,3}xlarge|metal(-\d{1,3}xl)?)$/;

export function parseRegions(raw: string, fallback: string | undefined): string[] {
  const regions = p.parsePatternList(
    'regions',
    raw,
    REGION,
    'an AWS region name such as us-east-1 or eu-west-3',
  );
  if (regions.length > 0) return regions;
  if (fallback && REGION.test(fallback)) return [fallback];
  throw new InputError(
    'regions',
    'no region given: set `regions` (e.g. us-east-1, or several separated by commas) or AWS_REGION.',
  );
}

/** `arch` is undefined when `architecture` itself was invalid: only that error is reported then. */
export function parseInstanceTypes(raw: string, arch: Architecture | undefined): string[] {
  const types = p.parsePatternList(
    'instance-types',
    raw || (arch === 'arm64' ? 't4g.small,t4g.medium,m7g.medium' : 't3.small,t3a.small,m7i.large'),
    INSTANCE_TYPE,
    'an EC2 instance type such as t3.small or m7g.large',
  );
  if (types.length > 20)
    throw new InputError('instance-types', `at most 20 types are accepted, got ${types.length}.`);
  for (const t of types) {
    if (arch && architectureOf(t) !== arch) {
      throw new InputError(
        'instance-types',
        `'${t}' is an ${architectureOf(t)} type but \`architecture\` is ${arch}; list ${arch} types or change \`architecture\`.`,
      );
    }
  }
  return types;
}

export function perRegionIds(
  input: InputName,
  raw: string,
  re: RegExp,
  what: string,
  regionCount: number,
): string[] {
  const ids = p.parsePatternList(input, raw, re, what);
  if (ids.length > 0 && regionCount > 1) {
    throw new InputError(
      input,
      `these ids belong to one region but ${regionCount} regions are given; leave \`${input}\` empty to use each region's default, or deploy one region per step.`,
    );
  }
  return ids;
}

/** EC2 refuses a spot max price at or below this (USD per hour). */
const MIN_SPOT_PRICE = 0.001;

export function parseMaxPrice(raw: string): string {
  if (!/^\d{1,4}(\.\d{1,6})?$/.test(raw) || Number(raw) <= MIN_SPOT_PRICE) {
    throw new InputError(
      'max-price',
      `expected a price in USD per instance-hour above ${MIN_SPOT_PRICE} (EC2's minimum spot price), such as 0.05, got '${p.printable(raw)}'; leave it empty to cap at the on-demand price.`,
    );
  }
  return raw;
}
