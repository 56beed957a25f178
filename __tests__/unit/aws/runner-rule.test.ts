import type { IpPermission } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import {
  isLiveRunnerRule,
  parseRunnerRuleDescription,
  RUNNER_RULE_MAX_AGE_MS,
  runnerRuleDescription,
  runnerRuleOwner,
  staleRunnerRules,
} from '../../../src/aws/runner-rule.js';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const ago = (ms: number) => runnerRuleDescription('run=7/1', new Date(NOW - ms));

describe('runner rule descriptions', () => {
  it('name the run and the time, in characters EC2 allows', () => {
    const d = runnerRuleDescription('run=123/2', new Date(NOW));
    expect(d).toBe('spot-deploy runner run=123/2 at=2026-12-02T12:00:00.000Z');
    // EC2: a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*, up to 255 characters.
    expect(d).toMatch(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
    expect(parseRunnerRuleDescription(d)).toEqual({ owner: 'run=123/2', atMs: NOW });
  });

  it('owner: the run and attempt, or the process and host on the command line', () => {
    expect(runnerRuleOwner({ runId: '99', runAttempt: '3' }, { pid: 1, host: 'h' })).toBe(
      'run=99/3',
    );
    expect(runnerRuleOwner({}, { pid: 4242, host: 'my_laptop (home)' })).toBe(
      'run=cli-4242@my-laptop--home-',
    );
    const cli = runnerRuleDescription(
      runnerRuleOwner({}, { pid: 1, host: 'x.local' }),
      new Date(NOW),
    );
    expect(parseRunnerRuleDescription(cli)?.owner).toBe('run=cli-1@x.local');
  });

  it('another description is not a runner rule; a runner one without a readable date has no age', () => {
    expect(parseRunnerRuleDescription(undefined)).toBeUndefined();
    expect(parseRunnerRuleDescription('office VPN')).toBeUndefined();
    expect(parseRunnerRuleDescription('spot-deploy runner run=1/1 at=yesterday')).toEqual({
      owner: 'run=1/1',
      atMs: undefined,
    });
    expect(parseRunnerRuleDescription('spot-deploy runner garbled')).toEqual({
      owner: '',
      atMs: undefined,
    });
  });
});

describe('staleRunnerRules', () => {
  const perm = (ranges: Array<[string, string | undefined]>): IpPermission => ({
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    IpRanges: ranges.map(([CidrIp, Description]) => ({ CidrIp, Description })),
  });

  it('keeps live runs’ rules (younger than 6 h, or dated ahead: clock skew)', () => {
    expect(isLiveRunnerRule(ago(0), NOW)).toBe(true);
    expect(isLiveRunnerRule(ago(RUNNER_RULE_MAX_AGE_MS - 1000), NOW)).toBe(true);
    expect(isLiveRunnerRule(ago(-60_000), NOW)).toBe(true);
    expect(staleRunnerRules([perm([['203.0.113.9/32', ago(3600_000)]])], NOW)).toEqual([]);
  });

  it('selects exactly the old and the undated runner ranges, and nothing else', () => {
    const perms = [
      perm([
        ['203.0.113.9/32', ago(RUNNER_RULE_MAX_AGE_MS + 1000)],
        ['203.0.113.10/32', ago(60_000)],
        ['198.51.100.0/24', 'office'],
        ['198.51.100.7/32', 'spot-deploy runner run=1/1 at=soon'],
        ['192.0.2.1/32', undefined],
      ]),
    ];
    expect(staleRunnerRules(perms, NOW)).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '203.0.113.9/32' }, { CidrIp: '198.51.100.7/32' }],
      },
    ]);
    expect(RUNNER_RULE_MAX_AGE_MS).toBe(6 * 3600 * 1000);
  });
});
