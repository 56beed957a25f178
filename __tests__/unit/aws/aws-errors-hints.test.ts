import { describe, expect, it } from 'vitest';
import { awsError } from '../../../src/aws/aws-errors.js';

const sdkError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('awsError hints', () => {
  it('AuthFailure says the credentials are not valid in the region, not "allow ec2:X"', () => {
    const e = awsError(
      'DescribeImages',
      'ap-east-1',
      sdkError('AuthFailure', 'AWS was not able to validate the provided access credentials'),
    );
    expect(e.message).toContain('the credentials are not valid in ap-east-1');
    expect(e.message).toContain('the region may not be enabled for the account');
    expect(e.message).toContain('another partition');
    expect(e.message).toContain('wrong or expired');
    expect(e.message).not.toContain('allow ec2:DescribeImages');
  });

  it('a denial still names the IAM action', () => {
    const e = awsError('DescribeImages', 'eu-west-1', sdkError('UnauthorizedOperation', 'no'));
    expect(e.message).toContain('allow ec2:DescribeImages in the IAM policy');
  });

  it('the spot service-linked role keeps its own hint', () => {
    const e = awsError(
      'CreateFleet',
      'eu-west-1',
      sdkError('AuthFailure.ServiceLinkedRoleCreationNotPermitted', 'no'),
    );
    expect(e.message).toContain('AWSServiceRoleForEC2Spot');
    expect(e.message).not.toContain('not valid in');
  });
});
