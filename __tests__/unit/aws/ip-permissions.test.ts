import { describe, expect, it } from 'vitest';
import { isSingleTcpPort, withBlocks } from '../../../src/aws/ip-permissions.js';

describe('isSingleTcpPort', () => {
  it('is one TCP port, the given one when a port is named', () => {
    expect(isSingleTcpPort({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 })).toBe(true);
    expect(isSingleTcpPort({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }, 22)).toBe(true);
    expect(isSingleTcpPort({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }, 2222)).toBe(false);
  });

  it('is never a range, another protocol or all traffic', () => {
    expect(isSingleTcpPort({ IpProtocol: 'tcp', FromPort: 22, ToPort: 80 }, 22)).toBe(false);
    expect(isSingleTcpPort({ IpProtocol: 'udp', FromPort: 22, ToPort: 22 }, 22)).toBe(false);
    expect(isSingleTcpPort({ IpProtocol: '-1' })).toBe(false);
    expect(isSingleTcpPort({ IpProtocol: 'tcp' })).toBe(false);
  });
});

describe('withBlocks', () => {
  const p = {
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '192.0.2.1/32' }],
    Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
  };

  it('keeps protocol and ports with only the sources given, empty lists left out', () => {
    expect(withBlocks(p, { IpRanges: [{ CidrIp: '192.0.2.1/32' }], Ipv6Ranges: [] })).toEqual({
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: '192.0.2.1/32' }],
    });
    expect(withBlocks({ IpProtocol: '-1' }, { UserIdGroupPairs: [{ GroupId: 'sg-1' }] })).toEqual({
      IpProtocol: '-1',
      UserIdGroupPairs: [{ GroupId: 'sg-1' }],
    });
  });

  it('is undefined when no source is left (nothing to revoke)', () => {
    expect(
      withBlocks(p, { IpRanges: [], Ipv6Ranges: [], PrefixListIds: undefined }),
    ).toBeUndefined();
  });
});
