import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  type EC2Client,
  type LaunchTemplateTagSpecificationRequest,
  type RequestLaunchTemplateData,
  type ResourceType,
  type ValidationWarning,
} from '@aws-sdk/client-ec2';
import type { CpuCredits, InstanceProfile, RootVolume } from '../inputs/launch-options.js';
import { AwsError, awsError, errorCode } from './aws-errors.js';
import { iamInstanceProfile, rootBlockDevice } from './launch-options.js';
import { TAG, type Tags } from './types.js';

export interface LaunchTemplateSpec {
  readonly name: string;
  readonly imageId: string;
  readonly rootDeviceName: string;
  /** Raw cloud-init user-data. It carries the instance's SSH host private key: never log it. */
  readonly userData: Buffer;
  readonly securityGroupIds: readonly string[];
  readonly rootVolume: RootVolume;
  readonly instanceProfile?: InstanceProfile | undefined;
  /** Set only on a version that launches T types alone (see creditVersions). */
  readonly cpuCredits?: CpuCredits | undefined;
  /** Tags of the template itself (TAG.managed is added). */
  readonly tags: Tags;
  /** Tags the template puts on each instance and its volumes. */
  readonly instanceTags: Tags;
}

export interface LaunchTemplateRef {
  readonly id: string;
  /** An explicit version number, never `$Latest`: a concurrent run may add a version meanwhile. */
  readonly version: string;
  /** False when a version was added to an existing template (a redeploy). */
  readonly created: boolean;
  /** EC2's validation warnings (bad ids and the like that it accepted anyway). */
  readonly warnings: readonly string[];
}

const ALREADY_EXISTS = 'InvalidLaunchTemplateName.AlreadyExistsException';

function tagSpec(ResourceType: ResourceType, tags: Tags): LaunchTemplateTagSpecificationRequest[] {
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length > 0 ? [{ ResourceType, Tags: list }] : [];
}

/** The launch data every version carries; only the user-data (and image) differ between runs. */
export function launchTemplateData(spec: LaunchTemplateSpec): RequestLaunchTemplateData {
  return {
    ImageId: spec.imageId,
    UserData: spec.userData.toString('base64'),
    // IMDSv2 only, one hop: a container on the instance cannot reach the credentials endpoint.
    MetadataOptions: {
      HttpTokens: 'required',
      HttpEndpoint: 'enabled',
      HttpPutResponseHopLimit: 1,
    },
    // The services reach AWS with the profile's role through IMDS, under the options above.
    ...(spec.instanceProfile
      ? { IamInstanceProfile: iamInstanceProfile(spec.instanceProfile) }
      : {}),
    BlockDeviceMappings: [rootBlockDevice(spec.rootDeviceName, spec.rootVolume)],
    ...(spec.cpuCredits ? { CreditSpecification: { CpuCredits: spec.cpuCredits } } : {}),
    // The on-instance TTL runs `shutdown`: that must end the bill, not leave a stopped instance.
    InstanceInitiatedShutdownBehavior: 'terminate',
    SecurityGroupIds: [...spec.securityGroupIds],
    TagSpecifications: [
      ...tagSpec('instance', spec.instanceTags),
      ...tagSpec('volume', spec.instanceTags),
    ],
  };
}

function warningsOf(w: ValidationWarning | undefined): string[] {
  return (w?.Errors ?? []).map((e) => `${e.Code ?? 'Warning'}: ${e.Message ?? ''}`);
}

/**
 * The deployment's launch template with this run's data: created on the first run, a new version
 * on a redeploy (the template name is the deployment's, the user-data is the run's).
 */
export async function ensureLaunchTemplate(
  client: EC2Client,
  region: string,
  spec: LaunchTemplateSpec,
): Promise<LaunchTemplateRef> {
  const data = launchTemplateData(spec);
  try {
    const out = await client.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: spec.name,
        LaunchTemplateData: data,
        TagSpecifications: tagSpec('launch-template', { ...spec.tags, [TAG.managed]: 'true' }),
      }),
    );
    const lt = out.LaunchTemplate;
    if (lt?.LaunchTemplateId === undefined) {
      throw noAnswer('CreateLaunchTemplate', region, spec.name);
    }
    return {
      id: lt.LaunchTemplateId,
      version: String(lt.LatestVersionNumber ?? 1),
      created: true,
      warnings: warningsOf(out.Warning),
    };
  } catch (err) {
    if (errorCode(err) !== ALREADY_EXISTS) {
      throw awsError('CreateLaunchTemplate', region, err, `create launch template ${spec.name}`);
    }
  }
  // Exists already (a redeploy, or a concurrent run that got there first): add a version.
  try {
    const out = await client.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: spec.name,
        LaunchTemplateData: data,
      }),
    );
    const v = out.LaunchTemplateVersion;
    if (v?.LaunchTemplateId === undefined || v.VersionNumber === undefined) {
      throw noAnswer('CreateLaunchTemplateVersion', region, spec.name);
    }
    return {
      id: v.LaunchTemplateId,
      version: String(v.VersionNumber),
      created: false,
      warnings: warningsOf(out.Warning),
    };
  } catch (err) {
    throw awsError(
      'CreateLaunchTemplateVersion',
      region,
      err,
      `add a version to launch template ${spec.name}`,
    );
  }
}

function noAnswer(action: string, region: string, name: string): AwsError {
  return new AwsError(
    action,
    region,
    'IncompleteResponse',
    `Could not use launch template ${name} in ${region}: ec2:${action} answered without its id or version.`,
  );
}
