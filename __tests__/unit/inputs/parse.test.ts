import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../../src/errors.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';

const workspace = mkdtempSync(join(tmpdir(), 'inputs-'));
mkdirSync(join(workspace, 'deploy'));
writeFileSync(join(workspace, 'deploy', 'a.txt'), 'a');

const BASE: Partial<Record<InputName, string>> = {
  mode: 'plan',
  regions: 'eu-west-1',
  'bundle-path': 'deploy',
};

function parse(over: Partial<Record<InputName, string>>, defaultRegion?: string) {
  const values = { ...BASE, ...over };
  return parseInputs((n) => values[n] ?? '', { workspace, defaultRegion });
}

function errorsOf(over: Partial<Record<InputName, string>>): InputErrors {
  try {
    parse(over);
  } catch (e) {
    if (e instanceof InputErrors) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(over)}`);
}

// [input, bad value, a phrase the message must contain (what is accepted)]
const BAD: Array<[InputName, string, string | RegExp]> = [
  ['mode', 'apply', 'deploy, destroy, plan'],
  ['mode', 'PLAN', 'deploy, destroy, plan'],
  ['deployment-id', 'My_App', 'lowercase letters, digits and hyphens'],
  ['deployment-id', '-lead', 'starting and ending'],
  ['deployment-id', 'trail-', 'starting and ending'],
  ['deployment-id', 'a'.repeat(49), '1 to 48'],
  ['deployment-id', 'a b', 'lowercase letters'],
  ['deployment-id', 'x"; rm -rf /', 'lowercase letters'],
  ['deployment-id', 'expired', 'reserved for the janitor'],
  ['regions', 'eu-west', 'AWS region name'],
  ['regions', 'EU-WEST-1', 'AWS region name'],
  ['regions', 'us-east-1,us-east-1', 'listed twice'],
  ['count', '0', 'from 1 to 100'],
  ['count', '101', 'from 1 to 100'],
  ['count', 'three', 'whole number'],
  ['count', '1.5', 'whole number'],
  ['count', '-1', 'whole number'],
  ['instance-types', 't3', 'EC2 instance type'],
  ['instance-types', 'T3.SMALL', 'EC2 instance type'],
  ['instance-types', 'm7g.large', 'arm64 type but `architecture` is x86_64'],
  ['ami', 'ami-123', 'AMI id'],
  ['ami', 'ubuntu-18.04', 'alias'],
  ['architecture', 'amd64', 'x86_64, arm64'],
  ['subnet-ids', 'subnet-xyz', 'subnet id'],
  ['security-group-ids', 'sg-12', 'security group id'],
  ['ssh-cidr', '10.0.0.0/33', 'prefix is 0 to 32'],
  ['ssh-cidr', 'Runner', 'CIDR block'],
  ['ssh-cidr', 'runner, runner', 'listed twice'],
  ['runner-ip-lookup', 'http://checkip.amazonaws.com', 'only to a loopback host'],
  ['runner-ip-lookup', 'http://10.0.0.1/ip', 'only to a loopback host'],
  ['runner-ip-lookup', 'ftp://127.0.0.1/', 'not an https:// URL'],
  ['runner-ip-lookup', 'checkip.amazonaws.com', 'not a URL'],
  ['runner-ip-lookup', 'https://u:p@example.com/', 'no user or password'],
  ['ssh-cidr', '10.0.0.1/24', 'write 10.0.0.0/24'],
  ['ssh-cidr', '300.1.1.1/32', 'CIDR block'],
  ['ssh-cidr', '1.2.3.4', 'CIDR block'],
  ['ssh-cidr', '2001:db8::/129', 'prefix is 0 to 128'],
  ['ssh-user', 'root', 'system account'],
  ['ssh-user', 'Admin', 'Linux user name'],
  ['ssh-user', 'a;b', 'Linux user name'],
  ['ssh-port', '0', 'from 1 to 65535'],
  ['ssh-port', '65536', 'from 1 to 65535'],
  ['ssh-port', '22a', 'whole number'],
  ['ssh-private-key', 'not a key', 'OpenSSH or PEM private key'],
  ['ssh-private-key', generateEd25519('x').publicKey, 'public key; supply the private key'],
  ['ssh-address', 'ipv6', 'public-ip, private-ip, public-dns'],
  ['on-demand-fallback', 'yes', 'true or false'],
  ['max-price', '0', 'above 0.001'],
  ['max-price', '$0.05', 'USD per instance-hour'],
  ['ttl-minutes', '5', '0 (no time limit) or 10 to 43200'],
  ['ttl-minutes', '50000', 'from 0 to 43200'],
  ['packages', 'nginx;reboot', 'package name'],
  ['packages', 'curl $(id)', 'package name'],
  ['packages', 'Nginx', 'package name'],
  ['package-upgrade', 'maybe', 'true or false'],
  ['directories', 'relative/dir', 'absolute path'],
  ['directories', '/srv/../etc', 'without ..'],
  ['directories', '/srv/my app', 'absolute path'],
  ['directories', '/', "'/' cannot be created"],
  ['bundle-path', '', 'is required in mode plan'],
  ['rollback-to', 'a'.repeat(64), 'only applies to mode: rollback (the mode is plan)'],
  ['bundle-path', 'dep\u0000loy', 'control characters'],
  ['bundle-exclude', '/abs/*.log', 'relative to bundle-path'],
  ['bundle-exclude', '../secret', 'relative to bundle-path'],
  ['bundle-max-size', '10T', 'size such as 200M'],
  ['bundle-max-size', '5G', 'from 1024 to'],
  ['env', 'NOEQUALS', 'line 1 is not KEY=value'],
  ['env', '1ABC=x', 'environment variable name'],
  ['env', 'A=1\nA=2', "key 'A' is set twice"],
  ['env', 'MY-VAR=x', 'environment variable name'],
  ['cloud-config', 'a: [1, 2', 'not valid YAML'],
  ['cloud-config', '- just\n- a list', 'YAML mapping'],
  ['cloud-config', 'plain string', 'YAML mapping'],
  ['cloud-config', 'a: 1\na: 2', 'not valid YAML'],
  ['min-ready', '2', 'from 0 to 1'],
  ['min-ready', 'all', 'whole number'],
  ['launch-timeout', '5 minutes', 'duration such as 90s'],
  ['launch-timeout', '10s', 'from 30s to 3600s'],
  ['ready-timeout', '3h', 'from 30s to 7200s'],
  ['concurrency', '0', 'from 1 to 100'],
  ['cleanup', 'sometimes', 'on-failure, always, never'],
  ['batch-size', '0', 'a number of instances from 1 to 100, or a percentage from 1% to 100%'],
  ['batch-size', '101', 'from 1 to 100'],
  ['batch-size', '0%', 'from 1% to 100%'],
  ['batch-size', '150%', 'from 1% to 100%'],
  ['batch-size', '1.5', 'e.g. 1 or 25%'],
  ['batch-size', 'half', 'e.g. 1 or 25%'],
  ['batch-size', '50 %', 'e.g. 1 or 25%'],
  ['max-failed', '1', 'set batch-size too'],
  ['tags', 'aws:owner=me', 'reserved'],
  ['tags', 'spot-deploy:deployment=x', 'reserved'],
  ['tags', 'Name=web', 'reserved'],
  ['tags', 'team=a;b', 'letters, digits, spaces'],
  ['tags', 'novalue', 'is not KEY=value'],
  ['health-check', 'curl a\ncurl b', 'one shell command line'],
  ['pr-comment', 'yes', 'true or false'],
  ['artifact-name', 'my/bundle', 'may not contain " : < > | * ? \\ /'],
  ['artifact-name', 'bundle:v1', 'may not contain'],
  ['artifact-name', 'a\\b', 'may not contain'],
  ['artifact-name', 'two\nlines', 'may not contain'],
  ['artifact-name', 'tab\there', 'control characters'],
  ['artifact-name', 'x'.repeat(251), 'at most 250'],
  ['artifact-retention-days', '0', 'from 1 to 90'],
  ['artifact-retention-days', '91', 'from 1 to 90'],
  ['artifact-retention-days', '7d', 'whole number'],
  ['github-token', 'ghp_abc ghp_def', 'contains whitespace'],
];

describe('parseInputs: bad inputs', () => {
  it('covers at least 40 distinct bad inputs', () => {
    expect(new Set(BAD.map(([n, v]) => `${n}=${v}`)).size).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD)(
    '%s = %j is refused, naming the input and what it accepts',
    (input, value, phrase) => {
      const err = errorsOf({ [input]: value });
      expect(err.errors).toHaveLength(1);
      const [first] = err.errors;
      expect(first?.input).toBe(input);
      expect(first?.message).toContain(`Input '${input}'`);
      if (typeof phrase === 'string') expect(first?.message).toContain(phrase);
      else expect(first?.message).toMatch(phrase);
    },
  );

  it('reports every bad input of a run at once', () => {
    const err = errorsOf({ count: '0', 'ssh-port': 'x', cleanup: 'no' });
    expect(err.errors.map((e) => e.input)).toEqual(['count', 'ssh-port', 'cleanup']);
    expect(err.message).toMatch(/^3 inputs need fixing:/);
  });

  it('never echoes a secret value in an error', () => {
    const err = errorsOf({ env: 'GOOD=x\nTOPSECRETVALUE' });
    expect(err.message).not.toContain('TOPSECRETVALUE');
    const key = errorsOf({ 'ssh-private-key': 'hunter2-private-material' });
    expect(key.message).not.toContain('hunter2');
    const token = errorsOf({ 'github-token': 'ghs_SECRETTOKEN\nextra' });
    expect(token.message).not.toContain('SECRETTOKEN');
  });

  it('never echoes an env line whose key does not parse: it may be the secret itself (B12c)', () => {
    const err = errorsOf({ env: 'GOOD=x\nsk-live-0123456789abcdef==' });
    expect(err.errors[0]?.message).toContain('line 2');
    expect(err.message).not.toContain('0123456789abcdef');
    const quoted = errorsOf({ env: 'API_TOKEN="unclosed-secret-value' });
    expect(quoted.message).toContain('line 1 (API_TOKEN)');
    expect(quoted.message).not.toContain('unclosed-secret-value');
  });

  it('echoes at most 64 characters of a value, with its length (B16d)', () => {
    const long = `a${'b'.repeat(100_000)}`;
    const err = errorsOf({ 'deployment-id': long });
    expect(err.message).toContain(`'a${'b'.repeat(63)}… (100001 characters)'`);
    expect(err.message.length).toBeLessThan(400);
    for (const [input, value] of [
      ['count', `1${'0'.repeat(100_000)}x`],
      ['ssh-cidr', `${'1'.repeat(100_000)}/8`],
      ['batch-size', 'z'.repeat(100_000)],
      ['cleanup', 'z'.repeat(100_000)],
    ] as const) {
      expect(errorsOf({ [input]: value }).message.length, input).toBeLessThan(600);
    }
  });

  it('needs a region from the input or AWS_REGION', () => {
    expect(() => parse({ regions: '' })).toThrow(/no region given/);
    expect(parse({ regions: '' }, 'ap-south-1').regions).toEqual(['ap-south-1']);
  });

  it('refuses an AMI id with several regions and ids tied to one region', () => {
    expect(
      errorsOf({ regions: 'eu-west-1,us-east-1', ami: 'ami-0123456789abcdef0' }).errors[0]?.input,
    ).toBe('ami');
    expect(
      errorsOf({ regions: 'eu-west-1,us-east-1', 'subnet-ids': 'subnet-01234567' }).errors[0]
        ?.input,
    ).toBe('subnet-ids');
  });
});

describe('parseInputs: good inputs', () => {
  it('applies the defaults', () => {
    const i = parse({});
    expect(i).toMatchObject({
      mode: 'plan',
      count: 1,
      minReady: 1,
      ami: 'ubuntu-24.04',
      architecture: 'x86_64',
      instanceTypes: ['t3.small', 't3a.small', 'm7i.large'],
      // Closed by default: only this runner, only during its run (issue 14).
      sshCidrs: [],
      sshRunner: true,
      runnerIpLookup: ['https://checkip.amazonaws.com/'],
      sshUser: 'spot-deploy',
      sshPort: 22,
      ttlMinutes: 240,
      bundleMaxBytes: 256 * 1024 ** 2,
      launchTimeoutSeconds: 300,
      readyTimeoutSeconds: 600,
      // Every instance at once, up to count's maximum (issue 15: flat to the maximum count).
      concurrency: 100,
      cleanup: 'on-failure',
      bundlePath: join(workspace, 'deploy'),
    });
    expect(Object.isFrozen(i)).toBe(true);
  });

  it('parses lists, durations, sizes, env, tags, cloud-config and keys', () => {
    const key = generateEd25519('me');
    const i = parse({
      regions: 'eu-west-1\nus-east-1',
      count: '5',
      'min-ready': '3',
      architecture: 'arm64',
      'instance-types': 't4g.small, c7gn.large, a1.medium',
      'ssh-cidr': '203.0.113.0/24, 2001:db8::/32',
      'ssh-private-key': key.privateKey,
      directories: '/srv/app/\n/var/lib/app',
      packages: 'nginx, python3=3.12.3-0ubuntu1',
      'launch-timeout': '90s',
      'ready-timeout': '1h',
      'bundle-max-size': '1G',
      env: '# comment\nGREETING=hello world\nEMPTY=\nURL=postgres://u:p@h/db?x=1',
      tags: 'team=platform\ncost center=R&D 42'.replace('&', '+'),
      'cloud-config': 'timezone: UTC\nruncmd:\n  - [echo, hi]',
      'deployment-id': 'pr-42',
    });
    expect(i.regions).toEqual(['eu-west-1', 'us-east-1']);
    // Written-out CIDRs only: no per-run rule, no lookup.
    expect(i.sshCidrs).toEqual(['203.0.113.0/24', '2001:db8::/32']);
    expect(i.sshRunner).toBe(false);
    expect(i.minReady).toBe(3);
    expect(i.directories).toEqual(['/srv/app', '/var/lib/app']);
    expect(i.launchTimeoutSeconds).toBe(90);
    expect(i.readyTimeoutSeconds).toBe(3600);
    expect(i.bundleMaxBytes).toBe(1024 ** 3);
    expect(i.env).toEqual([
      ['GREETING', 'hello world'],
      ['EMPTY', ''],
      ['URL', 'postgres://u:p@h/db?x=1'],
    ]);
    expect(i.tags).toEqual({ team: 'platform', 'cost center': 'R+D 42' });
    expect(i.cloudConfig).toEqual({ timezone: 'UTC', runcmd: [['echo', 'hi']] });
    expect(i.sshPrivateKey?.publicKey.split(' ').slice(0, 2)).toEqual(
      key.publicKey.split(' ').slice(0, 2),
    );
    expect(i.deploymentId).toBe('pr-42');
  });

  it('reads batch-size as a count or a percentage, and max-failed with a default of 0', () => {
    expect(parse({})).toMatchObject({ batchSize: undefined, maxFailed: 0 });
    expect(parse({ 'batch-size': '1' })).toMatchObject({
      batchSize: { kind: 'count', count: 1 },
      maxFailed: 0,
    });
    expect(parse({ 'batch-size': '50%', 'max-failed': '2' })).toMatchObject({
      batchSize: { kind: 'percent', percent: 50 },
      maxFailed: 2,
    });
    expect(parse({ 'batch-size': '100%' }).batchSize).toEqual({ kind: 'percent', percent: 100 });
    const e = errorsOf({ 'batch-size': '2', 'max-failed': '-1' });
    expect(e.errors.map((x) => x.input)).toEqual(['max-failed']);
    expect(e.message).toContain('from 0 to 100');
  });

  it('reads the artifact, PR comment and token inputs', () => {
    expect(parse({})).toMatchObject({
      artifactName: undefined,
      artifactRetentionDays: undefined,
      prComment: false,
      githubToken: undefined,
    });
    expect(parse({ 'artifact-name': 'none' }).artifactName).toBe(false);
    expect(parse({ 'artifact-name': ' web bundle (x86) #1 ' }).artifactName).toBe(
      'web bundle (x86) #1',
    );
    expect(parse({ 'artifact-name': 'é'.repeat(125) }).artifactName).toHaveLength(125);
    expect(parse({ 'artifact-retention-days': '90' }).artifactRetentionDays).toBe(90);
    expect(parse({ 'pr-comment': 'true', 'github-token': 'ghs_abc123' })).toMatchObject({
      prComment: true,
      githubToken: 'ghs_abc123',
    });
    // Outside Actions nobody expands action.yml's default: it must read as "no token".
    expect(parse({ 'github-token': '${{ github.token }}' }).githubToken).toBeUndefined();
  });

  it('does not need bundle-path to destroy, and allows the janitor id there', () => {
    const i = parse({ mode: 'destroy', 'bundle-path': '', 'deployment-id': 'expired' });
    expect(i.bundlePath).toBeUndefined();
    expect(i.deploymentId).toBe('expired');
  });
});

describe('parseInputs: mode rollback', () => {
  const key = generateEd25519('rollback').privateKey;
  const SHA = 'c0ffee'.padEnd(64, '0');
  const rollback = (over: Partial<Record<InputName, string>> = {}) =>
    parse({ mode: 'rollback', 'bundle-path': '', 'ssh-private-key': key, ...over });

  it('needs no bundle-path, and rolls back to the previous release unless rollback-to says', () => {
    const i = rollback();
    expect(i).toMatchObject({ mode: 'rollback', bundlePath: undefined, rollbackTo: undefined });
    expect(rollback({ 'rollback-to': ` ${SHA} ` }).rollbackTo).toBe(SHA);
  });

  it.each([
    ['A'.repeat(64), 'not a bundle sha256'],
    ['a'.repeat(63), 'not a bundle sha256'],
    ['g'.repeat(64), 'not a bundle sha256'],
    [`${'a'.repeat(64)};id`, '64 lowercase hex digits'],
  ])('refuses rollback-to %j, naming it', (value, phrase) => {
    const err = errorsOf({
      mode: 'rollback',
      'bundle-path': '',
      'ssh-private-key': key,
      'rollback-to': value,
    });
    expect(err.errors.map((e) => e.input)).toEqual(['rollback-to']);
    expect(err.errors[0]?.message).toContain(phrase);
  });

  it('refuses rollback-to in every other mode', () => {
    for (const mode of ['deploy', 'destroy']) {
      const err = errorsOf({ mode, 'rollback-to': SHA });
      expect(err.errors.map((e) => e.input)).toEqual(['rollback-to']);
      expect(err.errors[0]?.message).toContain(`(the mode is ${mode})`);
    }
  });

  it('requires ssh-private-key, once, and not twice when the key itself is bad', () => {
    const missing = errorsOf({ mode: 'rollback', 'bundle-path': '' });
    expect(missing.errors.map((e) => e.input)).toEqual(['ssh-private-key']);
    expect(missing.errors[0]?.message).toContain('is required in mode rollback');
    const bad = errorsOf({ mode: 'rollback', 'bundle-path': '', 'ssh-private-key': 'nope' });
    expect(bad.errors.map((e) => e.input)).toEqual(['ssh-private-key']);
    expect(bad.errors[0]?.message).not.toContain('is required');
  });

  it('keeps the janitor id to destroy', () => {
    const err = errorsOf({ mode: 'rollback', 'ssh-private-key': key, 'deployment-id': 'expired' });
    expect(err.errors.map((e) => e.input)).toEqual(['deployment-id']);
  });
});
