/**
 * The launch options as launch template data (pure): the root volume's block device mapping, the
 * instance profile, and which instance types get a CreditSpecification.
 */
import type {
  LaunchTemplateBlockDeviceMappingRequest,
  LaunchTemplateIamInstanceProfileSpecificationRequest,
} from '@aws-sdk/client-ec2';
import type { InstanceProfile, RootVolume } from '../inputs/launch-options.js';

/**
 * The root device's mapping. Always encrypted (without a KmsKeyId EBS uses the account's default
 * key, aws/ebs unless changed) and deleted with the instance; no VolumeSize keeps the image's.
 */
export function rootBlockDevice(
  deviceName: string,
  rv: RootVolume,
): LaunchTemplateBlockDeviceMappingRequest {
  return {
    DeviceName: deviceName,
    Ebs: {
      Encrypted: true,
      DeleteOnTermination: true,
      VolumeType: rv.type,
      ...(rv.sizeGiB !== undefined ? { VolumeSize: rv.sizeGiB } : {}),
      ...(rv.iops !== undefined ? { Iops: rv.iops } : {}),
      ...(rv.throughputMiBs !== undefined ? { Throughput: rv.throughputMiBs } : {}),
      ...(rv.kmsKeyId !== undefined ? { KmsKeyId: rv.kmsKeyId } : {}),
    },
  };
}

export function iamInstanceProfile(
  profile: InstanceProfile,
): LaunchTemplateIamInstanceProfileSpecificationRequest {
  return 'arn' in profile ? { Arn: profile.arn } : { Name: profile.name };
}

/**
 * Burstable performance (T) families: t2, t3, t3a, t4g (and a later tN). Not trn1 and the like:
 * the family is `t`, a generation digit and attribute letters only.
 */
export function isBurstable(instanceType: string): boolean {
  return /^t\d+[a-z]*\./.test(instanceType);
}

/**
 * Which launch template versions a run needs for `instanceTypes`. CreditSpecification lives only in
 * the launch template (a fleet override cannot carry it) and is "valid only for T instances"
 * (EC2 API reference, RequestLaunchTemplateData); EC2 fails the launch of another type from a
 * template that has one (InstanceCreditSpecification.NotSupported: hashicorp/terraform-provider-aws
 * #5067, #5081). So a list that mixes T and other types gets two versions, the T types' with the
 * credit specification and the others' without, in one CreateFleet (one LaunchTemplateConfig each).
 */
export type CreditVersions = 'none' | 'all' | 'split';

export function creditVersions(instanceTypes: readonly string[]): CreditVersions {
  const burstable = instanceTypes.filter(isBurstable).length;
  if (burstable === 0) return 'none';
  return burstable === instanceTypes.length ? 'all' : 'split';
}
