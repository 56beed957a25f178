import type { EC2Client } from '@aws-sdk/client-ec2';
import { terminateInstances } from '../../aws/instances.js';
import { priceKey, spotPrices } from '../../aws/spot-price.js';
import { TAG } from '../../aws/types.js';
import { addressOf } from '../../aws/wait.js';
import { DeployFailedError, errorMessage } from '../../errors.js';
import type { Inputs } from '../../inputs/parse.js';
import { generateEd25519 } from '../../keys.js';
import { buildPlan, type Plan, type RunContext } from '../../inputs/plan.js';
import { prepare, type Prepared } from '../prepare.js';
import { inGroup, type Sink } from '../../report/sink.js';
import { deliverToMany, type Target } from '../../ssh/deliver-many.js';
import { recordIds, STATE, type StateStore } from '../state.js';
import { setDeployOutputs } from '../../report/deploy-outputs.js';
import { provision, type Provisioned } from './provision.js';
import { refreshFailed } from './refresh.js';
import {
  failedBeforeDelivery,
  fromDelivery,
  verdict,
  type InstanceResult,
} from '../../report/results.js';
import { renderDeploySummary, runLinks } from '../../report/deploy-summary.js';
import { comment, publishArtifact, type Publishers } from '../../github/publish.js';
import { reportArtifact, type ArtifactOutcome } from '../../github/artifact.js';
import { renderPrComment } from '../../github/pr-comment.js';

export interface DeployDeps {
  readonly sink: Sink;
  readonly state: StateStore;
  readonly ec2: (region: string) => EC2Client;
  /** The action's own directory (cloud-init/ and bundle/ live there). */
  readonly root: string;
  /** Artifact and PR-comment clients (Actions only); without them neither is made. */
  readonly publishers?: Publishers;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DeployResult {
  readonly plan: Plan;
  readonly prepared: Prepared;
  readonly instances: readonly InstanceResult[];
  readonly shortfall: number;
}

/** Prefixes every line with the time since the deploy started, so phases can be read off the log. */
function timed(sink: Sink, t0: number): Sink {
  const at = (): string => `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
  return {
    ...sink,
    info: (m) => sink.info(`${at()} ${m}`),
    warning: (m) => sink.warning(`${at()} ${m}`),
  };
}

/**
 * mode: deploy. inputs → plan → keys, user-data, bundle (no AWS yet) → provision (adopt, launch,
 * wait) → deliver → outputs and summary. Throws DeployFailedError when fewer than `min-ready`
 * instances end ready; the post step then cleans up per `cleanup`.
 */
export async function runDeploy(
  inputs: Inputs,
  ctx: RunContext,
  deps: DeployDeps,
): Promise<DeployResult> {
  const { state } = deps;
  const started = (deps.now ?? (() => new Date()))();
  const sink = timed(deps.sink, Date.now());
  const plan = buildPlan(inputs, ctx, started);
  const client = inputs.sshPrivateKey ?? generateEd25519('spot-deploy');
  const host = generateEd25519('spot-deploy');
  const prepared = await inGroup(sink, 'spot-deploy: user-data and bundle', () =>
    prepare(plan, { client, host }, sink, deps.root),
  );

  // From here on instances may exist: tell the post step what it needs before the first launch.
  state.save(STATE.mode, 'deploy');
  state.save(STATE.deploymentId, plan.deploymentId);
  state.save(STATE.regions, JSON.stringify(plan.regions.map((r) => r.region)));
  state.save(STATE.cleanup, inputs.cleanup);
  if (ctx.runId) state.save(STATE.runId, ctx.runId);
  if (ctx.runAttempt) state.save(STATE.runAttempt, ctx.runAttempt);

  // The artifact uploads while instances launch; it exists even when the deploy fails.
  const artifactP = publishArtifact(deps.publishers, 'deploy', inputs, ctx, plan, prepared);
  let fleet: Provisioned;
  let results: InstanceResult[];
  let artifact: ArtifactOutcome;
  try {
    fleet = await inGroup(sink, 'spot-deploy: launch and wait', () =>
      provision(
        plan,
        { clientPublicKey: client.publicKey, hostPublicKey: host.publicKey },
        prepared.userData.body,
        { sink, state, ec2: deps.ec2, ...(deps.sleep ? { sleep: deps.sleep } : {}) },
      ),
    );
    const f = fleet;
    results = await inGroup(sink, 'spot-deploy: deliver the bundle', () =>
      deliver(inputs, f, prepared, { client, host }, sink),
    );
    const r = results;
    await inGroup(sink, 'spot-deploy: report', async () => {
      await refreshFailed(r, deps.ec2, sink);
      await priceResults(r, deps.ec2, sink, started);
      await retireFailed(r, inputs, { ...deps, sink });
    });
  } finally {
    artifact = await artifactP;
    reportArtifact(sink, artifact);
  }

  const artifactId = artifact.status === 'uploaded' ? String(artifact.id) : '';
  const v = verdict(results, inputs.minReady, fleet.shortfall);
  setDeployOutputs(deps.sink, plan, prepared, results, artifactId);
  await deps.sink.summary(
    renderDeploySummary(plan, prepared, results, fleet, v.line, runLinks(ctx, artifactId)),
  );
  if (deps.publishers) {
    const body = renderPrComment({
      deploymentId: plan.deploymentId,
      instances: results,
      bundleSha256: prepared.bundle.sha256,
      shortfall: fleet.shortfall,
      minReady: inputs.minReady,
      runUrl: runLinks(ctx, '').run,
      artifact:
        artifact.status === 'uploaded'
          ? { name: artifact.name, url: runLinks(ctx, artifactId).artifact }
          : undefined,
    });
    await comment(deps.publishers, inputs, ctx, plan.deploymentId, body, sink);
  }
  if (!v.ok) throw new DeployFailedError(`spot-deploy: ${v.line}`);
  state.save(STATE.succeeded, 'true');
  sink.info(`spot-deploy: ${v.line}`);
  return { plan, prepared, instances: results, shortfall: fleet.shortfall };
}

async function deliver(
  inputs: Inputs,
  fleet: Provisioned,
  prepared: Prepared,
  keys: { client: { privateKey: string }; host: { publicKey: string } },
  sink: Sink,
): Promise<InstanceResult[]> {
  const results: InstanceResult[] = fleet.lost.map((x) =>
    failedBeforeDelivery(x.info, x.adopted, 'running', x.reason),
  );
  const targets: Array<Target & { index: number }> = [];
  fleet.running.forEach((x, index) => {
    const address = addressOf(x.info, inputs.sshAddress);
    const pinned = x.adopted ? x.info.tags?.[TAG.hostKey] : keys.host.publicKey;
    if (!address) {
      results.push(
        failedBeforeDelivery(x.info, x.adopted, 'running', `no ${inputs.sshAddress}`, x.runningMs),
      );
    } else if (!pinned) {
      const why = `no ${TAG.hostKey} tag, so its SSH host key cannot be pinned; replace it (mode: destroy, then deploy)`;
      results.push(failedBeforeDelivery(x.info, x.adopted, 'connect', why, x.runningMs));
    } else {
      targets.push({ id: x.info.id, host: address, port: inputs.sshPort, hostKey: pinned, index });
    }
  });
  const readyTimeoutMs = inputs.readyTimeoutSeconds * 1000;
  const delivered = await deliverToMany(targets, {
    concurrency: inputs.concurrency,
    username: inputs.sshUser,
    privateKey: keys.client.privateKey,
    hostKey: keys.host.publicKey,
    connectDeadlineMs: readyTimeoutMs,
    bundle: prepared.bundle,
    ...(inputs.env.length > 0
      ? { envFile: inputs.env.map(([k, v]) => `${k}=${v}`).join('\n') }
      : {}),
    // '' clears a health check an earlier run installed: the instance follows the inputs.
    healthCheck: inputs.healthCheck ?? '',
    readyTimeoutMs,
    log: (m) => sink.info(m),
  });
  delivered.forEach((d, n) => {
    const t = targets[n];
    const x = t === undefined ? undefined : fleet.running[t.index];
    if (x) results.push(fromDelivery(x.info, x.adopted, d, x.runningMs));
  });
  const order = new Map(
    [...fleet.running.map((x) => x.info.id), ...fleet.lost.map((x) => x.info.id)].map((id, n) => [
      id,
      n,
    ]),
  );
  return results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** Adds the spot price each instance pays; a price EC2 does not give stays unknown. */
async function priceResults(
  results: InstanceResult[],
  ec2: (region: string) => EC2Client,
  sink: Sink,
  now: Date,
): Promise<void> {
  for (const region of new Set(results.map((r) => r.region))) {
    const here = results.filter((r) => r.region === region && r.lifecycle === 'spot');
    let prices: Map<string, string>;
    try {
      prices = await spotPrices(ec2(region), region, here, now);
    } catch (e) {
      sink.warning(`Spot prices are unknown: ${errorMessage(e)}`);
      continue;
    }
    for (const r of here) {
      const price = prices.get(priceKey(r.instanceType, r.availabilityZone ?? ''));
      if (price !== undefined) results[results.indexOf(r)] = { ...r, spotPrice: price };
    }
  }
}

/**
 * Failed instances this run launched cost money and serve nothing: terminate them now, unless the
 * user keeps everything (`cleanup: never`) to debug. Adopted ones are never touched here.
 */
async function retireFailed(results: InstanceResult[], inputs: Inputs, deps: DeployDeps) {
  if (inputs.cleanup === 'never') return;
  const doomed = results.filter((r) => r.status === 'failed' && !r.adopted);
  for (const region of new Set(doomed.map((r) => r.region))) {
    const ids = doomed.filter((r) => r.region === region).map((r) => r.id);
    deps.sink.info(`${region}: terminating ${ids.length} failed instance(s): ${ids.join(', ')}`);
    try {
      await terminateInstances(deps.ec2(region), region, ids, { wait: false });
      recordIds(deps.state, STATE.terminated, region, ids);
    } catch (e) {
      // The post step tries again (they are still in the launched list).
      deps.sink.warning(
        `Could not terminate failed instances ${ids.join(', ')}: ${errorMessage(e)}`,
      );
    }
  }
}
