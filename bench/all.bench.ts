/**
 * Benchmarks of issue 6 ("Benchmarks"): figures measured in one run and printed, never asserted.
 *
 *   npx vitest run --config vitest.bench.config.ts bench/all.bench.ts
 *
 * - userDataBytes: the default user-data of examples/plan.yml (`node dist/cli.js plan`).
 * - bundleBuildRatio: buildBundle of a generated ~50 MB tree vs `tar czf` of it (medians);
 *   bundleDeterministic: every build byte-identical.
 * - uploadRatio: ours/scp, 50 MiB, whole operation, stock-like sshd (bench/lib/upload.ts).
 * - overheadSeconds by N, scaleRatio50, scaleRatio100: `node dist/index.js` deploys to N fake instances on moto;
 *   overhead = wall − slowest instance's (boot + delivery), as defined in bench/lib/fleet.ts.
 *   scaleRatio100ExCreateFleet (diagnostic, no goal): the same ratio with moto's time to answer the
 *   action's CreateFleet taken out of each overhead (bench/lib/ec2-timing.ts times the calls).
 * - unchangedRedeployMs: the same bundle deployed again to 10 fake instances on moto (median of 3
 *   redeploys' wall times); every instance must report no upload (bench/lib/redeploy.ts).
 * - coldStartMs / nodeBaselineMs: the post step with no state vs `node -e 0` (medians).
 * - coldStartRatio: `node dist/index.js` in mode plan (examples/bundle, no artifact service: the
 *   step's whole work) over `node -e 0`, medians of runs interleaved with the baseline's, on the
 *   Node running the bench; coldStartRatioNode24: the same on Node 24 (`runs.using: node24`),
 *   when scripts/act/install.sh has installed it.
 * - activationVsSeed: on a VM, upload → active of our path / a seed-style `scp` + `.path` unit
 *   (bench/lib/seed.ts; medians of BENCH_SEED_RUNS, default 3); skipped without the VM image.
 *
 * Prints a table (name, value, goal, met?) and writes the same figures to bench/results.json.
 * BENCH_RUNS (default 5, min 5) sets repetitions; BENCH_FLEET (default "1,10,50,100") the fleet sizes,
 * BENCH_FLEET_RUNS (default 3) the deploys per size (overheadSeconds[N] is their median);
 * BENCH_FLEET_NICE (default 19) the fake instances' niceness (0: they compete with the action for
 * the runner's CPU, which real instances never do; bench/lib/fleet.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../src/bundle/build.js';
import { fakeInstanceSupport } from '../__tests__/helpers/fake-instance.js';
import { hasMoto, IMAGE_CATALOGUE, startMoto } from '../__tests__/helpers/moto.js';
import { hasSshd } from '../__tests__/helpers/sshd.js';
import { deployFleet, loopbackSubnet, type FleetRun } from './lib/fleet.js';
import { formatTable, median, since, writeJson } from './lib/stats.js';
import { generateTree } from './lib/tree.js';
import { uploadVsScp } from './lib/upload.js';
import { redeployUnchanged } from './lib/redeploy.js';
import { activationVsSeed } from './lib/seed.js';
import { vmEnabled, vmImageExists } from '../__tests__/helpers/vm.js';
import { actTools } from '../__tests__/e2e/act/run-act.js';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5) || 5);
const FLEET = (process.env.BENCH_FLEET ?? '1,10,50,100')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 1 && n <= 100);
const FLEET_RUNS = Math.max(1, Number(process.env.BENCH_FLEET_RUNS ?? 3) || 3);
const RESULTS = join('bench', 'results.json');

interface Results {
  userDataBytes: number | null;
  bundleBuildRatio: number | null;
  bundleDeterministic: boolean | null;
  uploadRatio: number | null;
  unchangedRedeployMs: number | null;
  overheadSeconds: Record<string, number | null>;
  scaleRatio50: number | null;
  scaleRatio100: number | null;
  /**
   * Diagnostic, no goal: scaleRatio100 with moto's CreateFleet answer time taken out of both
   * overheads (medians of overhead − createFleet), to show what grows with N apart from it.
   */
  scaleRatio100ExCreateFleet: number | null;
  coldStartMs: number | null;
  nodeBaselineMs: number | null;
  coldStartRatio: number | null;
  /** coldStartRatio on Node 24, the runtime of `runs.using: node24` (null without it installed). */
  coldStartRatioNode24: number | null;
  activationVsSeed: number | null;
}
const results: Results = {
  userDataBytes: null,
  bundleBuildRatio: null,
  bundleDeterministic: null,
  uploadRatio: null,
  unchangedRedeployMs: null,
  overheadSeconds: Object.fromEntries(FLEET.map((n) => [String(n), null])),
  scaleRatio50: null,
  scaleRatio100: null,
  scaleRatio100ExCreateFleet: null,
  coldStartMs: null,
  nodeBaselineMs: null,
  coldStartRatio: null,
  coldStartRatioNode24: null,
  activationVsSeed: null,
};
/** Why a figure is missing, or what it is made of: printed under the table. */
const notes: string[] = [];
const note = (s: string): void => {
  notes.push(s);
  console.log(s);
};

const fleetSupport = !hasMoto
  ? 'moto_server is missing'
  : !hasSshd
    ? 'sshd is missing'
    : fakeInstanceSupport();

describe('spot-deploy benchmarks (issue 6)', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'spot-deploy-bench-all-'));
  });

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    const fmt = (v: number | boolean | null, digits = 2): string =>
      v === null ? 'n/a' : typeof v === 'boolean' ? String(v) : v.toFixed(digits);
    const met = (ok: boolean | null): string => (ok === null ? '-' : ok ? 'yes' : 'NO');
    const le = (v: number | null, goal: number): boolean | null => (v === null ? null : v <= goal);
    const r = results;
    const rows: string[][] = [
      ['name', 'value', 'goal', 'met?'],
      ['userDataBytes', fmt(r.userDataBytes, 0), '≤ 2048', met(le(r.userDataBytes, 2048))],
      ['bundleBuildRatio', fmt(r.bundleBuildRatio), '≤ 1.2', met(le(r.bundleBuildRatio, 1.2))],
      ['bundleDeterministic', fmt(r.bundleDeterministic), 'true', met(r.bundleDeterministic)],
      ['uploadRatio', fmt(r.uploadRatio), '≤ 1.05', met(le(r.uploadRatio, 1.05))],
      ['unchangedRedeployMs', fmt(r.unchangedRedeployMs, 0), 'no upload', ''],
      ...Object.entries(r.overheadSeconds).map(([n, v]) => [
        `overheadSeconds[${n}]`,
        fmt(v),
        '≤ 3 s',
        met(le(v, 3)),
      ]),
      ['scaleRatio50', fmt(r.scaleRatio50), '≤ 1.3', met(le(r.scaleRatio50, 1.3))],
      ['scaleRatio100', fmt(r.scaleRatio100), '≤ 1.3', met(le(r.scaleRatio100, 1.3))],
      ['scaleRatio100ExCreateFleet', fmt(r.scaleRatio100ExCreateFleet), '', ''],
      ['coldStartMs', fmt(r.coldStartMs, 0), '', ''],
      ['nodeBaselineMs', fmt(r.nodeBaselineMs, 0), '', ''],
      [
        'coldStartMs / nodeBaselineMs',
        r.coldStartMs === null || r.nodeBaselineMs === null
          ? 'n/a'
          : (r.coldStartMs / r.nodeBaselineMs).toFixed(2),
        '',
        '',
      ],
      ['coldStartRatio', fmt(r.coldStartRatio), '≤ 4', met(le(r.coldStartRatio, 4))],
      ['coldStartRatioNode24', fmt(r.coldStartRatioNode24), '', ''],
      ['activationVsSeed', fmt(r.activationVsSeed), '', ''],
    ];
    console.log(
      formatTable(
        `spot-deploy benchmarks (${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, ${new Date().toISOString()})`,
        rows,
      ) + (notes.length ? '\n' + notes.map((n) => `  note: ${n}`).join('\n') : ''),
    );
    await writeJson(RESULTS, results);
    console.log(`results written to ${RESULTS}`);
  });

  it('userDataBytes: default user-data of examples/plan.yml', () => {
    const out = execFileSync(
      process.execPath,
      ['dist/cli.js', 'plan', '--config', 'examples/plan.yml'],
      {
        encoding: 'utf8',
        timeout: 60_000,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, RUNNER_TEMP: work },
      },
    );
    const m = /^cloud-init-bytes=(\d+)$/m.exec(out);
    expect(m, out).not.toBeNull();
    results.userDataBytes = Number(m?.[1]);
    const path = /^user-data-path=(.+)$/m.exec(out)?.[1];
    if (path) expect(statSync(path).size).toBe(results.userDataBytes);
  }, 120_000);

  it('bundleBuildRatio / bundleDeterministic: ~50 MB tree, buildBundle vs tar czf', async () => {
    const tree = join(work, 'tree');
    const t = generateTree(tree);
    const agentDir = resolve('bundle', '.spot-deploy');
    const ours: number[] = [];
    const tar: number[] = [];
    const shas = new Set<string>();
    const bytes: Record<string, number> = {};
    const tarball = join(work, 'tar.tgz');
    // Warm the page cache once so neither side pays the first read.
    execFileSync('tar', ['czf', tarball, '-C', tree, '.'], { timeout: 300_000 });
    for (let i = 0; i < 3; i++) {
      const out = join(work, `bundle-${i}.tar.gz`);
      let t0 = performance.now();
      const b = await buildBundle({
        sourceDir: tree,
        exclude: [],
        maxBytes: 1024 * 1024 * 1024,
        agentDir,
        outFile: out,
      });
      ours.push(since(t0));
      shas.add(createHash('sha256').update(readFileSync(out)).digest('hex'));
      bytes.ours = b.bytes;
      t0 = performance.now();
      execFileSync('tar', ['czf', tarball, '-C', tree, '.'], { timeout: 300_000 });
      tar.push(since(t0));
      bytes.tar = statSync(tarball).size;
      rmSync(out, { force: true });
    }
    results.bundleBuildRatio = median(ours) / median(tar);
    results.bundleDeterministic = shas.size === 1;
    note(
      `bundle: tree ${t.files} files, ${(t.bytes / 1e6).toFixed(1)} MB; buildBundle ${median(ours).toFixed(0)} ms ` +
        `(${bytes.ours} B) vs tar czf ${median(tar).toFixed(0)} ms (${bytes.tar} B), medians of 3; ` +
        `${shas.size} distinct sha256 over 3 builds`,
    );
    rmSync(tree, { recursive: true, force: true });
  }, 600_000);

  it.skipIf(!hasSshd)(
    'uploadRatio: 50 MiB, ours/scp, whole operation, stock-like sshd',
    async () => {
      const u = await uploadVsScp(work, RUNS);
      results.uploadRatio = u.ratio;
      note(
        `upload: ${u.mib} MiB to a loopback sshd with the stock sftp-server; whole operation ` +
          `(ours: connect + deliverBundle incl. the sha256 taken as it lands + size check + close; scp: process start → exit); ` +
          `medians of ${RUNS}: ours ${median(u.oursMs).toFixed(0)} ms, scp ${median(u.scpMs).toFixed(0)} ms`,
      );
    },
    600_000,
  );

  it.skipIf(fleetSupport !== undefined)(
    'unchangedRedeployMs: the same bundle again to 10 fake instances on moto, nothing uploaded',
    async () => {
      const moto = await startMoto({ amis: IMAGE_CATALOGUE });
      try {
        const subnet = await loopbackSubnet(moto, '127.10.0.0/16', '127.10.0.0/20');
        const r = await redeployUnchanged(moto, subnet, 10, 3, 100_000);
        expect(r.first, r.tail).toEqual({ code: 0, ready: 10 });
        for (const x of r.redeploys) {
          note(
            `unchanged redeploy N=10: exit ${x.code}, ${x.ready}/10 ready, ${x.unchanged} unchanged, ` +
              `${x.uploaded} uploaded, wall ${(x.wallMs / 1000).toFixed(2)} s`,
          );
          expect(x, r.tail).toMatchObject({ code: 0, ready: 10, uploaded: 0, unchanged: 10 });
        }
        results.unchangedRedeployMs = median(r.redeploys.map((x) => x.wallMs));
      } finally {
        await moto.stop();
      }
    },
    900_000,
  );

  it('coldStartMs / nodeBaselineMs: post step with no state vs node -e 0', () => {
    const time = (args: string[], env: NodeJS.ProcessEnv): number => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { env, stdio: 'ignore', timeout: 30_000 });
      const took = since(t0);
      expect(r.status).toBe(0);
      return took;
    };
    const env = { PATH: process.env.PATH, STATE_isPost: 'true' };
    time(['dist/index.js'], env); // warm-up (page cache)
    time(['-e', '0'], env);
    const cold: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      cold.push(time(['dist/index.js'], env));
      base.push(time(['-e', '0'], env));
    }
    results.coldStartMs = median(cold);
    results.nodeBaselineMs = median(base);
    note(
      `post step with nothing to clean up: ${(median(cold) / median(base)).toFixed(2)}× bare node ` +
        `(${median(cold).toFixed(0)} ms / ${median(base).toFixed(0)} ms)`,
    );
  }, 120_000);

  it('coldStartRatio: the action in mode plan with no work vs node -e 0', () => {
    const dir = join(work, 'cold-plan');
    mkdirSync(dir);
    const files = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STATE: join(dir, 'state'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    };
    // The environment the runner gives a plan step: its inputs, the runner's files, no artifact
    // service (ACTIONS_RUNTIME_TOKEN unset), so the step's work is the plan itself.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...files,
      RUNNER_TEMP: dir,
      GITHUB_WORKSPACE: resolve('.'),
      INPUT_MODE: 'plan',
      'INPUT_DEPLOYMENT-ID': 'bench',
      INPUT_REGIONS: 'eu-west-1',
      'INPUT_BUNDLE-PATH': 'examples/bundle',
    };
    const time = (node: string, args: string[], e: NodeJS.ProcessEnv): number => {
      for (const f of Object.values(files)) writeFileSync(f, '');
      const t0 = performance.now();
      const r = spawnSync(node, args, { env: e, stdio: 'pipe', timeout: 30_000 });
      const took = since(t0);
      expect(r.status, r.stdout.toString()).toBe(0);
      return took;
    };
    /** Medians of plan and of bare node, runs interleaved, on the Node at `node`. */
    const ratio = (node: string): { plan: number; base: number } => {
      time(node, ['dist/index.js'], env); // warm-up (page cache)
      expect(readFileSync(files.GITHUB_OUTPUT, 'utf8')).toContain('bundle-sha256<<');
      time(node, ['-e', '0'], { PATH: process.env.PATH });
      const plan: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        plan.push(time(node, ['dist/index.js'], env));
        base.push(time(node, ['-e', '0'], { PATH: process.env.PATH }));
      }
      return { plan: median(plan), base: median(base) };
    };
    const here = ratio(process.execPath);
    results.coldStartRatio = here.plan / here.base;
    note(
      `plan with no work: ${here.plan.toFixed(0)} ms, bare node ${here.base.toFixed(0)} ms (${process.version})`,
    );
    // The runner starts the action with Node 24 (runs.using: node24); the tests run on Node 20.
    const tools = actTools(false, 60_000);
    if ('error' in tools) {
      note('coldStartRatioNode24: n/a, Node 24 is not installed (bash scripts/act/install.sh)');
      return;
    }
    const node24 = join(tools.node24Bin, 'node');
    const on24 = ratio(node24);
    results.coldStartRatioNode24 = on24.plan / on24.base;
    const v24 = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
    note(
      `plan with no work on Node 24: ${on24.plan.toFixed(0)} ms, bare node ${on24.base.toFixed(0)} ms (${v24})`,
    );
  }, 240_000);

  it.skipIf(fleetSupport !== undefined)(
    `overheadSeconds: deploy to N = ${FLEET.join(', ')} fake instances on moto`,
    async () => {
      const moto = await startMoto({ amis: IMAGE_CATALOGUE });
      const runs: FleetRun[] = [];
      const wall = new Map<number, number>();
      const exFleet = new Map<number, number>();
      const secs = (ms: number | undefined): string =>
        ms === undefined ? 'n/a' : (ms / 1000).toFixed(2);
      try {
        for (const n of FLEET) {
          const timeoutMs = 60_000 + n * 4_000;
          const ok: FleetRun[] = [];
          for (let k = 0; k < FLEET_RUNS; k++) {
            // A fresh moto per deploy: moto pages DescribeInstances at 100 and the watcher reads
            // the first page only, so earlier (terminated) instances would hide new ones.
            await moto.reset();
            const subnet = await loopbackSubnet(moto, '127.9.0.0/16', '127.9.0.0/20');
            const t0 = performance.now();
            const r = await deployFleet(moto, subnet, n, timeoutMs);
            runs.push(r);
            const good = r.code === 0 && r.ready === n && r.measured > 0;
            if (good) ok.push(r);
            note(
              `fleet N=${n} #${k + 1}: exit ${r.code}, ${r.ready}/${n} ready (${r.measured} with boot + delivery times), wall ${(r.wallMs / 1000).toFixed(2)} s, ` +
                `slowest boot+delivery ${(r.slowestBootPlusDeliverMs / 1000).toFixed(2)} s ` +
                `(max boot ${(r.maxBootMs / 1000).toFixed(2)} s, max delivery ${(r.maxDeliverMs / 1000).toFixed(2)} s, ` +
                `max upload ${(r.maxUploadMs / 1000).toFixed(2)} s, ` +
                `max sshd start ${(r.maxSshdStartMs / 1000).toFixed(2)} s), overhead ${(r.overheadMs / 1000).toFixed(2)} s ` +
                `(spawn → first timed line ${secs(r.startupMs)} s, → launched ${secs(r.toLaunchMs)} s, ` +
                `of which moto's CreateFleet answer ${secs(r.createFleetMs)} s); ` +
                `bench step ${(since(t0) / 1000).toFixed(0)} s; action log ${r.log}` +
                (r.errors.length
                  ? `; ${r.errors.length} harness error(s), first: ${(r.errors[0] ?? '').split('\n')[0]}`
                  : ''),
            );
            if (!good) note(`fleet N=${n} #${k + 1} did not fully deploy; output tail:\n${r.tail}`);
          }
          if (ok.length) {
            results.overheadSeconds[String(n)] = median(ok.map((r) => r.overheadMs)) / 1000;
            wall.set(n, median(ok.map((r) => r.wallMs)));
            exFleet.set(n, median(ok.map((r) => r.overheadMs - r.createFleetMs)));
          }
        }
      } finally {
        await moto.stop();
      }
      // scaleRatioN = T(N)/T(1) with T(N) = overheadSeconds[N] (medians); the ratio of whole wall
      // times (which include the simulated instances' own boot and delivery work on this
      // machine's cores) is printed as a note.
      const t1 = results.overheadSeconds['1'];
      const w1 = wall.get(1);
      for (const n of [50, 100] as const) {
        const tn = results.overheadSeconds[String(n)];
        if (t1 !== null && t1 !== undefined && tn !== null && tn !== undefined)
          results[`scaleRatio${n}`] = tn / t1;
        const wn = wall.get(n);
        if (w1 && wn)
          note(`fleet wall-time ratio N=${n}/N=1 (not scaleRatio${n}): ${(wn / w1).toFixed(2)}`);
      }
      const x1 = exFleet.get(1);
      const x100 = exFleet.get(100);
      if (x1 && x100) {
        results.scaleRatio100ExCreateFleet = x100 / x1;
        note(
          `overhead without moto's CreateFleet answer (diagnostic): N=1 ${(x1 / 1000).toFixed(2)} s, ` +
            `N=100 ${(x100 / 1000).toFixed(2)} s, ratio ${(x100 / x1).toFixed(2)}`,
        );
      }
    },
    1_800_000,
  );

  const vmOk = vmEnabled && process.getuid?.() === 0 && vmImageExists();
  if (!vmOk)
    note('activationVsSeed: skipped (needs root and the VM image: scripts/vm/build-image.sh)');
  it.skipIf(!vmOk)(
    'activationVsSeed: on a VM, deliverBundle upload → active vs scp + a .path unit',
    async () => {
      const runs = Math.max(1, Number(process.env.BENCH_SEED_RUNS ?? 3) || 3);
      const r = await activationVsSeed(work, runs);
      results.activationVsSeed = r.ratio;
      const ms = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
      note(
        `activationVsSeed (${r.cloudInit}, ${runs} runs, medians): ours ${ms(r.oursMs)} s; seed ${ms(r.seedMs)} s`,
      );
    },
    1_800_000,
  );
});
