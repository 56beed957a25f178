import type { EC2Client } from '@aws-sdk/client-ec2';
import { InputError } from '../errors.js';
import type { Architecture } from '../inputs/instance-types.js';
import type { Plan } from '../inputs/plan.js';
import {
  rootVolumeProblem,
  type CpuCredits,
  type InstanceProfile,
  type RootVolume,
} from '../inputs/launch-options.js';
import { resolveImage, type ResolvedImage } from './ami.js';
import { ensureLaunchTemplate, type LaunchTemplateRef } from './launch-template.js';
import { creditVersions } from './launch-options.js';
import { resolveSubnets } from './network.js';
import { settleGroup, type GroupSpec } from './region-group.js';
import type { RegionResources, SubnetRef, Tags } from './types.js';
import { TEMPLATE_NOT_VISIBLE, untilVisible, type VisibilityOptions } from './visibility.js';

/** What one region needs resolved or created before a launch: its group's (GroupSpec), and more. */
export interface RegionSpec extends GroupSpec {
  /** Each region → an `ami-…` id or an alias of AMI_ALIASES (Inputs.amiByRegion). */
  readonly amiByRegion: Readonly<Record<string, string>>;
  readonly architecture: Architecture;
  readonly names: GroupSpec['names'] & { readonly launchTemplate: string };
  /** Tags the launch template puts on instances and volumes. */
  readonly instanceTags: Tags;
  /** Rendered cloud-init; it holds the SSH host private key, so it is never logged. */
  readonly userData: Buffer;
  /** The types the fleet asks for: whether the template carries a CreditSpecification. */
  readonly instanceTypes: readonly string[];
  readonly rootVolume: RootVolume;
  readonly instanceProfile: InstanceProfile | undefined;
  readonly cpuCredits: CpuCredits;
}

/**
 * The region spec of a plan; instance tags and user-data are the launch's own. `keepPorts`: leave
 * the group's service-port rules as they are (mode reconcile: one step serves deployments whose
 * deploys opened different ports, so its own `ports` input says nothing about theirs).
 */
export function regionSpec(
  plan: Plan,
  userData: Buffer,
  instanceTags: Tags,
  opts: { readonly keepPorts?: boolean } = {},
): RegionSpec {
  const i = plan.inputs;
  return {
    amiByRegion: i.amiByRegion,
    architecture: i.architecture,
    subnetIds: i.subnetIds,
    securityGroupIds: i.securityGroupIds,
    sshAddress: i.sshAddress,
    sshPort: i.sshPort,
    sshCidrs: i.sshCidrs,
    sshRunner: i.sshRunner,
    services: opts.keepPorts ? 'keep' : i.ports.map((port) => ({ port, cidrs: i.portsCidrs })),
    names: plan.names,
    tags: plan.tags,
    instanceTags,
    userData,
    instanceTypes: i.instanceTypes,
    rootVolume: i.rootVolume,
    instanceProfile: i.instanceProfile,
    cpuCredits: i.cpuCredits,
  };
}

/** One log line per region: for an alias, which build it chose (id, name, creation date). */
export function imageLine(region: string, image: ResolvedImage): string {
  const about = [image.name, image.creationDate && `created ${image.creationDate}`].filter(Boolean);
  const detail = about.length > 0 ? ` (${about.join(', ')})` : '';
  const from = image.alias ? ` for alias ${image.alias}` : '';
  return `${region}: image ${image.imageId}${detail}${from}, ${image.architecture}`;
}

/** What a region offers, read before anything is created there (inspectRegion). */
export interface InspectedRegion {
  readonly image: ResolvedImage;
  readonly subnets: readonly SubnetRef[];
  readonly vpcId: string;
}

/**
 * The read-only half of a region: image, subnets and their network checks (public IPs, IPv4,
 * DNS hostnames). Run for every region before any is prepared, so that an input only EC2 can
 * reveal fails the run before a group or template exists anywhere. InputError or AwsError.
 */
export async function inspectRegion(
  client: EC2Client,
  region: string,
  spec: RegionSpec,
  log: (line: string) => void = () => {},
): Promise<InspectedRegion> {
  const ami = Object.hasOwn(spec.amiByRegion, region) ? spec.amiByRegion[region] : undefined;
  // parseAmi gives every region of `regions` an entry: this is a caller's mistake, said clearly.
  if (ami === undefined) throw new InputError('ami', `has no image for region ${region}.`);
  const image = await resolveImage(client, region, ami, spec.architecture);
  log(imageLine(region, image));
  // Before anything is created anywhere: EC2 would refuse the launch, not the template.
  const volume = rootVolumeProblem(
    spec.rootVolume,
    spec.rootVolume.sizeGiB ?? image.rootSnapshotGiB,
    image.rootSnapshotGiB,
  );
  if (volume) throw volume;
  const subnets = await resolveSubnets(client, region, spec.subnetIds, spec.sshAddress);
  const vpcId = subnets[0]?.vpcId ?? '';
  log(
    `${region}: subnets ${subnets.map((s) => `${s.subnetId} (${s.availabilityZone})`).join(', ')} in ${vpcId}`,
  );
  return { image, subnets, vpcId };
}

export interface PrepareOptions {
  /** This region's inspectRegion answer, when the caller inspected every region first. */
  readonly inspected?: InspectedRegion | undefined;
  /** Sleep and clock for waiting until a group or template just created is visible. */
  readonly visibility?: VisibilityOptions | undefined;
}

/**
 * Image, subnets, security group and launch template of one region, in that order (each step
 * needs the one before: the group its VPC, the template the image and the groups). Input problems
 * only EC2 can reveal throw InputError; failed calls throw AwsError.
 */
export async function prepareRegion(
  client: EC2Client,
  region: string,
  spec: RegionSpec,
  log: (line: string) => void = () => {},
  opts: PrepareOptions = {},
): Promise<RegionResources> {
  const { image, subnets, vpcId } =
    opts.inspected ?? (await inspectRegion(client, region, spec, log));

  const sg = await settleGroup(client, region, spec, vpcId, { log, visibility: opts.visibility });

  const template = (cpuCredits: CpuCredits | undefined): Promise<LaunchTemplateRef> =>
    ensureLaunchTemplate(client, region, {
      name: spec.names.launchTemplate,
      imageId: image.imageId,
      rootDeviceName: image.rootDeviceName,
      userData: spec.userData,
      securityGroupIds: sg.groupIds,
      rootVolume: spec.rootVolume,
      instanceProfile: spec.instanceProfile,
      cpuCredits,
      tags: spec.tags,
      instanceTags: spec.instanceTags,
    });
  const credits = creditVersions(spec.instanceTypes);
  const lt = await template(credits === 'all' ? spec.cpuCredits : undefined);
  // A list mixing T and other types: the T types launch from a second version with the credits.
  // Its CreateLaunchTemplateVersion may follow the template's creation by milliseconds.
  const burstable =
    credits === 'split'
      ? await untilVisible(
          {
            action: 'CreateLaunchTemplateVersion',
            region,
            resource: `launch template ${lt.id}`,
            codes: TEMPLATE_NOT_VISIBLE,
          },
          () => template(spec.cpuCredits),
          { ...opts.visibility, log },
        )
      : undefined;
  log(
    `${region}: launch template ${spec.names.launchTemplate} ${lt.id} version ${lt.version} ${lt.created ? 'created' : 'added'}` +
      (burstable
        ? `, version ${burstable.version} (CPU credits ${spec.cpuCredits}) for the T types`
        : '') +
      (credits === 'all' ? ` (CPU credits ${spec.cpuCredits})` : ''),
  );
  for (const w of [...lt.warnings, ...(burstable?.warnings ?? [])])
    log(`${region}: launch template warning: ${w}`);

  return {
    region,
    imageId: image.imageId,
    subnets,
    securityGroupIds: sg.groupIds,
    launchTemplate: {
      id: lt.id,
      version: lt.version,
      ...(burstable ? { burstableVersion: burstable.version } : {}),
    },
    created: [
      ...(sg.status === 'created'
        ? [
            {
              kind: 'security group' as const,
              name: spec.names.securityGroup,
              id: sg.groupIds[0] ?? '',
            },
          ]
        : []),
      ...(lt.created
        ? [{ kind: 'launch template' as const, name: spec.names.launchTemplate, id: lt.id }]
        : []),
    ],
  };
}
