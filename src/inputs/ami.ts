/**
 * The `ami` input: one image for every region (an alias, resolved in each region, or an `ami-…`
 * id, which exists in one region only), or a per-region map `us-east-1=ami-…, eu-west-1=ami-…`
 * whose values are ids or aliases. Checked against `regions` before any call: every region needs
 * exactly one entry, and an entry for a region not in `regions` is refused too (a typo there would
 * otherwise leave a region without its image, or a stale entry would go unnoticed). Also whether
 * `packages` suits the package manager of the aliases chosen.
 */
import { InputError } from '../errors.js';
import * as p from './primitives.js';
import { AMI_ALIASES } from './instance-types.js';
import { REGION } from './ec2-rules.js';

export interface AmiInput {
  /** The input as written, normalised (map entries joined by `, `): for the plan and manifest. */
  readonly text: string;
  /** Each region of `regions` → the `ami-…` id or alias it launches. */
  readonly byRegion: Readonly<Record<string, string>>;
}

const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;
const aliasList = (): string => Object.keys(AMI_ALIASES).join(', ');
const MAP_EXAMPLE = 'us-east-1=ami-…, eu-west-1=ami-…';

/** An id or an alias (hasOwn: 'constructor' is no alias). */
function image(raw: string, where: string): string {
  if (AMI_ID.test(raw) || Object.hasOwn(AMI_ALIASES, raw)) return raw;
  throw new InputError(
    'ami',
    `'${p.printable(raw)}'${where} is neither an AMI id (ami- and 8 or 17 hex digits) nor an alias (${aliasList()}).`,
  );
}

/**
 * `regions` is empty only when that input itself was invalid: the map's entries are then checked
 * for their form alone, and only the `regions` error is reported for the rest.
 */
export function parseAmi(raw: string, regions: readonly string[]): AmiInput {
  if (!raw.includes('=')) {
    const one = image(raw, '');
    if (AMI_ID.test(one) && regions.length > 1) {
      throw new InputError(
        'ami',
        `an AMI id belongs to one region but ${regions.length} regions are given; give one id per region (${MAP_EXAMPLE}) or an alias (${aliasList()}).`,
      );
    }
    return { text: one, byRegion: Object.fromEntries(regions.map((r) => [r, one])) };
  }
  const byRegion: Record<string, string> = {};
  for (const entry of p.parseList('ami', raw)) {
    const eq = entry.indexOf('=');
    const region = entry.slice(0, eq).trim();
    const value = entry.slice(eq + 1).trim();
    if (eq < 0 || !REGION.test(region)) {
      throw new InputError(
        'ami',
        `'${p.printable(entry)}' is not REGION=IMAGE; a per-region map reads ${MAP_EXAMPLE} (one entry per region of \`regions\`).`,
      );
    }
    if (Object.hasOwn(byRegion, region))
      throw new InputError('ami', `region ${region} has two entries; give one image per region.`);
    byRegion[region] = image(value, ` (for ${region})`);
  }
  if (regions.length > 0) {
    const extra = Object.keys(byRegion).filter((r) => !regions.includes(r));
    if (extra.length > 0) {
      throw new InputError(
        'ami',
        `has an entry for ${extra.join(', ')}, which \`regions\` (${regions.join(', ')}) does not list; remove it or add the region to \`regions\`.`,
      );
    }
    const missing = regions.filter((r) => !Object.hasOwn(byRegion, r));
    if (missing.length > 0) {
      throw new InputError(
        'ami',
        `has no image for ${missing.join(', ')}; every region of \`regions\` needs an entry (${MAP_EXAMPLE}).`,
      );
    }
  }
  const text = Object.entries(byRegion)
    .map(([r, i]) => `${r}=${i}`)
    .join(', ');
  return { text, byRegion };
}

/**
 * `packages` against the images: cloud-init hands each name as written to the image's package
 * manager, and only apt reads `name=version`; dnf would look for a package of that whole name and
 * the instance would come up without it. Checked for aliases only: an id's distribution is not
 * known before launch.
 */
export function checkPackagesForImages(
  packages: readonly string[],
  byRegion: Readonly<Record<string, string>>,
): void {
  const pinned = packages.find((name) => name.includes('='));
  if (pinned === undefined) return;
  const dnf = Object.values(byRegion).find(
    (a) => Object.hasOwn(AMI_ALIASES, a) && AMI_ALIASES[a]?.packageManager === 'dnf',
  );
  if (dnf === undefined) return;
  throw new InputError(
    'packages',
    `'${p.printable(pinned)}' pins a version as apt does (name=version), but ${dnf} installs packages with dnf, which reads name-version: write '${p.printable(pinned.replace('=', '-'))}'.`,
  );
}
