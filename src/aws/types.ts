/**
 * The EC2 side's shared vocabulary. Every module under src/aws takes an `EC2Client` (one per
 * region) as an argument; none builds a client on import.
 */

/** Tag keys (DESIGN: every resource carries them). */
export const TAG = {
  deployment: 'spot-deploy:deployment',
  repository: 'spot-deploy:repository',
  runId: 'spot-deploy:run-id',
  runAttempt: 'spot-deploy:run-attempt',
  pr: 'spot-deploy:pr',
  expiresAt: 'spot-deploy:expires-at',
  /** The instance's SSH host public key line, so a later run can pin it. */
  hostKey: 'spot-deploy:host-key',
  /** SHA256 fingerprint of the client key authorised on the instance. */
  clientKey: 'spot-deploy:client-key',
  /**
   * The release an instance was delivered (its bundle's sha256) and where mode reconcile finds
   * that bundle again: the workflow run that uploaded it and the artifact's name in that run.
   * Set when the instance is launched; moved by CreateTags when a later deploy readies it.
   */
  bundleSha256: 'spot-deploy:bundle-sha256',
  bundleRun: 'spot-deploy:bundle-run',
  bundleArtifact: 'spot-deploy:bundle-artifact',
  /** The deployment's `count` at its last deploy: the size mode reconcile brings the fleet back to. */
  count: 'spot-deploy:count',
  /** Set on resources spot-deploy created (security group, launch template) so destroy removes only those. */
  managed: 'spot-deploy:managed',
  /** Deploy lock (aws/lock.ts): who holds it (run URL, or user@host pid on the command line). */
  lockHolder: 'spot-deploy:lock-holder',
  /** Deploy lock: when its holder took it (ISO 8601, the holder's clock). */
  lockSince: 'spot-deploy:lock-since',
  /** Deploy lock: the end of its lease (ISO 8601, the holder's clock), renewed by a heartbeat. */
  lockExpiresAt: 'spot-deploy:lock-expires-at',
} as const;

export type Tags = Readonly<Record<string, string>>;

export type Lifecycle = 'spot' | 'on-demand';

/** A subnet to launch in, with its availability zone (a capacity pool is type × subnet). */
export interface SubnetRef {
  readonly subnetId: string;
  readonly availabilityZone: string;
  readonly vpcId: string;
}

/** What `prepareRegion` resolves or creates in one region before any launch. */
export interface RegionResources {
  readonly region: string;
  readonly imageId: string;
  readonly subnets: readonly SubnetRef[];
  readonly securityGroupIds: readonly string[];
  /**
   * The launch template and the version carrying this run's user-data; `burstableVersion`, when
   * set, is the version (same data plus CreditSpecification) the T types of a mixed list launch from.
   */
  readonly launchTemplate: {
    readonly id: string;
    readonly version: string;
    readonly burstableVersion?: string | undefined;
  };
  /** What this call created (not reused), so a post step that cannot clean up can name it. */
  readonly created?: readonly CreatedResource[];
}

/** A deployment resource (not an instance) one run created. */
export interface CreatedResource {
  readonly kind: 'security group' | 'launch template';
  readonly name: string;
  readonly id: string;
}

/** One instance as EC2 reports it (launch result, adopted or found by tags). */
export interface InstanceInfo {
  readonly id: string;
  readonly region: string;
  readonly instanceType: string;
  readonly lifecycle: Lifecycle;
  readonly availabilityZone?: string;
  readonly subnetId?: string;
  /** EC2 state name: pending, running, shutting-down, terminated, stopping, stopped. */
  readonly state?: string;
  /** Why EC2 moved it (spot reclaim, shutdown…), when it says. */
  readonly stateReason?: string;
  readonly publicIp?: string;
  readonly privateIp?: string;
  readonly publicDns?: string;
  readonly launchTime?: string;
  readonly tags?: Tags;
}

/** A launch error for one pool (or the whole request when the pool is unknown). */
export interface LaunchError {
  readonly region: string;
  readonly lifecycle: Lifecycle;
  readonly code: string;
  readonly message: string;
  readonly instanceType?: string;
  readonly subnetId?: string;
  readonly availabilityZone?: string;
}
