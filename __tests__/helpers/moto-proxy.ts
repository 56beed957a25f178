// moto on loopback with the EC2 fault proxy in front of it, for tests that drive product code
// (provision, deploy, post) against what real EC2 does and moto does not. Registers the suite's
// hooks: one moto and one proxy per suite, both reset before each test.
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startEc2FaultProxy, type Ec2FaultProxy } from './ec2-fault-proxy.js';
import { IMAGE_CATALOGUE, startMoto, useMotoEnv, type Moto } from './moto.js';

export interface MotoBehindProxy {
  /** moto itself: the test's own assertions talk to it directly. */
  readonly moto: Moto;
  readonly proxy: Ec2FaultProxy;
  /** A client per region that goes through the proxy: what the product code is given. */
  ec2(region: string): EC2Client;
}

/** Call inside a `describe`: starts both in its beforeAll and stops them in its afterAll. */
export function motoBehindProxy(): MotoBehindProxy {
  let moto: Moto | undefined;
  let proxy: Ec2FaultProxy | undefined;
  let restore: (() => void) | undefined;
  const clients = new Map<string, EC2Client>();
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('moto and the proxy start in beforeAll');
    return v;
  };
  beforeAll(async () => {
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    restore = useMotoEnv(moto);
    proxy = await startEc2FaultProxy(moto.endpoint);
  }, 60_000);
  afterAll(async () => {
    for (const c of clients.values()) c.destroy();
    await proxy?.stop();
    restore?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await started(moto).reset();
    started(proxy).reset();
  });
  afterEach(() => proxy?.reset());
  return {
    get moto() {
      return started(moto);
    },
    get proxy() {
      return started(proxy);
    },
    ec2(region) {
      let c = clients.get(region);
      if (!c) {
        c = new EC2Client({ region, endpoint: started(proxy).endpoint });
        clients.set(region, c);
      }
      return c;
    },
  };
}
