// The on-instance contract (src/instance/contract.ts) against the files that carry it on the
// instance: agent.py with watcher.py, the bootstrap (as user-data ships it) and the two units. Each category
// is checked both ways: what a file carries must be in the contract, and what the contract lists
// must be carried by one of these files or named by the TypeScript side (`REMOTE_PATHS.x`, …).
// Pure: it only reads files. The last block runs the same checker on broken copies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactShell } from '../../../src/cloud-init/render.js';
import {
  AGENT_EXIT,
  AGENT_STATES,
  AGENT_STEPS,
  BOOTSTRAP_STEPS,
  REMOTE_PATHS,
  RUNNER_STEPS,
  SCRIPT_EXIT,
  UNIT_NAMES,
} from '../../../src/instance/contract.js';
import { repoRoot } from '../../helpers/repo.js';

interface Carriers {
  /** agent.py, then watcher.py (which imports it). */
  agent: string;
  bootstrap: string;
  units: string;
  /** All of src/**\/*.ts except the contract itself. */
  ts: string;
}

const read = (rel: string): string => readFileSync(join(repoRoot, rel), 'utf8');

function tsSources(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsSources(join(dir, e.name))
      : e.name.endsWith('.ts') && join(dir, e.name) !== join('src', 'instance', 'contract.ts')
        ? [read(join(dir, e.name))]
        : [],
  );
}

const REAL: Carriers = {
  agent: `${read('bundle/.spot-deploy/agent.py')}\n${read('bundle/.spot-deploy/watcher.py')}`,
  bootstrap: compactShell(read('cloud-init/bootstrap.sh')),
  units: read('cloud-init/spot-deploy.path') + read('cloud-init/spot-deploy.service'),
  ts: tsSources('src').join('\n'),
};

const all = (text: string, re: RegExp, group = 1): string[] =>
  [...text.matchAll(re)].map((m) => m[group] ?? '');

/** `$NAME`/`${NAME}` replaced by the value of the first `NAME=value` (SPOT_DEPLOY_ROOT: ''). */
function expandShell(text: string): string {
  const vars = new Map([['SPOT_DEPLOY_ROOT', '']]);
  const sub = (s: string) =>
    s.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (m, n: string) => vars.get(n) ?? m);
  for (const [, name = '', value = ''] of text.matchAll(/(?:^|[;\s])([A-Za-z_]\w*)=([^;\s]*)/gm))
    if (!vars.has(name)) vars.set(name, sub(value));
  return sub(text);
}

/**
 * Absolute paths under the system trees we use, up to a glob or a variable; no trailing /. A
 * `#!` line names the interpreter, not a path of ours.
 */
const paths = (text: string): string[] =>
  all(text.replace(/^#!.*/gm, ''), /(?<![\w.$-])(\/(?:etc|opt|usr|var|run)\/[\w.@/-]*)/g).map(
    (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p),
  );

/** Contract keys the TypeScript side names, e.g. `REMOTE_PATHS.status` → status. */
const named = (ts: string, table: string): Set<string> =>
  new Set(all(ts, new RegExp(`\\b${table}\\.(\\w+)`, 'g')));

/** `a` minus `b`, sorted. */
const minus = (a: Iterable<string>, b: Iterable<string>): string[] => {
  const drop = new Set(b);
  return [...new Set(a)].filter((x) => !drop.has(x)).sort();
};

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** Every way the carriers and the contract disagree, one line each ([] when they agree). */
function disagreements(c: Carriers): string[] {
  const out: string[] = [];
  const report = (what: string, list: string[]) => {
    if (list.length > 0) out.push(`${what}: ${list.join(', ')}`);
  };

  // Paths.
  const contractPaths = Object.values(REMOTE_PATHS) as string[];
  const carried = [...paths(c.agent), ...paths(expandShell(c.bootstrap)), ...paths(c.units)];
  report('paths carried but not in REMOTE_PATHS', minus(carried, contractPaths));
  const usedByTs = [...named(c.ts, 'REMOTE_PATHS')].map(
    (k) => (REMOTE_PATHS as Record<string, string>)[k] ?? `REMOTE_PATHS.${k}?`,
  );
  report('REMOTE_PATHS nobody carries', minus(contractPaths, [...carried, ...usedByTs]));

  // Unit names.
  const units = all(
    `${c.agent}\n${c.bootstrap}\n${c.units}`,
    /\b(spot-deploy(?:\.service|\.path|-[a-z]+\.service))\b/g,
  );
  const contractUnits = Object.values(UNIT_NAMES) as string[];
  report('unit names carried but not in UNIT_NAMES', minus(units, contractUnits));
  const unitsByTs = [...named(c.ts, 'UNIT_NAMES')].map(
    (k) => (UNIT_NAMES as Record<string, string>)[k] ?? `UNIT_NAMES.${k}?`,
  );
  report('UNIT_NAMES nobody carries', minus(contractUnits, [...units, ...unitsByTs]));

  // Exit codes: the agent names its own (EXIT_FAILED = 1 ↔ AGENT_EXIT.failed); any literal
  // `exit N` / `sys.exit(N)` in a carrier must be one of the contract's.
  const agentExits = all(c.agent, /^(EXIT_[A-Z_]+) = (\d+)$/gm, 0).map((l) =>
    l.replace(' = ', '='),
  );
  const contractAgentExits = Object.entries(AGENT_EXIT).map(([k, v]) => `EXIT_${snake(k)}=${v}`);
  report('agent exit codes not in AGENT_EXIT', minus(agentExits, contractAgentExits));
  report('AGENT_EXIT codes the agent does not define', minus(contractAgentExits, agentExits));
  const allCodes = [...Object.values(AGENT_EXIT), ...Object.values(SCRIPT_EXIT)].map(String);
  const literal = all(`${c.agent}\n${c.bootstrap}`, /\b(?:sys\.exit\(|os\._exit\(|exit )(\d+)/g);
  report('literal exit codes not in the contract', minus(literal, allCodes));
  report(
    'SCRIPT_EXIT codes the scripts do not use',
    minus(Object.keys(SCRIPT_EXIT), named(c.ts, 'SCRIPT_EXIT')),
  );

  // Step names.
  const agentSteps = all(c.agent, /(?:\bbegin\(|\.step = |\["step"\] = )"([^"]*)"/g);
  report('agent steps not in AGENT_STEPS', minus(agentSteps, AGENT_STEPS));
  report('AGENT_STEPS the agent never sets', minus(AGENT_STEPS, agentSteps));
  const bootSteps = all(c.bootstrap, /(?:^|[\s;])x ([a-z][a-z-]*)/gm);
  report('bootstrap steps not in BOOTSTRAP_STEPS', minus(bootSteps, BOOTSTRAP_STEPS));
  report('BOOTSTRAP_STEPS the bootstrap never writes', minus(BOOTSTRAP_STEPS, bootSteps));
  const tsLiterals = new Set(all(c.ts, /'([a-z][a-z-]*)'/g));
  report('RUNNER_STEPS no TypeScript source names', minus(RUNNER_STEPS, tsLiterals));

  // status.json states.
  const agentStates = all(c.agent, /(?:\bwrite_status\(|\["state"\] = )"([^"]*)"/g);
  const bootStates = all(c.bootstrap, /\\?"state\\?":\\?"([^"\\]*)/g);
  report('states not in AGENT_STATES', minus([...agentStates, ...bootStates], AGENT_STATES));
  report('AGENT_STATES the agent never writes', minus(AGENT_STATES, agentStates));
  return out;
}

describe('the on-instance contract', () => {
  it('is carried exactly by agent.py, the bootstrap and the units', () => {
    expect(disagreements(REAL)).toEqual([]);
  });

  it('finds what it checks (the extraction is not vacuous)', () => {
    expect(new Set(paths(REAL.agent))).toEqual(
      new Set([
        REMOTE_PATHS.releasesDir,
        REMOTE_PATHS.current,
        REMOTE_PATHS.stateDir,
        REMOTE_PATHS.status,
        REMOTE_PATHS.unitsRecord,
        REMOTE_PATHS.releasesRecord,
        REMOTE_PATHS.envSnapshots,
        REMOTE_PATHS.agentLock,
        REMOTE_PATHS.unitDir,
        REMOTE_PATHS.runtimeUnitDir,
        REMOTE_PATHS.localUnitDir,
        REMOTE_PATHS.vendorUnitDir,
        REMOTE_PATHS.envFile,
        REMOTE_PATHS.healthCheck,
        REMOTE_PATHS.healthDeadline,
        REMOTE_PATHS.ttlMinutes,
        REMOTE_PATHS.agentLog,
        REMOTE_PATHS.watcherDir,
        REMOTE_PATHS.watcherScript,
        REMOTE_PATHS.watcherUnit,
      ]),
    );
    expect(new Set(paths(expandShell(REAL.bootstrap)))).toEqual(
      new Set([
        REMOTE_PATHS.stateDir,
        REMOTE_PATHS.status,
        REMOTE_PATHS.incomingDir,
        REMOTE_PATHS.stagingPrefix,
      ]),
    );
    expect(new Set(paths(REAL.units))).toEqual(
      new Set([REMOTE_PATHS.incomingDir, REMOTE_PATHS.bootstrap]),
    );
  });

  it('gives every exit code its own number, and every step its own name', () => {
    const codes = [...Object.values(AGENT_EXIT), ...Object.values(SCRIPT_EXIT)];
    expect(new Set(codes).size).toBe(codes.length);
    const steps = [...RUNNER_STEPS, ...BOOTSTRAP_STEPS, ...AGENT_STEPS];
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('leaves no remote path literal in src/ outside the contract', () => {
    expect(all(REAL.ts, /['"`](\/(?:etc|opt|usr|var|run)\/[^'"`]*)/g)).toEqual([]);
  });
});

describe('the contract check fails on a file that drifts', () => {
  const agent = (from: string, to: string): Carriers => {
    expect(REAL.agent).toContain(from);
    return { ...REAL, agent: REAL.agent.replace(from, to) };
  };

  it.each([
    [
      'a path the contract lacks',
      agent('"/var/lib/spot-deploy/units.json")', '"/var/lib/spot-deploy/other.json")'),
      [
        'paths carried but not in REMOTE_PATHS: /var/lib/spot-deploy/other.json',
        'REMOTE_PATHS nobody carries: /var/lib/spot-deploy/units.json',
      ],
    ],
    [
      'a literal exit code the contract lacks',
      agent('sys.exit(main(sys.argv))', 'sys.exit(7)'),
      ['literal exit codes not in the contract: 7'],
    ],
    [
      'a renumbered exit code',
      agent('EXIT_USAGE = 2', 'EXIT_USAGE = 3'),
      [
        'agent exit codes not in AGENT_EXIT: EXIT_USAGE=3',
        'AGENT_EXIT codes the agent does not define: EXIT_USAGE=2',
      ],
    ],
    [
      'the old ambiguous step name',
      agent('agent.begin("install-units")', 'agent.begin("units")'),
      ['agent steps not in AGENT_STEPS: units', 'AGENT_STEPS the agent never sets: install-units'],
    ],
    [
      'a state the contract lacks',
      agent('write_status("ready",', 'write_status("ok",'),
      ['states not in AGENT_STATES: ok', 'AGENT_STATES the agent never writes: ready'],
    ],
    [
      'a state the watcher writes that the contract lacks',
      agent('fields["state"] = "interrupted"', 'fields["state"] = "drained"'),
      ['states not in AGENT_STATES: drained', 'AGENT_STATES the agent never writes: interrupted'],
    ],
    [
      'a bootstrap step the contract lacks',
      { ...REAL, bootstrap: REAL.bootstrap.replace('x extract', 'x unpack') },
      [
        'bootstrap steps not in BOOTSTRAP_STEPS: unpack',
        'BOOTSTRAP_STEPS the bootstrap never writes: extract',
      ],
    ],
    [
      'a unit pointing elsewhere',
      // (render.ts still names REMOTE_PATHS.bootstrap, so only the forward check fires)
      { ...REAL, units: REAL.units.replace('/usr/local/lib/', '/usr/lib/') },
      ['paths carried but not in REMOTE_PATHS: /usr/lib/spot-deploy/bootstrap'],
    ],
  ])('%s', (_, carriers, expected) => {
    expect(disagreements(carriers)).toEqual(expected);
  });
});
