import type { EC2Client } from '@aws-sdk/client-ec2';
import { classify, errorCode } from '../aws/aws-errors.js';
import { findInstances, terminateInstances } from '../aws/instances.js';
import { terminateLaunched } from '../aws/terminate-launched.js';
import { CleanupError, errorMessage } from '../errors.js';
import type { Sink } from '../report/sink.js';
import type { Sleep } from '../time.js';
import { credentialsExpiredError, removeCommand, ttlNote } from './leftovers.js';
import { NOTHING_LAUNCHED, readDeployState, type DeployState, type StateStore } from './state.js';
import { releaseSavedLock } from './lock.js';
import {
  describeRunnerRule,
  revokeCommand,
  revokeSavedRules,
  type RevokeReport,
} from './runner-access.js';

/** The clock the post step's NotFound retries run on (tests pass their own). */
export interface PostOptions {
  readonly sleep?: Sleep;
  /** Milliseconds clock. */
  readonly now?: () => number;
  /** How long NotFound is retried for an id this run launched (60 s by default). */
  readonly notFoundTimeoutMs?: number;
}

export interface PostResult {
  readonly terminated: Readonly<Record<string, readonly string[]>>;
  readonly kept: number;
}

/**
 * The post step: reads saved state only. `cleanup: on-failure` terminates what this run launched
 * unless the main step recorded success (a failed, cancelled or killed main step never does);
 * `always` terminates regardless; `never` keeps them (their TTL still applies). Besides the saved
 * ids it searches by this run's tags, for instances launched in the instant before a kill.
 * Idempotent for what the tag search finds; an id from this run's CreateFleet answers that EC2
 * answers NotFound for is asked again (EC2 is eventually consistent) and, if EC2 never shows it,
 * fails the step naming it. Refused credentials (an expired session) fail it listing everything
 * left. Then releases the deploy lock the main step left (killed, or a failed deploy whose cleanup
 * happens here). First of all, whatever the policy and however the main step ended, it revokes
 * the per-run SSH rules (`ssh-cidr: runner`) the main step saved; a failure there fails the step
 * after the instance cleanup and the lock release have run.
 */
export async function runPost(
  state: StateStore,
  ec2: (region: string) => EC2Client,
  sink: Sink,
  opts: PostOptions = {},
): Promise<PostResult> {
  try {
    const rules = await revokeSavedRules(state, ec2, sink);
    const result = await cleanUp(state, ec2, sink, opts, rules);
    throwIfRulesLeft(rules);
    return result;
  } finally {
    // After the cleanup: no other run may adopt instances this one is still terminating.
    await releaseSavedLock(state, ec2, sink);
  }
}

/** The runner rules the post step could not revoke, as an error that says how to remove them. */
function throwIfRulesLeft(rules: RevokeReport): void {
  const left = rules.refused?.left ?? [];
  if (left.length + rules.problems.length === 0) return;
  const why = rules.refused
    ? ` (the AWS credentials were refused: ${rules.refused.code} in ${rules.refused.region})`
    : '';
  // Every rule left gets its command: a refused one, and one whose revoke failed otherwise.
  const commands = [...left, ...rules.failed].map(revokeCommand).join('; ');
  throw new CleanupError(
    `spot-deploy post: could not remove this runner's SSH rule(s)${why}; left open`,
    [...left.map(describeRunnerRule), ...rules.problems],
    `Remove them${rules.refused ? ' with valid credentials' : ''}${commands ? ` (${commands})` : ''}; otherwise the next ` +
      'deploy of the deployment and the janitor remove them once they are 6 hours old.',
  );
}

async function cleanUp(
  state: StateStore,
  ec2: (region: string) => EC2Client,
  sink: Sink,
  opts: PostOptions,
  rules: RevokeReport,
): Promise<PostResult> {
  const saved = readDeployState(state);
  if (!saved) {
    sink.info(NOTHING_LAUNCHED);
    return { terminated: {}, kept: 0 };
  }
  const { cleanup: policy, succeeded, launched, deploymentId } = saved;
  const count = Object.values(launched).reduce((n, ids) => n + ids.length, 0);
  if (policy === 'never' || (policy === 'on-failure' && succeeded)) {
    const why = policy === 'never' ? 'cleanup is never' : 'the deploy succeeded';
    sink.info(`spot-deploy post: ${why}; keeping the ${count} instance(s) this run launched.`);
    return { terminated: {}, kept: count };
  }
  const regions = [...new Set([...saved.regions, ...Object.keys(launched)])];
  const terminated: Record<string, string[]> = {};
  const problems: string[] = [];
  const left: Record<string, string[]> = {};
  for (const [n, region] of regions.entries()) {
    const r = await cleanRegion(saved, region, ec2(region), sink, opts);
    if (r.terminated.length > 0) terminated[region] = r.terminated;
    problems.push(...r.problems);
    if (r.refused) {
      // Every further call fails the same way: say what is left everywhere from here on.
      left[region] = r.left;
      for (const later of regions.slice(n + 1)) left[later] = freshIds(saved, later);
      throw credentialsExpiredError(r.refused, region, {
        deploymentId,
        regions,
        instances: left,
        // The post step never deletes them (destroy does): all of them are left.
        created: saved.created,
        ttlMinutes: saved.ttlMinutes,
        runnerRules: (rules.refused?.left ?? []).map(describeRunnerRule),
        problems: [...rules.problems, ...problems],
      });
    }
  }
  if (problems.length > 0) {
    problems.unshift(...rules.problems, ...(rules.refused?.left ?? []).map(describeRunnerRule));
    throw new CleanupError(
      `spot-deploy post: could not clean up everything; ${removeCommand(deploymentId, regions)}. ${ttlNote(saved.ttlMinutes)} What is left`,
      problems,
    );
  }
  if (Object.keys(terminated).length === 0)
    sink.info('spot-deploy post: no instance to terminate.');
  return { terminated, kept: 0 };
}

/** The ids this run launched in `region` that its main step did not terminate itself. */
function freshIds(saved: DeployState, region: string): string[] {
  const gone = saved.terminated[region] ?? [];
  return (saved.launched[region] ?? []).filter((id) => !gone.includes(id));
}

interface RegionCleanup {
  readonly terminated: string[];
  readonly problems: string[];
  /** The credentials' error code when EC2 refused them; `left` is then what is still there. */
  readonly refused?: string;
  readonly left: string[];
}

const refusedCode = (e: unknown): string | undefined => {
  const code = errorCode(e);
  return classify(code) === 'credentials' ? code : undefined;
};

/**
 * One region: this run's tag search, then its CreateFleet ids (NotFound retried) and whatever the
 * search found besides (NotFound is gone), then, if some ids were never seen, the search again.
 */
async function cleanRegion(
  saved: DeployState,
  region: string,
  client: EC2Client,
  sink: Sink,
  opts: PostOptions,
): Promise<RegionCleanup> {
  const fresh = freshIds(saved, region);
  const problems: string[] = [];
  const done: string[] = [];
  const log = (m: string) => sink.info(`spot-deploy post: ${m}`);
  const search = async (): Promise<string[]> => {
    const { runId, runAttempt, deploymentId } = saved;
    if (!runId || !deploymentId) return [];
    const filter = { runId, deploymentId, ...(runAttempt ? { runAttempt } : {}) };
    return (await findInstances(client, region, filter)).map((x) => x.id);
  };
  let tagged: string[] = [];
  try {
    tagged = await search();
  } catch (e) {
    const refused = refusedCode(e);
    if (refused) return { terminated: [], problems, refused, left: fresh };
    problems.push(`${region}: tag search failed: ${errorMessage(e)}`);
  }
  const others = tagged.filter((id) => !fresh.includes(id));
  try {
    if (fresh.length > 0) {
      const r = await terminateLaunched(client, region, fresh, {
        log,
        ...(opts.sleep ? { sleep: opts.sleep } : {}),
        ...(opts.now ? { now: opts.now } : {}),
        ...(opts.notFoundTimeoutMs !== undefined ? { timeoutMs: opts.notFoundTimeoutMs } : {}),
      });
      done.push(...r.terminated, ...r.alreadyGone);
      if (r.unseen.length > 0) {
        // The fallback: anything this run launched that EC2 lists by now under the run's tags.
        const late = (await search()).filter((id) => !done.includes(id) && !others.includes(id));
        others.push(...late);
        problems.push(
          `${region}: ${r.unseen.join(', ')}: EC2 answered InvalidInstanceID.NotFound for every ` +
            'TerminateInstances and never showed them: they may still be running',
        );
      }
    }
    if (others.length > 0) {
      await terminateInstances(client, region, others, { wait: false });
      done.push(...others);
    }
  } catch (e) {
    const refused = refusedCode(e);
    const left = [...fresh, ...others].filter((id) => !done.includes(id));
    if (refused) return { terminated: done, problems, refused, left };
    problems.push(`${region}: ${left.join(', ')}: ${errorMessage(e)}`);
  }
  if (done.length > 0) sink.info(`spot-deploy post: ${region}: terminated ${done.join(', ')}`);
  return { terminated: done, problems, left: [] };
}
