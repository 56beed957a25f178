/**
 * A security group as DescribeSecurityGroups returns it, with one SSH range: what the runner-rule
 * tests (ssh-cidr: runner) put behind their mocked EC2.
 */
import type { SecurityGroup } from '@aws-sdk/client-ec2';

/** Group `sg-1` allowing TCP 22 from `cidr`, the range described by `description`. */
export function sshGroup(description: string | undefined, cidr = '203.0.113.9/32'): SecurityGroup {
  return {
    GroupId: 'sg-1',
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: cidr, Description: description }],
      },
    ],
  };
}
