import type { Architecture } from './instance-types.js';
import type { CpuCredits, InstanceProfile, RootVolume } from './launch-options.js';

// The typed shape of the action's inputs: what every later stage reads. Parsing lives in parse.ts.

export type Mode = 'deploy' | 'destroy' | 'plan' | 'rollback' | 'reconcile';
export type Cleanup = 'on-failure' | 'always' | 'never';
export type SshAddress = 'public-ip' | 'private-ip' | 'public-dns';
/** `batch-size`: a number of instances, or a percentage of the adopted ones (rounded up). */
export type BatchSize =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'percent'; readonly percent: number };

export interface Inputs {
  readonly mode: Mode;
  /** mode rollback: the release (bundle sha256) to return to; undefined: each instance's previous ready one. */
  readonly rollbackTo: string | undefined;
  /** Undefined: the plan derives one from the GitHub context. */
  readonly deploymentId: string | undefined;
  readonly regions: readonly string[];
  readonly count: number;
  readonly instanceTypes: readonly string[];
  /** `ami` as written (a per-region map normalised to `region=image, …`), for plan and manifest. */
  readonly ami: string;
  /** Each region of `regions` → the `ami-…` id or alias it launches (the map, or `ami` for all). */
  readonly amiByRegion: Readonly<Record<string, string>>;
  readonly architecture: Architecture;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** The CIDR blocks `ssh-cidr` writes out: static rules of the deployment's own group. */
  readonly sshCidrs: readonly string[];
  /**
   * `ssh-cidr` lists `runner` (the default): the deploying runner's egress /32 for this run only
   * (looked up through `runnerIpLookup`), or with `ssh-address: private-ip` the VPC's blocks.
   */
  readonly sshRunner: boolean;
  /** `runner-ip-lookup`: IP-echo URLs, tried in order. */
  readonly runnerIpLookup: readonly string[];
  readonly sshUser: string;
  readonly sshPort: number;
  readonly sshAddress: SshAddress;
  readonly sshPrivateKey: { readonly privateKey: string; readonly publicKey: string } | undefined;
  /** `ports`: TCP ports opened on the deployment's own security group (never `ssh-port`). */
  readonly ports: readonly number[];
  /** `ports-cidr`: the blocks allowed to reach `ports`. */
  readonly portsCidrs: readonly string[];
  readonly onDemandFallback: boolean;
  readonly maxPrice: string | undefined;
  /** The root volume's size, type, performance and KMS key (always encrypted). */
  readonly rootVolume: RootVolume;
  /** Undefined: no instance profile (the instance gets no AWS credentials). */
  readonly instanceProfile: InstanceProfile | undefined;
  /** For burstable (T) types only; other types launch without a credit specification. */
  readonly cpuCredits: CpuCredits;
  readonly ttlMinutes: number;
  readonly packages: readonly string[];
  readonly packageUpgrade: boolean;
  readonly directories: readonly string[];
  /** Absolute path of the tree to bundle; undefined only in destroy and rollback mode. */
  readonly bundlePath: string | undefined;
  readonly bundleExclude: readonly string[];
  readonly bundleMaxBytes: number;
  /** `bundle-include-vcs`: bundle `.git`, `.hg` and `.svn` too (left out by default). */
  readonly bundleIncludeVcs: boolean;
  /** The directory `bundle-path` must stay inside once symlinks are resolved (checked at bundle time). */
  readonly workspace: string;
  readonly env: ReadonlyArray<readonly [string, string]>;
  readonly cloudConfig: Readonly<Record<string, unknown>> | undefined;
  readonly minReady: number;
  readonly launchTimeoutSeconds: number;
  readonly readyTimeoutSeconds: number;
  /** How long deploy and destroy wait for another run's deploy lock; 0 fails at once. */
  readonly lockTimeoutSeconds: number;
  /** How long a lock outlives its holder's last heartbeat (a killed runner blocks no longer). */
  readonly lockLeaseSeconds: number;
  readonly concurrency: number;
  /** Undefined: every instance at once (no rolling redeploy). */
  readonly batchSize: BatchSize | undefined;
  /** Failed instances a rolling redeploy tolerates before it stops (0 unless given). */
  readonly maxFailed: number;
  readonly cleanup: Cleanup;
  readonly tags: Readonly<Record<string, string>>;
  /** Undefined: the default name, made unique per run once the deployment id is known; false: `none`. */
  readonly artifactName: string | false | undefined;
  /** Undefined: the repository's retention setting. */
  readonly artifactRetentionDays: number | undefined;
  readonly healthCheck: string | undefined;
  readonly prComment: boolean;
  /** Only the PR comment uses it; undefined when no token reached the action (CLI, local runs). */
  readonly githubToken: string | undefined;
}

/** Every input the action reads; a test checks this list against action.yml both ways. */
export const INPUT_NAMES = [
  'mode',
  'rollback-to',
  'deployment-id',
  'regions',
  'count',
  'instance-types',
  'ami',
  'architecture',
  'subnet-ids',
  'security-group-ids',
  'ssh-cidr',
  'runner-ip-lookup',
  'ssh-user',
  'ssh-port',
  'ssh-address',
  'ssh-private-key',
  'ports',
  'ports-cidr',
  'on-demand-fallback',
  'max-price',
  'root-volume-size',
  'root-volume-type',
  'root-volume-iops',
  'root-volume-throughput',
  'kms-key-id',
  'instance-profile',
  'cpu-credits',
  'ttl-minutes',
  'packages',
  'package-upgrade',
  'directories',
  'bundle-path',
  'bundle-exclude',
  'bundle-max-size',
  'bundle-include-vcs',
  'env',
  'cloud-config',
  'min-ready',
  'launch-timeout',
  'ready-timeout',
  'lock-timeout',
  'lock-lease',
  'concurrency',
  'batch-size',
  'max-failed',
  'cleanup',
  'tags',
  'artifact-name',
  'artifact-retention-days',
  'health-check',
  'pr-comment',
  'github-token',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface ParseContext {
  /** Relative `bundle-path` values resolve here (GITHUB_WORKSPACE in Actions). */
  readonly workspace: string;
  /** AWS_REGION / AWS_DEFAULT_REGION, the fallback for an empty `regions`. */
  readonly defaultRegion: string | undefined;
}

/** Raw value of an input ('' when unset); defaults are applied by the caller (action.yml). */
export type InputGetter = (name: InputName) => string;
