import { USER_DATA_LIMIT } from '../cloud-init/render.js';
import type { Plan } from '../inputs/plan.js';
import { formatDuration } from '../time.js';
import { cell, formatBytes, html, percent } from './markdown.js';
import type { LaunchError } from '../aws/types.js';
import { batchTable, stopMessage, type BatchRecord, type RolloutStop } from './batches.js';
import type { RenderedFiles } from './outputs.js';
import type { InstanceResult } from './results.js';
import { linksCell, type ServiceLinks } from './service-urls.js';

/** GitHub shows at most 1 MiB of summary per step; failures' details share what the table leaves. */
export const SUMMARY_BUDGET = 900 * 1024;

const secs = (ms: number | undefined): string => (ms === undefined ? '–' : formatDuration(ms));

/** Hourly cost at the prices paid: known spot prices summed, the rest counted as unknown. */
export function hourlyCost(results: readonly InstanceResult[]): { usd: number; unknown: number } {
  let usd = 0;
  let unknown = 0;
  for (const r of results) {
    const p = r.spotPrice === undefined ? NaN : Number(r.spotPrice);
    if (Number.isFinite(p)) usd += p;
    else unknown++;
  }
  return { usd, unknown };
}

/** ", rolled back to `<sha12>`" for an instance whose agent put the previous release back. */
function rolledBack(r: InstanceResult): string {
  return r.rolledBackTo === undefined
    ? ''
    : `, rolled back to \`${cell(r.rolledBackTo.slice(0, 12))}\``;
}

function row(r: InstanceResult, links: ServiceLinks): string {
  const status =
    r.status === 'ready'
      ? `✅ ready${r.note === undefined ? '' : ` (${cell(r.note)})`}`
      : r.status === 'skipped'
        ? `⏭️ skipped (batch ${r.batch?.number ?? '?'})`
        : `❌ failed: ${cell(r.step ?? '?')}${rolledBack(r)}`;
  return `| ${status} | \`${r.id}\`${r.adopted ? ' (adopted)' : ''} | ${cell(r.region)} / ${cell(r.availabilityZone ?? '–')} | ${cell(r.instanceType)} | ${r.lifecycle} | ${r.spotPrice ? `$${cell(r.spotPrice)}` : '–'} | ${cell(r.publicIp ?? r.privateIp ?? '–')} | ${secs(r.timings.runningMs)} | ${secs(r.timings.sshReadyMs)} | ${secs(r.timings.uploadedMs)} | ${secs(r.timings.activeMs)} |${links.ports.length > 0 ? ` ${linksCell(r, links)} |` : ''}`;
}

/** A collapsible block per failed instance with its error and diagnostics, within `budget` bytes. */
export function failureBlocks(results: readonly InstanceResult[], budget: number): string[] {
  const failed = results.filter((r) => r.status === 'failed');
  const each = Math.max(200, Math.floor(budget / Math.max(1, failed.length)) - 200);
  return failed.map((r) => {
    let text = [r.error ?? '', r.diagnostics ?? ''].filter(Boolean).join('\n\n');
    if (text.length > each) text = `${text.slice(0, each)}\n[truncated]`;
    return [
      `<details><summary>${html(r.id)} (${html(r.region)}): failed at ${html(r.step ?? '?')}${r.rolledBackTo === undefined ? '' : `, rolled back to ${html(r.rolledBackTo.slice(0, 12))}`}</summary>`,
      '',
      `<pre>${html(text)}</pre>`,
      '',
      '</details>',
    ].join('\n');
  });
}

/** The step summary of a deploy: one row per instance, totals, sizes, and each failure's detail. */
export function renderDeploySummary(
  plan: Plan,
  p: RenderedFiles,
  results: readonly InstanceResult[],
  fleet: {
    readonly launchErrors: readonly LaunchError[];
    readonly shortfall: number;
    /** The delivery batches; a table is shown only for more than one. */
    readonly batches?: readonly BatchRecord[];
    /** Set when a rolling redeploy stopped on failures. */
    readonly stop?: RolloutStop | undefined;
  },
  verdictLine: string,
  links: { run?: string; artifact?: string } = {},
): string {
  const ready = results.filter((r) => r.status === 'ready').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.length - ready - failed;
  const ok = ready >= plan.inputs.minReady && fleet.stop === undefined;
  const asked = results.length + fleet.shortfall;
  // What the fleet costs from now on: the ready instances (failed ones this run launched are terminated).
  const cost = hourlyCost(results.filter((r) => r.status === 'ready'));
  const spot = results.filter((r) => r.lifecycle === 'spot').length;
  // A links column only when `ports` opened something: the table stays as it was without.
  const services = { ports: plan.inputs.ports, sshAddress: plan.inputs.sshAddress };
  const linked = services.ports.length > 0;
  const launch = fleet.launchErrors.map(
    (e) =>
      `| ${cell(e.region)} | ${e.lifecycle} | ${cell(e.instanceType ?? '–')} | ${cell(e.availabilityZone ?? e.subnetId ?? '–')} | ${cell(e.code)} | ${cell(e.message)} |`,
  );
  const head = [
    `## ${ok ? '✅' : '❌'} spot-deploy \`${plan.deploymentId}\`: ${ready} of ${asked} ready`,
    '',
    html((verdictLine.split('\n')[0] ?? '').replace(/:$/, '.')),
    '',
    ...(fleet.stop ? [`${html(stopMessage(fleet.stop))}.`, ''] : []),
    ...batchTable(fleet.batches ?? [], fleet.stop),
    `| status | instance | region / AZ | type | lifecycle | $/h | address | running | ssh ready | uploaded | active |${linked ? ' links |' : ''}`,
    `|---|---|---|---|---|---|---|---|---|---|---|${linked ? '---|' : ''}`,
    ...results.map((r) => row(r, services)),
    '',
    '| totals | |',
    '|---|---|',
    `| instances | ${ready} ready, ${failed} failed${skipped ? `, ${skipped} skipped (not touched, on their previous release)` : ''}${fleet.shortfall ? `, ${fleet.shortfall} not launched` : ''}; ${spot} spot, ${results.length - spot} on-demand; ${results.filter((r) => r.adopted).length} adopted |`,
    `| fleet cost | $${cost.usd.toFixed(4)}/h for the ${ready} ready instance(s) at the spot prices paid${cost.unknown ? ` (${cost.unknown} of them at an unknown price: on-demand, or no price from EC2)` : ''} |`,
    `| user-data | ${p.userData.bytes} of ${USER_DATA_LIMIT} bytes (${percent(p.userData.bytes, USER_DATA_LIMIT)})${p.userData.gzipped ? ', gzip' : ''} |`,
    `| bundle | ${formatBytes(p.bundle.bytes)}, ${p.bundle.fileCount} files, sha256 \`${p.bundle.sha256}\` |`,
    `| artifact | ${links.artifact ? `[bundle and user-data](${links.artifact})` : '–'} |`,
    `| cleanup | ${plan.inputs.cleanup}${plan.expiresAt ? `; instances expire at ${plan.expiresAt}` : ''} |`,
    '',
    ...(launch.length > 0
      ? [
          '<details><summary>launch errors</summary>',
          '',
          '| region | lifecycle | type | zone / subnet | code | message |',
          '|---|---|---|---|---|---|',
          ...launch,
          '',
          '</details>',
          '',
        ]
      : []),
  ].join('\n');
  const left = SUMMARY_BUDGET - Buffer.byteLength(head);
  return [head, ...failureBlocks(results, left), ''].join('\n');
}
