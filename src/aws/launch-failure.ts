/**
 * What an instance that dies on launch (pending → terminated) most likely needs, from EC2's state
 * reason. EC2's own words ("Client.InternalError: Client error on launch") name no cause; the
 * documented one for an immediate termination is an encrypted EBS volume whose KMS key the
 * launching principal or EC2 cannot use (docs/troubleshooting.md, "Instances terminate at once").
 */

const KMS_CODES: ReadonlySet<string> = new Set([
  'Client.InternalError',
  'Client.InvalidKMSKey.InvalidState',
  'Client.InvalidKMSKey.NotFound',
]);

/** The troubleshooting section the KMS hint points to. */
export const KMS_DOC = 'docs/troubleshooting.md#instances-terminate-at-once-kms';

/**
 * A sentence to append to the death reason, or '' when the code says nothing we can add to.
 * The root volume is always encrypted (the launch template asks for it), so with encryption by
 * default on a customer-managed key, that key decides whether the instance can start at all.
 */
export function launchFailureHint(code: string, message: string): string {
  if (KMS_CODES.has(code) || /\bKMS\b/i.test(message))
    return `; the likely cause is the KMS key of the encrypted root volume (EBS encryption by default with a customer-managed key that the launching credentials or the EC2 Spot service-linked role AWSServiceRoleForEC2Spot may not use, or a key that is disabled or pending deletion): see ${KMS_DOC}`;
  if (code === 'Client.VolumeLimitExceeded')
    return '; the EBS volume quota (or storage quota) of the region is reached: raise it in the Service Quotas console or delete unused volumes';
  return '';
}
