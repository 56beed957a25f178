import {
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildFleetRequest, allPools } from '../../../src/aws/fleet-request.js';
import { launchTemplateData } from '../../../src/aws/launch-template.js';
import {
  creditVersions,
  iamInstanceProfile,
  isBurstable,
  rootBlockDevice,
} from '../../../src/aws/launch-options.js';
import { prepareRegion, type RegionSpec } from '../../../src/aws/region.js';
import type { RegionResources } from '../../../src/aws/types.js';
import { InputError } from '../../../src/errors.js';
import { GP3, regionSpec } from '../../helpers/region-spec.js';

const R = 'eu-west-1';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('rootBlockDevice', () => {
  it("defaults: encrypted gp3 on the image's root device, deleted with the instance, image size", () => {
    expect(rootBlockDevice('/dev/xvda', GP3)).toEqual({
      DeviceName: '/dev/xvda',
      Ebs: { Encrypted: true, DeleteOnTermination: true, VolumeType: 'gp3' },
    });
  });
  it('every option given', () => {
    expect(
      rootBlockDevice('/dev/sda1', {
        type: 'gp3',
        sizeGiB: 40,
        iops: 6000,
        throughputMiBs: 500,
        kmsKeyId: KEY_ARN,
      }),
    ).toEqual({
      DeviceName: '/dev/sda1',
      Ebs: {
        Encrypted: true,
        DeleteOnTermination: true,
        VolumeType: 'gp3',
        VolumeSize: 40,
        Iops: 6000,
        Throughput: 500,
        KmsKeyId: KEY_ARN,
      },
    });
  });
});

describe('instance profile and CPU credits', () => {
  it('a name or an ARN, in the field EC2 reads it from', () => {
    expect(iamInstanceProfile({ name: 'app' })).toEqual({ Name: 'app' });
    expect(iamInstanceProfile({ arn: 'arn:aws:iam::1:instance-profile/app' })).toEqual({
      Arn: 'arn:aws:iam::1:instance-profile/app',
    });
  });
  it.each([
    ['t2.micro', true],
    ['t3.small', true],
    ['t3a.small', true],
    ['t4g.medium', true],
    ['m7i.large', false],
    ['trn1.2xlarge', false],
    ['m7i-flex.large', false],
    ['c6gn.medium', false],
  ])('%s burstable: %s', (type, want) => expect(isBurstable(type)).toBe(want));
  it('a list of T types only, of others only, or mixed', () => {
    expect(creditVersions(['t3.small', 't3a.small'])).toBe('all');
    expect(creditVersions(['m7i.large'])).toBe('none');
    expect(creditVersions(['t3.small', 't3a.small', 'm7i.large'])).toBe('split');
  });
});

describe('launchTemplateData', () => {
  const spec = {
    name: 'spot-deploy-pr-7',
    imageId: 'ami-1',
    rootDeviceName: '/dev/sda1',
    userData: Buffer.from('#cloud-config\n'),
    securityGroupIds: ['sg-1'],
    rootVolume: { ...GP3, sizeGiB: 30, kmsKeyId: KEY_ARN },
    tags: {},
    instanceTags: {},
  };
  it('carries the mapping, the profile and the credit specification when asked', () => {
    const d = launchTemplateData({
      ...spec,
      instanceProfile: { name: 'app' },
      cpuCredits: 'standard',
    });
    expect(d.BlockDeviceMappings).toEqual([rootBlockDevice('/dev/sda1', spec.rootVolume)]);
    expect(d.IamInstanceProfile).toEqual({ Name: 'app' });
    expect(d.CreditSpecification).toEqual({ CpuCredits: 'standard' });
    // The profile's credentials are behind IMDSv2 with one hop, as before.
    expect(d.MetadataOptions).toEqual({
      HttpTokens: 'required',
      HttpEndpoint: 'enabled',
      HttpPutResponseHopLimit: 1,
    });
  });
  it('neither profile nor credit specification unless given', () => {
    const d = launchTemplateData(spec);
    expect(d).not.toHaveProperty('IamInstanceProfile');
    expect(d).not.toHaveProperty('CreditSpecification');
  });
});

describe('buildFleetRequest with a mixed type list', () => {
  const subnets = [
    { subnetId: 'subnet-a', availabilityZone: 'eu-west-1a', vpcId: 'vpc-1' },
    { subnetId: 'subnet-b', availabilityZone: 'eu-west-1b', vpcId: 'vpc-1' },
  ];
  const resources = (burstableVersion?: string): RegionResources => ({
    region: R,
    imageId: 'ami-1',
    subnets,
    securityGroupIds: ['sg-1'],
    launchTemplate: { id: 'lt-1', version: '4', ...(burstableVersion ? { burstableVersion } : {}) },
  });
  const request = (types: string[], burstableVersion?: string) =>
    buildFleetRequest({
      resources: resources(burstableVersion),
      lifecycle: 'spot',
      count: 2,
      pools: allPools(types, subnets),
      tags: {},
      clientToken: 't',
    });

  it('t3.small, m7i.large: the T type from the credits version, m7i from the plain one', () => {
    const configs = request(['t3.small', 'm7i.large'], '5').LaunchTemplateConfigs ?? [];
    expect(configs).toEqual([
      {
        LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', Version: '5' },
        Overrides: [
          { InstanceType: 't3.small', SubnetId: 'subnet-a' },
          { InstanceType: 't3.small', SubnetId: 'subnet-b' },
        ],
      },
      {
        LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', Version: '4' },
        Overrides: [
          { InstanceType: 'm7i.large', SubnetId: 'subnet-a' },
          { InstanceType: 'm7i.large', SubnetId: 'subnet-b' },
        ],
      },
    ]);
  });

  it('one version: one config, as before', () => {
    const configs = request(['t3.small', 't3a.small']).LaunchTemplateConfigs ?? [];
    expect(configs).toHaveLength(1);
    expect(configs[0]?.LaunchTemplateSpecification).toEqual({
      LaunchTemplateId: 'lt-1',
      Version: '4',
    });
    expect(configs[0]?.Overrides).toHaveLength(4);
  });

  it('only the non-T pools left (the T ones dropped on capacity): only the plain version', () => {
    const configs =
      buildFleetRequest({
        resources: resources('5'),
        lifecycle: 'spot',
        count: 1,
        pools: allPools(['m7i.large'], subnets),
        tags: {},
        clientToken: 't',
      }).LaunchTemplateConfigs ?? [];
    expect(configs.map((c) => c.LaunchTemplateSpecification?.Version)).toEqual(['4']);
  });
});

describe('prepareRegion: launch options', () => {
  const client = new EC2Client({ region: R });
  const ec2 = mockClient(client);
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeImagesCommand).resolves({
      Images: [
        {
          ImageId: 'ami-0123456789abcdef0',
          Architecture: 'x86_64',
          RootDeviceName: '/dev/sda1',
          RootDeviceType: 'ebs',
          State: 'available',
          BlockDeviceMappings: [
            { DeviceName: '/dev/sda1', Ebs: { VolumeSize: 30, SnapshotId: 'snap-1' } },
          ],
        },
      ],
    });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-d' }] });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        {
          SubnetId: 'subnet-a',
          VpcId: 'vpc-d',
          AvailabilityZone: 'eu-west-1a',
          MapPublicIpOnLaunch: true,
        },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-new' });
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
    ec2.on(CreateLaunchTemplateCommand).resolvesOnce({
      LaunchTemplate: { LaunchTemplateId: 'lt-1', LatestVersionNumber: 1 },
    });
  });
  const spec = (over: Partial<RegionSpec> = {}) =>
    regionSpec(R, 'ami-0123456789abcdef0', 'pr-7', over);

  it("a size under the image's root snapshot fails naming root-volume-size, before anything is created", async () => {
    const err = await prepareRegion(client, R, spec({ rootVolume: { ...GP3, sizeGiB: 8 } })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('root-volume-size');
    expect((err as InputError).message).toContain('root snapshot (30 GiB)');
    const calls = ec2.calls().map((c) => c.args[0].constructor.name);
    expect(calls).toEqual(['DescribeImagesCommand']);
  });

  it('the IOPS ratio against the image size when no size is given (io1, 30 GiB: 1500 max)', async () => {
    const err = await prepareRegion(
      client,
      R,
      spec({ rootVolume: { ...GP3, type: 'io1', iops: 2000 } }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as InputError).input).toBe('root-volume-iops');
    expect(ec2.commandCalls(CreateLaunchTemplateCommand)).toHaveLength(0);
  });

  it('T types only: one version with the credit specification', async () => {
    const r = await prepareRegion(client, R, spec({ instanceProfile: { name: 'app' } }));
    expect(r.launchTemplate).toEqual({ id: 'lt-1', version: '1' });
    const data = ec2.commandCalls(CreateLaunchTemplateCommand)[0]?.args[0].input.LaunchTemplateData;
    expect(data?.CreditSpecification).toEqual({ CpuCredits: 'standard' });
    expect(data?.IamInstanceProfile).toEqual({ Name: 'app' });
    expect(data?.BlockDeviceMappings?.[0]?.DeviceName).toBe('/dev/sda1');
    expect(ec2.commandCalls(CreateLaunchTemplateVersionCommand)).toHaveLength(0);
  });

  it('no T type: no credit specification at all', async () => {
    await prepareRegion(client, R, spec({ instanceTypes: ['m7i.large', 'c7i.large'] }));
    const data = ec2.commandCalls(CreateLaunchTemplateCommand)[0]?.args[0].input.LaunchTemplateData;
    expect(data).not.toHaveProperty('CreditSpecification');
  });

  it('mixed t3.small, m7i.large: a plain version, then one with the credits for the T type', async () => {
    // The first call creates the template; the second finds it and adds a version.
    ec2
      .on(CreateLaunchTemplateCommand)
      .resolvesOnce({ LaunchTemplate: { LaunchTemplateId: 'lt-1', LatestVersionNumber: 1 } })
      .rejects(
        Object.assign(new Error('exists'), {
          name: 'InvalidLaunchTemplateName.AlreadyExistsException',
        }),
      );
    ec2.on(CreateLaunchTemplateVersionCommand).resolves({
      LaunchTemplateVersion: { LaunchTemplateId: 'lt-1', VersionNumber: 2 },
    });
    const lines: string[] = [];
    const r = await prepareRegion(
      client,
      R,
      spec({ instanceTypes: ['t3.small', 'm7i.large'], cpuCredits: 'unlimited' }),
      (l) => lines.push(l),
    );
    expect(r.launchTemplate).toEqual({ id: 'lt-1', version: '1', burstableVersion: '2' });
    const first = ec2.commandCalls(CreateLaunchTemplateCommand)[0]?.args[0].input
      .LaunchTemplateData;
    expect(first).not.toHaveProperty('CreditSpecification');
    const second = ec2.commandCalls(CreateLaunchTemplateVersionCommand)[0]?.args[0].input
      .LaunchTemplateData;
    expect(second?.CreditSpecification).toEqual({ CpuCredits: 'unlimited' });
    expect({ ...second, CreditSpecification: undefined }).toEqual({
      ...first,
      CreditSpecification: undefined,
    });
    expect(lines.join('\n')).toContain('version 2 (CPU credits unlimited) for the T types');
  });
});
