// Images against moto with an image catalogue as EC2 has it (helpers/moto.ts IMAGE_CATALOGUE):
// the amazon-linux-2023 alias resolves to Amazon's newest standard build per architecture (not
// the minimal one, not someone else's look-alike), and a per-region `ami` map launches each
// region's own image in one deploy over two regions. Nothing leaves 127.0.0.0/8.
import {
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveImage } from '../../../src/aws/ami.js';
import { ec2Clients } from '../../../src/aws/clients.js';
import { TAG } from '../../../src/aws/types.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';
import { provision } from '../../../src/modes/deploy/provision.js';
import { memoryState } from '../../../src/modes/state.js';
import { hasMoto, IMAGE_CATALOGUE, startMoto, useMotoEnv, type Moto } from '../../helpers/moto.js';
import { recordingSink } from '../../helpers/recording-sink.js';

const REGIONS = ['eu-west-1', 'us-east-1'];
const userKey = generateEd25519('images-user');

describe.skipIf(!hasMoto)('images against moto', () => {
  let moto: Moto;
  let restore: () => void;
  const clients = ec2Clients();
  const scratch: string[] = [];

  beforeAll(async () => {
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    restore = useMotoEnv(moto);
  }, 60_000);
  afterAll(async () => {
    clients.destroy();
    restore?.();
    await moto?.stop();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });

  /** Provisions a deployment of 2 over REGIONS with these image inputs (no SSH: no bundle sent). */
  async function provisionWith(image: Partial<Record<InputName, string>>, runId: string) {
    const values: Partial<Record<InputName, string>> = {
      regions: REGIONS.join(','),
      count: '2',
      'bundle-path': 'examples/bundle',
      'ssh-address': 'private-ip',
      'ssh-private-key': userKey.privateKey,
      'launch-timeout': '60s',
      ...image,
    };
    const inputs = parseInputs((n) => values[n] ?? '', {
      workspace: process.cwd(),
      defaultRegion: undefined,
    });
    const tempDir = mkdtempSync(join(tmpdir(), 'images-'));
    scratch.push(tempDir);
    const plan = buildPlan(inputs, { tempDir, runId }, new Date());
    const sink = recordingSink();
    const res = await provision(
      plan,
      { clientPublicKey: userKey.publicKey, hostPublicKey: generateEd25519('host').publicKey },
      Buffer.from('#cloud-config\n'),
      { sink, state: memoryState(), ec2: clients.get },
    );
    return { res, sink };
  }

  it.each([
    ['x86_64', 'ami-0a000000000000012', 'al2023-ami-2023.7.20260301.0-kernel-6.12-x86_64'],
    ['arm64', 'ami-0a000000000000013', 'al2023-ami-2023.7.20260301.0-kernel-6.12-arm64'],
  ] as const)(
    'amazon-linux-2023 resolves to the newest Amazon-owned standard %s build in each region',
    async (arch, id, name) => {
      for (const region of REGIONS) {
        const image = await resolveImage(clients.get(region), region, 'amazon-linux-2023', arch);
        expect(image).toMatchObject({
          imageId: id,
          name,
          architecture: arch,
          rootDeviceName: '/dev/xvda',
          alias: 'amazon-linux-2023',
        });
        expect(image.creationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
    },
  );

  it('a per-region ami map launches each region its own image, and the log names each', async () => {
    const ubuntuOld = 'ami-0a000000000000001'; // not the alias's newest: only the map picks it
    const al2023 = 'ami-0a000000000000011';
    const { res, sink } = await provisionWith(
      { ami: `us-east-1=${al2023}, eu-west-1=${ubuntuOld}`, 'deployment-id': 'image-map' },
      '91',
    );
    expect(res.running).toHaveLength(2);

    const expected: Record<string, { id: string; root: string }> = {
      'eu-west-1': { id: ubuntuOld, root: '/dev/sda1' },
      'us-east-1': { id: al2023, root: '/dev/xvda' },
    };
    for (const region of REGIONS) {
      const want = expected[region];
      const out = await moto.client(region).send(
        new DescribeInstancesCommand({
          Filters: [{ Name: `tag:${TAG.deployment}`, Values: ['image-map'] }],
        }),
      );
      const xs: Instance[] = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
      expect(xs, region).toHaveLength(1);
      expect(xs[0]?.ImageId, region).toBe(want?.id);
      const lt = await moto.client(region).send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateName: 'spot-deploy-image-map',
        }),
      );
      const data = lt.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
      expect(data?.ImageId, region).toBe(want?.id);
      // The root-volume mapping names the image's own root device.
      expect(data?.BlockDeviceMappings?.[0]?.DeviceName, region).toBe(want?.root);
    }
    const imageLines = sink.lines.filter((l) => /^info: [a-z0-9-]+: image /.test(l));
    expect(imageLines).toEqual([
      expect.stringMatching(
        /^info: eu-west-1: image ami-0a000000000000001 \(ubuntu\/images\/\S+-20250101, created \S+\), x86_64$/,
      ),
      expect.stringMatching(
        /^info: us-east-1: image ami-0a000000000000011 \(al2023-ami-2023\.6\.\S+-x86_64, created \S+\), x86_64$/,
      ),
    ]);
  }, 120_000);

  it('the alias in a deploy logs the build it chose in each region', async () => {
    const { res, sink } = await provisionWith(
      { ami: 'amazon-linux-2023', architecture: 'arm64', 'deployment-id': 'image-alias' },
      '92',
    );
    expect(res.running).toHaveLength(2);
    const imageLines = sink.lines.filter((l) => /^info: [a-z0-9-]+: image /.test(l));
    expect(imageLines).toHaveLength(REGIONS.length);
    REGIONS.forEach((r, i) =>
      expect(imageLines[i]).toMatch(
        new RegExp(
          `^info: ${r}: image ami-0a000000000000013 \\(al2023-ami-2023\\.7\\.20260301\\.0-kernel-6\\.12-arm64, created \\S+\\) for alias amazon-linux-2023, arm64$`,
        ),
      ),
    );
  }, 120_000);
});
