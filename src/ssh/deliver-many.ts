import type { Client } from 'ssh2';
import { connect, exec } from './connect.js';
import { errorMessage } from '../errors.js';
import type { DeliveryStep } from '../instance/contract.js';
import { deliverBundle } from './deliver.js';
import { DEFAULT_REMOTE, diagnosticsScript, shq, type RemoteLayout } from './remote-scripts.js';
import { formatDuration } from '../time.js';
import { mapBounded } from './pool.js';
import { envRedactor, failureLine, sealLog, sealResult } from './seal.js';

export interface Target {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  /** This instance's pinned host key line; overrides `DeliverManyOptions.hostKey` (adopted instances keep the key their own run gave them). */
  readonly hostKey?: string;
}

export interface InstanceDelivery {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly status: 'ready' | 'failed';
  /** 'connect', 'upload' (an SSH error before activation) or the step deliverBundle reported. */
  readonly step?: DeliveryStep;
  readonly error?: string;
  /** The bundle failed on the instance and its agent put this earlier ready release back. */
  readonly rolledBackTo?: string;
  /** Ready without an upload: why ("unchanged: already running <sha12>, nothing uploaded"). */
  readonly note?: string;
  /** cloud-init / journal / failed units, collected once when activation failed (≤ 8,000 chars). */
  readonly diagnostics?: string;
  /** Milliseconds since this instance's delivery started. */
  readonly timings: {
    readonly sshReadyMs?: number;
    readonly uploadedMs?: number;
    readonly activeMs?: number;
    readonly totalMs: number;
  };
}

export interface DeliverManyOptions {
  /** Instances handled at once (integer ≥ 1). */
  readonly concurrency: number;
  readonly username: string;
  readonly privateKey: string;
  /** The pinned host key line for targets that carry none of their own. */
  readonly hostKey: string;
  readonly connectDeadlineMs: number;
  readonly bundle: { readonly file: string; readonly sha256: string; readonly bytes: number };
  /**
   * Secret: passed to deliverBundle only; never logged nor part of a result. Its values that can
   * be secrets are blanked out of everything the instances answer (seal.ts).
   */
  readonly envFile?: string;
  /** See DeliverOptions.healthCheck. */
  readonly healthCheck?: string;
  /** See DeliverOptions.ttlMinutes. */
  readonly ttlMinutes?: number;
  readonly readyTimeoutMs: number;
  readonly remote?: Partial<RemoteLayout>;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

export const DIAGNOSTICS_TIMEOUT_MS = 30_000;
/** Bound on the new connection diagnostics need when the delivery's own one was lost. */
export const DIAGNOSTICS_CONNECT_MS = 15_000;
/** Steps that fail before activation starts: nothing to diagnose on the instance. */
const PRE_ACTIVATION: ReadonlySet<DeliveryStep> = new Set<DeliveryStep>([
  'prepare',
  'upload',
  'upload-verify',
  'rename',
  'env',
  'health-check-config',
  'ttl-config',
]);

const secs = (ms: number): string => formatDuration(ms, { compact: true });

async function deliverOne(t: Target, o: DeliverManyOptions): Promise<InstanceDelivery> {
  const now = o.now ?? Date.now;
  const t0 = now();
  const since = (): number => now() - t0;
  const say = (line: string): void => o.log?.(`[${t.id}] ${line}`);
  const timings: { sshReadyMs?: number; uploadedMs?: number; activeMs?: number } = {};
  const base = { id: t.id, host: t.host, port: t.port };
  const failed = (
    step: DeliveryStep,
    error: string,
    diagnostics?: string,
    rolledBackTo?: string,
  ): InstanceDelivery => {
    return {
      ...base,
      status: 'failed',
      step,
      error,
      ...(rolledBackTo === undefined ? {} : { rolledBackTo }),
      ...(diagnostics === undefined ? {} : { diagnostics }),
      timings: { ...timings, totalMs: since() },
    };
  };

  // Every connection to this instance (the first, and any made after one was lost), all with its
  // pinned host key; those still up are tracked, and all are ended when it is done.
  const clients: Client[] = [];
  const live = new Set<Client>();
  const open = async (deadlineMs: number): Promise<Client> => {
    const { username, privateKey } = o;
    const hostKey = t.hostKey ?? o.hostKey;
    const c = await connect({ ...base, username, privateKey, hostKey, deadlineMs });
    clients.push(c);
    live.add(c);
    c.on('close', () => live.delete(c));
    c.on('end', () => live.delete(c));
    return c;
  };
  let client: Client;
  try {
    client = await open(o.connectDeadlineMs);
  } catch (err) {
    return failed('connect', errorMessage(err));
  }
  try {
    timings.sshReadyMs = since();
    say(`ssh ready in ${secs(timings.sshReadyMs)}`);
    let res;
    try {
      res = await deliverBundle(client, {
        ...o.bundle,
        ...(o.envFile === undefined ? {} : { envFile: o.envFile }),
        ...(o.healthCheck === undefined ? {} : { healthCheck: o.healthCheck }),
        ...(o.ttlMinutes === undefined ? {} : { ttlMinutes: o.ttlMinutes }),
        readyTimeoutMs: o.readyTimeoutMs,
        reconnect: (deadlineMs) => {
          say('connection lost during activation: reconnecting');
          return open(deadlineMs);
        },
        ...(o.remote === undefined ? {} : { remote: o.remote }),
        onUploaded: () => {
          timings.uploadedMs = since();
          say(`uploaded in ${secs(timings.uploadedMs)}`);
        },
      });
    } catch (err) {
      return failed(timings.uploadedMs === undefined ? 'upload' : 'activate', errorMessage(err));
    }
    if (res.status === 'ready') {
      timings.activeMs = since();
      say(res.unchanged ?? `active in ${secs(timings.activeMs)}`);
      const note = res.unchanged === undefined ? {} : { note: res.unchanged };
      return { ...base, status: 'ready', ...note, timings: { ...timings, totalMs: since() } };
    }
    const step = res.step ?? 'activate';
    const error = res.logTail?.trim() || `step '${step}' failed`;
    if (PRE_ACTIVATION.has(step)) return failed(step, error, undefined, res.rolledBackTo);
    // Over a connection still up, else a new one (the delivery's own may have been lost).
    const latest = clients.at(-1);
    let diag: string;
    try {
      const c =
        latest !== undefined && live.has(latest) ? latest : await open(DIAGNOSTICS_CONNECT_MS);
      diag = await collectDiagnostics(c, o.remote?.sudo ?? DEFAULT_REMOTE.sudo);
    } catch (err) {
      diag = `collecting diagnostics failed: ${errorMessage(err)}`;
    }
    return failed(step, error, diag, res.rolledBackTo);
  } finally {
    for (const c of clients) c.end();
  }
}

/**
 * Delivers one bundle to every target, at most `concurrency` at once. Each instance's failure
 * (connect error, host key mismatch, failed activation, thrown error) becomes a `failed` result;
 * the others carry on. Results are in the order of `targets`.
 */
export async function deliverToMany(
  targets: readonly Target[],
  opts: DeliverManyOptions,
): Promise<InstanceDelivery[]> {
  const redact = envRedactor(opts.envFile ?? '');
  const o = { ...opts, log: sealLog(opts.log, redact) };
  const one = async (t: Target): Promise<InstanceDelivery> => {
    const r = sealResult(await deliverOne(t, o), redact);
    if (r.status === 'failed') o.log(`[${t.id}] ${failureLine(r, 'failed')}`);
    if (r.rolledBackTo !== undefined)
      o.log(`[${t.id}] rolled back to ${r.rolledBackTo.slice(0, 12)}`);
    return r;
  };
  return mapBounded(targets, o.concurrency, one, (t, e) =>
    sealResult(internalFailure(t, e), redact),
  );
}

/** The result of an instance whose handling threw (a bug, not a deployment outcome). */
export function internalFailure(t: Target, error: string): InstanceDelivery {
  return {
    id: t.id,
    host: t.host,
    port: t.port,
    status: 'failed',
    step: 'internal',
    error,
    timings: { totalMs: 0 },
  };
}

/**
 * What the instance says about a failed activation (cloud-init, the agent's journal, failed
 * units), over the connection still open. Never throws: a failure to collect is the text.
 */
export async function collectDiagnostics(client: Client, sudo: string): Promise<string> {
  try {
    const d = await exec(client, `sh -c ${shq(diagnosticsScript(sudo))}`, undefined, {
      timeoutMs: DIAGNOSTICS_TIMEOUT_MS,
    });
    return d.stdout + (d.stderr === '' ? '' : `\n[stderr]\n${d.stderr}`);
  } catch (err) {
    return `collecting diagnostics failed: ${errorMessage(err)}`;
  }
}
