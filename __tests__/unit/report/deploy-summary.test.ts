import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { BundleResult } from '../../../src/bundle/build.js';
import type { UserData } from '../../../src/cloud-init/render.js';
import { instancesJson, INSTANCES_OUTPUT_BUDGET } from '../../../src/report/outputs.js';
import type { InstanceResult } from '../../../src/report/results.js';
import { fromDelivery, verdict } from '../../../src/report/results.js';
import {
  hourlyCost,
  renderDeploySummary,
  SUMMARY_BUDGET,
} from '../../../src/report/deploy-summary.js';
import { runLinks } from '../../../src/report/links.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { RenderedFiles as Prepared } from '../../../src/report/outputs.js';

const schema = JSON.parse(readFileSync('docs/outputs.schema.json', 'utf8')) as object;
// strictRequired off: the if/then clause requires properties declared one level up, as JSON Schema allows.
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

function fleet(n: number, diagChars: number): InstanceResult[] {
  return Array.from({ length: n }, (_, k) => {
    const id = `i-${(0x1000000 + k).toString(16).padStart(17, '0')}`;
    const base = {
      id,
      region: k % 2 ? 'us-east-1' : 'eu-west-1',
      availabilityZone: k % 2 ? 'us-east-1b' : 'eu-west-1a',
      instanceType: 't3.small',
      lifecycle: k % 7 === 6 ? ('on-demand' as const) : ('spot' as const),
      ...(k % 7 === 6 ? {} : { spotPrice: '0.0071' }),
      publicIp: `198.51.100.${k % 250}`,
      privateIp: `10.0.${k % 200}.${(k * 7) % 250}`,
      state: 'running',
      adopted: k % 5 === 0,
      timings: {
        runningMs: 31_000 + k,
        sshReadyMs: 9_000 + k,
        uploadedMs: 9_400 + k,
        activeMs: 12_100 + k,
      },
    };
    if (k % 3 !== 2) return { ...base, status: 'ready' as const };
    return {
      ...base,
      status: 'failed' as const,
      step: 'setup' as const,
      error: `setup.sh exited 3: "quoted" <tag> & | pipe\nsecond line`,
      diagnostics: `$ cloud-init status --long\n${'x'.repeat(diagChars)}`,
    };
  });
}

describe('the instances output', () => {
  it('matches docs/outputs.schema.json (ready, failed, adopted, on-demand)', () => {
    const { json } = instancesJson(fleet(7, 100));
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema rejects what it should (a failed instance without its step, unknown keys)', () => {
    const [one] = fleet(3, 10).slice(2);
    const { step: _s, ...noStep } = one as InstanceResult;
    expect(validate([noStep])).toBe(false);
    expect(validate([{ ...(one as InstanceResult), color: 'red' }])).toBe(false);
  });

  it('keeps a 50-instance fleet with 8,000-character diagnostics under its budget, saying so', () => {
    const results = fleet(50, 8_000).map((r) => ({
      ...r,
      status: 'failed' as const,
      step: 'setup' as const,
      error: 'e',
      diagnostics: 'd'.repeat(8_000),
    }));
    const full = Buffer.byteLength(JSON.stringify(results));
    const { json, truncated } = instancesJson(results);
    const bytes = Buffer.byteLength(json);
    console.log(
      `instances output, 50 instances: ${full} B untruncated → ${bytes} B (${truncated} diagnostics shortened)`,
    );
    expect(bytes).toBeLessThanOrEqual(INSTANCES_OUTPUT_BUDGET);
    expect(truncated).toBe(50);
    expect(json).toContain('[truncated: see the step summary]');
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    const small = instancesJson(fleet(50, 100));
    console.log(
      `instances output, 50 instances, short diagnostics: ${Buffer.byteLength(small.json)} B`,
    );
    expect(small.truncated).toBe(0);
  });

  it('shortens diagnostics evenly to fit a small budget (100 instances, the most count allows)', () => {
    const { json, truncated } = instancesJson(fleet(100, 8_000), 50_000);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(50_000);
    expect(truncated).toBe(33);
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('drops diagnostics and keeps first error lines when the errors alone are too long', () => {
    const results = fleet(100, 10).map((r) => ({
      ...r,
      status: 'failed' as const,
      step: 'connect' as const,
      error: `${'x'.repeat(5_000)}\nmore`,
    }));
    const { json, truncated } = instancesJson(results);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(INSTANCES_OUTPUT_BUDGET);
    expect(truncated).toBe(100);
    expect(json).not.toContain('more');
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
  });
});

const inputs = (v: Partial<Record<InputName, string>>) =>
  parseInputs((n) => v[n] ?? '', { workspace: process.cwd(), defaultRegion: undefined });

function fixture(results: InstanceResult[]) {
  const plan = buildPlan(
    inputs({
      regions: 'eu-west-1,us-east-1',
      count: String(results.length),
      'bundle-path': 'examples/bundle',
      'deployment-id': 'pr-42',
    }),
    { tempDir: '/tmp', repository: 'org/app', runId: '99', serverUrl: 'https://github.com' },
    new Date('2026-11-25T12:00:00Z'),
  );
  const prepared: Prepared = {
    workDir: '/tmp',
    userData: { bytes: 2032, gzipped: false } as UserData,
    userDataPath: '/tmp/user-data',
    bundle: {
      sha256: 'ab'.repeat(32),
      bytes: 6690,
      fileCount: 4,
      file: '/tmp/b.tgz',
    } as BundleResult,
  };
  return { plan, prepared };
}

describe('the deploy step summary', () => {
  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const results = fleet(7, 120);
    const { plan, prepared } = fixture(results);
    const v = verdict(results, plan.inputs.minReady, 1);
    const md = renderDeploySummary(
      plan,
      prepared,
      results,
      {
        shortfall: 1,
        launchErrors: [
          {
            region: 'eu-west-1',
            lifecycle: 'spot',
            code: 'InsufficientInstanceCapacity',
            message: 'no t3.small | here',
            instanceType: 't3.small',
            availabilityZone: 'eu-west-1c',
          },
        ],
      },
      v.line,
      runLinks({ repository: 'org/app', runId: '99', serverUrl: 'https://github.com' }, '123'),
    );
    const golden = '__tests__/golden/deploy-summary.md';
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, md);
    expect(md).toBe(readFileSync(golden, 'utf8'));
    // HTML in error text is escaped; table cells with pipes are escaped.
    expect(md).toContain('&lt;tag&gt; &amp;');
    expect(md).toContain('no t3.small \\| here');
    expect(md).toContain('https://github.com/org/app/actions/runs/99/artifacts/123');
  });

  it('shows an instance whose agent rolled back, in the table, its details and the output', () => {
    const prev = `${'d'.repeat(12)}${'e'.repeat(52)}`;
    const results = fleet(3, 10).map((r) =>
      r.status === 'failed'
        ? {
            ...r,
            step: 'health-check' as const,
            error: `rolled back to ${prev.slice(0, 12)}: …`,
            rolledBackTo: prev,
          }
        : r,
    );
    const { plan, prepared } = fixture(results);
    const md = renderDeploySummary(
      plan,
      prepared,
      results,
      { shortfall: 0, launchErrors: [] },
      'x',
    );
    expect(md).toContain('| ❌ failed: health-check, rolled back to `dddddddddddd` |');
    expect(md).toContain('failed at health-check, rolled back to dddddddddddd</summary>');
    const { json } = instancesJson(results);
    expect(JSON.parse(json)).toContainEqual(expect.objectContaining({ rolledBackTo: prev }));
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate([{ ...results[2], rolledBackTo: 'previous' }])).toBe(false);
  });

  it('shows an instance a redeploy found unchanged: ready with its note, no upload time, in the output too', () => {
    const note = `unchanged: already running ${'ab'.repeat(6)}, nothing uploaded`;
    const results = fleet(2, 10).map((r) => {
      const { uploadedMs: _u, ...timings } = r.timings;
      return { ...r, note, timings };
    });
    const { plan, prepared } = fixture(results);
    const md = renderDeploySummary(
      plan,
      prepared,
      results,
      { shortfall: 0, launchErrors: [] },
      'x',
    );
    expect(md).toContain(`| ✅ ready (${note}) | \`${results[0]?.id}\``);
    expect(md).toMatch(/\| 9\.0 s \| – \| 12\.1 s \|/); // ssh ready, no upload, active
    const { json } = instancesJson(results);
    const out = JSON.parse(json) as InstanceResult[];
    expect(out[0]).toMatchObject({ status: 'ready', note });
    expect(out[0]?.timings.uploadedMs).toBeUndefined();
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });

  it("carries a delivery's note into the result, for a ready instance only", () => {
    const info = {
      id: 'i-0123',
      region: 'eu-west-1',
      instanceType: 't3.small',
      lifecycle: 'spot' as const,
    } as Parameters<typeof fromDelivery>[0];
    const note = 'unchanged: already running abababababab, nothing uploaded';
    const d = { id: 'i-0123', host: 'h', port: 22, note, timings: { sshReadyMs: 5, totalMs: 9 } };
    const ready = fromDelivery(
      info,
      true,
      { ...d, status: 'ready', timings: { ...d.timings, activeMs: 9 } },
      1,
    );
    expect(ready).toMatchObject({ status: 'ready', note, timings: { sshReadyMs: 5, activeMs: 9 } });
    expect(ready.timings.uploadedMs).toBeUndefined();
    expect(
      fromDelivery(info, true, { ...d, status: 'failed', step: 'ttl-config', error: 'x' }, 1).note,
    ).toBeUndefined();
  });

  it('sums the hourly cost of priced instances and counts the unpriced', () => {
    const cost = hourlyCost(fleet(7, 1));
    expect(Object.keys(cost).sort()).toEqual(['unknown', 'usd']);
    expect(cost.usd).toBeCloseTo(6 * 0.0071, 6);
    expect(cost.unknown).toBe(1);
  });

  it('stays under 1 MiB for 50 failed instances with long diagnostics', () => {
    const results = fleet(50, 60_000).map((r) => ({
      ...r,
      status: 'failed' as const,
      step: 'setup' as const,
      error: 'e',
      diagnostics: 'd'.repeat(60_000),
    }));
    const { plan, prepared } = fixture(results);
    const md = renderDeploySummary(
      plan,
      prepared,
      results,
      { shortfall: 0, launchErrors: [] },
      'x',
    );
    console.log(
      `step summary, 50 failed instances with 60,000-char diagnostics: ${Buffer.byteLength(md)} B`,
    );
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_BUDGET + 64 * 1024);
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
  });
});

describe('the deploy step summary of a rolling redeploy', () => {
  const T = (s: number) =>
    `2026-11-25T12:0${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.000Z`;
  /** Four adopted instances, batch-size 1, the first failed: batches 2-4 skipped. */
  function stopped() {
    const [a, b, c, d] = fleet(4, 0).map((r) => ({ ...r, adopted: true }));
    const results: InstanceResult[] = [
      {
        ...(a as InstanceResult),
        status: 'failed',
        step: 'health-check',
        error: 'unhealthy',
        batch: { number: 1, startedAt: T(1), finishedAt: T(40) },
      },
      ...[b, c, d].map((r, k): InstanceResult => {
        const { timings: _t, ...rest } = r as InstanceResult;
        return { ...rest, status: 'skipped', timings: {}, batch: { number: k + 2 } };
      }),
    ];
    const batches = [
      {
        number: 1,
        ids: [a?.id ?? ''],
        fresh: false,
        outcome: 'failed' as const,
        failed: 1,
        startedAt: T(1),
        finishedAt: T(40),
      },
      ...[b, c, d].map((r, k) => ({
        number: k + 2,
        ids: [r?.id ?? ''],
        fresh: false,
        outcome: 'skipped' as const,
        failed: 0,
      })),
    ];
    const stop = {
      batch: 1,
      of: 4,
      maxFailed: 0,
      failedIds: [a?.id ?? ''],
      skippedIds: [b, c, d].map((r) => r?.id ?? ''),
    };
    return { results, batches, stop };
  }

  it('shows the batches, the stop and the untouched instances; the instances output matches the schema', () => {
    const { results, batches, stop } = stopped();
    const { plan, prepared } = fixture(results);
    const v = verdict(results, plan.inputs.minReady, 0);
    const md = renderDeploySummary(
      plan,
      prepared,
      results,
      { shortfall: 0, launchErrors: [], batches, stop },
      v.line,
    );
    expect(md).toContain('## ❌ spot-deploy `pr-42`: 0 of 4 ready');
    expect(md).toContain('0 of 4 instance(s) ready, 3 skipped (min-ready 4).');
    expect(md).toContain(
      'rolling redeploy stopped at batch 1 of 4: 1 instance(s) failed, more than max-failed 0',
    );
    expect(md).toContain('**Rolling redeploy**: 4 batches, stopped after batch 1 (max-failed 0).');
    expect(md).toContain(
      `| 1 | \`${results[0]?.id ?? ''}\` | 12:00:01Z | 12:00:40Z | ❌ 1 failed, 0 ready; rollout stopped |`,
    );
    expect(md).toContain(`| 2 | \`${results[1]?.id ?? ''}\` | – | – | ⏭️ skipped: not touched |`);
    expect(md).toContain('⏭️ skipped (batch 3)');
    expect(md).toContain(
      '| instances | 0 ready, 1 failed, 3 skipped (not touched, on their previous release);',
    );
    // Only the failed one has a failure block.
    expect(md.match(/<details><summary>/g)).toHaveLength(1);
    const { json } = instancesJson(results);
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate([{ ...results[1], status: 'paused' }])).toBe(false);
    expect(validate([{ ...results[1], batch: { number: 0 } }])).toBe(false);
  });

  it('renders a single batch exactly as before (no table): the golden output does not change', () => {
    const results = fleet(7, 120);
    const { plan, prepared } = fixture(results);
    const v = verdict(results, plan.inputs.minReady, 0);
    const base = { shortfall: 0, launchErrors: [] };
    const one = [
      {
        number: 1,
        ids: results.map((r) => r.id),
        fresh: false,
        outcome: 'failed' as const,
        failed: 2,
        startedAt: T(0),
        finishedAt: T(9),
      },
    ];
    const without = renderDeploySummary(plan, prepared, results, base, v.line);
    expect(renderDeploySummary(plan, prepared, results, { ...base, batches: one }, v.line)).toBe(
      without,
    );
    expect(without).not.toContain('| batch |');
  });

  it('shows a table for two ready batches, the new instances marked', () => {
    const results = fleet(3, 0).map((r) => ({ ...r, status: 'ready' as const }));
    const { plan, prepared } = fixture(results);
    const batches = [
      {
        number: 1,
        ids: [results[0]?.id ?? ''],
        fresh: true,
        outcome: 'ready' as const,
        failed: 0,
        startedAt: T(0),
        finishedAt: T(5),
      },
      {
        number: 2,
        ids: [results[1]?.id ?? '', results[2]?.id ?? ''],
        fresh: false,
        outcome: 'ready' as const,
        failed: 0,
        startedAt: T(5),
        finishedAt: T(9),
      },
    ];
    const md = renderDeploySummary(
      plan,
      prepared,
      results,
      { shortfall: 0, launchErrors: [], batches },
      'ok',
    );
    expect(md).toContain('**Rolling redeploy**: 2 batches.');
    expect(md).toContain(
      `| 1 | \`${results[0]?.id ?? ''}\` (new) | 12:00:00Z | 12:00:05Z | ✅ 1 ready |`,
    );
    expect(md).toContain('| 2 | ');
    expect(md).toContain('✅ 2 ready |');
    expect(md).not.toContain('skipped');
  });
});
