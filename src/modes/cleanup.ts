import type { EC2Client } from '@aws-sdk/client-ec2';
import { findInstances, terminateInstances } from '../aws/instances.js';
import type { Sink } from '../report/sink.js';
import { parseIds, STATE, type StateStore } from './state.js';

export interface PostResult {
  readonly terminated: Readonly<Record<string, readonly string[]>>;
  readonly kept: number;
}

function regionsOf(state: StateStore): string[] {
  try {
    const v: unknown = JSON.parse(state.get(STATE.regions) || '[]');
    return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The post step: reads saved state only. `cleanup: on-failure` terminates what this run launched
 * unless the main step recorded success (a failed, cancelled or killed main step never does);
 * `always` terminates regardless; `never` keeps them (their TTL still applies). Besides the saved
 * ids it searches by this run's tags, for instances launched in the instant before a kill.
 * Idempotent: already-terminated instances are not an error.
 */
export async function runPost(
  state: StateStore,
  ec2: (region: string) => EC2Client,
  sink: Sink,
): Promise<PostResult> {
  if (state.get(STATE.mode) !== 'deploy') {
    sink.info('spot-deploy post: nothing was launched by this step.');
    return { terminated: {}, kept: 0 };
  }
  const policy = state.get(STATE.cleanup) || 'on-failure';
  const succeeded = state.get(STATE.succeeded) === 'true';
  const launched = parseIds(state.get(STATE.launched));
  const gone = parseIds(state.get(STATE.terminated));
  const count = Object.values(launched).reduce((n, ids) => n + ids.length, 0);
  if (policy === 'never' || (policy === 'on-failure' && succeeded)) {
    const why = policy === 'never' ? 'cleanup is never' : 'the deploy succeeded';
    sink.info(`spot-deploy post: ${why}; keeping the ${count} instance(s) this run launched.`);
    return { terminated: {}, kept: count };
  }
  const deploymentId = state.get(STATE.deploymentId);
  const runId = state.get(STATE.runId);
  const runAttempt = state.get(STATE.runAttempt);
  const regions = [...new Set([...regionsOf(state), ...Object.keys(launched)])];
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
        problems.push(
          `${region}: tag search failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    if (ids.size === 0) continue;
    try {
      await terminateInstances(client, region, [...ids], { wait: false });
      terminated[region] = [...ids];
      sink.info(`spot-deploy post: ${region}: terminated ${[...ids].join(', ')}`);
    } catch (e) {
      problems.push(
        `${region}: ${[...ids].join(', ')}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `spot-deploy post: could not clean up everything; run mode: destroy with deployment-id ${deploymentId} (their TTL also applies):\n  ${problems.join('\n  ')}`,
    );
  }
  if (Object.keys(terminated).length === 0)
    sink.info('spot-deploy post: no instance to terminate.');
  return { terminated, kept: 0 };
}
