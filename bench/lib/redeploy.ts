/**
 * An unchanged redeploy (issue 15): the built action deploys N fake instances on moto once, then
 * deploys the same bundle (same sha256, env and health check) to the same deployment again; each
 * redeploy's wall time is measured, and whether any instance reported an upload (`uploadedMs`).
 * The harness is bench/lib/fleet.ts's (moto + fake instances on loopback addresses).
 */
import type { InstanceResult } from '../../src/report/results.js';
import { generateEd25519 } from '../../src/keys.js';
import { watchMoto } from '../../__tests__/helpers/fake-instance-moto.js';
import type { Moto } from '../../__tests__/helpers/moto.js';
import { freePort } from '../../__tests__/helpers/sshd.js';
import { destroyDeployment, REGION, timedDeploy } from './fleet.js';

export interface RedeployRun {
  readonly n: number;
  /** The first deploy's exit code and ready count. */
  readonly first: { readonly code: number | null; readonly ready: number };
  /** Per redeploy: wall time, exit code, ready instances, instances that reported an upload. */
  readonly redeploys: ReadonlyArray<{
    readonly wallMs: number;
    readonly code: number | null;
    readonly ready: number;
    readonly uploaded: number;
    readonly unchanged: number;
  }>;
  readonly tail: string;
}

export async function redeployUnchanged(
  moto: Moto,
  subnet: string,
  n: number,
  times: number,
  timeoutMs: number,
): Promise<RedeployRun> {
  const port = await freePort();
  const key = generateEd25519('bench-redeploy');
  const id = `bench-same-${n}-${Date.now().toString(36)}`;
  const w = watchMoto(moto, REGION, {
    port,
    pollMs: 100,
    maxMs: timeoutMs * (times + 1) + 60_000,
    maxInstances: n + 2,
  });
  const deploy = () =>
    timedDeploy(moto, { id, n, subnet, port, privateKey: key.privateKey, timeoutMs });
  const count = (is: InstanceResult[], f: (i: InstanceResult) => boolean) => is.filter(f).length;
  let tail = '';
  try {
    const one = await deploy();
    tail = (one.r.stdout + one.r.stderr).slice(-3000);
    const first = {
      code: one.r.code,
      ready: count(one.instances, (i) => i.status === 'ready'),
    };
    const redeploys: Array<RedeployRun['redeploys'][number]> = [];
    for (let k = 0; k < times && first.ready === n; k++) {
      const again = await deploy();
      tail = (again.r.stdout + again.r.stderr).slice(-3000);
      redeploys.push({
        wallMs: again.wallMs,
        code: again.r.code,
        ready: count(again.instances, (i) => i.status === 'ready'),
        uploaded: count(again.instances, (i) => i.timings.uploadedMs !== undefined),
        unchanged: count(again.instances, (i) => (i.note ?? '').startsWith('unchanged:')),
      });
    }
    return { n, first, redeploys, tail };
  } finally {
    await destroyDeployment(moto, id);
    await w.stop();
  }
}
