import type { Client } from 'ssh2';
import { errorMessage } from '../errors.js';
import type { DeliveryStep } from '../instance/contract.js';
import { formatDuration } from '../time.js';
import { connect, exec } from './connect.js';
import {
  collectDiagnostics,
  internalFailure,
  type InstanceDelivery,
  type Target,
} from './deliver-many.js';
import { DEFAULT_REMOTE, shq, type RemoteLayout } from './remote-scripts.js';
import { parseRollback, rollbackScript, type RollbackOutcome } from './rollback-script.js';
import { mapBounded } from './pool.js';
import { envRedactor, failureLine, sealLog, sealResult } from './seal.js';

/** One instance's rollback: a delivery's result (no upload) plus the release before and after. */
export interface InstanceRollback extends InstanceDelivery {
  readonly sha256Before?: string;
  readonly sha256After?: string;
}

export interface RollbackManyOptions {
  /** Instances handled at once (integer ≥ 1). */
  readonly concurrency: number;
  readonly username: string;
  readonly privateKey: string;
  readonly connectDeadlineMs: number;
  /** The release to return to; undefined: each instance's previous ready release. */
  readonly to?: string;
  /** Written for the agent, which re-arms the instance's shutdown from it (0: none). */
  readonly ttlMinutes: number;
  /** Bound on the rollback command (the agent restarts units and runs the health check). */
  readonly readyTimeoutMs: number;
  readonly remote?: Partial<RemoteLayout>;
  /**
   * The deployment's `env` input: the release a rollback restarts runs with its env file, so what
   * the instances answer is redacted of these values as a delivery's is (seal.ts).
   */
  readonly env?: ReadonlyArray<readonly [string, string]>;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

/** Steps at which the agent never ran: nothing on the instance to diagnose. */
const BEFORE_AGENT: ReadonlySet<DeliveryStep> = new Set<DeliveryStep>(['connect', 'ttl-config']);

const short = (sha: string | undefined): string => (sha === undefined ? '?' : sha.slice(0, 12));

async function rollbackOne(
  t: Target & { hostKey: string },
  o: RollbackManyOptions,
): Promise<InstanceRollback> {
  const now = o.now ?? Date.now;
  const t0 = now();
  const since = (): number => now() - t0;
  const say = (line: string): void => o.log?.(`[${t.id}] ${line}`);
  const base = { id: t.id, host: t.host, port: t.port };
  const timings: { sshReadyMs?: number; activeMs?: number } = {};
  const shas = (r: Partial<RollbackOutcome>) => ({
    ...(r.sha256Before === undefined ? {} : { sha256Before: r.sha256Before }),
    ...(r.sha256After === undefined ? {} : { sha256After: r.sha256After }),
  });
  const failed = (
    step: DeliveryStep,
    error: string,
    r: Partial<RollbackOutcome> = {},
    diagnostics?: string,
  ): InstanceRollback => {
    return {
      ...base,
      status: 'failed',
      step,
      error,
      ...shas(r),
      ...(diagnostics === undefined ? {} : { diagnostics }),
      timings: { ...timings, totalMs: since() },
    };
  };

  let client: Client;
  try {
    const { username, privateKey, connectDeadlineMs: deadlineMs } = o;
    client = await connect({ ...base, username, privateKey, hostKey: t.hostKey, deadlineMs });
  } catch (err) {
    return failed('connect', errorMessage(err));
  }
  let up = true;
  client.on('close', () => (up = false));
  client.on('end', () => (up = false));
  try {
    timings.sshReadyMs = since();
    const r: RemoteLayout = { ...DEFAULT_REMOTE, ...o.remote };
    let res: RollbackOutcome;
    try {
      const x = await exec(
        client,
        `sh -c ${shq(rollbackScript(r, o.ttlMinutes, o.to))}`,
        undefined,
        {
          timeoutMs: o.readyTimeoutMs,
        },
      );
      res = parseRollback(o.to, x.code, x.stdout, x.stderr);
    } catch (err) {
      res = { status: 'failed', step: 'rollback', logTail: errorMessage(err) };
    }
    if (res.status === 'ready') {
      timings.activeMs = since();
      say(
        `rolled back ${short(res.sha256Before)} → ${short(res.sha256After)} in ${formatDuration(timings.activeMs, { compact: true })}`,
      );
      return { ...base, status: 'ready', ...shas(res), timings: { ...timings, totalMs: since() } };
    }
    const step = res.step ?? 'rollback';
    const error = res.logTail?.trim() || `step '${step}' failed`;
    if (BEFORE_AGENT.has(step) || !up) return failed(step, error, res);
    return failed(step, error, res, await collectDiagnostics(client, r.sudo));
  } finally {
    client.end();
  }
}

/**
 * Rolls every target back, at most `concurrency` at once, each over its own pinned host key. An
 * instance's failure (connect, host key, the agent's answer, a thrown error) becomes its `failed`
 * result; the others carry on. Results are in the order of `targets`.
 */
export async function rollbackMany(
  targets: ReadonlyArray<Target & { hostKey: string }>,
  opts: RollbackManyOptions,
): Promise<InstanceRollback[]> {
  const redact = envRedactor(opts.env ?? []);
  const o = { ...opts, log: sealLog(opts.log, redact) };
  const one = async (t: Target & { hostKey: string }): Promise<InstanceRollback> => {
    const r = sealResult(await rollbackOne(t, o), redact);
    if (r.status === 'failed') o.log(`[${t.id}] ${failureLine(r, 'rollback failed')}`);
    return r;
  };
  return mapBounded(targets, o.concurrency, one, (t, e) =>
    sealResult(internalFailure(t, e), redact),
  );
}
