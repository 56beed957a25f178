import { describe, expect, it } from 'vitest';
import { awsError, classify } from '../../../src/aws/aws-errors.js';
import { ec2Error } from '../../helpers/instances-fixtures.js';

describe('classify: refused credentials are their own kind', () => {
  it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId'])(
    '%s is credentials',
    (code) => {
      expect(classify(code)).toBe('credentials');
    },
  );

  it('leaves the other kinds as they were', () => {
    expect(classify('UnauthorizedOperation')).toBe('permission');
    expect(classify('AuthFailure')).toBe('permission');
    expect(classify('RequestLimitExceeded')).toBe('throttling');
    expect(classify('InsufficientInstanceCapacity')).toBe('capacity');
    expect(classify('InvalidParameterValue')).toBe('other');
  });

  it('an expired session says so instead of asking for an IAM action', () => {
    const e = awsError('TerminateInstances', 'eu-west-1', ec2Error('ExpiredToken', 'expired'));
    expect(e.message).toContain('credentials are expired or invalid');
    expect(e.message).not.toContain('allow ec2:');
  });
});
