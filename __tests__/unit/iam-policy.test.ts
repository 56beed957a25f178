import { readdirSync, readFileSync, statSync } from 'node:fs';
import { RELEASE_TAG_KEYS } from '../../src/aws/release-tags.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: string | string[];
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
  'iam:PassRole': 'a launch template with an instance profile passes its role to EC2',
};

const list = (x: string | string[]): string[] => (Array.isArray(x) ? x : [x]);
const DEPLOYMENT_KEYS = [
  'aws:ResourceTag/spot-deploy:deployment',
  'aws:RequestTag/spot-deploy:deployment',
];

/**
 * Resource types a launch only refers to (the image, the subnet…), never changes: an action may
 * be allowed on these without a tag condition, by ARN type, never on `*`. The instant fleet and
 * the one-time spot request behind a spot instance are the request itself (neither can be changed
 * or launch anything later); a security group needs its VPC.
 */
const LAUNCH_REFERENCES = [
  'image',
  'subnet',
  'network-interface',
  'security-group',
  'key-pair',
  'spot-instances-request',
];
const REFERENCE_ONLY: Readonly<Record<string, readonly string[]>> = {
  'ec2:RunInstances': LAUNCH_REFERENCES,
  'ec2:CreateFleet': [...LAUNCH_REFERENCES, 'fleet'],
  'ec2:CreateSecurityGroup': ['vpc'],
};
const SPOT_ROLE =
  'arn:aws:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot';

/** The only roles `instance-profile` may pass: the statement and the README say the same. */
const INSTANCE_ROLES = 'arn:aws:iam::*:role/spot-deploy-instance-*';

/** iam:PassRole limited to named roles (a prefix, never any role) and to EC2. */
function passRoleScoped(s: Statement): boolean {
  const c = (s.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return (
    list(s.Action).every((a) => a === 'iam:PassRole') &&
    list(s.Resource).every((r) =>
      /^arn:aws:iam::[^:]*:role\/[\w+=,.@-]+[\w+=,.@/-]*\*?$/.test(r),
    ) &&
    c.StringEquals?.['iam:PassedToService'] === 'ec2.amazonaws.com' &&
    Object.keys(c).length === 1 &&
    Object.keys(c.StringEquals ?? {}).length === 1
  );
}

const mutating = (action: string) => !/^[a-z0-9]+:(Describe|Get|List)/.test(action);

/** Requires the deployment tag on the resource acted on, or in the create request's tags. */
function tagConditioned(s: Statement): boolean {
  const c = (s.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return DEPLOYMENT_KEYS.some(
    (k) =>
      c.Null?.[k] === 'false' ||
      ['StringEquals', 'StringLike'].some((op) => c[op]?.[k] !== undefined),
  );
}

/** CreateTags only as part of a create call (the tags of that call are the request's tags). */
function tagOnCreate(s: Statement): boolean {
  const c = (s.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return (
    list(s.Action).every((a) => a === 'ec2:CreateTags') &&
    c.StringEquals?.['ec2:CreateAction'] !== undefined
  );
}

/**
 * Every (statement, action, resource) that lets a mutating action through with neither a tag
 * condition nor a tag-on-create condition, except launches on the resource types they only refer
 * to and the spot service-linked role.
 */
function unconditionedMutations(statements: readonly Statement[]): string[] {
  const out: string[] = [];
  for (const s of statements) {
    if (tagConditioned(s) || tagOnCreate(s) || passRoleScoped(s)) continue;
    for (const action of list(s.Action).filter(mutating)) {
      for (const resource of list(s.Resource)) {
        if (action === 'iam:CreateServiceLinkedRole' && resource === SPOT_ROLE) continue;
        const type = /^arn:aws:ec2:[^:]*:[^:]*:([a-z-]+)\/\*$/.exec(resource)?.[1];
        if (type !== undefined && (REFERENCE_ONLY[action] ?? []).includes(type)) continue;
        out.push(`${s.Sid}: ${action} on ${resource}`);
      }
    }
  }
  return out;
}

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

  it('lets the credentials retag only resources of a deployment, and only their expires-at, lock lease and release', () => {
    const retag = policy.Statement.filter(
      (s) =>
        (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) =>
          /^ec2:(Create|Delete)Tags$/.test(a),
        ) && !JSON.stringify(s.Condition).includes('ec2:CreateAction'),
    );
    expect(retag.map((s) => s.Sid)).toEqual([
      'SpotDeployMoveExpiryOfItsOwn',
      'SpotDeployRenewItsLock',
      'SpotDeployRecordReleaseOfItsOwn',
    ]);
    // The release tags (aws/release-tags.ts) on instances of a deployment, those keys only.
    expect(retag[2]).toEqual({
      Sid: 'SpotDeployRecordReleaseOfItsOwn',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: {
        Null: { 'aws:ResourceTag/spot-deploy:deployment': 'false' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [...RELEASE_TAG_KEYS] },
      },
    });
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

  it('conditions every mutating action on the deployment tag, or on tags set by the create call', () => {
    expect(policy.Statement.filter((s) => list(s.Action).some(mutating)).length).toBeGreaterThan(5);
    expect(unconditionedMutations(policy.Statement)).toEqual([]);
  });

  it('would catch an unconditioned mutating action (planted in a copy of the policy)', () => {
    const copy = (): Statement[] => JSON.parse(JSON.stringify(policy.Statement)) as Statement[];
    // The issue as found: any template or group in the account could be changed.
    const planted = copy();
    planted.push({
      Sid: 'Planted',
      Action: ['ec2:CreateLaunchTemplateVersion', 'ec2:AuthorizeSecurityGroupIngress'],
      Resource: '*',
    });
    expect(unconditionedMutations(planted)).toEqual([
      'Planted: ec2:CreateLaunchTemplateVersion on *',
      'Planted: ec2:AuthorizeSecurityGroupIngress on *',
    ]);
    // The condition dropped from the real statement, or turned into its opposite.
    for (const cond of [
      undefined,
      { Null: { 'aws:ResourceTag/spot-deploy:deployment': 'true' } },
    ]) {
      const changed = copy();
      const own = changed.find((s) => s.Sid === 'SpotDeployChangeOnlyItsOwn');
      if (own === undefined) throw new Error('SpotDeployChangeOnlyItsOwn is missing');
      own.Condition = cond;
      expect(unconditionedMutations(changed)).toEqual([
        'SpotDeployChangeOnlyItsOwn: ec2:CreateLaunchTemplateVersion on *',
        'SpotDeployChangeOnlyItsOwn: ec2:AuthorizeSecurityGroupIngress on *',
        'SpotDeployChangeOnlyItsOwn: ec2:UpdateSecurityGroupRuleDescriptionsIngress on *',
      ]);
    }
    // A reference-only resource type is that only for a launch, not for opening a group.
    const opened = copy();
    opened.push({
      Sid: 'Planted',
      Action: 'ec2:AuthorizeSecurityGroupIngress',
      Resource: 'arn:aws:ec2:*:*:security-group/*',
    });
    expect(unconditionedMutations(opened)).toEqual([
      'Planted: ec2:AuthorizeSecurityGroupIngress on arn:aws:ec2:*:*:security-group/*',
    ]);
    // Launching on instances without the deployment tag in the request.
    const launch = copy();
    const tagged = launch.find((s) => s.Sid === 'SpotDeployLaunchTagged');
    if (tagged === undefined) throw new Error('SpotDeployLaunchTagged is missing');
    delete tagged.Condition;
    expect(unconditionedMutations(launch)).toContain(
      'SpotDeployLaunchTagged: ec2:RunInstances on arn:aws:ec2:*:*:instance/*',
    );
  });

  it('lets the credentials change only templates and groups tagged by spot-deploy', () => {
    // The per-run runner rule (ssh-cidr: runner) is added, taken over and revoked on such groups only.
    for (const action of [
      'ec2:CreateLaunchTemplateVersion',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
    ]) {
      const granting = policy.Statement.filter((s) => list(s.Action).includes(action));
      expect(granting.map((s) => s.Sid)).toEqual(['SpotDeployChangeOnlyItsOwn']);
      expect(granting[0]?.Condition).toEqual({
        Null: { 'aws:ResourceTag/spot-deploy:deployment': 'false' },
      });
    }
    const revoking = policy.Statement.filter((s) =>
      list(s.Action).includes('ec2:RevokeSecurityGroupIngress'),
    );
    expect(revoking).toHaveLength(1);
    expect(revoking[0]?.Condition).toEqual({
      Null: { 'aws:ResourceTag/spot-deploy:deployment': 'false' },
    });
  });

  it('allows iam:PassRole only on the documented instance roles, only to EC2', () => {
    const passing = policy.Statement.filter((s) => list(s.Action).includes('iam:PassRole'));
    expect(passing).toEqual([
      {
        Sid: 'SpotDeployPassInstanceRole',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: INSTANCE_ROLES,
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
    ]);
    // The README's permissions table documents the same scope.
    const readme = readFileSync('README.md', 'utf8');
    // The "AWS permissions" table: the row whose actions cell is iam:PassRole.
    const row = readme.split('\n').find((l) => /^\| [^|]+ \| `iam:PassRole` \|/.test(l));
    expect(row).toContain(INSTANCE_ROLES);
    expect(row).toContain('`ec2.amazonaws.com`');
  });

  it('would catch iam:PassRole on any role or to any service (planted)', () => {
    const base = policy.Statement.find((s) => s.Sid === 'SpotDeployPassInstanceRole');
    if (base === undefined) throw new Error('SpotDeployPassInstanceRole is missing');
    const variants: Statement[] = [
      { ...base, Resource: '*' },
      { ...base, Resource: 'arn:aws:iam::*:role/*' },
      { ...base, Condition: undefined },
      { ...base, Condition: { StringLike: { 'iam:PassedToService': '*' } } },
    ];
    for (const v of variants)
      expect(unconditionedMutations([v]), JSON.stringify(v)).toEqual([
        `SpotDeployPassInstanceRole: iam:PassRole on ${list(v.Resource).join()}`,
      ]);
  });

  it('lets it create templates, groups and instances only with the deployment tag in the same call', () => {
    const created: Record<string, string[]> = {
      'ec2:CreateLaunchTemplate': ['launch-template'],
      'ec2:CreateSecurityGroup': ['security-group'],
      'ec2:RunInstances': ['instance', 'volume'],
      'ec2:CreateFleet': ['instance', 'volume'],
    };
    for (const [action, types] of Object.entries(created)) {
      for (const type of types) {
        const arn = `arn:aws:ec2:*:*:${type}/*`;
        const granting = policy.Statement.filter(
          (s) =>
            list(s.Action).includes(action) && list(s.Resource).some((r) => r === arn || r === '*'),
        );
        expect(granting.length, `${action} on ${arn}`).toBeGreaterThan(0);
        for (const s of granting)
          expect(s.Condition, `${s.Sid}: ${action} on ${arn}`).toEqual({
            Null: { 'aws:RequestTag/spot-deploy:deployment': 'false' },
          });
      }
    }
  });
});
