/**
 * The lifecycle of a suite that deploys against moto with a fake instance for every instance moto
 * launches (fake-instance-moto.ts), in one place: moto with the image catalogue, a loopback subnet,
 * one free port for every fake sshd, the test's watcher, and after each test the region emptied (a
 * later watcher would boot bodies for what is left) and the watcher stopped. Call it inside a
 * `describe`: it registers the hooks there. Nothing leaves 127.0.0.0/8.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { watchMoto, type MotoWatcher, type WatchOptions } from './fake-instance-moto.js';
import {
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  terminateAll,
  useMotoEnv,
  type Moto,
} from './moto.js';
import { freePort } from './sshd.js';

export interface MotoFleetSuite {
  /** Set once `beforeAll` ran: read them inside tests, not while the suite is collected. */
  readonly moto: Moto;
  readonly subnet: string;
  /** The port every fake instance listens on (the deployment's `ssh-port`). */
  readonly port: number;
  /** One client per region, made on first use and destroyed after the suite. */
  readonly ec2: (region: string) => EC2Client;
  /** Starts the test's watcher on `port`; stopped after the test. */
  readonly watch: (o?: Omit<WatchOptions, 'port'>) => MotoWatcher;
  /** A scratch directory, removed after the suite. */
  readonly tmp: (prefix: string) => string;
}

export function motoFleetSuite(o: {
  readonly region: string;
  /** The VPC's and the subnet's loopback blocks, distinct per suite (suites run in parallel). */
  readonly vpcCidr: string;
  readonly subnetCidr: string;
  /** Points the AWS SDK's environment at moto for the suite (code that makes its own clients). */
  readonly env?: boolean;
}): MotoFleetSuite {
  let moto: Moto | undefined;
  let subnet = '';
  let port = 0;
  let watcher: MotoWatcher | undefined;
  let restoreEnv: () => void = () => undefined;
  const clients = new Map<string, EC2Client>();
  const scratch: string[] = [];
  const started = (): Moto => {
    if (moto === undefined)
      throw new Error('motoFleetSuite: moto is not started (read it in a test)');
    return moto;
  };
  const ec2 = (region: string) => {
    let c = clients.get(region);
    if (!c) clients.set(region, (c = started().client(region)));
    return c;
  };

  beforeAll(async () => {
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    if (o.env) restoreEnv = useMotoEnv(moto);
    subnet = await loopbackSubnet(moto, o.region, o.vpcCidr, o.subnetCidr);
    port = await freePort();
  }, 60_000);
  afterEach(async () => {
    await terminateAll(started(), o.region);
    await watcher?.stop();
    watcher = undefined;
  });
  afterAll(async () => {
    for (const c of clients.values()) c.destroy();
    restoreEnv();
    await moto?.stop();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });

  return {
    get moto() {
      return started();
    },
    get subnet() {
      return subnet;
    },
    get port() {
      return port;
    },
    ec2,
    watch: (w = {}) => (watcher = watchMoto(started(), o.region, { ...w, port })),
    tmp: (prefix) => {
      const d = mkdtempSync(join(tmpdir(), prefix));
      scratch.push(d);
      return d;
    },
  };
}
