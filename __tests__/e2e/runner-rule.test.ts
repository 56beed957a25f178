// `ssh-cidr: runner`, the default (issue 14, item 1, the acceptance's first line): the unmodified
// built action (`node dist/index.js`, and its post step through STATE_*) against moto behind the
// recording proxy (helpers/ec2-fault-proxy.ts), with a loopback IP-echo stub answering
// 203.0.113.9 as `runner-ip-lookup`, and fake instances (helpers/fake-instance-moto.ts).
//
// `ssh-address` is the default, public-ip: the proxy shows each instance's loopback private
// address as its public one (publicIpIsPrivate), so the runner's SSH reaches the fake instance.
// The deployment's security group is read from moto after each step, and the rule's timeline
// (Authorize / UpdateDescriptions / Revoke with their times) from the proxy's log.
import { DescribeSecurityGroupsCommand, ModifySubnetAttributeCommand } from '@aws-sdk/client-ec2';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/keys.js';
import { startStep, type StepResult } from '../helpers/action-run.js';
import {
  startEc2FaultProxy,
  type Ec2Call,
  type Ec2FaultProxy,
} from '../helpers/ec2-fault-proxy.js';
import {
  fakeFleetUnsupported,
  watchMoto,
  type MotoWatcher,
  type WatchOptions,
} from '../helpers/fake-instance-moto.js';
import {
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  terminateAll,
  type Moto,
} from '../helpers/moto.js';
import { freePort } from '../helpers/sshd.js';
import { until } from '../helpers/until.js';

const REGION = 'eu-west-1';
const RUNNER_IP = '203.0.113.9';
const RUNNER_CIDR = `${RUNNER_IP}/32`;
const unsupported = fakeFleetUnsupported('runner-rule');
const userKey = generateEd25519('runner-rule-user');

/** The IP-echo stub: `/ip` answers the runner's address, `/garbage` a page, `/hang` never. */
async function startEcho(): Promise<{
  server: Server;
  url: (path: string) => string;
  hits: string[];
}> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/ip') res.end(`${RUNNER_IP}\n`);
    else if (req.url === '/garbage') res.end('<html>captive portal</html>');
    else if (req.url === '/hang')
      return; // never answers: the lookup's own bound ends it
    else {
      res.statusCode = 500;
      res.end('oops');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: (p) => `http://127.0.0.1:${port}${p}`, hits };
}

interface RuleEvent {
  readonly at: number;
  readonly action: string;
  readonly cidr: string;
  readonly port: string;
  readonly description: string;
}

/** The SSH rule calls in the proxy's log (one event per range). */
function ruleEvents(calls: readonly Ec2Call[], groupId?: string): RuleEvent[] {
  const actions = [
    'AuthorizeSecurityGroupIngress',
    'UpdateSecurityGroupRuleDescriptionsIngress',
    'RevokeSecurityGroupIngress',
  ];
  return calls
    .filter((c) => actions.includes(c.action) && c.outcome === 'forwarded')
    .filter((c) => groupId === undefined || c.params.get('GroupId') === groupId)
    .flatMap((c) => {
      const out: RuleEvent[] = [];
      for (let r = 1; c.params.has(`IpPermissions.1.IpRanges.${r}.CidrIp`); r++)
        out.push({
          at: c.at,
          action: c.action,
          cidr: c.params.get(`IpPermissions.1.IpRanges.${r}.CidrIp`) ?? '',
          port: c.params.get('IpPermissions.1.FromPort') ?? '',
          description: c.params.get(`IpPermissions.1.IpRanges.${r}.Description`) ?? '',
        });
      return out;
    });
}

describe.skipIf(unsupported !== undefined)(
  'ssh-cidr: runner (built action, moto, fake instances)',
  () => {
    let moto: Moto;
    let proxy: Ec2FaultProxy;
    let echo: Awaited<ReturnType<typeof startEcho>>;
    let subnet = '';
    let port = 0;
    /** Nothing listens there: a refused lookup. */
    let closedPort = 0;
    let watcher: MotoWatcher | undefined;
    const watchers: MotoWatcher[] = [];

    beforeAll(async () => {
      moto = await startMoto({ amis: IMAGE_CATALOGUE });
      proxy = await startEc2FaultProxy(moto.endpoint);
      echo = await startEcho();
      subnet = await loopbackSubnet(moto, REGION, '127.14.0.0/16', '127.14.9.0/24');
      const c = moto.client(REGION);
      try {
        // public-ip needs a subnet that hands out public addresses (checked before any launch).
        await c.send(
          new ModifySubnetAttributeCommand({
            SubnetId: subnet,
            MapPublicIpOnLaunch: { Value: true },
          }),
        );
      } finally {
        c.destroy();
      }
      port = await freePort();
      closedPort = await freePort();
    }, 60_000);
    afterEach(async () => {
      await terminateAll(moto, REGION);
      for (const w of watchers.splice(0)) await w.stop();
      watcher = undefined;
      proxy.reset();
      proxy.publicIpIsPrivate(true);
    });
    afterAll(async () => {
      await proxy?.stop();
      await moto?.stop();
      await new Promise<void>((r) => (echo ? echo.server.close(() => r()) : r()));
    });

    const watch = (o: Omit<WatchOptions, 'port'> = {}) => {
      watcher = watchMoto(moto, REGION, { port, maxMs: 3 * 60_000, maxInstances: 6, ...o });
      watchers.push(watcher);
      return watcher;
    };

    const inputs = (id: string, extra: Record<string, string> = {}) => ({
      mode: 'deploy',
      'deployment-id': id,
      regions: REGION,
      count: '1',
      'instance-types': 't3.small',
      'subnet-ids': subnet,
      'ssh-port': String(port),
      'runner-ip-lookup': echo.url('/ip'),
      'bundle-path': 'examples/bundle',
      'ssh-private-key': userKey.privateKey,
      'launch-timeout': '30s',
      'ready-timeout': '30s',
      'artifact-name': 'none',
      ...extra,
    });
    const awsEnv = () => ({ ...moto.env, AWS_ENDPOINT_URL_EC2: proxy.endpoint });

    type Run = StepResult;

    function start(env: Record<string, string>, state?: Record<string, string>, runId?: string) {
      const extra = { ...awsEnv(), ...(runId ? { GITHUB_RUN_ID: runId } : {}) };
      const s = startStep(env, { env: extra, state });
      return { files: s.files, main: s.main, done: s.result };
    }
    const run = (env: Record<string, string>, state?: Record<string, string>, runId?: string) =>
      start(env, state, runId).done();
    /** The post step after `main`, as the runner runs it (STATE_* from the main step). */
    const post = (main: Run) => run({}, main.state);

    /** The deployment's group and its ingress on ssh-port, read from moto. */
    async function sshIngress(id: string): Promise<{ groupId: string; cidrs: string[] }> {
      const c = moto.client(REGION);
      try {
        const r = await c.send(
          new DescribeSecurityGroupsCommand({
            Filters: [{ Name: 'group-name', Values: [`spot-deploy-${id}`] }],
          }),
        );
        const g = r.SecurityGroups?.[0];
        const cidrs = (g?.IpPermissions ?? [])
          .filter((p) => p.FromPort === port)
          .flatMap((p) => [
            ...(p.IpRanges ?? []).map((x) => x.CidrIp ?? ''),
            ...(p.Ipv6Ranges ?? []).map((x) => x.CidrIpv6 ?? ''),
          ]);
        return { groupId: g?.GroupId ?? '', cidrs };
      } finally {
        c.destroy();
      }
    }

    async function destroy(id: string): Promise<void> {
      const r = await run({ mode: 'destroy', 'deployment-id': id, regions: REGION });
      expect(r.code, r.log).toBe(0);
    }

    /** The rule's events for `groupId`, each inside [main.start, post.end], and its revoke after main. */
    function checkTimeline(groupId: string, main: Run, p: Run, owner: string): RuleEvent[] {
      const events = ruleEvents(proxy.calls, groupId);
      const added = events.filter((e) => e.action !== 'RevokeSecurityGroupIngress');
      const revoked = events.filter((e) => e.action === 'RevokeSecurityGroupIngress');
      expect(added.length, JSON.stringify(events)).toBeGreaterThanOrEqual(1);
      for (const e of events) {
        expect(e.cidr).toBe(RUNNER_CIDR);
        expect(e.port).toBe(String(port));
      }
      for (const e of added) {
        expect(e.at).toBeGreaterThanOrEqual(main.start);
        expect(e.at).toBeLessThanOrEqual(main.end);
        expect(e.description).toMatch(new RegExp(`^spot-deploy runner ${owner} at=\\S+Z$`));
      }
      expect(revoked).toHaveLength(1);
      expect(revoked[0]?.at).toBeGreaterThanOrEqual(p.start);
      expect(revoked[0]?.at).toBeLessThanOrEqual(p.end);
      return events;
    }

    const timeline = (events: readonly RuleEvent[], main: Run, p: Run) =>
      [
        `main step  ${new Date(main.start).toISOString()} → ${new Date(main.end).toISOString()}`,
        ...events.map(
          (e) =>
            `${new Date(e.at).toISOString()}  ${e.action} tcp/${e.port} ${e.cidr}${e.description ? `  "${e.description}"` : ''}`,
        ),
        `post step  ${new Date(p.start).toISOString()} → ${new Date(p.end).toISOString()}`,
      ].join('\n');

    it('a successful deploy: the group holds only 203.0.113.9/32 on ssh-port while the run lives; the post step removes it', async () => {
      proxy.publicIpIsPrivate(true);
      watch();
      const main = await run(inputs('rr-ok'), undefined, '5101');
      expect(main.code, main.log).toBe(0);
      expect(main.log).toContain(`ssh-cidr runner: this runner's address is ${RUNNER_IP}`);
      const during = await sshIngress('rr-ok');
      expect(during.cidrs).toEqual([RUNNER_CIDR]);
      expect(JSON.parse(main.state.runnerRules ?? '[]')).toEqual([
        { region: REGION, groupId: during.groupId, cidr: RUNNER_CIDR, port, owner: 'run=5101/1' },
      ]);
      expect(echo.hits).toContain('/ip');
      const p = await post(main);
      expect(p.code, p.log).toBe(0);
      expect((await sshIngress('rr-ok')).cidrs).toEqual([]);
      const events = checkTimeline(during.groupId, main, p, 'run=5101/1');
      console.log(
        `ssh-cidr runner: the SG rule timeline of one run (proxy log)\n${timeline(events, main, p)}`,
      );
      await destroy('rr-ok');
    }, 120_000);

    it('a deploy that fails: the post step terminates its instance and removes the rule', async () => {
      proxy.publicIpIsPrivate(true);
      watch({ failures: { 0: 'setup-fails' } });
      const main = await run(inputs('rr-fail'), undefined, '5102');
      expect(main.code, main.log).toBe(1);
      // It failed on the instance, over SSH: the runner's rule let it in.
      expect(main.log).toContain('failed at setup');
      const during = await sshIngress('rr-fail');
      expect(during.cidrs).toEqual([RUNNER_CIDR]);
      const p = await post(main);
      expect(p.code, p.log).toBe(0);
      expect((await sshIngress('rr-fail')).cidrs).toEqual([]);
      checkTimeline(during.groupId, main, p, 'run=5102/1');
    }, 120_000);

    it('a main step killed with SIGKILL right after the rule was added: the post step removes it', async () => {
      proxy.publicIpIsPrivate(true);
      watch();
      const s = start(inputs('rr-kill'), undefined, '5103');
      const added = await until(
        () => readFileSync(s.files.state, 'utf8').includes('runnerRules'),
        60_000,
      );
      expect(added, 'the main step never saved its rule').toBe(true);
      s.main.kill('SIGKILL');
      const main = await s.done();
      expect(main.signal).toBe('SIGKILL');
      expect(main.state.succeeded).toBeUndefined();
      const during = await sshIngress('rr-kill');
      expect(during.cidrs).toEqual([RUNNER_CIDR]);
      const p = await post(main);
      expect(p.code, p.log).toBe(0);
      expect((await sshIngress('rr-kill')).cidrs).toEqual([]);
      checkTimeline(during.groupId, main, p, 'run=5103/1');
    }, 120_000);

    it('two deployments at once from one address: each run gets and removes its own rule', async () => {
      proxy.publicIpIsPrivate(true);
      watch();
      const a = start(inputs('rr-two-a'), undefined, '5201');
      const b = start(inputs('rr-two-b'), undefined, '5202');
      const [ma, mb] = await Promise.all([a.done(), b.done()]);
      expect(ma.code, ma.log).toBe(0);
      expect(mb.code, mb.log).toBe(0);
      const [ga, gb] = [await sshIngress('rr-two-a'), await sshIngress('rr-two-b')];
      expect([ga.cidrs, gb.cidrs]).toEqual([[RUNNER_CIDR], [RUNNER_CIDR]]);
      const pa = await post(ma);
      expect(pa.code, pa.log).toBe(0);
      // a's post step removed a's rule only.
      expect([(await sshIngress('rr-two-a')).cidrs, (await sshIngress('rr-two-b')).cidrs]).toEqual([
        [],
        [RUNNER_CIDR],
      ]);
      const pb = await post(mb);
      expect(pb.code, pb.log).toBe(0);
      expect((await sshIngress('rr-two-b')).cidrs).toEqual([]);
      checkTimeline(ga.groupId, ma, pa, 'run=5201/1');
      checkTimeline(gb.groupId, mb, pb, 'run=5202/1');
      await destroy('rr-two-a');
      await destroy('rr-two-b');
    }, 180_000);

    it('two runs of the same deployment: the second waits for the lock and takes the rule over; each post step removes only its own', async () => {
      proxy.publicIpIsPrivate(true);
      watch();
      const first = start(inputs('rr-same'), undefined, '5301');
      // The second starts once the first holds the lock: it waits for it.
      await until(() => readFileSync(first.files.state, 'utf8').includes('lock'), 60_000);
      const second = start(inputs('rr-same'), undefined, '5302');
      const [m1, m2] = await Promise.all([first.done(), second.done()]);
      expect(m1.code, m1.log).toBe(0);
      expect(m2.code, m2.log).toBe(0);
      expect(m2.log).toContain('taken over from another run at the same address');
      const g = await sshIngress('rr-same');
      expect(g.cidrs).toEqual([RUNNER_CIDR]);
      // The first run's post step: the rule names the second run now, so it stays.
      const p1 = await post(m1);
      expect(p1.code, p1.log).toBe(0);
      expect(p1.log).toContain('taken over by another run');
      expect((await sshIngress('rr-same')).cidrs).toEqual([RUNNER_CIDR]);
      const p2 = await post(m2);
      expect(p2.code, p2.log).toBe(0);
      expect((await sshIngress('rr-same')).cidrs).toEqual([]);
      const events = ruleEvents(proxy.calls, g.groupId);
      expect(events.map((e) => [e.action, e.description.split(' at=')[0]])).toEqual([
        ['AuthorizeSecurityGroupIngress', 'spot-deploy runner run=5301/1'],
        ['AuthorizeSecurityGroupIngress', 'spot-deploy runner run=5302/1'],
        ['UpdateSecurityGroupRuleDescriptionsIngress', 'spot-deploy runner run=5302/1'],
        ['RevokeSecurityGroupIngress', ''],
      ]);
      await destroy('rr-same');
    }, 240_000);

    it.each([
      ['refused', () => `http://127.0.0.1:${closedPort}/ip`, /\/ip: .*ECONNREFUSED/],
      ['times out', () => echo.url('/hang'), /no answer within 5 s/],
      ['answers garbage', () => echo.url('/garbage'), /answered '<html>captive portal<\/html>'/],
    ])(
      'a lookup that %s fails before any AWS call, naming runner-ip-lookup',
      async (_name, url, why) => {
        proxy.publicIpIsPrivate(true);
        const before = proxy.calls.length;
        const main = await run(inputs('rr-lookup', { 'runner-ip-lookup': url() }));
        expect(main.code).toBe(1);
        expect(main.log).toContain("Input 'runner-ip-lookup'");
        expect(main.log).toMatch(why);
        expect(proxy.calls.length - before).toBe(0);
        expect(main.state.runnerRules).toBeUndefined();
        expect(main.state.mode).toBeUndefined();
      },
      30_000,
    );
  },
);
