import {
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveSubnets } from '../../../src/aws/network.js';
import { InputError } from '../../../src/errors.js';
import type { SshAddress } from '../../../src/inputs/types.js';

const R = 'eu-west-1';
const client = new EC2Client({ region: R });
const ec2 = mockClient(client);
beforeEach(() => ec2.reset());

const subnet = (over: Partial<Subnet> = {}): Subnet => ({
  SubnetId: 'subnet-a',
  VpcId: 'vpc-1',
  AvailabilityZone: 'eu-west-1a',
  MapPublicIpOnLaunch: true,
  ...over,
});

async function inputError(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('network checks before launching', () => {
  it.each<SshAddress>(['private-ip', 'public-ip', 'public-dns'])(
    'an IPv6-only subnet is refused with ssh-address %s, naming subnet-ids',
    async (address) => {
      ec2.on(DescribeSubnetsCommand).resolves({
        Subnets: [subnet(), subnet({ SubnetId: 'subnet-6', Ipv6Native: true })],
      });
      ec2.on(DescribeVpcAttributeCommand).resolves({ EnableDnsHostnames: { Value: true } });
      const e = await inputError(resolveSubnets(client, R, ['subnet-a', 'subnet-6'], address));
      expect(e.input).toBe('subnet-ids');
      expect(e.message).toContain('subnet subnet-6 in eu-west-1 is IPv6-only (Ipv6Native)');
      expect(e.message).toContain(`ssh-address ${address} is an IPv4 address`);
    },
  );

  it('public-dns in a VPC with DNS hostnames off is refused, naming ssh-address', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [subnet()] });
    ec2.on(DescribeVpcAttributeCommand).resolves({ EnableDnsHostnames: { Value: false } });
    const e = await inputError(resolveSubnets(client, R, ['subnet-a'], 'public-dns'));
    expect(e.input).toBe('ssh-address');
    expect(e.message).toContain('VPC vpc-1 in eu-west-1 has DNS hostnames off');
    expect(e.message).toContain('use ssh-address: public-ip');
    expect(ec2.commandCalls(DescribeVpcAttributeCommand)[0]?.args[0].input).toEqual({
      VpcId: 'vpc-1',
      Attribute: 'enableDnsHostnames',
    });
  });

  it('public-dns with DNS hostnames on passes; IP addresses never ask for the attribute', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [subnet()] });
    ec2.on(DescribeVpcAttributeCommand).resolves({ EnableDnsHostnames: { Value: true } });
    await expect(resolveSubnets(client, R, ['subnet-a'], 'public-dns')).resolves.toHaveLength(1);
    ec2.resetHistory();
    await resolveSubnets(client, R, ['subnet-a'], 'public-ip');
    await resolveSubnets(client, R, ['subnet-a'], 'private-ip');
    expect(ec2.commandCalls(DescribeVpcAttributeCommand)).toHaveLength(0);
  });

  it('a denied DescribeVpcAttribute names the IAM action', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-d' }] });
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [subnet({ VpcId: 'vpc-d' })] });
    ec2
      .on(DescribeVpcAttributeCommand)
      .rejects(Object.assign(new Error('no'), { name: 'UnauthorizedOperation' }));
    await expect(resolveSubnets(client, R, [], 'public-dns')).rejects.toThrow(
      /Could not read enableDnsHostnames of vpc-d in eu-west-1: UnauthorizedOperation: no \(allow ec2:DescribeVpcAttribute/,
    );
  });
});
