import type { BundleResult } from '../bundle/build.js';
import { USER_DATA_LIMIT, type UserData } from '../cloud-init/render.js';
import type { Plan } from '../inputs/plan.js';
import { sshAccessText, worldOpenWarning } from '../inputs/runner-ip.js';
import { cell, formatBytes, percent } from './markdown.js';

/** The step summary of a dry run: what a deploy with these inputs would launch and send. */
export function renderPlanSummary(plan: Plan, userData: UserData, bundle: BundleResult): string {
  const i = plan.inputs;
  const rows = plan.regions.map(
    (r) =>
      `| ${cell(r.region)} | ${r.count === 0 ? '0 (fallback)' : r.count} | ${cell(i.instanceTypes.join(', '))} | ${cell(i.ami)} (${i.architecture}) |`,
  );
  const parts = userData.parts.map((p) => `| ${cell(p.name)} | ${p.bytes} |`);
  const lines = [
    `## spot-deploy plan: \`${plan.deploymentId}\``,
    '',
    'Dry run: nothing was launched. A deploy with these inputs would start:',
    '',
    '| region | instances | instance types (spot) | image |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Total **${i.count}** instance(s), ready needed: ${i.minReady}; on-demand fallback: ${i.onDemandFallback ? 'yes' : 'no'}; max price: ${i.maxPrice ? `$${i.maxPrice}/h` : 'on-demand price'}; time to live: ${i.ttlMinutes === 0 ? 'none' : `${i.ttlMinutes} min`}${plan.expiresAt ? ` (until ${plan.expiresAt})` : ''}; cleanup: ${i.cleanup}.`,
    '',
    `SSH (TCP ${i.sshPort}) open to: ${sshAccessText(i)}.`,
    ...(i.securityGroupIds.length === 0 && worldOpenWarning(i.sshCidrs, i.sshPort)
      ? ['', `> [!WARNING]`, `> ${worldOpenWarning(i.sshCidrs, i.sshPort) ?? ''}`]
      : []),
    '',
    '| size | value | limit | used |',
    '|---|---|---|---|',
    `| user-data${userData.gzipped ? ' (gzip)' : ''} | ${userData.bytes} B | ${USER_DATA_LIMIT} B | ${percent(userData.bytes, USER_DATA_LIMIT)} |`,
    `| bundle content | ${formatBytes(bundle.treeBytes)} in ${bundle.fileCount} files | ${formatBytes(i.bundleMaxBytes)} | ${percent(bundle.treeBytes, i.bundleMaxBytes)} |`,
    `| bundle archive | ${formatBytes(bundle.bytes)} | | |`,
    '',
    `Bundle sha256: \`${bundle.sha256}\``,
    '',
    '<details><summary>user-data bytes by part</summary>',
    '',
    '| part | bytes |',
    '|---|---|',
    ...parts,
    '',
    '</details>',
    '',
  ];
  return lines.join('\n');
}
