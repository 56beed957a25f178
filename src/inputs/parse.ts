import { resolve } from 'node:path';
import { InputError, InputErrors } from '../errors.js';
import { parsePrivateKey } from '../keys.js';
import * as p from './primitives.js';
import * as rule from './rules.js';
import * as ec2 from './ec2-rules.js';
import { checkPackagesForImages, parseAmi, type AmiInput } from './ami.js';
import { parseDirectory, parseSshUser } from './login-user.js';
import { parseCloudConfig } from './cloud-config.js';
import * as lo from './launch-options.js';
import {
  parseRunnerIpLookup,
  parseSshCidr,
  RUNNER,
  RUNNER_IP_LOOKUP_DEFAULT,
} from './runner-ip.js';
import { parsePorts, parsePortsCidr } from './ports.js';
import type { Architecture } from './instance-types.js';
import type {
  Cleanup,
  InputGetter,
  InputName,
  Inputs,
  Mode,
  ParseContext,
  SshAddress,
} from './types.js';

/** Defaults, applied when an input is unset or empty; a test checks action.yml declares the same. */
export const DEFAULTS: Readonly<Partial<Record<InputName, string>>> = {
  mode: 'deploy',
  count: '1',
  ami: 'ubuntu-24.04',
  architecture: 'x86_64',
  'ssh-cidr': RUNNER,
  'runner-ip-lookup': RUNNER_IP_LOOKUP_DEFAULT,
  'ssh-user': 'spot-deploy',
  'ssh-port': '22',
  'ssh-address': 'public-ip',
  // Open to all by default: a service port is opened to be reached (README, "Service ports").
  'ports-cidr': '0.0.0.0/0',
  'on-demand-fallback': 'false',
  'root-volume-type': 'gp3',
  'cpu-credits': 'standard',
  'ttl-minutes': '240',
  'package-upgrade': 'false',
  'bundle-max-size': '256M',
  'bundle-include-vcs': 'false',
  'launch-timeout': '5m',
  'ready-timeout': '10m',
  'lock-timeout': '5m',
  'lock-lease': '90s',
  // count's maximum: a deploy waits for its slowest instance, and below `count` the deliveries
  // queue in waves (count 100 at 10: ten of them), so the wall time grew with N.
  concurrency: '100',
  cleanup: 'on-failure',
  'pr-comment': 'false',
  // The runner expands this; the literal only reaches the parser outside Actions (see parseGithubToken).
  'github-token': rule.GITHUB_TOKEN_DEFAULT,
};

/** The two fields of `ami` (placeholders when it was refused: parseInputs throws then). */
const amiFields = (a: AmiInput | undefined) => ({
  ami: a?.text ?? '',
  amiByRegion: a?.byRegion ?? {},
});

/** Parses every input, collecting all problems so that one failed run shows them all. */
export function parseInputs(get: InputGetter, ctx: ParseContext): Inputs {
  const errors: InputError[] = [];
  // On error the placeholder is never returned to the caller: the errors are thrown below.
  function field<T>(name: InputName, parse: (raw: string, input: InputName) => T): T {
    try {
      return parse(get(name).trim() || (DEFAULTS[name] ?? ''), name);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e);
      return undefined as T;
    }
  }
  const optional =
    <T>(fn: (raw: string, input: InputName) => T) =>
    (raw: string, input: InputName) =>
      raw === '' ? undefined : fn(raw, input);
  const int = (min: number, max: number) => (raw: string, input: InputName) =>
    p.parseIntIn(input, raw, min, max);
  const bool = (raw: string, input: InputName) => p.parseBool(input, raw);
  const oneOf =
    <T extends string>(...allowed: T[]) =>
    (raw: string, input: InputName) =>
      p.parseEnum<T>(input, raw, allowed);

  const mode = field('mode', oneOf<Mode>('deploy', 'destroy', 'plan', 'rollback', 'reconcile'));
  const regions = field('regions', (r) => ec2.parseRegions(r, ctx.defaultRegion)) ?? [];
  const count = field('count', int(1, 100)) ?? 1;
  const architecture = field('architecture', oneOf<Architecture>('x86_64', 'arm64'));
  const idList = (re: RegExp, what: string) => (raw: string, input: InputName) =>
    ec2.perRegionIds(input, raw, re, what, regions.length);
  const batchSize = field('batch-size', optional(rule.parseBatchSize));
  const volumeType = field('root-volume-type', lo.parseVolumeType);
  const volumeSize = field(
    'root-volume-size',
    optional((r, n) => lo.parseVolumeSize(r, n, volumeType)),
  );
  const volumeIops = field('root-volume-iops', (r, n) => lo.parseIops(r, n, volumeType));
  const rootVolume: lo.RootVolume = {
    type: volumeType,
    sizeGiB: volumeSize,
    iops: volumeIops,
    throughputMiBs: field(
      'root-volume-throughput',
      optional((r, n) => lo.parseThroughput(r, n, volumeType, volumeIops)),
    ),
    kmsKeyId: field(
      'kms-key-id',
      optional((r) => lo.parseKmsKeyId(r, regions)),
    ),
  };
  // Known only when the size is given; otherwise checked against the image's size at launch time.
  const volumeError =
    volumeType === undefined ? undefined : lo.rootVolumeProblem(rootVolume, volumeSize, undefined);
  if (volumeError) errors.push(volumeError);
  const { runner: sshRunner, cidrs: sshCidrs } = field('ssh-cidr', parseSshCidr) ?? {
    runner: false,
    cidrs: [],
  };
  const sshCidr = { sshCidrs, sshRunner };
  const sshPort = field('ssh-port', int(1, 65535));
  const ports = field('ports', (r, n) => parsePorts(r, n, sshPort)) ?? [];
  const inputs: Inputs = {
    mode,
    rollbackTo: field(
      'rollback-to',
      optional((r) => rule.parseRollbackTo(r, mode)),
    ),
    deploymentId: field(
      'deployment-id',
      optional((r) => rule.parseDeploymentId(r, mode)),
    ),
    regions,
    count,
    instanceTypes: field('instance-types', (r) => ec2.parseInstanceTypes(r, architecture)),
    ...amiFields(field('ami', (r) => parseAmi(r, regions))),
    architecture,
    subnetIds: field(
      'subnet-ids',
      idList(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id (subnet-0123abcd…)'),
    ),
    securityGroupIds: field(
      'security-group-ids',
      idList(/^sg-[0-9a-f]{8,17}$/, 'a security group id (sg-0123abcd…)'),
    ),
    ...sshCidr,
    runnerIpLookup: field('runner-ip-lookup', parseRunnerIpLookup),
    sshUser: field('ssh-user', parseSshUser),
    sshPort,
    sshAddress: field('ssh-address', oneOf<SshAddress>('public-ip', 'private-ip', 'public-dns')),
    sshPrivateKey: field(
      'ssh-private-key',
      optional((r, n) => parsePrivateKey(n, r)),
    ),
    ports,
    portsCidrs: field('ports-cidr', (r, n) => parsePortsCidr(r, n, ports.length)),
    onDemandFallback: field('on-demand-fallback', bool),
    maxPrice: field('max-price', optional(ec2.parseMaxPrice)),
    rootVolume: Object.freeze(rootVolume),
    instanceProfile: field('instance-profile', optional(lo.parseInstanceProfile)),
    cpuCredits: field('cpu-credits', oneOf<lo.CpuCredits>('standard', 'unlimited')),
    ttlMinutes: field('ttl-minutes', rule.parseTtl),
    packages: field('packages', rule.parsePackages),
    packageUpgrade: field('package-upgrade', bool),
    directories: field('directories', (r, n) => p.parseList(n, r).map(parseDirectory)),
    bundlePath: field('bundle-path', (r) => rule.parseBundlePath(r, mode, ctx.workspace)),
    bundleExclude: field('bundle-exclude', (r, n) => p.parseList(n, r).map(rule.parseExclude)),
    bundleMaxBytes: field('bundle-max-size', (r, n) => p.parseSize(n, r, 1024, 4 * 1024 ** 3)),
    bundleIncludeVcs: field('bundle-include-vcs', bool),
    workspace: resolve(ctx.workspace),
    env: field('env', rule.parseEnv),
    cloudConfig: field('cloud-config', optional(parseCloudConfig)),
    minReady: field('min-ready', (r, n) => (r === '' ? count : p.parseIntIn(n, r, 0, count))),
    launchTimeoutSeconds: field('launch-timeout', (r, n) => p.parseDuration(n, r, 30, 3600)),
    readyTimeoutSeconds: field('ready-timeout', (r, n) => p.parseDuration(n, r, 30, 7200)),
    // Up to a job's 6 h limit: a queue of deploys may legitimately wait that long.
    lockTimeoutSeconds: field('lock-timeout', (r, n) => p.parseDuration(n, r, 0, 21600)),
    // Under 15 s a heartbeat (every lease/4) would compete with EC2's own API latency.
    lockLeaseSeconds: field('lock-lease', (r, n) => p.parseDuration(n, r, 15, 3600)),
    concurrency: field('concurrency', int(1, 100)),
    batchSize,
    maxFailed: field('max-failed', (r, n) => {
      if (r === '') return 0;
      // Alone it would be silently ignored: with one batch there is no later batch to hold back.
      if (batchSize === undefined && get('batch-size').trim() === '')
        throw new InputError(n, 'applies to rolling redeploys only: set batch-size too.');
      return p.parseIntIn(n, r, 0, 100);
    }),
    cleanup: field('cleanup', oneOf<Cleanup>('on-failure', 'always', 'never')),
    tags: field('tags', rule.parseTags),
    artifactName: field('artifact-name', optional(rule.parseArtifactName)),
    artifactRetentionDays: field('artifact-retention-days', optional(int(1, 90))),
    healthCheck: field('health-check', optional(rule.parseHealthCheck)),
    prComment: field('pr-comment', bool),
    githubToken: field('github-token', rule.parseGithubToken),
  };
  // Both parsed (undefined after their own error): whether the images' package manager reads them.
  if (inputs.packages !== undefined && inputs.ami !== '') {
    try {
      checkPackagesForImages(inputs.packages, inputs.amiByRegion);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e);
    }
  }
  // Only the key the instances authorise reaches them: an ephemeral one would be refused by all.
  if (
    (mode === 'rollback' || mode === 'reconcile') &&
    inputs.sshPrivateKey === undefined &&
    get('ssh-private-key').trim() === ''
  )
    errors.push(rule.keyRequiredFor(mode));
  if (errors.length > 0) throw new InputErrors(errors);
  return Object.freeze(inputs);
}
