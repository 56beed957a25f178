import type { EC2Client } from '@aws-sdk/client-ec2';
import { terminateInstances } from '../aws/instances.js';
import type { Inputs } from '../inputs.js';
import { generateEd25519 } from '../keys.js';
import { buildPlan, type Plan, type RunContext } from '../plan.js';
import { prepare, type Prepared } from '../prepare.js';
import type { Sink } from '../sink.js';
import { deliverToMany, type Target } from '../ssh/deliver-many.js';
import { recordIds, STATE, type StateStore } from '../state.js';
import { TAG } from '../aws/types.js';
import { provision, type Provisioned } from './provision.js';
import { addressOf } from '../aws/wait.js';
import { failedBeforeDelivery, fromDelivery, verdict, type InstanceResult } from './results.js';
import { renderDeploySummary } from './summary.js';
import { DeployFailedError } from '../errors.js';

export interface DeployDeps {
  readonly sink: Sink;
  readonly state: StateStore;
  readonly ec2: (region: string) => EC2Client;
  /** The action's own directory (cloud-init/ and bundle/ live there). */
  readonly root: string;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DeployResult {
  readonly plan: Plan;
  readonly prepared: Prepared;
  readonly instances: readonly InstanceResult[];
  readonly shortfall: number;
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
  const { sink, state } = deps;
  const started = (deps.now ?? (() => new Date()))();
  const plan = buildPlan(inputs, ctx, started);
  const client = inputs.sshPrivateKey ?? generateEd25519('spot-deploy');
  const host = generateEd25519('spot-deploy');
  const prepared = await prepare(plan, { client, host }, sink, deps.root);

  // From here on instances may exist: tell the post step what it needs before the first launch.
  state.save(STATE.mode, 'deploy');
  state.save(STATE.deploymentId, plan.deploymentId);
  state.save(STATE.regions, JSON.stringify(plan.regions.map((r) => r.region)));
  state.save(STATE.cleanup, inputs.cleanup);
  if (ctx.runId) state.save(STATE.runId, ctx.runId);
  if (ctx.runAttempt) state.save(STATE.runAttempt, ctx.runAttempt);

  const fleet: Provisioned = await provision(
    plan,
    { clientPublicKey: client.publicKey, hostPublicKey: host.publicKey },
    prepared.userData.body,
    { sink, state, ec2: deps.ec2, ...(deps.sleep ? { sleep: deps.sleep } : {}) },
  );

  const results: InstanceResult[] = fleet.lost.map((x) =>
    failedBeforeDelivery(x.info, x.adopted, 'running', x.reason),
  );
  const targets: Array<Target & { index: number }> = [];
  fleet.running.forEach((x, index) => {
    const address = addressOf(x.info, inputs.sshAddress);
    const pinned = x.adopted ? x.info.tags?.[TAG.hostKey] : host.publicKey;
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
  const envFile = inputs.env.map(([k, v]) => `${k}=${v}`).join('\n');
  const delivered = await deliverToMany(targets, {
    concurrency: inputs.concurrency,
    username: inputs.sshUser,
    privateKey: client.privateKey,
    hostKey: host.publicKey,
    connectDeadlineMs: readyTimeoutMs,
    bundle: prepared.bundle,
    ...(inputs.env.length > 0 ? { envFile } : {}),
    readyTimeoutMs,
    log: (m) => sink.info(m),
  });
  delivered.forEach((d, n) => {
    const t = targets[n];
    const x = t === undefined ? undefined : fleet.running[t.index];
    if (x) results.push(fromDelivery(x.info, x.adopted, d, x.runningMs));
  });

  await retireFailed(results, inputs, deps);
  const order = new Map(fleet.running.map((x, n) => [x.info.id, n]));
  results.sort((a, b) => (order.get(a.id) ?? -1) - (order.get(b.id) ?? -1));

  const v = verdict(results, inputs.minReady, fleet.shortfall);
  setOutputs(sink, plan, prepared, results);
  await sink.summary(renderDeploySummary(plan, prepared, results, fleet, v.line));
  if (!v.ok) throw new DeployFailedError(`spot-deploy: ${v.line}`);
  state.save(STATE.succeeded, 'true');
  sink.info(`spot-deploy: ${v.line}`);
  return { plan, prepared, instances: results, shortfall: fleet.shortfall };
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
    await terminateInstances(deps.ec2(region), region, ids, { wait: false });
    recordIds(deps.state, STATE.terminated, region, ids);
  }
}

function setOutputs(sink: Sink, plan: Plan, p: Prepared, results: readonly InstanceResult[]) {
  const ready = results.filter((r) => r.status === 'ready');
  sink.setOutput('deployment-id', plan.deploymentId);
  sink.setOutput('instances', JSON.stringify(results));
  sink.setOutput('ready-count', String(ready.length));
  sink.setOutput('failed-count', String(results.length - ready.length));
  sink.setOutput(
    'public-ips',
    ready
      .map((r) => r.publicIp ?? '')
      .filter(Boolean)
      .join(','),
  );
  sink.setOutput('bundle-sha256', p.bundle.sha256);
  sink.setOutput('cloud-init-bytes', String(p.userData.bytes));
  sink.setOutput('user-data-path', p.userDataPath);
  sink.setOutput('bundle-file', p.bundle.file);
}
