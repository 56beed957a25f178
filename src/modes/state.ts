/**
 * What the main step hands to the post step. The post step reads nothing else (no inputs, no
 * files), so everything cleanup needs is saved here, and saved *before* the work it protects:
 * the launched ids right after each launch call, since the runner may kill the main step at any
 * moment after that (cancellation: SIGINT, SIGTERM 7.5 s later, then SIGKILL).
 */

/** Named state keys (as setup-node does), so main and post cannot drift apart. */
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
} as const;

export type StateKey = (typeof STATE)[keyof typeof STATE];

/** `core.saveState` / `core.getState` in Actions; a Map in tests and on the command line. */
export interface StateStore {
  save(key: StateKey, value: string): void;
  get(key: StateKey): string;
}

export type IdsByRegion = Record<string, string[]>;

export function parseIds(raw: string): IdsByRegion {
  if (raw.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(raw);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: IdsByRegion = {};
    for (const [region, ids] of Object.entries(v as Record<string, unknown>)) {
      if (Array.isArray(ids)) out[region] = ids.filter((i): i is string => typeof i === 'string');
    }
    return out;
  } catch {
    return {};
  }
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
