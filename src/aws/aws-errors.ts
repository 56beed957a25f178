/**
 * How spot-deploy reads EC2 error codes. One table, so that the fleet launcher, the waiters and
 * destroy agree on what is worth retrying elsewhere, what is throttling and what must stop the run.
 */

/** "No capacity here, try another pool / region" (FACTS.md, the codes mature tools use). */
export const CAPACITY_CODES: ReadonlySet<string> = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'UnfulfillableCapacity',
  'SpotMaxPriceTooLow',
  'InsufficientFreeAddressesInSubnet',
  'InsufficientCapacityOnHost',
  'InsufficientHostCapacity',
  // The instance type is not offered in that AZ: another pool may still work.
  'Unsupported',
]);

/** Spot quota reached: spot will not work anywhere in that region; on-demand may. */
export const SPOT_QUOTA_CODES: ReadonlySet<string> = new Set([
  'MaxSpotInstanceCountExceeded',
  'MaxSpotFleetRequestCountExceeded',
]);

/** On-demand (or account) quotas: nothing to retry, the user must raise a limit. */
export const QUOTA_CODES: ReadonlySet<string> = new Set([
  'VcpuLimitExceeded',
  'InstanceLimitExceeded',
  'MaxFleetCountExceeded',
  'MaxTargetCapacityExceeded',
]);

export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'EC2ThrottledException',
]);

export const PERMISSION_CODES: ReadonlySet<string> = new Set([
  'UnauthorizedOperation',
  'AuthFailure',
  'AccessDenied',
  'AccessDeniedException',
  'OptInRequired',
  'AuthFailure.ServiceLinkedRoleCreationNotPermitted',
]);

/**
 * The credentials themselves are no longer valid (an assumed-role session past its
 * `role-duration-seconds`, a clock far off, revoked keys): every further call fails the same way,
 * so there is no point in going on; the caller says what it could not do.
 */
export const CREDENTIALS_CODES: ReadonlySet<string> = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
]);

export type ErrorKind =
  'capacity' | 'spot-quota' | 'quota' | 'throttling' | 'permission' | 'credentials' | 'other';

export function classify(code: string): ErrorKind {
  if (CAPACITY_CODES.has(code)) return 'capacity';
  if (SPOT_QUOTA_CODES.has(code)) return 'spot-quota';
  if (QUOTA_CODES.has(code)) return 'quota';
  if (THROTTLING_CODES.has(code)) return 'throttling';
  if (CREDENTIALS_CODES.has(code)) return 'credentials';
  if (PERMISSION_CODES.has(code) || code.startsWith('AuthFailure')) return 'permission';
  return 'other';
}

/** The error code of anything the SDK threw (`name` for service exceptions, `Code` in raw bodies). */
export function errorCode(err: unknown): string {
  if (err !== null && typeof err === 'object') {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown };
    for (const v of [e.Code, e.code, e.name]) if (typeof v === 'string' && v !== '') return v;
  }
  return 'Unknown';
}

/**
 * An EC2 call failed in a way the run cannot work around. The message says what was being done,
 * in which region, the code, and what to change ("Could not <do X> in <region>: <code>: …").
 */
export class AwsError extends Error {
  override readonly name: string = 'AwsError';
  constructor(
    readonly action: string,
    readonly region: string,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Why a call may be denied, for the message: the IAM action and where the policy lives. */
function permissionHint(action: string, code: string, region: string): string {
  // Plain AuthFailure is EC2 refusing the credentials themselves, before any policy is read: no
  // IAM statement can fix it, so "allow ec2:X" would send people to the wrong place.
  if (code === 'AuthFailure')
    return `the credentials are not valid in ${region}: the region may not be enabled for the account (opt-in regions: enable it under Account, AWS Regions) or belong to another partition (aws-cn, aws-us-gov), or the access keys are wrong or expired`;
  if (code === 'AuthFailure.ServiceLinkedRoleCreationNotPermitted')
    return 'spot needs the AWSServiceRoleForEC2Spot service-linked role: create it once (`aws iam create-service-linked-role --aws-service-name spot.amazonaws.com`) or allow iam:CreateServiceLinkedRole';
  if (code === 'OptInRequired') return 'the account is not opted in to this region';
  return `allow ec2:${action} in the IAM policy of the credentials (see docs/iam-policy.json)`;
}

/**
 * Wraps an SDK error from `ec2:<action>` in `region` as an AwsError with a message that names the
 * action, the code and, for permission and quota errors, the fix.
 */
export function awsError(action: string, region: string, err: unknown, doing?: string): AwsError {
  if (err instanceof AwsError) return err;
  const code = errorCode(err);
  const raw = err instanceof Error ? err.message : String(err);
  const kind = classify(code);
  const fix =
    kind === 'permission'
      ? ` (${permissionHint(action, code, region)})`
      : kind === 'quota' || kind === 'spot-quota'
        ? ' (an EC2 service quota is reached: raise it in the Service Quotas console or ask for fewer instances)'
        : kind === 'credentials'
          ? ' (the AWS credentials are expired or invalid: an assumed-role session must outlast the job, see role-duration-seconds)'
          : '';
  const what = doing ?? `call ec2:${action}`;
  return new AwsError(
    action,
    region,
    code,
    `Could not ${what} in ${region}: ${code}: ${raw}${fix}`,
    {
      cause: err,
    },
  );
}
