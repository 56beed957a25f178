import { USER_DATA_LIMIT } from '../cloud-init.js';
import type { Plan } from '../plan.js';
import type { Prepared } from '../prepare.js';
import { cell, formatBytes } from '../report.js';
import type { Provisioned } from './provision.js';
import type { InstanceResult } from './results.js';

const secs = (ms: number | undefined): string =>
  ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;

/** Escapes text for a `<pre>` block inside the summary's HTML. */
function pre(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The step summary of a deploy: one row per instance, totals, sizes, and each failure's detail. */
export function renderDeploySummary(
  plan: Plan,
  p: Prepared,
  results: readonly InstanceResult[],
  fleet: Pick<Provisioned, 'launchErrors' | 'shortfall'>,
  verdictLine: string,
): string {
  const ready = results.filter((r) => r.status === 'ready').length;
  const rows = results.map(
    (r) =>
      `| ${r.status === 'ready' ? '✅ ready' : `❌ failed (${cell(r.step ?? '?')})`} | \`${r.id}\`${r.adopted ? ' (adopted)' : ''} | ${cell(r.region)} / ${cell(r.availabilityZone ?? '–')} | ${cell(r.instanceType)} | ${r.lifecycle} | ${cell(r.publicIp ?? r.privateIp ?? '–')} | ${secs(r.timings.runningMs)} | ${secs(r.timings.sshReadyMs)} | ${secs(r.timings.uploadedMs)} | ${secs(r.timings.activeMs)} |`,
  );
  const failures = results
    .filter((r) => r.status === 'failed')
    .map((r) =>
      [
        `<details><summary>${pre(r.id)}: failed at ${pre(r.step ?? '?')}</summary>`,
        '',
        `<pre>${pre([r.error ?? '', r.diagnostics ?? ''].filter(Boolean).join('\n\n'))}</pre>`,
        '',
        '</details>',
      ].join('\n'),
    );
  const launch = fleet.launchErrors.map(
    (e) =>
      `| ${cell(e.region)} | ${e.lifecycle} | ${cell(e.instanceType ?? '–')} | ${cell(e.availabilityZone ?? e.subnetId ?? '–')} | ${cell(e.code)} | ${cell(e.message)} |`,
  );
  return [
    `## spot-deploy: \`${plan.deploymentId}\` — ${ready}/${results.length + fleet.shortfall} ready`,
    '',
    verdictLine.split('\n')[0] ?? '',
    '',
    '| status | instance | region / AZ | type | lifecycle | address | running | ssh | uploaded | active |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Bundle \`${p.bundle.sha256}\` (${formatBytes(p.bundle.bytes)}, ${p.bundle.fileCount} files) · user-data ${p.userData.bytes} of ${USER_DATA_LIMIT} bytes${plan.expiresAt ? ` · expires ${plan.expiresAt}` : ''} · cleanup: ${plan.inputs.cleanup}`,
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
    ...failures,
    '',
  ].join('\n');
}
