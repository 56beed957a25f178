// `ports: 8080` through the built action (node dist/index.js) against moto, with fake instances
// (helpers/fake-instance.ts: a real sshd per loopback instance): the deployment's own security
// group holds exactly one 8080 rule from `ports-cidr` next to SSH's, the link is in the urls
// output, the step summary and the log; a redeploy with another port closes 8080 and opens it;
// destroy deletes the group. Nothing here is sent anywhere but 127.0.0.0/8.
import { DescribeSecurityGroupsCommand, type SecurityGroup } from '@aws-sdk/client-ec2';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';
import { actionEnv, actionFiles, readCommandFile, startAction } from '../helpers/action-run.js';
import {
  fakeFleetUnsupported,
  watchMoto,
  type MotoWatcher,
} from '../helpers/fake-instance-moto.js';
import { IMAGE_CATALOGUE, loopbackSubnet, startMoto, type Moto } from '../helpers/moto.js';
import { freePort } from '../helpers/sshd.js';

const REGION = 'eu-west-1';
const ID = 'fake-ports';
const unsupported = fakeFleetUnsupported('ports');
const userKey = generateEd25519('ports-user');

describe.skipIf(unsupported !== undefined)('ports: service ports on the managed group', () => {
  let moto: Moto;
  let subnet = '';
  let port = 0;
  let watcher: MotoWatcher | undefined;

  beforeAll(async () => {
    moto = await startMoto({ amis: IMAGE_CATALOGUE });
    subnet = await loopbackSubnet(moto, REGION, '127.3.0.0/16', '127.3.8.0/24');
    port = await freePort();
  }, 60_000);
  afterEach(async () => {
    await watcher?.stop();
    watcher = undefined;
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const inputs = (extra: Record<string, string>) => ({
    mode: 'deploy',
    'deployment-id': ID,
    regions: REGION,
    count: '1',
    'subnet-ids': subnet,
    'ssh-address': 'private-ip',
    'ssh-port': String(port),
    'ssh-cidr': '127.0.0.0/8',
    'bundle-path': 'examples/bundle',
    'ssh-private-key': userKey.privateKey,
    'launch-timeout': '30s',
    'ready-timeout': '30s',
    ...extra,
  });

  async function run(env: Record<string, string>) {
    const files = actionFiles();
    const r = await startAction(actionEnv(files, env, moto.env)).done;
    return {
      ...r,
      outputs: readCommandFile(files.output),
      summary: readFileSync(files.summary, 'utf8'),
    };
  }

  async function groups(): Promise<SecurityGroup[]> {
    const c = moto.client(REGION);
    try {
      const r = await c.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'tag:spot-deploy:deployment', Values: [ID] }],
        }),
      );
      return r.SecurityGroups ?? [];
    } finally {
      c.destroy();
    }
  }

  /** Every ingress rule of the deployment's one group, as `port cidr`, sorted. */
  async function rules(): Promise<string[]> {
    const gs = await groups();
    expect(gs).toHaveLength(1);
    return (gs[0]?.IpPermissions ?? [])
      .flatMap((p) =>
        (p.IpRanges ?? []).map((r) => `${p.IpProtocol} ${p.FromPort}-${p.ToPort} ${r.CidrIp}`),
      )
      .sort();
  }

  it('ports: 8080 → one rule from ports-cidr, the link out; another port → 8080 closed; destroy → group gone', async () => {
    watcher = watchMoto(moto, REGION, { port, maxMs: 3 * 60_000, maxInstances: 2 });

    const first = await run(inputs({ ports: '8080', 'ports-cidr': '198.51.100.0/24' }));
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(watcher.errors).toEqual([]);
    const instances = JSON.parse(first.outputs.instances ?? '[]') as Array<{ privateIp: string }>;
    const ip = instances[0]?.privateIp ?? '';
    expect(ip).toMatch(/^127\.3\.8\.\d+$/);
    expect(await rules()).toEqual([
      `tcp ${port}-${port} 127.0.0.0/8`,
      'tcp 8080-8080 198.51.100.0/24',
    ]);
    // ssh-address private-ip: the runner reaches the private IP, so the link uses it.
    expect(first.outputs.urls).toBe(`http://${ip}:8080`);
    expect(first.summary).toContain(`[http://${ip}:8080](http://${ip}:8080) |`);
    expect(first.stdout).toContain(`${REGION}: ports 8080 open to 198.51.100.0/24`);

    // The same deployment with 443 instead: 8080 is closed, 443 opened; the instance is adopted.
    const second = await run(inputs({ ports: '443', 'ports-cidr': '198.51.100.0/24' }));
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(await rules()).toEqual([
      `tcp ${port}-${port} 127.0.0.0/8`,
      'tcp 443-443 198.51.100.0/24',
    ]);
    expect(second.outputs.urls).toBe(`https://${ip}`);

    // Without ports: no service rule is left, and urls is empty.
    const third = await run(inputs({}));
    expect(third.code, third.stdout + third.stderr).toBe(0);
    expect(await rules()).toEqual([`tcp ${port}-${port} 127.0.0.0/8`]);
    expect(third.outputs.urls).toBe('');

    const gone = await run({ mode: 'destroy', 'deployment-id': ID, regions: REGION });
    expect(gone.code, gone.stdout + gone.stderr).toBe(0);
    expect(await groups()).toEqual([]);
  }, 180_000);
});
