// The PR comment against a fake GitHub: one comment per deployment, found by its marker on any
// page and edited in place, never duplicated, kept under GitHub's size limit, and every API
// problem reported as a warning rather than a failed deploy. integration/pr-comment-http.test.ts
// runs the real @actions/github client against a fake REST API on loopback.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InstanceResult } from '../../../src/report/results.js';
import { commentTarget } from '../../../src/github/context.js';
import { artifactUrl, runUrl } from '../../../src/report/links.js';
import {
  publishPrComment,
  reportPrComment,
  upsertPrComment,
  type OctokitLike,
  type PublishOptions,
} from '../../../src/github/pr-comment.js';
import {
  COMMENT_LIMIT,
  commentMarker,
  renderDestroyComment,
  renderPrComment,
  renderReconcileComment,
  type ReconcileCommentData,
} from '../../../src/report/pr-comment.js';
import type { ReconcileReport } from '../../../src/report/reconcile-summary.js';
import { githubPublisher } from '../../../src/github/publish.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { recordingSink } from '../../helpers/recording-sink.js';

type Comment = { id: number; body: string; html_url: string };
const url = (id: number) => `https://github.com/o/r/pull/7#issuecomment-${id}`;

/** Issue comments in creation order, paginated as GitHub does. */
function fakeGitHub(initial: string[] = [], fail?: { status: number; message: string }) {
  const comments: Comment[] = initial.map((body, i) => ({
    id: 100 + i,
    body,
    html_url: url(100 + i),
  }));
  const calls: string[] = [];
  let next = 10_000;
  const check = () => {
    if (fail) throw Object.assign(new Error(fail.message), { status: fail.status });
  };
  const octokit: OctokitLike = {
    rest: {
      issues: {
        listComments: async ({ per_page = 30, page = 1 }) => {
          calls.push(`list ${page}`);
          check();
          return { data: comments.slice((page - 1) * per_page, page * per_page) };
        },
        createComment: async ({ body }) => {
          calls.push('create');
          check();
          const c = { id: next, body, html_url: url(next++) };
          comments.push(c);
          return { data: c };
        },
        updateComment: async ({ comment_id, body }) => {
          calls.push(`update ${comment_id}`);
          const c = comments.find((x) => x.id === comment_id);
          if (!c) throw Object.assign(new Error('Not Found'), { status: 404 });
          c.body = body;
          return { data: c };
        },
      },
    },
  };
  return { octokit, comments, calls };
}

const TARGET = { owner: 'o', repo: 'r', issueNumber: 7 };
const MARKER = commentMarker('pr-7');
const chatter = (n: number) => Array.from({ length: n }, (_, i) => `comment ${i}`);
const ours = (c: Comment[]) => c.filter((x) => x.body.startsWith(MARKER));

function instance(i: number, over: Partial<InstanceResult> = {}): InstanceResult {
  return {
    id: `i-${i.toString(16).padStart(17, '0')}`,
    region: 'eu-west-1',
    availabilityZone: 'eu-west-1a',
    instanceType: 't3.small',
    lifecycle: 'spot',
    publicIp: `203.0.113.${i % 250}`,
    status: 'ready',
    adopted: false,
    timings: { activeMs: 41_000 },
    ...over,
  };
}

describe('upsertPrComment', () => {
  it('creates the comment when none carries the marker', async () => {
    const gh = fakeGitHub(chatter(3));
    const r = await upsertPrComment(gh.octokit, {
      ...TARGET,
      marker: MARKER,
      body: `${MARKER}\nhi`,
    });
    expect(r).toMatchObject({
      action: 'created',
      url: url(10_000),
      duplicates: [],
      scannedAll: true,
    });
    expect(gh.calls).toEqual(['list 1', 'create']);
  });

  it('updates in place a marked comment found on page 2, and never adds a second one', async () => {
    const initial = chatter(150);
    initial[130] = `${MARKER}\nold table`;
    // Not ours: a quote of it, and another deployment whose id starts the same.
    initial[5] = `> ${MARKER}\n> old table`;
    initial[6] = `${commentMarker('pr-70')}\nother`;
    const gh = fakeGitHub(initial);
    for (const n of [1, 2, 3]) {
      const r = await upsertPrComment(gh.octokit, {
        ...TARGET,
        marker: MARKER,
        body: `${MARKER}\nrun ${n}`,
      });
      expect(r).toMatchObject({ action: 'updated', id: 230 });
    }
    expect(gh.calls.filter((c) => c === 'create')).toEqual([]);
    expect(gh.calls.slice(0, 3)).toEqual(['list 1', 'list 2', 'update 230']);
    expect(gh.comments).toHaveLength(150);
    expect(ours(gh.comments).map((c) => c.body)).toEqual([`${MARKER}\nrun 3`]);
    expect(gh.comments[6]?.body).toBe(`${commentMarker('pr-70')}\nother`);
  });

  it('skips the write when nothing changed', async () => {
    const gh = fakeGitHub([`${MARKER}\nsame`]);
    const r = await upsertPrComment(gh.octokit, {
      ...TARGET,
      marker: MARKER,
      body: `${MARKER}\nsame`,
    });
    expect(r.action).toBe('unchanged');
    expect(gh.calls).toEqual(['list 1']);
  });

  it('after a past race updates the newest marked comment and reports the older ones', async () => {
    const gh = fakeGitHub([`${MARKER}\na`, 'x', `${MARKER}\nb`]);
    const r = await upsertPrComment(gh.octokit, {
      ...TARGET,
      marker: MARKER,
      body: `${MARKER}\nc`,
    });
    expect(r).toMatchObject({ action: 'updated', id: 102, duplicates: [100] });
    expect(gh.comments.map((c) => c.body)).toEqual([`${MARKER}\na`, 'x', `${MARKER}\nc`]);
  });

  it('stops paging after 30 pages (3,000 comments) and says so', async () => {
    const gh = fakeGitHub(chatter(3100));
    const r = await upsertPrComment(gh.octokit, { ...TARGET, marker: MARKER, body: MARKER });
    expect(r).toMatchObject({ action: 'created', scannedAll: false });
    expect(gh.calls.filter((c) => c.startsWith('list'))).toHaveLength(30);
  });

  it('cuts a body over GitHub’s limit', async () => {
    const gh = fakeGitHub();
    await upsertPrComment(gh.octokit, {
      ...TARGET,
      marker: MARKER,
      body: MARKER + 'x'.repeat(70_000),
    });
    const body = gh.comments[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toMatch(
      /^<!-- spot-deploy:pr-7 -->x+\n\n… \(cut: GitHub limits a comment to 65,536 characters\)$/,
    );
  });
});

describe('renderPrComment', () => {
  const base = {
    deploymentId: 'pr-7',
    bundleSha256: 'ab'.repeat(32),
    runUrl: 'https://github.com/o/r/actions/runs/9',
    now: new Date('2026-11-22T10:00:00.123Z'),
  };

  it('says which release a failed instance rolled back to', () => {
    const body = renderPrComment({
      ...base,
      instances: [
        instance(3, {
          status: 'failed',
          step: 'health-check',
          error: 'rolled back to ffffffffffff: …',
          rolledBackTo: 'f'.repeat(64),
        }),
      ],
    });
    expect(body).toContain('| 203.0.113.3 | `health-check`: rolled back to `ffffffffffff` |');
  });

  it('says an instance was unchanged instead of an activation time', () => {
    const note = 'unchanged: already running abababababab, nothing uploaded';
    const body = renderPrComment({ ...base, instances: [instance(3, { note })] });
    expect(body).toContain(`| 203.0.113.3 | \`${note}\` |`);
    expect(body).not.toContain('active in');
  });

  it('renders a compact fleet table, failures first, with counts and links', () => {
    const body = renderPrComment({
      ...base,
      instances: [
        instance(1),
        instance(2, {
          status: 'failed',
          step: 'setup',
          error: 'setup.sh exited 1 | <b>@octocat</b> `x`\nmore',
        }),
      ],
      minReady: 2,
      shortfall: 1,
      artifact: {
        name: 'spot-deploy-pr-7-9-1',
        url: 'https://github.com/o/r/actions/runs/9/artifacts/5',
      },
    });
    expect(body).toBe(
      [
        '<!-- spot-deploy:pr-7 -->',
        '### ❌ spot-deploy `pr-7`: 1/3 ready',
        '',
        '**1** ready · **1** failed · **1** not launched · min-ready 2 · bundle `abababababab` · [artifact spot-deploy-pr-7-9-1](https://github.com/o/r/actions/runs/9/artifacts/5) · [workflow run](https://github.com/o/r/actions/runs/9)',
        '',
        '| | instance | region / AZ | type | lifecycle | address | detail |',
        '|---|---|---|---|---|---|---|',
        "| ❌ | `i-00000000000000002` | eu-west-1 / eu-west-1a | t3.small | spot | 203.0.113.2 | `setup`: `setup.sh exited 1 \\| <b>@octocat</b> 'x'` |",
        '| ✅ | `i-00000000000000001` | eu-west-1 / eu-west-1a | t3.small | spot | 203.0.113.1 | active in 41 s |',
        '',
        '<sub>Updated 2026-11-22T10:00:00Z by spot-deploy; this comment is edited in place.</sub>',
      ].join('\n'),
    );
  });

  it('lists instances a stopped rollout skipped after the failures, and is never green with them', () => {
    const body = renderPrComment({
      ...base,
      instances: [
        instance(1, { status: 'skipped', batch: { number: 3 } }),
        instance(2, { status: 'failed', step: 'health-check', error: 'unhealthy' }),
        instance(3, { status: 'skipped', batch: { number: 2 } }),
      ],
      minReady: 0,
    });
    expect(body).toContain('### ❌ spot-deploy `pr-7`: 0/3 ready');
    expect(body).toContain(
      '**0** ready · **1** failed · **2** skipped (rollout stopped) · min-ready 0',
    );
    const rows = body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |'));
    expect(rows.map((l) => l.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| ❌ | `i-00000000000000002`',
      '| ⏭️ | `i-00000000000000001`',
      '| ⏭️ | `i-00000000000000003`',
    ]);
    expect(rows[1]).toContain(
      'skipped: the rollout stopped before batch 3; still on its previous release |',
    );
  });

  it('stays under GitHub’s limit for a huge fleet, saying how many rows were left out', () => {
    const instances = Array.from({ length: 3000 }, (_, i) =>
      instance(i, i % 2 ? { status: 'failed', step: 'connect', error: 'E'.repeat(500) } : {}),
    );
    const body = renderPrComment({ ...base, instances });
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    const shown = body.split('\n').filter((l) => /^\| [✅❌] \|/.test(l));
    expect(shown.length).toBeGreaterThan(100);
    expect(shown.every((l) => l.startsWith('| ❌'))).toBe(true);
    expect(body).toContain(
      `… ${3000 - shown.length} more instance(s) not shown (comment size limit); [see the run summary](${base.runUrl}).`,
    );
    expect(body.startsWith(MARKER)).toBe(true);
  });

  it('has a destroy variant under the same marker, so it replaces the fleet table', () => {
    const body = renderDestroyComment({
      ...base,
      terminated: [
        { id: 'i-1', region: 'eu-west-1' },
        { id: 'i-2', region: 'us-east-1' },
      ],
    });
    expect(body.startsWith(`${MARKER}\n### 🧹 spot-deploy \`pr-7\`: fleet destroyed\n`)).toBe(true);
    expect(body).toContain(
      '2 instance(s) terminated · [workflow run](https://github.com/o/r/actions/runs/9)',
    );
    expect(body).toContain('| `i-2` | us-east-1 |');
    const partial = renderDestroyComment({
      ...base,
      terminated: [],
      errors: ['sg-1: DependencyViolation'],
    });
    expect(partial).toContain('### ⚠️ spot-deploy `pr-7`: fleet destroyed');
    expect(partial).toContain('- ⚠️ `sg-1: DependencyViolation`');
    expect(partial).not.toContain('| instance |');
  });
});

describe('renderReconcileComment', () => {
  const base = {
    deploymentId: 'pr-7',
    sha256: 'ab'.repeat(32),
    runUrl: 'https://github.com/o/r/actions/runs/9',
    now: new Date('2026-12-02T04:00:00.123Z'),
  };

  it('says "replaced N of M" under the deploy comment’s marker, why each went, the fleet with the untouched ones last', () => {
    const body = renderReconcileComment({
      ...base,
      size: 3,
      launched: 2,
      replaced: [{ info: { id: 'i-9' }, why: 'its agent says interrupted' }],
      instances: [
        instance(1, { adopted: true, timings: {} }),
        instance(2),
        instance(3, { status: 'failed', step: 'health-check', error: 'unhealthy | <b>x</b>' }),
      ],
    });
    expect(body).toBe(
      [
        '<!-- spot-deploy:pr-7 -->',
        '### ❌ spot-deploy `pr-7`: replaced 2 of 3, 2/3 ready',
        '',
        'reconcile · **2** ready · **1** failed · release `abababababab` · [workflow run](https://github.com/o/r/actions/runs/9)',
        '',
        '- replaced `i-9`: `its agent says interrupted`',
        '',
        '| | instance | region / AZ | type | lifecycle | address | detail |',
        '|---|---|---|---|---|---|---|',
        '| ❌ | `i-00000000000000003` | eu-west-1 / eu-west-1a | t3.small | spot | 203.0.113.3 | `health-check`: `unhealthy \\| <b>x</b>` |',
        '| ✅ | `i-00000000000000002` | eu-west-1 / eu-west-1a | t3.small | spot | 203.0.113.2 | replacement, active in 41 s |',
        '| ✅ | `i-00000000000000001` | eu-west-1 / eu-west-1a | t3.small | spot | 203.0.113.1 | ready, untouched |',
        '',
        '<sub>Updated 2026-12-02T04:00:00Z by spot-deploy reconcile; this comment is edited in place.</sub>',
      ].join('\n'),
    );
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
  });

  it('is green when the fleet is whole again, and says when nothing needed replacing', () => {
    const whole = renderReconcileComment({
      ...base,
      size: 2,
      launched: 0,
      replaced: [],
      instances: [instance(1, { adopted: true }), instance(2, { adopted: true })],
    });
    expect(whole).toContain('### ✅ spot-deploy `pr-7`: replaced 0 of 2, 2/2 ready');
    expect(whole).not.toContain('- replaced');
  });

  it('takes mode reconcile’s report as it is, plus only the run link and the clock (one type, not a copy)', () => {
    // A field added to ReconcileReport reaches the comment's data without a second edit; tsc
    // (npm run typecheck) checks this line, the body below checks the report renders as given.
    expectTypeOf<Omit<ReconcileCommentData, 'runUrl' | 'now'>>().toEqualTypeOf<ReconcileReport>();
    const report: ReconcileReport = {
      deploymentId: 'pr-7',
      sha256: base.sha256,
      size: 2,
      launched: 0,
      replaced: [],
      instances: [instance(1, { adopted: true }), instance(2, { adopted: true })],
      expired: 'expires-at passed',
    };
    const body = renderReconcileComment({ ...report, runUrl: base.runUrl, now: base.now });
    expect(body).toContain('### ✅ spot-deploy `pr-7`: replaced 0 of 2, 2/2 ready');
  });

  it('lists at most 20 replaced instances and stays under GitHub’s limit for a huge fleet', () => {
    const n = 3000;
    const body = renderReconcileComment({
      ...base,
      size: n,
      launched: n,
      replaced: Array.from({ length: n }, (_, i) => ({
        info: { id: `i-${i}` },
        why: `unreachable over SSH: ${'E'.repeat(500)}`,
      })),
      instances: Array.from({ length: n }, (_, i) => instance(i)),
    });
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body.split('\n').filter((l) => l.startsWith('- replaced '))).toHaveLength(20);
    expect(body).toContain(`- … and ${n - 20} more (see the run summary)`);
    expect(body).toMatch(/… \d+ more instance\(s\) not shown \(comment size limit\)/);
  });
});

describe('githubPublisher.comment', () => {
  const values: Record<string, string> = {
    mode: 'destroy',
    regions: 'eu-west-1',
    'deployment-id': 'pr-7',
    'pr-comment': 'true',
    'github-token': 'ghs_x',
  };
  const inputs = parseInputs((n) => values[n] ?? '', { workspace: '/', defaultRegion: undefined });

  it("comments on the pull request it is given (a scheduled reconcile's), else the event's", async () => {
    const gh = fakeGitHub();
    const targets: number[] = [];
    const issues = gh.octokit.rest.issues;
    const octokit: OctokitLike = {
      rest: {
        issues: {
          listComments: (p) => issues.listComments(p),
          createComment: (p) => (targets.push(p.issue_number), issues.createComment(p)),
          updateComment: (p) => issues.updateComment(p),
        },
      },
    };
    const publisher = (prNumber: number | undefined) =>
      githubPublisher(
        { artifacts: {} as never, octokit: () => octokit },
        inputs,
        { tempDir: '/nonexistent', repository: 'o/r', prNumber },
        recordingSink(),
      );
    await publisher(undefined).comment('pr-12', `${commentMarker('pr-12')}\nx`, 12);
    await publisher(7).comment('pr-7', `${MARKER}\nx`);
    await publisher(7).comment('pr-3', `${commentMarker('pr-3')}\nx`, 3);
    expect(targets).toEqual([12, 7, 3]);
  });
});

describe('publishPrComment', () => {
  function options(gh: ReturnType<typeof fakeGitHub>, over: Partial<PublishOptions> = {}) {
    const tokens: string[] = [];
    const o: PublishOptions = {
      enabled: true,
      token: 'ghs_x',
      target: TARGET,
      octokit: (t) => (tokens.push(t), gh.octokit),
      deploymentId: 'pr-7',
      body: `${MARKER}\ntable`,
      ...over,
    };
    return { o, tokens };
  }

  it('posts, then updates the same comment on the next run', async () => {
    const gh = fakeGitHub(chatter(2));
    const { o, tokens } = options(gh);
    const first = await publishPrComment(o);
    const second = await publishPrComment({ ...o, body: `${MARKER}\ntable 2` });
    expect(first).toEqual({
      status: 'posted',
      url: url(10_000),
      message: `PR comment created on pull request #7: ${url(10_000)}`,
    });
    expect(second.message).toBe(`PR comment updated on pull request #7: ${url(10_000)}`);
    expect(tokens).toEqual(['ghs_x', 'ghs_x']);
    expect(ours(gh.comments)).toHaveLength(1);
  });

  it('turns a 403 into a warning naming the permission, and never throws', async () => {
    const gh = fakeGitHub([], { status: 403, message: 'Resource not accessible by integration' });
    const out = await publishPrComment(options(gh).o);
    expect(out.status).toBe('failed');
    const sink = recordingSink();
    reportPrComment(sink, out);
    expect(sink.lines).toEqual([
      'warning: Could not comment on pull request #7: GitHub refused (403: Resource not accessible by integration). Give the job `permissions: pull-requests: write`; pull requests from forks get a read-only token and cannot be commented on this way. The deploy itself is unaffected.',
    ]);
  });

  it('does not blame permissions for a rate limit or another error', async () => {
    const limited = fakeGitHub([], {
      status: 403,
      message: 'API rate limit exceeded for installation',
    });
    const a = await publishPrComment(options(limited).o);
    expect(a.message).not.toContain('pull-requests: write');
    expect(a.message).toContain('403: API rate limit exceeded');
    const broken = fakeGitHub([], { status: 502, message: 'Bad Gateway' });
    expect((await publishPrComment(options(broken).o)).message).toBe(
      'Could not comment on pull request #7: 502: Bad Gateway. The deploy itself is unaffected.',
    );
  });

  it('skips when off, not a pull request, or without a token, without building a client', async () => {
    const gh = fakeGitHub();
    for (const [over, why] of [
      [{ enabled: false }, 'off (pr-comment: false)'],
      [
        { target: commentTarget({ repository: 'o/r' }) },
        'skipped, this run is not for a pull request',
      ],
      [{ token: undefined }, 'skipped, no `github-token` (not in Actions)'],
    ] as const) {
      const { o, tokens } = options(gh, over);
      const out = await publishPrComment(o);
      expect(out).toEqual({ status: 'skipped', message: `PR comment: ${why}` });
      expect(tokens).toEqual([]);
      const sink = recordingSink();
      reportPrComment(sink, out);
      expect(sink.lines).toEqual([`info: PR comment: ${why}`]);
    }
    expect(gh.calls).toEqual([]);
  });
});

describe('github-context', () => {
  it('finds the pull request to comment on, and the run and artifact links', () => {
    expect(commentTarget({ repository: 'o/r', prNumber: 7 })).toEqual(TARGET);
    expect(commentTarget({ repository: 'o/r', prNumber: undefined })).toBeUndefined();
    expect(commentTarget({ repository: undefined, prNumber: 7 })).toBeUndefined();
    expect(commentTarget({ repository: 'o/r/x', prNumber: 7 })).toBeUndefined();
    const ctx = { serverUrl: 'https://ghe.example.com/', repository: 'o/r', runId: '9' };
    expect(runUrl(ctx)).toBe('https://ghe.example.com/o/r/actions/runs/9');
    expect(runUrl({ repository: 'o/r', runId: '9' })).toBe('https://github.com/o/r/actions/runs/9');
    expect(artifactUrl(ctx, 5)).toBe('https://ghe.example.com/o/r/actions/runs/9/artifacts/5');
    expect(runUrl({})).toBeUndefined();
    expect(artifactUrl({}, 5)).toBeUndefined();
  });
});
