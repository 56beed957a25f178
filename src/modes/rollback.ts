import type { EC2Client } from '@aws-sdk/client-ec2';
import { refreshExpiry } from '../aws/expiry.js';
import { findInstances } from '../aws/instances.js';
import { TAG, type InstanceInfo } from '../aws/types.js';
import { addressOf } from '../aws/wait.js';
import { DeployFailedError, errorMessage } from '../errors.js';
import { buildPlan, type Plan, type RunContext } from '../inputs/plan.js';
import { keyRequiredFor } from '../inputs/rules.js';
import type { Inputs } from '../inputs/types.js';
import { runLinks } from '../report/links.js';
import { setRollbackOutputs } from '../report/outputs.js';
import { renderRollbackComment } from '../report/pr-comment.js';
import {
  failedBeforeDelivery,
  fromDelivery,
  rollbackVerdict,
  type InstanceResult,
} from '../report/results.js';
import { renderRollbackSummary } from '../report/rollback-summary.js';
import { inGroup, type Sink } from '../report/sink.js';
import type { Target } from '../ssh/deliver-many.js';
import { rollbackMany } from '../ssh/rollback.js';
import { realClock, type Clock, type Sleep } from '../time.js';
import { chooseAdopted } from './deploy/adopt.js';
import { withDeployLock, type LockDeps } from './lock.js';
import type { Publisher } from './publisher.js';
import type { StateStore } from './state.js';
import { openEverywhere, resolveRunnerAccess } from './runner-access.js';
import type { Fetch } from './runner-ip.js';

export interface RollbackDeps {
  readonly sink: Sink;
  readonly ec2: (region: string) => EC2Client;
  /** PR-comment client (Actions only). */
  readonly publisher?: Publisher;
  readonly now?: Clock;
  /** Runs the rollback command on the instances (ssh/rollback.ts; tests pass a fake). */
  readonly rollback?: typeof rollbackMany;
  /** Where the post step finds the deploy lock if this step is killed while holding it. */
  readonly state?: StateStore;
  readonly sleep?: Sleep;
  /** The deploy lock's heartbeat wait and holder name (tests). */
  readonly lock?: Pick<LockDeps, 'wait' | 'holder'>;
  /** How `runner-ip-lookup` is asked (Node's fetch by default). */
  readonly fetch?: Fetch;
}

export interface RollbackResult {
  readonly deploymentId: string;
  readonly instances: readonly InstanceResult[];
}

/**
 * mode: rollback. Finds the deployment's instances in `regions`, switches each back to its
 * previous ready release (or to `rollback-to`) through the agent of its active release, moves
 * their `expires-at` tags with the re-armed TTL, and reports each instance's release before and
 * after. No bundle, no upload, no launch. Throws DeployFailedError unless every instance found
 * ended on its target; instances are never terminated here (they keep serving what they have).
 */
export async function runRollback(
  inputs: Inputs,
  ctx: RunContext,
  deps: RollbackDeps,
): Promise<RollbackResult> {
  const plan = buildPlan(inputs, ctx, (deps.now ?? realClock)());
  const key = inputs.sshPrivateKey;
  if (key === undefined) throw keyRequiredFor('rollback');
  // Before any AWS call: a runner that cannot learn its address fails here.
  const access = await resolveRunnerAccess(inputs, ctx, deps.sink, deps.fetch);
  const target = inputs.rollbackTo ?? "each instance's previous ready release";
  deps.sink.info(
    `spot-deploy rollback: deployment ${plan.deploymentId} in ${inputs.regions.join(', ')}, to ${target}`,
  );
  // Everything that touches the instances, under the deploy lock: no deploy, destroy or other
  // rollback of this deployment interleaves with it.
  const results = await withDeployLock({ ...deps, ...deps.lock }, plan, ctx, async () => {
    await openEverywhere(plan, access, deps);
    return rollbackFleet(plan, key.privateKey, key, deps);
  });

  const v = rollbackVerdict(results);
  setRollbackOutputs(deps.sink, plan.deploymentId, results, {
    ports: inputs.ports,
    sshAddress: inputs.sshAddress,
  });
  const runUrl = runLinks(ctx, '').run;
  await deps.sink.summary(
    renderRollbackSummary({
      deploymentId: plan.deploymentId,
      instances: results,
      rollbackTo: inputs.rollbackTo,
      verdictLine: v.line,
      expiresAt: plan.expiresAt,
      runUrl,
    }),
  );
  if (deps.publisher) {
    const body = renderRollbackComment({
      deploymentId: plan.deploymentId,
      instances: results,
      rollbackTo: inputs.rollbackTo,
      runUrl,
    });
    await deps.publisher.comment(plan.deploymentId, body);
  }
  if (!v.ok) throw new DeployFailedError(`spot-deploy rollback: ${v.line}`);
  deps.sink.info(`spot-deploy rollback: ${v.line}`);
  return { deploymentId: plan.deploymentId, instances: results };
}

/** Find → check the key → roll back over SSH → move the expiry tags. */
async function rollbackFleet(
  plan: Plan,
  privateKey: string,
  userKey: { readonly publicKey: string },
  deps: RollbackDeps,
): Promise<InstanceResult[]> {
  const { sink } = deps;
  const inputs = plan.inputs;
  const found = (
    await Promise.all(
      inputs.regions.map((r) =>
        findInstances(
          deps.ec2(r),
          r,
          { deploymentId: plan.deploymentId },
          { excludeShuttingDown: true },
        ),
      ),
    )
  ).flat();
  // The same key check as a redeploy: a mismatch fails here, before any SSH connection.
  const { kept, ignored } = chooseAdopted(found, found.length, plan.deploymentId, userKey);
  for (const x of ignored)
    sink.warning(`${x.id} (${x.region}) of this deployment is ${x.state}: left alone.`);
  if (kept.length === 0) {
    throw new DeployFailedError(
      `spot-deploy rollback: deployment '${plan.deploymentId}' has no running instance in ${inputs.regions.join(', ')}: nothing to roll back${ignored.length > 0 ? ` (${ignored.length} stopped or stopping, left alone)` : ''}. Check deployment-id and regions.`,
    );
  }

  const results: InstanceResult[] = [];
  const targets: Array<Target & { hostKey: string; info: InstanceInfo }> = [];
  for (const info of kept) {
    const address = addressOf(info, inputs.sshAddress);
    const hostKey = info.tags?.[TAG.hostKey];
    if (info.state === 'pending') {
      const why = 'still pending (a deploy is launching it): it has no release to roll back to';
      results.push(failedBeforeDelivery(info, true, 'running', why));
    } else if (!address) {
      results.push(failedBeforeDelivery(info, true, 'running', `no ${inputs.sshAddress}`));
    } else if (!hostKey) {
      const why = `no ${TAG.hostKey} tag, so its SSH host key cannot be pinned; replace it (mode: destroy, then deploy)`;
      results.push(failedBeforeDelivery(info, true, 'connect', why));
    } else {
      targets.push({ id: info.id, host: address, port: inputs.sshPort, hostKey, info });
    }
  }
  const readyTimeoutMs = inputs.readyTimeoutSeconds * 1000;
  const done = await inGroup(sink, 'spot-deploy: roll back', () =>
    (deps.rollback ?? rollbackMany)(targets, {
      concurrency: inputs.concurrency,
      username: inputs.sshUser,
      privateKey,
      connectDeadlineMs: readyTimeoutMs,
      ...(inputs.rollbackTo === undefined ? {} : { to: inputs.rollbackTo }),
      ttlMinutes: inputs.ttlMinutes,
      readyTimeoutMs,
      env: inputs.env,
      log: (m) => sink.info(m),
    }),
  );
  done.forEach((d, n) => {
    const t = targets[n];
    if (t === undefined) return;
    results.push({
      ...fromDelivery(t.info, true, d, undefined),
      ...(d.sha256Before === undefined ? {} : { sha256Before: d.sha256Before }),
      ...(d.sha256After === undefined ? {} : { sha256After: d.sha256After }),
    });
  });
  await moveExpiry(results, plan, deps);
  const order = new Map(kept.map((x, n) => [x.id, n]));
  return results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** Steps at which the ttl-minutes file was not written: the instance's shutdown did not move. */
const NOT_REACHED = new Set(['running', 'connect', 'ttl-config', 'internal']);

/**
 * The instances whose ttl-minutes file was written had their shutdown re-armed: their
 * `expires-at` tag follows, so the janitor does not terminate a fleet in use. A tagging failure
 * is a warning: the rollback itself happened, and the on-instance TTL still bounds the cost.
 */
async function moveExpiry(results: readonly InstanceResult[], plan: Plan, deps: RollbackDeps) {
  const reached = results.filter((r) => !NOT_REACHED.has(r.step ?? ''));
  for (const region of new Set(reached.map((r) => r.region))) {
    const ids = reached.filter((r) => r.region === region).map((r) => r.id);
    try {
      await refreshExpiry(deps.ec2(region), region, plan.deploymentId, ids, plan.expiresAt);
    } catch (e) {
      deps.sink.warning(
        `${errorMessage(e)}; the janitor reads the old ${TAG.expiresAt} of ${ids.join(', ')}.`,
      );
    }
  }
}
