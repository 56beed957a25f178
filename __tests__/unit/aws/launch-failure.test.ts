import type { Instance } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { KMS_DOC } from '../../../src/aws/launch-failure.js';
import { deathReason } from '../../../src/aws/wait.js';

const dead = (Code: string, Message: string): Instance => ({
  InstanceId: 'i-1',
  State: { Name: 'terminated' },
  StateReason: { Code, Message },
});

describe('deathReason of an instance that dies on launch', () => {
  it.each([
    ['Client.InternalError', 'Client.InternalError: Client error on launch'],
    ['Client.InvalidKMSKey.InvalidState', 'The KMS key provided is in an incorrect state'],
  ])('%s names the KMS key of the encrypted root volume and the docs', (code, message) => {
    const r = deathReason(dead(code, message));
    expect(r).toContain(`instance went terminated while starting (${message})`);
    expect(r).toContain('KMS key of the encrypted root volume');
    expect(r).toContain('AWSServiceRoleForEC2Spot');
    expect(r).toContain(KMS_DOC);
  });

  it('a volume quota says so', () => {
    expect(deathReason(dead('Client.VolumeLimitExceeded', 'Volume limit exceeded'))).toContain(
      'EBS volume quota',
    );
  });

  it('a spot reclaim and other reasons get no KMS hint', () => {
    const reclaim = deathReason(
      dead('Server.SpotInstanceTermination', 'Spot instance termination'),
    );
    expect(reclaim).toMatch(/^spot capacity reclaimed/);
    expect(reclaim).not.toContain('KMS');
    expect(
      deathReason(dead('Client.UserInitiatedShutdown', 'User initiated shutdown')),
    ).not.toContain('KMS');
  });
});
