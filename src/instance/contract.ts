/**
 * The on-instance contract, written once: every path on the instance, every exit code of the
 * remote scripts and the agent, and every step name that can end up in a result. TypeScript
 * imports these; `bundle/.spot-deploy/agent.py` (with its `watcher.py`), `cloud-init/bootstrap.sh`
 * and the two units in `cloud-init/` spell them out, and `__tests__/unit/instance/contract.test.ts`
 * checks that they carry exactly these (docs/architecture.md, "The on-instance contract").
 *
 * Pure data: this module imports nothing.
 */

/** Absolute paths on the instance (the agent prefixes them with `SPOT_DEPLOY_ROOT`, default /). */
export const REMOTE_PATHS = {
  /** Written by cloud-init from `cloud-init/bootstrap.sh`; run by `spot-deploy.service`. */
  bootstrap: '/usr/local/lib/spot-deploy/bootstrap',
  /** Where systemd units live: ours (below) and the bundle's `systemd/*`. */
  unitDir: '/etc/systemd/system',
  /**
   * systemd's other unit directories (and `/lib/systemd/system`, usually the same as the vendor
   * one): a bundle unit named like a unit found there, or in `unitDir` but not installed by the
   * agent, is the image's own, and `check-units` refuses it.
   */
  runtimeUnitDir: '/run/systemd/system',
  localUnitDir: '/usr/local/lib/systemd/system',
  vendorUnitDir: '/usr/lib/systemd/system',
  pathUnit: '/etc/systemd/system/spot-deploy.path',
  serviceUnit: '/etc/systemd/system/spot-deploy.service',
  /** Only with `ssh-port` other than 22. */
  sshdDropIn: '/etc/ssh/sshd_config.d/60-spot-deploy.conf',
  /** The agent's state: status, installed units, lock. */
  stateDir: '/var/lib/spot-deploy',
  /** Uploads land here as `.<sha>.part`, renamed to `<sha>.tar.gz` once checked. */
  incomingDir: '/var/lib/spot-deploy/incoming',
  status: '/var/lib/spot-deploy/status.json',
  /** The units the agent installed last (removed when a later release drops them). */
  unitsRecord: '/var/lib/spot-deploy/units.json',
  /**
   * `{"ready": [sha256, …]}`, newest first: the releases kept on disk whose last activation
   * passed. A rollback (automatic or `agent.py rollback`) goes to the newest one not current.
   */
  releasesRecord: '/var/lib/spot-deploy/releases.json',
  /**
   * `<sha256>` files (0600): the env file each kept ready release became ready with, so that a
   * rollback puts that environment back with the release.
   */
  envSnapshots: '/var/lib/spot-deploy/envs',
  agentLock: '/var/lib/spot-deploy/agent.lock',
  releasesDir: '/opt/spot-deploy/releases',
  /** The bootstrap extracts into `<this><sha>` before the agent moves it to `releases/<sha>`. */
  stagingPrefix: '/opt/spot-deploy/releases/.staging-',
  /** Symlink to the active release. */
  current: '/opt/spot-deploy/current',
  /** The services' environment (`KEY=value` lines, mode 0600), uploaded over SSH. */
  envFile: '/etc/spot-deploy/env',
  /** The health-check command (input `health-check`), run by the agent after the start. */
  healthCheck: '/etc/spot-deploy/health-check',
  /**
   * Epoch seconds (the instance's clock) by which the health check must have passed, written by
   * each delivery that writes a health check: the runner stops waiting `ready-timeout` after
   * activation starts, so the agent ends its check a margin before that (a smaller
   * `SPOT_DEPLOY_HEALTH_TIMEOUT` still wins) and its verdict, rollback included, is seen. The
   * agent removes it once read: it belongs to one delivery.
   */
  healthDeadline: '/etc/spot-deploy/health-deadline',
  /**
   * Whole minutes (input `ttl-minutes`), written by every deploy (before activation) and
   * rollback that reaches the instance. After each ready deploy, no-op redeploy and rollback the
   * agent runs `shutdown -P +N` (`-c` for 0), so the TTL counts from the last activity; without
   * the file the schedule cloud-init set is left alone.
   */
  ttlMinutes: '/etc/spot-deploy/ttl-minutes',
  agentLog: '/var/log/spot-deploy/agent.log',
  /**
   * The interruption watcher (`bundle/.spot-deploy/watcher.py`): the agent copies it and
   * agent.py (its library) here from the release it activates or rolls back with, outside any
   * release (a rollback to a release older than the watcher, or pruning, keeps it), and installs
   * `watcherUnit` running `watcherScript`.
   */
  watcherDir: '/opt/spot-deploy/watcher',
  watcherScript: '/opt/spot-deploy/watcher/watcher.py',
  watcherUnit: '/etc/systemd/system/spot-deploy-watcher.service',
} as const;

export type RemotePath = (typeof REMOTE_PATHS)[keyof typeof REMOTE_PATHS];

/**
 * Our systemd units (reserved: a bundle's `systemd/` may not carry them): the two that user-data
 * writes, and the interruption watcher's, which the agent installs.
 */
export const UNIT_NAMES = {
  service: 'spot-deploy.service',
  path: 'spot-deploy.path',
  watcher: 'spot-deploy-watcher.service',
} as const;

/**
 * Exit codes, all distinct so that a code alone says who stopped. The agent's are its process
 * status (the bootstrap passes the last agent's on, and fails with 1 itself, through `false`);
 * the script ones are the runner's upload and activation scripts (src/ssh/remote-scripts.ts).
 */
export const AGENT_EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
} as const;

export const SCRIPT_EXIT = {
  /** Upload script: the incoming dir could not be created (sudo refused, disk…). */
  prepare: 94,
  /** Activation script: the uploaded file's sha256 or size is not the expected one. */
  uploadVerify: 90,
  /** Activation script: `.part` could not be renamed to `<sha>.tar.gz`. */
  rename: 91,
  /** Activation script: the env file could not be written. */
  env: 92,
  /** Activation script: the health-check file could not be written or removed. */
  healthCheckConfig: 93,
  /** Activation and rollback scripts: the ttl-minutes file could not be written. */
  ttlConfig: 95,
} as const;

/**
 * The `state` field of status.json. `rolled-back`: this sha256 failed at or after `switch` and
 * the previous ready release (`rolledBackTo`) serves again; `rollback-failed`: putting it back
 * failed too (`rolledBackTo` is the one attempted, `error` says why). `interrupted`: written by
 * the watcher (watcher.py) after a spot interruption notice, once the active release (`sha256`)
 * was drained (`interruptedAt`, `interruptionAction`, `noticeSeenAt`, `stopScript`,
 * `stoppedUnits`, `drainMs`).
 */
export const AGENT_STATES = [
  'activating',
  'ready',
  'failed',
  'rolled-back',
  'rollback-failed',
  'interrupted',
] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** Steps the bootstrap writes to status.json (with only `sha256`, `state` and `step`). */
export const BOOTSTRAP_STEPS = ['verify-archive', 'extract'] as const;
export type BootstrapStep = (typeof BOOTSTRAP_STEPS)[number];

/**
 * Steps the agent writes to status.json, in order. `check-units` fails before `current` moves
 * (nothing changed on the instance); `install-units` runs after the switch.
 */
export const AGENT_STEPS = [
  'init',
  'verify',
  'check-units',
  'move',
  'setup',
  'switch',
  'install-units',
  'start',
  'health-check',
  'prune',
  'done',
  /** `agent.py rollback [<sha>]`, and the automatic rollback while it runs. */
  'rollback',
  /** The watcher drained the release on a spot interruption notice (state `interrupted`). */
  'interrupted',
] as const;
export type AgentStep = (typeof AGENT_STEPS)[number];

/**
 * The rollback entry point, run by the runner over SSH (`mode: rollback`) with `sudo -n` in
 * front and the target sha256 as an optional last word. It exits with `AGENT_EXIT.ok` when the
 * target is current and healthy, `AGENT_EXIT.failed` otherwise; status.json says what happened.
 */
export const ROLLBACK_COMMAND = `python3 ${REMOTE_PATHS.current}/.spot-deploy/agent.py rollback`;

/** Steps of the runner's side of a delivery (src/ssh/deliver.ts, deliver-many.ts). */
export const RUNNER_STEPS = [
  'connect',
  'prepare',
  'upload',
  'upload-verify',
  'rename',
  'env',
  'health-check-config',
  'ttl-config',
  'activate',
  'status',
  'internal',
] as const;
export type RunnerStep = (typeof RUNNER_STEPS)[number];

/** Any step a delivery can fail at. */
export type DeliveryStep = RunnerStep | BootstrapStep | AgentStep;

const ON_INSTANCE: ReadonlySet<string> = new Set<string>([...BOOTSTRAP_STEPS, ...AGENT_STEPS]);

/** Whether a status.json `step` is one the bootstrap or the agent writes. */
export function isInstanceStep(step: unknown): step is BootstrapStep | AgentStep {
  return typeof step === 'string' && ON_INSTANCE.has(step);
}
