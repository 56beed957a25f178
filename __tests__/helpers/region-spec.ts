/**
 * prepareRegion's input for tests (aws/region.ts RegionSpec), in one place: one region, one
 * deployment, the launch options at their defaults. Each test names what it changes.
 */
import type { RegionSpec } from '../../src/aws/region.js';
import { TAG } from '../../src/aws/types.js';
import type { RootVolume } from '../../src/inputs/launch-options.js';

/** The `root-volume-*` inputs at their defaults: gp3, the image's size, the account's key. */
export const GP3: RootVolume = {
  type: 'gp3',
  sizeGiB: undefined,
  iops: undefined,
  throughputMiBs: undefined,
  kmsKeyId: undefined,
};

/** Deployment `id` in `region` from image `ami`: public-ip SSH on 22 from one /32, a t3.small. */
export function regionSpec(
  region: string,
  ami: string,
  id: string,
  over: Partial<RegionSpec> = {},
): RegionSpec {
  return {
    amiByRegion: { [region]: ami },
    architecture: 'x86_64',
    subnetIds: [],
    securityGroupIds: [],
    sshAddress: 'public-ip',
    sshPort: 22,
    sshCidrs: ['203.0.113.9/32'],
    names: { securityGroup: `spot-deploy-${id}`, launchTemplate: `spot-deploy-${id}` },
    tags: { [TAG.deployment]: id },
    instanceTags: { [TAG.deployment]: id },
    userData: Buffer.from('#cloud-config\n'),
    instanceTypes: ['t3.small'],
    rootVolume: GP3,
    instanceProfile: undefined,
    cpuCredits: 'standard',
    ...over,
  };
}
