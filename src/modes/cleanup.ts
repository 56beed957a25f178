import type { EC2Client } from '@aws-sdk/client-ec2';
import { findInstances, terminateInstances } from '../aws/instances.js';
import { CleanupError, errorMessage } from '../errors.js';
import type { Sink } from '../report/sink.js';
import { readDeployState, type StateStore } from './state.js';
import { releaseSavedLock } from './lock.js';

export interface PostResult {
  readonly terminated: Readonly<Record<string, readonly string[]>>;
  readonly kept: number;
}

/**
 * The post step: reads saved state only. `cleanup: on-failure` terminates what this run launched
 * unless the main step recorded success (a failed, cancelled or killed main step never does);
 * `always` terminates regardless; `never` keeps them (their TTL still applies). Besides the saved
 * ids it searches by this run's tags, for instances launched in the instant before a kill.
 * Idempotent: already-terminated instances are not an error. Then releases the deploy lock the
 * main step left (killed, or a failed deploy whose cleanup happens here).
 */
export async function runPost(
  state: StateStore,
  ec2: (region: string) => EC2Client,
  sink: Sink,
): Promise<PostResult> {
  try {
    return await cleanUp(state, ec2, sink);
  } finally {
    // After the cleanup: no other run may adopt instances this one is still terminating.
    await releaseSavedLock(state, ec2, sink);
  }
}

async function cleanUp(
  state: StateStore,
  ec2: (region: string) => EC2Client,
  sink: Sink,
): Promise<PostResult> {
  const saved = readDeployState(state);
  if (!saved) {
    sink.info('spot-deploy post: nothing was launched by this step.');
    return { terminated: {}, kept: 0 };
  }
  const { cleanup: policy, succeeded, launched, terminated: gone, deploymentId, runId } = saved;
  const count = Object.values(launched).reduce((n, ids) => n + ids.length, 0);
  if (policy === 'never' || (policy === 'on-failure' && succeeded)) {
    const why = policy === 'never' ? 'cleanup is never' : 'the deploy succeeded';
    sink.info(`spot-deploy post: ${why}; keeping the ${count} instance(s) this run launched.`);
    return { terminated: {}, kept: count };
  }
  const runAttempt = saved.runAttempt;
  const regions = [...new Set([...saved.regions, ...Object.keys(launched)])];
  const terminated: Record<string, string[]> = {};
  const problems: string[] = [];
  for (const region of regions) {
    const client = ec2(region);
    const ids = new Set(
      (launched[region] ?? []).filter((id) => !(gone[region] ?? []).includes(id)),
    );
    if (runId && deploymentId) {
      try {
        const tagged = await findInstances(client, region, {
          runId,
          deploymentId,
          ...(runAttempt ? { runAttempt } : {}),
        });
        for (const x of tagged) ids.add(x.id);
      } catch (e) {
        problems.push(`${region}: tag search failed: ${errorMessage(e)}`);
      }
    }
    if (ids.size === 0) continue;
    try {
      await terminateInstances(client, region, [...ids], { wait: false });
      terminated[region] = [...ids];
      sink.info(`spot-deploy post: ${region}: terminated ${[...ids].join(', ')}`);
    } catch (e) {
      problems.push(`${region}: ${[...ids].join(', ')}: ${errorMessage(e)}`);
    }
  }
  if (problems.length > 0) {
    throw new CleanupError(
      `spot-deploy post: could not clean up everything; run mode: destroy with deployment-id ${deploymentId} (their TTL also applies)`,
      problems,
    );
  }
  if (Object.keys(terminated).length === 0)
    sink.info('spot-deploy post: no instance to terminate.');
  return { terminated, kept: 0 };
}
