/**
 * What the main step hands to the post step. The post step reads nothing else (no inputs, no
 * files), so everything cleanup needs is saved here, and saved *before* the work it protects:
 * the launched ids right after each launch call, since the runner may kill the main step at any
 * moment after that (cancellation: SIGINT, SIGTERM 7.5 s later, then SIGKILL).
 *
 * The raw store holds strings under named keys (as setup-node does); everything else goes through
 * this codec: the writers below and one reader, `readDeployState`, that parses once and types it.
 */
import type { CreatedResource } from '../aws/types.js';
import type { Plan, RunContext } from '../inputs/plan.js';
import type { Cleanup } from '../inputs/types.js';

/** Named state keys, so main and post cannot drift apart. */
export const STATE = {
  isPost: 'isPost',
  /** Set when the main step reaches the point where it may launch instances. */
  mode: 'mode',
  deploymentId: 'deploymentId',
  regions: 'regions',
  cleanup: 'cleanup',
  runId: 'runId',
  runAttempt: 'runAttempt',
  /** JSON `{ [region]: instanceId[] }`: every instance this run launched, grown per launch call. */
  launched: 'launched',
  /** Instances the step already terminated itself (failed ones), JSON like `launched`. */
  terminated: 'terminated',
  /** 'true' once the main step finished successfully; absent when it failed or was killed. */
  succeeded: 'succeeded',
  /** `ttl-minutes` of the run, so a post step that cannot clean up can say when instances end. */
  ttlMinutes: 'ttlMinutes',
  /**
   * JSON `{ [region]: CreatedResource[] }`: the security group and launch template this run
   * created (not reused), saved right after creation, so a post step that cannot clean up can
   * name them.
   */
  created: 'created',
  /**
   * JSON `{id, region, holder}`: the deploy lock this run holds, saved right after taking it and
   * cleared when released; the post step releases what is still here (a killed main step).
   */
  lock: 'lock',
  /**
   * JSON `[{region, groupId, cidr, port, owner}]`: the per-run SSH rules (`ssh-cidr: runner`)
   * this run authorised, each saved right after its call returned; the post step revokes them.
   */
  runnerRules: 'runnerRules',
} as const;

export type StateKey = (typeof STATE)[keyof typeof STATE];

/** `core.saveState` / `core.getState` in Actions; a Map in tests and on the command line. */
export interface StateStore {
  save(key: StateKey, value: string): void;
  get(key: StateKey): string;
}

export type IdsByRegion = Record<string, string[]>;

/** What a deploy saved for its post step, parsed and typed. */
export interface DeployState {
  readonly deploymentId: string;
  readonly regions: readonly string[];
  readonly cleanup: Cleanup;
  readonly runId: string | undefined;
  readonly runAttempt: string | undefined;
  readonly launched: Readonly<IdsByRegion>;
  readonly terminated: Readonly<IdsByRegion>;
  readonly succeeded: boolean;
  /** Undefined when the main step did not save it (older state). */
  readonly ttlMinutes: number | undefined;
  readonly created: Readonly<Record<string, readonly CreatedResource[]>>;
}

const CLEANUPS: readonly Cleanup[] = ['on-failure', 'always', 'never'];

/** The start of a deploy: saved before the first launch call. */
export function saveDeployStart(
  state: StateStore,
  s: Pick<DeployState, 'deploymentId' | 'regions' | 'cleanup' | 'runId' | 'runAttempt'> & {
    readonly ttlMinutes?: number;
  },
): void {
  state.save(STATE.mode, 'deploy');
  state.save(STATE.deploymentId, s.deploymentId);
  state.save(STATE.regions, JSON.stringify(s.regions));
  state.save(STATE.cleanup, s.cleanup);
  if (s.runId) state.save(STATE.runId, s.runId);
  if (s.runAttempt) state.save(STATE.runAttempt, s.runAttempt);
  if (s.ttlMinutes !== undefined) state.save(STATE.ttlMinutes, String(s.ttlMinutes));
}

/** saveDeployStart from a run's plan: what deploy and reconcile save before their first launch. */
export function savePlanStart(
  state: StateStore,
  plan: Plan,
  ctx: Pick<RunContext, 'runId' | 'runAttempt'>,
): void {
  saveDeployStart(state, {
    deploymentId: plan.deploymentId,
    regions: plan.regions.map((r) => r.region),
    cleanup: plan.inputs.cleanup,
    runId: ctx.runId,
    runAttempt: ctx.runAttempt,
    ttlMinutes: plan.inputs.ttlMinutes,
  });
}

/** Adds resources this run created in `region` and saves the record again at once. */
export function recordCreated(
  state: StateStore,
  region: string,
  resources: readonly CreatedResource[],
): void {
  if (resources.length === 0) return;
  const all = parseCreated(state.get(STATE.created));
  all[region] = [...(all[region] ?? []), ...resources];
  state.save(STATE.created, JSON.stringify(all));
}

/** The main step's last act when it succeeded; a failed or killed step never reaches it. */
export function markSucceeded(state: StateStore): void {
  state.save(STATE.succeeded, 'true');
}

/** Adds ids to a saved `{region: ids}` record and saves it again at once. */
export function recordIds(
  state: StateStore,
  key: typeof STATE.launched | typeof STATE.terminated,
  region: string,
  ids: readonly string[],
): void {
  if (ids.length === 0) return;
  const all = parseIds(state.get(key));
  all[region] = [...new Set([...(all[region] ?? []), ...ids])];
  state.save(key, JSON.stringify(all));
}

/**
 * The deploy's saved state, or undefined when the main step never got to launching (plan,
 * destroy, an input error). A cleanup policy that is not one of the three (state written by
 * another version) reads as the default, `on-failure`: it never keeps what a failed run launched.
 */
export function readDeployState(state: StateStore): DeployState | undefined {
  if (state.get(STATE.mode) !== 'deploy') return undefined;
  const cleanup = state.get(STATE.cleanup) as Cleanup;
  return {
    deploymentId: state.get(STATE.deploymentId),
    regions: parseStrings(state.get(STATE.regions)),
    cleanup: CLEANUPS.includes(cleanup) ? cleanup : 'on-failure',
    runId: state.get(STATE.runId) || undefined,
    runAttempt: state.get(STATE.runAttempt) || undefined,
    launched: parseIds(state.get(STATE.launched)),
    terminated: parseIds(state.get(STATE.terminated)),
    succeeded: state.get(STATE.succeeded) === 'true',
    ttlMinutes: parseMinutes(state.get(STATE.ttlMinutes)),
    created: parseCreated(state.get(STATE.created)),
  };
}

function parseMinutes(raw: string): number | undefined {
  return /^\d{1,7}$/.test(raw) ? Number(raw) : undefined;
}

const CREATED_KINDS: readonly CreatedResource['kind'][] = ['security group', 'launch template'];

/** A `{region: CreatedResource[]}` record; unreadable entries are left out. */
function parseCreated(raw: string): Record<string, CreatedResource[]> {
  const v = parseJson(raw);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, CreatedResource[]> = {};
  for (const [region, list] of Object.entries(v as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    out[region] = list.flatMap((x: unknown) => {
      const { kind, name, id } = (x ?? {}) as Record<string, unknown>;
      return CREATED_KINDS.includes(kind as CreatedResource['kind']) &&
        typeof name === 'string' &&
        typeof id === 'string'
        ? [{ kind: kind as CreatedResource['kind'], name, id }]
        : [];
    });
  }
  return out;
}

/** What the post step says when the main step left it nothing to do. */
export const NOTHING_LAUNCHED = 'spot-deploy post: nothing was launched by this step.';

/**
 * Whether the post step has anything to do: a deploy's launch state, a deploy lock or runner rules
 * (saved, even if unreadable). When not, the entry says NOTHING_LAUNCHED without loading the
 * cleanup and the EC2 client at all: the post step of a plan, or of a run that failed on its
 * inputs, then starts as fast as node itself (docs/architecture.md, "Start-up").
 */
export function postHasWork(state: StateStore): boolean {
  const rules = parseJson(state.get(STATE.runnerRules));
  return (
    readDeployState(state) !== undefined ||
    readLock(state) !== undefined ||
    (Array.isArray(rules) && rules.length > 0)
  );
}

/** The deploy lock a run holds, as the post step needs it to release it. */
export interface SavedLock {
  readonly id: string;
  readonly region: string;
  readonly holder: string;
}

export function saveLock(state: StateStore, lock: SavedLock): void {
  state.save(STATE.lock, JSON.stringify({ id: lock.id, region: lock.region, holder: lock.holder }));
}

/** Marks the lock released: the post step then leaves it alone. */
export function clearLock(state: StateStore): void {
  state.save(STATE.lock, '');
}

/** The lock the main step still held when it ended, or undefined (none, released, unreadable). */
export function readLock(state: StateStore): SavedLock | undefined {
  const v = parseJson(state.get(STATE.lock));
  if (v === null || typeof v !== 'object') return undefined;
  const { id, region, holder } = v as Record<string, unknown>;
  if (typeof id !== 'string' || typeof region !== 'string' || typeof holder !== 'string')
    return undefined;
  return id !== '' && region !== '' ? { id, region, holder } : undefined;
}

/** A `{region: ids}` record; anything unreadable is empty (the tag search still finds them). */
export function parseIds(raw: string): IdsByRegion {
  const v = parseJson(raw);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: IdsByRegion = {};
  for (const [region, ids] of Object.entries(v as Record<string, unknown>)) {
    if (Array.isArray(ids)) out[region] = ids.filter((i): i is string => typeof i === 'string');
  }
  return out;
}

function parseStrings(raw: string): string[] {
  const v = parseJson(raw);
  return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
}

/** JSON from a state value; undefined when it is empty or unreadable. */
export function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function memoryState(initial: Partial<Record<StateKey, string>> = {}): StateStore & {
  readonly values: Map<StateKey, string>;
} {
  const values = new Map<StateKey, string>(Object.entries(initial) as Array<[StateKey, string]>);
  return {
    values,
    save: (k, v) => void values.set(k, v),
    get: (k) => values.get(k) ?? '',
  };
}
