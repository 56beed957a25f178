/**
 * The deploy's delivery phase: the running fleet → SSH targets (each pinned to its host key) →
 * batches (rollout.ts) → one deliverer call per batch → per-instance results in fleet order.
 */
import { TAG } from '../../aws/types.js';
import { addressOf } from '../../aws/wait.js';
import { renderEnvFile } from '../../inputs/env.js';
import type { Inputs } from '../../inputs/types.js';
import {
  failedBeforeDelivery,
  fromDelivery,
  skippedInRollout,
  type InstanceResult,
} from '../../report/results.js';
import type { Sink } from '../../report/sink.js';
import type { deliverToMany, InstanceDelivery, Target } from '../../ssh/deliver-many.js';
import type { Prepared } from '../prepare.js';
import type { Provisioned } from './provision.js';
import { planBatches, runRollout, type Rollout } from './rollout.js';

type Running = Provisioned['running'][number];

export interface FleetDelivery {
  readonly results: InstanceResult[];
  readonly rollout: Rollout<InstanceDelivery>;
}

export async function deliverFleet(
  inputs: Inputs,
  fleet: Provisioned,
  prepared: Prepared,
  keys: { client: { privateKey: string }; host: { publicKey: string } },
  deps: { sink: Sink; now: () => Date; deliver: typeof deliverToMany },
): Promise<FleetDelivery> {
  const { sink } = deps;
  const results: InstanceResult[] = fleet.lost.map((x) =>
    failedBeforeDelivery(x.info, x.adopted, 'running', x.reason),
  );
  const targets: Array<Target & { adopted: boolean; x: Running }> = [];
  for (const x of fleet.running) {
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
      const t = { id: x.info.id, host: address, port: inputs.sshPort, hostKey: pinned };
      targets.push({ ...t, adopted: x.adopted, x });
    }
  }
  const readyTimeoutMs = inputs.readyTimeoutSeconds * 1000;
  const opts = {
    concurrency: inputs.concurrency,
    username: inputs.sshUser,
    privateKey: keys.client.privateKey,
    hostKey: keys.host.publicKey,
    connectDeadlineMs: readyTimeoutMs,
    bundle: prepared.bundle,
    // Always sent, empty without env: the instance's env file is replaced as a whole.
    envFile: renderEnvFile(inputs.env),
    // '' clears a health check an earlier run installed: the instance follows the inputs.
    healthCheck: inputs.healthCheck ?? '',
    // The agent re-arms the instance's shutdown from it: the TTL counts from this deploy.
    ttlMinutes: inputs.ttlMinutes,
    readyTimeoutMs,
    log: (m: string) => sink.info(m),
  };
  const batches = planBatches(targets, inputs.batchSize);
  const rollout = await runRollout(batches, (b) => deps.deliver(b, opts), {
    maxFailed: inputs.batchSize === undefined ? undefined : inputs.maxFailed,
    fresh: (n) => batches[n - 1]?.every((t) => !t.adopted) ?? false,
    now: deps.now,
    log: (m) => sink.info(m),
  });

  const byId = new Map(targets.map((t) => [t.id, t.x]));
  const timesOf = new Map(rollout.batches.map((b) => [b.number, b]));
  for (const { delivery, batch } of rollout.delivered) {
    const x = byId.get(delivery.id);
    const b = timesOf.get(batch);
    if (!x || !b) continue;
    const times = { number: batch, startedAt: b.startedAt ?? '', finishedAt: b.finishedAt ?? '' };
    results.push(fromDelivery(x.info, x.adopted, delivery, x.runningMs, times));
  }
  for (const { id, batch } of rollout.skipped) {
    const x = byId.get(id);
    if (x) results.push(skippedInRollout(x.info, x.adopted, batch, x.runningMs));
  }
  const order = new Map(
    [...fleet.running.map((x) => x.info.id), ...fleet.lost.map((x) => x.info.id)].map((id, n) => [
      id,
      n,
    ]),
  );
  results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { results, rollout };
}
