import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SshAddress } from '../inputs/types.js';
import type { Architecture } from '../inputs/instance-types.js';
import type { Plan } from '../inputs/plan.js';
import { resolveImage, type ResolvedImage } from './ami.js';
import { ensureLaunchTemplate } from './launch-template.js';
import { resolveSubnets, vpcIpv4Blocks } from './network.js';
import { ensureSecurityGroup } from './security-group.js';
import type { RegionResources, SubnetRef, Tags } from './types.js';
import type { VisibilityOptions } from './visibility.js';

/** What one region needs resolved or created before a launch. */
export interface RegionSpec {
  /** An `ami-…` id or an alias of AMI_ALIASES. */
  readonly ami: string;
  readonly architecture: Architecture;
  /** Empty: the default VPC's default subnets. */
  readonly subnetIds: readonly string[];
  /** Empty: the deployment's own group, created or reused. */
  readonly securityGroupIds: readonly string[];
  readonly sshAddress: SshAddress;
  readonly sshPort: number;
  readonly sshCidrs: readonly string[];
  /** `ssh-cidr` lists `runner`: with `ssh-address: private-ip` the VPC's blocks are allowed too. */
  readonly sshRunner?: boolean | undefined;
  readonly names: { readonly securityGroup: string; readonly launchTemplate: string };
  /** Tags of the deployment's resources (security group, launch template). */
  readonly tags: Tags;
  /** Tags the launch template puts on instances and volumes. */
  readonly instanceTags: Tags;
  /** Rendered cloud-init; it holds the SSH host private key, so it is never logged. */
  readonly userData: Buffer;
}

/** The region spec of a plan; instance tags and user-data are the launch's own. */
export function regionSpec(plan: Plan, userData: Buffer, instanceTags: Tags): RegionSpec {
  const i = plan.inputs;
  return {
    ami: i.ami,
    architecture: i.architecture,
    subnetIds: i.subnetIds,
    securityGroupIds: i.securityGroupIds,
    sshAddress: i.sshAddress,
    sshPort: i.sshPort,
    sshCidrs: i.sshCidrs,
    sshRunner: i.sshRunner,
    names: plan.names,
    tags: plan.tags,
    instanceTags,
    userData,
  };
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
  const image = await resolveImage(client, region, spec.ami, spec.architecture);
  log(
    `${region}: image ${image.imageId}${image.name ? ` (${image.name})` : ''}, ${image.architecture}`,
  );
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

  // A runner inside the VPC (private-ip) reaches the instances from the VPC's own blocks: a
  // static rule, no per-run lookup. Given groups are never modified, so nothing to read then.
  const vpcBlocks =
    spec.sshRunner === true &&
    spec.sshAddress === 'private-ip' &&
    spec.securityGroupIds.length === 0
      ? await vpcIpv4Blocks(client, region, vpcId)
      : [];
  const cidrs = [...new Set([...spec.sshCidrs, ...vpcBlocks])];
  const sg = await ensureSecurityGroup(
    client,
    region,
    {
      vpcId,
      name: spec.names.securityGroup,
      sshPort: spec.sshPort,
      cidrs,
      tags: spec.tags,
      given: spec.securityGroupIds,
    },
    { ...opts.visibility, log },
  );
  log(
    sg.status === 'given'
      ? `${region}: security groups ${sg.groupIds.join(', ')} (given)`
      : `${region}: security group ${spec.names.securityGroup} ${sg.groupIds.join(', ')} ${sg.status}, TCP ${spec.sshPort} from ${cidrs.join(', ') || 'no fixed address'}${vpcBlocks.length > 0 ? ` (the VPC's blocks: ssh-address private-ip)` : ''}`,
  );

  const lt = await ensureLaunchTemplate(client, region, {
    name: spec.names.launchTemplate,
    imageId: image.imageId,
    rootDeviceName: image.rootDeviceName,
    userData: spec.userData,
    securityGroupIds: sg.groupIds,
    tags: spec.tags,
    instanceTags: spec.instanceTags,
  });
  log(
    `${region}: launch template ${spec.names.launchTemplate} ${lt.id} version ${lt.version} ${lt.created ? 'created' : 'added'}`,
  );
  for (const w of lt.warnings) log(`${region}: launch template warning: ${w}`);

  return {
    region,
    imageId: image.imageId,
    subnets,
    securityGroupIds: sg.groupIds,
    launchTemplate: { id: lt.id, version: lt.version },
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
