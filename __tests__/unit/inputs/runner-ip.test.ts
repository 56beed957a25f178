import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../../src/inputs/parse.js';
import {
  parseEchoedIp,
  parseRunnerIpLookup,
  parseSshCidr,
  sshAccessText,
  worldOpenWarning,
} from '../../../src/inputs/runner-ip.js';
import type { InputName } from '../../../src/inputs/types.js';

describe('ssh-cidr', () => {
  it('mixes runner and CIDR blocks', () => {
    expect(parseSshCidr('runner', 'ssh-cidr')).toEqual({ runner: true, cidrs: [] });
    expect(parseSshCidr('runner, 198.51.100.0/24', 'ssh-cidr')).toEqual({
      runner: true,
      cidrs: ['198.51.100.0/24'],
    });
    expect(parseSshCidr('198.51.100.0/24', 'ssh-cidr')).toEqual({
      runner: false,
      cidrs: ['198.51.100.0/24'],
    });
  });

  it('is runner by default, and 0.0.0.0/0 only when written out, with a warning', () => {
    const get = (over: Partial<Record<InputName, string>>) =>
      parseInputs((n) => ({ regions: 'us-east-1', 'bundle-path': '.', ...over })[n] ?? '', {
        workspace: '/',
        defaultRegion: undefined,
      });
    const d = get({});
    expect([d.sshRunner, d.sshCidrs]).toEqual([true, []]);
    expect(worldOpenWarning(d.sshCidrs, 22)).toBeUndefined();
    const open = get({ 'ssh-cidr': '0.0.0.0/0, ::/0' });
    expect(open.sshRunner).toBe(false);
    expect(worldOpenWarning(open.sshCidrs, 2222)).toMatch(
      /^ssh-cidr 0\.0\.0\.0\/0, ::\/0 opens TCP 2222 of every instance to the whole internet/,
    );
    expect(worldOpenWarning(['10.0.0.0/8'], 22)).toBeUndefined();
  });

  it('says who may connect, for the plan', () => {
    const base = { sshRunner: true, sshCidrs: [], sshAddress: 'public-ip', securityGroupIds: [] };
    expect(sshAccessText(base)).toBe('runner (looked up at run time, for the run only)');
    expect(sshAccessText({ ...base, sshAddress: 'private-ip' })).toMatch(/VPC's IPv4 blocks/);
    expect(sshAccessText({ ...base, sshCidrs: ['10.0.0.0/8'] })).toMatch(/, 10\.0\.0\.0\/8$/);
    expect(sshAccessText({ ...base, securityGroupIds: ['sg-0123abcd'] })).toMatch(
      /given security groups \(sg-0123abcd\) as they are/,
    );
  });
});

describe('runner-ip-lookup', () => {
  it('takes https anywhere and http only to loopback, in order', () => {
    expect(
      parseRunnerIpLookup(
        'https://checkip.amazonaws.com, http://127.0.0.1:8080/ip, http://localhost/, http://[::1]:9/',
        'runner-ip-lookup',
      ),
    ).toEqual([
      'https://checkip.amazonaws.com/',
      'http://127.0.0.1:8080/ip',
      'http://localhost/',
      'http://[::1]:9/',
    ]);
  });

  it.each([
    ['http://checkip.amazonaws.com', /only to a loopback host/],
    ['http://127.0.0.1.example.com/', /only to a loopback host/],
    ['http://128.0.0.1/', /only to a loopback host/],
    ['file:///etc/hostname', /not an https:\/\/ URL/],
    ['not a url', /not a URL/],
  ])('refuses %s, naming the input', (raw, why) => {
    expect(() => parseRunnerIpLookup(raw, 'runner-ip-lookup')).toThrow(why);
    expect(() => parseRunnerIpLookup(raw, 'runner-ip-lookup')).toThrow(/runner-ip-lookup/);
  });
});

describe('parseEchoedIp', () => {
  it('reads one dotted quad, trimmed', () => {
    expect(parseEchoedIp('203.0.113.9\n')).toEqual({ ip: '203.0.113.9' });
    expect(parseEchoedIp('  8.8.8.8  ')).toEqual({ ip: '8.8.8.8' });
  });

  it('accepts a private address (an echo service inside the runner network sees one)', () => {
    expect(parseEchoedIp('10.1.2.3')).toEqual({ ip: '10.1.2.3' });
    expect(parseEchoedIp('192.168.0.1')).toEqual({ ip: '192.168.0.1' });
  });

  it.each([
    ['', /not one IPv4 address/],
    ['<html>hello</html>', /not one IPv4 address/],
    ['203.0.113.9 198.51.100.1', /not one IPv4 address/],
    ['203.0.113.9\n198.51.100.1', /not one IPv4 address/],
    ['2001:db8::1', /not one IPv4 address/],
    ['203.0.113.09', /leading zero/],
    ['203.0.113.256', /above 255/],
    ['0.1.2.3', /0\.0\.0\.0\/8/],
    ['127.0.0.1', /loopback/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['203.0.113.9/32', /not one IPv4 address/],
  ])('refuses %j', (body, why) => {
    const r = parseEchoedIp(body);
    expect('error' in r && r.error).toMatch(why);
  });
});
