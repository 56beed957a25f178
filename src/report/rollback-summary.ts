import { formatDuration } from '../time.js';
import { failureBlocks, SUMMARY_BUDGET } from './deploy-summary.js';
import { cell, html } from './markdown.js';
import type { InstanceResult } from './results.js';

/** A release in a table: its first 12 hex digits, like git's short hashes; '?' when unknown. */
export function shortSha(sha: string | undefined): string {
  return sha === undefined ? '?' : `\`${sha.slice(0, 12)}\``;
}

const secs = (ms: number | undefined): string => (ms === undefined ? '–' : formatDuration(ms));

function row(r: InstanceResult): string {
  const status = r.status === 'ready' ? '✅ rolled back' : `❌ failed: ${cell(r.step ?? '?')}`;
  const same = r.sha256Before !== undefined && r.sha256Before === r.sha256After;
  const release = `${shortSha(r.sha256Before)} → ${shortSha(r.sha256After)}${same ? ' (unchanged)' : ''}`;
  return `| ${status} | \`${r.id}\` | ${cell(r.region)} / ${cell(r.availabilityZone ?? '–')} | ${cell(r.publicIp ?? r.privateIp ?? '–')} | ${release} | ${secs(r.timings.sshReadyMs)} | ${secs(r.timings.activeMs)} |`;
}

export interface RollbackSummaryData {
  readonly deploymentId: string;
  readonly instances: readonly InstanceResult[];
  /** `rollback-to`; undefined: each instance's previous ready release. */
  readonly rollbackTo: string | undefined;
  readonly verdictLine: string;
  /** The instances' new `expires-at` (undefined: no time limit). */
  readonly expiresAt: string | undefined;
  readonly runUrl?: string | undefined;
}

/** The step summary of `mode: rollback`: one row per instance with its release before → after. */
export function renderRollbackSummary(d: RollbackSummaryData): string {
  const ready = d.instances.filter((r) => r.status === 'ready').length;
  const ok = ready === d.instances.length;
  const head = [
    `## ${ok ? '✅' : '❌'} spot-deploy rollback \`${d.deploymentId}\`: ${ready} of ${d.instances.length} rolled back`,
    '',
    html((d.verdictLine.split('\n')[0] ?? '').replace(/:$/, '.')),
    '',
    '| status | instance | region / AZ | address | release (sha256) before → after | ssh ready | done |',
    '|---|---|---|---|---|---|---|',
    ...d.instances.map(row),
    '',
    '| | |',
    '|---|---|',
    `| target | ${d.rollbackTo === undefined ? "each instance's previous ready release" : `rollback-to \`${d.rollbackTo}\``} |`,
    `| expiry | ${d.expiresAt === undefined ? 'no time limit (ttl-minutes 0)' : `re-armed: instances expire at ${d.expiresAt}`} |`,
    ...(d.runUrl === undefined ? [] : [`| run | [workflow run](${d.runUrl}) |`]),
    '',
  ].join('\n');
  const left = SUMMARY_BUDGET - Buffer.byteLength(head);
  return [head, ...failureBlocks(d.instances, left), ''].join('\n');
}
