import {
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeLaunchTemplatesCommand,
  EC2Client,
  type CreateFleetCommandInput,
  type ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { provisionFleet } from '../../../src/aws/fleet-regions.js';
import { prepareRegion, type RegionSpec } from '../../../src/aws/region.js';
import { TAG } from '../../../src/aws/types.js';
import { InputError } from '../../../src/errors.js';
import { hasMoto, startMoto, stockImage, useMotoEnv, type Moto } from '../../helpers/moto.js';
import { GP3, regionSpec } from '../../helpers/region-spec.js';

const R = 'eu-west-1';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe.skipIf(!hasMoto)('launch options in the launch template, against moto', () => {
  let moto: Moto;
  let restore: () => void;
  let client: EC2Client;
  let image: { id: string; rootDevice: string; rootGiB: number | undefined };

  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto);
    client = new EC2Client({ region: R });
  });
  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    image = await stockImage(client);
    expect(image.id).toMatch(/^ami-/);
    expect(image.rootDevice).not.toBe('');
  });

  const spec = (over: Partial<RegionSpec> = {}) =>
    regionSpec(R, image.id, 'lo-1', {
      tags: { [TAG.deployment]: 'lo-1', Name: 'spot-deploy-lo-1' },
      instanceTags: { [TAG.deployment]: 'lo-1', Name: 'spot-deploy-lo-1' },
      ...over,
    });

  async function versionData(id: string, version: string): Promise<ResponseLaunchTemplateData> {
    const out = await client.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: [version] }),
    );
    const data = out.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
    if (data === undefined) throw new Error(`no data for ${id} version ${version}`);
    return data;
  }

  it('t3.small: the mapping (size, type, IOPS, throughput, encrypted, deleted, KMS key), the profile, standard credits', async () => {
    const r = await prepareRegion(
      client,
      R,
      spec({
        rootVolume: {
          type: 'gp3',
          sizeGiB: 40,
          iops: 4000,
          throughputMiBs: 250,
          kmsKeyId: KEY_ARN,
        },
        instanceProfile: { name: 'spot-deploy-instance-app' },
      }),
    );
    expect(r.launchTemplate.burstableVersion).toBeUndefined();
    const data = await versionData(r.launchTemplate.id, r.launchTemplate.version);
    expect(data.BlockDeviceMappings).toEqual([
      {
        DeviceName: image.rootDevice,
        Ebs: {
          Encrypted: true,
          DeleteOnTermination: true,
          VolumeType: 'gp3',
          VolumeSize: 40,
          Iops: 4000,
          Throughput: 250,
          KmsKeyId: KEY_ARN,
        },
      },
    ]);
    expect(data.IamInstanceProfile).toEqual({ Name: 'spot-deploy-instance-app' });
    expect(data.CreditSpecification).toEqual({ CpuCredits: 'standard' });
  });

  it('the defaults: encrypted gp3 with the account key, no size, no profile', async () => {
    const r = await prepareRegion(client, R, spec({ instanceTypes: ['m7i.large'] }));
    const data = await versionData(r.launchTemplate.id, r.launchTemplate.version);
    expect(data.BlockDeviceMappings).toEqual([
      {
        DeviceName: image.rootDevice,
        Ebs: { Encrypted: true, DeleteOnTermination: true, VolumeType: 'gp3' },
      },
    ]);
    expect(data.IamInstanceProfile).toBeUndefined();
    expect(data.CreditSpecification).toBeUndefined();
  });

  it('mixed t3.small, m7i.large: the credits only on the T version; one fleet launches both types', async () => {
    const r = await prepareRegion(
      client,
      R,
      spec({ instanceTypes: ['t3.small', 'm7i.large'], cpuCredits: 'standard' }),
    );
    const { id, version, burstableVersion } = r.launchTemplate;
    expect([version, burstableVersion]).toEqual(['1', '2']);
    const plain = await versionData(id, version);
    const burstable = await versionData(id, burstableVersion ?? '');
    expect(plain.CreditSpecification).toBeUndefined();
    expect(burstable.CreditSpecification).toEqual({ CpuCredits: 'standard' });
    // Otherwise the same launch (moto adds the template's own tags to version 1's TagSpecifications).
    const launch = (d: ResponseLaunchTemplateData) => ({
      image: d.ImageId,
      userData: d.UserData,
      mapping: d.BlockDeviceMappings,
      groups: d.SecurityGroupIds,
      metadata: d.MetadataOptions,
      shutdown: d.InstanceInitiatedShutdownBehavior,
    });
    expect(launch(burstable)).toEqual(launch(plain));
    expect(launch(plain).image).toBe(image.id);

    // The request as sent: one LaunchTemplateConfig per version, the T type under the credits one.
    const sent: CreateFleetCommandInput[] = [];
    const recording = new EC2Client({ region: R });
    recording.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'CreateFleetCommand')
          sent.push(args.input as CreateFleetCommandInput);
        return next(args);
      },
      { step: 'initialize', name: 'recordCreateFleet' },
    );
    const fleet = await provisionFleet([{ region: R, client: recording, resources: r, count: 2 }], {
      instanceTypes: ['t3.small', 'm7i.large'],
      onDemandFallback: false,
      tags: spec().instanceTags,
      onLaunched: () => {},
      sleep: async () => {},
    });
    const configs = sent[0]?.LaunchTemplateConfigs ?? [];
    expect(
      configs.map((c) => [
        c.LaunchTemplateSpecification?.Version,
        [...new Set(c.Overrides?.map((o) => o.InstanceType))],
      ]),
    ).toEqual([
      ['2', ['t3.small']],
      ['1', ['m7i.large']],
    ]);
    expect(fleet.errors).toEqual([]);
    expect(fleet.instances).toHaveLength(2);
    const described = await client.send(
      new DescribeInstancesCommand({ InstanceIds: fleet.instances.map((i) => i.id) }),
    );
    const live = (described.Reservations ?? []).flatMap((x) => x.Instances ?? []);
    expect(live.every((i) => i.State?.Name === 'running')).toBe(true);
  });

  it("a size under the image's root snapshot: InputError naming root-volume-size, nothing created", async () => {
    expect(image.rootGiB, 'moto reports the root snapshot size').toBeGreaterThan(1);
    const small = (image.rootGiB ?? 8) - 1;
    const err = await prepareRegion(
      client,
      R,
      spec({ rootVolume: { ...GP3, sizeGiB: small } }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('root-volume-size');
    const groups = await client.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['spot-deploy-lo-1'] }],
      }),
    );
    expect(groups.SecurityGroups ?? []).toEqual([]);
    const templates = await client.send(new DescribeLaunchTemplatesCommand({}));
    expect(templates.LaunchTemplates ?? []).toEqual([]);
  });
});
