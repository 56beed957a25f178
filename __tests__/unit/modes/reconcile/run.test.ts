import {
  CreateLaunchTemplateCommand,
  DeleteLaunchTemplateCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  EC2Client,
  TerminateInstancesCommand,
  type DescribeInstancesCommandInput,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { releaseTags } from '../../../../src/aws/release-tags.js';
import { TAG } from '../../../../src/aws/types.js';
import { parseInputs } from '../../../../src/inputs/parse.js';
import type { RunContext } from '../../../../src/inputs/plan.js';
import type { InputName } from '../../../../src/inputs/types.js';
import { generateEd25519 } from '../../../../src/keys.js';
import { keyFingerprint } from '../../../../src/modes/deploy/adopt.js';
import type { Publisher } from '../../../../src/modes/publisher.js';
import { runReconcile } from '../../../../src/modes/reconcile/run.js';
import { memoryState, readDeployState } from '../../../../src/modes/state.js';
import { commentMarker } from '../../../../src/report/pr-comment.js';
import type { InstanceStatus } from '../../../../src/ssh/status-probe.js';
import { inst, reservations } from '../../../helpers/instances-fixtures.js';
import { recordingSink } from '../../../helpers/recording-sink.js';
import { echo } from '../../../helpers/fake-fetch.js';

// runReconcile's PR comment in-process: EC2 behind aws-sdk-client-mock, the SSH probe a fake. A
// deployment of size 1 with a ready instance and a second one that no longer answers: the second
// is terminated (nothing to launch, so no bundle and no provisioning), and the comment goes to
// the pull request its instances were deployed from, which a scheduled run's event does not name.

const R = 'eu-west-1';
const ID = 'pr-12';
const HOLDER = 'reconcile-test@host pid 1';
const SHA = 'a'.repeat(64);
const SECRET = 's3cret-token-value';
const userKey = generateEd25519('user');
const ec2 = mockClient(EC2Client);

function instance(id: string, launched: string, pr: string | undefined): Instance {
  return inst(id, 'running', {
    InstanceType: 't3.small',
    InstanceLifecycle: 'spot',
    Placement: { AvailabilityZone: 'eu-west-1b' },
    PublicIpAddress: `198.51.100.${id.slice(-1)}`,
    LaunchTime: new Date(launched),
    Tags: [
      { Key: TAG.deployment, Value: ID },
      { Key: TAG.clientKey, Value: keyFingerprint(userKey.publicKey) },
      { Key: TAG.hostKey, Value: `ssh-ed25519 HOSTKEY${id}` },
      ...(pr === undefined ? [] : [{ Key: TAG.pr, Value: pr }]),
      ...Object.entries(releaseTags({ sha256: SHA, runId: '41', artifactName: 'a', count: 1 })).map(
        ([Key, Value]) => ({ Key, Value }),
      ),
    ],
  });
}

/** DescribeInstances answers by the tag and state filters, as EC2 would. */
function world(instances: Instance[]) {
  const tagOf = (i: Instance, k: string) => i.Tags?.find((t) => t.Key === k)?.Value;
  const matches = (i: Instance, f: Filter) => {
    const values = f.Values ?? [];
    if (f.Name === 'instance-state-name') return values.includes(i.State?.Name ?? '');
    if (f.Name?.startsWith('tag:')) return values.includes(tagOf(i, f.Name.slice(4)) ?? '');
    if (f.Name === 'tag-key') return i.Tags?.some((t) => values.includes(t.Key ?? '')) ?? false;
    throw new Error(`the fake EC2 does not know filter ${f.Name}`);
  };
  ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
    const filters = input.Filters ?? [];
    return reservations(...instances.filter((i) => filters.every((f) => matches(i, f))));
  });
}

async function reconcile(ctx: Partial<RunContext> = {}, sink = recordingSink()) {
  const all: Partial<Record<InputName, string>> = {
    mode: 'reconcile',
    regions: R,
    'deployment-id': ID,
    'ssh-private-key': userKey.privateKey,
    env: `API_TOKEN=${SECRET}`,
  };
  const inputs = parseInputs((n) => all[n] ?? '', { workspace: '/', defaultRegion: undefined });
  const comments: Array<{ id: string; body: string; pr: number | undefined }> = [];
  const publisher: Publisher = {
    artifact: () => Promise.reject(new Error('reconcile uploads no artifact')),
    comment: async (id, body, pr) => void comments.push({ id, body, pr }),
  };
  const probe = async (targets: ReadonlyArray<{ id: string }>): Promise<InstanceStatus[]> =>
    targets.map((t) =>
      t.id === 'i-1'
        ? { id: t.id, reachable: true, state: 'ready', sha256: SHA, current: SHA }
        : { id: t.id, reachable: false, error: `Connection refused (env API_TOKEN=${SECRET})` },
    );
  const state = memoryState();
  const done = await runReconcile(
    inputs,
    { tempDir: '/nonexistent', repository: 'o/r', runId: '42', ...ctx },
    {
      sink,
      state,
      ec2: () => new EC2Client({ region: R }),
      root: '/nonexistent',
      publisher,
      probe,
      fetch: echo('203.0.113.9'),
      now: () => new Date('2026-12-02T03:00:00Z'),
      lock: {
        holder: HOLDER,
        wait: (_ms, signal) =>
          new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true })),
      },
    },
  );
  return { done, sink, comments, state };
}

beforeEach(() => {
  ec2.reset();
  ec2
    .on(CreateLaunchTemplateCommand, { LaunchTemplateName: `spot-deploy-${ID}.lock` })
    .resolves({ LaunchTemplate: { LaunchTemplateId: 'lt-lock' } });
  ec2.on(DescribeTagsCommand).resolves({ Tags: [{ Key: TAG.lockHolder, Value: HOLDER }] });
  ec2.on(DeleteLaunchTemplateCommand).resolves({});
  // The deployment's group (ssh-cidr runner): none here, so no runner rule to add.
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => ({
    TerminatingInstances: (input.InstanceIds ?? []).map((InstanceId) => ({
      InstanceId,
      PreviousState: { Name: 'running' },
      CurrentState: { Name: 'terminated' },
    })),
  }));
  // The newest instance names the PR (a deployment id redeployed from another PR keeps the last).
  world([
    instance('i-1', '2026-12-01T10:00:00Z', '12'),
    instance('i-2', '2026-11-30T10:00:00Z', '3'),
  ]);
});

describe('runReconcile: the PR comment', () => {
  it("posts to the pull request the instances' spot-deploy:pr tag names, when the run's event has none", async () => {
    const { done, comments } = await reconcile();
    expect(done[0]).toMatchObject({ deploymentId: ID, pr: 12, launched: 0, size: 1 });
    expect(ec2.commandCalls(TerminateInstancesCommand)[0]?.args[0].input.InstanceIds).toEqual([
      'i-2',
    ]);
    expect(comments.map((c) => [c.id, c.pr])).toEqual([[ID, 12]]);
    const body = comments[0]?.body ?? '';
    // Under the deployment's marker: the deploy's comment is edited in place.
    expect(body.startsWith(`${commentMarker(ID)}\n`)).toBe(true);
    expect(body).toContain('replaced 0 of 1, 1/1 ready');
    expect(body).toContain('- replaced `i-2`: `unreachable over SSH: Connection refused');
    expect(body).toContain('| ✅ | `i-1` |');
  });

  it("posts to the deployment's own pull request only; to the event's when the deployment names none", async () => {
    // Run from PR 5's event, the fleet of PR 12 is PR 12's business: no comment on PR 5.
    expect((await reconcile({ prNumber: 5 })).comments.map((c) => c.pr)).toEqual([12]);
    expect((await reconcile({ prNumber: 12 })).comments.map((c) => c.pr)).toEqual([12]);
    world([instance('i-1', '2026-12-01T10:00:00Z', undefined)]);
    expect((await reconcile({ prNumber: 5 })).comments.map((c) => c.pr)).toEqual([5]);
    expect((await reconcile()).comments.map((c) => c.pr)).toEqual([undefined]);
  });

  it("redacts the env's secret values from why an instance was replaced: comment, summary and log", async () => {
    const { comments, sink } = await reconcile();
    expect(comments[0]?.body).toContain('API_TOKEN=[redacted]');
    for (const text of [comments[0]?.body, sink.summaryText(), sink.lines.join('\n')])
      expect(text).not.toContain(SECRET);
  });
});

describe("runReconcile: one deployment's post-step state", () => {
  it('saves what the post step needs (deployment, regions, policy, run, ttl) and marks success', async () => {
    const { state } = await reconcile({ runAttempt: '2' });
    expect(readDeployState(state)).toMatchObject({
      deploymentId: ID,
      regions: [R],
      cleanup: 'on-failure',
      runId: '42',
      runAttempt: '2',
      ttlMinutes: 240,
      succeeded: true,
    });
  });
});

describe('runReconcile: a deployment that fails', () => {
  it('is still named in the deployment-id output, and the summary says why', async () => {
    // Its one instance gives no answer over SSH: refused, nothing terminated.
    world([instance('i-2', '2026-11-30T10:00:00Z', '3')]);
    const sink = recordingSink();
    const err = await reconcile({}, sink).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/none of its 1 running instance\(s\) answered over SSH/);
    expect(String(err)).not.toContain(SECRET);
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
    expect(sink.outputs.get('deployment-id')).toBe(ID);
    expect(sink.summaryText()).toMatch(/failed/);
    expect(sink.summaryText()).not.toContain(SECRET);
  });
});

describe('runReconcile: deployment-id all with nothing live', () => {
  it('asks runner-ip-lookup nothing (nothing to reach) and reports none found', async () => {
    world([]);
    const values: Partial<Record<InputName, string>> = {
      mode: 'reconcile',
      regions: R,
      'deployment-id': 'all',
      'ssh-private-key': userKey.privateKey,
    };
    const inputs = parseInputs((n) => values[n] ?? '', {
      workspace: '/',
      defaultRegion: undefined,
    });
    const sink = recordingSink();
    let asked = 0;
    const done = await runReconcile(
      inputs,
      { tempDir: '/nonexistent', repository: 'o/r', runId: '42' },
      {
        sink,
        state: memoryState(),
        ec2: () => new EC2Client({ region: R }),
        root: '/nonexistent',
        fetch: () => {
          asked++;
          return Promise.reject(new Error('must not be asked'));
        },
      },
    );
    expect(done).toEqual([]);
    expect(asked).toBe(0);
    expect(sink.summaryText()).toContain('No live deployment found.');
  });
});
