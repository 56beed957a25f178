import {
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { InputError, errorMessage } from '../errors.js';
import type { SshAddress } from '../inputs/types.js';
import { awsError, errorCode } from './aws-errors.js';
import type { SubnetRef } from './types.js';

const SUBNET_NOT_FOUND: ReadonlySet<string> = new Set([
  'InvalidSubnetID.NotFound',
  'InvalidSubnetID.Malformed',
  'InvalidSubnetId.Malformed',
]);

/**
 * The subnets to launch in: the given ids (all in one VPC, since a launch template carries one
 * set of security groups and those belong to one VPC), or the default VPC's default subnets.
 * With a public `sshAddress`, every subnet must hand out public IPv4 addresses: the template does
 * not ask for one, so an instance there would come up unreachable. Every address kind is IPv4, so
 * an IPv6-only subnet never gives one, and `public-dns` needs the VPC's DNS hostnames: each of
 * these would otherwise wait out the whole launch timeout, so they fail here, before any launch.
 */
export async function resolveSubnets(
  client: EC2Client,
  region: string,
  subnetIds: readonly string[],
  sshAddress: SshAddress,
): Promise<SubnetRef[]> {
  const given = subnetIds.length > 0;
  const subnets = given
    ? await givenSubnets(client, region, [...new Set(subnetIds)])
    : await defaultSubnets(client, region);
  const v6only = subnets.filter((s) => s.Ipv6Native === true);
  if (v6only.length > 0) {
    const list = v6only.map((s) => s.SubnetId).join(', ');
    throw new InputError(
      given ? 'subnet-ids' : 'ssh-address',
      `subnet ${list} in ${region} is IPv6-only (Ipv6Native): its instances get no IPv4 address, but ssh-address ${sshAddress} is an IPv4 address (or its DNS name); give subnets with an IPv4 range (dual-stack is fine).`,
    );
  }
  if (sshAddress !== 'private-ip') {
    const privateOnly = subnets.filter((s) => s.MapPublicIpOnLaunch !== true);
    if (privateOnly.length > 0) {
      const list = privateOnly.map((s) => s.SubnetId).join(', ');
      throw new InputError(
        given ? 'subnet-ids' : 'ssh-address',
        `ssh-address is ${sshAddress} but subnet ${list} in ${region} does not assign public IPv4 addresses (MapPublicIpOnLaunch is off); use ssh-address: private-ip (with a runner that reaches the VPC) or subnets that assign public IPs.`,
      );
    }
  }
  if (sshAddress === 'public-dns') await requireDnsHostnames(client, region, subnets[0]?.VpcId);
  return subnets.map((s) => ({
    subnetId: s.SubnetId ?? '',
    availabilityZone: s.AvailabilityZone ?? '',
    vpcId: s.VpcId ?? '',
  }));
}

/** EC2 gives instances a public DNS name only in a VPC with `enableDnsHostnames`. */
async function requireDnsHostnames(
  client: EC2Client,
  region: string,
  vpcId: string | undefined,
): Promise<void> {
  if (vpcId === undefined) return;
  let enabled: boolean | undefined;
  try {
    const out = await client.send(
      new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }),
    );
    enabled = out.EnableDnsHostnames?.Value;
  } catch (err) {
    throw awsError('DescribeVpcAttribute', region, err, `read enableDnsHostnames of ${vpcId}`);
  }
  if (enabled === false)
    throw new InputError(
      'ssh-address',
      `ssh-address is public-dns but VPC ${vpcId} in ${region} has DNS hostnames off (enableDnsHostnames), so instances get no public DNS name; use ssh-address: public-ip, or turn on DNS hostnames for the VPC.`,
    );
}

async function givenSubnets(
  client: EC2Client,
  region: string,
  ids: readonly string[],
): Promise<Subnet[]> {
  const fix = `subnet ids belong to one region: give subnets of ${region}.`;
  let found: Subnet[];
  try {
    found = (await client.send(new DescribeSubnetsCommand({ SubnetIds: [...ids] }))).Subnets ?? [];
  } catch (err) {
    if (SUBNET_NOT_FOUND.has(errorCode(err))) {
      throw new InputError('subnet-ids', `${errorMessage(err)} in ${region}; ${fix}`);
    }
    throw awsError('DescribeSubnets', region, err, `look up subnets ${ids.join(', ')}`);
  }
  // Keep the user's order: it is also the order pools are tried in.
  const byId = new Map(found.map((s) => [s.SubnetId, s]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new InputError('subnet-ids', `${missing.join(', ')} not found in ${region}; ${fix}`);
  }
  const subnets = ids.map((id) => byId.get(id) as Subnet);
  const vpcs = new Set(subnets.map((s) => s.VpcId));
  if (vpcs.size > 1) {
    const list = subnets.map((s) => `${s.SubnetId} (${s.VpcId})`).join(', ');
    throw new InputError(
      'subnet-ids',
      `the subnets of one region must all be in one VPC, but these are in ${vpcs.size}: ${list}; give subnets of a single VPC.`,
    );
  }
  return subnets;
}

async function defaultSubnets(client: EC2Client, region: string): Promise<Subnet[]> {
  let vpcId: string | undefined;
  try {
    const out = await client.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    vpcId = out.Vpcs?.[0]?.VpcId;
  } catch (err) {
    throw awsError('DescribeVpcs', region, err, 'find the default VPC');
  }
  if (vpcId === undefined) {
    throw new InputError('subnet-ids', `region ${region} has no default VPC; give subnet-ids.`);
  }
  let subnets: Subnet[];
  try {
    const out = await client.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'default-for-az', Values: ['true'] },
        ],
      }),
    );
    subnets = out.Subnets ?? [];
  } catch (err) {
    throw awsError('DescribeSubnets', region, err, `list the default subnets of ${vpcId}`);
  }
  if (subnets.length === 0) {
    throw new InputError(
      'subnet-ids',
      `the default VPC ${vpcId} of region ${region} has no default subnets; give subnet-ids.`,
    );
  }
  // EC2 does not promise an order: sort so that runs try the zones alike.
  return subnets.sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''));
}

/**
 * The IPv4 blocks of a VPC (primary and associated ones): with `ssh-cidr: runner` and
 * `ssh-address: private-ip`, the runner is inside the VPC, so the VPC is who may reach SSH.
 */
export async function vpcIpv4Blocks(
  client: EC2Client,
  region: string,
  vpcId: string,
): Promise<string[]> {
  try {
    const out = await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
    const vpc = out.Vpcs?.[0];
    const blocks = (vpc?.CidrBlockAssociationSet ?? [])
      .filter(
        (a) => a.CidrBlockState?.State === undefined || a.CidrBlockState.State === 'associated',
      )
      .map((a) => a.CidrBlock ?? '')
      .filter((c) => c !== '');
    const all = blocks.length > 0 ? blocks : vpc?.CidrBlock ? [vpc.CidrBlock] : [];
    return [...new Set(all)];
  } catch (err) {
    throw awsError('DescribeVpcs', region, err, `read the address blocks of ${vpcId}`);
  }
}
