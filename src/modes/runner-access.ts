/*
 * `ssh-cidr: runner` in the modes that SSH (deploy, rollback, reconcile): learn the runner's
 * address before any AWS call, open TCP `ssh-port` from it on the deployment's own group for this
 * run (saved in state at once), and the post step's revoke.
 */
import { hostname } from 'node:os';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { classify, errorCode } from '../aws/aws-errors.js';
import { authorizeRunnerRule, revokeRunnerRule, type RunnerRule } from '../aws/runner-access.js';
import { runnerRuleOwner } from '../aws/runner-rule.js';
import { findDeploymentGroups } from '../aws/security-group.js';
import type { VisibilityOptions } from '../aws/visibility.js';
import { errorMessage } from '../errors.js';
import type { Plan, RunContext } from '../inputs/plan.js';
import type { Inputs } from '../inputs/types.js';
import type { Sink } from '../report/sink.js';
import { realClock, type Clock } from '../time.js';
import { lookupRunnerIp, type Fetch } from './runner-ip.js';
import { parseJson, STATE, type StateStore } from './state.js';

/** This run's address and name for its rule; undefined when the run adds no per-run rule. */
export interface RunnerAccess {
  readonly cidr: string;
  readonly owner: string;
}

export interface AccessDeps {
  readonly sink: Sink;
  readonly ec2: (region: string) => EC2Client;
  readonly state?: StateStore | undefined;
  readonly now?: Clock | undefined;
}

/** Node's own fetch: no proxy, loopback stubs in tests through `runner-ip-lookup`. */
const globalFetch: Fetch = (url, init) => fetch(url, init);

/**
 * The runner's /32 when `ssh-cidr` lists `runner` and the runner reaches the instances over the
 * internet; undefined otherwise (explicit CIDRs only, or `ssh-address: private-ip`, where the VPC's
 * blocks are a static rule). Throws InputError naming `runner-ip-lookup` when no URL answers.
 */
export async function resolveRunnerAccess(
  inputs: Inputs,
  ctx: RunContext,
  sink: Sink,
  fetchFn: Fetch = globalFetch,
): Promise<RunnerAccess | undefined> {
  if (!inputs.sshRunner || inputs.sshAddress === 'private-ip') return undefined;
  if (inputs.securityGroupIds.length > 0) {
    sink.info(
      `ssh-cidr runner: security-group-ids are used as they are, never modified; they must allow TCP ${inputs.sshPort} from this runner (see the README, "Security model").`,
    );
    return undefined;
  }
  const ip = await lookupRunnerIp(inputs.runnerIpLookup, { fetch: fetchFn });
  sink.info(`ssh-cidr runner: this runner's address is ${ip}`);
  return { cidr: `${ip}/32`, owner: runnerRuleOwner(ctx, { pid: process.pid, host: hostname() }) };
}

/** Authorises this run's rule on one group and saves it for the post step right away. */
export async function openOnGroup(
  access: RunnerAccess,
  region: string,
  groupId: string,
  port: number,
  deps: AccessDeps,
  fresh?: VisibilityOptions,
): Promise<void> {
  const rule: RunnerRule = { region, groupId, cidr: access.cidr, port, owner: access.owner };
  const how = await authorizeRunnerRule(deps.ec2(region), rule, (deps.now ?? realClock)(), fresh);
  if (how === 'static') {
    // ssh-cidr lists this very address: the deploy's own rule, not this run's to revoke.
    deps.sink.info(
      `${region}: TCP ${port} from ${access.cidr} (this runner) is already allowed in ${groupId} by ssh-cidr; no runner rule added.`,
    );
    return;
  }
  if (deps.state) recordRunnerRule(deps.state, rule);
  deps.sink.info(
    `${region}: TCP ${port} from ${access.cidr} (this runner, ${access.owner}) ${how === 'added' ? 'allowed' : 'taken over from another run at the same address'} in ${groupId} until the post step`,
  );
}

/**
 * The deployment's groups in one region, found by name, each opened to this run. No group there
 * (nothing deployed, or an older run's given groups) is logged and skipped.
 */
export async function openByName(
  plan: Plan,
  region: string,
  access: RunnerAccess,
  deps: AccessDeps,
) {
  const name = plan.names.securityGroup;
  const groups = await findDeploymentGroups(deps.ec2(region), region, name, plan.deploymentId);
  if (groups.length === 0)
    deps.sink.info(
      `${region}: no security group ${name} of this deployment: no runner rule added.`,
    );
  for (const g of groups)
    await openOnGroup(access, region, g.GroupId ?? '', plan.inputs.sshPort, deps);
}

/** Rollback and reconcile: every region of the plan, before the first SSH connection. */
export async function openEverywhere(
  plan: Plan,
  access: RunnerAccess | undefined,
  deps: AccessDeps,
) {
  if (access === undefined) return;
  for (const { region } of plan.regions) await openByName(plan, region, access, deps);
}

/**
 * Adds a per-run SSH rule this run authorised (or took over) and saves the list again at once
 * (state key `runnerRules`; state.ts codes the rest of what main hands to post).
 */
export function recordRunnerRule(state: StateStore, rule: RunnerRule): void {
  const all = readRunnerRules(state).filter(
    (r) => !(r.region === rule.region && r.groupId === rule.groupId && r.cidr === rule.cidr),
  );
  const { region, groupId, cidr, port, owner } = rule;
  state.save(STATE.runnerRules, JSON.stringify([...all, { region, groupId, cidr, port, owner }]));
}

/** The per-run SSH rules saved; unreadable entries are left out. */
export function readRunnerRules(state: StateStore): RunnerRule[] {
  const v = parseJson(state.get(STATE.runnerRules));
  if (!Array.isArray(v)) return [];
  return v.flatMap((x: unknown) => {
    const { region, groupId, cidr, port, owner } = (x ?? {}) as Record<string, unknown>;
    const ok = [region, groupId, cidr, owner].every((f) => typeof f === 'string' && f !== '');
    return ok && typeof port === 'number'
      ? [{ region, groupId, cidr, port, owner } as RunnerRule]
      : [];
  });
}

export interface RevokeReport {
  /** One line per rule that could not be revoked. */
  readonly problems: string[];
  /** Those rules (still in state), so the error can say how to remove each by hand. */
  readonly failed: RunnerRule[];
  /** The credentials' error code when EC2 refused them, and the rules left. */
  readonly refused?: {
    readonly code: string;
    readonly region: string;
    readonly left: RunnerRule[];
  };
}

const describe = (r: RunnerRule) =>
  `${r.region}: TCP ${r.port} from ${r.cidr} in security group ${r.groupId} (this runner's rule)`;

/**
 * The post step's first act, whatever the cleanup policy and however the main step ended: every
 * saved runner rule revoked when it still names this run. Never throws: the caller reports.
 */
export async function revokeSavedRules(
  state: StateStore,
  ec2: (region: string) => EC2Client,
  sink: Sink,
): Promise<RevokeReport> {
  const rules = readRunnerRules(state);
  const problems: string[] = [];
  const failed: RunnerRule[] = [];
  // Nothing saved: nothing written either (a post step's state file may not even exist).
  if (rules.length === 0) return { problems, failed };
  // Saved back without the rules that are done: a second post step (CLI signal) skips them.
  const remaining: RunnerRule[] = [];
  const say = (m: string) => sink.info(`spot-deploy post: ${m}`);
  for (const [n, rule] of rules.entries()) {
    const where = `${rule.region}: ${rule.cidr} on TCP ${rule.port}`;
    try {
      const r = await revokeRunnerRule(ec2(rule.region), rule);
      if (r.kind === 'revoked') say(`${where}: removed from ${rule.groupId} (this runner's rule).`);
      else if (r.kind === 'gone') say(`${where}: already gone from ${rule.groupId}.`);
      else
        say(
          `${where} in ${rule.groupId}: taken over by another run (${r.by}); that run removes it.`,
        );
    } catch (e) {
      remaining.push(rule);
      const code = errorCode(e);
      if (classify(code) === 'credentials') {
        const left = [...remaining, ...rules.slice(n + 1)];
        state.save(STATE.runnerRules, JSON.stringify(left));
        return { problems, failed, refused: { code, region: rule.region, left } };
      }
      failed.push(rule);
      problems.push(`${describe(rule)}: ${errorMessage(e)}`);
    }
  }
  state.save(STATE.runnerRules, JSON.stringify(remaining));
  return { problems, failed };
}

/** How to remove a runner rule by hand (the next deploy and the janitor do after 6 h). */
export function revokeCommand(r: RunnerRule): string {
  return `aws ec2 revoke-security-group-ingress --region ${r.region} --group-id ${r.groupId} --protocol tcp --port ${r.port} --cidr ${r.cidr}`;
}

export { describe as describeRunnerRule };
