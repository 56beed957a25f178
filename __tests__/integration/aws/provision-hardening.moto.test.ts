import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';
import { provision } from '../../../src/modes/deploy/provision.js';
import { memoryState } from '../../../src/modes/state.js';
import { hasMoto } from '../../helpers/moto.js';
import { motoBehindProxy } from '../../helpers/moto-proxy.js';
import { recordingSink } from '../../helpers/recording-sink.js';

// provision() against moto through the EC2 fault proxy: what real EC2 does and moto does not
// (a group or template unknown for seconds after its create call), and the network checks that
// must fail before anything is created in any region.
const REGIONS = ['eu-west-1', 'us-east-1'];
const userKey = generateEd25519('hardening-user');

describe.skipIf(!hasMoto)('provision against moto: eventual consistency, network checks', () => {
  const stand = motoBehindProxy();
  /** Product clients go through the proxy; the test's own assertions talk to moto directly. */
  const ec2 = (region: string) => stand.ec2(region);

  async function deploy(values: Partial<Record<InputName, string>>, regions = REGIONS) {
    const all: Partial<Record<InputName, string>> = {
      regions: regions.join(','),
      'deployment-id': 'hard',
      count: String(regions.length),
      'bundle-path': 'examples/bundle',
      'ssh-address': 'private-ip',
      'ssh-private-key': userKey.privateKey,
      'launch-timeout': '60s',
      ...values,
    };
    const inputs = parseInputs((n) => all[n] ?? '', {
      workspace: process.cwd(),
      defaultRegion: undefined,
    });
    const plan = buildPlan(inputs, { tempDir: mkdtempSync(join(tmpdir(), 'hard-')) }, new Date());
    const sink = recordingSink();
    const host = generateEd25519('host');
    const run = provision(
      plan,
      { clientPublicKey: userKey.publicKey, hostPublicKey: host.publicKey },
      Buffer.from('#cloud-config\n'),
      { sink, state: memoryState(), ec2 },
    );
    return { run, sink };
  }

  /** Groups and templates spot-deploy left in `region` (moto's default group aside). */
  async function leftovers(region: string) {
    const c = stand.moto.client(region);
    const groups = (await c.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
    const templates = (await c.send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates ?? [];
    return [
      ...groups.filter((g) => g.GroupName !== 'default').map((g) => g.GroupId),
      ...templates.map((t) => t.LaunchTemplateId),
    ];
  }

  it.each(['thrown', 'errorSet'] as const)(
    'a group and a template unknown for 2 s after create (CreateFleet: %s): the run waits, then launches',
    async (fleet) => {
      stand.proxy.notVisibleAfterCreate({ windowMs: 2_000, fleet });
      const { run, sink } = await deploy({}, ['eu-west-1']);
      const res = await run;
      expect(res.running).toHaveLength(1);
      expect(res.shortfall).toBe(0);
      expect(stand.proxy.count('AuthorizeSecurityGroupIngress', 'not-visible')).toBeGreaterThan(0);
      expect(stand.proxy.count('CreateFleet', 'not-visible')).toBeGreaterThan(0);
      expect(stand.proxy.count('CreateFleet', 'forwarded')).toBe(1);
      expect(sink.lines.join('\n')).toMatch(/not visible to ec2:CreateFleet yet/);
    },
    40_000,
  );

  it('public-dns in a VPC without DNS hostnames fails before any group or template exists', async () => {
    // The second region's default VPC has DNS hostnames off: the first region must not have
    // been prepared when that is found.
    const c = stand.moto.client('us-east-1');
    const vpc = (
      await c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))
    ).Vpcs?.[0]?.VpcId;
    await c.send(
      new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: false } }),
    );
    const { run } = await deploy({ 'ssh-address': 'public-dns' });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('ssh-address');
    expect((err as Error).message).toContain(`VPC ${vpc} in us-east-1 has DNS hostnames off`);
    for (const r of REGIONS) expect(await leftovers(r)).toEqual([]);
    expect(
      stand.proxy.count('CreateSecurityGroup') + stand.proxy.count('CreateLaunchTemplate'),
    ).toBe(0);
  });

  it('an IPv6-only subnet fails before launching, naming subnet-ids', async () => {
    const c = stand.moto.client('eu-west-1');
    const vpc = await c.send(
      new CreateVpcCommand({ CidrBlock: '10.9.0.0/16', AmazonProvidedIpv6CidrBlock: true }),
    );
    const v6 = vpc.Vpc?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock ?? '';
    expect(v6).toMatch(/::\/56$/);
    const subnet = await c.send(
      new CreateSubnetCommand({
        VpcId: vpc.Vpc?.VpcId,
        Ipv6Native: true,
        Ipv6CidrBlock: v6.replace(/::\/56$/, '::/64'),
        AvailabilityZone: 'eu-west-1a',
      }),
    );
    const id = subnet.Subnet?.SubnetId ?? '';
    const { run } = await deploy({ 'subnet-ids': id }, ['eu-west-1']);
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('subnet-ids');
    expect((err as Error).message).toContain(`subnet ${id} in eu-west-1 is IPv6-only`);
    expect(await leftovers('eu-west-1')).toEqual([]);
  });

  // One version per run (T types only), or two (the default list mixes T and other types: the
  // CPU credits get their own version), and two runs' worth are kept either way.
  it.each([
    ['t3.small,t3a.small', ['2']],
    ['t3.small,t3a.small,m7i.large', ['2', '3', '4']],
  ])(
    'after a launch, asks to delete the template versions beyond the default and the newest two runs (%s)',
    async (types, doomed) => {
      for (let k = 0; k < 4; k++) {
        stand.proxy.reset();
        // One more instance each time, so every run launches and adds a template version.
        const { run, sink } = await deploy({ count: String(k + 1), 'instance-types': types }, [
          'eu-west-1',
        ]);
        await run;
        if (k < 3) continue;
        const del = stand.proxy.calls.filter((x) => x.action === 'DeleteLaunchTemplateVersions');
        // The SDK's own retries repeat the call moto refuses with a 5xx: the same call each time.
        expect(del.length).toBeGreaterThan(0);
        for (const d of del) {
          const asked = doomed.map((_, i) => d.params.get(`LaunchTemplateVersion.${i + 1}`));
          expect(asked).toEqual(doomed);
          expect(d.params.get(`LaunchTemplateVersion.${doomed.length + 1}`)).toBeNull();
        }
        // moto 5 does not implement DeleteLaunchTemplateVersions: a refusal is a warning, the
        // deploy goes on (on EC2 the call succeeds).
        expect(sink.warnings.join('\n')).toMatch(/DeleteLaunchTemplateVersions|delete/);
      }
    },
    60_000,
  );
});
