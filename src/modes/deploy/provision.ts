import type { EC2Client } from '@aws-sdk/client-ec2';
import { realClock, type Clock, type Sleep } from '../../time.js';
import { provisionFleet } from '../../aws/fleet-regions.js';
import { findInstances, terminateInstances } from '../../aws/instances.js';
import { inspectRegion, prepareRegion, regionSpec } from '../../aws/region.js';
import { syncRegionGroup } from '../../aws/region-group.js';
import { KEEP_NEWEST, pruneTemplateVersions } from '../../aws/template-versions.js';
import { TAG, type InstanceInfo, type LaunchError, type RegionResources } from '../../aws/types.js';
import { waitRunning } from '../../aws/wait.js';
import type { Plan } from '../../inputs/plan.js';
import type { Sink } from '../../report/sink.js';
import { recordCreated, recordIds, STATE, type StateStore } from '../state.js';
import { openByName, openOnGroup, type RunnerAccess } from '../runner-access.js';
import { chooseAdopted, keyFingerprint, launchCounts } from './adopt.js';

export interface ProvisionDeps {
  readonly sink: Sink;
  readonly state: StateStore;
  readonly ec2: (region: string) => EC2Client;
  readonly sleep?: Sleep;
  readonly now?: Clock;
  /** `ssh-cidr: runner`: this run's address, allowed on the group before any launch. */
  readonly access?: RunnerAccess | undefined;
  /** Leave the security group's service-port rules alone (mode reconcile; see regionSpec). */
  readonly keepPorts?: boolean;
}

export interface Provisioned {
  /** Running with an address: ready for delivery. */
  readonly running: ReadonlyArray<{ info: InstanceInfo; adopted: boolean; runningMs: number }>;
  /** Launched or adopted but never running with an address. */
  readonly lost: ReadonlyArray<{ info: InstanceInfo; adopted: boolean; reason: string }>;
  readonly launchErrors: readonly LaunchError[];
  /** Instances asked for but not launched anywhere. */
  readonly shortfall: number;
}

/**
 * Converges the deployment's fleet: adopts its running instances, terminates any beyond `count`,
 * launches the missing ones (saving their ids before anything else happens), and waits until
 * every instance runs with an address.
 */
export async function provision(
  plan: Plan,
  keys: {
    readonly clientPublicKey: string;
    readonly hostPublicKey: string;
    /** More tags for the launched instances (the release tags, aws/release-tags.ts). */
    readonly instanceTags?: Readonly<Record<string, string>>;
  },
  userData: Buffer,
  deps: ProvisionDeps,
): Promise<Provisioned> {
  const i = plan.inputs;
  const { sink } = deps;
  const clock = deps.now ?? realClock;
  const now = () => clock().getTime();
  const t0 = now();
  const regions = plan.regions.map((r) => r.region);

  const found = (
    await Promise.all(
      regions.map((r) => findInstances(deps.ec2(r), r, { deploymentId: plan.deploymentId })),
    )
  ).flat();
  const adoption = chooseAdopted(found, i.count, plan.deploymentId, i.sshPrivateKey);
  for (const x of adoption.ignored)
    sink.warning(`${x.id} (${x.region}) of this deployment is ${x.state}: left alone.`);
  if (adoption.kept.length > 0)
    sink.info(
      `adopting ${adoption.kept.length} running instance(s): ${adoption.kept.map((x) => x.id).join(', ')}`,
    );
  for (const r of regions) {
    const extra = adoption.surplus.filter((x) => x.region === r).map((x) => x.id);
    if (extra.length === 0) continue;
    sink.info(
      `${r}: terminating ${extra.length} instance(s) beyond count ${i.count}: ${extra.join(', ')}`,
    );
    await terminateInstances(deps.ec2(r), r, extra, { wait: false });
  }

  const counts = launchCounts(plan.regions, adoption.kept, i.count);
  const needed = counts.reduce((n, r) => n + r.count, 0);
  // This run's SSH rule: on the groups just ensured (a new one may not be visible yet), and by
  // name where instances are only adopted. Before any launch, so the post step always sees it.
  const openRunner = async (
    ready: ReadonlyArray<{ region: string; resources: RegionResources }>,
  ) => {
    const access = deps.access;
    if (access === undefined) return;
    const visibility = { ...(deps.sleep ? { sleep: deps.sleep } : {}), now };
    for (const r of regions) {
      const p = ready.find((x) => x.region === r);
      if (p === undefined) {
        if (adoption.kept.some((x) => x.region === r)) await openByName(plan, r, access, deps);
        continue;
      }
      const fresh = p.resources.created?.some((c) => c.kind === 'security group');
      for (const g of p.resources.securityGroupIds)
        await openOnGroup(
          access,
          r,
          g,
          i.sshPort,
          { ...deps, now: clock },
          fresh ? visibility : undefined,
        );
    }
  };
  if (needed === 0) await openRunner([]);
  let launched: InstanceInfo[] = [];
  let launchErrors: LaunchError[] = [];
  let shortfall = 0;
  if (needed > 0) {
    const instanceTags = {
      ...plan.tags,
      ...keys.instanceTags,
      [TAG.hostKey]: keys.hostPublicKey.split(/\s+/).slice(0, 2).join(' '),
      [TAG.clientKey]: keyFingerprint(keys.clientPublicKey),
    };
    const prepared: Array<{
      region: string;
      client: EC2Client;
      resources: RegionResources;
      count: number;
    }> = [];
    const spec = regionSpec(plan, userData, instanceTags, { keepPorts: deps.keepPorts === true });
    const log = (m: string) => sink.info(m);
    // Every region's read-only checks first: a bad input in the last region must not leave
    // groups and templates behind in the first ones.
    const inspected = [];
    for (const r of counts)
      inspected.push(await inspectRegion(deps.ec2(r.region), r.region, spec, log));
    const visibility = { ...(deps.sleep ? { sleep: deps.sleep } : {}), now };
    for (const [k, r] of counts.entries()) {
      const client = deps.ec2(r.region);
      const resources = await prepareRegion(client, r.region, spec, log, {
        inspected: inspected[k],
        visibility,
      });
      recordCreated(deps.state, r.region, resources.created ?? []);
      prepared.push({ region: r.region, client, resources, count: r.count });
    }
    await openRunner(prepared);
    const fleet = await provisionFleet(prepared, {
      instanceTypes: i.instanceTypes,
      ...(i.maxPrice === undefined ? {} : { maxPrice: i.maxPrice }),
      onDemandFallback: i.onDemandFallback,
      // Instances still running: a quota everywhere is a shortfall for min-ready, not a failure.
      quotaIsFatal: adoption.kept.length === 0,
      tags: instanceTags,
      // Saved before any waiting: the post step terminates these if the run dies from here on.
      onLaunched: (xs) => {
        for (const r of new Set(xs.map((x) => x.region)))
          recordIds(
            deps.state,
            STATE.launched,
            r,
            xs.filter((x) => x.region === r).map((x) => x.id),
          );
      },
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      now,
      log: (m) => sink.info(m),
    });
    // The launch is done: older template versions (each with an old host key) can go.
    for (const p of prepared) {
      const lt = p.resources.launchTemplate;
      // A run with two versions (CPU credits split) keeps two runs' worth: its own and the last.
      const mine = [lt.version, ...(lt.burstableVersion ? [lt.burstableVersion] : [])];
      const pruned = await pruneTemplateVersions(
        p.client,
        p.region,
        lt.id,
        mine,
        KEEP_NEWEST * mine.length,
      );
      if (pruned.deleted.length > 0)
        sink.info(
          `${p.region}: deleted ${pruned.deleted.length} old version(s) of launch template ${lt.id}`,
        );
      for (const w of pruned.warnings) sink.warning(w);
    }
    launched = fleet.instances;
    launchErrors = fleet.errors;
    shortfall = fleet.shortfall;
    if (shortfall > 0) sink.warning(`${shortfall} of ${needed} instance(s) could not be launched.`);
  } else {
    // Nothing to launch, so no prepareRegion: the groups of the regions still running instances
    // follow this run's inputs all the same (a port taken out of `ports` closes now).
    const spec = regionSpec(plan, userData, {}, { keepPorts: deps.keepPorts === true });
    const visibility = { ...(deps.sleep ? { sleep: deps.sleep } : {}), now };
    for (const r of regions.filter((x) => adoption.kept.some((k) => k.region === x)))
      await syncRegionGroup(deps.ec2(r), r, spec, (m) => sink.info(m), visibility);
  }

  const all = [
    ...adoption.kept.map((info) => ({ info, adopted: true })),
    ...launched.map((info) => ({ info, adopted: false })),
  ];
  const running: Array<{ info: InstanceInfo; adopted: boolean; runningMs: number }> = [];
  const lost: Array<{ info: InstanceInfo; adopted: boolean; reason: string }> = [];
  await Promise.all(
    regions.map(async (r) => {
      const here = all.filter((x) => x.info.region === r);
      if (here.length === 0) return;
      const waited = await waitRunning(
        deps.ec2(r),
        r,
        here.map((x) => x.info.id),
        {
          timeoutMs: i.launchTimeoutSeconds * 1000,
          address: i.sshAddress,
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
          log: (m: string) => sink.info(m),
        },
      );
      for (const w of waited) {
        const x = here.find((h) => h.info.id === w.id);
        if (!x) continue;
        if (w.ok)
          running.push({
            info: { ...x.info, ...w.info },
            adopted: x.adopted,
            runningMs: now() - t0,
          });
        else lost.push({ ...x, reason: w.reason });
      }
    }),
  );
  return { running, lost, launchErrors, shortfall };
}
