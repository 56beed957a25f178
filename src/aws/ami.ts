import { DescribeImagesCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import { InputError } from '../errors.js';
import { AMI_ALIASES, type Architecture } from '../inputs/instance-types.js';
import { awsError, errorCode } from './aws-errors.js';
import { allPages } from './pages.js';

/** The image a region launches, with what the launch template needs from it. */
export interface ResolvedImage {
  readonly imageId: string;
  /** The device the root-volume mapping (encrypted gp3) must name. */
  readonly rootDeviceName: string;
  readonly architecture: Architecture;
  /** Size of the root device's snapshot, GiB: a root volume cannot be smaller. */
  readonly rootSnapshotGiB?: number;
  /** The image's name, for the log (an alias resolves to a dated build). */
  readonly name?: string;
  /** EC2's CreationDate, for the log: which build an alias chose. */
  readonly creationDate?: string;
  /** The alias it was resolved from; undefined for an explicit id. */
  readonly alias?: string;
}

/** What EC2 answers for an id that is unknown, not shared with us, or malformed. */
const IMAGE_NOT_FOUND: ReadonlySet<string> = new Set([
  'InvalidAMIID.NotFound',
  'InvalidAMIID.Unavailable',
  'InvalidAMIID.Malformed',
]);

type AliasSpec = (typeof AMI_ALIASES)[string];

/** Pages of 1,000 images: far more builds than an alias's owner publishes for one name pattern. */
export const MAX_IMAGE_PAGES = 20;

const aliasList = (): string => Object.keys(AMI_ALIASES).join(', ');

/**
 * The image to launch in `region`: an explicit `ami-…` id (checked to exist there and to match
 * `architecture`) or an alias resolved to the newest available build of its owner.
 */
export async function resolveImage(
  client: EC2Client,
  region: string,
  ami: string,
  architecture: Architecture,
): Promise<ResolvedImage> {
  // hasOwn: an input such as 'constructor' must not resolve through the prototype.
  const alias = Object.hasOwn(AMI_ALIASES, ami) ? AMI_ALIASES[ami] : undefined;
  const image = alias
    ? await newestOfAlias(client, region, ami, alias, architecture)
    : await byId(client, region, ami, architecture);
  return { ...usable(image, ami, region, architecture), ...(alias ? { alias: ami } : {}) };
}

async function byId(
  client: EC2Client,
  region: string,
  ami: string,
  architecture: Architecture,
): Promise<Image> {
  const notFound = (): InputError =>
    new InputError(
      'ami',
      `image ${ami} does not exist in ${region} or is not shared with this account; an AMI id belongs to one region: give an id from ${region} or an alias (${aliasList()}).`,
    );
  let images: Image[];
  try {
    images = (await client.send(new DescribeImagesCommand({ ImageIds: [ami] }))).Images ?? [];
  } catch (err) {
    if (IMAGE_NOT_FOUND.has(errorCode(err))) throw notFound();
    throw awsError('DescribeImages', region, err, `look up image ${ami}`);
  }
  const image = images.find((i) => i.ImageId === ami);
  if (!image) throw notFound();
  if (image.State !== undefined && image.State !== 'available') {
    throw new InputError(
      'ami',
      `image ${ami} in ${region} is ${image.State}, not available; give an available image.`,
    );
  }
  // EC2 always reports the architecture; an image that does not is taken at the user's word.
  if (image.Architecture !== undefined && image.Architecture !== architecture) {
    throw new InputError(
      'ami',
      `image ${ami} is ${image.Architecture} but input 'architecture' is ${architecture}; set architecture: ${image.Architecture} (with instance types of that architecture) or give an ${architecture} image.`,
    );
  }
  return image;
}

async function newestOfAlias(
  client: EC2Client,
  region: string,
  alias: string,
  { owner, name }: AliasSpec,
  architecture: Architecture,
): Promise<Image> {
  const pattern = name[architecture];
  // EC2 pages DescribeImages (NextToken) once the result is large: the newest build may be on
  // any page, so read them all, bounded.
  const images = await allPages(
    'DescribeImages',
    region,
    `resolve image alias ${alias}`,
    MAX_IMAGE_PAGES,
    async (token) => {
      const out = await client.send(
        new DescribeImagesCommand({
          Owners: [owner],
          Filters: [
            { Name: 'name', Values: [pattern] },
            { Name: 'architecture', Values: [architecture] },
            { Name: 'state', Values: ['available'] },
          ],
          MaxResults: 1000,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      return { items: out.Images ?? [], next: out.NextToken };
    },
  );
  // ISO-8601 timestamps of one format sort as strings; the name breaks ties (it carries the build date).
  const key = (i: Image): string => `${i.CreationDate ?? ''}\u0000${i.Name ?? ''}`;
  const newest = images
    .filter((i) => i.ImageId !== undefined)
    .reduce<Image | undefined>(
      (best, i) => (best === undefined || key(i) > key(best) ? i : best),
      undefined,
    );
  if (!newest) {
    throw new InputError(
      'ami',
      `no available ${architecture} image matches alias '${alias}' in ${region} (owner ${owner}, name ${pattern}); give an AMI id from ${region} or another alias (${aliasList()}).`,
    );
  }
  return newest;
}

function usable(
  image: Image,
  ami: string,
  region: string,
  architecture: Architecture,
): ResolvedImage {
  const id = image.ImageId ?? ami;
  // The template maps the root device to an encrypted gp3 volume, which needs an EBS root.
  if (image.RootDeviceType === 'instance-store') {
    throw new InputError(
      'ami',
      `image ${id} in ${region} has an instance-store root; spot-deploy needs an EBS-backed image.`,
    );
  }
  if (!image.RootDeviceName) {
    throw new InputError(
      'ami',
      `image ${id} in ${region} reports no root device name; give another image.`,
    );
  }
  const rootSize = image.BlockDeviceMappings?.find((m) => m.DeviceName === image.RootDeviceName)
    ?.Ebs?.VolumeSize;
  return {
    imageId: id,
    rootDeviceName: image.RootDeviceName,
    architecture,
    ...(rootSize !== undefined ? { rootSnapshotGiB: rootSize } : {}),
    ...(image.Name ? { name: image.Name } : {}),
    ...(image.CreationDate ? { creationDate: image.CreationDate } : {}),
  };
}
