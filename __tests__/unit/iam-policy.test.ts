import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Statement {
  Sid: string;
  Action: string | string[];
  Condition?: unknown;
}
const policy = JSON.parse(readFileSync('docs/iam-policy.json', 'utf8')) as {
  Statement: Statement[];
};
const allowed = new Set(
  policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
);

/** Actions EC2 checks on a call we make without us naming them in code. */
const IMPLIED: Readonly<Record<string, string>> = {
  'ec2:RunInstances': 'CreateFleet launches instances through RunInstances permissions',
  'ec2:CreateTags': 'TagSpecifications on create calls need CreateTags',
  'iam:CreateServiceLinkedRole':
    'the first spot launch in an account creates AWSServiceRoleForEC2Spot',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every EC2 command the product code constructs, as `ec2:<Action>`. */
function usedActions(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sources('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g)) {
      const action = `ec2:${m[1]}`;
      used.set(action, [...(used.get(action) ?? []), file]);
    }
  }
  return used;
}

describe('docs/iam-policy.json', () => {
  const used = usedActions();

  it('allows every EC2 action the code calls', () => {
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used.keys()].filter((a) => !allowed.has(a));
    expect(missing, `called in ${missing.map((a) => used.get(a)?.join(', ')).join('; ')}`).toEqual(
      [],
    );
  });

  it('allows nothing the code does not call (least privilege), except the implied actions', () => {
    const extra = [...allowed].filter((a) => !used.has(a) && !(a in IMPLIED));
    expect(extra).toEqual([]);
  });

  it('lets the credentials terminate and delete only resources tagged by spot-deploy', () => {
    const destructive = policy.Statement.filter((s) =>
      (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) => /:(Terminate|Delete)/.test(a)),
    );
    expect(destructive.length).toBeGreaterThan(0);
    for (const s of destructive)
      expect(JSON.stringify(s.Condition)).toContain('aws:ResourceTag/spot-deploy:deployment');
  });

  it('lets the credentials retag only resources of a deployment, and only their expires-at', () => {
    const retag = policy.Statement.filter(
      (s) =>
        (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) =>
          /^ec2:(Create|Delete)Tags$/.test(a),
        ) && !JSON.stringify(s.Condition).includes('ec2:CreateAction'),
    );
    expect(retag.map((s) => s.Sid)).toEqual([
      'SpotDeployMoveExpiryOfItsOwn',
      'SpotDeployRenewItsLock',
    ]);
    // Renewing the deploy lock: only its own lease tag, only on a lock of a deployment.
    expect(retag[1]).toMatchObject({
      Action: 'ec2:CreateTags',
      Resource: 'arn:aws:ec2:*:*:launch-template/*',
      Condition: {
        Null: {
          'aws:ResourceTag/spot-deploy:deployment': 'false',
          'aws:ResourceTag/spot-deploy:lock-holder': 'false',
        },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['spot-deploy:lock-expires-at'] },
      },
    });
    expect(retag[0]?.Condition).toEqual({
      Null: { 'aws:ResourceTag/spot-deploy:deployment': 'false' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['spot-deploy:expires-at'] },
    });
  });
});
